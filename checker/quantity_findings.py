"""The findings of one quantity of one story: its figures paired across outlets and inside each article.

Each pair is classified (:func:`verdicts.classify`: a contradiction, a scope difference, a
revision …); an article's figure that several outlets contradict with one voice is reported
once, against the best-placed counterpart, naming the outlets that agree with it.
"""

from __future__ import annotations

from collections import defaultdict
from typing import Any

from .compare import Claim
from .cross_outlet_pairs import cross_pairs
from .evidence import agree_note, make_finding, pair_fields
from .figure_context import SAME_WORDS, carry_sources, mark_leads, position, similarity
from .incidents import incidents, one_incident
from .rules import Suites
from .totals import fate_of, story_totals
from .verdicts import TollHistory, classify
from .within_article_pairs import within_pairs


def quantity_findings(
    key: tuple,
    members: list[Claim],
    suites: Suites,
    tol_agree,
    reported: set[tuple],
    same_unit: dict[str, list[Claim]],
    copies: frozenset = frozenset(),
    revised_to: frozenset = frozenset(),
    part_pool: dict[str, list[Claim]] | None = None,
    dead: dict[str, tuple[float, str]] | None = None,
) -> list[dict[str, Any]]:
    """The findings of one quantity of one story: across its articles, and inside each."""
    by_doc: dict[str, list[Claim]] = defaultdict(list)
    for c in members:
        c["_event"] = c["predicate"] in suites.evolving_predicates
        by_doc[c["doc_id"]].append(c)
    if key[3] == "age":  # an article that gives two exact ages of women speaks of two women
        by_doc = defaultdict(list, {doc: told for doc, told in by_doc.items()
                                    if len({c["value"] for c in told if c["qualifier"] != "range"}) <= 1})
        if not by_doc:
            return []
    mark_leads(by_doc)
    pairs: list[tuple[Claim, Claim, str | None]] = []
    pool = part_pool or same_unit
    carry_sources(by_doc, pool)
    fate = fate_of(key[3])
    for doc_members in by_doc.values():
        doc = doc_members[0]["doc_id"]
        # The headline's 4 killed may be the body's 3 soldiers and «أحد أفرادها»: people of any kind, one fate.
        unit_body = [c for c in pool.get(doc, ()) if fate is None or fate_of(c["predicate"]) in (fate, None)]
        inside = within_pairs(doc_members, tol_agree, suites.restatement_similarity, unit_body)
        if inside:  # an article's incidents are read only where two of its figures meet
            told = incidents(pool.get(doc) or doc_members)
            pairs.extend(p for p in inside if one_incident(p[0], p[1], told))
    if len(by_doc) > 1:
        found = cross_pairs(by_doc, tol_agree, suites.min_similarity, story_totals(pool) or members, same_unit, pool)
        pairs.extend((a, b, "across") for a, b in found)
        pairs.extend(_outlier_against_others(pairs, by_doc, suites, tol_agree, copies))
    best: dict[tuple, tuple] = {}
    # When each value was first told: by any people noun of this fate («43 قتيلا» dates «43 مدنيا»).
    told_before = [c for cs in pool.values() for c in cs if c["predicate"] == key[3] and c["unit"] != key[2]]
    history = TollHistory.of(members, revised_to, dead, told_before)
    for a, b, where in pairs:
        if a["doc_id"] != b["doc_id"] and (b["published_at"] or "") < (a["published_at"] or ""):
            a, b = b, a
        verdict = classify(a, b, suites, copies, history)
        if verdict is None:
            continue
        kind, place = verdict
        if where == "slip":  # a slip set against the others is a contradiction or nothing, never an update
            if kind not in ("value_conflict", "magnitude_slip", "copy_differs"):
                continue
            where = "across"
        # One finding per pair of articles and pair of values: the mentions that stand in
        # the same place (both headlines, both ledes) represent it best.
        pair_id = (kind, a["doc_id"], b["doc_id"], a["value"], b["value"], a["qualifier"], b["qualifier"], key)
        alike = similarity(a, b)
        rank = (alike < SAME_WORDS, _place_rank(a, b), -alike, a["start"], b["start"])
        if pair_id not in best or rank < best[pair_id][0]:
            best[pair_id] = (rank, a, b, kind, place or where)
    findings = []
    for pair_id, (_, a, b, kind, where), others, outlier in _one_per_outlier(best, tol_agree):
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
            side = b if a["doc_id"] == outlier else a
            finding["message"] += agree_note({c["outlet"] for c in others if c["doc_id"] != outlier}, side["outlet"])
        findings.append(finding)
    return findings


