"""Recognise one figure copied with a slip: a digit changed, two digits swapped, a zero dropped or added.

A near copy is the same figure whatever day it was said on and however its sentence reads
otherwise: 1,305 and 1,308 projects, 63 and 36 graduates, 1,300 and 13,000 troops.
"""

from __future__ import annotations

from collections.abc import Callable

from .compare import near_copy, tenfold_slip
from .figure_context import SAME_WORDS, Claim, similarity


def _precise(c: Claim) -> bool:
    """A count, or a measure or sum written with decimals (164.4 points, 14.8 million dollars)."""
    return c["kind"] == "count" or (c["kind"] in ("measure", "money") and bool(c.get("decimals")))


def near_figure(a: Claim, others: list[Claim], settled: Callable[[Claim], bool] | None = None) -> Claim | None:
    """The one figure among ``others`` that is a near copy of ``a`` (1,305 and 1,308 projects, 164.4 and 164.6 points).

    Only exact counts of a hundred or more, and measures and sums written with decimals,
    qualify, and only when exactly one figure is that close: a slipped digit in a figure a
    statement gives, not two figures that happen to be near. Across articles, a measure or a
    sum qualifies only where ``settled`` says both are figures of a period that is over (July's
    index): a price moves through the day, a month's index does not.
    """
    if not _precise(a) or a["qualifier"] != "exact" or not a["value"]:
        return None
    if a["kind"] != "count" and settled is not None:
        if not settled(a):
            return None
        others = [b for b in others if settled(b)]
    near = [b for b in others if b["kind"] == a["kind"] and _precise(b) and near_copy(a, b)]
    if not near:
        return swapped_copy(a, others)
    return near[0] if len(near) == 1 else None


def swapped_copy(a: Claim, others: list[Claim]) -> Claim | None:
    """The one figure said in the same words as the count ``a`` with two digits swapped: «63 خريجاً» and «36 خريجًا».

    A slip of the keyboard, on any day: no day's statistic turns 63 into 36 in the same sentence.
    """
    if a["kind"] != "count" or a["qualifier"] != "exact" or not a["value"]:
        return None
    copies = [b for b in others if b["kind"] == "count" and b["qualifier"] == "exact" and b["value"]
              and swapped_digits(a, b) and similarity(a, b) >= SAME_WORDS]
    return copies[0] if len(copies) == 1 else None


def tenfold_copy(a: Claim, others: list[Claim], min_similarity: float) -> Claim | None:
    """The one figure in alike words that is the count ``a`` with a zero dropped or added (1,300 and 13,000 troops).

    No later statement multiplies a count by exactly ten: on any day, it is the same figure.
    """
    copies = [b for b in others if tenfold_slip(a, b) and similarity(a, b) >= min_similarity]
    return copies[0] if len(copies) == 1 else None


def _digits(c: Claim) -> str:
    text = (c.get("number_text") or "").translate(_TO_ASCII)
    return text if text.isdigit() else str(int(c["value"])) if float(c["value"]).is_integer() else ""


_TO_ASCII = str.maketrans("٠١٢٣٤٥٦٧٨٩۰۱۲۳۴۵۶۷۸۹", "01234567890123456789")


def swapped_digits(a: Claim, b: Claim) -> bool:
    """True when two whole numbers differ by two neighbouring digits swapped: 63 and 36, 1,243 and 1,423."""
    da, db = _digits(a), _digits(b)
    if len(da) != len(db) or len(da) < 2 or da == db:
        return False
    diff = [i for i, (x, y) in enumerate(zip(da, db, strict=True)) if x != y]
    return len(diff) == 2 and diff[1] == diff[0] + 1 and da[diff[0]] == db[diff[1]] and da[diff[1]] == db[diff[0]]
