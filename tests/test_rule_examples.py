"""Every rule's Arabic examples run as tests: each `fail` example raises the rule, each `pass` example does not.

The examples live in ``rules/suites/*.yaml`` next to the rule they illustrate (as sqlfluff's
anti-pattern / best-practice fixtures do). An example is a list of articles (``outlet``,
``text`` and optionally ``published_at``), all of them covering one story.
"""

from __future__ import annotations

import pytest

from checker.api import claims_of
from checker.article import Article
from checker.findings import run_rules
from checker.rules import load_suites
from checker.stories import wire_copies

SUITES = load_suites()
CASES = [
    pytest.param(rule, verdict, example, id=f"{rule.id}-{verdict}-{i}")
    for rule in SUITES.rules
    for verdict in ("fail", "pass")
    for i, example in enumerate(rule.examples.get(verdict, []))
]


def _findings(example: list[dict]) -> list[dict]:
    articles = [
        Article(doc_id=f"{i}_{a['outlet']}.txt", text=a["text"], outlet=a["outlet"], published_at=a.get("published_at"))
        for i, a in enumerate(example)
    ]
    claims = claims_of(articles, workers=1)
    stories = {a.doc_id: "S1" for a in articles}
    copies = frozenset(wire_copies([(a.doc_id, a.text) for a in articles], stories))
    return run_rules(claims, stories, SUITES, copies, {a.doc_id: a.text for a in articles})


def test_every_rule_has_examples_both_ways_and_an_arabic_message():
    for rule in SUITES.rules:
        assert rule.examples.get("fail"), f"{rule.id} has no failing example"
        assert rule.examples.get("pass"), f"{rule.id} has no passing example"
        assert rule.message_ar, f"{rule.id} has no message_ar"


@pytest.mark.parametrize(("rule", "verdict", "example"), CASES)
def test_rule_example(rule, verdict, example):
    fired = [f for f in _findings(example) if f["rule"] == rule.id]
    if verdict == "fail":
        assert fired, f"{rule.id} did not fire on its failing example"
        for f in fired:
            assert all(c["sentence"] for c in f["claims"]), "every finding quotes its evidence"
            assert f["message_ar"] and "{" not in f["message_ar"], f["message_ar"]
    else:
        assert not fired, f"{rule.id} fired on its passing example: {fired[0]['message']}"
