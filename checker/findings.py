"""Run the rule suites over a claims table and return the findings, each with its evidence."""

from __future__ import annotations

import math
from collections import defaultdict
from dataclasses import dataclass, field
from datetime import datetime
from functools import cache
from typing import Any

import polars as pl

from .align import cross_pairs, mark_leads, position, similarity, story_totals, weigh_context_words, within_pairs
from .article import Article
from .article_rules import parts_findings, people_units, percent_findings, sum_findings, weekday_findings
from .compare import (
    COMPARABLE_KINDS,
    PEOPLE_UNITS,
    Claim,
    agree,
    magnitude_slip,
    quantity_key,
    scope_class,
)
from .evidence import make_finding, pair_fields
from .rules import Suites, load_suites
from .stories import group_stories, wire_copies

SEVERITY_RANK = {"error": 3, "warning": 2, "info": 1}
REVISION_HOURS = 6
THING_TOLLS = frozenset({"destroyed", "seized", "struck"})  # counts of things that grow as an event unfolds
STORY_PREDICATES = frozenset({"killed", "injured", "neutralized", "arrested", "displaced", "evacuated", "missing",
                              "hospitalized", "destroyed", "seized", "infected"})


def assign_stories(claims: pl.DataFrame, articles: list[Article]) -> dict[str, str]:
    """Group the articles into stories (doc_id -> story id), using their words and quantities."""
    quantities: dict[str, list[str]] = defaultdict(list)
    # The tolls of an event (people killed, injured, arrested …) tie articles to one event;
    # a "riyal rose" or "percent fell" is in every market report.
    useful = claims.filter(pl.col("unit").is_not_null() & pl.col("qualifier").ne("vague")
                           & pl.col("kind").is_in(["count", "measure"])
                           & pl.col("predicate").is_in(sorted(STORY_PREDICATES)))
    for doc_id, unit, predicate, side in useful.select("doc_id", "unit", "predicate", "side").iter_rows():
        quantities[doc_id].append(f"{unit}/{predicate}/{side}")
    return group_stories([(a.doc_id, a.text, a.published_at) for a in articles], quantities)


def _story_order(story: str | None) -> tuple[int, str]:
    """S2 before S10."""
    digits = (story or "")[1:]
    return (int(digits), "") if digits.isdigit() else (1 << 30, story or "")


def _time(c: Claim) -> datetime | None:
    try:
        when = datetime.fromisoformat(c["published_at"]) if c["published_at"] else None
    except ValueError:
        return None
    return when.replace(tzinfo=None) if when else None  # mixed zones: compare wall-clock times


@cache
def _named(source: str | None) -> bool:
    """True for a source that names someone (a minister, a ministry), not «the authorities» or «sources»."""
    if not source:
        return False
    from .lexicon import load_lexicon
    from .normalize import fold_word

    folded = fold_word(source)
    generic = load_lexicon().generic_sources
    return folded not in generic and not any(folded.startswith(g + " ") for g in generic)


@cache
def _same_source(a: str, b: str) -> bool:
    """True when two sources name one body: «وزارة الصحة المصرية» and «وزار الصحة» (a typo) or «وزارة الصحة»."""
    from .normalize import fold_word

    wa = {w.removeprefix("ال") for w in fold_word(a).split() if len(w) > 2}
    wb = {w.removeprefix("ال") for w in fold_word(b).split() if len(w) > 2}
    if not wa or not wb or wa <= wb or wb <= wa:
        return True
    # The distinctive words (not the «ministry of» that every body shares) decide.
    common = {"وزاره", "وزار", "هيئه", "مديريه", "متحدث", "رسمي", "باسم", "عام", "عامه", "اداره"}
    return bool((wa - common) & (wb - common))


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

    @classmethod
    def of(cls, members: list[Claim], revised_to: frozenset = frozenset()) -> TollHistory:
        """The history of one quantity's claims; ``revised_to``: the story's revised values under its verb."""
        first: dict = {}
        for c in members:
            when = _time(c)
            if when is not None and (c["value"] not in first or when < first[c["value"]]):
                first[c["value"]] = when
        return cls(first, revised_to)

    def superseded(self, lower: Claim, higher: Claim) -> bool:
        """True when ``lower``, published after ``higher``, repeats a figure the story had already raised."""
        if higher["value"] in self.revised_to:
            return True
        lo, hi = self.first_seen.get(lower["value"]), self.first_seen.get(higher["value"])
        return lo is not None and hi is not None and lo < hi


