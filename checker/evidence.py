"""A finding as the outputs carry it: the rule, its message, and the claims it quotes as evidence."""

from __future__ import annotations

import hashlib
from collections import defaultdict
from collections.abc import Callable
from datetime import datetime
from typing import Any

import regex

from .compare import Claim, describe_key, published_time, scope_class, show_value, told_by
from .rules import Rule

EVIDENCE = ("claim_id", "doc_id", "start", "end", "number_text", "value", "low", "high", "qualifier",
            "unit", "unit_text", "predicate", "side", "outlet", "source", "published_at", "sentence", "path",
            "line", "column", "in_title", "scope", "sentence_start")


def make_finding(
    rule: Rule, claims: list[Claim], key: tuple, fields: dict[str, str], *, core: int | None = None
) -> dict[str, Any]:
    """A finding of ``rule`` quoting ``claims``; its fingerprint hashes the first ``core`` of them.

    The fingerprint is content-based (rule, quantity, and each core claim's article, number
    and sentence: no offsets, no story numbers), so a baseline survives unrelated edits and
    an outlet joining the agreeing side does not make an old finding new.
    """
    side = next((c["side"] for c in claims if c.get("side")), None)
    quantity = describe_key((*key[:4], side))
    message = rule.message.format_map(defaultdict(str, quantity=quantity, **fields))
    evidence = [{k: c.get(k) for k in EVIDENCE} for c in claims]
    arabic = None
    if rule.message_ar:
        said = {f"said_{x}": as_written(c) for x, c in zip("abc", claims, strict=False)}
        arabic = rule.message_ar.format_map(defaultdict(str, **fields, **said))
    basis_claims = claims[:core] if core else claims
    basis = "|".join([rule.id, quantity,
                      *sorted(f"{c['doc_id']}:{c['number_text']}:{c['sentence']}" for c in basis_claims)])
    return {
        "rule": rule.id,
        "severity": rule.severity,
        "message": message,
        "story": key[0],
        "quantity": quantity,
        "fingerprint": hashlib.sha1(basis.encode("utf-8")).hexdigest()[:20],
        **({"message_ar": arabic} if arabic else {}),
        "claims": evidence,
    }


HEDGES_AR = {"at_least": "ما لا يقل عن ", "more_than": "أكثر من ", "about": "نحو ", "at_most": "ما لا يزيد على ",
             "less_than": "أقل من "}
SCOPES_AR = {"total": "الإجمالي", "last_24h": "آخر 24 ساعة", "two_days": "يومان", "daily": "يوميا", "weekly": "أسبوعيا",
             "monthly": "شهريا", "yearly": "سنويا", "first_quarter": "الربع الأول", "second_quarter": "الربع الثاني",
             "third_quarter": "الربع الثالث", "fourth_quarter": "الربع الرابع", "first_half": "النصف الأول",
             "second_half": "النصف الثاني", "opening_days": "الأيام الأولى", "closing_days": "الأيام الأخيرة"}


def as_written(c: Claim) -> str:
    """A figure quoted as the article writes it, with its counted noun: «33 جنديا», «أكثر من 300»."""
    sentence, number = c.get("sentence") or "", c.get("number_text") or ""
    at = (c["start"] - c["sentence_start"]) if c.get("sentence_start") is not None else sentence.find(number)
    if not (at >= 0 and sentence[at : at + len(number)] == number):
        return f"«{number}»"
    words = sentence[at + len(number) :].split()
    unit = c.get("unit_text") or ""
    first = words[0].rstrip("،,.#»\"") if words else ""
    tail = f" {first}" if first and unit and first.endswith(unit.split()[-1]) else ""
    hedge = HEDGES_AR.get(c.get("qualifier") or "", "")
    return f"«{hedge}{number}{tail}»"


def pair_fields(a: Claim, b: Claim) -> dict[str, str]:
    """The message fields of a pair of claims: outlets, values, sources, scopes, times."""
    return {
        "outlet_a": a["outlet"], "outlet_b": b["outlet"],
        "value_a": show_value(a), "value_b": show_value(b),
        "source_a": told_by(a) or a["outlet"], "source_b": told_by(b) or b["outlet"],
        "scope_a": scope_class(a), "scope_b": scope_class(b),
        "time_a": a["published_at"] or "?", "time_b": b["published_at"] or "?",
        "scope_ar_a": SCOPES_AR.get(scope_class(a), scope_class(a)),
        "scope_ar_b": SCOPES_AR.get(scope_class(b), scope_class(b)),
    }


_AGREE_NOTE = regex.compile(r" \([^()]* agrees? with [^()]*\)$")


def agree_note(outlets: set[str], counterpart: str) -> str:
    """« (alriyadh, okaz agree with sabq)»: the other outlets that give the counterpart's figure, or nothing."""
    names = sorted(outlets - {counterpart})
    if not names:
        return ""
    return f" ({', '.join(names)} {'agrees' if len(names) == 1 else 'agree'} with {counterpart})"


