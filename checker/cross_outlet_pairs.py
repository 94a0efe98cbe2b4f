"""Pair each figure with its counterpart in another article of the story, to compare across outlets.

Two articles of a story rarely report a quantity once each. They give a total, its parts
(per accident, per city), a headline figure and a spokesman's figure. Comparing every pair
under one quantity key drowns the real contradictions in noise, so pairs are chosen the way
a fact-checker reads:

* a figure that has **no agreeing figure** in the other article is compared with its
  **counterpart** there: the figure said in the most similar words, or the other article's
  lead figure when both are lead figures (headline or first mention);
* a figure that is the **sum of other figures** of the article (176 = 87 + 89) is a total,
  and figures that add up to a figure somewhere in the story are parts, not contradictions
  (:mod:`checker.totals`).

Inside one article, see :mod:`checker.within_article_pairs`.
"""

from __future__ import annotations

import math
from functools import cache

import regex

from .article_rules import fate_nouns
from .compare import (
    magnitude_slip,
    measure_of,
    plausible_pair,
    published_time,
)
from .dates import told_day
from .digit_slips import near_figure, swapped_copy, tenfold_copy
from .figure_context import (
    SAME_WORDS,
    Agree,
    Claim,
    _same_value,
    is_lead,
    place_part,
    position,
    rounds_own_body,
    same_side,
    similarity,
)
from .incidents import incident_sentences, is_roundup
from .lexicon import load_lexicon, trie_pattern
from .normalize import fold
from .totals import _whole_of, fate_of


def counterpart(a: Claim, others: list[Claim], min_similarity: float, own: list[Claim] | None = None) -> Claim | None:
    """The figure in another article that says what ``a`` says: the same place's lead, else the most alike words.

    Lead figures (headline, first mention) are compared with each other only for the tolls
    of an event (``_event``: killed, injured …); a statistic or a cost needs alike words.
    """
    def most_alike(cands: list[Claim]) -> Claim:
        return max(cands, key=lambda b: (similarity(a, b), is_lead(b), -b["start"]))

    measure = measure_of(a)
    if measure is not None:  # net profit is never gross profit, however alike the sentences
        others = [b for b in others if measure_of(b) in (None, measure)]
        if not others:
            return None

    if place_part(a) and a.get("_event"):
        return most_alike(others)  # «بينهم 15 بالقاهرة»: their figure for the same place, wherever it is said
    where = position(a)
    # Figures one of ours already confirms are nobody's counterpart in alike words (a list
    # of figures reads alike item by item), nor a statistic's counterpart at all.
    fresh = [b for b in others if not b.get("_confirmed")]
    alike = most_alike(fresh) if fresh else None
    if alike is not None and similarity(a, alike) >= SAME_WORDS:
        return alike  # the same paragraph in two outlets (one wire text): the surest counterpart
    if where != "body" and a.get("_event"):
        same_place = [b for b in others if position(b) == where]
        if same_place:
            return same_place[0]
    if not a.get("_event"):
        unlike = alike is None or similarity(a, alike) < min_similarity  # no counterpart in alike words
        near = near_figure(a, others, closed_period)  # confirmed or not: a near copy is the same figure
        if near is None:
            slips = [b for b in others if b["qualifier"] == a["qualifier"] and magnitude_slip(a, b)]
            near = slips[0] if len(slips) == 1 else None  # 70857 tonnes against 708.57: one figure, a slip
        if near is not None and unlike:
            return near  # «1.308 مشروعات» against «1.305 مشروعات»: one count with a digit slipped
        if where == "title":
            heads = [b for b in others if position(b) == "title"]
            if len(heads) == 1 and unlike:
                return heads[0]  # «عودة لثلاثة وزراء» against «عودة لـ 4 وزراء»: two headlines, one count
        if unlike and (sole := sole_figure(a, own or [a], others)) is not None:
            return sole
        if alike is None:
            return None
        best = alike  # a statistic: its counterpart must be said in alike words and be unconfirmed
    else:
        best = most_alike(others)
    if similarity(a, best) >= min_similarity:
        return best
    if a.get("_main") and a.get("_event"):
        leads = [b for b in others if is_lead(b)]
        if leads:
            return leads[0]
    return None


