"""Say what an ordinal counts: «الطابق الثاني» is a floor, «أول كوكب» a planet, «الدقيقة 69» a minute.

An Arabic ordinal adjective follows its noun («الشوط الأول», «للدور الثاني», «مواجهته
الثانية»); «أول» and its kin come before one («أول فرقة إسعافية»). A number written after a
singular noun that numbers things in a series («الدقيقة 69», «الطابق 5», «الجولة الـ26») is an
ordinal too: the minute of a match, not 69 of anything. The nouns that do this are data
(`numbered_nouns` in context.yaml).
"""

from __future__ import annotations

from collections.abc import Callable
from functools import cache

import regex

from .lexicon import Lexicon, UnitForm, trie_pattern

Chooser = Callable[[list[UnitForm]], UnitForm]

_WORD_BEFORE = regex.compile(r"(?<!\p{L})(\p{L}{2,})[ \u00a0]+$")
_CLITICS = ("", "و", "ف", "ب", "ل", "ك", "وب", "ول", "فب", "فل")
_PRONOUNS = ("هما", "هم", "ها", "ه")
_REACH = 25  # characters before an ordinal where its noun may stand
_SERIES_REACH = 60  # characters before a number where the plural of a list of ordinals may stand


def _readings(word: str) -> list[tuple[str, int, int]]:
    """The nouns a folded word before an ordinal may be, with where each is written in the word.

    «للمرة» is «لل» + «مرة», «بالدور» «ب» + «الدور», «مواجهته» «مواجهة» + ه, «لقبه» «لقب» + ه.
    The definite readings come first.
    """
    definite, owned = [], []
    for clitic in _CLITICS:
        if not word.startswith(clitic):
            continue
        rest, at = word[len(clitic):], len(clitic)
        for article in ("ال", "لل"):
            if rest.startswith(article) and len(rest) > len(article) + 1:
                definite.append((rest[len(article):], at + len(article), len(word)))
        for pronoun in _PRONOUNS:
            if rest.endswith(pronoun) and len(rest) > len(pronoun) + 1:
                stem = rest[: -len(pronoun)]
                noun = stem[:-1] + "ه" if stem.endswith("ت") else stem  # «مواجهت» + ه: «مواجهة»
                owned.append((noun, at, len(word) - len(pronoun)))
    return definite + owned


def ordinal_unit(t: str, start: int, lex: Lexicon, choose: Chooser) -> tuple[UnitForm, int, int] | None:
    """The counted noun the ordinal at ``start`` in folded ``t`` qualifies, with its span, or None."""
    m = _WORD_BEFORE.search(t, max(0, start - _REACH), start)
    if m is None:
        return None
    for noun, begin, end in _readings(m.group(1)):
        forms = [f for f in lex.units.get(noun, ()) if f.number == "sg"]
        if forms:
            return choose(forms), m.start(1) + begin, m.start(1) + end
    return None


def first_of(t: str, start: int) -> bool:
    """True when the ordinal comes before its noun («أول فرقة», «ثاني أكبر»): written without «ال»."""
    return not t.startswith("ال", start)


@cache
def _numbered_noun(words: frozenset[str]) -> regex.Pattern[str]:
    return regex.compile(
        rf"(?<!\p{{L}})(?:[وفبل]|و[بل])?(?:ال|لل)(?P<w>{trie_pattern(words)})"
        r"[ \u00a0]*[(«\"]?[ \u00a0]*(?:ال[ \u00a0]*)?$"
    )


@cache
def _numbered_series(words: frozenset[str]) -> regex.Pattern[str]:
    """A plural or dual numbered noun and the numbers of its list so far: «في الدقائق 21 و25 و»."""
    return regex.compile(
        rf"(?<!\p{{L}})(?:[وفبل]|و[بل])?(?:ال|لل)(?P<w>{trie_pattern(words)})[ \u00a0]*"
        r"(?:\d+[ \u00a0]*(?:من[ \u00a0]+(?:عمر[ \u00a0]+)?الشوط[ \u00a0]+(?:الاول|الثاني)[ \u00a0]*)?"
        r"[،,]?[ \u00a0]*(?:و[ \u00a0]*)?)*$"
    )


def numbered_unit(t: str, start: int, lex: Lexicon, choose: Chooser) -> tuple[UnitForm, int, int] | None:
    """The series a number written after its noun numbers («الدقيقة 69», «الطابق 5»), or None.

    After a plural or dual («في الدقائق 21 و25 و44»، «في الدقيقتين 63 و66») each number of
    the list is one of the series.
    """
    if not lex.numbered_nouns:
        return None
    m = _numbered_noun(lex.numbered_nouns).search(t, max(0, start - _REACH), start)
    if m is None:
        if lex.numbered_series:
            m = _numbered_series(lex.numbered_series).search(t, max(0, start - _SERIES_REACH), start)
        if m is None:
            return None
        w = m.group("w")
        forms = [f for f in (*lex.units.get(w, ()), *lex.duals.get(w, ())) if f.number in ("pl", "dual")]
        return (choose(forms), *m.span("w")) if forms else None
    forms = [f for f in lex.units.get(m.group("w"), ()) if f.number == "sg"]
    return (choose(forms), *m.span("w")) if forms else None
