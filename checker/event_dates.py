"""Compare the calendar dates outlets give in one sentence: «15 إلى 17 نوفمبر» in one, «17 من شباط (فبراير)» in another.

A press release or a wire text carried by several outlets dates its event once: a
conference «في الفترة ما بين 15 إلى 17 نوفمبر», a dividend «بنهاية تداول يوم 13-07-2015،
وتاريخ التوزيع 30-07-2015». Where two outlets tell that sentence (most of its words the
same) and write its dates with a day and a month, the dates stand in the same order, and a
date one outlet gives on another day or month than the others is wrong in one of them. A
sentence that tells a postponement («تأجيل»، «أرجئ») moves its date, and is not compared; nor
are relative days («أمس»), compared by :mod:`checker.days`.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from itertools import combinations
from typing import Any

import polars as pl
import regex

from .compare import Claim
from .evidence import one_per_article, outlier_findings, published_seconds
from .figure_context import similarity, weighted_jaccard, word_weights
from .normalize import fold
from .rules import Suites
from .words import TOKEN, stem

SAME_SENTENCE = 0.5  # share of words (Jaccard) from which two outlets' sentences tell the same thing
SAME_PLACE = 0.4  # … and of the words around two of their dates, from which the dates stand in one place
MAX_APART = 7 * 86400  # seconds: a release is carried within the week
_DIGIT = regex.compile(r"[0-9٠-٩۰-۹]")
_RELATIVE_DAY = r"(?:^|\s)[أا]مس(?:\s|$)"  # «أول من أمس»: a day counted from publication, compared by checker.days
_FIRST_NUMBER = regex.compile(r"[0-9]+")
_MOVED = regex.compile(r"(?<!\p{L})[وف]?(?:تاجيل|تاجل|تاجلت|ارجاء|ارجئ|ارجئت|يرجا|مؤجل|بدلا|عوضا)(?!\p{L})")


def _sentence_words(sentence: str) -> frozenset[str]:
    """The content words of a sentence, light-stemmed, without numbers: what two outlets' copies share."""
    return frozenset(s for s in (stem(m.group()) for m in TOKEN.finditer(sentence)) if s and not _DIGIT.search(s))


_YEAR_APART = frozenset({354, 355, 365, 366})  # a year a date leaves unwritten, guessed one year off


def _same_day(a: Claim, b: Claim) -> bool:
    """True when two dates name one day of the year («21 ربيع الآخر» against «21 ربيع الآخر 1437»).

    A year left to the publication date may be guessed a year off: dates a year apart are the
    same day, in either calendar.
    """
    da, db = dt.date.fromisoformat(a["date"]), dt.date.fromisoformat(b["date"])
    return da == db or abs((da - db).days) in _YEAR_APART


def _written_day(c: Claim) -> int:
    """The day a date writes («24 شوال» is 24, whatever day of August it is), or its day of the month."""
    # «السابع عشر من نوفمبر 2015» writes no day in digits: its number is the year.
    m = _FIRST_NUMBER.match(fold(c.get("number_text") or "").text)
    return int(m.group()) if m else int(c["date"][8:10])


def _said_apart(a: Claim, b: Claim) -> bool:
    """True when one sentence writes the other's day as a bare number: a range's other end («من 12 شوال وحتى 24»)."""
    for x, y in ((a, b), (b, a)):
        if regex.search(rf"(?<![0-9]){_written_day(y)}(?![0-9])", fold(x.get("sentence") or "").text):
            return True
    return False


RANGE_JOIN = 12  # characters at most between a range's first day and its last («15 وحتى 17 من شباط»)


def _starts_range(first: Claim, last: Claim) -> bool:
    """True when ``first`` is the day a range starts on and ``last`` the day it ends on: its place is theirs."""
    return first["doc_id"] == last["doc_id"] and 0 < last["start"] - first["end"] <= RANGE_JOIN