def _classify(
    a: Claim, b: Claim, suites: Suites, copies: frozenset = frozenset(), history: TollHistory | None = None
) -> tuple[str, str | None] | None:
    """Name what two claims of one quantity are: a conflict, a scope difference, a revision …"""
    same_doc = a["doc_id"] == b["doc_id"]
    if magnitude_slip(a, b):
        return "magnitude_slip", None if same_doc else "across"  # 33 against 33 ألف
    if agree(a, b, suites.tolerance_for(a["kind"])) or "vague" in (a["qualifier"], b["qualifier"]):
        return None  # «عدة حالات» against 13: a vague word does not contradict a figure
    sa, sb = scope_class(a), scope_class(b)
    if sa != sb:
        if "daily" in (sa, sb):
            return None  # a daily figure is a rate, not the total: a different quantity
        return "different_scope", None
    if _named(a["source"]) and _named(b["source"]) and not _same_source(a["source"], b["source"]):
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
    if frozenset((a["doc_id"], b["doc_id"])) in copies and not (a["in_title"] or b["in_title"]):
        return "copy_differs", None  # one wire text, two figures: an edit in one copy (headlines are each outlet's own)
    ta, tb = _time(a), _time(b)
    # A toll grows as an event unfolds; the floors of a building or a number of accidents do not.
    evolving = a["predicate"] in suites.evolving_predicates and (
        PEOPLE_UNITS.get(a["unit"], a["unit"]) in people_units() or a["predicate"] in THING_TOLLS
    )
    if evolving and ta and tb and abs((tb - ta).total_seconds()) >= REVISION_HOURS * 3600:
        later, earlier = (b, a) if tb >= ta else (a, b)
        if (later["value"] or 0) >= (earlier["value"] or 0) or (history and history.superseded(later, earlier)):
            return "revision", None
        # A toll that goes down with no word of a correction is a contradiction, not an update:
        # the dead do not come back, and a later outlet that counts fewer has it wrong or
        # counts something else (alweeam's 5 injured, alriyadh's 3 nine hours later).
    return "value_conflict", None


def _pair_findings(
    key: tuple,
    members: list[Claim],
    suites: Suites,
    tol_agree,
    reported: set[tuple],
    same_unit: dict[str, list[Claim]],
    copies: frozenset = frozenset(),
    revised_to: frozenset = frozenset(),
) -> list[dict[str, Any]]:
    """The findings of one quantity of one story: across its articles, and inside each."""
    by_doc: dict[str, list[Claim]] = defaultdict(list)
    for c in members:
        c["_event"] = c["predicate"] in suites.evolving_predicates
        by_doc[c["doc_id"]].append(c)
    mark_leads(by_doc)
    pairs: list[tuple[Claim, Claim, str | None]] = []
    for doc_members in by_doc.values():
        doc = doc_members[0]["doc_id"]
        pairs.extend(within_pairs(doc_members, tol_agree, suites.restatement_similarity, same_unit.get(doc)))
    if len(by_doc) > 1:
        found = cross_pairs(by_doc, tol_agree, suites.min_similarity, story_totals(same_unit) or members, same_unit)
        pairs.extend((a, b, "across") for a, b in found)
    best: dict[tuple, tuple] = {}
    history = TollHistory.of(members, revised_to)
    for a, b, where in pairs:
        if a["doc_id"] != b["doc_id"] and (b["published_at"] or "") < (a["published_at"] or ""):
            a, b = b, a
        verdict = _classify(a, b, suites, copies, history)
        if verdict is None:
            continue
        kind, place = verdict
        # One finding per pair of articles and pair of values: the mentions that stand in
        # the same place (both headlines, both ledes) represent it best.
        pair_id = (kind, a["doc_id"], b["doc_id"], a["value"], b["value"], a["qualifier"], b["qualifier"], key)
        rank = (_place_rank(a, b), -similarity(a, b), a["start"], b["start"])
        if pair_id not in best or rank < best[pair_id][0]:
            best[pair_id] = (rank, a, b, kind, place or where)
    findings = []
    for pair_id, (_, a, b, kind, where), others in _one_per_outlier(best):
        if pair_id in reported:
            continue
        reported.add(pair_id)
        rule = suites.by_kind(kind, where)
        if rule is None or rule.waived([a["sentence"], b["sentence"]]):
            continue
        fields = pair_fields(a, b)
        if kind == "revision":
            fields["direction"] = " (the toll went down)" if (b["value"] or 0) < (a["value"] or 0) else ""
        finding = make_finding(rule, [a, b, *others], key, fields, core=2)
        if others:
            side = a if a["value"] == others[0]["value"] else b
            names = sorted({c["outlet"] for c in others} - {side["outlet"]})
            if names:
                verb = "agrees" if len(names) == 1 else "agree"
                finding["message"] += f" ({', '.join(names)} {verb} with {side['outlet']})"
        findings.append(finding)
    return findings


