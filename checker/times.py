"""Find where outlets put the one moment of an event they tell at different clock times.

«سقوط مقذوف … الساعة الخامسة والنصف عصر أمس» in one outlet, «باشروا بلاغاً في تمام الساعة
5:20 من عصر هذا اليوم» in three others: the Civil Defence call came at one time. A time of day
is compared only where the comparison is safe:

* each of the two articles names **one moment** on that day (an article with the crash at 14:08
  and the report at 18:02 tells two moments, and which is which is anyone's guess);
* both fall on the **same day** as the articles resolve it («عصر أمس» in the next morning's paper);
* they are **at most 45 minutes apart**: further apart, they are two moments of a story (two
  attacks one statement reports, at 9:00 and at 10:20), not one moment told twice;
* a time written to the hour («الساعة الثامنة صباحا») allows half an hour either way; a time
  written to the minute, none. A time on another clock («1.30 توقيت غرينتش», «6 م بتوقيت
  النمسا», «بالتوقيت المحلي» abroad) is compared only with times on the same clock.

Two named sources that give different times (the Red Crescent's call at 12:23, Health
Affairs' notice at 12:30) are a sourced disagreement, as for any figure.
"""

from __future__ import annotations

from collections import defaultdict
from typing import Any

import polars as pl
import regex

from .compare import Claim, same_source, told_by
from .evidence import agree_note, make_finding
from .normalize import fold
from .rules import Suites
from .verdicts import named_source

MAX_GAP_MINUTES = 45  # further apart, two times of a story are two moments (two attacks 80 minutes apart)
HOUR_ONLY_MINUTES = 30  # «الساعة الثامنة» is any time around eight
_CLOCK = regex.compile(r"(?:توقيت|بتوقيت|بالتوقيت)\s+(\p{L}+)|(GMT|UTC)", regex.IGNORECASE)
_HOME_CLOCKS = frozenset({"مكه", "السعوديه", "الرياض", "المملكه"})  # the Saudi clock every unlabelled time is on
_MINUTES_WRITTEN = regex.compile(r"\d\s*[:.,٫]\s*\d")


def time_findings(claims: pl.DataFrame, stories: dict[str, str], suites: Suites) -> list[dict[str, Any]]:
    """Findings for outlets that put one moment of a story at clock times that cannot both hold."""
    rule = suites.by_kind("time_conflict")
    if rule is None or claims.is_empty() or "form" not in claims.columns:
        return []
    times = claims.filter((pl.col("form") == "time") & pl.col("date").is_not_null() & pl.col("value").is_not_null())
    by_story: dict[str, dict[str, list[Claim]]] = defaultdict(lambda: defaultdict(list))
    for c in times.to_dicts():
        story = stories.get(c["doc_id"])
        if story is not None:
            c["story"], c["_clock"] = story, _clock(c)
            by_story[story][c["doc_id"]].append(c)
    sourced = suites.by_kind("sourced_disagreement")
    findings = []
    for story in sorted(by_story):
        moments = [m for m in (_one_moment(cs) for cs in by_story[story].values()) if m is not None]
        for a, b, agreeing in _outliers(moments):
            fields = {"outlet_a": a["outlet"], "outlet_b": b["outlet"], "value_a": _shown(a), "value_b": _shown(b),
                      "source_a": told_by(a) or "", "source_b": told_by(b) or ""}
            key = (story, "date", "time of day", None)
            if _two_sources(a, b) and sourced is not None:
                findings.append(make_finding(sourced, [a, b], key, fields, core=2))
                continue
            finding = make_finding(rule, [a, b, *agreeing], key, fields, core=2)
            finding["message"] += agree_note({c["outlet"] for c in agreeing}, b["outlet"])
            findings.append(finding)
    return findings


def _clock(c: Claim) -> str | None:
    """The clock a time is given on, when the article names one other than Saudi time («توقيت غرينتش»)."""
    sentence, at = c.get("sentence") or "", c["end"] - (c.get("sentence_start") or 0)
    m = _CLOCK.search(fold(sentence[at : at + 30]).text)
    if m is None:
        return None
    name = (m.group(1) or m.group(2)).upper()
    return None if name in _HOME_CLOCKS else name


def _one_moment(times: list[Claim]) -> Claim | None:
    """An article's time of its event: its first time, when every time it gives is that one moment."""
    first = min(times, key=lambda c: c["start"])
    if all(_apart(first, c) == 0 and c["date"][:10] == first["date"][:10] for c in times):
        return first
    return None


def _minutes(c: Claim) -> int:
    hour, minute = c["date"][11:16].split(":")
    return int(hour) * 60 + int(minute)


def _apart(a: Claim, b: Claim) -> int:
    """Minutes between two clock times, on a twelve-hour dial («5:20» may be 17:20)."""
    gap = abs(_minutes(a) - _minutes(b)) % 720
    return min(gap, 720 - gap)


def _hour_only(c: Claim) -> bool:
    """True for a time written to the hour: «الساعة الثامنة», «8 مساء» (not «8:00», «الثامنة والنصف»)."""
    return float(c["value"]).is_integer() and not _MINUTES_WRITTEN.search(c.get("number_text") or "")


def _comparable(a: Claim, b: Claim) -> bool:
    """True for two times on one clock, on one day, of two outlets, close enough to be one moment."""
    return (a["outlet"] != b["outlet"] and a.get("_clock") == b.get("_clock")
            and a["date"][:10] == b["date"][:10] and _apart(a, b) <= MAX_GAP_MINUTES)


def _compatible(a: Claim, b: Claim) -> bool:
    allowed = HOUR_ONLY_MINUTES if (_hour_only(a) or _hour_only(b)) else 0
    return _apart(a, b) <= allowed


def _two_sources(a: Claim, b: Claim) -> bool:
    sa, sb = told_by(a), told_by(b)
    return named_source(sa) and named_source(sb) and not same_source(sa, sb)


def _outliers(moments: list[Claim]) -> list[tuple[Claim, Claim, list[Claim]]]:
    """Each article whose moment the others contradict: (its time, the best counterpart, the others that agree with it).

    Articles are grouped by the time they give (same day, compatible clocks); every article
    outside the largest group is set against it. Groups more than two hours from it are
    another moment of the story and left alone.
    """
    groups: list[list[Claim]] = []
    for m in sorted(moments, key=lambda c: (c["published_at"] or "", c["doc_id"])):
        home = next((g for g in groups if _compatible(g[0], m) and g[0]["date"][:10] == m["date"][:10]
                     and g[0].get("_clock") == m.get("_clock")), None)
        if home is None:
            groups.append([m])
        else:
            home.append(m)
    if len(groups) < 2:
        return []
    groups.sort(key=lambda g: -len({c["outlet"] for c in g}))
    main = groups[0]
    out = []
    for group in groups[1:]:
        if len({c["outlet"] for c in group}) == len({c["outlet"] for c in main}):
            continue  # two equal camps: no majority to set an outlier against (reported once below)
        for a in group:
            against = [b for b in main if _comparable(a, b)]
            if against:
                out.append((a, against[0], against[1:]))
    if not out and len(groups) == 2 and len(groups[0]) == len(groups[1]) == 1:
        a, b = groups[1][0], groups[0][0]
        if _comparable(a, b):
            out.append((a, b, []))
    return out


def _shown(c: Claim) -> str:
    """A time as HH:MM (24-hour when the article says which half of the day)."""
    return c["date"][11:16]
