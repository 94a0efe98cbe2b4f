"""Find numerals in folded Arabic text and read their values.

One trie-shaped scanner finds every candidate (digit runs, number words, vague words,
ordinals, dual nouns); small parsers read each one: digits with their separators and a
following scale word (``2.5 مليار``), spelled-out compounds in any gender and case
(``ثلاثمئة وخمسة وعشرين ألفا``), dates and times, score lines and ranges. The result is a
list of :class:`Numeral` in folded offsets; :mod:`checker.claims` adds the context.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass
from functools import cache

import regex

from .attribution import sentence_spans
from .dateline import hijri_to_gregorian
from .dates import iso_date, month_of, month_patterns, time_of_day
from .lexicon import (
    CLITICS,
    GUARD_NOT_LETTER_AFTER,
    NOT_LETTER_AFTER,
    NOT_LETTER_BEFORE,
    Guarded,
    Lexicon,
    UnitForm,
    load_lexicon,
    rx,
    squash,
    trie_pattern,
    word_finder,
)
from .number_words import parse_number_words

SP = r"[ \u00a0]"


@dataclass(slots=True)
class Numeral:
    """A numeral found in the folded text, before its context is read."""

    start: int
    end: int
    value: float | None
    form: str  # digits, words, dual, vague, ordinal, date, time
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
        words = set(lex.number_words) | set(lex.vague) | set(lex.ordinals) | set(lex.duals)
        self.digits = re.compile(
            r"(?P<url>(?:https?://|www\.)\S+)"
            r"|(?P<tag>#\w+)"
            r"|(?P<isodate>(?<![0-9])[0-9]{4}-[0-9]{1,2}-[0-9]{1,2}(?![0-9]))"
            r"|(?P<dmy>(?<![0-9./])[0-9]{1,2}([/.\-])[0-9]{1,2}\2(?:[0-9]{4}|[0-9]{2})(?![0-9]))"
            r"|(?P<time>(?<![0-9:])[0-9]{1,2}:[0-5][0-9](?::[0-5][0-9])?(?![0-9:]))"
            r"|(?P<num>(?<![0-9])[0-9]+(?:[.,٫٬][0-9]+)*)"
        )
        self.digit_start = re.compile(r"[0-9#hw]")  # every alternative of `digits` starts with one of these
        self.words = word_finder(words)
        unit_forms = trie_pattern(set(lex.units) | set(lex.duals))
        unit_lead = rf"(?:{SP}|[)\]»\"”″'’-])*(?P<min>من{SP}+)?(?P<cl>{CLITICS})(?P<w>{unit_forms})"
        self.unit_after = Guarded(unit_lead + NOT_LETTER_AFTER, unit_lead + GUARD_NOT_LETTER_AFTER)
        self.scale_after = regex.compile(
            rf"{SP}*(?P<w>{trie_pattern(w for w, e in lex.number_words.items() if e[0][0].startswith('scale'))})"
            rf"{NOT_LETTER_AFTER}(?:{SP}+و{SP}?(?P<frac>نصف|ربع){NOT_LETTER_AFTER})?"
        )
        self.day_month, self.month_year = month_patterns(lex)
        self.idioms = word_finder(lex.ordinal_idioms, clitics="[وفبل]?")
        self.idiom_suffixes = _idiom_suffixes(lex.ordinal_idioms, "وفبل")
        self.pair = re.compile(rf"{SP}*(?P<sep>[/\-–—]+|و|او|الى|إلى|حتى){SP}*(?P<b>[0-9]+(?:[.,٫][0-9]+)?)(?![0-9])")
        self.range_start = re.compile(rf"(?:بين|من|ما بين){SP}+(?:ال)?$")
        self.identifier_before = re.compile(
            r"(?:رقم|الرقم|رقمه|رقمها|المادة|الماده|البند|الفقرة|الفقره|مادة|ماده|بند|الرحلة|الرحله|"
            r"الطريق|طريق|هاتف|جوال|الهاتف|تحويلة|ص\.ب|الاصدار|نسخة|نسخه|موديل|طراز|ايفون|قرار|"
            r"الامر|امر|الملكي|مرسوم|اللائحة|القانون|فيروس|كوفيد|سورة|الاية|اية|الجدول|الشكل|غرفة|"
            r"الصفحة|صفحة|العدد)"
            rf"{SP}*[(\[«\"“:]*{SP}*(?:ال)?$"
        )
        self.sports = re.compile(
            r"نتيج|الشوط|شوط|اشواط|فاز|كسب|تغلب|خسر|مباراة|المباراه|مباراه|هدف|اهداف|مقابل|تعادل|"
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
    """Every ending of every word of the idioms (the first with its clitics): what a number word inside one reads.

    None when an idiom holds anything but letters and single spaces (then every candidate is checked).
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