def _one_per_outlier(best: dict[tuple, tuple]) -> list[tuple[tuple, tuple, list[Claim]]]:
    """One finding for an article whose figure several others contradict with one voice.

    When alweeam says 25 and alriyadh, almadina and 3alyoum all say 35, that is one
    disagreement (alweeam against the rest), not three: it is reported once, against the
    best-placed counterpart, naming the other outlets that agree with it.
    """
    sides: dict[tuple, list[tuple]] = defaultdict(list)
    for pair_id in best:
        kind, doc_a, doc_b, va, vb = pair_id[:5]
        if doc_a == doc_b or kind != "value_conflict":
            continue
        sides[(kind, doc_a, va, vb)].append((pair_id, doc_b))
        sides[(kind, doc_b, vb, va)].append((pair_id, doc_a))
    merged: dict[tuple, list[Claim]] = {}
    dropped: set[tuple] = set()
    for _, members in sorted(sides.items(), key=lambda kv: -len(kv[1])):
        live = [(pid, doc) for pid, doc in members if pid not in dropped]
        if len(live) < 2:
            continue
        keep = min(live, key=lambda m: best[m[0]][0])
        kept_ids = {best[keep[0]][1]["claim_id"], best[keep[0]][2]["claim_id"]}
        quoted: list[Claim] = []
        for pid, doc in live:
            if pid == keep[0]:
                continue
            a, b = best[pid][1], best[pid][2]
            theirs, ours = (a, b) if a["doc_id"] == doc else (b, a)
            # The outlier's own figure as this pair said it (its lede against their lede) is quoted too.
            quoted.extend(c for c in (theirs, ours) if c["claim_id"] not in kept_ids)
            kept_ids.update(c["claim_id"] for c in (theirs, ours))
        merged[keep[0]] = quoted
        dropped.update(pid for pid, _ in live if pid != keep[0])
    return [(pid, entry, merged.get(pid, [])) for pid, entry in best.items() if pid not in dropped]


def _place_rank(a: Claim, b: Claim) -> int:
    """0 for two headlines, 1 for two ledes, then 2–4 by how many of the two are further down the body."""
    pa, pb = position(a), position(b)
    if pa == pb == "title":
        return 0
    if pa == pb == "lead":
        return 1
    return 2 + (pa == "body") + (pb == "body")


