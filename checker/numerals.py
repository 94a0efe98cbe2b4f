"""Find numerals in folded Arabic text and read their values.

One trie-shaped scanner finds every candidate (digit runs, number words, vague words,
ordinals, dual nouns); small parsers read each one: digits with their separators and a
following scale word (``2.5 مليار``), spelled-out compounds in any gender and case
(``ثلاثمئة وخمسة وعشرين ألفا``), dates and times, score lines and ranges. The result is a
list of :class:`Numeral` in folded offsets; :mod:`checker.claims` adds the context.

The patterns live in :mod:`checker.grammar`, the reading of digit runs in
:mod:`checker.digits`, spelled-out numbers in :mod:`checker.number_words`.
"""

from __future__ import annotations

import datetime as dt
import math
import re
from bisect import bisect_right
from itertools import pairwise

import regex

from .ages import OF_AGE_AFTER, person_concept
from .attribution import sentence_spans
from .dates import clock, iso_date, lede_day, published_date, time_of_day
from .digits import add_scale_rest, day_month_date, day_range_starts, read_digits, read_dmy
from .grammar import SP, Grammar, Numeral, grammar
from .lexicon import NOT_LETTER_AFTER, Lexicon, squash
from .number_words import parse_number_words
from .scores import score_zeros

__all__ = ["Grammar", "Numeral", "grammar", "scan"]

