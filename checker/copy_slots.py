"""Set the figures of two copies of one wire text against each other, slot by slot.

Outlets carry one agency text word for word; where one copy has «لا يزيد عمره عن 55 عاما»
and the others «عن 25 عاما», one copy was edited or mistyped. The quantity suites compare
only what they can key (a toll, a sum, a count with its verb); here every other figure of a
copy is set against the figure said in the same words in the other copies, whatever it
counts: an age limit, a year, a rank. Two figures stand in one slot when the words around
them are the same (at most one of the six nearest differs).
"""

from __future__ import annotations

from collections import defaultdict
from typing import Any

import polars as pl
import regex

from .compare import Claim, agree, quantity_key
from .evidence import agree_note, make_finding, pair_fields
from .normalize import fold
from .rules import Suites

SLOT_WORDS = 3  # words on each side of a figure that place it in its text
MIN_SAME = 5  # of the six, this many must be the same for two figures to share a slot
_WORD = regex.compile(r"\p{L}+")
_UNKEYED_KINDS = frozenset({"date", "time"})  # days and hours have rules of their own


def _slot(c: Claim) -> tuple[str, ...] | None:
    """The three words before and the three after a figure, folded; None near a sentence's edges."""
    sentence = c.get("sentence") or ""
    start, end = c["start"] - c["sentence_start"], c["end"] - c["sentence_start"]
    if not 0 <= start <= end <= len(sentence):
        return None
    before = _WORD.findall(fold(sentence[:start]).text)[-SLOT_WORDS:]
    after = _WORD.findall(fold(sentence[end:]).text)[:SLOT_WORDS]
    if len(before) < SLOT_WORDS or len(after) < SLOT_WORDS:
        return None
    return (*before, *after)


def _same_slot(x: tuple[str, ...], y: tuple[str, ...]) -> bool:
    return sum(a == b for a, b in zip(x, y, strict=True)) >= MIN_SAME


def _candidates(claims: pl.DataFrame, docs: set[str], evolving: frozenset[str]) -> dict[str, list[Claim]]:
    """Per copied article, its body figures that the quantity suites do not compare, each with its slot."""
    frame = claims.filter(pl.col("doc_id").is_in(sorted(docs)) & ~pl.col("in_title")
                          & pl.col("value").is_not_null() & (pl.col("qualifier") == "exact")
                          & pl.col("unit").is_not_null() & ~pl.col("kind").is_in(sorted(_UNKEYED_KINDS)))
    out: dict[str, list[Claim]] = defaultdict(list)
    for c in frame.to_dicts():
        if c["predicate"] in evolving:
            continue  # a toll in a later copy is an update: the suites tell those apart
        c.setdefault("story", None)
        if quantity_key(c) is not None:
            continue  # the suites compare it already
        slot = _slot(c)
        if slot is not None:
            c["_slot"] = slot
            out[c["doc_id"]].append(c)
    # A slot said twice in one article («والعقد الثاني والعشرون»، «ما نسبته 11.4% من إجمالي»)
    # is a list's: its items cannot be told apart across copies.
    for doc, figures in out.items():
        out[doc] = [c for c in figures if sum(_same_slot(c["_slot"], m["_slot"]) for m in figures) == 1]
    return out


def copy_slot_findings(claims: pl.DataFrame, stories: dict[str, str], suites: Suites,
                       copies: frozenset) -> list[dict[str, Any]]:
    """Figures that one copy of a wire text gives differently from the other copies, in the same words."""
    rule = suites.by_kind("copy_differs")
    if rule is None or not copies or claims.height == 0:
        return []
    partners: dict[str, set[str]] = defaultdict(set)
    for pair in copies:
        a, b = sorted(pair)
        partners[a].add(b)
        partners[b].add(a)
    by_doc = _candidates(claims, set(partners), suites.evolving_predicates)
    findings = []
    reported: set[frozenset[str]] = set()
    for doc, figures in sorted(by_doc.items()):
        for c in figures:
            tol = suites.tolerance_for(c["kind"])
            same, differ = [], []
            for other in sorted(partners[doc]):
                matches = [m for m in by_doc.get(other, ()) if m["kind"] == c["kind"] and m["unit"] == c["unit"]
                           and _same_slot(c["_slot"], m["_slot"])]
                if len(matches) == 1:
                    match = matches[0]
                    (same if match["value"] == c["value"] or agree(c, match, tol) else differ).append(match)
            # The figure most copies give is the text's; the copy that stands alone reports it.
            if not differ or len(same) > len(differ):
                continue
            if len(same) == len(differ) and doc > differ[0]["doc_id"]:
                continue  # two copies against each other: reported once
            pair = frozenset((c["claim_id"], differ[0]["claim_id"]))
            if pair in reported:
                continue
            reported.add(pair)
            key = (stories.get(doc), c["kind"], c["unit"], c["predicate"])
            finding = make_finding(rule, [c, *differ], key, pair_fields(c, differ[0]), core=2)
            others = {m["outlet"] for m in differ[1:]}
            finding["message"] += agree_note(others, differ[0]["outlet"])
            findings.append(finding)
    return findings
