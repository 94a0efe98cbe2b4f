"""Turn numerals into claims: hedge, counted noun, predicate, side, source, scope, sentence.

Context is read from sorted match lists computed once per sentence that holds a figure
(one trie-regex pass per lexicon), so each claim costs a few bisections rather than
fresh searches. Sentences, clauses and sources live in :mod:`checker.attribution`.
"""

from __future__ import annotations

import hashlib
import re
from functools import cache

import regex

from .ages import OF_AGE_AFTER, age_of
from .article import Article
from .attribution import Attribution, Sentences
from .clues import (
    AMONG_AFTER,
    AMONG_BEFORE,
    AND_BEFORE,
    AND_ONLY,
    ARTICLE_PREFIX,
    CLAUSE_BREAK,
    CLAUSE_END,
    COLUMN_INDEX,
    COLUMNS,
    COMPARED_WITH,
    DEAD_AMONG_AFTER,
    DEAD_AND_HURT_AFTER,
    DIGIT,
    INCIDENT_UNITS,
    LATER_FATES,
    MEASURE_PREDICATES,
    NOUN_FATES,
    ONLY_SPACE,
    PARTITIVE_AFTER,
    PEOPLE_ONLY_PREDICATES,
    SECTOR_BEFORE,
    THINGS_ONLY_PREDICATES,
    Spans,
    bounds_of,
    construct_noun,
    echoes_title,
    first_after,
    headline_currency,
    headline_scopes,
    names_a_place,
    nearest_before,
    predicate_near,
    spans_of,
    title_end,
    unreverse_decimal,
)
from .compare import WINDOW_SCOPES
from .lexicon import NOT_LETTER_AFTER, NOT_LETTER_BEFORE, Lexicon, UnitForm, squash, trie_pattern
from .matchers import MultiFinder, guarded, word_finder
from .normalize import Folded, fold
from .numerals import AND_A_FRACTION, Grammar, Numeral, grammar, scan
from .ordinals import first_of, numbered_unit, ordinal_unit
from .scores import score_units
from .units import nothing_counted_after, reported_unit

SP = r"[ \u00a0]"
_NO_CONTEXT = ("date", "ordinal")
_AGE_QUALIFIERS = ("exact", "about", "range")
# «رصد» allocates a sum («رصدت 5 مليارات») but records anything else («رصدت 24 مخالفة»).
_RECORDED = regex.compile(r"(?<!\p{L})(?:و|ف)?(?:رصد|رصدت|يرصد|ترصد|رصدها|برصد|رصدنا)(?!\p{L})")