SOLE_SPREAD = 1.5  # figures this many times apart are no rounding or slip of one another
SOLE_MIN_COUNT = 100  # 3 goals against 9 players' goals: small counts are as often two figures
LEDE_CHARS = 400  # a headline and its lede: where an article states what it is about
BLANK_NOUNS = frozenset({"occurrence", "unit"})  # مرة، وحدة: nouns that say nothing of what is counted


def sole_figure(a: Claim, own: list[Claim], others: list[Claim]) -> Claim | None:
    """The other article's only lede figure of a specific noun near ``a``, when ``a`` is its own article's only one.

    «32 ألف كشاف» against «أكثر من 33 ألف كشافًا», each in its article's lede: each article
    counts scouts once at that size, so the two are one count, however differently the
    sentences run.
    """
    def fits(c: Claim) -> bool:
        return (c["value"] is not None and c["qualifier"] not in ("vague", "range") and c["value"] >= SOLE_MIN_COUNT
                and c["start"] < LEDE_CHARS)

    def near(x: Claim, y: Claim) -> bool:
        small, big = sorted((abs(x["value"] or 0), abs(y["value"] or 0)))
        return small > 0 and big <= SOLE_SPREAD * small

    if a["kind"] != "count" or a["unit"] in BLANK_NOUNS or a["unit"] in fate_nouns() or not fits(a):
        return None
    theirs = [b for b in others if fits(b) and near(a, b)]
    if len(theirs) != 1:
        return None
    b = theirs[0]
    if any(c is not a and c["value"] is not None and near(c, b) for c in own):
        return None
    return b


def day_bound(c: Claim) -> bool:
    """True for a statistic that belongs to its day (a price, a rate, an index), not a count of an act.

    «اعتمد تمويل 1.305 مشروعات» is the same fact on Tuesday and on Thursday; «ارتفع المؤشر 30
    نقطة» on Thursday is another day's move.
    """
    return c["kind"] != "count" or c["predicate"] in (None, "rose", "fell")


def closed_period(c: Claim) -> bool:
    """True for a figure of a period that is over («في نهاية العام السابق»، July in August): the same on any day."""
    closed = c.get("_closed")
    if closed is None:  # read once per claim: a claim meets every article of its story
        sentence = fold(c.get("sentence") or "").text
        closed = c["_closed"] = bool(_CLOSED_PERIOD.search(sentence)) or _past_month(sentence, c.get("published_at"))
    return closed


def _past_month(sentence: str, published_at: str | None) -> bool:
    """True when a sentence gives its figure for a month before its publication's: «164.4 نقطة في يوليو» in August."""
    month_now = published_at[5:7] if published_at and len(published_at) >= 7 else ""
    if not month_now.isdigit():
        return False
    months = load_lexicon().months
    return any((named := months.get(m.group("m"))) is not None and named < int(month_now)
               for m in _month_period().finditer(sentence))


@cache
def _month_period() -> regex.Pattern[str]:
    """«في يوليو»، «خلال شهر تموز»، «لشهر يوليو»: a month as the period of a figure (not «5 يوليو», a day)."""
    names = trie_pattern(load_lexicon().months)
    return regex.compile(rf"(?<!\p{{L}})(?:في|خلال|لشهر|شهر|عن)\s+(?:شهر\s+)?(?P<m>{names})(?!\p{{L}})")


# «مقارنة بارتفاع 31.3% في نهاية العام السابق»، «في عام 2013»: a figure of a period that is over
# is the same fact on any day it is reported (not «منذ بداية العام», which moves every day).
_CLOSED_PERIOD = regex.compile(
    r"(?:نهايه|خلال|في)\s+(?:ال)?(?:عام|سنه)\s+(?:السابق|الماضي|المنصرم|(?:19|20)\d\d)"
    r"|(?:العام|السنه)\s+(?:السابق|الماضي|المنصرم)"
)