def candidate_claims(claims: pl.DataFrame, stories: dict[str, str]) -> pl.DataFrame:
    """The comparable claims of every unit whose figures can disagree somewhere in a story.

    A lazy pre-filter: a unit whose claims' intervals all overlap (``max(low) <= min(high)``)
    and hold no thousand-fold slip cannot yield a finding, so only the other units go on to
    the alignment, with every claim (the figures under other verbs confirm or slip).
    """
    keyed = (
        claims.lazy()
        .with_columns(
            pl.col("doc_id").replace_strict(stories, default=None, return_dtype=pl.String).alias("story"),
            pl.col("unit").replace(PEOPLE_UNITS).alias("_unit"),
        )
        .filter(
            pl.col("kind").is_in(sorted(COMPARABLE_KINDS))
            & pl.col("unit").is_not_null()
            & ~((pl.col("kind") == "duration") & pl.col("predicate").is_null())
            & (pl.col("value").is_not_null() | (pl.col("qualifier") == "vague"))
        )
    )
    unit_keys = ["story", "kind", "_unit"]
    open_keys = (
        keyed.group_by(unit_keys)
        .agg(
            # An «about» figure has no bounds in the table; its value stands for it here.
            pl.when(pl.col("qualifier") == "about").then(pl.col("value")).otherwise(pl.col("low"))
            .fill_null(-math.inf).max().alias("_lo"),
            pl.when(pl.col("qualifier") == "about").then(pl.col("value")).otherwise(pl.col("high"))
            .fill_null(math.inf).min().alias("_hi"),
            pl.col("value").abs().max().alias("_vmax"),
            pl.col("value").abs().min().alias("_vmin"),
            pl.len().alias("_n"),
        )
        # Some pair can disagree, or one figure is a thousand times another (a slip hides
        # inside an agreeing «more than 33» against 33,000).
        .filter((pl.col("_n") > 1) & ((pl.col("_lo") > pl.col("_hi")) | (pl.col("_vmax") >= 999 * pl.col("_vmin"))))
        .select(unit_keys)
        .unique()
    )
    return keyed.join(open_keys, on=unit_keys, how="semi").drop("_unit").collect()


def run_rules(
    claims: pl.DataFrame, stories: dict[str, str], suites: Suites | None = None, copies: frozenset = frozenset()
) -> list[dict[str, Any]]:
    """Compare the claims of every story and return the findings, most serious first.

    ``copies`` holds the pairs of articles that carry one wire text (:func:`stories.wire_copies`).
    """
    suites = suites or load_suites()
    article_findings = (
        percent_findings(claims, stories, suites)
        + sum_findings(claims, stories, suites)
        + weekday_findings(claims, stories, suites)
        + parts_findings(claims, stories, suites)
    )
    findings = [f for f in article_findings if f is not None]  # None: waived by a rule's `unless`
    groups: dict[tuple, list[Claim]] = defaultdict(list)
    by_unit: dict[tuple, dict[str, list[Claim]]] = defaultdict(lambda: defaultdict(list))
    candidates = candidate_claims(claims, stories).to_dicts()
    weigh_context_words(candidates)
    for c in candidates:
        key = quantity_key(c)
        if key is not None:
            groups[key].append(c)
            by_unit[key[:3]][c["doc_id"]].append(c)
        elif c.get("scope") == "part" and c["value"] is not None:
            # «بينهم 5 أطفال»، «أحد أفرادها»: not a quantity of its own, but a part that adds up to a total.
            by_unit[(c["story"], c["kind"], PEOPLE_UNITS.get(c["unit"], c["unit"]))][c["doc_id"]].append(c)

    def tol_agree(a: Claim, b: Claim) -> bool:
        return agree(a, b, suites.tolerance_for(a["kind"]))

    reported: set[tuple] = set()
    revised = revised_values(claims, stories, suites, {key[0] for key in groups})
    for key, members in groups.items():
        if len(members) > 1:
            findings.extend(_pair_findings(key, members, suites, tol_agree, reported, by_unit[key[:3]], copies,
                                           revised.get((key[0], key[3]), frozenset())))
    findings.extend(_category_findings(by_unit, suites, tol_agree))
    findings.sort(key=lambda f: (-SEVERITY_RANK[f["severity"]], _story_order(f["story"]), f["quantity"], f["rule"]))
    return findings


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
        .collect()
    )
    out: dict[tuple, set] = defaultdict(set)
    for story, predicate, value, sentence in rows.iter_rows():
        if suites.revised(sentence):
            out[(story, predicate)].add(value)
    return {k: frozenset(v) for k, v in out.items()}


