"""Content words of Arabic text, for telling whether two passages say the same thing.

A word is matched by its light stem: hamza, ة and ى folded, one clitic or the article taken
off the front and one common suffix off the end, stop words dropped.
"""

from __future__ import annotations

from functools import lru_cache

import regex

from .normalize import fold

TOKEN = regex.compile(r"[\p{Arabic}\u064B-\u065F\u0670]+|[A-Za-z]+")  # harakat (script Inherited) stay inside words
_PREFIX = regex.compile(r"^(?:وال|بال|فال|كال|لل|ال|و|ف|ب|ل)(?=\p{Arabic}{3,})")
_SUFFIX = regex.compile(r"(?<=\p{Arabic}{3,})(?:يين|ين|ون|ات|ها|هم|يه|ه|ي|ا)$")
_STOP = frozenset(
    fold(w).text
    for w in (
        "في من على الى إلى عن أن إن ان التي الذي الذين هذا هذه ذلك تلك كان كانت قد لم لن مع بين بعد قبل "
        "عند حيث كما أو او ثم حتى منذ خلال إلى أي كل بعض غير نحو حوالي قرابة زهاء أكثر اكثر أقل اقل "
        "عدد وقد وقال قال واضاف اضاف وأضاف أضاف وأكد أكد مشيرا مضيفا موضحا مبينا لافتا فيما بينما وذلك تم "
        "ما لا هو هي هم التى الى"
    ).split()
)


@lru_cache(maxsize=1 << 18)
def stem(word: str) -> str | None:
    """A word's light stem for context matching, or None for a stop word."""
    w = fold(word).text.replace("مائه", "مئه")  # المائة and المئة are one word
    if w in _STOP:
        return None
    light = _SUFFIX.sub("", _PREFIX.sub("", w))
    return light if len(light) >= 2 and light not in _STOP else None