def _digits_value(raw: str, next_text: str) -> tuple[float, int] | None:
    """Read a digit run with separators; return (value, decimals) or None when malformed."""
    if "٫" in raw or "٬" in raw:
        raw = raw.replace("٬", "").replace("٫", ".")
        if raw.count(".") > 1 or "," in raw:
            return None
        return float(raw), len(raw.partition(".")[2])
    if "," in raw and "." in raw:
        return _mixed_separators(raw)
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
            return (float("".join(parts)), 0) if grouped else None
        # One dot followed by exactly three digits: Saudi-style thousands (18.410 متدرب)
        # unless a percent sign, a scale word or a three-decimal currency follows.
        if grouped and parts[0] != "0" and not rx(
            rf"{SP}*(?:%|بالمئه|بالمائه|في{SP}+الم|الف|مليون|مليار|ملايين|دينار|نقطه)"
        ).match(next_text):
            return float("".join(parts)), 0
        return float(raw), len(parts[1])
    return float(raw), 0


def _mixed_separators(raw: str) -> tuple[float, int] | None:
    """Read ``9,098.27`` or ``542.963,440``: the last separator is the decimal mark, the other groups thousands."""
    mark = "." if raw.rfind(".") > raw.rfind(",") else ","
    whole, _, fraction = raw.rpartition(mark)
    groups = whole.split("," if mark == "." else ".")
    if mark in whole or not 1 <= len(groups[0]) <= 3 or any(len(g) != 3 for g in groups[1:]):
        return None
    return float("".join(groups) + "." + fraction), len(fraction)


def _bare_number(lex: Lexicon, word: str) -> list[tuple[str, float]] | None:
    return lex.number_words.get(word)


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
    times: dict = {}  # the day and half of the last time of day read
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
            new = _read_dmy(m.group())
            if new:
                found.append(Numeral(m.start(), m.end(), new[0], "date", kind="date", date=new[1]))
            consumed = m.end()
        elif group == "time":
            hh, mm = (int(x) for x in m.group().split(":")[:2])
            date = time_of_day(text, m.end(), hh, mm, published_at, times)
            found.append(Numeral(m.start(), m.end(), None, "time", kind="date", date=date))
            consumed = m.end()
        elif group == "num":
            consumed = _read_digits(g, text, m, found, published_at, times)
        else:
            consumed = _read_word(g, text, m, found, published_at, times)
    return found


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


def _read_dmy(raw: str) -> tuple[float, str] | None:
    parts = rx(r"[/.\-]").split(raw)
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


