"""Pair the figures inside one article that contradict: the headline against its body, or a restatement.

Inside one article, the **headline** is checked against the body, and two body figures
only when they are said in nearly the same words (a restatement that changed the number).
"""

from __future__ import annotations

from itertools import combinations

import regex

from .article_rules import fate_nouns
from .compare import NOUN_FORMS, magnitude_slip, plausible_pair
from .digit_slips import near_figure
from .figure_context import Agree, Claim, _same_value, rounds_own_body, same_side, similarity
from .normalize import fold
from .totals import sum_parts

FAR_FACTOR = 10.0


def _far_only(t: Claim, told: list[Claim]) -> Claim | None:
    """The body's only figure of a headline's statistic when the two are an order of magnitude apart.

    «عقود بأكثر من 7 ملايين» over a body whose one figure of the sum is «تزيد على 703 ملايين
    ريال»: digits dropped from the headline, not another figure of the story.
    """
    if len(told) != 1 or not t["value"] or not told[0]["value"]:
        return None
    if t.get("form") in NOUN_FORMS or told[0].get("form") in NOUN_FORMS:
        return None  # «مشروعين» against «21 مشروعا»: a noun drops no digits
    small, big = sorted((abs(t["value"]), abs(told[0]["value"])))
    if abs(big / 1000 - small) <= 0.25 * small:
        return None  # «قرابة 600 طن» over «584.376 طناً»: a decimal point read as a thousands dot
    return told[0] if big >= FAR_FACTOR * small else None


def within_pairs(
    members: list[Claim], agree: Agree, min_similarity: float, same_unit: list[Claim] | None = None
) -> list[tuple[Claim, Claim, str]]:
    """Pairs inside one article that contradict: headline vs body, or a restatement with another number.

    ``same_unit`` holds the article's figures of the same unit under any predicate: a headline
    figure found there, or equal to a sum of them (176 = 87 + 89), is not a contradiction.
    """
    out: list[tuple[Claim, Claim, str]] = []
    unit_body = [c for c in same_unit or () if not c.get("in_title")]
    title = [c for c in members if c.get("in_title")]
    body = sorted((c for c in members if not c.get("in_title")), key=lambda c: c["start"])
    if title and (body or unit_body):
        for t in title:
            told = [b for b in body if same_side(t, b)]
            if not told and t["unit"] == "person" and t.get("_event"):
                # «إصابة 24 آخرين» over a body that only says «أصيب 31 جنديا»: people of any kind, one fate.
                told = [b for b in unit_body if b["unit"] not in fate_nouns() and b["predicate"] == t["predicate"]
                        and b.get("scope") != "part" and same_side(t, b)]
            if not told:
                # The body never says this quantity with this verb: only a slip can be told.
                slip = next((b for b in unit_body if same_side(t, b) and magnitude_slip(t, b)), None)
                if slip is not None:
                    out.append((t, slip, "headline"))
                continue
            slip = next((b for b in told + unit_body if magnitude_slip(t, b)), None)
            if slip is not None:
                out.append((t, slip, "headline"))  # 70857 tonnes in the headline, 708.57 in the body
                continue
            if not t.get("_event") and not any(similarity(t, b) >= min_similarity for b in body):
                if rounds_own_body(t, unit_body or told):
                    continue  # «على 2500 منشأة» over the body's 2464: the headline rounds it
                near = near_figure(t, told) or _far_only(t, told)
                if near is not None:
                    out.append((t, near, "headline"))  # the headline's 1.308 projects, the body's 1.305
                continue  # a statistic in the headline that the body does not restate
            if any(agree(t, b) for b in told) or sum_parts(t, told) or rounds_own_body(t, unit_body or told):
                continue  # «150 وفاة» over a body's 151: the headline rounds its own figure
            if any(_same_value(t, b) for b in unit_body) or sum_parts(t, unit_body):
                continue
            lead = next((b for b in told if b.get("_lead")), told[0])
            out.append((t, lead, "headline"))
    if not members[0].get("_event") and members[0]["predicate"] != "age":
        return out  # statistics, costs and lists: no toll of an event, no restatement to check
    in_sums = {id(p) for c in body for p in (sum_parts(c, body) or ())}
    for x, y in combinations(body, 2):
        if x["sentence_start"] == y["sentence_start"] or agree(x, y) or not same_side(x, y):
            continue
        if x["predicate"] == "age" and (x["qualifier"] == "range") == (y["qualifier"] == "range"):
            continue  # two ages said alike are two persons; a lede's «ستينية» against a quoted 50 is one
        if not plausible_pair(x, y):
            continue  # a day's 9 dead and a half-year's 1,592: two quantities, whatever the words
        if id(x) in in_sums or id(y) in in_sums:
            continue  # 7 and 5 injured in two accidents: the parts of a total the article states
        restated = similarity(x, y) >= min_similarity
        # The lede against a named source's account of the same figure (the spokesman said 35).
        told = (x.get("_lead") and y["source"] and not x["source"]) or (
            y.get("_lead") and x["source"] and not y["source"]
        ) or _spokesman_next(x, y, body)
        if told and not restated and _new_lede_between(x, y, body):
            continue  # a round-up: the source speaks of the next item, which has its own lede
        if (restated or told) and not sum_parts(x, body) and not sum_parts(y, body):
            out.append((x, y, "body"))
    return out


_SPOKESMAN_OPENS = regex.compile(r"\s*و?(?:اوضح|اوضحت|اضاف|اضافت|اشار|اشارت|افاد|افادت|بين|بينت)\s")
_OTHERS_AFTER = regex.compile(r"\s*(?:\p{L}+\s+)?(?:اخرين|اخرون)(?!\p{L})")


def _spokesman_next(x: Claim, y: Claim, body: list[Claim]) -> bool:
    """True when the sentence right after the outlet's figure opens with a source's account of it.

    «أدى انقلاب مركبة إلى مصرع شخص وإصابة 9 آخرين. وأوضح المتحدث … اتضح وفاة شخص وإصابة 7
    آخرين»: in a round-up, the item's lede and its spokesman's account of the same figure.
    Each sentence says this quantity once: two figures in one sentence are a list (87 capsules
    of cocaine and 89 of heroin), not one figure.
    """
    first, second = sorted((x, y), key=lambda c: c["start"])
    if first["source"] or not second["source"]:
        return False
    end = first["sentence_start"] + len(first["sentence"] or "")
    if second["sentence_start"] < end or (second["sentence_start"] - end) > 3:
        return False
    if sum(1 for c in body if c["sentence_start"] in (first["sentence_start"], second["sentence_start"])) != 2:
        return False
    # Both say it as the rest of a toll («وإصابة 9 آخرين»): the same account of one incident,
    # not two figures that happen to follow each other (7 still in hospital, 27 sent home).
    if not all(_OTHERS_AFTER.match(fold(c["sentence"][c["end"] - c["sentence_start"]:]).text) for c in (first, second)):
        return False
    return bool(_SPOKESMAN_OPENS.match(fold(second["sentence"] or "").text))


def _new_lede_between(x: Claim, y: Claim, body: list[Claim]) -> bool:
    """True when another figure the outlet states itself stands between two claims of one article."""
    first, last = sorted((x["start"], y["start"]))
    return any(not m["source"] and first < m["start"] < last for m in body)