class Context:
    """Compiled context patterns for one lexicon."""

    def __init__(self, lex: Lexicon) -> None:
        self.lex = lex
        self.predicates = word_finder(lex.predicates)
        self.sides = word_finder(lex.sides)
        self.scopes = word_finder(lex.scopes)
        self.places = word_finder(lex.places)
        self.phrases = MultiFinder([self.predicates, self.sides, self.scopes, self.places])
        self.attribution = Attribution(lex)
        hedge_before = trie_pattern(lex.hedges_before)
        self.hedge_before = guarded(
            rf"{NOT_LETTER_BEFORE}(?:[وف])?(?:[بل](?=ا))?(?P<w>{hedge_before})[{SP[1:-1]}(«\"“”″'’]*(?:(?:ب|ال|ل)[(«\"“”″'’]*)?$"
        )
        self.hedge_after = guarded(
            rf"[^0-9.،,؛\n]{{0,40}}?{NOT_LETTER_BEFORE}(?P<w>{trie_pattern(lex.hedges_after)}){NOT_LETTER_AFTER}"
            rf"(?!{SP}*من{SP}+(?!ذلك))"  # «1305 مشروعات وأكثر من 58 ألف قرض»: the next figure's hedge
        )
        self.people = {f.concept for forms in lex.units.values() for f in forms if f.category == "person"}
        one_person = lex.one_person | {
            w for w, forms in lex.units.items() if any(f.number == "sg" and f.category == "person" for f in forms)
        }
        # «استشهاد عريف وجنديين»: a count coordinated after one named person is a part of the toll.
        self.after_one_person = guarded(
            rf"{NOT_LETTER_BEFORE}(?:ال)?(?:{trie_pattern(one_person)})[»\"”'’]?{SP}*[«\"“]?{SP}*و[«\"“]?$"
        )
        # «أصيب طفلان وفتاة»: a count with one more person coordinated after it is a part too.
        # Not a noun that names a fate (وحالة وفاة، وقتيل): that is another toll, not one more person.
        one_more = lex.one_person | {
            w for w, forms in lex.units.items()
            if any(f.number == "sg" and f.category == "person" and f.concept not in lex.reported_as for f in forms)
        }
        self.before_one_person = regex.compile(
            rf"{SP}*و{SP}?(?:ال)?(?:{trie_pattern(one_more)}){NOT_LETTER_AFTER}"
        )
        # «ثلاث حالات إصابتهم خطيرة»، «5 أشخاص في حالة حرجة»: only the seriously injured.
        self.severity_after = guarded(
            rf"[»\"”]?{SP}+(?:(?:اصابت|حالت|جروح|وضع)\w*{SP}+|في{SP}+(?:حاله|حالات){SP}+)?"
            rf"(?:{trie_pattern(lex.severity_words)}){NOT_LETTER_AFTER}"
        )
        self.infection = guarded(
            rf"{NOT_LETTER_BEFORE}(?:و?ب|و?بال|و?ال|و)?(?:{trie_pattern(lex.infection_words)}){NOT_LETTER_AFTER}"
        )
        self.rate_after = guarded(
            rf"{SP}*(?:يوميا|في اليوم|كل يوم|سنويا|في السنه|شهريا|اسبوعيا|في الساعه){NOT_LETTER_AFTER}"
        )
        self.percent_after = guarded(
            rf"[{SP[1:-1]})»\"”″]*(?:%|(?:ب|في{SP}+)(?:ال)?(?:مئه|مائه|ميه){NOT_LETTER_AFTER})"
        )
        self.percent_before = re.compile(rf"(?:نسبه|بنسبه|النسبه|معدل|بمعدل){SP}*[(«\"“]*{SP}*(?:ب|ال)?$")
        self.national_after = guarded(rf"{SP}+(?P<w>{trie_pattern(lex.nationals)}){NOT_LETTER_AFTER}")
        self.word_before = regex.compile(rf"{NOT_LETTER_BEFORE}(?:ال)?(\p{{L}}+){SP}+(?:ال)?$")


@cache
def context() -> Context:
    """The context patterns compiled from the shipped lexicons (built once per process)."""
    return Context(grammar().lex)


def _percent_before(c: Context, t: str, pos: int) -> bool:
    """True when نسبة or معدل (a rate) comes right before the number at ``pos``."""
    lo = max(0, pos - 20)
    if t.find("نسبه", lo, pos) < 0 and t.find("معدل", lo, pos) < 0:  # cheap: the pattern needs one of them
        return False
    return c.percent_before.search(t, lo, pos) is not None


def _says_word(t: str, word: str, start: int, end: int) -> bool:
    """True when ``word`` is said as a word in ``t[start:end]``, with at most a clitic before it.

    «قطار» in «الأقطار» is no train: the letters before it must be nothing, ال or one clitic.
    """
    at = t.find(word, start, end)
    while at >= 0:
        head = t[max(start, at - 3) : at]
        stem = head.rstrip("ال") if head.endswith("ال") else head
        if not head or not head[-1].isalpha() or len(stem.split(" ")[-1]) <= 1:
            after = at + len(word)
            if after >= end or not t[after].isalpha() or word[-1] in "هة":
                return True
        at = t.find(word, at + 1, end)
    return False


def _choose_unit(forms: list[UnitForm], t: str, s_start: int, s_end: int) -> UnitForm:
    for f in forms:
        if f.context and any(_says_word(t, w, s_start, s_end) for w in f.context):
            return f
    plain = [f for f in forms if not f.context]
    return plain[0] if plain else forms[0]


