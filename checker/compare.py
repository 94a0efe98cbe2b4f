"""Decide which claims are the same quantity and whether their values agree.

A quantity is a story, a kind, a counted unit, a predicate and a side. Each claim is an
interval: exact figures widen by the precision they are written with (``18 ألف`` allows
18,410, ``1003`` allows ``1003.5``), hedged ones are open on one side, and ``about``
figures widen by a tolerance that follows their significant digits and the suite's data.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from datetime import datetime
from functools import cache
from typing import Any

import regex

from .normalize import fold, fold_word

WINDOW_SCOPES = {"last_24h", "two_days", "weekly", "monthly", "yearly", "first_quarter", "second_quarter",
                 "third_quarter", "fourth_quarter", "first_half", "second_half", "opening_days", "closing_days"}
RATE_SCOPES = {"daily"}
COMPARABLE_KINDS = {"count", "money", "measure", "percent", "duration", "rate"}
SCALE_WORDS = ("الف", "ألف", "آلاف", "الاف", "مليون", "ملايين", "مليار", "مليارات", "بليون")

Claim = dict[str, Any]
# Units that count people under another name: «21 حالة وفاة» are 21 people killed; on a plane
# or a bus, «مسافرين» and «ركاب» are the same people.
PEOPLE_UNITS = {"case": "person", "traveler": "passenger"}


@dataclass(frozen=True, slots=True)
class Tolerance:
    """How far an ``about`` figure may be from another and still agree (rule-suite data)."""

    min_relative: float = 0.02
    max_relative: float = 0.25
    ulps: float = 1.0
    # A headline's «أكثر من 7 ملايين» does not stretch to 703 million: a lower bound in a
    # headline reaches this many times its figure at most (no editor heads 703 with «more
    # than 7»). In a body, «أكثر من 40 ألف قتيل في 30 عاما» is a background total, no bound.
    hedge_reach: float = 10.0


def significant_ulp(value: float) -> float:
    """The unit of the last significant digit: 300 -> 100, 18000 -> 1000, 8.1e9 -> 1e8, 3.25 -> 0.01."""
    if value == 0:
        return 1.0
    text = format(abs(value), ".12g")
    if "e" in text:
        mantissa, exp = text.split("e")
        digits = mantissa.replace(".", "").rstrip("0")
        return 10.0 ** (int(exp) - (len(digits) - 1))
    if "." in text:
        return 10.0 ** -len(text.split(".")[1])
    stripped = text.rstrip("0")
    return 10.0 ** (len(text) - len(stripped))


def written_ulp(c: Claim) -> float:
    """The precision an exact figure is written with: decimals, or its scale word's rounding."""
    value = c["value"]
    if any(w in (c.get("number_text") or "") for w in SCALE_WORDS):
        return significant_ulp(value)
    decimals = c.get("decimals") or 0
    return 10.0 ** -decimals if decimals else 0.0


NEAR_COPY = 0.02  # two precise figures this close are one figure with a slipped digit
NEAR_MIN_COUNT = 100  # below this, close counts are as often two different figures (12 and 13 trucks)


def near_copy(a: Claim, b: Claim) -> bool:
    """True when two exact figures are within 2 % of each other: 1,305 and 1,308 projects, 14.92 and 14.962 billion.

    Two windows' counts seldom land that close, nor do two outlets' counts of one thing.
    Small counts are left out (12 and 13), and so is a whole number against its own decimals.
    """
    va, vb = a["value"], b["value"]
    if a["qualifier"] != "exact" or b["qualifier"] != "exact" or not va or not vb or va == vb:
        return False
    if a["kind"] == "count" and min(va, vb) < NEAR_MIN_COUNT:
        return False
    for x, y in ((a, b), (b, a)):  # 9,098 is 9,098.27 rounded: one figure, not a slip
        whole_against_fraction = x["value"] == int(x["value"]) and y["value"] != int(y["value"])
        ulp = written_ulp(x) or (1.0 if whole_against_fraction else 0.0)
        if x["value"] - ulp / 2 <= y["value"] <= x["value"] + ulp:
            return False
    return abs(va - vb) <= NEAR_COPY * max(abs(va), abs(vb))