def _category_findings(by_unit: dict[tuple, dict[str, list[Claim]]], suites: Suites, tol_agree) -> list[dict[str, Any]]:
    """Outlets that count different categories of one event (تحييد against قتل): named, not a conflict.

    Each article's lead figure of a unit under one predicate is set against another outlet's
    lead figure under a near-miss predicate (a pair listed in the suite), when neither article
    reports the other's category at all.
    """
    rule = suites.by_kind("different_category")
    if rule is None or not suites.near_miss_predicates:
        return []
    findings = []
    for key, docs in by_unit.items():
        leads: dict[str, dict[str, Claim]] = {}
        for doc, claims in docs.items():
            for c in sorted(claims, key=lambda c: (not c["in_title"], c["start"])):
                if c["predicate"]:
                    leads.setdefault(doc, {}).setdefault(c["predicate"], c)
        for da, la in leads.items():
            for db, lb in leads.items():
                if da >= db:
                    continue
                for pa, pb in suites.near_miss_predicates:
                    for x, y in ((la, lb), (lb, la)):
                        a, b = x.get(pa), y.get(pb)
                        if a is None or b is None or pb in x or pa in y or a["outlet"] == b["outlet"]:
                            continue
                        if tol_agree(a, b):
                            continue
                        if rule.waived([a["sentence"], b["sentence"]]):
                            continue
                        fields = {**pair_fields(a, b), "predicate_a": pa.replace("_", " "),
                                  "predicate_b": pb.replace("_", " ")}
                        findings.append(make_finding(rule, [a, b], (*key, None), fields))
    return findings


def summary(findings: list[dict[str, Any]], claims: pl.DataFrame, stories: dict[str, str]) -> dict[str, Any]:
    """Counts for the report header: articles, outlets, stories, claims, findings by severity."""
    by_severity = {s: sum(1 for f in findings if f["severity"] == s) for s in SEVERITY_RANK}
    return {
        "articles": len(stories),
        "outlets": claims["outlet"].n_unique() if claims.height else 0,
        "stories": len(set(stories.values())),
        "claims": claims.height,
        "findings": len(findings),
        **by_severity,
    }


def check_articles(
    articles: list[Article],
    claims: pl.DataFrame | None = None,
    *,
    workers: int | None = None,
    suites: Suites | None = None,
) -> dict[str, Any]:
    """Compare the claims of already-read articles (extracting them unless ``claims`` is given).

    The result holds ``discrepancies`` (the findings), ``summary``, the ``claims`` table (a
    polars DataFrame with a ``story`` column), ``stories`` (doc_id -> story id) and
    ``copies`` (pairs of articles that carry one wire text: their agreement is one source).
    """
    from .api import claims_of

    if claims is None:
        claims = claims_of(articles, workers=workers)
    stories = assign_stories(claims, articles)
    copies = frozenset(wire_copies([(a.doc_id, a.text) for a in articles], stories))
    findings = run_rules(claims, stories, suites, copies)
    claims = claims.with_columns(pl.col("doc_id").replace_strict(stories, default=None).alias("story"))
    counts = {**summary(findings, claims, stories), "wire_copies": len(copies)}
    return {"discrepancies": findings, "summary": counts, "claims": claims, "stories": stories,
            "copies": sorted(sorted(pair) for pair in copies)}


def check(
    paths: Any,
    manifest: Any = None,
    *,
    workers: int | None = None,
    on_skip: Any = None,
    suites: Suites | None = None,
) -> dict[str, Any]:
    """Extract the claims at ``paths``, group stories, run the suites; return findings and summary.

    See :func:`check_articles` for what the result holds.
    """
    from .api import read

    if isinstance(paths, (str, bytes)) or hasattr(paths, "__fspath__"):
        paths = [paths]
    articles = read(paths, manifest, on_skip=on_skip)
    return check_articles(articles, workers=workers, suites=suites)
