"""Tell which incident of a round-up article another article's figures can be set against.

«مصرع 7 وإصابة 9 في حوادث مرورية» heads an article that tells several accidents one after
the other: «لقي شخصان مصرعهما … على طريق الدمام/الرياض», then «إلى ذلك، لقي 4 أشخاص مصرعهم
وأصيب 4 آخرون … في مركز خيبر الجنوب». Its first figures are the first accident's, not the
lead figures of the story another outlet tells (the crash at Khaybar al-Janub). A figure of a
round-up is compared only with an article that tells the incident its sentence tells: the
incident whose own words (those no other incident of the round-up uses: a place, a road)
that article says, more than any other incident's.
"""

from __future__ import annotations

import math

from .words import TOKEN, stem

Claim = dict


def is_roundup(figures: list[Claim]) -> bool:
    """True for an article whose headline sums several incidents («… في حوادث مرورية»)."""
    return any(c.get("in_title") and c.get("scope") == "roundup" for c in figures)


def sentence_words(c: Claim) -> frozenset[str]:
    """The content words (light stems) of a claim's whole sentence, read once per claim."""
    words = c.get("_sentence_words")
    if words is None:
        words = c["_sentence_words"] = frozenset(
            s for s in map(stem, TOKEN.findall(c.get("sentence") or "")) if s
        )
    return words


def article_words(figures: list[Claim]) -> frozenset[str]:
    """The content words of every sentence of an article that holds one of its figures."""
    return frozenset().union(*(sentence_words(c) for c in figures))


def incidents(roundup: list[Claim]) -> list[set[int]]:
    """The body sentences of a round-up (by start offset), grouped by the incident they tell, in order.

    A sentence that opens with «إلى ذلك», «من جهة أخرى», «وفي حادث آخر» … starts the next
    incident; any other goes on telling the one before («وأوضح المتحدث … أن الحادث …»).
    """
    from .lexicon import load_lexicon
    from .normalize import fold

    openers = load_lexicon().incident_openers
    firsts: dict[int, str] = {}
    for c in roundup:
        if not c.get("in_title"):
            firsts.setdefault(c["sentence_start"], c.get("sentence") or "")
    groups: list[set[int]] = []
    for start in sorted(firsts):
        opening = fold(firsts[start][:40]).text.strip(" \t\n،,.:-–")
        if not groups or opening.startswith(openers):
            groups.append(set())
        groups[-1].add(start)
    return groups


def one_incident(x: Claim, y: Claim, told: list[set[int]]) -> bool:
    """True when two figures of one article can tell one incident: one part of it, or a headline and its first part.

    «قتل 16 شخصا وأصيب ستة … إلى ذلك، أعلن المتحدث العسكري … إصابة ثلاثة آخرين»: the 6 and the
    3 are two incidents' injured, not one figure said twice.
    """
    if len(told) < 2:
        return True
    where = {start: i for i, group in enumerate(told) for start in group}
    sx, sy = (None if c.get("in_title") else where.get(c["sentence_start"]) for c in (x, y))
    if sx is None and sy is None:
        return True
    if sx is None or sy is None:
        return (sx if sy is None else sy) in (0, None)
    return sx == sy


def incident_sentences(roundup: list[Claim], other: list[Claim]) -> set[int]:
    """The sentences of a round-up that tell the incident the ``other`` article tells (empty when none is clear).

    Each incident of the round-up is scored by the words only it uses in the round-up that
    the other article also says, rare words weighing more (``_idf``, the run's word weights).
    The best incident wins only when it beats every other one.
    """
    said = article_words(other)
    told = incidents(roundup)
    words_of = {c["sentence_start"]: sentence_words(c) for c in roundup if not c.get("in_title")}
    idf = next((c["_idf"] for c in roundup if c.get("_idf")), {})
    rare = math.log(len(idf) + 2) + 1.0  # a word never said near a figure in the run
    group_words = [frozenset().union(*(words_of[s] for s in group)) for group in told]
    scores = []
    for i, words in enumerate(group_words):
        elsewhere = frozenset().union(*(w for j, w in enumerate(group_words) if j != i))
        scores.append(math.fsum(idf.get(w, rare) for w in (words - elsewhere) & said))
    if not scores:
        return set()
    best = max(scores)
    winners = [i for i, v in enumerate(scores) if v == best]
    return told[winners[0]] if best > 0 and len(winners) == 1 else set()
