"""Decide which claims of one quantity to compare: counterparts across articles, headline and body.

Two articles of a story rarely report a quantity once each. They give a total, its parts
(per accident, per city), a headline figure and a spokesman's figure. Comparing every pair
under one quantity key drowns the real contradictions in noise, so pairs are chosen the way
a fact-checker reads:

* a figure that has **no agreeing figure** in the other article is compared with its
  **counterpart** there: the figure said in the most similar words, or the other article's
  lead figure when both are lead figures (headline or first mention);
* a figure that is the **sum of other figures** of the article (176 = 87 + 89) is a total,
  and figures that add up to a figure somewhere in the story are parts, not contradictions;
* inside one article, the **headline** is checked against the body, and two body figures
  only when they are said in nearly the same words (a restatement that changed the number).
"""

from __future__ import annotations

import math
from collections.abc import Callable, Iterable
from itertools import combinations

import regex

from .compare import (
    NOUN_FORMS,
    magnitude_slip,
    measure_of,
    near_copy,
    plausible_pair,
    published_time,
    same_source,
    tenfold_slip,
    written_ulp,
)
from .incidents import incident_sentences, is_roundup
from .normalize import fold
from .words import TOKEN, stem

Claim = dict
Agree = Callable[[Claim, Claim], bool]

WINDOW_BEFORE = 7
SAME_WORDS = 0.6  # context similarity above which two figures are said in the same words
WINDOW_AFTER = 5


def context_words(c: Claim) -> frozenset[str]:
    """The content words said around a claim's number (light stems, numbers and stop words left out)."""
    sentence, offset = c["sentence"] or "", c["start"] - (c.get("sentence_start") or 0)
    end = offset + (c["end"] - c["start"])
    before = [m.group() for m in TOKEN.finditer(sentence, 0, max(0, offset))][-WINDOW_BEFORE:]
    after = [m.group() for m in TOKEN.finditer(sentence, min(len(sentence), end))][:WINDOW_AFTER]
    return frozenset(s for s in map(stem, before + after) if s)


def similarity(a: Claim, b: Claim) -> float:
    """How alike the words around two claims are: Jaccard overlap of their context words, 0–1.

    When the claims carry word weights (``_idf``, set by :func:`weigh_context_words` from how
    many claims of the run say each word), a shared rare word (الفضة، شرق جدة) counts for more
    than a shared common one (دولار، بالمئة).
    """
    if "_ctx" not in a:
        a["_ctx"] = context_words(a)
    if "_ctx" not in b:
        b["_ctx"] = context_words(b)
    wa, wb = a["_ctx"], b["_ctx"]
    if not wa or not wb:
        return 0.0
    idf = a.get("_idf")
    if idf is None:
        return len(wa & wb) / len(wa | wb)
    # fsum: the same total whatever order the sets iterate in (string hashing varies per process).
    union = math.fsum(idf.get(w, 1.0) for w in wa | wb)
    return math.fsum(idf.get(w, 1.0) for w in wa & wb) / union if union else 0.0


def weigh_context_words(claims: list[Claim]) -> None:
    """Give every claim the run's word weights: log(N / claims whose context has the word)."""
    df: dict[str, int] = {}
    for c in claims:
        c["_ctx"] = words = context_words(c)
        for w in words:
            df[w] = df.get(w, 0) + 1
    n = len(claims) + 1
    idf = {w: math.log(n / k) + 1.0 for w, k in df.items()}
    for c in claims:
        c["_idf"] = idf


def is_lead(c: Claim) -> bool:
    """True for a headline figure or an article's first figure of its quantity."""
    return bool(c.get("in_title") or c.get("_lead"))


def mark_leads(by_doc: dict[str, list[Claim]]) -> None:
    """Mark each article's first body figure of a quantity as its lead, and its restatements as main figures."""
    for members in by_doc.values():
        body = [c for c in members if not c.get("in_title")]
        for c in members:
            c["_lead"] = False
        if body:
            min(body, key=lambda c: c["start"])["_lead"] = True
        main_values = {c["value"] for c in members if c.get("in_title") or c["_lead"]}
        for c in members:
            c["_main"] = c["value"] in main_values


