"""Find the publication date an article states in its opening lines (its dateline).

Arabic news often opens with a place and a date: ``الرياض 15 مارس 2020``,
``الغربية – متابعة – 8 – فبراير – 2020``, ``الأحد 15/3/2020``, ``2020-03-15`` or a Hijri
date such as ``15 رجب 1441 هـ``. :func:`find_dateline` looks at the first
:data:`OPENING_CHARS` characters and returns the date as an ISO string.

Matching works on a folded copy of the text: tashkeel and tatweel removed, أ/إ/آ/ٱ → ا,
ى → ي, ة → ه, Arabic-Indic and Persian digits → ASCII. Month names come from
``rules/lexicon/calendar.yaml`` (Gregorian, Levantine, Maghrebi and Hijri spellings).
:func:`normalize_published_at` turns the timestamps feeds and manifests carry into ISO.

Decisions:

* A date without a year (``الرياض 15 مارس``) is not a dateline: no year, no answer.
* A dateline sits near the start of its line (within :data:`LINE_POSITION` characters,
  after a place, a credit or a weekday) and is not introduced by a word that makes it an
  event date (``في``, ``يوم``, ``منذ``, ``حتى``, ``بتاريخ``…), except ``CITY في DATE`` and
  ``نشر في DATE``. On SaudiNewsNet (whose crawl times are known) 346 of the 359 datelines
  found give the publication day exactly and 351 within two days.
* When the opening holds both a Gregorian and a Hijri date (``20 رجب 1441 هـ الموافق
  15 مارس 2020``), the Gregorian one wins because it is exact; otherwise the earliest
  date in the opening wins.
* Numeric dates are read day first (``15/3/2020``), as Arabic newspapers write them;
  ``2020/3/15`` and ``2020-03-15`` are read year first.
* Hijri dates are converted with the tabular (arithmetic) Islamic calendar, which can
  differ from the Umm al-Qura calendar or a moon sighting by a day or two (typically ±1).
"""

from __future__ import annotations

import datetime as dt
import email.utils
import math
import re
from functools import cache

import yaml

from checker.resources import data_path

#: How much of the article's opening is searched for a dateline.
OPENING_CHARS = 600

_TASHKEEL = re.compile("[\u0610-\u061a\u064b-\u065f\u0670\u06d6-\u06ed\u0640]")
_FOLD_PAIRS = (
    ("أ", "ا"),
    ("إ", "ا"),
    ("آ", "ا"),
    ("ٱ", "ا"),
    ("ى", "ي"),
    ("ة", "ه"),
    *((chr(0x0660 + i), str(i)) for i in range(10)),
    *((chr(0x06F0 + i), str(i)) for i in range(10)),
)
#: A dateline starts this close to the beginning of its line (after a place or a credit).
LINE_POSITION = 60


def _words(spaced: str) -> frozenset[str]:
    return frozenset(spaced.split())


# Words (folded) that make the date after them an event date, not a dateline
# ("في 4 يناير 2015", "يوم الخميس 21 شوال", "بتاريخ 15/7/1436هـ"), unless a word saying
# "published" comes just before them ("نشر في 2020-03-15").
_EVENT_WORDS = _words(
    "في وفي يوم ويوم منذ حتي الي من خلال بعد قبل مطلع نهايه بدايه اعتبارا ليله صباح مساء "
    "الموافق بتاريخ وتاريخ لتاريخ تاريخ مواليد الماضي الصادر العدد عدد"
)
_PUBLISHED_WORDS = _words("نشر نشرت النشر تحديث التحديث حرر")
_TRIM = "\t -–—‒―−,،:؛|/()[]«»\"'.*"
_YEAR = re.compile(r"\d{4}")  # \d also matches Arabic-Indic and Persian digits
_GREGORIAN_YEARS = range(1900, 2101)
_HIJRI_YEARS = range(1300, 1501)


def fold(text: str) -> str:
    """Return ``text`` folded for calendar matching (no tashkeel, one alef, ASCII digits).

    Folding only removes tashkeel and tatweel and maps characters one to one, so the
    folded copy is never longer than the original.
    """
    text = _TASHKEEL.sub("", text)
    for old, new in _FOLD_PAIRS:  # a chain of replace() is ~10x faster than translate()
        if old in text:
            text = text.replace(old, new)
    return text


@cache
def _calendar() -> dict[str, dict[str, int]]:
    """Load calendar.yaml once: folded month name → month number, per calendar."""
    with data_path("rules", "lexicon", "calendar.yaml").open(encoding="utf-8") as f:
        raw = yaml.safe_load(f)
    tables: dict[str, dict[str, int]] = {}
    for key in ("gregorian_months", "hijri_months"):
        table: dict[str, int] = {}
        for number, names in raw[key].items():
            for name in names:
                table[" ".join(fold(str(name)).split())] = int(number)
        tables[key] = table
    tables["weekdays"] = {fold(str(n)): int(d) for d, ns in raw["weekdays"].items() for n in ns}
    return tables