_PERCENT_WORD_BEFORE = re.compile(r"(?:في" + SP + r"+|ب)$")  # في المائة / بالمئة
_VAGUE_SCALE_AFTER = regex.compile(rf"{SP}+(?:ال)?(?P<w>الاف|ملايين|مليارات){NOT_LETTER_AFTER}")
_FEW_DAYS_BEFORE = regex.compile(r"(?:الايام|الساعات|الاسابيع|الاشهر|السنوات)\s*$")
_NEXT_WORD = regex.compile(rf"{SP}+(\p{{L}}+)")
_CLAUSE = regex.compile(r"(?:[^.!?؟\n،,؛]|\.{2,}){0,80}")  # the rest of a clause («..» goes on)
_CLAUSE_WORDS = regex.compile(r"\p{L}+")
# «في العقد الخامس من عمرها»، «امرأة في العقد الخامس»: an age by decade.
_DECADE_BEFORE = regex.compile(rf"(?:(?P<w>\p{{L}}+){SP}+في{SP}+)?(?P<decade>العقد){SP}$")
# «كيلو وثلاثة جرامات ونصف»، «3 ساعات ونصف»: a half or a quarter said after a number's noun.
AND_A_FRACTION = regex.compile(rf"{SP}+و{SP}?(نصف|ربع){NOT_LETTER_AFTER}")
_DIGITS_BEFORE = regex.compile(r"[0-9][\s)\]»”\"]*$")  # a digit right before a word, past spaces and brackets
_DIGITS_AFTER = regex.compile(r"[\s(«\"]*[0-9]")  # a digit right after a word, past spaces and brackets
# «الخامسة والنصف»، «السابعة إلا ربعا»، «العاشرة وعشر دقائق»: the minutes of a spelled hour.
_CLOCK_MINUTES = regex.compile(
    rf"{SP}+(?:(?P<sign>و|الا){SP}?(?:ال)?(?P<part>نصف|ربع|ثلث)ا?{NOT_LETTER_AFTER}|و{SP}?(?P<min>\p{{L}}+))"
)
# The noun that makes spelled minutes of an hour: «وخمس وأربعون دقيقة»، «وعشر دقائق».
_MINUTES_NOUN = regex.compile(rf"{SP}+(?:دقيقه|دقائق){NOT_LETTER_AFTER}")
# The tens of a compound ordinal, after its unit: «الثالث والأربعون» (43rd).
_ORDINAL_TENS = regex.compile(
    rf"{SP}+و{SP}?ال(?P<t>عشر|ثلاث|اربع|خمس|ست|سبع|ثمان|تسع)(?:ين|ون){NOT_LETTER_AFTER}"
)
_TENS = {"عشر": 20, "ثلاث": 30, "اربع": 40, "خمس": 50, "ست": 60, "سبع": 70, "ثمان": 80, "تسع": 90}
_CLOCK_PARTS = {"نصف": 30, "ربع": 15, "ثلث": 20}
# «في الثامنة من مساء اليوم»، «السابعة والنصف صباحا»: a feminine ordinal hour with its part of the day.
_DAY_PART_AFTER = regex.compile(
    rf"{SP}+(?:من{SP}+)?(?:ال)?(?:مساء|مساءا|صباحا|صباح|ظهرا|ظهر|عصرا|عصر|ليلا|ليل|فجرا|فجر){NOT_LETTER_AFTER}"
)
# A spelled day of a month («في السابع عشر من نوفمبر») follows a preposition or «يوم», not a
# noun it counts («الأسبوع الأول من أغسطس», «الجولة الثالثة من يوليو»).
_DAY_BEFORE = regex.compile(
    rf"(?:^|[\s،,(])[وف]?(?:في|يوم|اليوم|ليله|صباح|مساء|منذ|حتي|من|بين|قبل|بعد|الي|مطلع|بتاريخ|تاريخ|اعتبارا{SP}+من){SP}+$"
)
# The word before such an hour is a preposition, not a noun it counts («المرة الثانية صباح اليوم»).
_HOUR_PREPOSITION_BEFORE = regex.compile(
    rf"(?:^|{SP})[وف]?(?:في|عند|حتي|قبل|بعد|منذ|تمام|نحو|حوالي|قرابه|من|الي|الى){SP}+$"
)
# «أربع أو خمس مقطورات»، «من ثلاثة إلى خمسة»: two spelled numbers that make a range.
# Only «أو»: «من ثلاثة إلى خمسة» is as often a change («ارتفع من ثلاثة إلى خمسة») as a range.
_RANGE_BETWEEN = regex.compile(rf"{SP}*او{SP}*")
_RANGE_FORMS = frozenset({"words", "dual", "digits"})
# «سبع إصابات وحالة وفاة»، «وحالة بسيطة»: one case, counted by its indefinite singular noun.
# Not «في حالة وفاة» (in case of death), «بحالة هلع» nor «15 حالة وفاة» (the 15 counts it).
# A severity only in a list («وحالة متوسطة»): «يعيشون حالة حرجة» is a state, not a case.
_ONE_CASE = regex.compile(
    rf"(?<![\p{{L}}\p{{M}}])(?:(?P<cl>[وف]?)(?P<w>حاله){SP}+(?=(?:وفاه|اصابه){NOT_LETTER_AFTER})"
    rf"|(?P<cl>و)(?P<w>حاله){SP}+(?=(?:بسيطه|خطيره|حرجه|متوسطه){NOT_LETTER_AFTER}))"
)
_NOT_ONE_CASE_BEFORE = regex.compile(rf"(?:^|{SP})(?:في|عند|اي|ايه|كل){SP}+$")
_ONE_SAID_AFTER = regex.compile(rf"{SP}+\p{{L}}+(?:{SP}+\p{{L}}+)?{SP}+واحده{NOT_LETTER_AFTER}")


class _Idioms:
    """The ordinal idioms of a text (في المقام الأول), found one sentence at a time when asked."""

    __slots__ = ("_done", "g", "spans", "text")

    def __init__(self, g: Grammar, text: str, spans: list[tuple[int, int]] | None) -> None:
        self.g, self.text, self.spans = g, text, spans
        self._done: dict[int, list[tuple[int, int]]] = {}

    def covers(self, pos: int, word: str) -> bool:
        """True when the candidate ``word`` starting at ``pos`` lies inside an idiom."""
        if self.g.idiom_suffixes is not None and word.split()[0] not in self.g.idiom_suffixes:
            return False  # only a word that ends like an idiom's word can sit inside one
        if self.spans is None:
            self.spans = sentence_spans(self.text)
        index = max(0, bisect_right(self.spans, (pos, 1 << 62)) - 1)
        spans = self._done.get(index)
        if spans is None:
            # Idioms are words and spaces: none crosses a sentence end, so the matches
            # inside one sentence are those of a scan of the whole text.
            s, e = self.spans[index]
            spans = self._done[index] = [(m.start("cl"), m.end()) for m in self.g.idioms.finditer(self.text, s, e)]
        return bool(spans) and _inside(spans, pos)


