"""How a figure is said: the words around it, where it stands in its article, whose it is and whose side it counts.

Two figures of one quantity are the same figure said twice when they are said in alike words
(:func:`similarity` of their context words), stand in the same place of their articles
(headline, lead or body, :func:`position`) and count the same side in the same place
(:func:`same_side`). These are the readings both pairings, across outlets and inside one
article, rest on.
"""

from __future__ import annotations

import math
from collections.abc import Callable

from .compare import same_source
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
    return weighted_jaccard(a["_ctx"], b["_ctx"], a.get("_idf"))


def weighted_jaccard(wa: frozenset[str], wb: frozenset[str], weight: dict[str, float] | None = None) -> float:
    """Shared words over all words of two word sets, 0–1; with ``weight``, a rare word counts for more."""
    if not wa or not wb:
        return 0.0
    if weight is None:
        return len(wa & wb) / len(wa | wb)
    # fsum: the same total whatever order the sets iterate in (string hashing varies per process).
    union = math.fsum(weight.get(w, 1.0) for w in wa | wb)
    return math.fsum(weight.get(w, 1.0) for w in wa & wb) / union if union else 0.0


def word_weights(word_sets: list[frozenset[str]]) -> dict[str, float]:
    """Each word's weight in a run: log(N / how many of the N word sets have it) + 1."""
    df: dict[str, int] = {}
    for words in word_sets:
        for w in words:
            df[w] = df.get(w, 0) + 1
    n = len(word_sets) + 1
    return {w: math.log(n / k) + 1.0 for w, k in df.items()}


def weigh_context_words(claims: list[Claim]) -> None:
    """Give every claim the run's word weights: log(N / claims whose context has the word)."""
    for c in claims:
        c["_ctx"] = context_words(c)
    idf = word_weights([c["_ctx"] for c in claims])
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


def position(c: Claim) -> str:
    """Where a figure stands in its article: ``title``, ``lead`` (first body mention) or ``body``."""
    if c.get("in_title"):
        return "title"
    return "lead" if c.get("_lead") else "body"


def _same_value(a: Claim, b: Claim) -> bool:
    return a["value"] is not None and a["value"] == b["value"] and a["qualifier"] == b["qualifier"]


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


ROUNDING = 0.05  # a headline's round figure this close to its body's precise one is that figure rounded


def rounds_own_body(title: Claim, own: list[Claim]) -> bool:
    """True for a headline's round figure (180) that rounds one of its own body's precise figures ``own`` (178)."""
    v = title["value"]
    return bool(title["qualifier"] == "exact" and v and not v % 10 and v >= 20
                and any(not c["in_title"] and c["qualifier"] == "exact" and c["value"] and c["value"] % 10
                        and abs(c["value"] - v) <= ROUNDING * v for c in own))
