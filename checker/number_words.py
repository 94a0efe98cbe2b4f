"""Read spelled-out Arabic cardinals: ``ثلاثمئة وخمسة وعشرين ألفا`` -> 325000.

Arabic writes units before tens (خمسة وعشرون = 5 + 20), joins parts with و (glued or
spaced), multiplies by scale words (ألف، مليون، مليار, with their duals and plurals) and
adds fractions (مليون ونصف). The reader walks word by word and stops at the first word
that cannot continue the number, so ``ثلاثة قتلى وأربعة جرحى`` gives two numbers.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import regex

from .lexicon import Lexicon

_NEXT = regex.compile(r"[ \u00a0]+(\p{L}+)")
_NEXT_GLUED_AND = regex.compile(r"[ \u00a0]+و[ \u00a0]+(\p{L}+)")
_SCALE_AGAIN = regex.compile(r"[ \u00a0]+ال(\p{L}+)(?!\p{L})")


@dataclass(slots=True)
class _State:
    total: float = 0.0
    group: float = 0.0
    parts: set[str] = field(default_factory=set)  # which of hundred/unit/ten/teen the group has
    last_scale: float | None = None
    prev_role: str = ""
    prev_value: float = 0.0
    roles: list[str] = field(default_factory=list)

    def value(self) -> float:
        return self.total + self.group


def _first(state: _State, role: str, value: float) -> bool:
    if role in ("unit", "ten", "hundred"):
        state.group = value
        state.parts.add(role)
    elif role == "scale":
        state.total, state.last_scale = value, value
    elif role == "scale_dual":
        state.total, state.last_scale = 2 * value, value
    elif role == "fraction":
        state.group = value
        state.parts.add("fraction")
    else:
        return False
    return True


def _juxtaposed(state: _State, role: str, value: float) -> bool:
    """A word that continues the number without و: 11-19, ثلاث مئة, a scale word."""
    if role == "teen_tail" and state.prev_role == "unit" and state.parts == {"unit"} | (
        state.parts & {"hundred"}
    ) and state.prev_value < 10:
        state.group += 10
        state.parts.add("teen")
        return True
    if role == "hundred" and value == 100 and state.prev_role == "unit" and state.parts == {"unit"}:
        state.group = state.prev_value * 100
        state.parts = {"hundred"}
        return True
    if role in ("scale", "scale_pl") and state.prev_role in ("unit", "ten", "hundred", "teen_tail", "fraction"):
        if state.last_scale is not None and value >= state.last_scale:
            return False
        if role == "scale_pl" and not 3 <= state.group % 100 <= 10:
            return False  # the plural (آلاف) follows 3–10, alone or ending a compound (مئة وخمسة آلاف)
        state.total += (state.group or 1) * value
        state.group, state.parts, state.last_scale = 0.0, set(), value
        return True
    return False


def _joined(state: _State, role: str, value: float) -> bool:
    """A word after و: a smaller part of the same number, or a fraction that ends it."""
    parts = state.parts
    if "fraction" in parts:
        return False
    if role == "unit" and not parts & {"unit", "ten", "teen"}:
        if state.last_scale is None and not parts:
            return False
    elif role == "ten" and not parts & {"ten", "teen"}:
        pass
    elif role == "hundred" and not parts:
        if state.last_scale is None:
            return False
    elif role == "scale" and not parts and state.last_scale and value < state.last_scale:
        state.total += value
        state.last_scale = value
        return True
    elif role == "fraction" and value in (0.5, 0.25):
        if not parts and state.last_scale:
            state.total += value * state.last_scale
        else:
            state.group += value
        state.parts.add("fraction")
        return True
    else:
        return False
    if role == "unit" and parts & {"ten"}:
        return False
    state.group += value
    parts.add(role)
    return True


def parse_number_words(lex: Lexicon, text: str, pos: int, first: str) -> tuple[int, float, list[str]] | None:
    """Read the number whose first (bare) word ``first`` starts at ``pos``.

    Returns ``(end, value, roles)`` in folded offsets, or None when the words do not make
    a cardinal (a plural scale word standing alone is vague, not a number).
    """
    state = _State()
    end = pos + len(first)
    for role, value in lex.number_words[first]:
        if _first(state, role, value):
            state.prev_role, state.prev_value = role, value
            state.roles.append(role)
            break
    else:
        return None
    while True:
        m = _NEXT.match(text, end)
        if not m:
            break
        word = m.group(1)
        joined = False
        entries = lex.number_words.get(word)
        if word == "و":
            m = _NEXT_GLUED_AND.match(text, end)
            if not m:
                break
            word, joined = m.group(1), True
            entries = lex.number_words.get(word)
        elif entries is None and word.startswith("و") and len(word) > 2:
            entries = lex.number_words.get(word[1:])
            joined = True
        if not entries:
            break
        for role, value in entries:
            ok = _joined(state, role, value) if joined else _juxtaposed(state, role, value)
            if ok:
                state.prev_role, state.prev_value = role, value
                state.roles.append(role)
                end = m.end()
                break
        else:
            break
    if state.roles == ["fraction"]:
        return None  # نصف alone is not a count
    if len(state.roles) >= 2 and state.roles[-1] == "fraction" and state.roles[-2] == "scale":
        again = _SCALE_AGAIN.match(text, end)  # «مليون ونصف المليون»: the scale said again
        if again and (lex.number_words.get(again.group(1)) or [("", 0.0)])[0] == ("scale", state.last_scale):
            end = again.end()
    return end, state.value(), state.roles
