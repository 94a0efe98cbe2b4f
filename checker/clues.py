"""The textual clues a claim is read from: phrase spans near a figure, the verb that applies,
place words, the headline line, breakdown and clause cues (used by :mod:`checker.claims`)."""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right

import regex

from .article import Article
from .compare import RATE_SCOPES, SCALE_WORDS, WINDOW_SCOPES
from .grammar import Numeral
from .lexicon import squash
from .normalize import fold
from .schema import CLAIMS_SCHEMA

COLUMNS = tuple(CLAIMS_SCHEMA)
BOUNDS = {
    "exact": lambda v: (v, v),
    "at_least": lambda v: (v, None),
    "more_than": lambda v: (v, None),
    "at_most": lambda v: (None, v),
    "less_than": lambda v: (None, v),
    "about": lambda v: (None, None),
}


Span = tuple[int, int, str]  # start, end, lexicon key
Spans = tuple[list[int], list[Span]]


def spans_of(matches: list[re.Match[str]], table: dict[str, str]) -> Spans:
    """The (start, end, key) of the lexicon phrases matched, with their starts apart."""
    spans = []
    for m in matches:
        key = table.get(squash(m.group("w")))
        if key is not None:
            spans.append((m.start(), m.end(), key))
    return [s for s, _, _ in spans], spans


def nearest_before(starts: list[int], spans: list[Span], lo: int, pos: int) -> Span | None:
    i = bisect_right(starts, pos) - 1
    while i >= 0 and spans[i][1] > pos:
        i -= 1
    return spans[i] if i >= 0 and spans[i][0] >= lo else None


def first_after(starts: list[int], spans: list[Span], pos: int, hi: int) -> Span | None:
    i = bisect_left(starts, pos)
    return spans[i] if i < len(spans) and spans[i][0] < hi else None


DIGIT = re.compile(r"[0-9]")
CLAUSE_END = re.compile(r"[،,.؛:]")
ONLY_SPACE = re.compile(r"\s*")
AND_ONLY = re.compile(r"\s*و\s*\(?\s*")
PARTITIVE_AFTER = re.compile(r"\s+من\s")
AND_BEFORE = re.compile(r"(?:^|\s)و")  # «وأصيب»: the verb opens a coordinated clause
SCOPED_WINDOWS = WINDOW_SCOPES | RATE_SCOPES
# Predicates a counted noun carries by itself (مصاب، قتيل), and what a verb right after it
# may say became of them instead («29 مصاباً خرجوا من المستشفيات»).
NOUN_FATES = frozenset({"injured", "infected", "killed"})
LATER_FATES = frozenset({"recovered", "hospitalized", "released", "evacuated"})
ARTICLE_PREFIX = re.compile(r"[وفب]?ال|[وف]?لل")  # a predicate word with the article: an adjective, not a verb
AMONG_AFTER = re.compile(r"\s*(?:منهم|منهن)\b")  # «ثلاثة منهم»; but «12 شخصا بينهم/منهم 5» is the total
RLM_DECIMAL = re.compile(r"(\d+)[.٫]\u200f(\d+)")


def unreverse_decimal(n: Numeral, original: str) -> None:
    """Read «5.\u200f3» as 3.5: a decimal stored backwards around a right-to-left mark (a feed's RTL artifact)."""
    m = RLM_DECIMAL.search(original)
    if not m:
        return
    whole, fraction = m.group(1), m.group(2)
    written, meant = float(f"{whole}.{fraction}"), float(f"{fraction}.{whole}")
    if not n.scaled:
        n.value, n.decimals = meant, len(whole)  # «50.‏940»: 940.50 (not 50,940 with a thousands dot)
    elif written:
        n.value = float(f"{n.value * meant / written:.12g}")
MAX_TITLE = 250
# What can happen to a measured amount, a sum of money or a share (the rest are people's and things' fates).
MEASURE_PREDICATES = frozenset({"rose", "fell", "spent", "allocated", "seized", "sent", "fined", None})
# What happens only to people: a car is not hospitalized, bullets are not injured. An incident
# keeps its toll's verb: «في 3 حوادث» in a sentence about the injured counts the accidents of
# that toll, one quantity of the event.
PEOPLE_ONLY_PREDICATES = frozenset({"hospitalized", "infected", "killed", "injured", "killed_or_injured"})
INCIDENT_UNITS = ("accident", "fire", "attack", "airstrike")  # the things a toll happens in
THINGS_ONLY_PREDICATES = frozenset({"destroyed", "derailed"})  # no one is destroyed or derailed


