"""Compare the minutes outlets give to one goal: Almeida's opener in the 26th minute, or the 29th.

Match reports time each goal («وسجل الميدا أول أهداف اللقاء عند الدقيقة 26»، AFP's «وسجل
بيبي الهدف الثالث (43)»، «سجلها بنزيمة ورونالدو وبيبي في الدقائق 21 و25 و44») and name its
scorer. Two outlets covering one match that time the same scorer's goal differently
contradict each other. The words before a minute must tell a goal and no other match event
(a card, a substitution, a miss, a goal ruled out); the scorer is among the words around it
that may name someone (not `match_words` or `given_names`, not a team name the article
repeats), or after a marker («عند الدقيقة 57 عن طريق تشافي»). Two minutes time the same goal
when each is the other's only best match on such names, and neither has a name the other
article gives to another of its goals. Minutes 45 apart agree (the second half counted from
its start: «الدقيقة 29 من الشوط الثاني» is the 74th), and so do stoppage minutes past the
45th or the 90th; a minute counted in stoppage or extra time («90+2») is not compared.
"""

from __future__ import annotations

from collections import defaultdict
from itertools import combinations
from typing import Any

import polars as pl
import regex

from .compare import Claim
from .evidence import one_per_article, outlier_findings, published_seconds
from .lexicon import Lexicon, load_lexicon
from .names import WORD, in_words, skeleton
from .normalize import fold, fold_word
from .rules import Suites

_CLAUSE_END = regex.compile(r"[.،,؛;:!?؟()«»\"]")
_STOPPAGE_MARK = regex.compile(r"\+\s*$|^\s*\+")
_HALF = regex.compile(r"^من (?:عمر )?(?:الشوط|شوط) (?:الاول|الثاني)(?: من (?:المباراه|اللقاء))?")
_ONE_GOAL = frozenset({"هدف", "هدفا", "الهدف", "بالهدف", "بهدف", "هدفه", "هدفها"})
_ORDINALS = frozenset({"الاول", "الثاني", "الثالث", "الرابع", "الخامس", "السادس", "السابع", "ثان", "ثانيا",
                       "ثالث", "ثالثا", "رابع", "رابعا", "الوحيد", "وحيد", "الاخير", "التعادل", "الفوز"})
_LIST_GAP = regex.compile(r"[\s،,)(]*(?:من (?:عمر )?الشوط (?:الاول|الثاني)[\s،,]*)?(?:و\s*)?[\s(]*")
_LIST_TAIL = frozenset({"في", "عند", "بالدقائق", "بالدقيقتين", "الدقائق", "الدقيقتين"})
_EXTRA_TIME = regex.compile(r"^من (?:عمر )?(?:الوقت|الاشواط|الشوطين|الشوط) (?:الاضافي|الاضافيه|الاضافيين)")
WINDOW_WORDS = 12  # words before a minute that may tell its goal and scorer
CLAUSE_WORDS = 20  # … or, when they tell no goal, the words of its clause up to this many
MARKED_WORDS = 3  # words after a scorer marker that name the scorer
REPEATED_NAME = 4  # a name the article writes this often is a team's, not a scorer's
MAX_APART = 2 * 86400  # seconds: a match is reported that night and the next days, not the week after
STOPPAGE = 10  # minutes past the 45th or the 90th that stoppage time may add
LAST_MINUTE = 125  # a bracketed number up to this after a goal is its minute


def _clause_after(after: str) -> str:
    """The rest of a minute's clause: «(٢٩) عبر رأسية من عرضية فيصل درويش، وأضاف» -> «عبر رأسية … درويش»."""
    return _CLAUSE_END.split(after.lstrip(" )]»\"\u200f"), 1)[0]


