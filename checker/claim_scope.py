"""Where and when a figure holds: its place, its time scope, and whether it is a part of another figure.

The place is the one said in the figure's clause, or after coordinated figures, or a known
sector («قطاع الخبر»). The scope is a window said with the figure («خلال اليوم الأخير»), a
long conflict's total («منذ 1984»), another year's toll, the figure it is set against
(«مقابل»), or a part: some of a toll («ثلاثة منهم»), one more person coordinated with the
count («أصيب طفلان وفتاة»), the next item of a breakdown.
"""

from __future__ import annotations

import re

import regex

from .claim_patterns import Context
from .claim_predicate import _FATE_OF_NOUN
from .claim_unit import CountedNoun
from .clues import (
    AMONG_AFTER,
    AND_ONLY,
    CLAUSE_END,
    COMPARED_WITH,
    DIGIT,
    SECTOR_BEFORE,
    Span,
    Spans,
    first_after,
    nearest_before,
)
from .compare import WINDOW_SCOPES
from .lexicon import Lexicon
from .numerals import Numeral

_DAY_SCOPES = frozenset({"today", "yesterday"})
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
_WHEN = regex.compile(r"(?<!\p{L})(?:حين|حينما|عندما)(?!\p{L})")  # «منذ أبريل، حين …»: the moment «منذ» names
_TOLLS = frozenset({"killed", "injured", "killed_or_injured"})
# A year written in a sentence, not after «منذ» (since 2011 runs up to the story's day).
_YEAR = regex.compile(r"(?<!منذ\s(?:\p{L}+\s)?(?:عام\s|العام\s)?)(?<![\d/.-])((?:19|20)\d\d)(?![\d/])")


def place_of(n: Numeral, places: Spans, t: str, lex: Lexicon, c_start: int, c_end: int,
             s_end: int) -> tuple[Span | None, str | None]:
    """Where the figure ``n`` happened: the place match it was read from (``where``) and the place."""
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
    return where, place


def time_scope(n: Numeral, kind: str, predicate: str | None, scope_starts: list[int], scopes: list[Span], t: str,
               c_start: int, c_end: int, s_start: int, s_end: int,
               published_at: str | None) -> tuple[Span | None, str | None, tuple[int, int] | None]:
    """The window said with the figure ``n`` (``sc``), its scope and the scope's span, before any part is read."""
    scope = scope_span = None
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
    if scope is None and predicate in _TOLLS and _past_year_in(t, published_at, s_start, s_end):
        scope = "earlier_incident"  # «تفجير كنيسة … عام 2010، الذي أسفر عن مقتل 58»: another year's toll
    versus = COMPARED_WITH.search(t, max(c_start, n.start - 35), n.start)
    if (versus and kind in ("money", "count", "percent", "measure")
            and not _DIGIT_OR_COMMA.search(t, versus.end(), n.start)):
        # «901 مليون ريال مقابل صافي ربح 92 مليون» (in the same quarter last year): the figure it is set against
        scope, scope_span = "comparison", None
    return sc, scope, scope_span


def part_of(n: Numeral, noun: CountedNoun, predicate: str | None, sc: Span | None, scope: str | None,
            scope_span: tuple[int, int] | None, place: str | None, where: Span | None, si: int,
            part_end: tuple[int, int] | None, t: str, lex: Lexicon, c: Context,
            s_start: int) -> tuple[str | None, tuple[int, int] | None, str | None, tuple[int, int] | None]:
    """Scope, scope span and place of the figure once read as a part of a toll, and the new ``part_end``.

    ``part_end`` is (sentence index, end) of the last part read, so that the next item of the
    same breakdown is a part too.
    """
    unit, after_end, of_the = noun.unit, noun.after_end, noun.of_the
    # «استشهاد عريف وجنديين»، «أصيب طفلان وفتاة»: one more person coordinated with the count.
    # Not after a singular noun: «13 جنديا وشرطيا»، «20 طالبا وطالبة» name the whole count.
    one_before = c.after_one_person.search(t, max(s_start, n.start - 20), n.start)
    if one_before and _counted_before(t, lex, one_before.start()):
        one_before = None  # «مقتل 32 شخصا ومائة جريح»: the noun of the count before, not one person
    one_more = bool(one_before or (
        unit is not None and unit.category == "person" and unit.number != "sg"
        and c.before_one_person.match(t, after_end)))
    # «15 من المصابين تراوحت إصاباتهم بين الحرجة والمتوسطة»: some of the injured, not all
    # («توفي 3 من المصابين» has its own verb: another toll, and no part of this one).
    of_the_toll = of_the and unit is not None and predicate is not None and _FATE_OF_NOUN.get(unit.concept) == predicate
    if (sc is None or (one_more and scope in _DAY_SCOPES)) and (
        of_the_toll
        or (n.value == 1 and t[n.start:n.end] in ("احد", "احدي") and n.end < after_end)
        or c.among_before.search(t, max(s_start, n.start - 30), n.start)
        or AMONG_AFTER.match(t, n.end)
        or (predicate in ("injured", "infected") and c.severity_after.match(t, after_end))
        or one_more
    ):
        # «وإصابة تسعة آخرين، ثلاثة منهم إصاباتهم بالغة»: a subset, not the count
        # (a day said with it, «عصر اليوم», is the day of the whole toll).
        scope, scope_span = "part", None
        if one_more:
            place = None  # «فتاة وطفلين بنجران»: the place of the whole toll, not this part's own
    elif (sc is None and part_end and part_end[0] == si
          and AND_ONLY.fullmatch(t, part_end[1], n.start)):
        scope = "part"  # «منهم ٤ حالات خطيرة و١٥ حالة متوسطة»: the next item of the same breakdown
    part_end = (si, after_end) if scope == "part" else None
    if scope == "part" and sc is None and where is not None and where[0] < n.start:
        place = None  # «في منطقة الرياض منهم حالتين»: the total's place; a part keeps only its own
    return scope, scope_span, place, part_end


def _past_year_in(t: str, published_at: str | None, start: int, end: int) -> bool:
    """True when a sentence names a year before the article's own (not «منذ 2011», a span up to now)."""
    published = (published_at or "")[:4]
    if not published.isdigit():
        return False
    return any(int(m.group(1)) < int(published) for m in _YEAR.finditer(t, start, end))


def _counted_before(t: str, lex: Lexicon, at: int) -> bool:
    """True when a number stands right before ``at``: the noun there is the count's, not one person."""
    m = _WORD_BEFORE_NOUN.search(t, max(0, at - 20), at)
    if m is None:
        return False
    word = m.group("w")
    return bool(m.group("d")) or word in lex.number_words