def _read_digits(g: Grammar, text: str, m: regex.Match[str], found: list[Numeral],
                 published_at: str | None, times: dict) -> int:
    """Read a digit run at ``m``; append what it is and return where reading stopped."""
    lex = g.lex
    start, end, raw = m.start(), m.end(), m.group()
    before = text[max(0, start - 30) : start]
    if before and (rx(r"[A-Za-z][\-]?$").search(before) or before.endswith(("+", "_"))):
        return end
    if rx(r"\p{L}-$").search(before):  # إف-16, كوفيد-19: a model or a name
        return end
    digits_only = raw.replace(",", "").replace(".", "").replace("٬", "").replace("٫", "")
    if (len(digits_only) >= 8 and raw == digits_only) or (raw.startswith("0") and len(raw) >= 5):
        return end  # a phone number or an identifier
    if g.identifier_before.search(before):
        return end
    after = text[end : end + 60]
    # Day and month name (and year): 8 – فبراير – 2020, 15 رجب 1441 هـ
    dm = g.day_month.match(text, end)
    if dm and raw.isdigit() and 1 <= int(raw) <= 31:
        month = month_of(lex, dm.group("month"))
        if month:
            year = int(dm.group("year")) if dm.group("year") else None
            if year is None and published_at:
                year = int(published_at[:4])
            date = _date_from_parts(year, month, int(raw), hijri_after=text[dm.end() : dm.end() + 4])
            if date:
                span_end = dm.end() if dm.group("year") else dm.end("month")
                found.append(Numeral(start, span_end, float(year or 0) or None, "date", kind="date", date=date))
                return span_end
    parsed = _digits_value(raw, after)
    if parsed is None:
        return end
    value, decimals = parsed
    # A year: after a month name, after عام/سنة, before هـ/م, or a bare 19xx/20xx.
    if raw.isdigit() and len(raw) == 4:
        date = _year_date(g, text, start, end, int(raw))
        if date is not None:
            found.append(Numeral(start, end, float(int(raw)), "date", kind="date", date=date))
            return end
    if g.hour_before.search(before) and raw.isdigit() and int(raw) <= 24:
        iso = time_of_day(text, end, int(raw), 0, published_at, times)
        found.append(Numeral(start, end, None, "time", kind="date", date=iso))
        return end
    num = Numeral(start, end, value, "digits", decimals=decimals)
    sc = g.scale_after.match(text, end)
    if sc:
        entries = lex.number_words[sc.group("w")]
        role, scale = entries[0]
        num.value = value * scale
        if sc.group("frac"):
            num.value += (0.5 if sc.group("frac") == "نصف" else 0.25) * scale
        num.end = sc.end()
        num.scaled = True
        num.decimals = max(0, decimals - len(str(int(scale))) + 1)
    # Ordinal with the article glued to digits (البطولة الـ13) unless a counted noun follows.
    if before.endswith("ال") and not num.scaled and not g.unit_after.match(text, num.end):
        prev = rx(r"(?:ال)?(\p{L}+)\s*ال$").search(before)
        if not (prev and prev.group(1) in lex.units):
            num.kind = "ordinal"
    pair = g.pair.match(text, num.end)
    if pair and not num.scaled and num.kind is None:
        return _read_pair(g, text, num, pair, before, found)
    found.append(num)
    return num.end


def _read_pair(g: Grammar, text: str, first: Numeral, pair: regex.Match[str], before: str,
               found: list[Numeral]) -> int:
    """Two numbers joined by a dash, slash, و or إلى: a score line, a range or a list."""
    sep = pair.group("sep")
    b_raw = pair.group("b")
    b_parsed = _digits_value(b_raw, text[pair.end() : pair.end() + 20])
    if b_parsed is None or first.value is None:
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
            _as_range(first, second, found)
            return second.end
        found.extend([first, second])
        return second.end
    ranged = g.range_start.search(before) or sep in ("الى", "إلى", "حتى") or sep == "او"
    if ranged and first.value < b_value:
        sc = g.scale_after.match(text, second.end)
        if sc:
            scale = g.lex.number_words[sc.group("w")][0][1]
            first.value *= scale
            second.value = b_value * scale
            second.end = sc.end()
            first.scaled = second.scaled = True
        _as_range(first, second, found)
        return second.end
    found.append(first)
    return first.end