def _window(before: str, lex: Lexicon) -> list[str]:
    """The folded words before a minute that may tell its goal: the last few, or its whole clause.

    «وتقدم الفريق الإيطالي مبكرا عبر ضربة حرة نفذها ببراعة قائده … دي ناتالي عند الدقيقة الثانية»:
    the goal word opens a clause longer than the window.
    """
    words = [fold_word(w) for w in WORD.findall(before)][-WINDOW_WORDS:]
    if not any(in_words(w, lex.goal_words) for w in words):
        clause = [fold_word(w) for w in WORD.findall(_CLAUSE_END.split(before)[-1])][-CLAUSE_WORDS:]
        if len(clause) > len(words):
            return clause
    return words


def _names_of(before: str, after: str, lex: Lexicon) -> set[str] | None:
    """The skeletons of the names that may tell a goal's scorer, or None if no goal is told.

    The words before the minute must tell a goal and no other match event (a card, a
    substitution, a miss, a goal ruled out); a minute counted in stoppage or extra time
    («الدقيقة 90+2»، «الدقيقة 4 من الوقت الإضافي») is not compared.
    """
    if _STOPPAGE_MARK.search(before) or _STOPPAGE_MARK.match(after):
        return None
    words = _window(before, lex)
    if not any(in_words(w, lex.goal_words) for w in words) or any(in_words(w, lex.other_match_events) for w in words):
        return None
    clause_after = " ".join(fold_word(w) for w in WORD.findall(_clause_after(after)))
    if _EXTRA_TIME.match(clause_after):
        return None
    clause_after = _HALF.sub("", clause_after, count=1).strip()
    marker = next((m for m in lex.scorer_markers if clause_after.startswith(m)), None)
    if marker is not None:
        words += clause_after[len(marker):].split()[:MARKED_WORDS]
    return _names(words, lex)


def _names(words: list[str], lex: Lexicon) -> set[str]:
    """The skeletons of the words that may name a player, without the team a goal is for.

    «الهدف الثالث لريال مدريد»، «سجل هدفا للهلال»: a word with «ل» after one goal (and its
    ordinal) names the team, and so does the word after it; after a count of goals it names
    the scorer («بأربعة أهداف لجيمي فاردي»).
    """
    stop = lex.goal_words | lex.other_match_events | lex.match_words
    out: set[str] = set()
    team = False
    for i, w in enumerate(words):
        if team:
            team = False
            if not in_words(w, stop):
                continue
        before = words[i - 1] if i else ""
        if w[:1] == "ل" and (before in _ONE_GOAL or (before in _ORDINALS and i > 1 and words[i - 2] in _ONE_GOAL)):
            team = not w.startswith("لل")  # «لريال مدريد»; «للهلال» is one word
            continue
        if not in_words(w, stop) and len(k := skeleton(w)) >= 2:
            out.add(k)
    return out


def _scorer_list(before: str, size: int, lex: Lexicon) -> list[set[str]] | None:
    """The scorers a list of minutes times, in order: «سجلها بنزيمة ورونالدو وبيبي في الدقائق 21 و25 و44».

    The names between the last goal word and the minutes, one per «و» (or the words before the
    goal word when none follow it); one scorer's goals in their order; None when scorers and
    minutes differ in number otherwise («(هدفين)»).
    """
    words = _window(before, lex)
    if _names_of(before, "", lex) is None:
        return None
    last_goal = max(i for i, w in enumerate(words) if in_words(w, lex.goal_words))
    scorers: list[list[str]] = []
    for w in words[last_goal + 1:]:
        if w in _LIST_TAIL:
            break
        if not scorers or w.startswith("و"):
            scorers.append([])
        scorers[-1].append(w)
    if not scorers:  # «وفرض مؤمن زكريا نفسه نجما بتسجيله الهدفين في الدقيقتين 30 و80»: named before
        scorers = [words[:last_goal]]
    if len(scorers) == 1:  # «سجل هدفي الأهلي مؤمن زكريا في الدقيقتين 33 و78»: his first goal, his second
        return [{f"{name}#{i}" for name in _names(scorers[0], lex)} for i in range(1, size + 1)]
    if len(scorers) != size:
        return None
    return [_names(named, lex) for named in scorers]