def scan(text: str, published_at: str | None = None, sentences: list[tuple[int, int]] | None = None) -> list[Numeral]:
    """Return every numeral in a folded text, in order, non-overlapping.

    ``sentences`` are the text's sentence spans when the caller has them already.
    """
    g = grammar()
    found: list[Numeral] = []
    idioms = _Idioms(g, text, sentences)
    times: dict = {"offset": lede_day(text)}  # the day and half of the last time of day read
    consumed = 0
    candidates = sorted(
        [*((m.start(), m) for m in _digit_matches(g, text)), *((m.start("cl"), m) for m in g.words.finditer(text))],
        key=_first,
    )
    for start, m in candidates:
        if start < consumed:
            continue
        group = m.lastgroup
        if group in ("url", "tag"):
            consumed = m.end()
            continue
        if group == "w" and idioms.covers(m.start("w"), m.group("w")):
            continue
        if group == "isodate":
            y, mo, d = (int(x) for x in m.group().split("-"))
            date = iso_date(y, mo, d)
            if date:
                found.append(Numeral(m.start(), m.end(), float(y), "date", kind="date", date=date))
            consumed = m.end()
        elif group == "dmy":
            new = read_dmy(m.group())
            if new:
                found.append(Numeral(m.start(), m.end(), new[0], "date", kind="date", date=new[1]))
            consumed = m.end()
        elif group == "time":
            hh, mm = (int(x) for x in m.group().split(":")[:2])
            if hh <= 24 and mm <= 59:  # «خط طول 50:35» is no time of day
                date = time_of_day(text, m.end(), hh, mm, published_at, times, m.start())
                found.append(Numeral(m.start(), m.end(), clock(hh, mm), "time", kind="date", date=date))
            consumed = m.end()
        elif group == "num":
            consumed = read_digits(g, text, m, found, published_at, times)
        else:
            consumed = _read_word(g, text, m, found, published_at, times)
    _one_cases(g, text, found)
    _numbered_days(g, text, found, published_at)
    score_zeros(text, found)
    join_ranges(text, found)
    day_range_starts(g, text, found)
    return found


def _one_cases(g: Grammar, text: str, found: list[Numeral]) -> None:
    """Add «حالة وفاة» as one case where no numeral counts it already («15 حالة وفاة» does)."""
    if "حاله" not in text:
        return
    forms = g.lex.units.get("حاله")
    if not forms:
        return
    for m in _ONE_CASE.finditer(text):
        start = m.start()
        if _NOT_ONE_CASE_BEFORE.search(text, max(0, start - 6), start):
            continue
        if _ONE_SAID_AFTER.match(text, m.end("w")):
            continue  # «حالة وفاة واحدة»: «واحدة» is the numeral
        at = bisect_right([n.start for n in found], start)
        prev = found[at - 1] if at else None
        if prev is not None and (prev.end > start or not text[prev.end:start].strip()):
            continue  # «15 حالة وفاة»، «الحالة»: the number before counts the cases
        found.insert(at, Numeral(m.start("w"), m.end("w"), 1.0, "singular", unit=forms[0]))


def _numbered_days(g: Grammar, text: str, found: list[Numeral], published_at: str | None) -> None:
    """Add «أمس الأول»، «أول من أمس» as the date they name, two days before publication.

    Only where the publication date is known: without it the idiom names no day.
    """
    base = published_date(published_at)
    if base is None or g.numbered_day is None or "امس" not in text:
        return
    for m in g.numbered_day.finditer(text):
        start, end = m.start("w"), m.end("w")
        at = bisect_right([n.start for n in found], start)
        if at and found[at - 1].end > start:
            continue
        day = base + dt.timedelta(days=g.numbered_days[m.group("w")])
        found.insert(at, Numeral(start, end, None, "date", kind="date", date=day.isoformat()))