_DAY_SCOPES = frozenset({"today", "yesterday"})
_ONE_AFTER_ITS_NOUN = regex.compile(r"واحد[ةه]?\p{M}*$")  # as written: «وأحد رجال الأمن» is «و» + «أحد»
_DIGITS = re.compile(r"[0-9]+")
_YEAR_DIGITS = re.compile(r"(?:19|20)[0-9]{2}|14[0-9]{2}")
_DIGIT_OR_COMMA = regex.compile(r"[0-9،,.؛:]")
# The word right before a counted noun: digits («32 شخصا») or a number word («ثلاثة أشخاص»).
_WORD_BEFORE_NOUN = regex.compile(r"(?:(?P<d>[\d٠-٩۰-۹][)»\"”]?)|(?P<w>\p{L}+))[ \u00a0]*$")
# «منذ 1984»، «منذ عام 2011»، «منذ ثلاثة عقود»: a total over years, not a figure of the day's event.
_SINCE_YEARS = regex.compile(
    r"\s*(?:(?:عام|العام|سنه|السنه)\s+)?(?:(?:19|20)\d\d(?!\d)|\d+\s+(?:عاما|عام|سنه|سنوات|عقود)(?!\p{L})"
    r"|(?:\p{L}+\s+)?(?:عقود|عقدين|سنوات|سنين|اعوام|عاما)(?!\p{L}))"
)
_MODEL_BEFORE = regex.compile(r"(?<!\p{L})(?:طراز|نوع|موديل|ماركه)\s+[(«\"]?\s*(?:[\p{L}\d]+\s+){0,3}$")
# A number that names a course, an article of law or a clause: «الدورتين (35) و(10)», «المادة 5».
_LABEL_BEFORE = regex.compile(
    r"(?<!\p{L})(?:و|ف)?(?:ال|بال|لل)?(?:دوره|دورتين|دورتان|دورات|ماده|مادتين|المواد|بند|بندين|فقره|فقرتين|رقم)"
    r"\s*[(«\"]?\s*(?:\d+\s*[)»\"]?\s*(?:،|,|و)\s*[(«\"]?\s*)*$"
)
# «سباق 1500 متر»، «منافسات 100 متر»: the distance names a race, it measures nothing of the story.
_RACE_BEFORE = regex.compile(
    r"(?<!\p{L})(?:و|ف|ب|ل)?(?:ال)?(?:سباق|سباقي|سباقات|منافسات|مسابقه|مسابقات)\s+(?:ال\s*)?$"
)
_FATE_OF_NOUN = {"injured": "injured", "dead": "killed"}  # nouns that say what happened to whom they count
_WHEN = regex.compile(r"(?<!\p{L})(?:حين|حينما|عندما)(?!\p{L})")  # «منذ أبريل، حين …»: the moment «منذ» names
_TOLLS = frozenset({"killed", "injured", "killed_or_injured"})
# A year written in a sentence, not after «منذ» (since 2011 runs up to the story's day).
_YEAR = regex.compile(r"(?<!منذ\s(?:\p{L}+\s)?(?:عام\s|العام\s)?)(?<![\d/.-])((?:19|20)\d\d)(?![\d/])")
_AND_NOUN = regex.compile(r"\s*و(?:ال)?(?=\p{L})")
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
        rows = score_units(rows, numerals, self.folded.text, self.article.text, self.folded.span,
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

    def _dual_unit(self, n: Numeral, t: str, s_start: int, s_end: int) -> UnitForm:
        """The noun a dual counts, chosen by its sentence when the dual has several (عربتين)."""
        word = t[n.start : n.end]
        for k in range(min(4, len(word))):  # the dual with or without its clitics (والعربتين)
            forms = self.g.lex.duals.get(word[k:])
            if forms:
                return _choose_unit(forms, t, s_start, s_end) if len(forms) > 1 else forms[0]
        return n.unit  # type: ignore[return-value]

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
        t, lex, c = self.folded.text, self.g.lex, self.c
        if n.value is not None:
            unreverse_decimal(n, self.article.text[slice(*self.folded.span(n.start, n.end))])
        si = self.sentences.index_of(n.start)
        s_start, s_end = self.sentences.spans[si]
        kind, qualifier, low, high = n.kind, n.qualifier, n.low, n.high
        unit, unit_span = n.unit, None
        if unit is not None and n.form == "dual":
            unit = self._dual_unit(n, t, s_start, s_end)
        national_side = None  # «14 سعوديا»: the nationality that counts them is their side
        of_the = False  # «3 من المصابين»: the counted noun is a definite partitive
        noun_after = False  # «120 متدربا»: the counted noun right after the number
        after_end = n.end
        unit_name = None
        if unit is None and kind != "date":
            pm = c.percent_after.match(t, n.end)
            if pm or _percent_before(c, t, n.start):
                kind, unit_name = "percent", "percent"
                after_end = pm.end() if pm else n.end
            elif n.form == "ordinal" and not first_of(t, n.start):
                # «الشوط الأول»، «بالدور الثاني»: the noun before the ordinal is what it counts
                if found := ordinal_unit(t, n.start, lex, lambda forms: _choose_unit(forms, t, s_start, s_end)):
                    unit, unit_span = found[0], found[1:]
            elif n.form == "digits" and (
                found := numbered_unit(t, n.start, lex, lambda forms: _choose_unit(forms, t, s_start, s_end))
            ):
                kind, unit, unit_span = "ordinal", found[0], found[1:]  # «في الدقيقة 69»: the 69th minute
            else:
                um = self.g.unit_after.match(t, n.end) or (
                    self.g.unit_after.match(t, n.pair_end) if n.pair_end else None
                )
                if um and not um.group("min") and _ONE_AFTER_ITS_NOUN.search(
                        self.article.text[slice(*self.folded.span(n.start, n.end))]):
                    um = None  # «على جانب واحد للقارب»: «واحد» follows the noun it counts, never precedes it
                if um and (n.form != "ordinal" or not um.group("min")):  # «أول فرقة إسعافية»
                    forms = lex.units.get(squash(um.group("w"))) or lex.duals.get(um.group("w"))
                    if forms and um.group("min") and all(f.number == "sg" and f.category == "person" for f in forms):
                        forms = lex.units["اشخاص"]  # «3 من عائلة واحدة»: three people of one family
                    if forms:
                        unit = _choose_unit(forms, t, s_start, s_end)
                        unit_span = (um.start("w"), um.end("w"))
                        after_end = um.end()
                        of_the = bool(um.group("min") and um.group("cl"))
                        noun_after = not um.group("min")
                        if (national := c.national_after.match(t, after_end)) and unit.category == "person":
                            national_side = lex.nationals[national.group("w")]  # «22 سائحا سعوديا»
                        if self._counts_two_nouns(unit, um.end()):
                            if unit.category == "person":  # «33 قتيلا وجريحا»، «17 جنديا وضابطا»: people all the same
                                unit = lex.units["شخص"][0]
                            else:  # «54 كلية ومعهدا»: colleges and institutes together
                                unit, unit_span = None, None
                elif (national := c.national_after.match(t, n.end)) and n.form in ("digits", "words"):
                    # «تسمم 14 سعوديا»، «قضى 4 فلسطينيين»: people counted by their nationality
                    unit, national_side = lex.units["شخص"][0], lex.nationals[national.group("w")]
                    unit_span = (national.start("w"), national.end("w"))
                    after_end, noun_after = national.end(), True
                else:
                    wb = c.word_before.search(t, max(0, n.start - 25), n.start)
                    if wb and wb.group(1) in lex.units and (
                        (n.value == 1 and n.form == "words")
                        or any(f.number == "pl" for f in lex.units[wb.group(1)])
                    ):
                        unit = _choose_unit(lex.units[wb.group(1)], t, s_start, s_end)
                        unit_span = (wb.start(1), wb.end(1))
        if unit is None and kind is None and n.form in ("digits", "words") and OF_AGE_AFTER.match(t, n.end):
            unit = self.g.year  # «في الثلاثين من العمر»: years of age, with no noun
        if kind is None and n.form == "digits" and (
                (not noun_after and _LABEL_BEFORE.search(t, max(s_start, n.start - 40), n.start))
                or _RACE_BEFORE.search(t, max(s_start, n.start - 16), n.start)):
            kind, unit, unit_span, after_end = "ordinal", None, None, n.end  # «الدورتين (35) و(10)»: names, not counts
        if unit is not None:
            unit_name = unit.concept
            if kind is None:
                kind = unit.kind
        if unit_span is None and n.unit is not None:
            unit_span = (n.start, n.end)
        if kind is None:
            kind = "count"
        if kind in ("duration", "measure") and n.value is not None and qualifier == "exact" and not n.scaled:
            fraction = AND_A_FRACTION.match(t, after_end)
            if fraction:  # «3 ساعات ونصف»، «عامين ونصف»: the fraction said after the noun
                n.value += 0.5 if fraction.group(1) == "نصف" else 0.25
                after_end = fraction.end()
        if kind in ("count", "money", "measure") and c.rate_after.match(t, after_end):
            kind = "rate"
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
        predicate = side = scope = src = place = None
        scope_span = None
        if kind not in _NO_CONTEXT:
            preds, sides, (scope_starts, scopes), places = self.context_of(si)
            own = first_after(preds[0], preds[1], n.end, after_end) if after_end > n.end else None
            if own is None and n.form == "singular":
                own = first_after(preds[0], preds[1], n.start - 1, n.start + 1)  # «وحالة وفاة» is one phrase
                if own is not None and own[1] <= n.end:
                    own = None
            # «حالتي وفاة»، «وحالة وفاة»: a dual or singular noun is its own numeral and counted noun.
            if own is None and (after_end > n.end or n.unit is not None):
                nxt = first_after(preds[0], preds[1], after_end, after_end + 14)
                # A و that opens the word after the noun is a conjunction («حالات وإصابة»), unless
                # it is the word's own first letter («حالات وفيات»).
                root_waw = nxt is not None and t[nxt[0]:nxt[1]] in lex.predicates
                if nxt and ONLY_SPACE.fullmatch(t, after_end, nxt[0]) and not CLAUSE_BREAK.search(
                    t, after_end, nxt[0] + (0 if root_waw else 1)
                ):
                    own = nxt  # «ثلاث حالات إصابتهم خطيرة»: said right after the counted noun
                    if ARTICLE_PREFIX.match(t, nxt[0]):
                        # «اثنين من رجال الأمن المصابين … انتقلا إلى رحمة الله»: an adjective that
                        # describes them; the verb later in the sentence says what happened.
                        verb = first_after(preds[0], preds[1], nxt[1], min(s_end, nxt[1] + 80))
                        if verb:
                            own = verb
            # «سبع إصابات»، «21 حالة وفاة»: the counted noun itself says what happened.
            predicate = own[2] if own else predicate_near(preds, n.start, after_end, s_start, s_end, t)
            if own is None and predicate == "killed" and c.severity_after.match(t, after_end):
                predicate = "injured"  # «حالتي وفاة وحالة حرجة»: the dead have no severity; the injured do
            if own and of_the and own[1] > unit_span[0]:
                # «توفي 3 من المصابين»: «of the injured» names who they were; the verb says what happened.
                verb = nearest_before(preds[0], preds[1], max(s_start, n.start - 60), n.start)
                if verb:
                    predicate = verb[2]
            if own and predicate in NOUN_FATES and own[1] <= after_end:
                nxt = first_after(preds[0], preds[1], after_end, after_end + 14)
                if nxt and nxt[2] in LATER_FATES and not CLAUSE_BREAK.search(t, after_end, nxt[0] + 1):
                    predicate = nxt[2]  # «29 مصاباً خرجوا من المستشفيات»: what became of the injured
            if predicate == "infected" and not self._infection_news():
                predicate = None  # «تسجيل اثنين من اللاعبين»: registered players, in no news of a disease
            if predicate == "injured" and c.infection.search(t, s_start, s_end):
                predicate = "infected"  # «4 إصابات مؤكدة بفيروس كورونا»: infections, not wounds
            elif predicate == "injured" and DEAD_AMONG_AFTER.match(t, after_end, s_end):
                predicate = "killed_or_injured"  # «بلغ 50 حالة، سجلت منهم 9 حالات وفيات»
            if DEAD_AND_HURT_AFTER.match(t, after_end, s_end):
                predicate = "killed_or_injured"  # «راح ضحيته 23 من رجال الأمن بين شهداء وجرحى»
            if kind != "money" and (predicate == "fined" or (predicate == "allocated" and _RECORDED.search(
                    t, max(s_start, n.start - 40), n.start))):
                predicate = None  # «رصدت الوزارة 24 مخالفة»: recorded, not allocated; only a sum is a fine
            elif kind in ("measure", "money", "percent", "duration") and predicate not in MEASURE_PREDICATES:
                predicate = None  # «على بعد 150 كيلومترا» in a sentence about the killed: no one killed 150 km
            elif (unit is not None and unit.category == "thing" and predicate in PEOPLE_ONLY_PREDICATES
                  and unit.concept not in INCIDENT_UNITS):
                # «سيارات الأجرة والنقل (151) سيارة»: «النقل» takes no one to hospital here;
                # «أصيب برصاصتين»: the bullets are not the injured.
                predicate = None
            elif unit is not None and unit.category == "thing" and predicate == "arrested":
                predicate = "seized"  # «ضبط 10 مسدسات»: ضبط arrests people and seizes things
            elif unit is not None and unit.category == "person" and predicate in THINGS_ONLY_PREDICATES:
                predicate = None  # «أسفر التفجير عن 15»: the blast destroyed things; the people have their own verb
            if predicate is None and unit is not None and unit.concept in _FATE_OF_NOUN:
                predicate = _FATE_OF_NOUN[unit.concept]  # «13 شهيدا بتفجير انتحاري»: the noun says it
            if unit is None and _MODEL_BEFORE.search(t, max(s_start, n.start - 30), n.start):
                predicate = None  # «طائرة من نوع امبراير 505 فانوم 300»: a model's number, not a toll
            side = national_side or self._side(sides, n.start, n.end, si)
            c_start, c_end = self.sentences.clause(n.start, si)
            # «ألا يقل عمر المتقدم عن 30 عاما»: a bound is a rule, not anyone's age.
            if kind == "duration" and unit is not None and unit.concept == "year" and qualifier in _AGE_QUALIFIERS:
                person = age_of(t, n.start, n.end, after_end, s_start, n.form == "decade", lex)
                if person is not None:  # «امرأة (50 سنة)»: the woman's age, apart from the man's
                    predicate, side = "age", person or None
            where = first_after(places[0], places[1], n.end, c_end) or nearest_before(
                places[0], places[1], c_start, n.start)
            if where is None:  # «… 66 شخصاً بالإجهاد في محافظة "القاهرة"»: the clause may stop at a quote
                later = first_after(places[0], places[1], n.end, min(s_end, n.end + 120))
                # «وفاة 21 حالة وإصابة 66 شخصاً … في محافظة القاهرة»: a place said after coordinated
                # figures is where they all happened; not past a comma or a full stop.
                if later and not (DIGIT.search(t, n.end, later[0]) and CLAUSE_END.search(t, n.end, later[0])):
                    where = later
            place = where[2] if where else None
            if place is None:
                sectors = list(SECTOR_BEFORE.finditer(t, c_start, n.start))
                sector = sectors[-1] if sectors else None  # the sector named last before the figure
                if sector is not None and not DIGIT.search(t, sector.end(), n.start):
                    # Only a sector the gazetteer knows as a place («قطاع الخبر»), not «قطاع النفط».
                    name = sector.group(1)
                    place = next((lex.places[w] for w in (name, name.split(" ")[0]) if w in lex.places), None)
            sc = first_after(scope_starts, scopes, c_start, c_end)
            if sc is None:
                # «تمكنت خلال اليوم الأخير من (تحييد) 184»: a window said earlier in the sentence,
                # with no other figure between it and this one.
                # A year between them belongs to the window («للربع الثاني من السنة المالية 2015م، مبلغ 901»).
                sc = nearest_before(scope_starts, scopes, max(s_start, n.start - 80), n.start)
                if sc and sc[2] in _DAY_SCOPES:
                    # «خلال النصف الأول …، حيث أفادت الأمم المتحدة أمس، عن سقوط 1592»: «أمس» dates the
                    # statement; the window said before it is the figure's.
                    window = nearest_before(scope_starts, scopes, max(s_start, n.start - 120), sc[0])
                    if window and window[2] in WINDOW_SCOPES:
                        sc = window
                if sc and any(not _YEAR_DIGITS.fullmatch(d) for d in _DIGITS.findall(t, sc[1], n.start)):
                    sc = None
            if sc:
                scope, scope_span = sc[2], (sc[0], sc[1])
                since = t.find("منذ", sc[0], sc[1])
                if scope == "cumulative" and since >= 0 and _SINCE_YEARS.match(t, since + 3):
                    scope = "background"  # «مقتل 40 ألف شخص منذ 1984»: a long conflict's total, not this event's
                elif scope == "cumulative" and since >= 0 and _WHEN.search(t, sc[1], n.start):
                    scope = "earlier_incident"  # «الأسوأ منذ أبريل الماضي، حين لقي 800 مهاجر حتفهم»: that day's toll
            if scope is None and predicate in _TOLLS and self._past_year_in(s_start, s_end):
                scope = "earlier_incident"  # «تفجير كنيسة … عام 2010، الذي أسفر عن مقتل 58»: another year's toll
            versus = COMPARED_WITH.search(t, max(c_start, n.start - 35), n.start)
            if (versus and kind in ("money", "count", "percent", "measure")
                    and not _DIGIT_OR_COMMA.search(t, versus.end(), n.start)):
                # «901 مليون ريال مقابل صافي ربح 92 مليون» (in the same quarter last year): the figure it is set against
                scope, scope_span = "comparison", None
            # «استشهاد عريف وجنديين»، «أصيب طفلان وفتاة»: one more person coordinated with the count.
            # Not after a singular noun: «13 جنديا وشرطيا»، «20 طالبا وطالبة» name the whole count.
            one_before = c.after_one_person.search(t, max(s_start, n.start - 20), n.start)
            if one_before and self._counted_before(one_before.start()):
                one_before = None  # «مقتل 32 شخصا ومائة جريح»: the noun of the count before, not one person
            one_more = bool(one_before or (
                unit is not None and unit.category == "person" and unit.number != "sg"
                and c.before_one_person.match(t, after_end)))
            # «15 من المصابين تراوحت إصاباتهم بين الحرجة والمتوسطة»: some of the injured, not all
            # («توفي 3 من المصابين» has its own verb: another toll, and no part of this one).
            of_the_toll = of_the and unit is not None and _FATE_OF_NOUN.get(unit.concept, "") == (predicate or "")
            if (sc is None or (one_more and scope in _DAY_SCOPES)) and (
                of_the_toll
                or (n.value == 1 and t[n.start:n.end] in ("احد", "احدي") and n.end < after_end)
                or AMONG_BEFORE.search(t, max(s_start, n.start - 14), n.start)
                or AMONG_AFTER.match(t, n.end)
                or (predicate in ("injured", "infected") and c.severity_after.match(t, after_end))
                or one_more
            ):
                # «وإصابة تسعة آخرين، ثلاثة منهم إصاباتهم بالغة»: a subset, not the count
                # (a day said with it, «عصر اليوم», is the day of the whole toll).
                scope, scope_span = "part", None
                if one_more:
                    place = None  # «فتاة وطفلين بنجران»: the place of the whole toll, not this part's own
            elif (sc is None and self._part_end and self._part_end[0] == si
                  and AND_ONLY.fullmatch(t, self._part_end[1], n.start)):
                scope = "part"  # «منهم ٤ حالات خطيرة و١٥ حالة متوسطة»: the next item of the same breakdown
            self._part_end = (si, after_end) if scope == "part" else None
            if scope == "part" and sc is None and where is not None and where[0] < n.start:
                place = None  # «في منطقة الرياض منهم حالتين»: the total's place; a part keeps only its own
            src = self.sentences.source(si)
        elif n.form == "time":
            src = self.sentences.source(si)  # «وأوضح المتحدث … أن البلاغ ورد الساعة 5:20»: whose time it is
        return self._row(n, kind, qualifier, low, high, unit_name, unit_span, predicate, side, scope,
                         scope_span, src, (s_start, s_end), place)

    def _infection_news(self) -> bool:
        """True when the article speaks of a disease anywhere (searched once per article)."""
        if self._infection is None:
            self._infection = self.c.infection.search(self.folded.text) is not None
        return self._infection

    def _past_year_in(self, start: int, end: int) -> bool:
        """True when a sentence names a year before the article's own (not «منذ 2011», a span up to now)."""
        published = (self.article.published_at or "")[:4]
        if not published.isdigit():
            return False
        return any(int(m.group(1)) < int(published) for m in _YEAR.finditer(self.folded.text, start, end))

    def _counted_before(self, at: int) -> bool:
        """True when a number stands right before ``at``: the noun there is the count's, not one person."""
        t = self.folded.text
        m = _WORD_BEFORE_NOUN.search(t, max(0, at - 20), at)
        if m is None:
            return False
        word = m.group("w")
        return bool(m.group("d")) or word in self.g.lex.number_words

    def _counts_two_nouns(self, unit: UnitForm, end: int) -> bool:
        """True when the counted noun, singular, shares its number with a second noun: «54 كلية ومعهدا».

        The second noun is in the same accusative (tanween alef: «17 جنديا وضابطا»); «مقتل 30 شخصا
        وإصابة 100» opens another toll and «22 فرقة إسعافية وفرقة طبية» adds one more team.
        """
        if unit.number != "sg":
            return False
        t = self.folded.text
        m = _AND_NOUN.match(t, end)
        other = self.g.unit_after.match(t, m.end()) if m else None
        if other is None or other.start("w") != m.end() or other.group("min") or not t.endswith("ا", 0, other.end("w")):
            return False
        forms = self.g.lex.units.get(squash(other.group("w"))) or []
        return any(f.number == "sg" and f.concept != unit.concept and f.category == unit.category for f in forms)

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
