"""Rules that read one article on its own: shares over 100 %, sums of killed and injured, weekdays, round-ups."""

from __future__ import annotations

import re
from functools import cache
from itertools import pairwise
from typing import Any

import polars as pl

from .clues import INCIDENT_UNITS
from .compare import show_value
from .days import WEEKDAY_NAMES, relative_weekday_findings
from .evidence import make_finding as _make_finding
from .normalize import fold
from .rules import Rule, Suites, cue_found


def make_finding(rule: Rule, claims: list[dict], key: tuple, fields: dict[str, str]) -> dict[str, Any] | None:
    """A finding, or None when the rule's ``unless`` pattern waives it (run_rules drops those)."""
    if rule.waived([c["sentence"] for c in claims]):
        return None
    return _make_finding(rule, claims, key, fields)


def percent_findings(claims: pl.DataFrame, stories: dict[str, str], suites: Suites) -> list[dict[str, Any] | None]:
    rule = suites.by_kind("percent_over_100")
    if rule is None:
        return []
    over = claims.filter(
        (pl.col("kind") == "percent")
        & (pl.col("value") > 100)
        & ~pl.col("predicate").is_in(["rose", "fell"]).fill_null(False)
    )
    findings = []
    for c in over.to_dicts():
        if rule.share_cues is not None and not cue_found(rule.share_cues, c["sentence"], rule.id):
            continue  # growth or a comparison («ارتفع بنسبة 185%»), not a share of a whole
        c["story"] = stories.get(c["doc_id"])
        key = (c["story"], "percent", "percent", c["predicate"])
        findings.append(make_finding(rule, [c], key, {"value_a": show_value(c)}))
    return findings


def sum_findings(claims: pl.DataFrame, stories: dict[str, str], suites: Suites) -> list[dict[str, Any] | None]:
    """«مصرع وإصابة 17» against the article's own counts of the killed and of the injured."""
    rule = suites.by_kind("sum_mismatch")
    if rule is None:
        return []
    people = people_units()
    frame = claims.filter(
        pl.col("predicate").is_in(["killed_or_injured", "killed", "injured", "hospitalized"])
        & (pl.col("qualifier") == "exact")
        & pl.col("value").is_not_null()
    )
    with_totals = frame.filter(pl.col("predicate") == "killed_or_injured").select("doc_id").unique()
    frame = frame.join(with_totals, on="doc_id", how="semi")
    findings = []
    for (doc,), rows in frame.sort("start").group_by(["doc_id"], maintain_order=True):
        totals = rows.filter(pl.col("predicate") == "killed_or_injured").to_dicts()
        if not totals:
            continue
        firsts = {}
        for c in rows.filter(pl.col("unit").is_in(people) & ~pl.col("in_title")).to_dicts():
            firsts.setdefault(c["predicate"], c)
        killed, injured = firsts.get("killed"), firsts.get("injured")
        if killed is None or injured is None:
            continue
        total = next((t for t in totals if t["in_title"]), totals[0])
        gap = abs(total["value"] - killed["value"] - injured["value"])
        if gap == 0 or (gap == 1 and any(suites.attacker_died(s) for s in rows["sentence"].unique())):
            continue  # one apart where the attacker died: counted by one figure and not the other
        # The injured said another way (taken to hospital), and a bare «نقل ثلاثة متأثرين» whose
        # verb says who they are.
        body = rows.filter(~pl.col("in_title") & (pl.col("unit").is_in(people) | pl.col("unit").is_null()))
        dead = set(body.filter(pl.col("predicate") == "killed")["value"].to_list())
        hurt = set(body.filter(pl.col("predicate").is_in(["injured", "hospitalized"]))["value"].to_list())
        if any(total["value"] - k in hurt for k in dead):
            continue  # «لقي شخص مصرعه … نقل ثلاثة متأثرين بإصابات»: another pair of the article adds up
        trio = [total, killed, injured]
        for c in trio:
            c["story"] = stories.get(doc)
        fields = {"value_a": show_value(total), "value_b": show_value(killed), "value_c": show_value(injured)}
        findings.append(make_finding(rule, trio, (stories.get(doc), "count", "person", "killed_or_injured"), fields))
    return findings


_PAIR_GAP = re.compile(r"^\s*\S{0,12}\s*و\s*$")  # «سبع إصابات وحالة وفاة»: one incident's dead and injured


