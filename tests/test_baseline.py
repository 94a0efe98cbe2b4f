"""Baselines: adopt the check on an archive, then report only new findings."""

from __future__ import annotations

import json

import pytest

from checker.article import Article
from checker.baseline import (
    DEFAULT_REASON,
    BaselineError,
    apply_baseline,
    load_baseline,
    stale_entries,
    write_baseline,
)
from checker.findings import check_articles
from checker.findings_formats import as_json
from checker.yamlio import DataError

HEADLINE = "إخلاء 25 شخصا إثر حريق بمكة\n\nوتم إخلاء 35 شخصا من المبنى."
UNRELATED = "\n\nوقال شاهد عيان إن الطقس كان حارا جدا في ذلك اليوم."
WIRE_A = "قتل 33 جنديا تركيا في الهجوم."
WIRE_B = "قتل 36 جنديا تركيا في الهجوم."
OTHER = "افتتح وزير التعليم مدرسة جديدة في جدة تضم 40 فصلا دراسيا."


def findings(*articles: Article) -> list[dict]:
    return check_articles(list(articles), workers=1)["discrepancies"]


def _f(fp: str, rule: str = "r.x", message: str = "m") -> dict:
    return {"fingerprint": fp, "rule": rule, "message": message, "severity": "error", "claims": []}


def test_fingerprints_do_not_change_when_unrelated_text_moves():
    before = findings(Article("p.txt", HEADLINE, "paper"))
    title, body = HEADLINE.split("\n\n", 1)
    after = findings(Article("p.txt", f"{title}{UNRELATED}\n\n{body}", "paper"))
    assert [f["rule"] for f in before] == ["within_article.headline_vs_body"]
    assert before[0]["claims"][1]["start"] != after[0]["claims"][1]["start"]  # the number moved ...
    assert [f["fingerprint"] for f in before] == [f["fingerprint"] for f in after]  # ... its finding did not


def test_fingerprints_do_not_depend_on_story_numbers():
    pair = [Article("a.txt", WIRE_A, "wire_a"), Article("b.txt", WIRE_B, "wire_b")]
    before = findings(*pair)
    after = findings(Article("0.txt", OTHER, "wire_c"), *pair)  # an earlier, unrelated story
    assert before and [f["fingerprint"] for f in before] == [f["fingerprint"] for f in after]


def test_adoption_reports_only_new_findings(tmp_path):
    archive = [Article("p.txt", HEADLINE, "paper")]
    path = tmp_path / "raqm-baseline.json"
    assert write_baseline(findings(*archive), path) == 1
    today = findings(*archive, Article("a.txt", WIRE_A, "wire_a"), Article("b.txt", WIRE_B, "wire_b"))
    new, suppressed = apply_baseline(today, load_baseline(path))
    assert [f["rule"] for f in new] == ["cross_outlet.value_conflict"]
    assert [f["rule"] for f in suppressed] == ["within_article.headline_vs_body"]
    assert suppressed[0]["suppressed"] == {"kind": "baseline", "reason": DEFAULT_REASON}


def test_the_file_is_sorted_json_with_a_reason_per_entry(tmp_path):
    path = tmp_path / "b.json"
    write_baseline([_f("b2"), _f("a1"), _f("b2")], path, reason="accepted by the desk, 2026-11")
    data = json.loads(path.read_text(encoding="utf-8"))
    assert data["version"] == 1 and data["tool"] == "raqm"
    assert [e["fingerprint"] for e in data["findings"]] == ["a1", "b2"]
    assert {e["reason"] for e in data["findings"]} == {"accepted by the desk, 2026-11"}
    assert set(data["findings"][0]) == {"fingerprint", "rule", "message", "reason"}
    assert [p.name for p in tmp_path.iterdir()] == ["b.json"]  # no temporary file left behind


def test_rewriting_keeps_hand_edited_reasons(tmp_path):
    path = tmp_path / "b.json"
    write_baseline([_f("a1"), _f("b2")], path)
    data = json.loads(path.read_text(encoding="utf-8"))
    data["findings"][0]["reason"] = "the outlets were asked; both stand by their figure"
    path.write_text(json.dumps(data), encoding="utf-8")
    write_baseline([_f("a1"), _f("c3")], path)
    reasons = {fp: e["reason"] for fp, e in load_baseline(path).items()}
    assert reasons == {"a1": "the outlets were asked; both stand by their figure", "c3": DEFAULT_REASON}


def test_apply_does_not_modify_the_findings():
    items = [_f("a1"), _f("b2")]
    new, suppressed = apply_baseline(items, {"b2": {"fingerprint": "b2", "reason": "known"}})
    assert new == [items[0]] and suppressed[0]["suppressed"]["reason"] == "known"
    assert "suppressed" not in items[1]


def test_stale_entries_are_those_no_finding_matches():
    baseline = {"a1": {"fingerprint": "a1", "reason": "x"}, "z9": {"fingerprint": "z9", "reason": "y"}}
    assert [e["fingerprint"] for e in stale_entries([_f("a1")], baseline)] == ["z9"]


def test_check_json_output_is_accepted_as_a_baseline(tmp_path):
    result = check_articles([Article("p.txt", HEADLINE, "paper")], workers=1)
    path = tmp_path / "check.json"
    path.write_text(as_json(result), encoding="utf-8")
    assert set(load_baseline(path)) == {f["fingerprint"] for f in result["discrepancies"]}


@pytest.mark.parametrize(("content", "problem"), [
    (None, ":0: baseline file not found"),
    ('{"findings": [\n  {"fingerprint": "a"},\n  oops\n]}', ":3: not valid JSON"),
    ('["a", "b"]', ":1: a baseline is a JSON object with a `findings` list"),
    ('{"findings": [{"rule": "x"}]}', ":0: entry 1 of the baseline has no `fingerprint` string"),
    ('{"version": 7, "findings": []}', ":1: baseline version 7 is not 1"),
])
def test_a_bad_baseline_names_its_path_and_line(tmp_path, content, problem):
    path = tmp_path / "bad.json"
    if content is not None:
        path.write_text(content, encoding="utf-8")
    with pytest.raises(BaselineError) as err:
        load_baseline(path)
    assert str(err.value).startswith(f"{path}{problem}")
    assert isinstance(err.value, DataError)  # the command line's existing handler reports it and exits 2