def interval(c: Claim, tol: Tolerance) -> tuple[float, float]:
    """The values a claim allows, as a closed interval (infinite where open)."""
    q, v = c["qualifier"], c["value"]
    lo = c["low"] if c["low"] is not None else -math.inf
    hi = c["high"] if c["high"] is not None else math.inf
    if q == "about" and v is not None:
        spread = min(max(tol.ulps * significant_ulp(v), tol.min_relative * abs(v)), tol.max_relative * abs(v))
        return v - spread, v + spread
    if q == "exact" and v is not None:
        u = written_ulp(c)
        # «32 ألف» is 31,500 to 32,999 (rounded or cut): short of «أكثر من 33 ألف».
        return v - u / 2, math.nextafter(v + u, -math.inf) if u else v
    if q in ("more_than", "at_least") and v is not None and v > 0 and c.get("in_title"):
        return lo, min(hi, v * tol.hedge_reach)  # a headline's «أكثر من 7 ملايين» is not 703 million
    return lo, hi


def _interval_of(c: Claim, tol: Tolerance) -> tuple[float, float]:
    """:func:`interval`, remembered on the claim (a claim is compared with many others)."""
    cached = c.get("_interval")
    if cached is None or cached[0] is not tol:
        cached = c["_interval"] = (tol, interval(c, tol))
    return cached[1]


_SPOKEN_FRACTIONS = (0.25, 0.5, 0.75)  # ربع، نصف، ثلاثة أرباع
_WHOLE_COPY_FROM = 1000  # from here a whole number against the same with a fraction is one figure rounded


def agree(a: Claim, b: Claim, tol: Tolerance) -> bool:
    """True when two claims of one quantity can both be right."""
    (alo, ahi), (blo, bhi) = _interval_of(a, tol), _interval_of(b, tol)
    if a["qualifier"] == b["qualifier"] == "exact":
        va, vb = a["value"], b["value"]
        # A whole number against one with a spoken fraction: the wire copy may drop "and a half"
        # (1,003 against 1,003.5); 31 against 31.3 is another figure.
        if va == int(va) and vb % 1 in _SPOKEN_FRACTIONS and int(vb) == va:
            return True
        if vb == int(vb) and va % 1 in _SPOKEN_FRACTIONS and int(va) == vb:
            return True
        # A large sum without its fraction: «97,151,502» is «97,151,502.13» with the halalas
        # dropped or rounded.
        if min(abs(va), abs(vb)) >= _WHOLE_COPY_FROM and (va == int(va)) != (vb == int(vb)) and abs(va - vb) < 1:
            return True
    if max(alo, blo) <= min(ahi, bhi):
        return True
    if _quotes(a, b):
        return True
    # «1.949 مليون» against «1,949 مليون»: one figure, the dot a thousands separator
    return _thousandfold(a["value"], b["value"]) and (thousands_dot(a) or thousands_dot(b))


QUOTE_DRIFT = 0.02  # a commodity's price moves through the day: two quotes this close are two snapshots
COMMODITIES = frozenset({"gold", "silver", "platinum", "palladium", "brent", "us_crude"})


def _quotes(a: Claim, b: Claim) -> bool:
    """True for two quotes of one commodity's price close enough to be two moments of one day's trading.

    Its move in percent changes through the day too: «انخفض الذهب 1 بالمئة» at 06:59 GMT and
    «0.3 بالمئة» at 06:23 are two moments, not two claims about one.
    """
    if a["kind"] not in ("money", "percent") or measure_of(a) not in COMMODITIES or measure_of(b) != measure_of(a):
        return False
    if a["kind"] == "percent" or "cent" in (a["unit"], b["unit"]):
        return True  # a move through the day: «ارتفع برنت 13 سنتا» at one hour, «50 سنتا» at another
    va, vb = a["value"], b["value"]
    return bool(va and vb) and abs(va - vb) <= QUOTE_DRIFT * max(abs(va), abs(vb))