def _key(word: str) -> str:
    return " ".join(fold(word).split())


def month_number(word: str) -> int | None:
    """Return the Gregorian month number (1–12) of a month name, in any regional spelling.

    ``فبراير``, ``شباط`` and ``فيفري`` all give 2; tashkeel, alef variants and extra spaces
    are ignored. Hijri month names give ``None`` (see :func:`hijri_month_number`).
    """
    return _calendar()["gregorian_months"].get(_key(word))


UMM_AL_QURA_YEARS = (1343, 1500)  # the Hijri years the Umm al-Qura tables cover


def hijri_month_number(word: str) -> int | None:
    """Return the Hijri month number (1–12) of a Hijri month name, e.g. ``رجب`` → 7."""
    return _calendar()["hijri_months"].get(_key(word))


def hijri_to_gregorian(year: int, month: int, day: int) -> dt.date:
    """Convert a Hijri date to a Gregorian date, by the Umm al-Qura calendar Saudi news dates by.

    Within the years the Umm al-Qura tables cover (1343–1500 AH, by ``hijridate``) the date is
    the official one: 1 Shawwal 1436 is Friday 17 July 2015. Outside them, or for a day the
    official month lacks (a 30th of a 29-day month), the arithmetic calendar answers (30-year
    cycle, leap years 2, 5, 7, 10, 13, 16, 18, 21, 24, 26, 29), which can be a day or two off.
    Raises ``ValueError`` for a month outside 1–12 or a day outside 1–30.
    """
    if not 1 <= month <= 12 or not 1 <= day <= 30 or year < 1:
        raise ValueError(f"not a Hijri date: {year}-{month}-{day}")
    if UMM_AL_QURA_YEARS[0] <= year <= UMM_AL_QURA_YEARS[1]:
        from hijridate import Hijri

        try:
            return dt.date.fromordinal(Hijri(year, month, day).to_gregorian().toordinal())
        except (ValueError, OverflowError):
            pass
    # 227015 is the proleptic Gregorian ordinal of 1 Muharram 1 AH (19 July 622).
    days = (
        day + math.ceil(29.5 * (month - 1)) + (year - 1) * 354 + (3 + 11 * year) // 30 + 227015 - 1
    )
    return dt.date.fromordinal(days)


def _alternation(names: list[str]) -> str:
    """Regex alternation of folded names, longest first, spaces matching any run of spaces."""
    parts = sorted(set(names), key=len, reverse=True)
    return "|".join(r"\s+".join(re.escape(w) for w in name.split()) for name in parts)


@cache
def _patterns() -> tuple[re.Pattern[str], ...]:
    cal = _calendar()
    months = _alternation([*cal["gregorian_months"], *cal["hijri_months"]])
    sep = r"[\s\-–—‒―−/.,،]*"
    month = rf"(?P<month>{months})(?:\s*[(/]\s*(?:{months})\s*\)?)?"
    marker = r"(?:\s*(?P<marker>هـ|ه|م)(?![\w]))?"
    day = r"(?<![\w/.\-])(?P<day>\d{1,2})"
    year = r"(?P<year>\d{4})(?!\d)"
    return (
        # 15 مارس 2020, 8 – فبراير – 2020, 15 رجب 1441 هـ, 15 آذار (مارس) 2020
        re.compile(rf"{day}{sep}(?:من\s+)?{month}(?!\w){sep}{year}{marker}"),
        # مارس 15، 2020
        re.compile(rf"(?<!\w){month}\s+(?P<day>\d{{1,2}})\s*[,،]\s*{year}{marker}"),
        # 2020-03-15, 2020/3/15
        re.compile(r"(?<![\d/.\-])(?P<year>\d{4})([-/.])(?P<mnum>\d{1,2})\2(?P<day>\d{1,2})(?!\d)"),
        # 15/3/2020, 15-03-2020, 15.3.1441 هـ
        re.compile(
            r"(?<![\d/.\-])(?P<day>\d{1,2})([-/.])(?P<mnum>\d{1,2})\2(?P<year>\d{4})(?!\d)" + marker
        ),
    )


