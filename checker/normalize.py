"""Fold Arabic text for matching while keeping a map back to the original offsets.

Matching runs on a folded copy: tashkeel, tatweel, zero-width and bidi control
characters are removed; alef variants become bare alef, alef maqsura becomes ya,
Arabic-Indic and Persian digits become ASCII digits and the Arabic percent sign becomes
``%``; ta marbuta becomes ``ه`` so that ``حالة``/``حاله`` and ``مئة``/``مئه`` match one
lexicon entry (the lexicons are folded the same way). Arabic presentation forms (the
positional glyphs of old encodings: ``ﺣﺎﻻﺕ``) become the letters they draw, a lam-alef
ligature two letters. Every span found in the folded copy is mapped back with
:meth:`Folded.span`, so claims always point into the text exactly as it was read.
"""

from __future__ import annotations

import re
import unicodedata
from bisect import bisect_right
from dataclasses import dataclass

import regex

# Harakat, Quranic marks, superscript alef, zero-width and bidi controls, BOM; tatweel
# (category Lm, hence \\p{Lo} below) only where it stretches a word (a free-standing run
# of tatweel is a dash: 25 ــ 16).
_MARKS = "\u064b-\u065f\u0670\u06d6-\u06ed"
_INVISIBLE = "\u200b-\u200f\u202a-\u202e\u2066-\u2069\ufeff"
_REMOVED_RE = regex.compile(
    f"[{_MARKS}{_INVISIBLE}]+|(?<=[\\p{{Lo}}{_MARKS}])\u0640+[{_MARKS}]*|\u0640+(?=\\p{{Lo}})"
)
_MARKS_RE = regex.compile("[\u064b-\u065f\u0670\u06d6-\u06ed\u0640]+")
# Where a removal can start (a cheap stdlib scan; most articles have only a few marks).
_REMOVABLE = re.compile(f"[{_MARKS}{_INVISIBLE}\u0640]")

_FOLD = str.maketrans(
    {
        "أ": "ا",
        "إ": "ا",
        "آ": "ا",
        "ٱ": "ا",
        "ى": "ي",
        "ة": "ه",
        "ی": "ي",  # Persian yeh
        "ک": "ك",  # Persian kaf
        "٪": "%",
        "ـ": "-",  # a free-standing tatweel is a dash
        **{chr(0x0660 + d): str(d) for d in range(10)},
        **{chr(0x06F0 + d): str(d) for d in range(10)},
    }
)


_LETTER_PAIRS = [(chr(k), v) for k, v in _FOLD.items() if not chr(k).isdigit()]
_DIGIT_FOLD = {k: v for k, v in _FOLD.items() if chr(k).isdigit()}
_EASTERN_DIGIT = re.compile("[\u0660-\u0669\u06f0-\u06f9]")


# Presentation forms A and B: each glyph becomes the letters it draws (NFKC), marks
# and spaces included; only lam-alef ligatures draw two letters.
_PRESENTATION = re.compile("[\ufb50-\ufdff\ufe70-\ufefc]")
_PRESENTATION_LETTERS = {
    chr(code): unicodedata.normalize("NFKC", chr(code)).strip() or chr(code)
    for code in (*range(0xFB50, 0xFE00), *range(0xFE70, 0xFEFD))
    if unicodedata.category(chr(code)) != "Cn"
}


def _draw_presentation_forms(text: str) -> tuple[str, list[int]]:
    """Replace presentation forms by their letters; return the text and, per character, its original offset."""
    parts: list[str] = []
    origin: list[int] = []
    for i, char in enumerate(text):
        letters = _PRESENTATION_LETTERS.get(char, char) if char >= "\ufb50" else char
        parts.append(letters)
        origin.extend([i] * len(letters))
    return "".join(parts), origin


def fold_chars(text: str) -> str:
    """Fold letters and digits one for one (no removal), as the lexicons are folded."""
    # Equal to text.translate(_FOLD), several times faster: str.replace runs in C per character,
    # translate looks every character of a non-ASCII string up in a dict.
    for char, folded in _LETTER_PAIRS:
        if char in text:
            text = text.replace(char, folded)
    if _EASTERN_DIGIT.search(text):
        text = text.translate(_DIGIT_FOLD)
    return text


def fold_word(word: str) -> str:
    """Fold a lexicon word the way article text is folded (marks removed, letters folded)."""
    return fold_chars(_REMOVED_RE.sub("", word))


@dataclass(slots=True)
class Folded:
    """A folded copy of an article text with the map back to original offsets."""

    original: str
    text: str
    _starts: list[int]  # folded positions where a removed run had been cut out
    _shifts: list[int]  # cumulative number of removed characters before that position
    # Where presentation forms were drawn as letters: the original offset of each drawn character.
    _drawn: list[int] | None = None

    def to_original(self, pos: int) -> int:
        """Map a folded offset to the offset of the same character in the original."""
        if self._starts:
            i = bisect_right(self._starts, pos)
            pos += self._shifts[i - 1] if i else 0
        if self._drawn is not None:
            return self._drawn[pos] if pos < len(self._drawn) else len(self.original) + pos - len(self._drawn)
        return pos

    def span(self, start: int, end: int) -> tuple[int, int]:
        """Map a folded span to the original span, taking in trailing harakat of the last letter."""
        if not self._starts and self._drawn is None:
            return start, end
        ostart = self.to_original(start)
        oend = self.to_original(end - 1) + 1 if end > start else ostart
        m = _MARKS_RE.match(self.original, oend)
        if m:
            oend = m.end()
        return ostart, oend


def _removed_runs(text: str) -> list[tuple[int, int]]:
    """The spans ``_REMOVED_RE.finditer(text)`` gives, trying it only where a removable character is."""
    runs = []
    pos = 0
    search, match = _REMOVABLE.search, _REMOVED_RE.match
    while (c := search(text, pos)) is not None:
        m = match(text, c.start())
        if m is None:
            pos = c.start() + 1
        else:
            runs.append(m.span())
            pos = m.end()
    return runs


def fold(text: str) -> Folded:
    """Return the folded copy of ``text`` used for all matching."""
    if _PRESENTATION.search(text) is None:
        return _fold_letters(text)
    drawn_text, drawn = _draw_presentation_forms(text)
    folded = _fold_letters(drawn_text)
    return Folded(text, folded.text, folded._starts, folded._shifts, drawn)


def _fold_letters(text: str) -> Folded:
    """Fold ``text`` (letters only, no presentation forms) with its map back."""
    removed = _removed_runs(text)
    if not removed:
        return Folded(text, fold_chars(text), [], [])
    parts: list[str] = []
    starts: list[int] = []
    shifts: list[int] = []
    prev = 0
    total = 0
    for start, end in removed:
        parts.append(text[prev:start])
        starts.append(start - total)
        total += end - start
        shifts.append(total)
        prev = end
    parts.append(text[prev:])
    return Folded(text, fold_chars("".join(parts)), starts, shifts)
