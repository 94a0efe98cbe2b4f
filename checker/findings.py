"""Run the rule suites over a claims table and return the findings, each with its evidence."""

from __future__ import annotations

import math
from collections import defaultdict
from typing import Any

import polars as pl
import regex

from .article import Article
from .article_rules import (
    fate_nouns,
    incident_findings,
    kinds_findings,
    parts_findings,
    people_units,
    percent_findings,
    sum_findings,
    weekday_findings,
)
from .compare import (
    COMPARABLE_KINDS,
    PEOPLE_UNITS,
    Claim,
    agree,
    quantity_key,
)
from .conversions import conversion_findings
from .copy_slots import copy_slot_findings
from .days import day_findings
from .event_dates import date_findings
from .evidence import make_finding, merge_outliers, pair_fields
from .figure_context import (
    weigh_context_words,
)
from .goal_minutes import goal_minute_findings
from .named_ages import age_findings
from .quantity_findings import quantity_findings
from .rules import Suites, load_suites
from .stories import group_stories, wire_copies
from .times import time_findings
from .titled_years import titled_year_findings
from .verdicts import death_tolls, revised_values

SEVERITY_RANK = {"error": 3, "warning": 2, "info": 1}
STORY_PREDICATES = frozenset({"killed", "injured", "neutralized", "arrested", "displaced", "evacuated", "missing",
                              "hospitalized", "destroyed", "seized", "infected", "derailed"})


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


_AND_BEFORE = regex.compile(r"(?:^|[\s(،,])و(?:\s?|\p{L}+\s)[(«\"]?\s?$")


def _conjoined(c: Claim) -> bool:
    """True when a figure is joined by «و» to what comes before it: «15 شخصاً …، واثنان بحروق», «وإصابة (2)»."""
    sentence = c.get("sentence") or ""
    before = sentence[max(0, c["start"] - c["sentence_start"] - 16): c["start"] - c["sentence_start"]]
    return bool(_AND_BEFORE.search(before))