def incident_findings(claims: pl.DataFrame, stories: dict[str, str], suites: Suites) -> list[dict[str, Any] | None]:
    """A round-up's lede totals against the sum of the incidents it reports one by one."""
    rule = suites.by_kind("incident_sum_mismatch")
    if rule is None:
        return []
    people = people_units()
    rounded_up = claims.filter(
        pl.col("unit").is_in(INCIDENT_UNITS) & (pl.col("value") >= 2) & pl.col("value").is_not_null()
    ).select("doc_id").unique()
    frame = claims.join(rounded_up, on="doc_id", how="semi").filter(
        pl.col("unit").is_in(people) & pl.col("predicate").is_in(["killed", "injured"])
        & (pl.col("qualifier") == "exact") & pl.col("value").is_not_null() & ~pl.col("in_title")
        & (pl.col("scope").is_null() | (pl.col("scope") != "part"))
    )
    findings = []
    for (doc,), rows in frame.sort("start").group_by(["doc_id"], maintain_order=True):
        members = rows.to_dicts()
        lede_start = members[0]["sentence_start"]
        totals: dict[str, dict] = {}
        for c in members:
            if c["sentence_start"] == lede_start:
                totals.setdefault(c["predicate"], c)
        if len(totals) < 2:
            continue
        incidents = _incident_pairs([c for c in members if c["sentence_start"] != lede_start], totals)
        if len(incidents) < 2:
            continue
        sums = {p: sum(pair[p]["value"] for pair in incidents) for p in ("killed", "injured")}
        agree = {p: sums[p] == totals[p]["value"] for p in sums}
        if agree["killed"] == agree["injured"]:
            continue  # all add up, or the incidents listed are not all of them
        off = "injured" if agree["killed"] else "killed"
        parts = [pair[off] for pair in incidents]
        for c in (totals[off], *parts):
            c["story"] = stories.get(doc)
        fields = {"value_a": show_value(totals[off]), "value_b": " + ".join(show_value(c) for c in parts)}
        key = (stories.get(doc), "count", totals[off]["unit"], off)
        findings.append(make_finding(rule, [totals[off], *parts], key, fields))
    return findings


def _incident_pairs(body: list[dict], totals: dict[str, dict]) -> list[dict[str, dict]]:
    """The incidents an article reports one by one: a dead and an injured figure said together."""
    pairs = []
    for a, b in pairwise(body):
        if {a["predicate"], b["predicate"]} != {"killed", "injured"} or a["sentence_start"] != b["sentence_start"]:
            continue
        gap = a["sentence"][a["end"] - a["sentence_start"] : b["start"] - b["sentence_start"]]
        if not _PAIR_GAP.match(gap):
            continue
        pair = {a["predicate"]: a, b["predicate"]: b}
        if any(pair[p]["value"] >= totals[p]["value"] for p in pair):
            continue  # the lede's totals said again, not one incident of several
        if pairs and any(pairs[-1][p] is pair[p] for p in pair):
            continue
        pairs.append(pair)
    return pairs


_HIJRI_YEAR = re.compile(r"(?<![0-9])1[34][0-9]{2}(?![0-9])")  # a year written in the Hijri calendar
_RELATIVE_DAYS = frozenset({"امس", "اليوم", "غدا", "البارحه"})
_WEEKDAY_BEFORE = 24  # characters before a date where its weekday is written («يوم الخميس 6 أغسطس»)


def weekday_findings(claims: pl.DataFrame, stories: dict[str, str], suites: Suites) -> list[dict[str, Any] | None]:
    """A full date whose stated weekday is another day («الخميس 7 أغسطس 2015» was a Friday)."""
    from datetime import date as Date

    from .lexicon import load_lexicon

    rule = suites.by_kind("weekday_mismatch")
    if rule is None:
        return []
    weekdays = load_lexicon().weekdays
    names = WEEKDAY_NAMES
    hijri = load_lexicon().hijri_months
    # Only a date with its year written out, in the Gregorian calendar: an inferred year or a
    # converted Hijri date (a day off either way) cannot be held against a weekday.
    dated = claims.filter(
        (pl.col("kind") == "date")
        & (pl.col("date").str.len_chars() == 10)
        & pl.col("number_text").str.contains(r"\d{4}")
    )
    findings = []
    for c in dated.to_dicts():
        written = fold(c["number_text"]).text
        if any(m in written for m in hijri) or _HIJRI_YEAR.search(written):
            continue  # «8/10/1436»: a Hijri date in figures; a sighted month can start a day off the tables
        try:
            day = Date.fromisoformat(c["date"])
        except ValueError:
            continue
        offset = c["start"] - c["sentence_start"]
        before = fold(c["sentence"][max(0, offset - _WEEKDAY_BEFORE) : offset]).text.split()
        said = next((weekdays[k] for k in _weekday_keys(before) if k in weekdays), None)
        if said is None or said == day.isoweekday():
            continue
        c["story"] = stories.get(c["doc_id"])
        fields = {"value_a": c["date"], "value_b": names.get(said, "?"), "value_c": names.get(day.isoweekday(), "?")}
        findings.append(make_finding(rule, [c], (c["story"], "date", "date", None), fields))
    return findings + relative_weekday_findings(claims, stories, rule)


def _weekday_keys(words: list[str]) -> list[str]:
    """The words before a date that name a weekday, nearest first, as the lexicon spells them.

    A weekday is written right before the date (after «يوم» or «الموافق» at most), with its
    article (الخميس، والخميس) or after «يوم»; a bare «احد» is the number one, not Sunday.
    """
    keys = []
    day_named = False
    while words and words[-1] in ("الموافق", "يوم", "،", "-"):
        day_named = day_named or words[-1] == "يوم"
        words = words[:-1]  # «الخميس الموافق 6 أغسطس»
    if day_named and len(words) > 1 and words[-2] in _RELATIVE_DAYS:
        return []  # «أمس الاثنين يوم 26 فبراير 2016»: Monday is yesterday, the date another day
    for i in range(len(words) - 1, max(-1, len(words) - 2), -1):  # the word right before the date
        word = words[i]
        if word[:1] in "وفب" and word[1:3] == "ال":
            word = word[1:]
        if not word.startswith("ال") and i > 0 and words[i - 1] in ("يوم", "ليوم", "بيوم"):
            word = "ال" + word
        keys.append(word)
    return keys


