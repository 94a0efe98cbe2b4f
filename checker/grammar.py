"""The compiled grammar of numerals, and the record a numeral is read into.

:class:`Grammar` holds every pattern the numeral scanner uses, built from the lexicons
in ``rules/lexicon`` (trie-shaped, see :mod:`checker.lexicon`); :func:`grammar` builds
it once per process. :class:`Numeral` is what :mod:`checker.numerals` finds.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

import regex

from .dates import month_patterns
from .lexicon import NOT_LETTER_AFTER, NOT_LETTER_BEFORE, Lexicon, UnitForm, load_lexicon, trie_pattern
from .matchers import GUARD_NOT_LETTER_AFTER, Guarded, word_finder

SP = r"[ \u00a0]"
_IDIOM_CLITICS = "وفبل"


@dataclass(slots=True)
class Numeral:
    """A numeral found in the folded text, before its context is read."""

    start: int
    end: int
    value: float | None
    form: str  # digits, words, dual, vague, ordinal, decade, date, time
    qualifier: str = "exact"  # exact, range or vague at this stage
    low: float | None = None
    high: float | None = None
    kind: str | None = None  # set when the form decides it (date, ordinal, percent)
    unit: UnitForm | None = None  # set when the numeral is its noun (duals)
    date: str | None = None
    decimals: int = 0  # digits written after the decimal point
    scaled: bool = False  # a scale word (ألف، مليون) is part of the numeral
    pair_end: int | None = None  # end of the range this numeral belongs to


class Grammar:
    """Compiled patterns for one lexicon."""

    def __init__(self, lex: Lexicon) -> None:
        self.lex = lex
        self.year = next((f for f in lex.units.get("عام", ()) if f.concept == "year"), None)  # an age's unit
        words = set(lex.number_words) | set(lex.vague) | set(lex.ordinals) | set(lex.duals) | set(lex.age_decades)
        self.digits = re.compile(
            r"(?P<url>(?:https?://|www\.)\S+)"
            r"|(?P<tag>#\w+)"
            r"|(?P<isodate>(?<![0-9])[0-9]{4}-[0-9]{1,2}-[0-9]{1,2}(?![0-9]))"
            r"|(?P<dmy>(?<![0-9./])[0-9]{1,2}(?P<sep>[/.\-])[0-9]{1,2}(?P=sep)(?:[0-9]{4}|[0-9]{2})(?![0-9]))"
            r"|(?P<time>(?<![0-9:])[0-9]{1,2}:[0-5][0-9](?::[0-5][0-9])?(?![0-9:]))"
            # «3ر31»، «935ر6 مليون»: the news agency's ر mark, with the fraction typed first.
            # «9ر14مليون»: the scale word may follow with no space.
            r"|(?P<num>(?<![0-9])[0-9]+(?:ر[0-9]+)+(?![0-9]|(?!مليون|مليار|ملايين|مليارات|الف|الاف)\w)"
            r"|(?<![0-9])[0-9]+(?:[.,٫٬،][0-9]+)*)"
        )
        self.digit_start = re.compile(r"[0-9#hw]")  # every alternative of `digits` starts with one of these
        self.words = word_finder(words)
        unit_forms = trie_pattern(set(lex.units) | set(lex.duals))
        unit_lead = rf"(?:{SP}|[)\]»\"”″'’-])*(?P<min>من{SP}+)?(?P<cl>(?:ال|لل|بال)?)(?P<w>{unit_forms})(?:ها|هم|هن)?"
        self.unit_after = Guarded(unit_lead + NOT_LETTER_AFTER, unit_lead + GUARD_NOT_LETTER_AFTER)
        self.scale_after = regex.compile(
            rf"{SP}*(?P<w>{trie_pattern(w for w, e in lex.number_words.items() if e[0][0].startswith('scale'))})"
            rf"{NOT_LETTER_AFTER}(?:{SP}+و{SP}?(?P<frac>نصف|ربع){NOT_LETTER_AFTER})?"
        )
        self.day_month, self.month_year = month_patterns(lex)
        self.idioms = word_finder(lex.ordinal_idioms, clitics=f"[{_IDIOM_CLITICS}]?")
        self.idiom_suffixes = _idiom_suffixes(lex.ordinal_idioms, _IDIOM_CLITICS)
        # «أمس الأول»، «أول من أمس»: a relative day said with a number word is a date of its own.
        idioms = set(lex.ordinal_idioms)
        self.numbered_days = {w: d for w, d in lex.relative_days.items() if w in idioms}
        self.numbered_day = (word_finder(self.numbered_days, clitics=f"[{_IDIOM_CLITICS}]?")
                             if self.numbered_days else None)
        self.pair = re.compile(
            rf"{SP}*(?P<sep>[/\-–—]+|و|او|الي|حتي){SP}*(?P<b>[0-9]+(?:[.,٫][0-9]+)?)(?![0-9])"
        )
        self.range_start = re.compile(rf"(?:بين|من|ما بين){SP}+(?:ال)?$")
        # «رفع الحد الأدنى للسن من 13 إلى 16»: a rise or fall (the predicates' forms, or a word that
        # starts with a change word) in the clause before «من X إلى Y»
        moves = trie_pattern(w for w, key in lex.predicates.items() if key in ("rose", "fell"))
        starts = trie_pattern(lex.change_words) if lex.change_words else "(?!)"
        self.change_before = re.compile(
            rf"(?:^|[\s(«\"])[وف]?(?:(?:{moves})(?!\w)|(?:{starts})\w*)[^.،,؛\n]*من{SP}+$")
        self.identifier_before = re.compile(
            r"(?:رقم|الرقم|رقمه|رقمها|الماده|البند|الفقره|ماده|بند|الرحله|"
            r"الطريق|طريق|هاتف|جوال|الهاتف|تحويله|ص\.ب|الاصدار|نسخه|موديل|طراز|ايفون|قرار|"
            r"الامر|امر|الملكي|مرسوم|اللائحه|القانون|فيروس|كوفيد|سوره|الايه|ايه|الجدول|الشكل|غرفه|"
            r"الصفحه|صفحه|العدد)"
            rf"{SP}*[(\[«\"“:]*{SP}*(?:ال)?$"
        )
        self.sports = re.compile(
            r"نتيج|الشوط|شوط|اشواط|فاز|كسب|تغلب|خسر|مباراه|المباراه|هدف|اهداف|مقابل|تعادل|"
            r"المنتخب|الفريق|نقطه|بطوله|البطوله|الدوري"
        )
        self.hour_before = re.compile(rf"(?:الساعه|ساعه){SP}*$")
        self.compounds: dict[str, tuple[str, float]] = {}
        for spec in lex.compound_measures:
            for word in spec["major"]:
                self.compounds[word] = (spec["minor"], float(spec["factor"]))
        self.compound_major = regex.compile(
            rf"{NOT_LETTER_BEFORE}(?P<w>{trie_pattern(self.compounds)}){SP}+و$"
        )


def _idiom_suffixes(idioms: list[str], clitics: str) -> frozenset[str] | None:
    """Every ending of every word of the idioms (the first also with its clitics).

    A number word can only sit inside an idiom if its first word is one of these. None
    when an idiom holds anything but letters and single spaces (then every word is checked).
    """
    out: set[str] = set()
    for idiom in idioms:
        tokens = idiom.split(" ")
        if not all(tok.isalpha() for tok in tokens):
            return None
        for i, tok in enumerate(tokens):
            for form in [tok, *(c + tok for c in clitics)] if i == 0 else [tok]:
                out.update(form[k:] for k in range(len(form)))
    return frozenset(out)


@cache
def grammar() -> Grammar:
    """The grammar compiled from the shipped lexicons (built once per process)."""
    return Grammar(load_lexicon())