def _outlier_against_others(
    pairs: list[tuple[Claim, Claim, str | None]], by_doc: dict[str, list[Claim]], suites: Suites, tol_agree,
    copies: frozenset,
) -> list[tuple[Claim, Claim, str]]:
    """An article's figure its own text contradicts, set against the other outlets that side with the text.

    alyaum's headline «196 مليون» over a body's 186.3 million contradicts aleqtisadiya's
    186.3 too; sabq's «ستينية» over its own body's 50 contradicts alweeam's 50. The
    cross-outlet comparison reads each article's agreeing figure and would never meet the
    slip, since the rest of its article answers for it. Only a figure no other outlet says,
    against one they confirm, is set against them.
    """
    out: list[tuple[Claim, Claim, str]] = []
    said: list[Claim] | None = None  # every other outlet's figures, read once, when first needed
    for x, y, _where in list(pairs):
        if x["doc_id"] != y["doc_id"]:
            continue
        # A headline, or a lede its own spokesman corrects; two body figures may be parts of a whole.
        slips = [(slip, text) for slip, text in ((x, y), (y, x))
                 if slip["in_title"] or (slip.get("_lead") and text["source"] and not slip["source"])]
        if not slips:
            continue
        verdict = classify(x, y, suites, copies)
        if verdict is None or verdict[0] not in ("internal_conflict", "magnitude_slip"):
            continue
        if said is None:
            said = [c for theirs in by_doc.values() for c in theirs if c["qualifier"] != "vague"]
        theirs = [c for c in said if c["doc_id"] != x["doc_id"] and c["outlet"] != x["outlet"]]
        for slip, text in slips:
            if any(tol_agree(slip, c) for c in theirs):
                continue  # another outlet says it too: not this article's slip alone
            backing = [c for c in theirs if tol_agree(text, c)]
            if backing:  # one counterpart: the first outlet to say it, where and as the slip is said
                first = min(c["published_at"] or "" for c in backing)
                out.append((slip, max((c for c in backing if (c["published_at"] or "") == first),
                                      key=lambda c: (c["in_title"] == slip["in_title"], similarity(slip, c),
                                                     c["value"] == text["value"])), "slip"))
    return out


def _one_per_outlier(best: dict[tuple, tuple], agree) -> list[tuple[tuple, tuple, list[Claim], str | None]]:
    """One finding for an article whose figure (or copy of a wire text) several others contradict with one voice.

    When alweeam says 25 and alriyadh, almadina and 3alyoum all say 35, that is one
    disagreement (alweeam against the rest), not three: it is reported once, against the
    best-placed counterpart, naming the other outlets that agree with it. The others agree
    when their figures do, written alike or not (50 and «the fifth decade», 40–50).
    Returns each finding's pair, the claims quoted besides, and the outlier's article.
    """
    sides: dict[tuple, list[tuple]] = defaultdict(list)
    voices: dict[tuple, list[Claim]] = defaultdict(list)  # (kind, outlier doc, value) -> one counterpart per voice

    def voice(kind: str, doc: str, value: float, other: Claim) -> float:
        for said in voices[(kind, doc, value)]:
            if said["value"] == other["value"] or agree(said, other):
                return said["value"]
        voices[(kind, doc, value)].append(other)
        return other["value"]

    for pair_id, (_, a, b, _kind, _where) in best.items():
        kind, doc_a, doc_b, va, vb = pair_id[:5]
        if doc_a == doc_b or kind not in ("value_conflict", "copy_differs", "magnitude_slip"):
            continue
        sides[(kind, doc_a, va, voice(kind, doc_a, va, b))].append((pair_id, doc_b))
        sides[(kind, doc_b, vb, voice(kind, doc_b, vb, a))].append((pair_id, doc_a))
    merged: dict[tuple, tuple[list[Claim], str]] = {}
    dropped: set[tuple] = set()
    outliers: set[tuple] = set()  # (kind, article, value) of each figure several others contradict
    for (kind, outlier, value, _), members in sorted(sides.items(), key=lambda kv: -len(kv[1])):
        # A pair another outlier's finding already keeps is not this figure's to report again.
        live = [(pid, doc) for pid, doc in members if pid not in dropped and pid not in merged]
        if len(live) < 2:
            continue
        outliers.add((kind, outlier, value))
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
        merged[keep[0]] = (quoted, outlier)
        dropped.update(pid for pid, _ in live if pid != keep[0])
    # Two outliers against each other (almadina's 79 and alwatan's 35 where three say 80): each
    # is reported against the many; their own disagreement says nothing more.
    dropped.update(pid for pid in best if pid not in merged and (pid[0], pid[1], pid[3]) in outliers
                   and (pid[0], pid[2], pid[4]) in outliers)
    return [(pid, entry, *merged.get(pid, ([], None))) for pid, entry in best.items() if pid not in dropped]


def _place_rank(a: Claim, b: Claim) -> int:
    """0 for two headlines, 1 for two ledes, then 2–4 by how many of the two are further down the body."""
    pa, pb = position(a), position(b)
    if pa == pb == "title":
        return 0
    if pa == pb == "lead":
        return 1
    return 2 + (pa == "body") + (pb == "body")