def _first(item: tuple[int, re.Match[str]]) -> int:
    return item[0]


def _digit_matches(g: Grammar, text: str) -> list[re.Match[str]]:
    """The matches of ``g.digits.finditer(text)``, trying the pattern only where one can start."""
    found = []
    pos = 0
    search, match = g.digit_start.search, g.digits.match
    while (c := search(text, pos)) is not None:
        m = match(text, c.start())
        if m is None:
            pos = c.start() + 1
        else:
            found.append(m)
            pos = m.end()
    return found


def _inside(spans: list[tuple[int, int]], pos: int) -> bool:
    i = bisect_right(spans, (pos, 1 << 62)) - 1
    return i >= 0 and spans[i][0] <= pos < spans[i][1]


_CONSTRUCT_DUALS = frozenset({"الفا", "مليونا", "مليارا"})


def _noun_follows(g: Grammar, text: str, end: int) -> bool:
    """True when a counted noun follows directly (not through من): ألفا شخص, not ألفا من الزوار."""
    m = g.unit_after.match(text, end)
    return bool(m) and not m.group("min")


def _read_word(g: Grammar, text: str, m: regex.Match[str], found: list[Numeral],
               published_at: str | None, times: dict) -> int:
    """Read a word candidate: a spelled-out number, a vague word, an ordinal or a dual noun."""
    lex = g.lex
    word = squash(m.group("w"))
    clitic = m.group("cl")
    has_article = clitic.endswith("ال") or clitic.endswith("لل")
    start = m.start("w") - (2 if clitic.endswith("ال") else 1 if clitic.endswith("لل") else 0)
    before = text[max(0, start - 30) : start]
    if word in lex.number_words:
        parsed = parse_number_words(lex, text, m.start("w"), word)
        if parsed is not None:
            end, value, terms = parsed
            single = len(terms) == 1
            if has_article and single and word in ("اثنين", "احد", "اثنان"):
                return m.end()  # الاثنين / الأحد: weekdays
            if single and word in lex.weak_alone and not g.unit_after.match(text, end):
                return m.end()
            if word in ("مئه", "مائه") and _PERCENT_WORD_BEFORE.search(before + clitic[:-2]):
                return m.end()  # في المائة / بالمئة: a percent sign in words
            if "ساعه" in before and g.hour_before.search(before) and value <= 24:
                hour, minutes, end = _clock_minutes(lex, text, int(value), end)
                iso = time_of_day(text, end, hour, minutes, published_at, times, start)
                found.append(Numeral(start, end, clock(hour, minutes), "time", kind="date", date=iso))
                return end
            compound = _compound_measure(g, text, m.start("w"), end, value)
            if compound:
                found.append(compound)
                return compound.end
            if single and word in _CONSTRUCT_DUALS and _noun_follows(g, text, end):
                value *= 2  # «ألفا شخص»: the dual in construct (ألفان) lost its ن before a noun
            if terms[0].startswith("scale") and _DIGITS_BEFORE.search(before):
                return end  # «1.340.7 مليار»: the scale word of figures that make no number, not «one billion»
            num = Numeral(start, end, value, "words", scaled=any(r.startswith("scale") for r in terms))
            if num.scaled and value >= 1000:
                # «غرامة مليون و870 ألفاً»: the rest after the scale word, in digits
                add_scale_rest(g, text, num, 1000 ** int(math.log(value, 1000) + 1e-9))
            found.append(num)
            return num.end
    if word in lex.vague:
        low, high = lex.vague[word]
        end = m.end()
        sc = _VAGUE_SCALE_AFTER.match(text[end:end + 20])
        if sc and high is not None and low is not None:
            mult = {"الاف": 1000, "ملايين": 1e6, "مليارات": 1e9}[sc.group("w")]
            low, high = low * mult, high * mult
            end += sc.end()
        if word == "القليله" and not _FEW_DAYS_BEFORE.search(before):
            return m.end()
        found.append(Numeral(start, end, None, "vague", qualifier="vague", low=low, high=high))
        return end
    if word in lex.age_decades and g.year is not None:
        decade, era_noun = lex.age_decades[word]
        if era_noun and not OF_AGE_AFTER.match(text, m.end()):
            return m.end()  # «في الثمانينيات»: an era, unless «من عمره» follows
        found.append(Numeral(start, m.end(), float(decade), "decade", qualifier="range", low=decade,
                             high=decade + 9, kind="duration", unit=g.year))
        return m.end()
    if word in lex.ordinals:
        value = lex.ordinals[word]
        said_hour = "ساعه" in before and g.hour_before.search(before)
        if said_hour or (word.startswith("ال") and value <= 12 and word.split()[0].endswith("ه")
                         and _HOUR_PREPOSITION_BEFORE.search(before)):
            hour, minutes, end = _clock_minutes(lex, text, value, m.end())
            if said_hour or _DAY_PART_AFTER.match(text, end):
                iso = time_of_day(text, end, hour, minutes, published_at, times, start)
                found.append(Numeral(start, end, clock(hour, minutes), "time", kind="date", date=iso))
                return end
        end = m.end()
        tens = _ORDINAL_TENS.match(text, end) if value < 10 else None
        if tens:  # «الخامس والثمانين»، «الحادي والعشرون»: units before tens, as in cardinals
            value, end = value + _TENS[tens.group("t")], tens.end()
        dated = day_month_date(g, text, end, value, published_at) if (
            word.startswith("ال") and not word.split()[0].endswith("ه") and _DAY_BEFORE.search(before)) else None
        if dated is not None:  # «السابع عشر من نوفمبر 2015م»، «الأول من أغسطس»: a day of a month
            year, date_end, date = dated
            found.append(Numeral(start, date_end, year, "date", kind="date", date=date))
            return date_end
        decade = _DECADE_BEFORE.search(before)
        if decade and g.year is not None and (
                OF_AGE_AFTER.match(text, end) or person_concept(decade.group("w") or "", lex)):
            # «في العقد الخامس من عمرها»: the forties or fifty, as people say it (40–50)
            found.append(Numeral(start - len(before) + decade.start("decade"), end, float(10 * (value - 1)),
                                 "decade", qualifier="range",
                                 low=10 * (value - 1), high=10 * value, kind="duration", unit=g.year))
            return end
        found.append(Numeral(start, end, float(value), "ordinal", kind="ordinal"))
        return end
    if word in lex.duals:
        forms = lex.duals[word]
        if all(f.reference for f in forms):
            return m.end()
        if found and found[-1].form == "dual" and not text[found[-1].end : start].strip():
            return m.end()  # a dual adjective agreeing with the dual noun before it
        if all(f.number == "dual?" for f in forms) and (
                _DIGITS_BEFORE.search(before) or not _dual_follows(text, m.end(), has_article)):
            return m.end()
        if word in lex.numbered_series and _DIGITS_AFTER.match(text, m.end()):
            return m.end()  # «في الدقيقتين 63 و66»: the two numbers that follow are the figures
        found.append(Numeral(start, m.end(), 2.0, "dual", unit=forms[0]))
        return m.end()
    return m.end()