def candidate_claims(claims: pl.DataFrame, stories: dict[str, str], hedge_reach: float = math.inf) -> pl.DataFrame:
    """The comparable claims of every unit whose figures can disagree somewhere in a story.

    A lazy pre-filter: a unit whose claims' intervals all overlap (``max(low) <= min(high)``)
    and hold no thousand-fold slip cannot yield a finding, so only the other units go on to
    the alignment, with every claim (the figures under other verbs confirm or slip).
    """
    # The article rules read bare figures without a unit; here they come back with the one they inherit.
    if "_bare_unit" in claims.columns:
        claims = claims.with_columns(
            (pl.col("unit").is_null() & pl.col("_bare_unit").is_not_null()).alias("_bare"),
            pl.coalesce("unit", "_bare_unit").alias("unit"),
        ).drop("_bare_unit")
    else:
        claims = claims.with_columns(pl.lit(False).alias("_bare"))
    keyed = (
        claims.lazy()
        .with_row_index("_row")
        .with_columns(
            pl.col("doc_id").replace_strict(stories, default=None, return_dtype=pl.String).alias("story"),
            pl.col("unit").replace(PEOPLE_UNITS).alias("_unit"),
            pl.col("unit").is_in(people_units()).alias("_people"),
        )
        .filter(
            pl.col("kind").is_in(sorted(COMPARABLE_KINDS))
            & pl.col("unit").is_not_null()
            & ~((pl.col("kind") == "duration") & pl.col("predicate").is_null())
            & (pl.col("value").is_not_null() | (pl.col("qualifier") == "vague"))
        )
        .collect()  # once: the keys below read it three times
        .lazy()
    )
    unit_keys = ["story", "kind", "_unit"]
    open_keys = (
        keyed.filter(~pl.col("_bare"))
        .group_by(unit_keys)
        .agg(
            # An «about» figure has no bounds in the table; its value stands for it here.
            pl.when(pl.col("qualifier") == "about").then(pl.col("value")).otherwise(pl.col("low"))
            .fill_null(-math.inf).max().alias("_lo"),
            pl.when(pl.col("qualifier") == "about").then(pl.col("value"))
            .when(pl.col("qualifier").is_in(["more_than", "at_least"]) & (pl.col("value") > 0) & pl.col("in_title"))
            .then(pl.col("value") * hedge_reach)  # «أكثر من 7 ملايين» is not 703 million
            .otherwise(pl.col("high"))
            .fill_null(math.inf).min().alias("_hi"),
            pl.col("value").abs().max().alias("_vmax"),
            pl.col("value").abs().min().alias("_vmin"),
            pl.len().alias("_n"),
        )
        # Some pair can disagree, or one figure is a thousand times another (a slip hides
        # inside an agreeing «more than 33» against 33,000).
        .filter((pl.col("_n") > 1) & ((pl.col("_lo") > pl.col("_hi")) | (pl.col("_vmax") >= 999 * pl.col("_vmin"))))
        .select(unit_keys)
    )
    # A headline's «إصابة 24 آخرين» may stand alone under its unit while the body counts the
    # same fate only as soldiers («أصيب 31 جنديا»): that unit is open in that story too.
    titles = keyed.filter(pl.col("in_title") & (pl.col("unit") == "person") & ~pl.col("_bare")
                          & pl.col("predicate").is_in(sorted(HEADLINE_TOLLS)))
    bodies = keyed.filter(~pl.col("in_title") & pl.col("_people") & ~pl.col("unit").is_in(sorted(fate_nouns()))
                          & ~pl.col("_bare") & pl.col("scope").ne("part").fill_null(True))
    headline_open = (
        titles.join(bodies, on=["doc_id", "predicate"], suffix="_body")
        .filter((pl.col("low") > pl.col("high_body")) | (pl.col("high") < pl.col("low_body")))
        .select(unit_keys)
    )
    open_keys = pl.concat([open_keys, headline_open]).unique().with_columns(pl.lit(True).alias("_open"))
    # People of every kind add up to one toll (3 رجال أمن + أحد أفرادها = 4): where one people
    # unit is open, the story's other people figures come along to confirm and to sum, not to align.
    people_open = keyed.join(open_keys, on=unit_keys, how="semi").filter("_people").select("story", "kind").unique()
    return (
        keyed.join(open_keys, on=unit_keys, how="left")
        .join(people_open.with_columns(pl.lit(True).alias("_pool")), on=["story", "kind"], how="left")
        .filter(pl.col("_open").is_not_null() | (pl.col("_people") & pl.col("_pool").is_not_null()))
        .with_columns(pl.col("_open").fill_null(False))
        .sort("_row")  # the streaming engine does not keep row order (LIBRARIES.md)
        .drop("_row", "_unit", "_people", "_pool")
        .collect()
    )


# The predicates of a headline's bare figure that count the event's people: «مصرع وإصابة 7».
HEADLINE_TOLLS = frozenset({"killed", "injured", "killed_or_injured"})


