"""Read dates and times of day written in Arabic news, as ISO strings."""

from __future__ import annotations

import datetime as dt

import regex

from .lexicon import NOT_LETTER_AFTER, NOT_LETTER_BEFORE, Lexicon, squash, trie_pattern

DASH = r"[ \u00a0\-–—/,،.]*"


def month_patterns(lex: Lexicon) -> tuple[regex.Pattern[str], regex.Pattern[str]]:
    """Compile (month after a day number, month before a year) patterns for a lexicon."""
    names = trie_pattern(list(lex.months) + list(lex.hijri_months))
    month = f"(?:[بل])?(?P<month>{names}){NOT_LETTER_AFTER}"
    paren = r"(?:[ \u00a0]*\([^()\n]{1,20}\))?"
    after_day = regex.compile(
        rf"{DASH}(?:من[ \u00a0]+)?(?:شهر[ \u00a0]+)?{month}{paren}"
        rf"(?:{DASH}(?:(?:عام|سنة|سنه|العام)[ \u00a0]+)?(?P<year>[0-9]{{4}})(?![0-9]))?"
    )
    before_year = regex.compile(
        rf"{NOT_LETTER_BEFORE}(?:[بل])?(?P<month>{names}){NOT_LETTER_AFTER}{paren}{DASH}"
        rf"(?:(?:عام|سنة|سنه|العام)[ \u00a0]+)?$"
    )
    return after_day, before_year


def month_of(lex: Lexicon, word: str) -> tuple[int, bool] | None:
    """Return (month number, is_hijri) for a folded month name."""
    word = squash(word)
    if word in lex.months:
        return lex.months[word], False
    if word in lex.hijri_months:
        return lex.hijri_months[word], True
    return None


def iso_date(year: int | None, month: int | None = None, day: int | None = None) -> str | None:
    """Return ``YYYY``, ``YYYY-MM`` or ``YYYY-MM-DD`` when the parts make a real date."""
    if year is None or not 1 <= year <= 9999:
        return None
    if month is None:
        return f"{year:04d}"
    if not 1 <= month <= 12:
        return None
    if day is None:
        return f"{year:04d}-{month:02d}"
    try:
        return dt.date(year, month, day).isoformat()
    except ValueError:
        return None


def published_date(published_at: str | None) -> dt.date | None:
    """Return the date part of an ISO ``published_at`` value."""
    if not published_at:
        return None
    try:
        return dt.date.fromisoformat(published_at[:10])
    except ValueError:
        return None


_PM = regex.compile(
    r"^[ \u00a0]*(?:(?:من|بعد)[ \u00a0]+)?(?:ال)?"
    r"(?P<p>مساء|مساءا|م|ليلا|الليل|عصرا|عصر|ظهرا|ظهر|بعد الظهر|صباحا|صباح|ص|فجرا|فجر)(?!\p{L})"
)
_REL = regex.compile(
    r"^[ \u00a0]*(?:(?:من|بعد)[ \u00a0]+)?(?:(?:ال)?(?:مساء|صباح|ظهر|عصر|فجر|ليل)[ \u00a0]+)?"
    r"(?:ب?التوقيت[ \u00a0]+\p{L}+[ \u00a0]+)?(?:(?:من[ \u00a0]+)?يوم[ \u00a0]+)?"
    r"(?P<r>امس الاول|اول من امس|اول امس|امس|اليوم|غد|غدا)(?!\p{L})"
)
_REL_DAYS = {"امس الاول": -2, "اول من امس": -2, "اول امس": -2, "امس": -1, "اليوم": 0, "غد": 1, "غدا": 1}


def time_of_day(
    text: str, end: int, hour: int, minute: int, published_at: str | None, state: dict | None = None
) -> str | None:
    """Resolve a time of day against the publication date and return it as ISO datetime.

    ``state`` carries the day and half of the previous time in the article, so that a
    report's later "الساعة ١١:٥٩" stays on the evening its first time named.
    """
    state = state if state is not None else {}
    after = text[end : end + 40]
    m = _PM.match(after)
    pm = state.get("pm", False)
    if m:
        period = m.group("p")
        pm = period in ("مساء", "مساءا", "م", "ليلا", "الليل", "عصرا", "عصر", "ظهرا", "ظهر", "بعد الظهر")
        if period in ("صباحا", "صباح", "ص", "فجرا", "فجر") and hour == 12:
            hour = 0
    if pm and hour < 12:
        hour += 12
    rel = _REL.match(after)
    offset = _REL_DAYS[rel.group("r")] if rel else state.get("offset", 0)
    state["pm"], state["offset"] = pm, offset
    base = published_date(published_at)
    if base is None or not (0 <= hour < 24 and 0 <= minute < 60):
        return None
    day = base + dt.timedelta(days=offset)
    return f"{day.isoformat()}T{hour:02d}:{minute:02d}"


def clock(hour: int, minute: int) -> float:
    """A time of day as written, in hours: 10:36 is 10.6 (a time claim's ``value``)."""
    return round(hour + minute / 60, 4)