def carry_sources(by_doc: dict[str, list[Claim]], pool: dict[str, list[Claim]]) -> None:
    """Give an unsourced figure the source its article names for the same figure.

    «هجوم انتحاري يقتل جنديين ويصيب 24» in the headline, «وأعلن مكتب حاكم الإقليم أن اثنين …
    قتلا وأصيب 24» in the body: the headline's 24 is the governor's figure, and another
    outlet's 31 from the army is a sourced disagreement, not an outlet's error. Only when
    one source in the article gives that value under the same verb (``pool``: the article's
    figures of people of any kind, or of the same unit), and none gives another.
    """
    for doc, members in by_doc.items():
        predicate = members[0]["predicate"]
        sourced = [c for c in pool.get(doc, members) if c["source"] and c["predicate"] == predicate]
        if not sourced:
            continue
        for c in members:
            if c["source"] or c["value"] is None:
                continue
            names = {s["source"] for s in sourced if s["value"] == c["value"] and s["qualifier"] == c["qualifier"]
                     and same_side(s, c)}
            if len(names) != 1:
                continue
            name = next(iter(names))
            if all(same_source(s["source"], name) for s in sourced if s["value"] != c["value"]):
                c["_told_by"] = name


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


def position(c: Claim) -> str:
    """Where a figure stands in its article: ``title``, ``lead`` (first body mention) or ``body``."""
    if c.get("in_title"):
        return "title"
    return "lead" if c.get("_lead") else "body"


def counterpart(a: Claim, others: list[Claim], min_similarity: float) -> Claim | None:
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
        near = near_figure(a, others)  # confirmed or not: a near copy is the same figure
        if near is None:
            slips = [b for b in others if b["qualifier"] == a["qualifier"] and magnitude_slip(a, b)]
            near = slips[0] if len(slips) == 1 else None  # 70857 tonnes against 708.57: one figure, a slip
        if near is not None and (alike is None or similarity(a, alike) < min_similarity):
            return near  # «1.308 مشروعات» against «1.305 مشروعات»: one count with a digit slipped
        if where == "title":
            heads = [b for b in others if position(b) == "title"]
            if len(heads) == 1 and (alike is None or similarity(a, alike) < min_similarity):
                return heads[0]  # «عودة لثلاثة وزراء» against «عودة لـ 4 وزراء»: two headlines, one count
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


def near_figure(a: Claim, others: list[Claim]) -> Claim | None:
    """The one figure among ``others`` that is a near copy of the count ``a`` (1,305 and 1,308 projects).

    Only exact counts of a hundred or more qualify, and only when exactly one figure is that
    close: a slipped digit in a count a statement gives, not two counts that happen to be near.
    """
    if a["kind"] != "count" or a["qualifier"] != "exact" or not a["value"]:
        return None
    near = [b for b in others if b["kind"] == "count" and near_copy(a, b)]
    if not near:
        return swapped_copy(a, others)
    return near[0] if len(near) == 1 else None


def swapped_copy(a: Claim, others: list[Claim]) -> Claim | None:
    """The one figure said in the same words as the count ``a`` with two digits swapped: «63 خريجاً» and «36 خريجًا».

    A slip of the keyboard, on any day: no day's statistic turns 63 into 36 in the same sentence.
    """
    if a["kind"] != "count" or a["qualifier"] != "exact" or not a["value"]:
        return None
    copies = [b for b in others if b["kind"] == "count" and b["qualifier"] == "exact" and b["value"]
              and swapped_digits(a, b) and similarity(a, b) >= SAME_WORDS]
    return copies[0] if len(copies) == 1 else None


def tenfold_copy(a: Claim, others: list[Claim], min_similarity: float) -> Claim | None:
    """The one figure in alike words that is the count ``a`` with a zero dropped or added (1,300 and 13,000 troops).

    No later statement multiplies a count by exactly ten: on any day, it is the same figure.
    """
    copies = [b for b in others if tenfold_slip(a, b) and similarity(a, b) >= min_similarity]
    return copies[0] if len(copies) == 1 else None


def _digits(c: Claim) -> str:
    text = (c.get("number_text") or "").translate(_TO_ASCII)
    return text if text.isdigit() else str(int(c["value"])) if float(c["value"]).is_integer() else ""


_TO_ASCII = str.maketrans("٠١٢٣٤٥٦٧٨٩۰۱۲۳۴۵۶۷۸۹", "01234567890123456789")