def _runs(rows: list[Claim]) -> list[list[Claim]]:
    """The minutes of one article, those written as one list («في الدقائق 21 و25 و44») together."""
    runs: list[list[Claim]] = []
    for c in rows:
        prev = runs[-1][-1] if runs else None
        s0 = c["sentence_start"]
        if prev is not None and prev["sentence_start"] == s0 and _LIST_GAP.fullmatch(
                fold_word((c.get("sentence") or "")[prev["end"] - s0:c["start"] - s0])):
            runs[-1].append(c)
        else:
            runs.append([c])
    return runs


def _goals(rows: list[Claim], text_words: dict[str, int], lex: Lexicon) -> list[tuple[Claim, set[str]]]:
    """The minutes of one article that time a goal, with the names around each."""
    told = []
    last_end: dict[int, int] = {}
    for run in _runs(rows):
        head, last = run[0], run[-1]
        sentence, s0 = head.get("sentence") or "", head["sentence_start"]
        before = sentence[last_end.get(s0, 0):head["start"] - s0]
        after = sentence[last["end"] - s0:]
        last_end[s0] = last["end"] - s0
        if len(run) == 1:
            names = _names_of(before, after, lex)
            named = [names] if names else None
        else:
            named = _scorer_list(before, len(run), lex)
        for c, names in zip(run, named or [], strict=False):
            told.append((c, {n for n in names if text_words.get(n, 0) < REPEATED_NAME}))
            # How the goal is told, after the minute too: the outlet to quote against tells it most alike.
            c["_told"] = names | {skeleton(fold_word(w)) for w in WORD.findall(_clause_after(after))}
    # A name around two minutes of one article does not tell them apart.
    seen: dict[str, int] = defaultdict(int)
    for _, names in told:
        for n in names:
            seen[n] += 1
    return [(c, {n for n in names if seen[n] == 1}) for c, names in told]


ONE_GOAL = "#only-goal"  # the name shared by the minutes of a match's only goal
_ONE_NIL = regex.compile(r"(?<![0-9.,/:-])(?:1 ?[-–] ?0|0 ?[-–] ?1)(?![0-9.,/:-])")


def _one_goal_match(text: str, lex: Lexicon) -> bool:
    """True when an article says its match ended with one goal («بهدف دون مقابل»، «هدفه الوحيد»، 1-0)."""
    folded = fold(text).text
    return any(phrase in folded for phrase in lex.one_goal_results) or _ONE_NIL.search(folded) is not None


def _agree(a: float, b: float) -> bool:
    low, high = sorted((a, b))
    return high - low in (0, 45) or (low in (45, 90) and high - low <= STOPPAGE)


def _matches(ga: list[tuple[Claim, set[str]]], gb: list[tuple[Claim, set[str]]]) -> list[tuple[Claim, Claim]]:
    """The goals of two articles that are each other's only best match on the names around them.

    Two minutes share no goal when a name one of them has and the other lacks is around
    another minute of the other article: «الهدف الثالث لريال مدريد (43)» by Pepe is not
    «الهدف الرابع لريال مدريد في الدقيقة 73» when Pepe has his own minute there.
    """
    elsewhere_a = [set().union(*(n for k, (_, n) in enumerate(ga) if k != i)) for i in range(len(ga))]
    elsewhere_b = [set().union(*(n for k, (_, n) in enumerate(gb) if k != j)) for j in range(len(gb))]

    def shared(i: int, j: int) -> int:
        na, nb = ga[i][1], gb[j][1]
        if (na - nb) & elsewhere_b[j] or (nb - na) & elsewhere_a[i]:
            return 0
        return len(na & nb)

    scores = {(i, j): shared(i, j) for i in range(len(ga)) for j in range(len(gb))}

    def only_best(ranked: list[tuple[int, int]]) -> int | None:
        ranked.sort(reverse=True)
        if not ranked or ranked[0][0] == 0 or (len(ranked) > 1 and ranked[1][0] == ranked[0][0]):
            return None
        return ranked[0][1]

    pairs = []
    for i in range(len(ga)):
        j = only_best([(scores[(i, j)], j) for j in range(len(gb))])
        if j is not None and only_best([(scores[(k, j)], k) for k in range(len(ga))]) == i:
            pairs.append((ga[i][0], gb[j][0]))
    return pairs