def cross_pairs(
    by_doc: dict[str, list[Claim]],
    agree: Agree,
    min_similarity: float,
    totals: list[Claim],
    same_unit: dict[str, list[Claim]] | None = None,
    part_pool: dict[str, list[Claim]] | None = None,
) -> list[tuple[Claim, Claim]]:
    """Pairs of figures from two articles that say the same thing with values that cannot both hold.

    ``same_unit`` holds every figure of each article that counts the same unit under any
    predicate: a value the other article gives under another verb (87 capsules "seized"
    against 87 "found") confirms the figure rather than contradicting it.
    """
    same_unit = same_unit or {}
    pool = part_pool or same_unit  # the figures that can add up to a total: every people unit for people
    out: list[tuple[Claim, Claim]] = []
    seen: set[tuple[str, str]] = set()
    docs = sorted(by_doc)
    roundups = {d for d in docs if is_roundup(pool.get(d) or by_doc[d])}
    for da in docs:
        for db in docs:
            own, theirs = by_doc[da], by_doc[db]
            if db == da:
                continue
            if da in roundups or db in roundups:
                own, theirs = _same_incident(da, db, own, theirs, roundups, pool)
                if not own or not theirs:
                    continue
            told = {b["sentence_start"] for b in theirs} if db in roundups else None
            their_unit = [b for b in same_unit.get(db, ()) if told is None or b["sentence_start"] in told]
            their_pool = [b for b in pool.get(db, ()) if told is None or b["sentence_start"] in told]
            # Whether each of their figures is itself confirmed by one of ours (a point estimate):
            # a confirmed figure is nobody's counterpart for a statistic. Once per pair of articles.
            for b in theirs:
                b["_confirmed"] = any(agree(b, x) and x["qualifier"] in ("exact", "about") for x in own)
            for a in own:
                if theirs[0]["outlet"] == a["outlet"] and _outlet_named(a):
                    break  # one outlet's articles: its own follow-ups and recurring reports
                if a["in_title"] and _rounds_body(a, pool.get(da) or own):
                    continue  # «تحرير 180 رهينة» over «حرر الجيش 178 شخصا»: the body's figure, rounded
                others = [b for b in theirs if same_side(a, b) and plausible_pair(a, b)
                          and not (b["in_title"] and _rounds_body(b, pool.get(db) or theirs))]
                # A statistic (a price, a rate) belongs to its day: yesterday's close is no
                # contradiction. A count a statement gives is the same fact days later, but
                # only its near copy (a slipped digit) is surely the same figure.
                other_day = not a.get("_event") and not same_day(a, theirs[0]) and not (
                    closed_period(a) and closed_period(theirs[0]))
                if other_day:  # «الصادر اليوم» on the 6th and «الصادرة أمس» on the 7th tell one day
                    day = told_day(a["sentence"], a["published_at"])
                    that_day = [b for b in others if day is not None
                                and told_day(b["sentence"], b["published_at"]) == day]
                    if that_day:
                        others, other_day = that_day, False
                near = None
                if other_day:
                    near = swapped_copy(a, others) if day_bound(a) else near_figure(a, others, closed_period)
                    near = near or tenfold_copy(a, others, min_similarity)
                if other_day and near is None:
                    near = _next_day_lead(a, others)
                    if near is None:
                        continue
                # «عدة سيارات» agrees with any figure: it confirms none of ours.
                if not others or any(agree(a, b) for b in others if b["qualifier"] != "vague"):
                    continue
                if any(_same_value(a, b) for b in their_unit):
                    continue
                fate = fate_of(a["predicate"])
                if fate and any(_same_value(a, b) and b["predicate"] == fate for b in their_pool):
                    continue  # «وفاة 3 من أفراد العائلة» against «وفاة 3 مسافرين»: one toll, another noun
                b = near or _twin(a, others)
                if near is None and b is not None:
                    a.setdefault("_twins", set()).add(b["claim_id"])  # one statement, edited: no revision
                elif b is None:
                    b = counterpart(a, others, min_similarity, own)
                    if b is None:
                        continue
                    a_whole = _whole_of(a, pool.get(da) or own, totals)
                    b_whole = _whole_of(b, pool.get(db) or theirs, totals)
                    # A part against a total is no contradiction; a part against a smaller figure of
                    # the same measure («صافي الخسارة للربع الثاني» 900.1 and 901 million) is one figure.
                    if (a_whole or b_whole) and not (
                        _one_measure(a, b, min_similarity) and b["value"] < 0.98 * (a_whole or math.inf)
                        and a["value"] < 0.98 * (b_whole or math.inf)):
                        continue
                if a["predicate"] == "age" and "range" not in (a["qualifier"], b["qualifier"]) and (
                        similarity(a, b) < SAME_WORDS):
                    continue  # 11 and 13 years in two rescues told alike: two boys, unless one text was edited
                key = tuple(sorted((a["claim_id"], b["claim_id"])))
                if key in seen:
                    continue
                seen.add(key)
                out.append((a, b))
    return out