def merge_outliers(findings: list[dict[str, Any]], rule_id: str) -> list[dict[str, Any]]:
    """One finding for one outlier that two quantities of people name: «30 مصابا» and «نحو 30 آخرين» against 20.

    The suites compare the nouns as read, so an outlet's 20 injured meets one outlet's «30
    مصابا» under one key and two outlets' «أصيب نحو 30» under another. Both are the same
    disagreement: the findings that set one article's figure against the same value (same story,
    same predicate) become one, quoting every agreeing figure.
    """
    merged: list[dict[str, Any]] = []
    home: dict[tuple, dict[str, Any]] = {}
    for f in findings:
        core = f["claims"][:2] if f["rule"] == rule_id else []
        if len(core) < 2 or core[0]["predicate"] != core[1]["predicate"]:
            merged.append(f)
            continue
        keys = [(f["story"], c["predicate"], c["doc_id"], c["value"], other["value"])
                for c, other in ((core[0], core[1]), (core[1], core[0]))]
        target = next((home[k] for k in keys if k in home), None)
        if target is None:
            merged.append(f)
            for k in keys:
                home[k] = f
            continue
        seen = {c["claim_id"] for c in target["claims"]}
        target["claims"].extend(c for c in f["claims"] if c["claim_id"] not in seen)
        outlier = next(c for c in target["claims"][:2] if (c["doc_id"], c["value"]) in {(k[2], k[3]) for k in keys})
        counterpart = next(c for c in target["claims"][:2] if c is not outlier)
        others = {c["outlet"] for c in target["claims"] if c["doc_id"] != outlier["doc_id"]}
        target["message"] = _AGREE_NOTE.sub("", target["message"]) + agree_note(others, counterpart["outlet"])
    return merged


_EPOCH = datetime(1970, 1, 1)


def published_seconds(c: Claim) -> float:
    """When a claim's article was published, in seconds of its wall-clock time (0 when unknown)."""
    when = published_time(c)
    return (when - _EPOCH).total_seconds() if when else 0.0


def outlier_findings(rule: Rule, story: str, told: list[Claim], key: tuple, *, same: Callable[[Claim, Claim], bool],
                     likeness: Callable[[Claim, Claim], int] = lambda a, b: 0,
                     fields: dict[str, str] | None = None,
                     show: Callable[[Claim], str] = show_value) -> list[dict[str, Any]]:
    """Set each figure most outlets do not give against an outlet that gives the usual one.

    ``told`` holds one claim per article, all of one quantity; ``same`` says when two agree.
    The usual figure is the one most outlets give (the earliest told, on a tie); each other
    figure is quoted against the outlet that tells it most alike (``likeness``), the
    nearest-dated on a tie; the other outlets that agree are named and quoted after it. ``fields`` are
    more message fields; ``show`` writes a figure in the message (a year as «1983»).
    """
    classes: list[list[Claim]] = []
    for c in sorted(told, key=lambda c: (c["published_at"] or "", c["doc_id"])):
        home = next((cls for cls in classes if same(cls[0], c)), None)
        if home is None:
            classes.append([c])
        else:
            home.append(c)
    if len(classes) < 2:
        return []
    usual = max(classes, key=len)
    findings = []
    for a in (c for cls in classes if cls is not usual for c in cls):
        others = [c for c in usual if c["outlet"] != a["outlet"]]
        if not others:
            continue
        b = max(others, key=lambda c: (likeness(a, c), -abs(published_seconds(c) - published_seconds(a))))
        a["story"] = b["story"] = story
        said = {**pair_fields(a, b), "value_a": show(a), "value_b": show(b), **(fields or {})}
        agreeing = [c for c in usual if c is not b and c["outlet"] != a["outlet"]]
        finding = make_finding(rule, [a, b, *agreeing], key, said, core=2)
        finding["message"] += agree_note({c["outlet"] for c in usual} - {a["outlet"]}, b["outlet"])
        findings.append(finding)
    return findings


def one_per_article(pairs: list[tuple[Claim, Claim]]) -> list[list[Claim]]:
    """Join pairs of claims that tell one thing (a goal's minute, a sentence's date) into groups, one claim per article.

    A group that two claims of one article join is dropped: it cannot tell which is meant.
    """
    parent: dict[str, str] = {}
    by_id: dict[str, Claim] = {}

    def root(x: str) -> str:
        while parent.setdefault(x, x) != x:
            x = parent[x]
        return x

    for a, b in pairs:
        by_id[a["claim_id"]], by_id[b["claim_id"]] = a, b
        parent[root(a["claim_id"])] = root(b["claim_id"])
    groups: dict[str, list[Claim]] = defaultdict(list)
    for cid, c in by_id.items():
        groups[root(cid)].append(c)
    return [told for told in groups.values() if len({c["doc_id"] for c in told}) == len(told)]

