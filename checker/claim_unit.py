"""What a figure counts: its counted noun and unit, and so its kind (a count, a sum of money, a percentage …).

The noun is read after the number («120 متدربا»، «3 من المصابين»), as a nationality
(«تسمم 14 سعوديا»), before an ordinal («الشوط الأول») or a numbered noun («في الدقيقة 69»),
or as the plural just before the number. :func:`counted_noun` reads the noun and
:func:`kind_of` the kind it gives the figure, with a fraction or a rate said after the noun.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import partial

import regex

from .ages import OF_AGE_AFTER
from .claim_patterns import Context, _choose_unit, _percent_before
from .lexicon import Lexicon, UnitForm, squash
from .normalize import Folded
from .numerals import AND_A_FRACTION, Grammar, Numeral
from .ordinals import first_of, numbered_unit, ordinal_unit

_ONE_AFTER_ITS_NOUN = regex.compile(r"واحد[ةه]?\p{M}*$")  # as written: «وأحد رجال الأمن» is «و» + «أحد»
# A number that names a course, an article of law or a clause: «الدورتين (35) و(10)», «المادة 5».
_LABEL_BEFORE = regex.compile(
    r"(?<!\p{L})(?:و|ف)?(?:ال|بال|لل)?(?:دوره|دورتين|دورتان|دورات|ماده|مادتين|المواد|بند|بندين|فقره|فقرتين|رقم)"
    r"\s*[(«\"]?\s*(?:\d+\s*[)»\"]?\s*(?:،|,|و)\s*[(«\"]?\s*)*$"
)
# «سباق 1500 متر»، «منافسات 100 متر»: the distance names a race, it measures nothing of the story.
_RACE_BEFORE = regex.compile(
    r"(?<!\p{L})(?:و|ف|ب|ل)?(?:ال)?(?:سباق|سباقي|سباقات|منافسات|مسابقه|مسابقات)\s+(?:ال\s*)?$"
)
_AND_NOUN = regex.compile(r"\s*و(?:ال)?(?=\p{L})")


@dataclass(slots=True)
class CountedNoun:
    """What one figure counts, as :func:`counted_noun` and then :func:`kind_of` read it."""

    kind: str | None  # None until the noun or :func:`kind_of` decides
    unit: UnitForm | None
    unit_span: tuple[int, int] | None  # the counted noun as written (folded offsets)
    unit_name: str | None  # the unit's concept, or "percent"
    after_end: int  # the end of the number with its noun (and fraction): the words after the figure start here
    of_the: bool  # «3 من المصابين»: the counted noun is a definite partitive
    noun_after: bool  # «120 متدربا»: the counted noun right after the number
    national_side: str | None  # «14 سعوديا»: the nationality that counts them is their side


def _noun_forms(lex: Lexicon, um: regex.Match[str]) -> list[UnitForm] | None:
    """The lexicon forms of the counted noun ``unit_after`` matched, as a plural or singular or as a dual."""
    return lex.units.get(squash(um.group("w"))) or lex.duals.get(um.group("w"))


def _counted_noun_after(g: Grammar, t: str, end: int) -> bool:
    """True when a counted noun follows the number: «بمعدل 21 سنتيمترا» is a rate of centimetres, no percentage."""
    um = g.unit_after.match(t, end)
    return um is not None and not um.group("min") and bool(_noun_forms(g.lex, um))


def counted_noun(n: Numeral, g: Grammar, c: Context, folded: Folded, text: str, s_start: int,
                 s_end: int) -> CountedNoun:
    """The noun that the figure ``n`` counts and its unit, in the sentence ``folded.text[s_start:s_end]``.

    ``text`` is the article as written: «واحد» is looked for in the number as written. A
    percentage or a numbered noun («في الدقيقة 69») settles the kind here already.
    """
    t, lex = folded.text, g.lex
    kind = n.kind
    unit, unit_span = n.unit, None
    if unit is not None and n.form == "dual":
        unit = _dual_unit(lex, n, t, s_start, s_end)
    national_side = None  # «14 سعوديا»: the nationality that counts them is their side
    of_the = False  # «3 من المصابين»: the counted noun is a definite partitive
    noun_after = False  # «120 متدربا»: the counted noun right after the number
    after_end = n.end
    unit_name = None
    if unit is None and kind != "date":
        pm = c.percent_after.match(t, n.end)
        choose = partial(_choose_unit, t=t, s_start=s_start, s_end=s_end)  # a noun of several concepts, by its sentence
        if pm or (_percent_before(c, t, n.start) and not _counted_noun_after(g, t, n.end)):
            kind, unit_name = "percent", "percent"
            after_end = pm.end() if pm else n.end
        elif n.form == "ordinal" and not first_of(t, n.start):
            # «الشوط الأول»، «بالدور الثاني»: the noun before the ordinal is what it counts
            if found := ordinal_unit(t, n.start, lex, choose):
                unit, unit_span = found[0], found[1:]
        elif (n.form == "digits" or (n.form == "words" and t.startswith("ال", n.start))) and (
                found := numbered_unit(t, n.start, lex, choose)) and (
                found[0].number == "sg" or not _counted_noun_after(g, t, n.end)):  # «الجولات 3 و4 لاعبين»
            # «في الدقيقة 69»: the 69th minute; «عند الدقيقة الثلاثين»: a definite tens word is an ordinal
            kind, unit, unit_span = "ordinal", found[0], found[1:]
        else:
            um = g.unit_after.match(t, n.end) or (
                g.unit_after.match(t, n.pair_end) if n.pair_end else None
            )
            if um and not um.group("min") and _ONE_AFTER_ITS_NOUN.search(
                    text[slice(*folded.span(n.start, n.end))]):
                um = None  # «على جانب واحد للقارب»: «واحد» follows the noun it counts, never precedes it
            if um and (n.form != "ordinal" or not um.group("min")):  # «أول فرقة إسعافية»
                forms = _noun_forms(lex, um)
                if forms and um.group("min") and all(f.number == "sg" and f.category == "person" for f in forms):
                    forms = lex.units["اشخاص"]  # «3 من عائلة واحدة»: three people of one family
                if forms:
                    unit = _choose_unit(forms, t, s_start, s_end)
                    unit_span = (um.start("w"), um.end("w"))
                    after_end = um.end()
                    of_the = bool(um.group("min") and um.group("cl"))
                    noun_after = not um.group("min")
                    if (national := c.national_after.match(t, after_end)) and unit.category == "person":
                        national_side = lex.nationals[national.group("w")]  # «22 سائحا سعوديا»
                    if _counts_two_nouns(g, t, unit, um.end(), partitive=of_the):
                        if unit.category == "person":  # «33 قتيلا وجريحا»، «17 جنديا وضابطا»: people all the same
                            unit = lex.units["شخص"][0]
                        else:  # «54 كلية ومعهدا»: colleges and institutes together
                            unit, unit_span = None, None
            elif (national := c.national_after.match(t, n.end)) and n.form in ("digits", "words"):
                # «تسمم 14 سعوديا»، «قضى 4 فلسطينيين»: people counted by their nationality
                unit, national_side = lex.units["شخص"][0], lex.nationals[national.group("w")]
                unit_span = (national.start("w"), national.end("w"))
                after_end, noun_after = national.end(), True
            else:
                wb = c.word_before.search(t, max(0, n.start - 25), n.start)
                if wb and wb.group(1) in lex.units and (
                    (n.value == 1 and n.form == "words")
                    or any(f.number == "pl" for f in lex.units[wb.group(1)])
                ):
                    unit = _choose_unit(lex.units[wb.group(1)], t, s_start, s_end)
                    unit_span = (wb.start(1), wb.end(1))
    return CountedNoun(kind, unit, unit_span, unit_name, after_end, of_the, noun_after, national_side)


def kind_of(n: Numeral, noun: CountedNoun, qualifier: str, g: Grammar, c: Context, t: str,
            s_start: int) -> CountedNoun:
    """The figure's kind from its noun; years of age with no noun, a label's number, a fraction or a rate said after it.

    ``qualifier`` is the number's own (before any hedge is read).
    """
    kind, unit, unit_span, unit_name, after_end = noun.kind, noun.unit, noun.unit_span, noun.unit_name, noun.after_end
    noun_after = noun.noun_after
    if unit is None and (kind is None or n.form == "ordinal") and n.form in ("digits", "words", "ordinal") and (
            OF_AGE_AFTER.match(t, n.end)):
        kind, unit = None, g.year  # «في الثلاثين من العمر»، «في الخامسة من عمرها»: years of age, with no noun
    if kind is None and n.form == "digits" and (
            (not noun_after and _LABEL_BEFORE.search(t, max(s_start, n.start - 40), n.start))
            or _RACE_BEFORE.search(t, max(s_start, n.start - 16), n.start)):
        kind, unit, unit_span, after_end = "ordinal", None, None, n.end  # «الدورتين (35) و(10)»: names, not counts
    if unit is not None:
        unit_name = unit.concept
        if kind is None:
            kind = unit.kind
    if unit_span is None and n.unit is not None:
        unit_span = (n.start, n.end)
    if kind is None:
        kind = "count"
    if kind in ("duration", "measure") and n.value is not None and qualifier == "exact" and not n.scaled:
        fraction = AND_A_FRACTION.match(t, after_end)
        if fraction:  # «3 ساعات ونصف»، «عامين ونصف»: the fraction said after the noun
            n.value += 0.5 if fraction.group(1) == "نصف" else 0.25
            after_end = fraction.end()
    if kind in ("count", "money", "measure") and c.rate_after.match(t, after_end):
        kind = "rate"
    return CountedNoun(kind, unit, unit_span, unit_name, after_end, noun.of_the, noun_after, noun.national_side)


def _dual_unit(lex: Lexicon, n: Numeral, t: str, s_start: int, s_end: int) -> UnitForm:
    """The noun a dual counts, chosen by its sentence when the dual has several (عربتين)."""
    word = t[n.start : n.end]
    for k in range(min(4, len(word))):  # the dual with or without its clitics (والعربتين)
        forms = lex.duals.get(word[k:])
        if forms:
            return _choose_unit(forms, t, s_start, s_end) if len(forms) > 1 else forms[0]
    return n.unit  # type: ignore[return-value]


def _counts_two_nouns(g: Grammar, t: str, unit: UnitForm, end: int, partitive: bool = False) -> bool:
    """True when the counted noun shares its number with a second noun: «54 كلية ومعهدا»، «250 من الممثلين والفنيين».

    A singular's second noun is in the same accusative (tanween alef: «17 جنديا وضابطا»);
    «مقتل 30 شخصا وإصابة 100» opens another toll and «22 فرقة إسعافية وفرقة طبية» adds one
    more team. A plural's is definite after a partitive («من الممثلين والفنيين»).
    """
    m = _AND_NOUN.match(t, end)
    other = g.unit_after.match(t, m.end()) if m else None
    if other is None or other.start("w") != m.end() or other.group("min"):
        return False
    word = squash(other.group("w"))
    forms = g.lex.units.get(word) or []
    if unit.number != "sg":
        if not partitive:
            return False  # «عشرات المروحيات والمدرعات»: the construct names what it counts first
        forms = forms or g.lex.duals.get(word) or []  # «الفنيين»: a sound plural is filed with the duals
        # «250 من الممثلين والفنيين»: a definite plural and another, both counted
        return m.group().endswith("ال") and any(
            f.number != "sg" and f.concept != unit.concept and f.category == unit.category for f in forms)
    if not t.endswith("ا", 0, other.end("w")):
        return False
    return any(f.number == "sg" and f.concept != unit.concept and f.category == unit.category for f in forms)