def minute_claims(claims: pl.DataFrame) -> pl.DataFrame:
    """The claims that may time a goal: «في الدقيقة 26», and AFP's bracketed «الهدف الثالث (43)»."""
    at = pl.col("start") - pl.col("sentence_start")
    # AFP writes a goal's minute in brackets after it: «وسجل بيبي الهدف الثالث (43)».
    bracketed = ((pl.col("kind") == "count") & pl.col("unit").is_null() & pl.col("value").is_between(1, LAST_MINUTE)
                 & (pl.col("value") % 1 == 0)
                 & pl.col("sentence").str.slice(at - 2, 2).str.contains(r"\(\s?$")
                 & pl.col("sentence").str.slice(at + pl.col("end") - pl.col("start"), 2).str.contains(r"^\s?\)"))
    return claims.filter((((pl.col("kind") == "ordinal") & (pl.col("unit") == "minute")) | bracketed)
                         & ~pl.col("in_title") & pl.col("value").is_not_null() & (pl.col("qualifier") == "exact"))


def goal_minute_findings(claims: pl.DataFrame, stories: dict[str, str], suites: Suites,
                         texts: dict[str, str] | None = None) -> list[dict[str, Any]]:
    """Two outlets that time one scorer's goal in different minutes.

    ``texts`` (the articles by doc_id) tells the team names an article repeats; without them
    the sentences of its claims do.
    """
    rule = suites.by_kind("goal_minute_conflict")
    if rule is None:
        return []
    minutes = minute_claims(claims)
    if minutes.is_empty():
        return []
    docs = set(minutes["doc_id"].unique().to_list())
    if texts is None:
        sentences = (claims.filter(pl.col("doc_id").is_in(sorted(docs))).unique(["doc_id", "sentence_start"])
                     .group_by("doc_id").agg(pl.col("sentence").str.join(" ")))
        texts = dict(zip(sentences["doc_id"].to_list(), sentences["sentence"].to_list(), strict=True))
    lex = load_lexicon()
    by_story: dict[str, dict[str, list[tuple[Claim, set[str]]]]] = defaultdict(dict)
    for (doc,), rows in minutes.sort("start").group_by(["doc_id"], maintain_order=True):
        story = stories.get(str(doc))
        if story is None:
            continue
        counts: dict[str, int] = defaultdict(int)
        for w in WORD.findall(texts.get(str(doc)) or ""):
            counts[skeleton(fold_word(w))] += 1
        goals = _goals(rows.to_dicts(), counts, lex)
        if len(goals) == 1 and _one_goal_match(texts.get(str(doc)) or "", lex):
            goals[0][1].add(ONE_GOAL)  # the match's only goal: any other article's only goal
        if goals:
            by_story[story][str(doc)] = goals
    findings = []
    for story, told in by_story.items():
        pairs = [p for (_, ga), (_, gb) in combinations(sorted(told.items()), 2)
                 if abs(published_seconds(ga[0][0]) - published_seconds(gb[0][0])) <= MAX_APART
                 for p in _matches(ga, gb)]
        for goal in one_per_article(pairs):
            findings += outlier_findings(rule, story, goal, (story, "ordinal", "minute", None),
                                         same=lambda a, b: _agree(a["value"], b["value"]),
                                         likeness=lambda a, b: len(a["_told"] & b["_told"]))
    return findings
