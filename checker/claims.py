"""Turn numerals into claims: hedge, counted noun, predicate, side, source, scope, sentence.

Context is read from sorted match lists computed once per sentence that holds a figure
(one trie-regex pass per lexicon), so each claim costs a few bisections rather than
fresh searches. Sentences, clauses and sources live in :mod:`checker.attribution`.

:class:`ArticleReader` reads each figure in stages, each in its own module: the counted
noun, unit and kind (:mod:`checker.claim_unit`), the predicate and age
(:mod:`checker.claim_predicate`), the place, time scope and parts (:mod:`checker.claim_scope`),
all with the patterns of :mod:`checker.claim_patterns`.
"""

from __future__ import annotations

import hashlib

import regex

from .article import Article
from .attribution import Sentences
from .claim_patterns import Context, context
from .claim_predicate import age_reading, predicate_of
from .claim_scope import _DAY_SCOPES, part_of, place_of, time_scope
from .claim_unit import counted_noun, kind_of
from .clues import (
    AND_BEFORE,
    COLUMN_INDEX,
    COLUMNS,
    DIGIT,
    ONLY_SPACE,
    PARTITIVE_AFTER,
    Spans,
    bounds_of,
    construct_noun,
    echoes_title,
    first_after,
    headline_currency,
    headline_scopes,
    names_a_place,
    nearest_before,
    spans_of,
    title_end,
    unreverse_decimal,
)
from .lexicon import squash
from .normalize import Folded, fold
from .numerals import Grammar, Numeral, grammar, scan
from .scores import score_units
from .units import nothing_counted_after, reported_unit

_NO_CONTEXT = ("date", "ordinal")
_NOUN_THEN_AND = regex.compile(r"(?:\s*\p{Arabic}+)?\s*و\s*")  # «شخصان و3»، «5 أشخاص و3»


