"""Name the unit a claim reports: the counted thing, as the claims table spells it.

The reader recognises nouns by their lexicon concept (قتيل is ``dead``, حالة is ``case``).
The table reports what was counted, and the predicate says what happened to it: «7 قتلى»
are 7 ``person`` killed, a bare «مصرع ثلاثة» too, and «حالتان» after a crash are people
while «4 حالات إصابة بفيروس كورونا» stay ``case``. A date's unit is its granularity:
``time``, ``date``, ``month`` or ``year``.
"""

from __future__ import annotations

import regex

from .lexicon import Lexicon

_GRANULARITY = {4: "year", 7: "month", 10: "date"}
DATE_UNITS = ("time", "date", "month", "year")  # the units of date claims, finest first


def date_unit(date: str | None) -> str | None:
    """The granularity of an ISO date: ``2015-07-24T20:54`` -> time, ``2012-06`` -> month."""
    if not date:
        return None
    first = date.split("/", 1)[0]  # a span (a Hijri year) is named by where it starts
    if "T" in first:
        return "time"
    return _GRANULARITY.get(len(first))


def reported_unit(unit: str | None, kind: str, predicate: str | None, date: str | None, form: str,
                  lex: Lexicon, infection_news: bool, bare: bool = True) -> str | None:
    """The unit one claim reports, from the concept the reader found and how the number is written.

    ``bare`` says no word that could be an unknown counted noun follows the number. It matters
    for verbs that also take things: «ضبط 30 مسدسا» counts pistols, though the lexicon lacks
    the noun, while «مصرع ثلاثة شبان» counts people whatever the noun.
    """
    if kind == "date":
        return "time" if form == "time" else date_unit(date)
    if unit is None:
        if (kind == "count" and form != "ordinal" and predicate in lex.people_fates
                and (bare or predicate not in lex.thing_fates)):
            return "person"
        return None
    if unit in lex.disease_units and infection_news:
        return unit
    return lex.reported_as.get(unit, unit)


# After a bare toll (folded text: على is علي): a preposition, a conjunction, a clitic-led word, a
# present-tense verb or a nationality, never the counted noun.
_AFTER_BARE = regex.compile(
    r"[ \u00a0()«»\"]*(?:$|[^\p{L} \u00a0]|[وفبل]\p{L}|[يت]\p{L}{2,}(?:ون|ان)?(?!\p{L})|\p{L}+(?:يا|يين|يون)(?!\p{L})"
    r"|(?:في|من|علي|الي|عن|منذ|خلال|اثر|جراء|بعد|قبل|حتي|ثم|بين|منهم|بينهم|تم|اخر\p{L}*)(?!\p{L}))"
)


def nothing_counted_after(text: str, end: int) -> bool:
    """True when the folded ``text`` after a number at ``end`` holds no word that could be what it counts."""
    return _AFTER_BARE.match(text, end) is not None