def _dated_sentences(rows: list[Claim]) -> list[tuple[frozenset[str], list[Claim]]]:
    """An article's sentences that give dates with a day, each with its words and its dates in order."""
    by_sentence: dict[int, list[Claim]] = defaultdict(list)
    for c in sorted(rows, key=lambda c: c["start"]):
        by_sentence[c["sentence_start"]].append(c)
    out = []
    for dates in by_sentence.values():
        sentence = dates[0].get("sentence") or ""
        if not _MOVED.search(fold(sentence).text):
            # «5 ذو القعدة 1436هـ الموافق 20 أغسطس 2015»: one day in two calendars is one date.
            days = [c for i, c in enumerate(dates) if all(c["date"] != d["date"] for d in dates[:i])]
            out.append((_sentence_words(sentence), days))
    return out


def _pairs(da: list[Claim], db: list[Claim]) -> list[tuple[Claim, Claim]]:
    """Two copies' dates paired: the same days first, the rest in order («11 سبتمبر … (28 مايو)» in any order)."""
    if len(da) != len(db):
        return []
    left_a, left_b, out = list(da), list(db), []
    for a in da:
        b = next((b for b in left_b if _same_day(a, b)), None)
        if b is not None:
            out.append((a, b))
            left_a.remove(a)
            left_b.remove(b)
    return out + list(zip(left_a, left_b, strict=True))


def _aligned(told: dict[str, list[tuple[frozenset[str], list[Claim]]]],
             weight: dict[str, float] | None = None) -> list[list[Claim]]:
    """The dates two outlets give in one sentence, joined across the story: one date of each article per slot.

    Two sentences of different outlets that share most of their words and give as many dates
    are one sentence; their dates pair in order. A slot that takes two dates of one article
    is dropped: it cannot tell which is meant.
    """
    pairs: list[tuple[Claim, Claim]] = []
    for (_, sa), (_, sb) in combinations(sorted(told.items()), 2):
        for wa, da in sa:
            for wb, db in sb:
                a0, b0 = da[0], db[0]
                if (a0["outlet"] == b0["outlet"] or weighted_jaccard(wa, wb, weight) < SAME_SENTENCE
                        or abs(published_seconds(a0) - published_seconds(b0)) > MAX_APART):
                    continue
                paired = _pairs(da, db)
                placed = [similarity(a, b) >= SAME_PLACE for a, b in paired]
                for (a, b), in_place in zip(paired, placed, strict=True):
                    if _written_day(a) != _written_day(b) and not _same_day(a, b) and _said_apart(a, b):
                        continue  # a range: «من 12 شوال وحتى 24» against «24 شوال»
                    if not in_place and not any(
                            ok and _starts_range(a, a2) and _starts_range(b, b2)
                            for (a2, b2), ok in zip(paired, placed, strict=True)):
                        continue  # one sentence, two of its dates: the offer's day, and the deadline's
                    pairs.append((a, b))
    return one_per_article(pairs)


def date_findings(claims: pl.DataFrame, stories: dict[str, str], suites: Suites) -> list[dict[str, Any]]:
    """Two outlets that date one sentence's event on different days."""
    rule = suites.by_kind("date_conflict")
    if rule is None or "date" not in claims.columns:
        return []
    dates = claims.filter((pl.col("kind") == "date") & (pl.col("date").str.len_chars() == 10) & ~pl.col("in_title")
                          & ~pl.col("number_text").str.contains(_RELATIVE_DAY))
    if dates.is_empty():
        return []
    by_story: dict[str, dict[str, list[Claim]]] = defaultdict(lambda: defaultdict(list))
    for c in dates.to_dicts():
        story = stories.get(c["doc_id"])
        if story is not None:
            c["story"] = story
            by_story[story][c["doc_id"]].append(c)
    told_by_story = {story: {doc: _dated_sentences(rows) for doc, rows in docs.items()}
                     for story, docs in by_story.items() if len(docs) > 1}
    # A word many dated sentences of the run share (a letter's «صحيفتكم الغراء») tells little.
    weight = word_weights([words for told in told_by_story.values() for sentences in told.values()
                           for words, _ in sentences])
    findings = []
    for story, told in sorted(told_by_story.items()):
        for slot in _aligned(told, weight):
            findings += outlier_findings(rule, story, slot, (story, "date", "day", None),
                                         same=_same_day,
                                         show=lambda c: c["date"])
    return findings