_DECIMAL_WRITTEN = regex.compile(r"\d[.٫]\d")
_THOUSANDS_DOT = regex.compile(r"(?<![\d.,])\d{1,3}(?:,\d{3})*\.\d{3}(?![\d.,])")


def _thousandfold(x: float | None, y: float | None) -> bool:
    """True when one value is the other times a thousand (to float precision: 253753.468e6 is 253,753,468,000)."""
    if not x or not y:
        return False
    small, big = sorted((abs(x), abs(y)))
    return math.isclose(big, 1000 * small, rel_tol=1e-9)


def thousands_dot(c: Claim) -> bool:
    """True when a figure is written with a dot before three digits, as in «1.949 مليون».

    Some copy uses the dot as a thousands separator: against another outlet's «1,949 مليون»
    the two are one figure, not a dropped scale word.
    """
    return bool(_THOUSANDS_DOT.search(c.get("number_text") or ""))


def scope_class(c: Claim) -> str:
    """The time window a figure covers, for comparison: a window, a rate, or the total."""
    scope = c.get("scope")
    if scope in WINDOW_SCOPES or scope in RATE_SCOPES or scope in ("roundup", "comparison", "forecast"):
        return scope
    return "total"


def quantity_key(c: Claim) -> tuple | None:
    """The quantity a claim counts, or None when it is not comparable (dates, ordinals, no unit)."""
    if c["kind"] not in COMPARABLE_KINDS or c["unit"] is None:
        return None
    if c["kind"] == "duration" and c["predicate"] is None:
        return None  # "24 ساعة" in two articles is rarely the same fact
    if c["value"] is None and c["qualifier"] != "vague":
        return None
    if c.get("scope") in ("earlier_incident", "background"):
        return None  # «قتل آنذاك خمسة جنود»، «40 ألف قتيل منذ 1984»: a figure of another incident, or of years
    if c.get("scope") == "part" and not c.get("place"):
        return None  # «بينهم 5 أطفال»: a part of a figure said just before, not a count of its own
    # «بينهم 15 حالة وفاة بالعاصمة القاهرة»: a part with a place is that place's count.
    unit = PEOPLE_UNITS.get(c["unit"], c["unit"])
    if c["predicate"] == "age":
        # The woman's age and the man's are two quantities; an age of no one named is nobody's to compare.
        return (c["story"], c["kind"], unit, "age", c["side"]) if c["side"] else None
    return (c["story"], c["kind"], unit, c["predicate"])


MEASURE_REACH = 120  # characters before a sum where its measure is named


@cache
def _measure_names() -> tuple[regex.Pattern[str], dict[str, str]]:
    from .lexicon import load_lexicon, trie_pattern

    names = load_lexicon().money_measures
    return regex.compile(rf"(?<!\p{{L}})(?:و|ب|ل|وب|ول|وال)?({trie_pattern(names)})(?!\p{{L}})"), names


def measure_of(c: Claim) -> str | None:
    """What a sum of money (or its change in percent) measures, named right before it: net profit, gold … or None.

    «صافي الربح 6.17 مليار» and «إجمالي الربح 12.64 مليار» are two measures of one company,
    not one figure; gold's price is not platinum's. The nearest name before the number counts.
    """
    cached = c.get("_measure", False)
    if cached is not False:
        return cached
    measure = None
    if c["kind"] in ("money", "percent"):
        offset = c["start"] - (c.get("sentence_start") or 0)
        before = fold((c.get("sentence") or "")[max(0, offset - MEASURE_REACH) : max(0, offset)]).text
        pattern, names = _measure_names()
        found = list(pattern.finditer(before))
        measure = names[found[-1].group(1)] if found else None
    c["_measure"] = measure
    return measure


