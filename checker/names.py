"""Spell names and words alike across outlets: clitics off, long vowels out («تشيريشيف» = «تشيرشيف»).

Checks that key a figure by a name (a goal's scorer, a person's age) compare names written
by different outlets; these helpers fold the ways one name is spelled into one key.
"""

from __future__ import annotations

import regex

WORD = regex.compile(r"[\p{L}\p{M}\u0640]+")
_VOWELS = str.maketrans("", "", "اويى")


def bare_forms(word: str) -> list[str]:
    """A folded word and its forms without a conjunction, a preposition or the article."""
    out = [word]
    for prefix in ("و", "ف"):
        if word.startswith(prefix) and len(word) > 3:
            out.append(word[1:])
    for w in list(out):
        for prefix in ("بال", "لل", "كال", "ال", "ب", "ل"):
            if w.startswith(prefix) and len(w) - len(prefix) >= 3:
                out.append(w[len(prefix):])
    return out


def word_forms(word: str) -> list[str]:
    """The bare forms of a folded word, also without a pronoun suffix (مرماه، سجلها)."""
    out = bare_forms(word)
    for w in list(out):
        for suffix in ("ها", "هم", "هما", "ه"):
            if w.endswith(suffix) and len(w) - len(suffix) >= 3:
                out.append(w[: -len(suffix)])
    return out


def skeleton(word: str) -> str:
    """A name as outlets spell it alike: فيتفاتزيدس and فتفاتزيديس, الدوسري and والدوسري, ديفو and لديفوي.

    A folded word without a leading «و», the article or a one-letter preposition, its long
    vowels dropped; a name of fewer than two consonants keeps them.
    """
    if word.startswith("و") and len(word) > 4:
        word = word[1:]
    for prefix in ("بال", "لل", "كال", "ال", "ب", "ل"):
        if word.startswith(prefix) and len(word) - len(prefix) >= 3:
            word = word[len(prefix):]
            break
    consonants = word.translate(_VOWELS)
    return consonants if len(consonants) >= 2 else word


def in_words(word: str, words: frozenset[str]) -> bool:
    """True when a folded word, or one of its forms, is in ``words``."""
    return any(f in words for f in word_forms(word))