def _clock_minutes(lex: Lexicon, text: str, hour: int, end: int) -> tuple[int, int, int]:
    """A spelled hour with the minutes said after it: «الخامسة والنصف» is 5:30, «السابعة إلا ربعا» 6:45,
    «الثالثة وخمس وأربعون دقيقة» 3:45.

    Returns the hour, the minutes and where the time ends.
    """
    m = _CLOCK_MINUTES.match(text, end)
    if not m:
        return hour, 0, end
    if m.group("part"):
        minutes = _CLOCK_PARTS[m.group("part")] * (1 if m.group("sign") == "و" else -1)
        stop = m.end()
    else:
        word = squash(m.group("min"))
        parsed = parse_number_words(lex, text, m.start("min"), word) if word in lex.number_words else None
        noun = _MINUTES_NOUN.match(text, parsed[0]) if parsed else None
        if noun is None or not 0 < parsed[1] < 60 or parsed[1] != int(parsed[1]):
            return hour, 0, end
        minutes, stop = int(parsed[1]), noun.end()
    total = (hour * 60 + minutes) % (24 * 60)
    return total // 60, total % 60, stop


def join_ranges(text: str, found: list[Numeral]) -> None:
    """Make two spelled numbers joined by «أو» one range: «أربع أو خمس مقطورات» is 4–5.

    Digits joined the same way are read as a range when they are scanned; this joins the
    pairs where a spelled number or a dual noun takes part («عربتين أو ثلاث عربات»).
    """
    for a, b in pairwise(found):
        if (a.form not in _RANGE_FORMS or b.form not in _RANGE_FORMS or a.form == b.form == "digits"
                or a.qualifier != "exact" or b.qualifier != "exact" or a.kind or b.kind
                or a.value is None or b.value is None or not 0 < a.value < b.value <= 10 * a.value):
            continue
        if _RANGE_BETWEEN.fullmatch(text, a.end, b.start):
            for n in (a, b):
                n.qualifier, n.low, n.high, n.pair_end = "range", a.value, b.value, b.end