@cache
def people_units() -> list[str]:
    from .lexicon import load_lexicon

    return sorted({f.concept for forms in load_lexicon().units.values() for f in forms if f.category == "person"})


@cache
def fate_nouns() -> frozenset[str]:
    """The people units that name people by what befell them («قتلى»، «مصابين»، «حالات»), and «person» itself.

    A headline's «إصابة 24 آخرين» is checked against a body that counts people by kind
    («أصيب 31 جنديا»), never against another of these.
    """
    from .lexicon import load_lexicon

    return frozenset({"person", *load_lexicon().reported_as})


_AMONG = re.compile(r"(?:من\s+)?(?:بينهم|بينهن|منهم|منهن|بينها|منها|ضمنهم)\b")


def parts_findings(claims: pl.DataFrame, stories: dict[str, str], suites: Suites) -> list[dict[str, Any] | None]:
    """«قتل 12 شخصا بينهم 5 أطفال و8 نساء»: the parts named after «بينهم» add up to more than the total."""
    rule = suites.by_kind("parts_exceed_total")
    if rule is None:
        return []
    people = people_units()
    frame = (
        claims.filter(
            pl.col("unit").is_in(people) & (pl.col("qualifier") == "exact") & pl.col("value").is_not_null()
            & (pl.col("kind") == "count") & pl.col("sentence").str.contains("بينهم|بينهن|منهم|منهن|ضمنهم|بينها|منها")
        )
        .filter(pl.len().over("doc_id", "sentence_start") >= 3)  # a total and at least two parts
        .sort("doc_id", "start")
    )
    findings = []
    for (_, _), rows in frame.group_by(["doc_id", "sentence_start"], maintain_order=True):
        members = rows.to_dicts()
        for i, total in enumerate(members[:-2] if len(members) > 2 else []):
            sentence, base = total["sentence"], total["sentence_start"]
            nxt = members[i + 1]
            gap = sentence[total["end"] - base : nxt["start"] - base]
            if not _AMONG.search(fold(gap).text):
                continue
            parts: list[dict] = []
            prev_end = total["end"]
            for c in members[i + 1 :]:
                between = sentence[prev_end - base : c["start"] - base]
                if parts and (len(between) > 20 or any(ch in between for ch in "،,؛:.")):
                    break  # the list of parts ended («…، وأصيب 20 آخرون»)
                if c["value"] >= total["value"]:
                    break
                parts.append(c)
                prev_end = c["end"]
            if len(parts) >= 2 and sum(c["value"] for c in parts) > total["value"]:
                for c in (total, *parts):
                    c["story"] = stories.get(c["doc_id"])
                fields = {"value_a": show_value(total), "value_b": " + ".join(show_value(c) for c in parts)}
                key = (total["story"], "count", total["unit"], total["predicate"])
                findings.append(make_finding(rule, [total, *parts], key, fields))
    return findings


def kinds_findings(claims: pl.DataFrame, stories: dict[str, str], suites: Suites) -> list[dict[str, Any] | None]:
    """«36 قطعة سلاح» against a list of «10 مسدسات … و8 رشاشات … و12 مسدسا»: kinds that add up to more."""
    from .lexicon import load_lexicon

    rule = suites.by_kind("parts_exceed_total")
    kind_of = load_lexicon().kind_of
    if rule is None or not kind_of:
        return []
    frame = claims.filter(
        pl.col("unit").is_in(sorted({*kind_of, *kind_of.values()})) & (pl.col("qualifier") == "exact")
        & pl.col("value").is_not_null() & (pl.col("kind") == "count")
    )
    findings = []
    for (doc,), rows in frame.sort("start").group_by(["doc_id"], maintain_order=True):
        members = rows.to_dicts()
        for parent in sorted({kind_of[c["unit"]] for c in members if c["unit"] in kind_of}):
            total = next((c for c in members if c["unit"] == parent), None)
            if total is None:
                continue
            kinds = [c for c in members if kind_of.get(c["unit"]) == parent and c["predicate"] == total["predicate"]]
            # The longest list said in one sentence: a list repeated further down is not more of them.
            by_sentence: dict[int, list[dict]] = {}
            for c in kinds:
                by_sentence.setdefault(c["sentence_start"], []).append(c)
            parts = max(by_sentence.values(), key=len, default=[])
            if len(parts) < 2 or sum(c["value"] for c in parts) <= total["value"]:
                continue
            for c in (total, *parts):
                c["story"] = stories.get(doc)
            fields = {"value_a": show_value(total), "value_b": " + ".join(show_value(c) for c in parts)}
            findings.append(make_finding(rule, [total, *parts], (stories.get(doc), "count", parent, total["predicate"]),
                                         fields))
    return findings
