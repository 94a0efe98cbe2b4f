"""Read a match result: «فاز 2/صفر» is two goals to none, «بنتيجة 3-2» three sets to two.

A score is two figures joined by a dash or a slash («2-1», «25 / 16», «4 – صفر»). What they
count depends on the sport the article reports: goals in football and handball (penalties
in a shoot-out, «بركلات الترجيح 5-4»), points in basketball, and in volleyball sets for a
match («3-1») and points for a set («25-18»). The sports and their words are data
(`sports` in context.yaml); an article that names none is read as no sport, and its «2-1»
stays two bare figures.
"""

from __future__ import annotations

from bisect import bisect_right
from functools import cache

import regex

from .clues import COLUMN_INDEX
from .grammar import Numeral
from .lexicon import Lexicon, trie_pattern

# Between the two figures of a score: a dash or a slash (folding writes a tatweel dash «25 ــ 16»
# as «25 -- 16»).
_JOIN_WRITTEN = regex.compile(r"[ \u00a0]*[-/–—]+[ \u00a0]*")
_ZERO = regex.compile(r"(?<![\p{L}\d])صفر(?!\p{L})")
_SHOOTOUT_WORDS = r"(?:ب|و)?(?:ركلات|ضربات|ركل|الركلات|الضربات)\s+(?:ال)?ترجيح"
_SHOOTOUT = regex.compile(rf"(?<!\p{{L}}){_SHOOTOUT_WORDS}")
_SHOOTOUT_AFTER = regex.compile(rf"[ \u00a0(]*{_SHOOTOUT_WORDS}")
_FIGURE = regex.compile(r"\d|صفر")
MAX_SETS = 3  # a volleyball match is won in three sets: a score above that is a set's points
SCORED_IN = {"football": "goal", "handball": "goal", "basketball": "point"}  # volleyball: sets or points
SHOOTOUT_SPORTS = frozenset({"football", "handball"})
SCORE_UNITS = frozenset({*SCORED_IN.values(), "set", "point", "penalty"})  # concepts of units.yaml


def score_zeros(text: str, found: list[Numeral]) -> None:
    """Add the «صفر» of a score («2/صفر», «صفر-1») as the figure 0; «شهر صفر» is a month."""
    if "صفر" not in text:
        return
    starts = [n.start for n in found]
    for m in _ZERO.finditer(text):
        at = bisect_right(starts, m.start())
        before, after = (found[at - 1] if at else None), (found[at] if at < len(found) else None)
        joined_before = before is not None and before.form == "digits" and _JOIN_WRITTEN.fullmatch(
            text, before.end, m.start())
        joined_after = after is not None and after.form == "digits" and _JOIN_WRITTEN.fullmatch(
            text, m.end(), after.start)
        if joined_before or joined_after:
            found.insert(at, Numeral(m.start(), m.end(), 0.0, "words"))
            starts.insert(at, m.start())


def _words(words: list[str] | dict[str, str]) -> regex.Pattern[str]:
    return _words_pattern(frozenset(words))


@cache
def _words_pattern(words: frozenset[str]) -> regex.Pattern[str]:
    return regex.compile(rf"(?<!\p{{L}})(?:و|ب|ل|لل|ال|بال|وال|ف)?({trie_pattern(words)})(?!\p{{L}})")


def sport_of(text: str, lex: Lexicon) -> str | None:
    """The sport a folded article reports: the one its words name most (None: no sport)."""
    if not lex.sports:
        return None
    counts: dict[str, int] = {}
    for m in _words(lex.sports).finditer(text):
        sport = lex.sports[m.group(1)]
        counts[sport] = counts.get(sport, 0) + 1
    return max(counts, key=counts.__getitem__) if counts else None


def shootout(text: str, start: int, end: int) -> bool:
    """True when a score at ``text[start:end]`` is a shoot-out's: «بركلات الترجيح 5-4», «5-4 بركلات الترجيح»."""
    before = _SHOOTOUT.search(text, max(0, start - 30), start)
    if before and not _FIGURE.search(text, before.end(), start):
        return True
    return _SHOOTOUT_AFTER.match(text, end) is not None


def score_unit(sport: str, a: float, b: float, text: str, start: int, end: int) -> str | None:
    """What the two figures of a score in ``sport`` count, or None when the sport keeps no score we read."""
    if sport == "volleyball":
        return "set" if max(a, b) <= MAX_SETS else "point"
    if sport in SHOOTOUT_SPORTS and shootout(text, start, end):
        return "penalty"
    return SCORED_IN.get(sport)


def _joined(folded: str, first: Numeral, second: Numeral) -> bool:
    """True when two numerals are written as one score: digits (or «صفر») joined by a dash or a slash."""
    if first.form not in ("digits", "words") or second.form not in ("digits", "words"):
        return False
    if "words" in (first.form, second.form) and 0.0 not in (first.value, second.value):
        return False  # of the words, only «صفر» takes part in a score
    return _JOIN_WRITTEN.fullmatch(folded, first.end, second.start) is not None


def score_units(rows: list[tuple], numerals: list[Numeral], folded: str, sentence_spans,
                lex: Lexicon) -> list[tuple]:
    """Give the two bare figures of each match result the unit its sport counts in (goals, sets, points)."""
    if not any(_JOIN_WRITTEN.match(folded, n.end) for n in numerals):
        return rows
    sport = sport_of(folded, lex)
    if sport is None:
        return rows
    col = COLUMN_INDEX
    result = _words(lex.result_words)
    for i in range(len(rows) - 1):
        first, second = numerals[i], numerals[i + 1]
        if any(rows[j][col["unit"]] is not None or rows[j][col["kind"]] != "count" for j in (i, i + 1)):
            continue
        if not _joined(folded, first, second):
            continue
        s_start, s_end = sentence_spans(first.start)
        if not result.search(folded, s_start, s_end):
            continue  # «الفترة 2-5»: two figures with a dash, in no sentence that tells a result
        unit = score_unit(sport, first.value or 0.0, second.value or 0.0, folded, first.start, second.end)
        if unit is None:
            continue
        for j in (i, i + 1):
            row = list(rows[j])
            row[col["unit"]], row[col["predicate"]] = unit, None
            rows[j] = tuple(row)
    return rows
