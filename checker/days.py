"""Find where outlets put one event on different days.

«وكان القارب قد أبحر مساء الأربعاء على أن يعود مساء يوم أمس الأول الخميس» in the paper of
Saturday, the same sentence in a paper of Sunday: there «أمس الأول» is Friday, and the
sentence still says Thursday. A day is compared only where it is surely one event's:

* the **same sentence** in two outlets (a wire text, or a copy published a day later with its
  relative day left unchanged), each naming its day itself, right with the figure: a
  «أمس الأول», or a clock time said with «مساء أمس» or after «صباح اليوم» in its sentence (a
  day only inferred from the publication date proves nothing);
* days one or two apart, in articles published at most three days apart.

Which outlet has the day wrong: the one whose relative day contradicts the weekday it names
with it («اليوم الأحد» in a Monday paper), else the one fewer outlets agree with, else the
later article of two (a copy left with yesterday's «أمس» is the later one). Such a mention
contradicts itself as well: :func:`relative_weekday_findings` reports it for
``within_article.weekday_mismatch``, with or without another outlet to compare.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from itertools import combinations
from typing import Any

import polars as pl

from .compare import Claim
from .dates import day_said
from .evidence import agree_note, make_finding
from .figure_context import SAME_WORDS, similarity
from .lexicon import load_lexicon
from .normalize import fold
from .rules import Rule, Suites

WEEKDAY_NAMES = {1: "الاثنين", 2: "الثلاثاء", 3: "الأربعاء", 4: "الخميس", 5: "الجمعة", 6: "السبت", 7: "الأحد"}
MAX_DAYS_APART = 2  # «أمس» against «أول من أمس»: one slipped day, or two
SMALL_HOURS_END = 6  # a text put online before 06:00 may still speak of the day before as today
MAX_PUBLISHED_APART = dt.timedelta(days=3)


def day_findings(claims: pl.DataFrame, stories: dict[str, str], suites: Suites) -> list[dict[str, Any]]:
    """Findings for outlets that put one sentence of a story on different days."""
    rule = suites.by_kind("day_conflict")
    if rule is None:
        return []
    by_story: dict[str, list[Claim]] = defaultdict(list)
    for c in _relative_days(claims):
        story = stories.get(c["doc_id"])
        if story is not None and read_day(c):
            c["story"] = story
            by_story[story].append(c)
    findings = []
    for story in sorted(by_story):
        for a, b, agreeing in _outliers(_same_sentences(by_story[story])):
            fields = {"outlet_a": a["outlet"], "outlet_b": b["outlet"], "value_a": a["date"][:10],
                      "value_b": b["date"][:10]}
            finding = make_finding(rule, [a, b, *agreeing], (story, "date", "day", None), fields, core=2)
            finding["message"] += agree_note({c["outlet"] for c in agreeing}, b["outlet"])
            findings.append(finding)
    return findings


def _relative_days(claims: pl.DataFrame) -> list[Claim]:
    """The day claims read from «أمس الأول» or a clock time (not a date written out in full), in dated articles."""
    if claims.is_empty() or "form" not in claims.columns:
        return []
    return claims.filter(
        (pl.col("kind") == "date") & pl.col("form").is_in(["time", "date"]) & pl.col("published_at").is_not_null()
        & (pl.col("date").str.len_chars() >= 10)
        & ((pl.col("form") == "time") | ~pl.col("number_text").str.contains(r"[0-9٠-٩]"))
    ).to_dicts()


def read_day(c: Claim) -> bool:
    """Read the day said with the claim and the weekday named with it; False when no day is said there.

    Sets ``c["_weekday"]`` (the ISO weekday named right after the day, or None) and
    ``c["_stale"]`` (True when that weekday is not the day's: «أمس الأول الخميس» in a Sunday paper).
    """
    sentence = c.get("sentence") or ""
    at = c["start"] - (c.get("sentence_start") or 0)
    start = len(fold(sentence[:at]).text)  # the folded prefix's length is the folded offset
    end = start + len(fold(sentence[at : at + c["end"] - c["start"]]).text)
    folded = fold(sentence).text
    said = day_said(folded, start, end, c["form"] == "time")
    if said is None:
        return False
    weekday = _weekday_after(folded, said[1])
    c["_weekday"] = weekday
    c["_stale"] = weekday is not None and dt.date.fromisoformat(c["date"][:10]).isoweekday() != weekday
    return True


def _weekday_after(folded: str, pos: int) -> int | None:
    """The ISO weekday named right after a relative day («أمس الأول الخميس»، «اليوم الموافق الاثنين»)."""
    words = folded[pos : pos + 30].split()
    if words and words[0] == "الموافق":
        words = words[1:]
    return load_lexicon().weekdays.get(words[0].strip("،,.")) if words else None


def _same_sentences(told: list[Claim]) -> list[tuple[Claim, Claim]]:
    """Pairs of day mentions from two outlets said in the same words."""
    return [(a, b) for a, b in combinations(told, 2)
            if a["outlet"] != b["outlet"] and a["form"] == b["form"] and _published_near(a, b)
            and similarity(a, b) >= SAME_WORDS]


def _published_near(a: Claim, b: Claim) -> bool:
    try:
        gap = abs(dt.datetime.fromisoformat(a["published_at"]) - dt.datetime.fromisoformat(b["published_at"]))
    except (TypeError, ValueError):
        return False
    return gap <= MAX_PUBLISHED_APART


def _days_apart(a: Claim, b: Claim) -> int:
    return abs((dt.date.fromisoformat(a["date"][:10]) - dt.date.fromisoformat(b["date"][:10])).days)


def _outliers(pairs: list[tuple[Claim, Claim]]) -> list[tuple[Claim, Claim, list[Claim]]]:
    """Each mention whose day is wrong: (it, the best counterpart, the others that agree with the counterpart)."""
    linked: dict[str, list[Claim]] = defaultdict(list)
    for a, b in pairs:
        linked[a["claim_id"]].append(b)
        linked[b["claim_id"]].append(a)
    claims = {c["claim_id"]: c for pair in pairs for c in pair}

    def support(c: Claim) -> int:
        day = c["date"][:10]
        return len({c["outlet"]} | {o["outlet"] for o in linked[c["claim_id"]] if o["date"][:10] == day})

    def wrong(c: Claim, other: Claim) -> bool:
        """True when ``c`` rather than ``other`` has the day wrong."""
        if c["_stale"] != other["_stale"]:
            return c["_stale"]
        if support(c) != support(other):
            return support(c) < support(other)
        return (c["published_at"] or "") > (other["published_at"] or "")

    out: dict[str, tuple[Claim, Claim, list[Claim]]] = {}
    for cid, c in sorted(claims.items(), key=lambda kv: (kv[1]["published_at"], kv[1]["doc_id"], kv[1]["start"])):
        against = [o for o in linked[cid] if 1 <= _days_apart(c, o) <= MAX_DAYS_APART and wrong(c, o)]
        if not against:
            continue
        best = max(against, key=lambda o: (not o["_stale"], support(o), similarity(c, o)))
        agreeing = [o for o in linked[best["claim_id"]]
                    if o["date"][:10] == best["date"][:10] and o["outlet"] not in (best["outlet"], c["outlet"])]
        out[cid] = (c, best, agreeing[:3])
    return list(out.values())


def relative_weekday_findings(claims: pl.DataFrame, stories: dict[str, str], rule: Rule) -> list[dict[str, Any]]:
    """A relative day whose named weekday is another day: «أمس الأول الخميس» in a Sunday paper (a Friday)."""
    findings = []
    for c in _relative_days(claims):
        if not read_day(c) or not c["_stale"] or rule.waived([c["sentence"]]):
            continue
        day = dt.date.fromisoformat(c["date"][:10])
        if _written_the_evening_before(c, day):
            continue
        c["story"] = stories.get(c["doc_id"])
        fields = {"value_a": f"{c['number_text']} ({day.isoformat()})", "value_b": WEEKDAY_NAMES[c["_weekday"]],
                  "value_c": WEEKDAY_NAMES[day.isoweekday()]}
        findings.append(make_finding(rule, [c], (c["story"], "date", "date", None), fields))
    return findings


def _written_the_evening_before(c: Claim, day: dt.date) -> bool:
    """True when a text put online in the small hours names the day before's weekday: written before midnight.

    «حتى الساعة 5:30 مساء هذا اليوم الاثنين» published at 02:39 on Tuesday was Monday's text.
    """
    try:
        published = dt.datetime.fromisoformat(c["published_at"])
    except (TypeError, ValueError):
        return False
    return published.hour < SMALL_HOURS_END and (day - dt.timedelta(days=1)).isoweekday() == c["_weekday"]