def run_rules(
    claims: pl.DataFrame, stories: dict[str, str], suites: Suites | None = None, copies: frozenset = frozenset(),
    texts: dict[str, str] | None = None,
) -> list[dict[str, Any]]:
    """Compare the claims of every story and return the findings, most serious first.

    ``copies`` holds the pairs of articles that carry one wire text (:func:`stories.wire_copies`);
    ``texts`` the articles' texts by doc_id, where a check reads more than the claims' sentences.
    """
    suites = suites or load_suites()
    # The suites compare the nouns as read: «50 مصابا» (injured) and «50 شخصا أصيبوا» (person)
    # are matched by the people pools, and a bare figure («مصرع ثلاثة») is not compared, except a
    # headline's bare toll («وفاة وإصابة 9 في تصادم ببيشة»): a headline counts the event's people.
    # A table without nouns (written by another tool, or synthetic) is compared on its units.
    # A bare figure that only inherits its noun («15 شخصاً بحالات اختناق، واثنان بحروق») is kept
    # as a part of a total (17 = 15 + 2), never compared on its own.
    if "noun" in claims.columns:
        headline_toll = pl.col("in_title") & pl.col("predicate").is_in(sorted(HEADLINE_TOLLS))
        read = pl.coalesce("noun", pl.when(pl.col("unit_text").is_not_null() | headline_toll).then(pl.col("unit")))
        claims = claims.with_columns(
            read.alias("unit"), pl.when(read.is_null()).then(pl.col("unit")).alias("_bare_unit")
        )
    article_findings = (
        percent_findings(claims, stories, suites)
        + sum_findings(claims, stories, suites)
        + weekday_findings(claims, stories, suites)
        + parts_findings(claims, stories, suites)
        + copy_slot_findings(claims, stories, suites, copies)
        + conversion_findings(claims, stories, suites)
        + titled_year_findings(claims, stories, suites)
        + goal_minute_findings(claims, stories, suites, texts)
        + age_findings(claims, stories, suites)
        + date_findings(claims, stories, suites)
        + incident_findings(claims, stories, suites)
        + kinds_findings(claims, stories, suites)
        + time_findings(claims, stories, suites)
        + day_findings(claims, stories, suites)
    )
    findings = [f for f in article_findings if f is not None]  # None: waived by a rule's `unless`
    groups: dict[tuple, list[Claim]] = defaultdict(list)
    by_unit: dict[tuple, dict[str, list[Claim]]] = defaultdict(lambda: defaultdict(list))
    candidates = candidate_claims(claims, stories, suites.tolerance.hedge_reach).to_dicts()
    weigh_context_words(candidates)
    for c in candidates:
        is_open = c.pop("_open")
        key = quantity_key(c)
        if key is not None and c.pop("_bare", False):
            if c["value"] is not None and c["qualifier"] == "exact" and _conjoined(c):
                by_unit[key[:3]][c["doc_id"]].append(c)  # a part to sum, not a figure to compare
        elif key is not None:
            if is_open:
                groups[key].append(c)  # only the units whose figures can disagree are aligned
            by_unit[key[:3]][c["doc_id"]].append(c)
        elif c.get("scope") == "part" and c["value"] is not None:
            # «بينهم 5 أطفال»، «أحد أفرادها»: not a quantity of its own, but a part that adds up to a total.
            by_unit[(c["story"], c["kind"], PEOPLE_UNITS.get(c["unit"], c["unit"]))][c["doc_id"]].append(c)

    def tol_agree(a: Claim, b: Claim) -> bool:
        return agree(a, b, suites.tolerance_for(a["kind"]))

    # People of every kind add up to one toll (3 رجال أمن + أحد أفرادها = 4): the pool parts are sought in.
    people = set(people_units())
    pools: dict[tuple, dict[str, list[Claim]]] = defaultdict(lambda: defaultdict(list))
    for (story, kind, unit), docs in sorted(by_unit.items(), key=lambda kv: tuple(map(str, kv[0]))):
        if unit in people:
            for doc, doc_claims in docs.items():
                pools[(story, kind)][doc].extend(doc_claims)
    reported: set[tuple] = set()
    revised = revised_values(claims, stories, suites, {key[0] for key in groups})
    dead = death_tolls(candidates)
    for key, members in groups.items():
        pool = pools.get(key[:2]) if key[2] in people else None
        # A headline's «24 آخرين» alone under its unit still meets the body's «31 جنديا» in the pool.
        if len(members) > 1 or (pool is not None and members[0]["in_title"]):
            findings.extend(quantity_findings(key, members, suites, tol_agree, reported, by_unit[key[:3]], copies,
                                              revised.get((key[0], key[3]), frozenset()), pool, dead.get(key[0])))
    findings = merge_outliers(findings, "cross_outlet.value_conflict")
    findings.extend(_category_findings(by_unit, suites, tol_agree))
    findings.sort(key=lambda f: (-SEVERITY_RANK[f["severity"]], _story_order(f["story"]), f["quantity"], f["rule"]))
    return findings


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
    findings = run_rules(claims, stories, suites, copies, {a.doc_id: a.text for a in articles})
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