FAR_APART = 100.0  # two figures this many times apart, digits unalike, are no two reports of one quantity
DISTANCE_UNITS = frozenset({"kilometer", "meter", "mile"})
# «على بعد 12 كيلومترا من مدينة موبتي»، «620 كيلومترا شمال شرق باماكو»: the place a distance is counted from.
_DISTANCE_FROM = regex.compile(
    r"[\s»\"”)]*(?:\p{L}+[\s»\"”)]+)?(?:(?:الى\s+)?(?:ال)?(?:شمال|جنوب|شرق|غرب)\p{L}*\s+)*(?:من\s+)?"
    r"(?:(?:مدينه|العاصمه|بلده|قريه|محافظه|منطقه)\s+)?(?P<place>\p{L}{3,})"
)


def distance_from(c: Claim) -> str | None:
    """The place a distance is counted from, folded: «على بعد 12 كيلومترا من مدينة موبتي» -> موبتي."""
    if c["unit"] not in DISTANCE_UNITS:
        return None
    cached = c.get("_from", False)
    if cached is False:  # read once per claim: a claim meets every figure of its story
        after = (c.get("sentence") or "")[c["end"] - (c.get("sentence_start") or 0):][:60]
        m = _DISTANCE_FROM.match(fold(after).text)
        cached = c["_from"] = m.group("place") if m else None
    return cached


def plausible_pair(a: Claim, b: Claim) -> bool:
    """True when two figures could report one quantity: within a hundredfold, or digits slipped or lost.

    3.37 riyals a share and 13.41 billion riyals of profit are never one figure written twice;
    33 against «33 ألف» is (a slip the magnitude rule names). Two distances from different
    places are two quantities.
    """
    if a["unit"] in DISTANCE_UNITS:
        fa, fb = distance_from(a), distance_from(b)
        if fa and fb and fa != fb:
            return False  # 12 km from Mopti and 620 km from Bamako are two distances
    va, vb = abs(a["value"] or 0), abs(b["value"] or 0)
    if not va or not vb:
        return True
    small, big = sorted((va, vb))
    if big < FAR_APART * small or magnitude_slip(a, b):
        return True
    # «7 ملايين» against «703 ملايين», «31 مليار» against «310 ملايين»: digits dropped or added
    # (written digits: «حالة واحدة» against «1071 حالة» dropped none)
    return _written_scaled(a if va == small else b) and _significant_digits(big).startswith(_significant_digits(small))


def _written_scaled(c: Claim) -> bool:
    """True for a figure written in digits, or with a scale word («مئة مليون»), not a small number word («واحدة»)."""
    return c.get("form") in ("digits", None) or abs(c["value"] or 0) >= 1000


def describe_key(key: tuple) -> str:
    """A quantity in words, e.g. ``soldier killed (turkey)``."""
    _, _kind, unit, predicate, *rest = key
    side = rest[0] if rest else None
    if predicate == "age":
        return "years of age" + (f" ({side})" if side else "")
    words = [unit.replace("_", " ")]
    if predicate:
        words.append(predicate.replace("_", " "))
    if side:
        words.append(f"({side.replace('_', ' ')})")
    return " ".join(words)


NOUN_FORMS = ("dual", "singular")  # a noun that is its own numeral: «مشروعين»، «وحالة وفاة»


