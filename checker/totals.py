"""Find which figures of a story are totals and which figures of an article add up to them as parts.

* a figure that is the **sum of other figures** of the article (176 = 87 + 89) is a total,
  and figures that add up to a figure somewhere in the story are parts, not contradictions;
* the dead and the injured never add up to a toll of one of them: a toll's parts are figures
  of its own fate or of none (:data:`PEOPLE_FATES`).
"""

from __future__ import annotations

from collections.abc import Iterable
from itertools import combinations

from .compare import written_ulp
from .figure_context import Claim


def _exact(c: Claim) -> float | None:
    return c["value"] if c["qualifier"] == "exact" and c["value"] is not None else None


def sum_parts(total: Claim, parts: Iterable[Claim], max_parts: int = 4) -> list[Claim] | None:
    """The figures (2–4 of them, smaller than it) that add up to ``total``, if any: 87 + 89 = 176."""
    target = _exact(total)
    if target is None:
        return None
    # «21 ألف طلقة» is 18,360 + 3,000 rounded: a total written with a scale word allows its rounding.
    ulp = written_ulp(total)
    # A part below the total's rounding adds nothing to it: 10.06 billion and 3.73 riyals are not 10.1 billion.
    pool = [p for p in parts if p is not total and _exact(p) is not None and 0 < p["value"] < target
            and p["value"] >= ulp][:12]
    lo, hi = (target - ulp / 2, target + ulp) if ulp >= 1 else (target - 1e-9, target + 1e-9)
    for size in range(2, max_parts + 1):
        for combo in combinations(pool, size):
            if lo <= sum(p["value"] for p in combo) <= hi:
                return list(combo)
    return None


def _part_of(c: Claim, own: list[Claim], totals: list[Claim]) -> bool:
    """True when ``c`` is one of the figures of its article that add up to a headline or lead figure of the story.

    An article's own headline or lead figure is what it reports, not a part, unless its
    fellow parts are said in the same sentence («87 كبسولة كوكائين و89 كبسولة هيروين») or
    are themselves marked as parts («استشهد 3 رجال أمن … واستشهاد أحد أفرادها»).
    """
    if _exact(c) is None:
        return False
    fellows = _parts_in(own, totals).get(id(c))
    if fellows is None:
        return False
    if not c.get("_main"):
        return True
    here = {q["value"] for q in fellows if q["sentence_start"] == c["sentence_start"] or q.get("scope") == "part"}
    return here == {q["value"] for q in fellows}


def _whole_of(c: Claim, own: list[Claim], totals: list[Claim]) -> float | None:
    """The total ``c`` is a part of (its value plus its fellow parts'), or None when it is no part."""
    if not _part_of(c, own, totals):
        return None
    return c["value"] + sum({q["value"] for q in _parts_in(own, totals)[id(c)]})  # each value once, as summed


def _parts_in(own: list[Claim], totals: list[Claim]) -> dict[int, list[Claim]]:
    """Each figure of one article whose value adds up with others to a total of the story, with its fellow parts.

    Computed once per article and unit (cached on its claims). Every mention of a part's value
    is a part: the headline's 87 and the body's 87 alike.
    """
    cache = own[0].get("_parts") if own else None
    if cache is not None:
        return cache
    found: dict[int, list[Claim]] = {}
    by_value = {(t["value"], fate_of(t["predicate"])): t for t in totals if _exact(t) is not None}
    for value, fate in sorted(by_value, key=lambda vf: (vf[0], vf[1] or "")):
        # A toll of the killed adds up killed (or unstated) parts; a count of no fate, no fate's parts.
        fellows = [c for c in own if fate_of(c["predicate"]) in (fate, None)]
        first_of_value: dict[float, Claim] = {}
        for c in sorted(fellows, key=lambda c: c["start"]):
            if _exact(c) is not None:
                first_of_value.setdefault(c["value"], c)
        combo = sum_parts(by_value[(value, fate)], list(first_of_value.values()))  # each value once
        if not combo:
            continue
        values = [p["value"] for p in combo]
        for c in fellows:
            if _exact(c) in values and id(c) not in found:
                rest = list(values)
                rest.remove(c["value"])
                found[id(c)] = [q for q in fellows if _exact(q) in rest]
    for c in own:
        c["_parts"] = found
    return found


# What befalls people in an event: the dead and the injured never add up to a toll of one of them.
PEOPLE_FATES = frozenset({"killed", "injured", "infected", "missing", "arrested", "recovered", "hospitalized",
                          "neutralized", "displaced", "evacuated", "killed_or_injured"})


def fate_of(predicate: str | None) -> str | None:
    """What befell the people a figure counts (killed, injured …), or None for any other predicate."""
    return predicate if predicate in PEOPLE_FATES else None


def story_totals(by_doc: dict[str, list[Claim]]) -> list[Claim]:
    """The figures of a story that can be totals: each article's headline figures and first figure under each verb."""
    out: list[Claim] = []
    for doc in sorted(by_doc):
        seen: set[object] = set()
        for c in sorted(by_doc[doc], key=lambda c: (not c.get("in_title"), c["start"])):
            if c.get("scope") == "roundup":
                continue  # several incidents' toll: its parts are each incident's own toll, not parts
            if c.get("in_title"):
                out.append(c)
            elif c["predicate"] not in seen:
                seen.add(c["predicate"])
                out.append(c)
    return out
