"""Say what two claims of one quantity are: a contradiction, a different scope, a revision …

The verdict on one pair of figures once alignment has chosen it: the figures' intervals,
scopes and sources, the wire copies they come from, and how the toll moved over the
story's publication times.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from functools import cache

import polars as pl
import regex

from .article_rules import people_units
from .compare import (
    PEOPLE_UNITS,
    Claim,
    agree,
    magnitude_slip,
    near_copy,
    published_time,
    same_source,
    scope_class,
    tenfold_slip,
    told_by,
)
from .rules import Suites

REVISION_HOURS = 6
# Scopes that make a figure another quantity, not another window of the same one: a daily rate,
# several incidents against one, the figure a result is set against («مقابل 4.3 ريالات» last year),
# a figure expected later («مئتي الف شخص خلال الايام المقبلة»).
OTHER_QUANTITY = frozenset({"daily", "roundup", "comparison", "forecast"})
THING_TOLLS = frozenset({"destroyed", "seized", "struck"})  # counts of things that grow as an event unfolds


@cache
def named_source(source: str | None) -> bool:
    """True for a source that names someone (a minister, a ministry), not «the authorities» or «sources»."""
    if not source:
        return False
    from .lexicon import load_lexicon
    from .normalize import fold_word

    folded = fold_word(source)
    generic = load_lexicon().generic_sources
    if folded in generic:
        return False
    prefix = max((g for g in generic if folded.startswith(g + " ")), key=len, default=None)
    # «المتحدث الرسمي لهيئة الهلال الأحمر», «المتحدث باسم الوزارة»: the generic title of a named
    # body; «المصادر الأمنية», «مصدر مسؤول» stay generic.
    return prefix is None or bool(_OF_A_BODY.match(folded, len(prefix) + 1))


_OF_A_BODY = regex.compile(r"(?:باسم\s+|ل(?=\p{L}{3}))(?!ل?ه[مآا]?\b)")


@dataclass(frozen=True)
class TollHistory:
    """How one toll of a story moved: when each value was first published, and which were revisions.

    A later article that gives less than an earlier one contradicts it, unless the story
    shows the toll rising through the lower value (10 at 18:51, 12 at 18:53, 10 again the
    next morning) or names the higher one a revision («ارتفعت حصيلة الشهداء إلى 12»): then
    the later article carries a superseded figure.
    """

    first_seen: dict = field(default_factory=dict)
    revised_to: frozenset = frozenset()
    dead: dict = field(default_factory=dict)  # doc_id -> (the death toll the article leads with, its outlet)
    backing: dict = field(default_factory=dict)  # death toll -> how many outlets lead with it
    told_by: dict = field(default_factory=dict)  # value -> the outlets that give it

    @classmethod
    def of(cls, members: list[Claim], revised_to: frozenset = frozenset(), dead: dict | None = None,
           also_dated: list[Claim] = ()) -> TollHistory:
        """The history of one quantity's claims; ``revised_to``: the story's revised values under its verb.

        ``also_dated``: the story's figures of the same fate under other nouns, which date a
        value's first telling too («43 قتيلا» before «43 مدنيا»).
        """
        first: dict = {}
        told_by: dict[float, set] = defaultdict(set)
        for c in members:
            told_by[c["value"]].add(c["outlet"])
        for c in [*members, *also_dated]:
            when = published_time(c)
            if when is not None and (c["value"] not in first or when < first[c["value"]]):
                first[c["value"]] = when
        dead = dead or {}
        outlets: dict[float, set] = defaultdict(set)
        for value, outlet in dead.values():
            outlets[value].add(outlet)
        return cls(first, revised_to, dead, {value: len(names) for value, names in outlets.items()}, dict(told_by))

    def stages_differ(self, a: Claim, b: Claim) -> bool:
        """True when two articles tell different stages of one event: each leads with another death toll.

        An event whose dead are counted 7 by three outlets and 9 by three others is told at
        two moments (at the scene, after two died in hospital): its injured counts, and its
        two death tolls, are revisions of each other, not contradictions. A lone outlet
        against the rest is no stage.
        """
        da, db = self.dead.get(a["doc_id"]), self.dead.get(b["doc_id"])
        if da is None or db is None or da[0] == db[0]:
            return False
        return self.backing[da[0]] >= 2 and self.backing[db[0]] >= 2

    def raised_from(self, a: Claim, b: Claim) -> bool:
        """True when the story names the higher of two figures a raised toll and the other is lower."""
        low, high = sorted((a["value"] or 0, b["value"] or 0))
        return low < high and high in self.revised_to and a["qualifier"] == b["qualifier"] == "exact"

    def rose_through(self, a: Claim, b: Claim) -> bool:
        """True when the story told the lower of two figures hours before anyone told the higher, and rose past it.

        43 killed at 02:29, then 57 and «ما لا يقل عن 60» in other outlets: an outlet that still
        says 43 at 10:42 carries the first toll, not a contradiction of the later one. One
        outlet alone above the rest (okaz's 3 where four say 2) is no rise.
        """
        low, high = sorted((a["value"] or 0, b["value"] or 0))
        first_low, first_high = self.first_seen.get(low), self.first_seen.get(high)
        if low >= high or first_low is None or first_high is None:
            return False
        above = set().union(*(names for value, names in self.told_by.items() if value is not None and value > low))
        return len(above) >= 2 and (first_high - first_low).total_seconds() >= REVISION_HOURS * 3600

    def superseded(self, lower: Claim, higher: Claim) -> bool:
        """True when ``lower``, published after ``higher``, repeats a figure the story had already raised."""
        if higher["value"] in self.revised_to:
            return True
        lo, hi = self.first_seen.get(lower["value"]), self.first_seen.get(higher["value"])
        return lo is not None and hi is not None and lo < hi


def classify(
    a: Claim, b: Claim, suites: Suites, copies: frozenset = frozenset(), history: TollHistory | None = None
) -> tuple[str, str | None] | None:
    """Name what two claims of one quantity are: a conflict, a scope difference, a revision …"""
    same_doc = a["doc_id"] == b["doc_id"]
    sa, sb = scope_class(a), scope_class(b)
    # One copy of a wire text may miss the scope phrase the other has: then the scopes do not differ.
    scopes_differ = sa != sb and not (not same_doc and None in (a.get("scope"), b.get("scope")) and near_copy(a, b))
    if scopes_differ and (sa in OTHER_QUANTITY or sb in OTHER_QUANTITY):
        return None  # another quantity altogether, whatever the two figures: no slip, no conflict
    if magnitude_slip(a, b):
        return "magnitude_slip", None if same_doc else "across"  # 33 against 33 ألف
    if tenfold_slip(a, b) and a["predicate"] not in suites.evolving_predicates and not any(
        suites.revised(c["sentence"]) for c in (a, b)
    ):
        return "magnitude_slip", None if same_doc else "across"  # 1,300 against 13 thousand troops: a zero
    if agree(a, b, suites.tolerance_for(a["kind"])) or "vague" in (a["qualifier"], b["qualifier"]):
        return None  # «عدة حالات» against 13: a vague word does not contradict a figure
    if scopes_differ:
        return "different_scope", None
    sources = told_by(a), told_by(b)
    if named_source(sources[0]) and named_source(sources[1]) and not same_source(*sources):
        if not same_doc:
            return "sourced_disagreement", None
        return None  # two sources quoted side by side in one article: reported, not asserted
    if any(suites.revised(c["sentence"]) for c in (a, b)):
        # «تحدثت في البداية عن مقتل 14 … لكنها خفضت الحصيلة», «حسب المعلومات الأولية»
        return "revision", "within" if same_doc else None
    if (
        a["predicate"] == "killed"
        and abs((a["value"] or 0) - (b["value"] or 0)) == 1
        and any(suites.attacker_died(c["sentence"]) for c in (a, b))
    ):
        return "attacker_counted", None
    if same_doc:
        return "internal_conflict", "headline" if (a["in_title"] or b["in_title"]) else "body"
    ta, tb = published_time(a), published_time(b)
    hours_apart = abs((tb - ta).total_seconds()) / 3600 if ta and tb else 0.0
    if frozenset((a["doc_id"], b["doc_id"])) in copies and not (a["in_title"] or b["in_title"]):
        if hours_apart >= REVISION_HOURS and a["predicate"] in suites.evolving_predicates:
            return "revision", None  # the wire's own later version: 14 soldiers killed, next day 10
        return "copy_differs", None  # one wire text, two figures: an edit in one copy (headlines are each outlet's own)
    if history is not None and history.stages_differ(a, b):
        return "revision", None
    # A toll grows as an event unfolds; the floors of a building or a number of accidents do not.
    evolving = a["unit"] in suites.running_tallies or (a["predicate"] in suites.evolving_predicates and (
        PEOPLE_UNITS.get(a["unit"], a["unit"]) in people_units() or a["predicate"] in THING_TOLLS
    ))
    edited = not (a["in_title"] or b["in_title"]) and (  # headlines are each outlet's own words
        b["claim_id"] in a.get("_twins", ()) or a["claim_id"] in b.get("_twins", ())
    )
    if evolving and history is not None and not edited and (history.raised_from(a, b) or history.rose_through(a, b)):
        return "revision", None  # «ارتفع عدد المصابين إلى 38» against the 27 it replaced, however soon after
    if evolving and hours_apart >= REVISION_HOURS:
        later, earlier = (b, a) if tb >= ta else (a, b)
        if (
            (later["value"] or 0) >= (earlier["value"] or 0)
            or (history and history.superseded(later, earlier))
            or hours_apart > suites.falling_toll_hours
        ):
            return "revision", None
        # A toll that goes down with no word of a correction is a contradiction, not an update:
        # the dead do not come back, and a later outlet that counts fewer has it wrong or
        # counts something else (alweeam's 5 injured, alriyadh's 3 nine hours later).
    return "value_conflict", None


def death_tolls(candidates: list[Claim]) -> dict[str, dict[str, tuple[float, str]]]:
    """Each article's lead death toll (headline, else first mention), by story: story -> doc_id -> (dead, outlet)."""
    people = set(people_units())
    out: dict[str, dict[str, tuple[float, str]]] = defaultdict(dict)
    tolls = [
        c for c in candidates
        if c["predicate"] == "killed" and c["qualifier"] == "exact" and c["value"] is not None
        and c["unit"] in people and c.get("scope") != "part"
    ]
    for c in sorted(tolls, key=lambda c: (c["doc_id"], not c["in_title"], c["start"])):
        out[c["story"]].setdefault(c["doc_id"], (c["value"], c["outlet"]))
    return out


def revised_values(
    claims: pl.DataFrame, stories: dict[str, str], suites: Suites, wanted: set[str]
) -> dict[tuple, frozenset]:
    """The values each story gives as a revised toll, by verb: «ارتفعت حصيلة الشهداء إلى 12», noun or not."""
    if claims.is_empty() or not wanted:
        return {}
    rows = (
        claims.lazy()
        .with_columns(pl.col("doc_id").replace_strict(stories, default=None, return_dtype=pl.String).alias("story"))
        .filter(
            pl.col("story").is_in(sorted(wanted))
            & (pl.col("kind") == "count")
            & pl.col("predicate").is_in(sorted(suites.evolving_predicates))
            & pl.col("value").is_not_null()
        )
        .select("story", "predicate", "value", "sentence")
        .unique()
        .collect()
    )
    out: dict[tuple, set] = defaultdict(set)
    revised: dict[str, bool] = {}  # one sentence holds several figures: search its cues once
    for story, predicate, value, sentence in rows.iter_rows():
        if sentence not in revised:
            revised[sentence] = suites.revised(sentence)
        if revised[sentence]:
            out[(story, predicate)].add(value)
    return {k: frozenset(v) for k, v in out.items()}
