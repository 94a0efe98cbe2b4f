"""Compiled patterns for the words around a figure: hedges, percentages, rates, nationalities, people named with it.

:class:`Context` compiles them once per process from the shipped lexicons (:func:`context`);
the small helpers answer one question each about the text around a number: is it a rate
(«بنسبة»), is a word said in the sentence, which of a noun's units the sentence means.
"""

from __future__ import annotations

import re
from functools import cache

import regex

from .attribution import Attribution
from .lexicon import NOT_LETTER_AFTER, NOT_LETTER_BEFORE, Lexicon, UnitForm, trie_pattern
from .matchers import MultiFinder, guarded, word_finder
from .numerals import grammar

SP = r"[ \u00a0]"


class Context:
    """Compiled context patterns for one lexicon."""

    def __init__(self, lex: Lexicon) -> None:
        self.lex = lex
        self.predicates = word_finder([*lex.predicates, *lex.predicate_decoys])  # spans_of drops the decoys
        self.sides = word_finder(lex.sides)
        self.scopes = word_finder(lex.scopes)
        self.places = word_finder(lex.places)
        self.phrases = MultiFinder([self.predicates, self.sides, self.scopes, self.places])
        self.attribution = Attribution(lex)
        hedge_before = trie_pattern(lex.hedges_before)
        self.hedge_before = guarded(
            rf"{NOT_LETTER_BEFORE}(?:[وف])?(?:[بل](?=ا))?(?P<w>{hedge_before})[{SP[1:-1]}(«\"“”″'’]*(?:(?:ب|ال|ل)[(«\"“”″'’]*)?$"
        )
        # «بينهم 5 أطفال»، «بينهم نحو 200 ممثل»: a part of the figure before, hedged or not
        self.among_before = guarded(
            rf"(?:{NOT_LETTER_BEFORE}من\s+)?(?:بينهم|بينهن|منهم|منهن|ضمنهم)\s*(?:(?:{hedge_before})\s+)?\(?\s*$"
        )
        self.hedge_after = guarded(
            rf"[^0-9.،,؛\n]{{0,40}}?{NOT_LETTER_BEFORE}(?P<w>{trie_pattern(lex.hedges_after)}){NOT_LETTER_AFTER}"
            rf"(?!{SP}*من{SP}+(?!ذلك))"  # «1305 مشروعات وأكثر من 58 ألف قرض»: the next figure's hedge
        )
        self.people = {f.concept for forms in lex.units.values() for f in forms if f.category == "person"}
        one_person = lex.one_person | {
            w for w, forms in lex.units.items() if any(f.number == "sg" and f.category == "person" for f in forms)
        }
        # «استشهاد عريف وجنديين»: a count coordinated after one named person is a part of the toll.
        self.after_one_person = guarded(
            rf"{NOT_LETTER_BEFORE}(?:ال)?(?:{trie_pattern(one_person)})[»\"”'’]?{SP}*[«\"“]?{SP}*و[«\"“]?$"
        )
        # «أصيب طفلان وفتاة»: a count with one more person coordinated after it is a part too.
        # Not a noun that names a fate (وحالة وفاة، وقتيل): that is another toll, not one more person.
        one_more = lex.one_person | {
            w for w, forms in lex.units.items()
            if any(f.number == "sg" and f.category == "person" and f.concept not in lex.reported_as for f in forms)
        }
        self.before_one_person = regex.compile(
            rf"{SP}*و{SP}?(?:ال)?(?:{trie_pattern(one_more)}){NOT_LETTER_AFTER}"
        )
        # «ثلاث حالات إصابتهم خطيرة»، «5 أشخاص في حالة حرجة»: only the seriously injured.
        self.severity_after = guarded(
            rf"[»\"”]?{SP}+(?:(?:اصابت|حالت|جروح|وضع)\w*{SP}+|في{SP}+(?:حاله|حالات){SP}+)?"
            rf"(?:{trie_pattern(lex.severity_words)}){NOT_LETTER_AFTER}"
        )
        self.infection = guarded(
            rf"{NOT_LETTER_BEFORE}(?:و?ب|و?بال|و?ال|و)?(?:{trie_pattern(lex.infection_words)}){NOT_LETTER_AFTER}"
        )
        self.rate_after = guarded(
            rf"{SP}*(?:يوميا|في اليوم|كل يوم|سنويا|في السنه|شهريا|اسبوعيا|في الساعه){NOT_LETTER_AFTER}"
        )
        self.percent_after = guarded(
            rf"[{SP[1:-1]})»\"”″]*(?:%|(?:ب|في{SP}+)(?:ال)?(?:مئه|مائه|ميه){NOT_LETTER_AFTER})"
        )
        self.percent_before = re.compile(rf"(?:نسبه|بنسبه|النسبه|معدل|بمعدل){SP}*[(«\"“]*{SP}*(?:ب|ال)?$")
        # «مقتل 18 حوثيا»، «مقتل «18» حوثيا»: the nisba after the number, past a closing bracket.
        self.national_after = guarded(rf"[)\]»\"”]?{SP}+(?P<w>{trie_pattern(lex.nationals)}){NOT_LETTER_AFTER}")
        self.word_before = regex.compile(rf"{NOT_LETTER_BEFORE}(?:ال)?(\p{{L}}+){SP}+(?:ال)?$")


@cache
def context() -> Context:
    """The context patterns compiled from the shipped lexicons (built once per process)."""
    return Context(grammar().lex)


def _percent_before(c: Context, t: str, pos: int) -> bool:
    """True when نسبة or معدل (a rate) comes right before the number at ``pos``."""
    lo = max(0, pos - 20)
    if t.find("نسبه", lo, pos) < 0 and t.find("معدل", lo, pos) < 0:  # cheap: the pattern needs one of them
        return False
    return c.percent_before.search(t, lo, pos) is not None


def _says_word(t: str, word: str, start: int, end: int) -> bool:
    """True when ``word`` is said as a word in ``t[start:end]``, with at most a clitic before it.

    «قطار» in «الأقطار» is no train: the letters before it must be nothing, ال or one clitic.
    """
    at = t.find(word, start, end)
    while at >= 0:
        head = t[max(start, at - 3) : at]
        stem = head.rstrip("ال") if head.endswith("ال") else head
        if not head or not head[-1].isalpha() or len(stem.split(" ")[-1]) <= 1:
            after = at + len(word)
            if after >= end or not t[after].isalpha() or word[-1] in "هة":
                return True
        at = t.find(word, at + 1, end)
    return False


def _choose_unit(forms: list[UnitForm], t: str, s_start: int, s_end: int) -> UnitForm:
    for f in forms:
        if f.context and any(_says_word(t, w, s_start, s_end) for w in f.context):
            return f
    plain = [f for f in forms if not f.context]
    return plain[0] if plain else forms[0]
