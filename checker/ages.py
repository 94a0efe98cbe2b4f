"""Tell a person's age from other counts of years: «امرأة (50 سنة)», «يبلغ من العمر 27 عاما», «ستينية».

An age is a count of years with the predicate ``age`` and, as its side, whose age it is: the
sex of the nearest person noun before it, and whether a child (male, female, boy, girl), so
that two outlets' ages of the injured woman meet («امرأة»، «مواطنة») and the man's stays apart.
A decade («امرأة ستينية»، «في العشرينيات من عمره») is an age by itself, read as a range by
:mod:`checker.numerals`.
All patterns work on folded text (ة→ه, no hamza on alef).
"""

from __future__ import annotations

import regex

from .lexicon import Lexicon

SP = r"[ \u00a0]"
# «من العمر»، «من عمرها» after the years: always an age.
OF_AGE_AFTER = regex.compile(rf"{SP}*\)?{SP}*من{SP}+(?:العمر|عمره|عمرها|عمرهم|عمرهن|عمري)(?!\p{{L}})")
# A word right before the number that makes it an age: «البالغ من العمر 27»، «عن عمر يناهز 80»،
# «بعمر 5»، «ابن الـ12». Only right before it, past an opening bracket or the article.
AGE_BEFORE = regex.compile(
    rf"(?<!\p{{L}})(?:من{SP}+(?:العمر|عمره|عمرها)|عمره|عمرها|عمرهم|بعمر|يناهز|ناهز|البالغ|البالغه|البالغين"
    rf"|البالغات|يبلغ|تبلغ|ابن|ابنه|بسن|سن|ذو|ذات|ذي){SP}*(?:ال)?[(«\"]?{SP}*(?:ال)?$"
)
# A sentence, a term or a prison: «سجن مواطن 10 سنوات» counts years of prison, not of age.
TERM_WORDS = regex.compile(
    r"(?<!\p{L})(?:[وفبل])?(?:ال|لل)?(?:سجن|حبس|حكم|احكام|عقوبه|مده|لمده|اشغال|خبره|خدمه|متابعه)(?!\p{L})"
)
# «ألا يقل عمر المتقدم عن 30 عاما»: a limit a rule sets, not anyone's age.
# Folded text writes «يتعدى» as «يتعدي».
LIMIT_BEFORE = regex.compile(r"(?<!\p{L})[اأ]?لا\s+(?:يقل|تقل|يزيد|تزيد|يتجاوز|تتجاوز|يتعد[يى]|تتعد[يى])(?!\p{L})")
OPEN_BRACKET_BEFORE = regex.compile(rf"\({SP}*$")
BRACKETS_ONLY = regex.compile(rf"[{SP[1:-1]}(«\"]*")
_WORD = regex.compile(r"\p{L}+")
_DIGIT = regex.compile(r"\d")
_CLITICS = ("وال", "فال", "بال", "لل", "ال", "و", "ف", "ب", "ل")
FEMALE = frozenset({"woman", "girl"})  # person concepts whose every form is feminine (نساء، فتيات)
CHILDREN = frozenset({"child", "girl"})
UNSEXED = frozenset({"victim", "person", "case", "injured", "dead"})  # nouns of either sex
PERSON_REACH = 50  # characters before an age where the person it belongs to is named
DIRECT_REACH = 30  # … where «امرأة (50 سنة)» names it right before the years


def person_concept(token: str, lex: Lexicon) -> str | None:
    """The person concept a word names, with or without its clitics («والمرأه»: woman), or None."""
    for clitic in ("", *_CLITICS):
        if clitic and not token.startswith(clitic):
            continue
        word = token[len(clitic):]
        concept = next((f.concept for f in lex.units.get(word, ()) if f.category == "person"), None)
        if concept is not None:
            return concept
    return None


def _person(token: str, lex: Lexicon) -> str | None:
    """Whose age a person noun gives: male, female, boy, girl; None for no person.

    Outlets name one person with several nouns («رجل»، «شاب»، «مواطن»): the age follows the
    person's sex and whether a child, not the noun. A noun of either sex («ضحية») gives "".
    """
    concept = person_concept(token, lex)
    if concept is None:
        return None
    if concept in UNSEXED:
        return ""
    female = concept in FEMALE or token.endswith(("ه", "ات"))
    if concept in CHILDREN:
        return "girl" if female else "boy"
    return "female" if female else "male"


def whose(text: str, start: int, lo: int, lex: Lexicon) -> str | None:
    """The person named nearest before ``start`` (not before ``lo``), with no figure between: male, female … or None."""
    for w in reversed(list(_WORD.finditer(text, max(lo, start - PERSON_REACH), start))):
        if _DIGIT.search(text, w.end(), start):
            return None  # another figure stands between: «3 أطفال و…»
        person = _person(w.group(), lex)
        if person is not None:
            return person or None  # «الضحية (15 عاما)»: a person of either sex
    return None


def age_of(text: str, start: int, end: int, after_end: int, lo: int, decade: bool, lex: Lexicon) -> str | None:
    """The person whose age a count of years is, "" for an age of no one named, or None for no age.

    ``start``/``end`` are the number's, ``after_end`` the end of its noun, ``lo`` the start of
    its sentence. «امرأة ستينية», «رجل (27 سنة)», «يبلغ من العمر 50 عاما», «في الثلاثين من العمر»
    are ages; «سجن مواطن 10 سنوات» and «منذ 50 عاما» are not.
    """
    if LIMIT_BEFORE.search(text, max(lo, start - 40), start):
        return None
    if decade or OF_AGE_AFTER.match(text, after_end) or OF_AGE_AFTER.match(text, end) or AGE_BEFORE.search(
            text, max(lo, start - 24), start):
        return whose(text, start, lo, lex) or ""
    # «امرأة (50 سنة)»، «إصابة امرأة 50 سنة ورجل 27 سنة»، «مواطن سعودي (35 عاما)»: the years
    # right after a person noun, or after it and one adjective.
    words = list(_WORD.finditer(text, max(lo, start - DIRECT_REACH), start))[-2:]
    if not words or not BRACKETS_ONLY.fullmatch(text, words[-1].end(), start):
        return None
    person = next((p for w in reversed(words) if (p := _person(w.group(), lex))), None)
    if person is None:
        return None
    if not OPEN_BRACKET_BEFORE.search(text, max(lo, start - 4), start) and TERM_WORDS.search(text, lo, start):
        return None
    return person
