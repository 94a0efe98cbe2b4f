"""Check the conversions an article gives in brackets: «مليوني درهم (544 مليون دولار)».

Arabic news often follows a sum with its value in another currency, in brackets. A
conversion that slips a scale word («544 مليون» for 544 thousand) or a digit contradicts
the sum it converts. Two checks, both inside one article:

* a currency pegged to the dollar (the Saudi riyal at 3.75, the UAE dirham at 3.6725) has
  one rate: a conversion off by more than the suite's ``peg_tolerance`` is a slip;
* any other pair of currencies is converted at one rate throughout an article: a
  conversion that at least two agreeing others contradict is a slip.
"""

from __future__ import annotations

import math
from collections import defaultdict
from itertools import pairwise
from typing import Any

import polars as pl
import regex

from .compare import Claim, show_value, written_ulp
from .evidence import make_finding
from .rules import Rule, Suites

# Units of a currency per dollar, for the currencies pegged to it. A dirham may also be
# Morocco's (about 10 to the dollar in 2015): a rate near that one is not questioned.
PEGS: dict[str, tuple[float, ...]] = {"riyal": (3.75,), "dirham": (3.6725, 10.0)}
PEG_TOLERANCE = 0.05  # a rounded conversion («136 ألف دولار» for 500,000 dirhams) is within this
MORE_TOLERANCE = 0.25  # …and a currency that floats (Morocco's dirham) within this of its peg
SAME_RATE = 0.05  # two conversions of one pair of currencies at rates this close are one rate
MAX_GAP = 30  # characters between a sum and the start of its bracketed conversion
# Between a sum and its conversion: the sum's currency (one or two words) and an opening bracket.
_BRACKET = regex.compile(r"^\s*\p{L}+(?:\s+\p{L}+)?\s*\(\s*(?:ما\s+يعادل\s+|نحو\s+|حوالي\s+)?$")
# «2.205 مليون»، «4,749 مليار»: a separator before three digits may group thousands or mark decimals.
_GROUPED = regex.compile(r"\d[.,٫٬]\d{3}(?!\d)")
# «ريال قطري»، «ريال عماني»: another country's riyal, with a rate of its own.
_OTHER_RIYAL = regex.compile(r"^\s*ريال\s+(?:قطري|عماني|يمني|ايراني|إيراني|برازيلي)")


def _pairs(rows: list[Claim]) -> list[tuple[Claim, Claim]]:
    """The (sum, bracketed conversion) pairs of one article's money figures, in order."""
    out = []
    for a, b in pairwise(rows):
        if a["unit"] == b["unit"] or a["sentence_start"] != b["sentence_start"]:
            continue
        if not 0 < b["start"] - a["end"] <= MAX_GAP:
            continue
        sentence = a["sentence"] or ""
        between = sentence[a["end"] - a["sentence_start"]: b["start"] - a["sentence_start"]]
        if _BRACKET.match(between) and not _OTHER_RIYAL.match(between):
            out.append((a, b))
    return out


def _pegged_rate(a: Claim, b: Claim) -> tuple[float, ...] | None:
    """The rates a pegged pair allows, as units of ``b``'s currency per unit of ``a``'s; None when not pegged."""
    if b["unit"] == "dollar" and a["unit"] in PEGS:
        return tuple(1 / p for p in PEGS[a["unit"]])
    if a["unit"] == "dollar" and b["unit"] in PEGS:
        return PEGS[b["unit"]]
    return None


def _slack(c: Claim) -> float:
    """How far a figure's last written digit lets it stray, relative to it: 0.07 may be 0.065–0.075."""
    return written_ulp(c) / 2 / c["value"] if c["value"] else 0.0


def _on_peg(a: Claim, b: Claim, rate: float) -> bool:
    allowed = _pegged_rate(a, b) or ()
    slack = _slack(a) + _slack(b)
    return any(abs(rate / r - 1) <= (PEG_TOLERANCE if i == 0 else MORE_TOLERANCE) + slack
               for i, r in enumerate(allowed))


def _scale_slip(a: Claim, b: Claim, rate: float) -> bool:
    """True when a conversion is its peg's a thousand, a million or a billion times over or under."""
    peg = (_pegged_rate(a, b) or (0.0,))[0]
    if peg <= 0:
        return False
    power = math.log10(rate / peg) / 3
    return round(power) != 0 and abs(power - round(power)) * 3 <= math.log10(1 + PEG_TOLERANCE + _slack(a) + _slack(b))


def _finding(rule: Rule, a: Claim, b: Claim, stories: dict[str, str], others: list[Claim]) -> dict[str, Any]:
    a["story"] = b["story"] = stories.get(a["doc_id"])
    key = (a["story"], "money", a["unit"], None)
    fields = {"value_a": show_value(a), "value_b": show_value(b), "unit_a": a["unit"], "unit_b": b["unit"]}
    return make_finding(rule, [a, b, *others], key, fields, core=2)


def conversion_findings(claims: pl.DataFrame, stories: dict[str, str], suites: Suites) -> list[dict[str, Any]]:
    """Bracketed conversions that contradict the sum they convert, by a peg or by the article's other conversions."""
    rule = suites.by_kind("conversion_mismatch")
    if rule is None:
        return []
    money = claims.filter((pl.col("kind") == "money") & pl.col("unit").is_not_null()
                          & pl.col("value").is_not_null() & (pl.col("value") > 0) & (pl.col("qualifier") != "range"))
    findings = []
    for (_doc,), rows in money.sort("start").group_by(["doc_id"], maintain_order=True):
        by_pair: dict[tuple[str, str], list[tuple[Claim, Claim, float]]] = defaultdict(list)
        pegged: list[tuple[Claim, Claim, float]] = []
        for a, b in _pairs(rows.to_dicts()):
            rate = b["value"] / a["value"]
            (pegged if _pegged_rate(a, b) is not None else by_pair[(a["unit"], b["unit"])]).append((a, b, rate))
        # A riyal may be Yemen's or Iran's: off its peg, a conversion is questioned only where
        # the article converts at the peg elsewhere, or where it is off by a scale word.
        anchored = any(_on_peg(a, b, rate) for a, b, rate in pegged)
        for a, b, rate in pegged:
            grouped = any(_GROUPED.search(c["number_text"] or "") for c in (a, b))
            if grouped and _scale_slip(a, b, rate):
                continue  # «2.205 مليون درهم (600 مليون دولار)»: the dot groups thousands, the conversion holds
            if not _on_peg(a, b, rate) and (anchored or _scale_slip(a, b, rate)):
                findings.append(_finding(rule, a, b, stories, []))
        for said in by_pair.values():
            for a, b, rate in said:
                rest = [(x, y, r) for x, y, r in said if (x, y) != (a, b)]
                # Two or more others at one rate, and this one alone at another: the one is the slip.
                rate_of_rest = rest[0][2] if rest else rate
                if len(rest) >= 2 and all(_same_rate(r, rate_of_rest) for *_, r in rest) and not _same_rate(
                        rate, rate_of_rest):
                    findings.append(_finding(rule, a, b, stories, [c for x, y, _ in rest for c in (x, y)]))
    return findings


def _same_rate(x: float, y: float) -> bool:
    return abs(math.log(x / y)) <= SAME_RATE
