"""Split an article into sentences and clauses, and find whom a sentence attributes its figures to.

Everything here works on the folded text (see :mod:`checker.normalize`). Sentences end
at line breaks, ``! ? ؟ ؛`` and full stops that are not decimal points; clauses also end
at commas, colons, brackets, quotes and connectives such as ``بينما`` or ``في حين``. A
sentence's source is the subject after its first reporting verb or preposition (``قال``،
``وفقا لـ``), or the previous sentence's source when it goes on with ``وأضاف``.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right

import regex

from .lexicon import NOT_LETTER_BEFORE, Lexicon, trie_pattern
from .matchers import guarded

SP = r"[ \u00a0]"
SENTENCE_END = re.compile(r"\n+|[!?؟؛]+|(?<![0-9])\.+|\.+(?![0-9])")
CLAUSE_END = re.compile(r"[،,:؛;()«»\"]|\n|(?<![0-9])\.|\.(?![0-9])|" + SP + r"(?:بينما|فيما|في حين|وفي|كما)" + SP)
# CLAUSE_END in two scans that ``re`` runs faster (each starts with a character set): the
# one-character ends, and the connectives. They never overlap, so together they give
# exactly CLAUSE_END's matches.
_CLAUSE_MARK = re.compile(r"[،,:؛;()«»\"\n.](?:(?<!\.)|(?<![0-9]\.)|(?![0-9]))")
_CONTRAST = re.compile(SP + r"(?:بينما|في حين|فيما)" + SP)  # a connective that sets a new account against the last
_CLAUSE_WORD = re.compile(SP + r"(?:بينما|فيما|في حين|وفي|كما)" + SP)
# Where a sentence end can start (a cheap stdlib scan in front of SENTENCE_END).
_SENTENCE_CHAR = re.compile(r"[\n!?؟؛.]")
_SUBJECT_WORD = regex.compile(r"[«\"“]?[\p{L}]+[»\"”]?")
_ARTICLE = re.compile(r"^(?:ال|لل)")
_BETWEEN = frozenset({"بين"})  # بيّن "he made clear", or the preposition "between"
_GAP_STOPS = "،,:؛.\n0123456789"  # a figure ends the name of who said it


class Attribution:
    """The reporting verbs and prepositions of a lexicon, compiled."""

    def __init__(self, lex: Lexicon) -> None:
        self.lex = lex
        words = trie_pattern(lex.attribution_verbs | lex.attribution_preps)
        self.pattern = guarded(rf"{NOT_LETTER_BEFORE}(?:[وف])?(?:كما{SP}+)?(?P<w>{words})(?!\p{{L}})(?:{SP}*ـ?)?")
        self.continuing = lex.continuation_verbs | lex.attribution_verbs
        self.stops = lex.source_stops


def sentence_spans(text: str) -> list[tuple[int, int]]:
    """Return the (start, end) spans of the sentences of a folded text, delimiters left out."""
    out, prev = [], 0
    pos = 0
    search, match = _SENTENCE_CHAR.search, SENTENCE_END.match
    while (c := search(text, pos)) is not None:
        m = match(text, c.start())
        if m is None:
            pos = c.start() + 1
            continue
        if m.start() > prev:
            out.append((prev, m.start()))
        prev = pos = m.end()
    if prev < len(text):
        out.append((prev, len(text)))
    return out or [(0, len(text))]


class Sentences:
    """The sentences of one folded text, with their clauses and sources (computed on demand)."""

    def __init__(self, text: str, attrib: Attribution) -> None:
        self.text = text
        self.spans = sentence_spans(text)
        self.starts = [s for s, _ in self.spans]
        self.attrib = attrib
        self._clause_ends: dict[int, tuple[list[int], list[int]]] = {}
        self._sources: dict[int, tuple[int, int] | None] = {}

    def index_of(self, pos: int) -> int:
        """The index of the sentence that holds ``pos``."""
        return max(0, bisect_right(self.starts, pos) - 1)

    def _ends_of(self, index: int) -> tuple[list[int], list[int]]:
        found = self._clause_ends.get(index)
        if found is None:
            s, e = self.spans[index]
            matches = [m.span() for m in _CLAUSE_MARK.finditer(self.text, s, e)]
            words = [m.span() for m in _CLAUSE_WORD.finditer(self.text, s, e)]
            if words:
                matches = sorted(matches + words)
            found = ([a for a, _ in matches], [b for _, b in matches])
            self._clause_ends[index] = found
        return found

    def clause(self, pos: int, index: int) -> tuple[int, int]:
        """The clause around ``pos`` in sentence ``index``: from the last clause end (150 back at most) to the next."""
        t = self.text
        s_start, s_end = self.spans[index]
        lo = max(s_start, pos - 150)
        if not s_start <= pos <= s_end or (pos > 0 and t[pos - 1] == "."):
            return self._clause_scanned(pos, lo, s_start, s_end)
        starts, ends = self._ends_of(index)
        # The sentence's clause ends are those a scan of the window would find, unless a
        # multi-character one (" كما ") straddles an edge of the window, or the window
        # ends right after a full stop (whose look at the next character a cut would change).
        first = bisect_left(starts, lo)
        last = bisect_right(ends, pos) - 1
        if (first > 0 and ends[first - 1] > lo) or (last + 1 < len(starts) and starts[last + 1] < pos):
            return self._clause_scanned(pos, lo, s_start, s_end)
        left = ends[last] if last >= first else s_start
        nxt = bisect_left(starts, pos)
        return left, (starts[nxt] if nxt < len(starts) else s_end)

    def _clause_scanned(self, pos: int, lo: int, s_start: int, s_end: int) -> tuple[int, int]:
        t = self.text
        left = s_start
        for m in CLAUSE_END.finditer(t, lo, pos):
            left = m.end()
        m = CLAUSE_END.search(t, pos, s_end)
        return left, (m.start() if m else s_end)

    def source(self, index: int) -> tuple[int, int] | None:
        """The folded span of the source sentence ``index`` attributes its figures to."""
        if index in self._sources:
            return self._sources[index]
        s, e = self.spans[index]
        found: tuple[int, int] | None = None
        continuation = False
        for m in self.attrib.pattern.finditer(self.text, s, e):
            subject = self._subject(m.end(), e, m.group("w"))
            if subject:
                found = subject
                break
            if m.start() - s < 4 and m.group("w") in self.attrib.continuing:
                continuation = True
        if found is None and continuation and index > 0:
            found = self.source(index - 1)
        self._sources[index] = found
        return found

    def source_of(self, index: int, pos: int) -> tuple[int, int] | None:
        """The source of the figure at ``pos`` in sentence ``index``: the sentence's, unless a contrast stands between.

        «مخلفة 43 قتيلا، بينما أشار مدير الصحة إلى ارتفاع أعداد الضحايا»: the director named
        after «بينما» speaks of the next figures, not of the outlet's 43.
        """
        src = self.source(index)
        if src is not None and src[0] > pos and any(
                len(self.text[m.end():src[0]].split()) <= 2 for m in _CONTRAST.finditer(self.text, pos, src[0])):
            return None  # the connective opens the source's own clause: «بينما أشار المدير»
        return src

    def _subject(self, pos: int, end: int, verb: str = "") -> tuple[int, int] | None:
        """Up to five words after a reporting verb, stopping at punctuation, a stop word or a predicate.

        No subject when the first word is a counted noun that cannot speak («نقل المصابين»)
        or when «بين» is the preposition "between" («بين حافلة وشاحنة»).
        """
        t = self.text
        attrib = self.attrib
        stops, lex = attrib.stops, attrib.lex
        first = last = None
        prev = pos
        count = 0
        for w in _SUBJECT_WORD.finditer(t, pos, min(end, pos + 90)):
            bare = w.group().strip("«»\"“”")
            gap = t[prev : w.start()]
            if any(ch in gap for ch in _GAP_STOPS) or bare in stops or (bare.startswith("ان") and len(bare) <= 4):
                break
            if first is None and bare in lex.source_fillers:
                prev = w.end()
                continue
            if first is not None and (bare in lex.predicates or bare.removeprefix("و") in lex.predicates):
                break  # «أعلنت الوزارة مقتل 27»: the figure's verb ends the name
            if first is None:
                if _ARTICLE.sub("", bare) in lex.mute_nouns or bare in lex.mute_nouns:
                    return None
                first = w.start()
            elif verb in _BETWEEN and bare.startswith("و"):
                return None  # «بين رضوان والعطيف»: a place between two others, no speaker
            last = prev = w.end()
            count += 1
            if count == 5:
                break
        if first is None or last is None:
            return None
        return first, last
