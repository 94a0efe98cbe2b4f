"""Read digit runs: separators, scale words, years, day-month dates, ranges and score lines.

:func:`read_digits` is called by :func:`checker.numerals.scan` for every run of digits
and appends what it reads (a number, a date, a time of day, or two numbers) to the list
of numerals found so far.
"""

from __future__ import annotations

import datetime as dt
import re
from itertools import pairwise

import regex

from .dateline import hijri_to_gregorian
from .dates import clock, iso_date, month_of, time_of_day
from .grammar import SP, Grammar, Numeral

_CLOSE_PAREN = re.compile(r"[ \u00a0]*[)\]»”\"]")  # a closing bracket or quote
# A scale word, percent sign or three-decimal currency after "18.410": the dot is a decimal point.
# A scale word may follow a closing bracket or quote: «(3.462)مليار».
_SCALE_CUE = re.compile(rf"{SP}*[)\]»”\"]?{SP}*(?:الف|مليون|مليار|ملايين)")
_DECIMAL_CUE = re.compile(rf"{SP}*(?:%|بالمئه|بالمائه|في{SP}+الم|دينار|نقطه)|{_SCALE_CUE.pattern}")
_DATE_SEPARATOR = re.compile(r"[/.\-]")
_LATIN_BEFORE = re.compile(r"[A-Za-z][\-]?$")  # F-16, A330: a model or a code
_NAME_DASH_BEFORE = regex.compile(r"\p{L}-$")  # إف-16, كوفيد-19: a model or a name
_NOUN_AL_BEFORE = regex.compile(r"(?:ال)?(\p{L}+)\s*ال$")  # البطولة الـ13
_HIJRI_AFTER = regex.compile(rf"{SP}*ه(?!\p{{L}})|{SP}*هـ")
_YEAR_WORD_BEFORE = re.compile(rf"(?:عام|سنه|العام|السنه|منذ|مطلع|اواخر|اوائل|خلال|موسم){SP}*$")
_AD_AFTER = regex.compile(rf"{SP}*م(?!\p{{L}})")


def digits_value(raw: str, next_text: str) -> tuple[float, int] | None:
    """Read a digit run with separators; return (value, decimals) or None when malformed."""
    if "ر" in raw:
        # The Saudi Press Agency's mark, typed fraction first: «3ر31» is 31.3, «935ر6 مليون»
        # 6.935 million, «000ر22» 22,000, «432ر690ر29» 29,690,432 (every group in reverse
        # order); then read as dots would be.
        raw = ".".join(reversed(raw.split("ر")))
    if "،" in raw:
        # The Arabic comma between digits: thousands before three digits (164،781،745),
        # else a decimal mark (80،4%، 157،7 مليون); two years listed (2014،2015) are no number.
        parts = raw.split("،")
        if len(parts) == 2 and len(parts[0]) == 4 and len(parts[1]) == 4:
            return None
        raw = ",".join(parts)
    if "٫" in raw or "٬" in raw:
        raw = raw.replace("٬", "").replace("٫", ".")
        if raw.count(".") > 1 or "," in raw:
            return None
        return float(raw), len(raw.partition(".")[2])
    if "," in raw and "." in raw:
        return _mixed_separators(raw, bool(_SCALE_CUE.match(next_text)))
    if "," in raw:
        parts = raw.split(",")
        if all(len(p) == 3 for p in parts[1:]) and 1 <= len(parts[0]) <= 3:
            return float("".join(parts)), 0
        if len(parts) == 2:
            return float(".".join(parts)), len(parts[1])
        return None
    if "." in raw:
        parts = raw.split(".")
        grouped = all(len(p) == 3 for p in parts[1:]) and 1 <= len(parts[0]) <= 3
        if len(parts) > 2:
            if grouped:
                return float("".join(parts)), 0
            if _DECIMAL_CUE.match(next_text) and 1 <= len(parts[0]) <= 3:
                # «1.340.7 مليار»: before a scale word the first dot is the decimal point and the
                # others slipped in (1.3407 billion, the source's 1,340.7 million)
                fraction = "".join(parts[1:])
                return float(f"{parts[0]}.{fraction}"), len(fraction)
            return None  # «432.690.29»: groups no convention makes; any reading is a guess
        # One dot followed by exactly three digits: Saudi-style thousands (18.410 متدرب)
        # unless a percent sign, a scale word or a three-decimal currency follows.
        if grouped and parts[0] != "0" and not _DECIMAL_CUE.match(next_text):
            return float("".join(parts)), 0
        return float(raw), len(parts[1])
    return float(raw), 0


