"""Read dates and times of day written in Arabic news, as ISO strings."""

from __future__ import annotations

import datetime as dt
from functools import lru_cache

import regex

from .lexicon import NOT_LETTER_AFTER, NOT_LETTER_BEFORE, Lexicon, load_lexicon, squash, trie_pattern
from .normalize import fold

DASH = r"[ \u00a0\-–—/,،.]*"


def month_patterns(lex: Lexicon) -> tuple[regex.Pattern[str], regex.Pattern[str]]:
    """Compile (month after a day number, month before a year) patterns for a lexicon."""
    names = trie_pattern(list(lex.months) + list(lex.hijri_months))
    month = f"(?:[بل])?(?P<month>{names}){NOT_LETTER_AFTER}"
    paren = r"(?:[ \u00a0]*\([^()\n]{1,20}\))?"
    # AFP's two names of one month: «11 ايلول/سبتمبر 2001»، «8 تشرين الأول - أكتوبر 2005».
    other_name = rf"(?:[ \u00a0]*(?:[/\-–][ \u00a0]*)?(?:{names}){NOT_LETTER_AFTER})?"
    after_day = regex.compile(
        rf"{DASH}(?:من[ \u00a0]+)?(?:شهر[ \u00a0]+)?{month}{other_name}{paren}"
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


# «اليوم الثاني» (day two), «اليوم التالي» (the next day), «اليوم التدريبي» (the training day) name no
# day relative to publication; «اليوم الخميس»، «اليوم الموافق …» do.
_NOT_TODAY = (r"(?![ \u00a0]+(?:ال(?!اثنين|ثلاثاء|اربعاء|خميس|جمعه|سبت|احد|موافق)\p{L}|نفسه|ذاته))")
_PM = regex.compile(
    r"^[ \u00a0]*(?:(?:من|بعد)[ \u00a0]+)?(?:ال)?"
    r"(?P<p>مساء|مساءا|م|ليلا|الليل|عصرا|عصر|ظهرا|ظهر|بعد الظهر|صباحا|صباح|ص|فجرا|فجر)(?!\p{L})"
)
_REL = regex.compile(
    r"^[ \u00a0]*(?:(?:من|بعد)[ \u00a0]+)?(?:(?:ال)?(?:مساء|صباح|ظهر|عصر|فجر|ليل)[ \u00a0]+)?"
    r"(?:ب?التوقيت[ \u00a0]+\p{L}+[ \u00a0]+)?(?:(?:من[ \u00a0]+)?(?:هذا[ \u00a0]+)?يوم[ \u00a0]+)?(?:هذا[ \u00a0]+)?"
    r"(?P<r>امس الاول|اول من امس|اول امس|امس|اليوم|غد|غدا)(?!\p{L})" + _NOT_TODAY
)


def _days_from_publication(word: str) -> int:
    """How many days from publication a relative day is, as the calendar lexicon says («أمس الأول» is -2)."""
    return load_lexicon().relative_days[word]


# «مساء أمس الأول … بعد أن بلغت الغرفة الساعة 8:05»: the day said before the time, in its sentence.
_REL_BEFORE = regex.compile(
    r"(?<!\p{L})(?:(?P<p>مساء|صباح|ظهر|عصر|فجر|ليل)[ \u00a0]+)?(?:(?:من[ \u00a0]+)?يوم[ \u00a0]+)?"
    r"(?P<r>امس الاول|اول من امس|اول امس|امس|اليوم)(?!\p{L})" + _NOT_TODAY
)
_PM_PERIODS = frozenset({"مساء", "مساءا", "م", "ليلا", "الليل", "ليل", "عصرا", "عصر", "ظهرا", "ظهر", "بعد الظهر"})


def _said_before(text: str, start: int) -> regex.Match[str] | None:
    """The last relative day said before ``start`` in its sentence («مساء أمس الأول … الساعة 8:05»)."""
    low = max(0, start - 120)
    low = max(low, *(text.rfind(mark, low, start) + 1 for mark in ".!?؟\n"))
    return next(reversed(list(_REL_BEFORE.finditer(text, low, start))), None)


def day_said(text: str, start: int, end: int, is_time: bool) -> tuple[int, int] | None:
    """The relative day said with a time or a «أمس الأول» in folded ``text``: (days from publication, where it ends).

    None when the day is not said there (a time whose day is only the lede's or the
    publication's). Where it ends, a weekday may follow («أمس الأول الخميس»).
    """
    if is_time:
        rel = _REL.match(text[end : end + 60])
        if rel is not None:
            return _days_from_publication(rel.group("r")), end + rel.end("r")
        rel = _said_before(text, start)
    else:
        rel = RELATIVE_DAY.match(text, start, end + 1)
    return None if rel is None else (_days_from_publication(rel.group("r")), rel.end("r"))


def lede_day(text: str) -> int:
    """The day the lede tells its event on, as an offset from publication: «شب أمس» is -1, else 0.

    A time of day that names no day of its own falls on this day (the article's first sentence
    after its headline line).
    """
    title_end = text.find("\n")
    if title_end < 0:
        return 0
    body = text[title_end:title_end + 400].lstrip()
    first = regex.split(r"[.!?؟\n]", body, maxsplit=1)[0]
    m = RELATIVE_DAY.search(first)
    return _days_from_publication(m.group("r")) if m else 0


RELATIVE_DAY = regex.compile(
    rf"(?<!\p{{L}})(?:[وف]?ب?)(?P<r>امس الاول|اول من امس|اول امس|امس|اليوم{_NOT_TODAY})(?!\p{{L}})"
)


def time_of_day(
    text: str, end: int, hour: int, minute: int, published_at: str | None, state: dict | None = None,
    start: int | None = None,
) -> str | None:
    """Resolve a time of day against the publication date and return it as ISO datetime.

    The day is the one said after the time («الساعة 8:05 مساء أمس»), else before it in its
    sentence, else the previous time's (``state`` carries the day and half of the previous
    time in the article, so that a report's later "الساعة ١١:٥٩" stays on the evening its
    first time named), else the lede's day (``state["offset"]`` set by the caller).
    """
    state = state if state is not None else {}
    after = text[end : end + 40]
    m = _PM.match(after)
    pm = state.get("pm", False)
    rel = _REL.match(after)
    said_before = _said_before(text, start) if rel is None and start is not None else None
    if m:
        period = m.group("p")
        pm = period in _PM_PERIODS
        if period in ("صباحا", "صباح", "ص", "فجرا", "فجر") and hour == 12:
            hour = 0
    elif said_before is not None and said_before.group("p"):
        pm = said_before.group("p") in _PM_PERIODS
    if pm and hour < 12:
        hour += 12
    if rel:
        offset = _days_from_publication(rel.group("r"))
    elif said_before is not None:
        offset = _days_from_publication(said_before.group("r"))
    else:
        offset = state.get("offset", 0)
    state["pm"], state["offset"] = pm, offset
    base = published_date(published_at)
    if base is None or not (0 <= hour < 24 and 0 <= minute < 60):
        return None
    day = base + dt.timedelta(days=offset)
    return f"{day.isoformat()}T{hour:02d}:{minute:02d}"


def clock(hour: int, minute: int) -> float:
    """A time of day as written, in hours: 10:36 is 10.6 (a time claim's ``value``)."""
    return round(hour + minute / 60, 4)


@lru_cache(maxsize=65536)
def _sentence_days(sentence: str) -> frozenset[int]:
    """The relative days a sentence names («أمس» is -1, «اليوم» 0), as offsets from publication."""
    return frozenset(_days_from_publication(m.group("r")) for m in RELATIVE_DAY.finditer(fold(sentence).text))


def told_day(sentence: str | None, published_at: str | None) -> dt.date | None:
    """The calendar day a sentence tells of: «الصادر اليوم» on 6 Aug and «الصادرة أمس» on 7 Aug are both 6 Aug.

    None when the sentence names no relative day, names two, or the publication date is unknown.
    """
    published = published_date(published_at)
    if published is None or not sentence:
        return None
    days = _sentence_days(sentence)
    return published + dt.timedelta(days=next(iter(days))) if len(days) == 1 else None