NEXT_DAY_HOURS = 36  # a print edition tells the next morning what a website told the day before


def _next_day_lead(a: Claim, others: list[Claim]) -> Claim | None:
    """The headline count another outlet gave a day apart in the same words: «تخريج 95 مستفيدا» against «تخريج 63».

    A statistic of a day (a price, an index's move, a festival's daily arrivals in the body)
    is another day's fact; a count an announcement made is not, when two headlines say it in
    the same words within a day and a half.
    """
    if a["kind"] != "count" or a["predicate"] in ("rose", "fell") or not a["in_title"]:
        return None
    leads = [b for b in others
             if b["in_title"] and similarity(a, b) >= SAME_WORDS and _hours_apart(a, b) <= NEXT_DAY_HOURS]
    return max(leads, key=lambda b: similarity(a, b)) if leads else None


def _hours_apart(a: Claim, b: Claim) -> float:
    ta, tb = published_time(a), published_time(b)
    return abs((ta - tb).total_seconds()) / 3600 if ta and tb else math.inf


def _same_incident(
    da: str, db: str, own: list[Claim], theirs: list[Claim], roundups: set[str], pool: dict[str, list[Claim]]
) -> tuple[list[Claim], list[Claim]]:
    """The figures of two articles, one a round-up of several incidents, that tell the same incident.

    Two round-ups are compared whole: «في ثلاث حوادث بالطائف» and «في حادثين على طريق الطائف»
    sum the same accidents.
    """
    if da in roundups and db in roundups:
        return own, theirs
    if da in roundups:
        return _incident_figures(own, incident_sentences(pool.get(da) or own, pool.get(db) or theirs)), theirs
    return own, _incident_figures(theirs, incident_sentences(pool.get(db) or theirs, pool.get(da) or own))


def _incident_figures(figures: list[Claim], told: set[int]) -> list[Claim]:
    """The figures said in one incident's sentences; the first of them leads, as an article's first figure does."""
    incident = [c for c in figures if c["sentence_start"] in told]
    if incident:
        min(incident, key=lambda c: c["start"])["_lead"] = True
    return incident


def _rounds_body(title: Claim, own: list[Claim]) -> bool:
    """:func:`rounds_own_body` over the article's whole pool, read once per headline figure.

    A headline figure meets every other article of its story; the pool it is read against is the same each time.
    """
    rounds = title.get("_rounds")
    if rounds is None:
        rounds = title["_rounds"] = rounds_own_body(title, own)
    return rounds


def _twin(a: Claim, others: list[Claim]) -> Claim | None:
    """The figure another outlet gives in the same words and for the same noun: one wire text, edited.

    «استشهاد عشرة من منسوبي القوات» against «استشهاد 13 من منسوبي القوات»: whatever sums the
    figures take part in, a copy that changed the number is a contradiction.
    """
    if not a.get("_event"):
        return None
    same_noun = [b for b in others if b["unit"] == a["unit"]]
    if not same_noun:
        return None
    alike, best = max(((similarity(a, b), b) for b in same_noun), key=lambda sb: (sb[0], -sb[1]["start"]))
    return best if alike >= SAME_WORDS else None


def _one_measure(a: Claim, b: Claim, min_similarity: float) -> bool:
    """True when two figures name one measure (net profit …) in alike words, or are said in the same words."""
    sim = similarity(a, b)
    if sim >= SAME_WORDS:
        return True
    measure = measure_of(a)
    return measure is not None and measure == measure_of(b) and sim >= min_similarity


def _outlet_named(c: Claim) -> bool:
    """False when the outlet is only the default name of a JSONL feed that gave none (its file stem)."""
    path = str(c.get("path") or "")
    if not path.endswith((".jsonl", ".jsonl.gz")):
        return True
    stem = path.rsplit("/", 1)[-1].removesuffix(".gz").removesuffix(".jsonl")
    return c["outlet"] != stem


def same_day(a: Claim, b: Claim) -> bool:
    """True when two claims were published on one calendar day (or either date is unknown)."""
    da, db = a.get("published_at"), b.get("published_at")
    return not da or not db or da[:10] == db[:10]