def magnitude_slip(a: Claim, b: Claim) -> bool:
    """True when one figure is the other times a thousand or a million (33 vs 33 ألف), or the
    same digits with a decimal point lost or moved (70857 vs 708.57 tonnes)."""
    va, vb = a["value"], b["value"]
    if not va or not vb or a.get("form") in NOUN_FORMS or b.get("form") in NOUN_FORMS:
        return False  # «مشروعين» against «2000 مشروع»: a dual drops no scale word
    small, big = sorted((abs(va), abs(vb)))
    if _thousandfold(small, big) and (thousands_dot(a) or thousands_dot(b)):
        return False  # «1.949 مليون» against «1,949 مليون»: a thousands dot, not a dropped «ألف»
    if not _written_scaled(a if abs(va) == small else b):
        return False  # «إحدى المباريات» against «1363 مباراة»: a small number word drops no scale word
    # 33 against 33,288 (the rest after the thousands dropped); 4.46 against 5.3 million is no
    # slip; «1.9 مليون» against «1,949 مليون» is 1.9 billion rounded, a thousand times too small.
    step = significant_ulp(small) if small != int(small) else 1.0
    small_claim = a if abs(va) == small else b
    if _DECIMAL_WRITTEN.search(small_claim.get("number_text") or ""):
        step = max(step, written_ulp(small_claim))
    if any(small * factor <= big < (small + step) * factor for factor in (1000.0, 1000000.0, 1000000000.0)):
        return True
    return separator_slip(small, big)


def tenfold_slip(a: Claim, b: Claim) -> bool:
    """True when one count is the other with a zero dropped or added: «نحو 1300 جندي» and «حوالى 13 ألف جندي».

    Counts of a hundred and more, hedged alike (exact or about): below that, 5 and 50 are as
    often two different figures.
    """
    va, vb = a["value"], b["value"]
    if a["kind"] != "count" or b["kind"] != "count" or not va or not vb:
        return False
    if a["qualifier"] != b["qualifier"] or a["qualifier"] not in ("exact", "about"):
        return False
    small, big = sorted((abs(va), abs(vb)))
    return small >= NEAR_MIN_COUNT and big == 10 * small


def _significant_digits(value: float) -> str:
    return format(value, ".12g").replace(".", "").lstrip("0").rstrip("0")


def separator_slip(small: float, big: float) -> bool:
    """True for 708.57 against 70857: three or more significant digits, the same, a power of ten apart."""
    digits = _significant_digits(small)
    if len(digits) < 3 or digits != _significant_digits(big):
        return False
    ratio = big / small
    power = round(math.log10(ratio))
    return power >= 1 and abs(ratio - 10.0**power) < 1e-6 * ratio


def show_value(c: Claim) -> str:
    """A claim's value as a reader would say it: ``33``, ``more than 300``, ``20–99``."""
    v = c["value"]
    num = "?" if v is None else (f"{v:,.0f}" if v == int(v) else f"{v:,}")
    q = c["qualifier"]
    if q == "vague":
        hi = "…" if c["high"] is None else f"{c['high']:,.0f}"
        return f"{c['low']:,.0f}–{hi}"
    words = {
        "at_least": "at least ",
        "more_than": "more than ",
        "at_most": "at most ",
        "less_than": "less than ",
        "about": "about ",
    }
    if q == "range":
        return f"{c['low']:,g}–{c['high']:,g}"
    return words.get(q, "") + num


def published_time(c: Claim) -> datetime | None:
    """When a claim's article was published, as a wall-clock time (mixed zones compare as written), or None."""
    try:
        when = datetime.fromisoformat(c["published_at"]) if c.get("published_at") else None
    except ValueError:
        return None
    return when.replace(tzinfo=None) if when else None


def told_by(c: Claim) -> str | None:
    """Who gives a figure: its own source, else the source its article names for the same figure."""
    return c["source"] or c.get("_told_by")


@cache
def same_source(a: str, b: str) -> bool:
    """True when two sources name one body: «وزارة الصحة المصرية» and «وزار الصحة» (a typo) or «وزارة الصحة»."""
    wa = {w.removeprefix("ال") for w in fold_word(a).split() if len(w) > 2}
    wb = {w.removeprefix("ال") for w in fold_word(b).split() if len(w) > 2}
    if not wa or not wb or wa <= wb or wb <= wa:
        return True
    # The distinctive words (not the «ministry of» that every body shares) decide.
    common = {"وزاره", "وزار", "هيئه", "مديريه", "متحدث", "رسمي", "باسم", "عام", "عامه", "اداره"}
    return bool((wa - common) & (wb - common))