def _mixed_separators(raw: str, scale_after: bool = False) -> tuple[float, int] | None:
    """Read ``9,098.27`` or ``1.234,5``: the last separator is the decimal mark, the other groups thousands.

    Before a scale word, groups of three all through are thousands: «542.963,440 مليون ريال»
    writes out 542,963,440 riyals (its parts add up to it) with a redundant «مليون».
    """
    mark = "." if raw.rfind(".") > raw.rfind(",") else ","
    whole, _, fraction = raw.rpartition(mark)
    groups = whole.split("," if mark == "." else ".")
    if mark in whole or not 1 <= len(groups[0]) <= 3 or any(len(g) != 3 for g in groups[1:]):
        return None
    if scale_after and len(fraction) == 3 and len(groups) > 1:
        return float("".join(groups) + fraction), 0
    return float("".join(groups) + "." + fraction), len(fraction)


def read_dmy(raw: str) -> tuple[float, str] | None:
    """Read ``15/03/2020`` or ``1.9.1441`` (day, month, year); return (year, ISO date) or None."""
    parts = _DATE_SEPARATOR.split(raw)
    d, mo, y = (int(p) for p in parts)
    if y < 100:
        y += 2000 if y < 50 else 1900
    if 1300 <= y <= 1500:
        try:
            return float(y), hijri_to_gregorian(y, mo, d).isoformat()
        except ValueError:
            return None
    date = iso_date(y, mo, d)
    return (float(y), date) if date else None


def read_digits(g: Grammar, text: str, m: re.Match[str], found: list[Numeral],
                published_at: str | None, times: dict) -> int:
    """Read a digit run at ``m``; append what it is and return where reading stopped."""
    lex = g.lex
    start, end, raw = m.start(), m.end(), m.group()
    before = text[max(0, start - 30) : start]
    if before and (_LATIN_BEFORE.search(before) or before.endswith(("+", "_"))):
        return end
    if before.endswith(("-", "-\n")) and _NAME_DASH_BEFORE.search(before):  # إف-16, كوفيد-19: a model or a name
        return end
    digits_only = raw
    for mark in ",.٬٫،ر":
        digits_only = digits_only.replace(mark, "")
    if (len(digits_only) >= 8 and raw == digits_only) or (raw.startswith("0") and len(raw) >= 5 and "ر" not in raw):
        return end  # a phone number or an identifier
    if g.identifier_before.search(before):
        return end
    after = text[end : end + 60]
    # Day and month name (and year): 8 – فبراير – 2020, 15 رجب 1441 هـ
    if raw.isdigit() and not _SCORE_JOIN.match(text, end):
        dated = day_month_date(g, text, end, int(raw), published_at)
        if dated is not None:
            year, span_end, date = dated
            found.append(Numeral(start, span_end, year, "date", kind="date", date=date))
            return span_end
    parsed = digits_value(raw, after)
    if parsed is None:
        return end
    value, decimals = parsed
    # A year: after a month name, after عام/سنة, before هـ/م, or a bare 19xx/20xx.
    if raw.isdigit() and len(raw) == 4:
        date = _year_date(g, text, start, end, int(raw))
        if date is not None:
            found.append(Numeral(start, end, float(int(raw)), "date", kind="date", date=date))
            return end
    if "ساعه" in before and g.hour_before.search(before):
        # «الساعة 8»، «عند الساعة 18.02»: an hour, or an hour and minutes written with a dot.
        hour, _, minutes = raw.partition(".")
        if hour.isdigit() and int(hour) <= 24 and (not minutes or (len(minutes) == 2 and int(minutes) < 60)):
            iso = time_of_day(text, end, int(hour), int(minutes or 0), published_at, times, start)
            found.append(Numeral(start, end, clock(int(hour), int(minutes or 0)), "time", kind="date", date=iso))
            return end
    num = Numeral(start, end, value, "digits", decimals=decimals)
    sc = g.scale_after.match(text, end)
    if sc is None and before.rstrip(" \u00a0").endswith(("(", "[", "«", "“", '"', "”")):
        # «بقيمة ( 15) مليار ريال»، «“٢١” ألف طلقة»: the scale word after the bracket or quote
        closing = _CLOSE_PAREN.match(text, end)
        sc = g.scale_after.match(text, closing.end()) if closing else None
    if sc and value >= 1_000_000 and decimals == 0 and not sc.group("frac"):
        # «(375,526,840) مليون ريال»: the figure already written out in full; the scale word is redundant
        num.end = sc.end()
    elif sc:
        entries = lex.number_words[sc.group("w")]
        scale = entries[0][1]
        num.value = float(f"{value * scale:.15g}")  # 4.1 × 10⁶ is 4,100,000, not 4,099,999.9999999995
        if sc.group("frac"):
            num.value += (0.5 if sc.group("frac") == "نصف" else 0.25) * scale
        num.end = sc.end()
        num.scaled = True
        num.decimals = max(0, decimals - len(str(int(scale))) + 1)
        if not sc.group("frac") and decimals == 0:
            add_scale_rest(g, text, num, scale)
    # Ordinal with the article glued to digits (البطولة الـ13) unless a counted noun follows.
    if before.endswith("ال") and not num.scaled and not g.unit_after.match(text, num.end):
        prev = _NOUN_AL_BEFORE.search(before)
        if not (prev and prev.group(1) in lex.units):
            num.kind = "ordinal"
    pair = g.pair.match(text, num.end)
    if pair and not num.scaled and num.kind is None:
        return _read_pair(g, text, num, pair, before, found)
    found.append(num)
    return num.end


