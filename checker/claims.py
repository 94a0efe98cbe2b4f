"""Turn numerals into claims: hedge, counted noun, predicate, side, source, scope, sentence.

Context is read from sorted match lists computed once per article (one trie-regex pass
per lexicon), so each claim costs a few bisections rather than fresh searches.
"""

from __future__ import annotations

import hashlib
import re
from bisect import bisect_left, bisect_right
from functools import cache

import regex

from .article import Article
from .lexicon import (
    NOT_LETTER_AFTER,
    NOT_LETTER_BEFORE,
    Lexicon,
    UnitForm,
    rx,
    squash,
    trie_pattern,
    word_finder,
)
from .normalize import Folded, fold
from .numerals import Grammar, Numeral, grammar, scan

SP = r"[ \u00a0]"
_SENTENCE_END = regex.compile(r"\n+|[!?؟؛]+|(?<![0-9])\.+|\.+(?![0-9])")
_CLAUSE_END = regex.compile(r"[،,:؛;()«»\"]|\n|(?<![0-9])\.|\.(?![0-9])|" + SP + r"(?:بينما|فيما|في حين|وفي|كما)" + SP)


class Context:
    """Compiled context patterns for one lexicon."""

    def __init__(self, lex: Lexicon) -> None:
        self.lex = lex
        self.predicates = word_finder(lex.predicates)
        self.sides = word_finder(lex.sides)
        self.scopes = word_finder(lex.scopes)
        self.attribution = regex.compile(
            rf"{NOT_LETTER_BEFORE}(?:[وف])?(?:كما{SP}+)?(?P<w>{trie_pattern(lex.attribution_verbs | lex.attribution_preps)})"
            rf"(?:{SP}*ـ?)?"
        )
        hedge_before = trie_pattern(lex.hedges_before)
        self.hedge_before = regex.compile(
            rf"{NOT_LETTER_BEFORE}(?:[وف])?(?P<w>{hedge_before})[{SP[1:-1]}(«\"“”″'’]*(?:ب|ال|ل)?$"
        )
        self.hedge_after = regex.compile(
            rf"[^0-9.،,؛\n]{{0,40}}?{NOT_LETTER_BEFORE}(?P<w>{trie_pattern(lex.hedges_after)}){NOT_LETTER_AFTER}"
        )
        self.rate_after = regex.compile(rf"{SP}*(?:يوميا|في اليوم|كل يوم|سنويا|في السنه|شهريا|اسبوعيا|في الساعه){NOT_LETTER_AFTER}")
        self.percent_after = regex.compile(rf"[{SP[1:-1]})»\"”″]*(?:%|(?:ب|في{SP}+)(?:ال)?(?:مئه|مائه|ميه){NOT_LETTER_AFTER})")
        self.percent_before = regex.compile(rf"(?:نسبه|بنسبه|النسبه|معدل|بمعدل){SP}*[(«\"“]*{SP}*(?:ب|ال)?$")
        self.word_before = regex.compile(rf"{NOT_LETTER_BEFORE}(?:ال)?(\p{{L}}+){SP}+(?:ال)?$")


@cache
def context() -> Context:
    """The context patterns compiled from the shipped lexicons (built once per process)."""
    return Context(grammar().lex)


def _matches(pattern: re.Pattern[str], text: str, table: dict[str, str]) -> tuple[list[int], list[tuple[int, int, str]]]:
    spans = []
    for m in pattern.finditer(text):
        key = table.get(squash(m.group("w")))
        if key is not None:
            spans.append((m.start(), m.end(), key))
    return [s for s, _, _ in spans], spans


def _nearest_before(starts: list[int], spans: list[tuple[int, int, str]], lo: int, pos: int) -> tuple[int, int, str] | None:
    i = bisect_right(starts, pos) - 1
    while i >= 0 and spans[i][1] > pos:
        i -= 1
    return spans[i] if i >= 0 and spans[i][0] >= lo else None


def _first_after(starts: list[int], spans: list[tuple[int, int, str]], pos: int, hi: int) -> tuple[int, int, str] | None:
    i = bisect_left(starts, pos)
    return spans[i] if i < len(spans) and spans[i][0] < hi else None


def _choose_unit(forms: list[UnitForm], sentence: str) -> UnitForm:
    for f in forms:
        if f.context and any(w in sentence for w in f.context):
            return f
    plain = [f for f in forms if not f.context]
    return plain[0] if plain else forms[0]