def title_end(text: str, article: Article) -> int:
    """Where the headline line ends, or 0 when the text does not open with one.

    A file's first line is its headline when it is short; a JSONL record whose ``title``
    field is given carries the headline there, and its text opens with the body.
    """
    end = text.find("\n")
    if end < 0 or end > MAX_TITLE:
        return 0
    if article.title and fold(article.title).text.strip() != text[:end].strip():
        return 0
    return end


# «أن القاهرة سجلت 15 حالة وفاة»: a place as the subject of a verb that reports its figures.
PLACE_VERB_AFTER = re.compile(r"[»\"”']?\s+(?:سجلت|شهدت|تسجل|تشهد|سجل|شهد|احتلت|تصدرت)\b")
MORE_PLACES_AFTER = re.compile(r"[»\"”']?\s+و(?:ب|في\s+)?(?:جميع|باقي|بقيه|سائر|مختلف|كافه|عدد\s+من|بعض)\b")
PLACE_BEFORE = re.compile(
    r"(?:\bفي|\bمن|\bالي|\bمدينه|\bمحافظه|\bمنطقه|\bولايه|\bعاصمه|\bشمال|\bجنوب|\bشرق|\bغرب)\s+[\"«“']?$"
)


def names_a_place(text: str, m: re.Match[str]) -> bool:
    """True when a place word is used as a place: after في/من/إلى, «مدينة», or with the ب clitic (بجازان)."""
    if MORE_PLACES_AFTER.match(text, m.end()):
        return False  # «في القاهرة وجميع المحافظات»: the whole country, not one city
    if "ب" in m.group("cl"):
        return True
    start = m.start("cl")
    if PLACE_BEFORE.search(text, max(0, start - 10), start):
        return True
    return bool(not m.group("cl") and PLACE_VERB_AFTER.match(text, m.end()))


_DEFINITE_NEXT = regex.compile(r"\s+ال\p{L}")


def construct_noun(text: str, m: re.Match[str], nouns: set[str]) -> bool:
    """True when a name is the common noun it spells, in construct before a definite noun (قطر الشمس)."""
    return squash(m.group("w")) in nouns and bool(_DEFINITE_NEXT.match(text, m.end()))


_COMMA = re.compile(r"[،,؛;]")
# «901 مليون ريال مقابل صافي ربح 92 مليونا»، «مقارنة بـ 92 مليون»: what follows tells of the figure
# compared with, another period's or party's (folded text).
COMPARED_WITH = regex.compile(r"(?<!\p{L})(?:مقابل(?!\p{L})|و?(?:بال)?مقارنه\s*(?:ب|مع)|قياسا\s*ب)")
CLAUSE_BREAK = re.compile(r"[،,.؛:()\"«»]|\sو")
TITLE_ECHO = ("رابط الخبر", "رابط المقال", "عنوان الخبر")


def echoes_title(text: str, pos: int) -> bool:
    """True inside a footer line that repeats the headline («رابط الخبر بصحيفة …: <headline>»)."""
    line = text[text.rfind("\n", 0, pos) + 1 : pos]
    return line.lstrip().startswith(TITLE_ECHO)


def predicate_near(preds: Spans, start: int, end: int, s_start: int, s_end: int, text: str) -> str | None:
    """The verb of a figure whose counted noun says none: the nearest before it, else the first after.

    A verb before a comma belongs to the clause before it: «وتقبلهم في الشهداء، كما تعرض (7)
    سبعة من رجال حرس الحدود للإصابة» counts the injured, the verb after the figure. A verb
    after «مقابل» belongs to the figure compared with, not to this one.
    """
    starts, spans = preds
    before = nearest_before(starts, spans, max(s_start, start - 90), start)
    after = first_after(starts, spans, end, min(s_end, end + 40))
    if before and after and COMPARED_WITH.search(text, end, after[0]):
        after = None
    if (before and after and _COMMA.search(text, before[1], start)
            and not CLAUSE_END.search(text, end, after[0])):
        return after[2]
    if before and (after is None or start - before[1] <= 60):
        return before[2]
    if after:
        return after[2]
    before = nearest_before(starts, spans, s_start, start)
    return before[2] if before else None


