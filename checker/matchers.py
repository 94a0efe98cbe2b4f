"""Fast scanners over folded text that find exactly what a slower pattern would.

* :class:`WordFinder`: whole lexicon words after optional clitics, with stdlib ``re``;
* :class:`MultiFinder`: several of them over the same text in one pass;
* :class:`Guarded`: a ``regex`` pattern (``\\p{L}`` look-arounds) tried only where a cheap
  ``re`` guard matches.

Each one returns the very matches of the pattern it stands for; only the work differs.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator

import regex

from .lexicon import CLITICS, NOT_LETTER_AFTER, NOT_LETTER_BEFORE, trie_pattern

# A word ends where letters stop: at a space or a mark, and at a digit glued to it («يصرع 7ويصيب 27»).
WORD_START = r"(?<![^\W\d])"
WORD_END = r"(?![^\W\d])"
GAP = r"[\W\d]"  # the one character a word can follow


class WordFinder:
    """A fast whole-word scanner for a word list (group ``w``) after optional clitics (group ``cl``).

    It uses the standard ``re`` module with letter boundaries (:data:`WORD_START`, a letter
    being a word character that is no digit): on folded text (no harakat left, see
    LIBRARIES.md) that is exact, and several times faster than ``regex`` with ``\\p{L}``.
    A match can only start after a non-letter, so :meth:`finditer` scans with a pattern that
    begins by consuming that character: ``re`` then skips from one space, mark or digit to
    the next in C instead of trying every position. It yields exactly the matches of
    :attr:`pattern`; read their start as ``m.start("cl")``, since ``m.start()`` may include
    that one character before.
    """

    __slots__ = ("_after_gap", "clitics", "pattern", "words")

    def __init__(self, words: Iterable[str], clitics: str = CLITICS) -> None:
        self.words = frozenset(words)
        self.clitics = clitics
        body = rf"(?P<cl>{clitics})(?P<w>{trie_pattern(self.words)}){WORD_END}"
        self.pattern: re.Pattern[str] = re.compile(WORD_START + body)
        self._after_gap = re.compile(GAP + body)

    def finditer(self, text: str, pos: int = 0, endpos: int | None = None) -> Iterator[re.Match[str]]:
        """Yield the matches of :attr:`pattern` in ``text[pos:endpos]`` (start: ``m.start("cl")``)."""
        end = len(text) if endpos is None else endpos
        first = self.pattern.match(text, pos, end)
        if first is not None:
            yield first
            pos = first.end()
        yield from self._after_gap.finditer(text, pos, end)


class MultiFinder:
    """Several :class:`WordFinder` run over the same text in one pass, each giving exactly its own matches.

    One scan with a lookahead over all their words lists every position where any of
    them can match (a word start after a non-word character); each finder's pattern is
    then tried only there, skipping positions inside its previous match, as its own
    ``finditer`` would.
    """

    __slots__ = ("_any", "finders")

    def __init__(self, finders: list[WordFinder]) -> None:
        if len({f.clitics for f in finders}) != 1:
            raise ValueError("the finders must allow the same clitics")
        self.finders = finders
        words = frozenset().union(*(f.words for f in finders))
        self._any = re.compile(rf"{GAP}(?={finders[0].clitics}(?:{trie_pattern(words)}){WORD_END})")

    def finditer_each(self, text: str, pos: int, endpos: int) -> list[list[re.Match[str]]]:
        """For each finder, the list of its ``pattern.finditer(text, pos, endpos)`` matches."""
        starts = [pos, *(m.end() for m in self._any.finditer(text, pos, endpos))]
        out = []
        for finder in self.finders:
            match = finder.pattern.match
            found = []
            end = pos
            for start in starts:
                if start >= end and (m := match(text, start, endpos)) is not None:
                    found.append(m)
                    end = m.end()
            out.append(found)
        return out


# Letters for sure (a subset of ``\p{L}``): a ``re`` guard may refuse a position next to one of these.
SURE_LETTER = "\u0621-\u064aA-Za-z"
GUARD_NOT_LETTER_BEFORE = f"(?<![{SURE_LETTER}])"
GUARD_NOT_LETTER_AFTER = f"(?![{SURE_LETTER}])"


class Guarded:
    """A ``regex`` pattern run only where a cheaper stdlib ``re`` guard matches.

    The guard must match wherever the exact pattern does (write it as the same pattern
    with ``\\p{L}`` look-arounds loosened to :data:`SURE_LETTER` ones), so the results are
    exactly the ``regex`` pattern's, found several times faster. Neither may match empty.
    A guard that starts with :data:`GUARD_NOT_LETTER_BEFORE` is searched as "a character
    that is not a sure letter, then the rest", which ``re`` scans for much faster.
    """

    __slots__ = ("_gap", "exact", "guard")

    def __init__(self, exact: str, guard: str) -> None:
        self.exact: regex.Pattern[str] = regex.compile(exact)
        self.guard: re.Pattern[str] = re.compile(guard)
        rest = guard.removeprefix(GUARD_NOT_LETTER_BEFORE)
        self._gap = re.compile(f"[^{SURE_LETTER}]" + rest) if rest != guard else None

    def match(self, text: str, pos: int = 0, endpos: int | None = None) -> regex.Match[str] | None:
        """Like ``regex.Pattern.match``."""
        end = len(text) if endpos is None else endpos
        return self.exact.match(text, pos, end) if self.guard.match(text, pos, end) else None

    def search(self, text: str, pos: int = 0, endpos: int | None = None) -> regex.Match[str] | None:
        """Like ``regex.Pattern.search``: the match at the first position where the exact pattern matches."""
        end = len(text) if endpos is None else endpos
        exact = self.exact.match
        if self._gap is None:
            guard = self.guard.search
            while (g := guard(text, pos, end)) is not None:
                m = exact(text, g.start(), end)
                if m is not None:
                    return m
                pos = g.start() + 1
            return None
        # A match starts at pos, or right after a character that is not a sure letter.
        if self.guard.match(text, pos, end) and (m := exact(text, pos, end)) is not None:
            return m
        gap = self._gap.search
        while (g := gap(text, pos, end)) is not None:
            pos = g.start() + 1
            m = exact(text, pos, end)
            if m is not None:
                return m
        return None

    def finditer(self, text: str, pos: int = 0, endpos: int | None = None) -> Iterator[regex.Match[str]]:
        """Like ``regex.Pattern.finditer`` (non-overlapping matches, left to right)."""
        end = len(text) if endpos is None else endpos
        while (m := self.search(text, pos, end)) is not None:
            yield m
            pos = m.end()


def guarded(pattern: str) -> Guarded:
    """Compile a pattern whose only ``\\p{L}`` are :data:`NOT_LETTER_BEFORE`/``AFTER`` behind a ``re`` guard."""
    guard = pattern.replace(NOT_LETTER_BEFORE, GUARD_NOT_LETTER_BEFORE)
    guard = guard.replace(NOT_LETTER_AFTER, GUARD_NOT_LETTER_AFTER)
    if "\\p" in guard:
        raise ValueError(f"cannot guard a pattern with other Unicode properties: {pattern!r}")
    return Guarded(pattern, guard)


def word_finder(words: Iterable[str], clitics: str = CLITICS) -> WordFinder:
    """Compile a fast whole-word scanner for ``words`` (group ``w``) after optional clitics."""
    return WordFinder(words, clitics)