class ArticleReader:
    """Reads the claims of one article."""

    def __init__(self, article: Article) -> None:
        self.article = article
        self.folded: Folded = fold(article.text)
        self.g: Grammar = grammar()
        self.c: Context = context()
        t = self.folded.text
        self.sentences = self._sentences(t)
        self.sentence_starts = [s for s, _ in self.sentences]
        self.title_end = t.find("\n") if "\n" in t else len(t)
        lex = self.g.lex
        self.pred_starts, self.preds = _matches(self.c.predicates, t, lex.predicates)
        self.side_starts, self.sides = _matches(self.c.sides, t, lex.sides)
        self.scope_starts, self.scopes = _matches(self.c.scopes, t, lex.scopes)
        self._sources: dict[int, tuple[int, int] | None] = {}

    @staticmethod
    def _sentences(t: str) -> list[tuple[int, int]]:
        out, prev = [], 0
        for m in _SENTENCE_END.finditer(t):
            if m.start() > prev:
                out.append((prev, m.start()))
            prev = m.end()
        if prev < len(t):
            out.append((prev, len(t)))
        return out or [(0, len(t))]

    def sentence_of(self, pos: int) -> int:
        return max(0, bisect_right(self.sentence_starts, pos) - 1)

    def clause(self, pos: int, s_start: int, s_end: int) -> tuple[int, int]:
        t = self.folded.text
        left = s_start
        for m in _CLAUSE_END.finditer(t, max(s_start, pos - 150), pos):
            left = m.end()
        m = _CLAUSE_END.search(t, pos, s_end)
        return left, (m.start() if m else s_end)

    def source(self, index: int) -> tuple[int, int] | None:
        """The folded span of the source the sentence attributes its figures to."""
        if index in self._sources:
            return self._sources[index]
        t = self.folded.text
        s, e = self.sentences[index]
        lex = self.g.lex
        found: tuple[int, int] | None = None
        continuation = False
        for m in self.c.attribution.finditer(t, s, e):
            subject = self._subject(m.end(), e)
            if subject:
                found = subject
                break
            if m.start() - s < 4 and m.group("w") in lex.continuation_verbs | lex.attribution_verbs:
                continuation = True
        if found is None and continuation and index > 0:
            found = self.source(index - 1)
        self._sources[index] = found
        return found

    def _subject(self, pos: int, end: int) -> tuple[int, int] | None:
        t = self.folded.text
        stops = self.g.lex.source_stops
        words = list(rx(r"[«\"“]?[\p{L}]+[»\"”]?").finditer(t[pos:min(end, pos + 90)]))
        picked: list[regex.Match[str]] = []
        for w in words:
            bare = w.group().strip("«»\"“”")
            gap = t[pos + (picked[-1].end() if picked else 0) : pos + w.start()]
            if any(ch in gap for ch in "،,:؛.\n") or bare in stops or (bare.startswith(("ان", "انه")) and len(bare) <= 4):
                break
            picked.append(w)
            if len(picked) == 5:
                break
        if not picked:
            return None
        return pos + picked[0].start(), pos + picked[-1].end()

    def claims(self) -> list[dict]:
        t = self.folded.text
        numerals = scan(t, self.article.published_at)
        return [self._claim(n) for n in numerals]

    def _claim(self, n: Numeral) -> dict:
        t, lex, c = self.folded.text, self.g.lex, self.c
        si = self.sentence_of(n.start)
        s_start, s_end = self.sentences[si]
        sentence = t[s_start:s_end]
        kind, qualifier, low, high = n.kind, n.qualifier, n.low, n.high
        unit, unit_span = n.unit, None
        after_end = n.end
        if unit is None and kind not in ("date",):
            if c.percent_after.match(t, n.end) or c.percent_before.search(t, max(0, n.start - 20), n.start):
                kind, unit = "percent", None
                pm = c.percent_after.match(t, n.end)
                unit_name = "percent"
                after_end = pm.end() if pm else n.end
            else:
                unit_name = None
                um = self.g.unit_after.match(t, n.end) or (
                    self.g.unit_after.match(t, n.pair_end) if n.pair_end else None
                )
                if um and not (n.form == "ordinal"):
                    forms = lex.units.get(squash(um.group("w"))) or lex.duals.get(um.group("w"))
                    if forms:
                        unit = _choose_unit(forms, sentence)
                        unit_span = (um.start("w"), um.end("w"))
                        after_end = um.end()
                else:
                    wb = c.word_before.search(t, max(0, n.start - 25), n.start)
                    if wb and wb.group(1) in lex.units and (
                        (n.value == 1 and n.form == "words")
                        or any(f.number == "pl" for f in lex.units[wb.group(1)])
                    ):
                        unit = _choose_unit(lex.units[wb.group(1)], sentence)
                        unit_span = (wb.start(1), wb.end(1))
        else:
            unit_name = None
        if unit is not None:
            unit_name = unit.concept
            if kind is None:
                kind = unit.kind
        if unit_span is None and n.unit is not None:
            unit_span = (n.start, n.end)
        if kind is None:
            kind = "count"
        if kind in ("count", "money", "measure") and c.rate_after.match(t, after_end):
            kind = "rate"
        if kind not in ("date", "ordinal") and qualifier == "exact":
            h = c.hedge_before.search(t, max(0, n.start - 45), n.start)
            if h:
                qualifier = lex.hedges_before[squash(h.group("w"))]
            else:
                ha = c.hedge_after.match(t, after_end, min(s_end, after_end + 60))
                if ha:
                    qualifier = lex.hedges_after[squash(ha.group("w"))]
            low, high = _bounds(qualifier, n.value, low, high)
        if kind == "ordinal":
            qualifier, low, high = "exact", n.value, n.value
        predicate = side = scope = None
        scope_span = None
        if kind not in ("date", "ordinal"):
            predicate = self._predicate(n.start, after_end, s_start, s_end)
            side = self._side(n.start, after_end, s_start, s_end)
            c_start, c_end = self.clause(n.start, s_start, s_end)
            sc = _first_after(self.scope_starts, self.scopes, c_start, c_end)
            if sc:
                scope, scope_span = sc[2], (sc[0], sc[1])
        src = self.source(si) if kind not in ("date", "ordinal") else None
        return self._row(n, kind, qualifier, low, high, unit_name, unit_span, predicate, side, scope,
                         scope_span, src, (s_start, s_end))

    def _predicate(self, start: int, end: int, s_start: int, s_end: int) -> str | None:
        before = _nearest_before(self.pred_starts, self.preds, max(s_start, start - 90), start)
        after = _first_after(self.pred_starts, self.preds, end, min(s_end, end + 40))
        if before and (after is None or start - before[1] <= 60):
            return before[2]
        if after:
            return after[2]
        before = _nearest_before(self.pred_starts, self.preds, s_start, start)
        return before[2] if before else None

    def _side(self, start: int, end: int, s_start: int, s_end: int) -> str | None:
        c_start, c_end = self.clause(end, s_start, s_end)
        after = _first_after(self.side_starts, self.sides, end, min(c_end, end + 60))
        if after:
            return after[2]
        before = _nearest_before(self.side_starts, self.sides, max(s_start, start - 120), start)
        return before[2] if before else None

    def _row(self, n: Numeral, kind: str, qualifier: str, low: float | None, high: float | None,
             unit: str | None, unit_span: tuple[int, int] | None, predicate: str | None,
             side: str | None, scope: str | None, scope_span: tuple[int, int] | None,
             src: tuple[int, int] | None, sent: tuple[int, int]) -> dict:
        a, f = self.article, self.folded
        text = a.text
        start, end = f.span(n.start, n.end)
        s0, s1 = f.span(*sent)
        number_text = text[start:end]
        line = text.count("\n", 0, start)
        column = start - (text.rfind("\n", 0, start) + 1) + 1
        value = n.value
        if kind == "date" and value is None and n.date and n.date[:4].isdigit():
            value = float(n.date[:4])
        digest = hashlib.sha1(f"{a.doc_id}\x1f{start}\x1f{end}\x1f{number_text}".encode()).hexdigest()
        return {
            "claim_id": digest[:16],
            "doc_id": a.doc_id,
            "outlet": a.outlet,
            "published_at": a.published_at,
            "start": start,
            "end": end,
            "number_text": number_text,
            "value": value,
            "low": low,
            "high": high,
            "qualifier": qualifier,
            "kind": kind,
            "unit": unit,
            "unit_text": text[slice(*f.span(*unit_span))] if unit_span else None,
            "date": n.date,
            "predicate": predicate,
            "side": side,
            "source": text[slice(*f.span(*src))].strip("«»\"“” ") if src else None,
            "scope": scope,
            "scope_text": text[slice(*f.span(*scope_span))] if scope_span else None,
            "form": n.form,
            "decimals": n.decimals,
            "in_title": n.start < self.title_end and self.title_end < len(f.text),
            "sentence": text[s0:s1].strip(),
            "sentence_start": s0,
            "path": a.path,
            "line": (a.line or 1) if a.line else line + 1,
            "column": column,
        }


def _bounds(qualifier: str, value: float | None, low: float | None, high: float | None) -> tuple[float | None, float | None]:
    if value is None or qualifier in ("range", "vague"):
        return low, high
    return {
        "exact": (value, value),
        "at_least": (value, None),
        "more_than": (value, None),
        "at_most": (None, value),
        "less_than": (None, value),
        "about": (None, None),
    }[qualifier]


def article_claims(article: Article) -> list[dict]:
    """Return the claims of one article as row dicts in text order."""
    return ArticleReader(article).claims()