_SCALE_REST = regex.compile(r"[ \t\u00a0]*و[ \t\u00a0]*([0-9]{1,3})(?![0-9.,٫٬])")


def add_scale_rest(g: Grammar, text: str, num: Numeral, scale: float) -> None:
    """Add the rest written after a scale word: «33 ألفا و288» is 33,288, «مليون و870 ألفاً» 1,870,000.

    The rest may have a smaller scale word and a rest of its own: «مليونين و193 ألفاً و968 طن».
    """
    while (rest := _SCALE_REST.match(text, num.end)) is not None:
        part, part_end, part_scale = float(rest.group(1)), rest.end(), 1.0
        sc2 = g.scale_after.match(text, part_end)
        if sc2 and not sc2.group("frac"):
            part_scale = g.lex.number_words[sc2.group("w")][0][1]  # «362 مليونا و796 ألف»
            part *= part_scale
            part_end = sc2.end()
        if part >= scale:
            return
        num.value += part
        num.end = part_end
        num.decimals = 0
        if part_scale == 1.0:
            return
        scale = part_scale


def _read_pair(g: Grammar, text: str, first: Numeral, pair: regex.Match[str], before: str,
               found: list[Numeral]) -> int:
    """Two numbers joined by a dash, slash, و or إلى: a score line, a range or a list."""
    sep = pair.group("sep")
    b_raw = pair.group("b")
    b_parsed = digits_value(b_raw, text[pair.end() : pair.end() + 20])
    if b_parsed is None or first.value is None or (b_raw.isdigit() and g.day_month.match(text, pair.end())):
        # «15-17 نوفمبر»: the second number is a date, read on its own; day_range_starts dates the first
        found.append(first)
        return first.end
    b_value, b_dec = b_parsed
    second = Numeral(pair.start("b"), pair.end("b"), b_value, "digits", decimals=b_dec)
    sentence = text[max(0, first.start - 120) : pair.end() + 40]
    if sep in ("/", "-", "--", "–", "—") or sep.startswith("-"):
        if g.sports.search(sentence):
            found.extend([first, second])  # score line: each number its own exact claim
            return second.end
        if first.value < b_value:
            _as_range(g, text, first, second, found)  # «30-40 مليون برميل»
            return second.end
        found.extend([first, second])
        return second.end
    ranged = g.range_start.search(before) or sep in ("الي", "حتي", "او")
    if sep in ("الي", "حتي") and g.change_before.search(text, max(0, first.start - 120), first.start):
        ranged = False  # «ارتفع من 30 إلى 40»: a change from one figure to another
    if ranged and first.value < b_value:
        _as_range(g, text, first, second, found)
        return second.end
    found.append(first)
    return first.end


def _as_range(g: Grammar, text: str, a: Numeral, b: Numeral, found: list[Numeral]) -> None:
    """Make ``a`` and ``b`` the two ends of one range; a scale word after the second scales both."""
    sc = g.scale_after.match(text, b.end)
    if sc:
        scale = g.lex.number_words[sc.group("w")][0][1]
        a.value *= scale
        b.value *= scale
        b.end = sc.end()
        a.scaled = b.scaled = True
    for n in (a, b):
        n.qualifier, n.low, n.high, n.pair_end = "range", a.value, b.value, b.end
    found.extend([a, b])


# «من 15 إلى 17 نوفمبر»، «بين 15 وحتى 17 من شباط»، «15-17 نوفمبر»، «يومي 15 و16 نوفمبر»
_DAY_RANGE_JOIN = regex.compile(r"[ \t\u00a0]*(?:[-–—]+|و?(?:ال[يى]|حت[يى]|لغايه)|و)[ \t\u00a0]*")