class ArticleReader:
    """Reads the claims of one article."""

    def __init__(self, article: Article) -> None:
        self.article = article
        self.folded: Folded = fold(article.text)
        self.g: Grammar = grammar()
        self.c: Context = context()
        t = self.folded.text
        self.sentences = Sentences(t, self.c.attribution)
        self.title_end = title_end(t, article)
        self._context: dict[int, tuple[Spans, Spans, Spans, Spans]] = {}
        self._part_end: tuple[int, int] | None = None  # (sentence index, end) of the last part read
        self._infection: bool | None = None

    def context_of(self, index: int) -> tuple[Spans, Spans, Spans, Spans]:
        """Predicate, side, scope and place matches of one sentence (no phrase crosses a sentence end)."""
        found = self._context.get(index)
        if found is None:
            t, lex, c = self.folded.text, self.g.lex, self.c
            s, e = self.sentences.spans[index]
            preds, sides, scopes, places = c.phrases.finditer_each(t, s, e)
            sides = [m for m in sides if not construct_noun(t, m, lex.construct_nouns)]
            places = [m for m in places if names_a_place(t, m) and not construct_noun(t, m, lex.construct_nouns)]
            found = (self._split_pairs(spans_of(preds, lex.predicates)), spans_of(sides, lex.sides),
                     spans_of(scopes, lex.scopes), spans_of(places, lex.places))
            self._context[index] = found
        return found

    def _split_pairs(self, preds: Spans) -> Spans:
        """Read «حالتي وفاة وإصابة حرجة» as two deaths and one critical injury, not four killed or injured.

        A paired verbal noun («وفاة وإصابة») whose second noun takes a severity word of its own is
        two figures: the number before it counts the first noun's fate only.
        """
        t, lex = self.folded.text, self.g.lex
        out = []
        for start, end, key in preds[1]:
            if key == "killed_or_injured" and " " in t[start:end]:
                after = t[end:end + 16].split()
                first = t[start:end].split()[0]
                if after and after[0] in lex.severity_words and lex.predicates.get(first):
                    out.append((start, start + len(first), lex.predicates[first]))
                    continue
            out.append((start, end, key))
        return [s for s, _, _ in out], out

    def rows(self) -> list[tuple]:
        """The claims of the article as tuples in :data:`COLUMNS` order, in text order."""
        numerals = scan(self.folded.text, self.article.published_at, self.sentences.spans)
        rows = headline_currency(headline_scopes(self._shared_nouns(numerals, [self._claim(n) for n in numerals])))
        rows = score_units(rows, numerals, self.folded.text,
                           lambda pos: self.sentences.spans[self.sentences.index_of(pos)], self.g.lex)
        return self._reported_units(numerals, self._people_listed_with_others(numerals, rows))

    def _people_listed_with_others(self, numerals: list[Numeral], rows: list[tuple]) -> list[tuple]:
        """Make «شخصان» in «أصيب شخصان و3 رجال أمن» a part: people listed with another kind of people.

        The plain «persons» of such a list are the rest of a toll, not its total; the other
        kind (3 رجال أمن) keeps its own count.
        """
        col, t = COLUMN_INDEX, self.folded.text
        for i in range(len(rows) - 1):
            row, nxt = rows[i], rows[i + 1]
            other = nxt[col["unit"]]
            # «32 شخصا ومائة جريح»: a fate noun (جريح، قتيل) is another toll, not another kind of people.
            if (row[col["unit"]] != "person" or other not in self.c.people or other == "person"
                    or other in self.g.lex.reported_as
                    or row[col["scope"]] not in (None, *_DAY_SCOPES)
                    or row[col["sentence_start"]] != nxt[col["sentence_start"]]
                    or not _NOUN_THEN_AND.fullmatch(t, numerals[i].end, numerals[i + 1].start)):
                continue
            fixed = list(row)
            fixed[col["scope"]], fixed[col["scope_text"]] = "part", None
            rows[i] = tuple(fixed)
        return rows

    def _reported_units(self, numerals: list[Numeral], rows: list[tuple]) -> list[tuple]:
        """Name each claim's unit as the table reports it (see :mod:`checker.units`)."""
        col, lex, t = COLUMN_INDEX, self.g.lex, self.folded.text
        at = col["unit"]
        # Read the whole article for an infection word only when a noun depends on it.
        infection_news = any(r[at] in lex.disease_units for r in rows) and self.c.infection.search(t) is not None
        for i, row in enumerate(rows):
            n = numerals[i]
            bare = row[at] is None and nothing_counted_after(t, n.end)  # only a figure with no noun asks
            unit = reported_unit(row[at], row[col["kind"]], row[col["predicate"]], row[col["date"]],
                                 n.form, lex, infection_news, bare)
            if unit != row[at]:
                rows[i] = (*row[:at], unit, *row[at + 1:])
        return rows

    def claims(self) -> list[dict]:
        """The claims of the article as row dicts, in text order."""
        return [dict(zip(COLUMNS, row, strict=True)) for row in self.rows()]

    def _claim(self, n: Numeral) -> tuple:
        """The claim of one numeral as a row: each reading stage sees what the stages before it read."""
        t, lex, c = self.folded.text, self.g.lex, self.c
        if n.value is not None:
            unreverse_decimal(n, self.article.text[slice(*self.folded.span(n.start, n.end))])
        si = self.sentences.index_of(n.start)
        s_start, s_end = self.sentences.spans[si]
        qualifier, low, high = n.qualifier, n.low, n.high
        noun = counted_noun(n, self.g, c, self.folded, self.article.text, s_start, s_end)
        noun = kind_of(n, noun, qualifier, self.g, c, t, s_start)
        kind = noun.kind
        qualifier, low, high = self._qualifier(n, kind, qualifier, low, high, noun.after_end, s_end)
        predicate = side = scope = src = place = None
        scope_span = None
        if kind not in _NO_CONTEXT:
            preds, sides, (scope_starts, scopes), places = self.context_of(si)
            predicate = predicate_of(n, noun, preds, t, lex, c, s_start, s_end, self._infection_news)
            side = noun.national_side or self._side(sides, n.start, n.end, si)
            c_start, c_end = self.sentences.clause(n.start, si)
            predicate, side = age_reading(n, noun, qualifier, predicate, side, t, lex, s_start)
            where, place = place_of(n, places, t, lex, c_start, c_end, s_end)
            sc, scope, scope_span = time_scope(n, kind, predicate, scope_starts, scopes, t, c_start, c_end,
                                               s_start, s_end, self.article.published_at)
            scope, scope_span, place, self._part_end = part_of(
                n, noun, predicate, sc, scope, scope_span, place, where, si, self._part_end, t, lex, c, s_start)
            src = self.sentences.source_of(si, n.end)
        elif n.form == "time":
            src = self.sentences.source_of(si, n.end)  # «وأوضح المتحدث … أن البلاغ ورد الساعة 5:20»: whose time it is
        return self._row(n, kind, qualifier, low, high, noun.unit_name, noun.unit_span, predicate, side, scope,
                         scope_span, src, (s_start, s_end), place)

    def _qualifier(self, n: Numeral, kind: str, qualifier: str, low: float | None, high: float | None,
                   after_end: int, s_end: int) -> tuple[str, float | None, float | None]:
        """The figure's qualifier and bounds: a hedge said before («نحو») or after it; an ordinal is exact."""
        t, lex, c = self.folded.text, self.g.lex, self.c
        if kind not in _NO_CONTEXT and qualifier == "exact":
            h = c.hedge_before.search(t, max(0, n.start - 45), n.start)
            if h:
                qualifier = lex.hedges_before[squash(h.group("w"))]
            else:
                ha = c.hedge_after.match(t, after_end, min(s_end, after_end + 60))
                if ha:
                    qualifier = lex.hedges_after[squash(ha.group("w"))]
            low, high = bounds_of(qualifier, n.value, low, high)
        if kind == "ordinal":
            qualifier, low, high = "exact", n.value, n.value
        return qualifier, low, high

    def _infection_news(self) -> bool:
        """True when the article speaks of a disease anywhere (searched once per article)."""
        if self._infection is None:
            self._infection = self.c.infection.search(self.folded.text) is not None
        return self._infection

    def _shared_nouns(self, numerals: list[Numeral], rows: list[tuple]) -> list[tuple]:
        """Give a bare toll the noun of the toll it is coordinated with, in the same sentence.

        «توفي ثلاثة أشخاص وأصيب 12»: the people counted just before a «و» + verb;
        «استشهاد 4 وإصابة 8 رجال أمن»: the noun of the toll right after. Not when the figure
        names whom it counts itself («وإصابة 7 من حرس الحدود»).
        """
        t, col = self.folded.text, COLUMN_INDEX
        for i, row in enumerate(rows):
            if row[col["unit"]] is not None or row[col["kind"]] != "count" or numerals[i].form == "ordinal":
                continue
            n = numerals[i]
            preds = self.context_of(self.sentences.index_of(n.start))[0]
            prev = rows[i - 1] if i else None
            if (
                prev is not None and prev[col["sentence_start"]] == row[col["sentence_start"]]
                and prev[col["unit"]] in self.c.people
                and n.start - numerals[i - 1].end <= 75 and not DIGIT.search(t, numerals[i - 1].end, n.start)
                and not PARTITIVE_AFTER.match(t, n.end)
            ):
                verb = nearest_before(preds[0], preds[1], numerals[i - 1].end, n.start)
                if (verb and ONLY_SPACE.fullmatch(t, verb[1], n.start)
                        and AND_BEFORE.search(t, max(numerals[i - 1].end, verb[0] - 3), verb[0] + 1)):
                    rows[i] = _with_noun(row, prev)
                    continue
            nxt = rows[i + 1] if i + 1 < len(rows) else None
            if (
                nxt is None or nxt[col["unit"]] is None or nxt[col["kind"]] != "count"
                or nxt[col["sentence_start"]] != row[col["sentence_start"]] or numerals[i + 1].start - n.end > 25
            ):
                continue
            verb = first_after(preds[0], preds[1], n.end, numerals[i + 1].start)
            if (verb and t.startswith("و", verb[0]) and ONLY_SPACE.fullmatch(t, n.end, verb[0])
                    and ONLY_SPACE.fullmatch(t, verb[1], numerals[i + 1].start)):
                rows[i] = _with_noun(row, nxt)
        return rows

    def _side(self, sides: Spans, start: int, end: int, si: int) -> str | None:
        starts, spans = sides
        s_start = self.sentences.spans[si][0]
        c_end = self.sentences.clause(end, si)[1]
        after = first_after(starts, spans, end, min(c_end, end + 60))
        if after:
            return after[2]
        before = nearest_before(starts, spans, max(s_start, start - 120), start)
        return before[2] if before else None

    def _row(self, n: Numeral, kind: str, qualifier: str, low: float | None, high: float | None,
             unit: str | None, unit_span: tuple[int, int] | None, predicate: str | None,
             side: str | None, scope: str | None, scope_span: tuple[int, int] | None,
             src: tuple[int, int] | None, sent: tuple[int, int], place: str | None = None) -> tuple:
        a, f = self.article, self.folded
        text = a.text
        start, end = f.span(n.start, n.end)
        s0, s1 = f.span(*sent)
        sentence = text[s0:s1]
        s0 += len(sentence) - len(sentence.lstrip())
        sentence = sentence.strip()
        number_text = text[start:end]
        value = n.value
        if kind == "date" and value is None and n.date and n.date[:4].isdigit():
            value = float(n.date[:4])
        digest = hashlib.sha1(f"{a.doc_id}\x1f{start}\x1f{end}\x1f{number_text}".encode()).hexdigest()
        line_start = text.rfind("\n", 0, start) + 1
        return (
            digest[:16],
            a.doc_id,
            a.outlet,
            a.published_at,
            start,
            end,
            number_text,
            value,
            low,
            high,
            qualifier,
            kind,
            unit,
            text[slice(*f.span(*unit_span))] if unit_span else None,
            unit,
            n.date,
            predicate,
            side,
            text[slice(*f.span(*src))].strip("«»\"“” ") if src else None,
            scope,
            text[slice(*f.span(*scope_span))] if scope_span else None,
            place,
            n.form,
            n.decimals,
            (n.start < self.title_end and self.title_end < len(f.text)) or echoes_title(f.text, n.start),
            sentence,
            s0,
            a.path,
            a.line if a.line else text.count("\n", 0, line_start) + 1,
            start - line_start + 1,
        )


def _with_noun(row: tuple, other: tuple) -> tuple:
    """``row`` counting what ``other`` counts: its unit and the noun as written there."""
    shared = list(row)
    for name in ("unit", "unit_text", "noun"):
        shared[COLUMN_INDEX[name]] = other[COLUMN_INDEX[name]]
    return tuple(shared)


def article_claims(article: Article) -> list[dict]:
    """Return the claims of one article as row dicts in text order."""
    return ArticleReader(article).claims()


def article_rows(article: Article) -> list[tuple]:
    """Return the claims of one article as tuples in :data:`COLUMNS` order (compact, for worker processes)."""
    return ArticleReader(article).rows()