def _resolve(m: re.Match[str]) -> tuple[dt.date, bool] | None:
    """Turn one match into (date, is_hijri), or None when it is not a real date."""
    groups = m.groupdict()
    year, day = int(groups["year"]), int(groups["day"])
    hijri_marked = bool(groups.get("marker")) and groups["marker"] != "م"
    cal = _calendar()
    if groups.get("month"):
        name = " ".join(groups["month"].split())
        greg, hij = cal["gregorian_months"].get(name), cal["hijri_months"].get(name)
        if greg is not None and year in _GREGORIAN_YEARS and not hijri_marked:
            month, is_hijri = greg, False
        elif hij is not None and year in _HIJRI_YEARS:
            month, is_hijri = hij, True
        else:
            return None
    else:
        month = int(groups["mnum"])
        if year in _GREGORIAN_YEARS and not hijri_marked:
            is_hijri = False
        elif year in _HIJRI_YEARS:
            is_hijri = True
        else:
            return None
    try:
        if is_hijri:
            return hijri_to_gregorian(year, month, day), True
        return dt.date(year, month, day), False
    except ValueError:
        return None


def _is_dateline(opening: str, start: int, accepted: list[tuple[bool, int, dt.date]]) -> bool:
    """Whether the date at ``start`` is placed like a dateline rather than an event date."""
    line_start = opening.rfind("\n", 0, start) + 1
    if start - line_start > LINE_POSITION:
        return False
    words = opening[line_start:start].strip(_TRIM).split()
    weekdays = _calendar()["weekdays"]
    while words and words[-1].strip(_TRIM) in weekdays:
        words.pop()
    previous = words[-1].strip(_TRIM) if words else ""
    if previous == "الموافق":  # "26 شوال 1436 هـ الموافق 10 أغسطس 2015"
        return any(line_start <= pos < start for _, pos, _ in accepted)
    if previous in _EVENT_WORDS:
        if previous == "في" and len(words) == 2:  # "بيروت في 3 كانون الثاني 2021"
            return True
        if previous in ("بتاريخ", "تاريخ") and len(words) == 1:  # a line "بتاريخ 15/3/2020"
            return True
        return len(words) > 1 and words[-2].strip(_TRIM) in _PUBLISHED_WORDS
    return True


def find_dateline(text: str) -> str | None:
    """Return the ISO date (``YYYY-MM-DD``) the article's opening states, or None.

    A dateline is a date with a year within the first :data:`OPENING_CHARS` characters,
    starting at most :data:`LINE_POSITION` characters into its line, and not introduced
    by a word that makes it an event date (``في``, ``يوم``, ``منذ``, ``حتى``…). Hijri
    dates are converted (approximate, ±1 day). A Gregorian date is preferred over a
    Hijri one; among dates of the same calendar the earliest wins.
    """
    head = text[:OPENING_CHARS]
    if not _YEAR.search(head):  # every form needs a year: skip the costly folding
        return None
    opening = fold(head)
    candidates: list[tuple[int, bool, dt.date]] = []
    for pattern in _patterns():
        for m in pattern.finditer(opening):
            resolved = _resolve(m)
            if resolved is not None:
                candidates.append((m.start(), resolved[1], resolved[0]))
    accepted: list[tuple[bool, int, dt.date]] = []
    for start, is_hijri, date in sorted(candidates):
        if _is_dateline(opening, start, accepted):
            accepted.append((is_hijri, start, date))
    return min(accepted)[2].isoformat() if accepted else None


_DATE_FORMATS = ("%Y/%m/%d", "%d/%m/%Y", "%d-%m-%Y", "%Y/%m/%d %H:%M:%S", "%Y/%m/%d %H:%M")


def normalize_published_at(value: object) -> str | None:
    """Return a timestamp as ISO ``YYYY-MM-DD`` or ``YYYY-MM-DDTHH:MM:SS``, or None.

    Accepts ISO 8601 dates and datetimes (space or ``T``; fractions and time zones are
    dropped, the wall-clock time as written is kept), ``YYYY/MM/DD``, ``DD/MM/YYYY`` and
    RFC 2822 (``Tue, 04 Aug 2015 10:00:00 +0300``), in any digits. Anything else: None.
    """
    if not isinstance(value, str) or not value.strip():
        return None
    s = fold(value.strip())
    if re.fullmatch(r"\d{4}-\d{2}-\d{2}", s):
        try:
            return dt.date.fromisoformat(s).isoformat()
        except ValueError:
            return None
    parsed: dt.datetime | None = None
    try:
        parsed = dt.datetime.fromisoformat(s)
    except ValueError:
        for fmt in _DATE_FORMATS:
            try:
                parsed = dt.datetime.strptime(s, fmt)
                break
            except ValueError:
                continue
        if parsed is None:
            try:
                parsed = email.utils.parsedate_to_datetime(s)
            except (TypeError, ValueError, IndexError):
                return None
    has_time = bool(re.search(r"\d:\d", s))
    return parsed.strftime("%Y-%m-%dT%H:%M:%S") if has_time else parsed.date().isoformat()
