"""Compare the years outlets give to one title: «الأفوكاتو» 1983 in one, 1984 in another.

Obituaries, reviews and sports records list works and events by title with their year
(«"سيداتي آنساتي" عام 1989»، ««ست الستات» 1998»). A title is a name no other figure of the
story shares, so two outlets that give one quoted title two different years contradict each
other, whatever the rest of their sentences.
"""

from __future__ import annotations

from collections import defaultdict
from typing import Any

import polars as pl
import regex

from .compare import Claim
from .evidence import outlier_findings
from .normalize import fold
from .rules import Suites

# A quoted title right before the year, with «عام»، «سنة»، «في» or a bracket between.
_TITLE_BEFORE = regex.compile(
    r"[«\"“](?P<title>[^«»\"“”\n]{2,40})[»\"”]\s*(?:\(\s*)?(?:(?:الذي|التي)\s+\p{L}+\s+)?"
    r"(?:(?:في\s+)?(?:عام|العام|سنة|سنه)\s+)?$"
)
_NOT_TITLE_CHARS = regex.compile(r"[^\p{L}\s]")
MIN_YEAR, MAX_YEAR = 1800, 2100


def title_of(c: Claim) -> str | None:
    """The quoted title a year belongs to, folded («الافوكاتو»), or None."""
    sentence = c.get("sentence") or ""
    start = c["start"] - c["sentence_start"]
    if not 0 < start <= len(sentence):
        return None
    m = _TITLE_BEFORE.search(sentence[max(0, start - 80):start])
    if m is None:
        return None
    title = " ".join(_NOT_TITLE_CHARS.sub(" ", fold(m.group("title")).text).split())
    return title if len(title) >= 3 else None


def titled_year_findings(claims: pl.DataFrame, stories: dict[str, str], suites: Suites) -> list[dict[str, Any]]:
    """Two outlets that give one quoted title two different years."""
    rule = suites.by_kind("year_conflict")
    if rule is None:
        return []
    years = claims.filter(pl.col("kind").is_in(["date", "count"]) & pl.col("value").is_between(MIN_YEAR, MAX_YEAR)
                          & (pl.col("value") % 1 == 0) & (pl.col("qualifier") == "exact") & ~pl.col("in_title")
                          & pl.col("sentence").str.contains(r"[«\"“]"))  # a title is quoted
    said: dict[tuple[str, str], dict[str, Claim]] = defaultdict(dict)
    for c in years.to_dicts():
        if c["kind"] == "date" and (c.get("date") or "")[4:]:
            continue  # a full date is a day, not a title's year
        story = stories.get(c["doc_id"])
        title = title_of(c)
        if story is None or title is None:
            continue
        c["story"] = story
        said[(story, title)].setdefault(c["doc_id"], c)
    findings = []
    for (story, title), by_doc in said.items():
        # The year most outlets give (the earliest said, on a tie) is the reference; each other
        # year is set against an outlet that gives it.
        findings += outlier_findings(rule, story, list(by_doc.values()), (story, "date", "year", None),
                                     same=lambda a, b: a["value"] == b["value"], fields={"title": title},
                                     show=lambda c: f"{int(c['value'])}")
    return findings