def _as_range(a: Numeral, b: Numeral, found: list[Numeral]) -> None:
    for n in (a, b):
        n.qualifier, n.low, n.high, n.pair_end = "range", a.value, b.value, b.end
    found.extend([a, b])


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
    hijri = rx(rf"{SP}*ه(?!\p{{L}})|{SP}*هـ").match(after)
    if hijri and 1300 <= year <= 1500:
        return str(hijri_to_gregorian(year, 1, 1).year)
    if rx(rf"(?:عام|سنه|العام|السنه|منذ|مطلع|اواخر|اوائل|خلال|موسم){SP}*$").search(before):
        return iso_date(year)
    if rx(rf"{SP}*م(?!\p{{L}})").match(after):
        return iso_date(year)
    if 1900 <= year <= 2100 and not g.unit_after.match(text, end) and not g.scale_after.match(text, end):
        return iso_date(year)
    return None


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
            if word in ("مئه", "مائه") and rx(r"(?:في" + SP + r"+|ب)$").search(before + clitic[:-2]):
                return m.end()  # في المائة / بالمئة: a percent sign in words
            if g.hour_before.search(before) and value <= 24:
                iso = time_of_day(text, end, int(value), 0, published_at, times)
                found.append(Numeral(start, end, None, "time", kind="date", date=iso))
                return end
            compound = _compound_measure(g, text, m.start("w"), end, value)
            if compound:
                found.append(compound)
                return compound.end
            num = Numeral(start, end, value, "words", scaled=any(r.startswith("scale") for r in terms))
            found.append(num)
            return end
    if word in lex.vague:
        low, high = lex.vague[word]
        end = m.end()
        sc = rx(rf"{SP}+(?:ال)?(?P<w>الاف|ملايين|مليارات){NOT_LETTER_AFTER}").match(text[end:end + 20])
        if sc and high is not None and low is not None:
            mult = {"الاف": 1000, "ملايين": 1e6, "مليارات": 1e9}[sc.group("w")]
            low, high = low * mult, high * mult
            end += sc.end()
        if word == "القليله" and not rx(r"(?:الايام|الساعات|الاسابيع|الاشهر|السنوات)\s*$").search(before):
            return m.end()
        found.append(Numeral(start, end, None, "vague", qualifier="vague", low=low, high=high))
        return end
    if word in lex.ordinals:
        value = lex.ordinals[word]
        if g.hour_before.search(before):
            iso = time_of_day(text, m.end(), value, 0, published_at, times)
            found.append(Numeral(start, m.end(), None, "time", kind="date", date=iso))
        else:
            found.append(Numeral(start, m.end(), float(value), "ordinal", kind="ordinal"))
        return m.end()
    if word in lex.duals:
        forms = lex.duals[word]
        if all(f.reference for f in forms):
            return m.end()
        if found and found[-1].form == "dual" and not text[found[-1].end : start].strip():
            return m.end()  # a dual adjective agreeing with the dual noun before it
        if all(f.number == "dual?" for f in forms) and not _dual_follows(text, m.end()):
            return m.end()
        found.append(Numeral(start, m.end(), 2.0, "dual", unit=forms[0]))
        return m.end()
    return m.end()


def _dual_follows(text: str, pos: int) -> bool:
    """True when the next word is a dual verb or pronoun (مهربين يحملان), settling an ين plural."""
    nxt = rx(rf"{SP}+(\p{{L}}+)").match(text[pos : pos + 30])
    return bool(nxt and (nxt.group(1).endswith(("ان", "هما", "تين")) and len(nxt.group(1)) > 3))


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
    half = rx(rf"{SP}+و{SP}?(نصف|ربع){NOT_LETTER_AFTER}").match(text[stop : stop + 12])
    if half:
        total += 0.5 if half.group(1) == "نصف" else 0.25
        stop += half.end()
    return Numeral(major.start("w"), stop, total, "words", unit=minor)