def swapped_digits(a: Claim, b: Claim) -> bool:
    """True when two whole numbers differ by two neighbouring digits swapped: 63 and 36, 1,243 and 1,423."""
    da, db = _digits(a), _digits(b)
    if len(da) != len(db) or len(da) < 2 or da == db:
        return False
    diff = [i for i, (x, y) in enumerate(zip(da, db, strict=True)) if x != y]
    return len(diff) == 2 and diff[1] == diff[0] + 1 and da[diff[0]] == db[diff[1]] and da[diff[1]] == db[diff[0]]


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


def day_bound(c: Claim) -> bool:
    """True for a statistic that belongs to its day (a price, a rate, an index), not a count of an act.

    «اعتمد تمويل 1.305 مشروعات» is the same fact on Tuesday and on Thursday; «ارتفع المؤشر 30
    نقطة» on Thursday is another day's move.
    """
    return c["kind"] != "count" or c["predicate"] in (None, "rose", "fell")


def closed_period(c: Claim) -> bool:
    """True for a figure of a period that is over («في نهاية العام السابق»): the same fact on any day."""
    closed = c.get("_closed")
    if closed is None:  # read once per claim: a claim meets every article of its story
        closed = c["_closed"] = bool(_CLOSED_PERIOD.search(fold(c.get("sentence") or "").text))
    return closed


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
                if a["in_title"] and _rounds_own_body(a, pool.get(da) or own):
                    continue  # «تحرير 180 رهينة» over «حرر الجيش 178 شخصا»: the body's figure, rounded
                others = [b for b in theirs if same_side(a, b) and plausible_pair(a, b)
                          and not (b["in_title"] and _rounds_own_body(b, pool.get(db) or theirs))]
                # A statistic (a price, a rate) belongs to its day: yesterday's close is no
                # contradiction. A count a statement gives is the same fact days later, but
                # only its near copy (a slipped digit) is surely the same figure.
                other_day = not a.get("_event") and not same_day(a, theirs[0]) and not (
                    closed_period(a) and closed_period(theirs[0]))
                near = None
                if other_day:
                    near = swapped_copy(a, others) if day_bound(a) else near_figure(a, others)
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
                    b = counterpart(a, others, min_similarity)
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


ROUNDING = 0.05  # a headline's round figure this close to its body's precise one is that figure rounded


def _rounds_own_body(title: Claim, own: list[Claim]) -> bool:
    """True for a headline's round figure (180) that rounds its own body's precise figure (178).

    Read once per headline figure: it meets every other article of its story.
    """
    rounds = title.get("_rounds")
    if rounds is None:
        v = title["value"]
        rounds = title["_rounds"] = bool(
            title["qualifier"] == "exact" and v and not v % 10 and v >= 20
            and any(not c["in_title"] and c["qualifier"] == "exact" and c["value"] and c["value"] % 10
                    and abs(c["value"] - v) <= ROUNDING * v for c in own))
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


def _one_measure(a: Claim, b: Claim, min_similarity: float) -> bool:
    """True when two figures name one measure (net profit …) in alike words, or are said in the same words."""
    sim = similarity(a, b)
    if sim >= SAME_WORDS:
        return True
    measure = measure_of(a)
    return measure is not None and measure == measure_of(b) and sim >= min_similarity


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


def _same_value(a: Claim, b: Claim) -> bool:
    return a["value"] is not None and a["value"] == b["value"] and a["qualifier"] == b["qualifier"]


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
                near = near_figure(t, told) or _far_only(t, told)
                if near is not None:
                    out.append((t, near, "headline"))  # the headline's 1.308 projects, the body's 1.305
                continue  # a statistic in the headline that the body does not restate
            if any(agree(t, b) for b in told) or sum_parts(t, told):
                continue
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


def place_part(c: Claim) -> bool:
    """True for a part of a toll that names its place: «بينهم 15 حالة وفاة بالعاصمة القاهرة»."""
    return c.get("scope") == "part" and bool(c.get("place"))


def same_side(a: Claim, b: Claim) -> bool:
    """True when two claims can count the same side's people or things, in the same place.

    An unknown side or place matches any: «15 in Cairo» and «21 in Egypt» are different
    quantities, «15 in Cairo» and «15» may be one.
    """
    if a["predicate"] == "age":
        return a["side"] == b["side"]  # the woman's age is not the man's, wherever the sentence places her
    if a.get("place") and b.get("place") and a["place"] != b["place"]:
        return False
    if a.get("place") != b.get("place") and (place_part(a) or place_part(b)):
        return False  # «بينهم 15 بالقاهرة» counts Cairo only: it answers only another count for Cairo
    return not a["side"] or not b["side"] or a["side"] == b["side"]