def _dual_follows(text: str, pos: int, definite: bool = False) -> bool:
    """True when a dual verb or pronoun follows (مهربين يحملان), settling an ين plural.

    Right after the noun, or further on in its clause, past the adjectives that agree with
    it: «بحق متهمين (سعوديي الجنسية) والحكم عليهما»، «بلاعبين آسيويين هما …»، «مواطنين..
    أدين أحدهما». A word with a dual ending of its own on the way is another pair of things,
    and «لهما» (for the two) or «كل منهما» (each of the two) mostly names a pair said before.
    Only the bare noun is read so: «المتهمين» is the defendants, and «مواطنين اثنين» is
    counted by its number.
    """
    nxt = _NEXT_WORD.match(text[pos : pos + 30])
    if nxt and (nxt.group(1).endswith(("ان", "هما", "تين")) and len(nxt.group(1)) > 3):
        return True
    if definite:
        return False
    words = _CLAUSE_WORDS.findall(_CLAUSE.match(text, pos).group(0))
    while words and words[0].endswith("ين"):
        if words[0] in _TWO or words[0].startswith("ال"):
            return False  # «للاجئين السوريين»: a definite adjective, the noun is definite too
        words.pop(0)  # «متهمين سعوديين»: the adjectives that agree with the noun
    for before, word in zip(["", *words], words[:6], strict=False):
        if word.endswith("هما") and word not in ("لهما", "ولهما") and not (word == "منهما" and before == "كل"):
            return True
        if word in ("كانا", "كانتا"):
            return True
        if word.endswith(("ين", "ان")) and len(word) > 3:
            return False
    return False


_TWO = frozenset({"اثنين", "اثنتين", "اثنان", "اثنتان"})


def _compound_measure(g: Grammar, text: str, pos: int, end: int, value: float) -> Numeral | None:
    """Read ``كيلو وثلاثة جرامات ونصف`` as one measure (1003.5 grams), starting at the major unit."""
    major = g.compound_major.search(text, max(0, pos - 30), pos)
    if not major:
        return None
    unit = g.unit_after.match(text, end)
    if not unit:
        return None
    spec = g.compounds.get(major.group("w"))
    forms = g.lex.units.get(unit.group("w"), [])
    minor = next((f for f in forms if spec and f.concept == spec[0]), None)
    if minor is None or spec is None:
        return None
    total, stop = spec[1] + value, unit.end()
    half = AND_A_FRACTION.match(text[stop : stop + 12])
    if half:
        total += 0.5 if half.group(1) == "نصف" else 0.25
        stop += half.end()
    return Numeral(major.start("w"), stop, total, "words", unit=minor)
