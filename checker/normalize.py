"""Fold Arabic text for matching while keeping a map back to the original offsets.

Matching runs on a folded copy: tashkeel, tatweel, zero-width and bidi control
characters are removed; alef variants become bare alef, alef maqsura becomes ya,
Arabic-Indic and Persian digits become ASCII digits and the Arabic percent sign becomes
``%``; ta marbuta becomes ``ه`` so that ``حالة``/``حاله`` and ``مئة``/``مئه`` match one
lexicon entry (the lexicons are folded the same way). Every span found in the folded copy is mapped back with
:meth:`Folded.span`, so claims always point into the text exactly as it was read.
"""

from __future__ import annotations

from bisect import bisect_right
from dataclasses import dataclass

import regex

# Harakat, Quranic marks, superscript alef, zero-width and bidi controls, BOM; tatweel
# (category Lm, hence \\p{Lo} below) only where it stretches a word (a free-standing run of tatweel is a dash: 25 ــ 16).
_MARKS = "\u064b-\u065f\u0670\u06d6-\u06ed"
_INVISIBLE = "\u200b-\u200f\u202a-\u202e\u2066-\u2069\ufeff"
_REMOVED_RE = regex.compile(
    f"[{_MARKS}{_INVISIBLE}]+|(?<=[\\p{{Lo}}{_MARKS}])\u0640+[{_MARKS}]*|\u0640+(?=\\p{{Lo}})"
)
_MARKS_RE = regex.compile("[\u064b-\u065f\u0670\u06d6-\u06ed\u0640]+")

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


def fold_chars(text: str) -> str:
    """Fold letters and digits one for one (no removal), as the lexicons are folded."""
    return text.translate(_FOLD)


def fold_word(word: str) -> str:
    """Fold a lexicon word the way article text is folded (marks removed, letters folded)."""
    return _REMOVED_RE.sub("", word).translate(_FOLD)


@dataclass(slots=True)
class Folded:
    """A folded copy of an article text with the map back to original offsets."""

    original: str
    text: str
    _starts: list[int]  # folded positions where a removed run had been cut out
    _shifts: list[int]  # cumulative number of removed characters before that position

    def to_original(self, pos: int) -> int:
        """Map a folded offset to the offset of the same character in the original."""
        if not self._starts:
            return pos
        i = bisect_right(self._starts, pos)
        return pos + (self._shifts[i - 1] if i else 0)

    def span(self, start: int, end: int) -> tuple[int, int]:
        """Map a folded span to the original span, taking in trailing harakat of the last letter."""
        if not self._starts:
            return start, end
        ostart = self.to_original(start)
        oend = self.to_original(end - 1) + 1 if end > start else ostart
        m = _MARKS_RE.match(self.original, oend)
        if m:
            oend = m.end()
        return ostart, oend


def fold(text: str) -> Folded:
    """Return the folded copy of ``text`` used for all matching."""
    removed = list(_REMOVED_RE.finditer(text))
    if not removed:
        return Folded(text, text.translate(_FOLD), [], [])
    parts: list[str] = []
    starts: list[int] = []
    shifts: list[int] = []
    prev = 0
    total = 0
    for m in removed:
        parts.append(text[prev : m.start()])
        total += m.end() - m.start()
        starts.append(m.start() - (total - (m.end() - m.start())))
        shifts.append(total)
        prev = m.end()
    parts.append(text[prev:])
    return Folded(text, "".join(parts).translate(_FOLD), starts, shifts)