def day_range_starts(g: Grammar, text: str, found: list[Numeral]) -> None:
    """Date a bare day joined to a later day of a written month: «من 15 إلى 17 نوفمبر» starts on 15 November."""
    for a, b in pairwise(found):
        if (b.kind != "date" or not b.date or len(b.date) != 10 or not g.day_month.search(text, b.start, b.end)
                or a.form not in ("digits", "ordinal") or a.kind not in (None, "ordinal")
                or a.scaled or a.decimals or a.value is None
                or not 1 <= a.value < int(b.date[8:10]) or a.value != int(a.value)
                or (a.form == "ordinal" and "ه " in text[a.start : a.end] + " ")  # a day's ordinal is masculine
                or not _DAY_RANGE_JOIN.fullmatch(text, a.end, b.start)):
            continue
        a.form, a.kind, a.qualifier, a.low, a.high, a.pair_end = "date", "date", "exact", None, None, None
        a.value, a.date = b.value, f"{b.date[:8]}{int(a.value):02d}"


# «فوزه 2/صفر»، «3 - صفر»: a score of none, not the second day of the month Safar (a date
# writes its day before a month name with a space, never a slash or a dash alone).
_SCORE_JOIN = regex.compile(r"[ \u00a0]*[-/–—][ \u00a0]*(?=صفر(?!\p{L}))")
HIJRI_YEAR_DAYS = 354.37


def day_month_date(g: Grammar, text: str, end: int, day: int, published_at: str | None,
                   ) -> tuple[float | None, int, str] | None:
    """A day followed by its month name (and year): «15 رجب 1441 هـ»، «السابع عشر من نوفمبر 2015م».

    Returns the year as the claim's value, where the date ends, and the ISO date; or None.
    """
    dm = g.day_month.match(text, end)
    if dm is None or not 1 <= day <= 31:
        return None
    month = month_of(g.lex, dm.group("month"))
    if not month:
        return None
    year = int(dm.group("year")) if dm.group("year") else None
    if year is None and published_at:
        year = _year_of_publication(published_at, month, day)
    date = _date_from_parts(year, month, day, hijri_after=text[dm.end() : dm.end() + 4])
    if not date:
        return None
    return float(year or 0) or None, dm.end() if dm.group("year") else dm.end("month"), date


def _year_of_publication(published_at: str, month: tuple[int, bool], day: int) -> int | None:
    """The year a day and month with no year written fall in: the publication's, in the month's calendar.

    «2 صفر» in an article of August 2015 is 2 Safar 1437 (November 2015), not of Hijri year 2015.
    """
    gregorian = int(published_at[:4])
    if not month[1]:
        return gregorian
    try:
        published = dt.date.fromisoformat(published_at[:10])
    except ValueError:
        return None
    guess = round((gregorian - 622) * 365.2425 / HIJRI_YEAR_DAYS)  # the Hijri year, give or take one
    best = None
    for year in (guess - 1, guess, guess + 1):
        try:
            gap = abs((hijri_to_gregorian(year, month[0], day) - published).days)
        except ValueError:
            continue
        if best is None or gap < best[0]:
            best = (gap, year)
    return best[1] if best else None


def _date_from_parts(year: int | None, month: tuple[int, bool], day: int | None,
                     hijri_after: str = "") -> str | None:
    number, hijri = month
    if year is None:
        return None
    if hijri or (1300 <= year <= 1500 and hijri_after.strip().startswith("ه")):
        try:
            return hijri_to_gregorian(year, number, day or 1).isoformat()[: 10 if day else 7]
        except ValueError:
            return None
    return iso_date(year, number, day)


def _year_date(g: Grammar, text: str, start: int, end: int, year: int) -> str | None:
    """Return the ISO date when a four-digit number is a year, else None."""
    before = text[max(0, start - 40) : start]
    after = text[end : end + 12]
    mb = g.month_year.search(before)
    if mb:
        month = month_of(g.lex, mb.group("month"))
        if month:
            return _date_from_parts(year, month, None, after)
    hijri = _HIJRI_AFTER.match(after)
    if hijri and 1300 <= year <= 1500:
        return str(hijri_to_gregorian(year, 1, 1).year)
    if _YEAR_WORD_BEFORE.search(before):
        return iso_date(year)
    if _AD_AFTER.match(after):
        return iso_date(year)
    if 1900 <= year <= 2100 and not g.unit_after.match(text, end) and not g.scale_after.match(text, end):
        return iso_date(year)
    return None