COLUMN_INDEX = {name: i for i, name in enumerate(COLUMNS)}


def headline_scopes(rows: list[tuple]) -> list[tuple]:
    """Give a headline figure the time window the body states for the same figure.

    «تسجل 5 إصابات» in a headline summarises «يوم أمس واليوم خمس حالات جديدة» in the lede:
    the headline's 5 covers the same two days.
    """
    col = COLUMN_INDEX
    title = [i for i, r in enumerate(rows) if r[col["in_title"]] and r[col["scope"]] is None and r[col["unit"]]]
    if not title:
        return rows
    fields = ("value", "unit", "predicate")
    windows = {}
    for r in rows:
        if not r[col["in_title"]] and r[col["scope"]] in SCOPED_WINDOWS:
            windows.setdefault(tuple(r[col[f]] for f in fields), r)
    for i in title:
        body = windows.get(tuple(rows[i][col[f]] for f in fields))
        if body is not None:
            row = list(rows[i])
            row[col["scope"]], row[col["scope_text"]] = body[col["scope"]], body[col["scope_text"]]
            rows[i] = tuple(row)
    return rows


def headline_currency(rows: list[tuple]) -> list[tuple]:
    """Give a headline sum without a currency the one currency the body counts money in.

    «توقع عقودا بأكثر من 7 ملايين» heads a body that says «703 ملايين ريال»: the headline's
    millions are riyals. A figure without a scale word, or a body in two currencies, is left alone.
    """
    col = COLUMN_INDEX
    heads = [i for i, r in enumerate(rows)
             if r[col["in_title"]] and r[col["unit"]] is None and r[col["kind"]] == "count"
             and r[col["form"]] != "ordinal" and any(w in r[col["number_text"]] for w in SCALE_WORDS)]
    if not heads:
        return rows
    body = [r for r in rows if r[col["kind"]] == "money" and not r[col["in_title"]]]
    currencies = {r[col["unit"]] for r in body}
    if len(currencies) != 1:
        return rows
    (currency,) = currencies
    verbs = {r[col["predicate"]] for r in body}  # and what the money does, when the body says it one way
    for i in heads:
        row = list(rows[i])
        row[col["kind"]], row[col["unit"]], row[col["noun"]] = "money", currency, currency
        if row[col["predicate"]] is None and len(verbs) == 1:
            row[col["predicate"]] = next(iter(verbs))
        rows[i] = tuple(row)
    return rows


def bounds_of(qualifier: str, value: float | None, low: float | None,
            high: float | None) -> tuple[float | None, float | None]:
    if value is None or qualifier in ("range", "vague"):
        return low, high
    return BOUNDS[qualifier](value)


# «أنقذت فرق الإنقاذ بقطاع الخبر 13 حالة»: a sector of a region, named before its figure, is
# that figure's place (the region's total is another count). Folded text: a name, or a
# name and its definite second word («ظهران الجنوب»).
SECTOR_BEFORE = regex.compile(r"(?:ب|في )قطاع ((?:ال)?\p{Arabic}{2,}(?: ال\p{Arabic}{2,})?)(?!\p{Arabic})")

# «عدد المصابين بلغ 50 حالة، سجلت منهم 9 حالات وفيات»: the injured figure counts the dead among
# it, so it is the casualties (killed or injured together). Folded text, after the counted noun.
DEAD_AMONG_AFTER = regex.compile(
    r"[^.\n]{0,30}?(?:منهم|بينهم)\s+(?:\S+\s+)?\(?[0-9]+\)?\s+(?:حالات?\s+|حاله\s+)?(?:وفاه|وفيات|متوفين|قتلي)"
)
# «ما يقارب 23 من رجال الأمن بين شهداء وجرحى»: the dead and the injured together, whatever verb came before.
DEAD_AND_HURT_AFTER = regex.compile(
    r"\s*[،,]?\s*(?:ما\s+)?بين\s+(?:ال)?(?:قتيل|قتلي|شهيد|شهداء|متوفي|متوفين|وفيات|وفاه|حالات\s+وفاه)\s*و\s*"
    r"(?:ال)?(?:جريح|جرحي|مصاب|مصابين|اصابه|اصابات|حالات\s+اصابه)(?!\p{L})"
)
