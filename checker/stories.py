"""Group articles that cover the same event into stories.

Two articles are one story when their distinctive words (names, places, key nouns and
the figures they report) overlap enough and, when both dates are known, they were
published within a few days of each other. Candidate pairs come from an inverted index of
each article's most distinctive words, so large archives are never compared all-to-all.
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from datetime import date
from functools import lru_cache
from heapq import nlargest
from operator import itemgetter

import polars as pl

# Story terms need no offsets: a translate table folds and strips marks far faster than
# the offset-keeping fold of the extractor.
_FOLD = str.maketrans(
    {**{c: None for c in "\u064b\u064c\u064d\u064e\u064f\u0650\u0651\u0652\u0670\u0640"},
     "أ": "ا", "إ": "ا", "آ": "ا", "ى": "ي", "ة": "ه",
     **{chr(0x0660 + i): str(i) for i in range(10)}, **{chr(0x06F0 + i): str(i) for i in range(10)}}
)
_TOKEN = re.compile(r"[\u0621-\u0652\u0670\u0640]{3,}|[0-9\u0660-\u0669\u06f0-\u06f9]{2,}")
_CLITIC = re.compile(r"^(?:وال|بال|فال|كال|لل|ال|و|ف|ب|ل)(?=[\u0621-\u064a]{3,}$)")
_STOP = frozenset(
    w.translate(_FOLD)
    for w in (
        "في من على إلى الى عن أن إن ان التي الذي الذين هذا هذه ذلك تلك كان كانت وقد قد لم لن "
        "مع بين بعد قبل عند حيث كما أو او ثم حتى منذ خلال أمس اليوم وقال قال وأضاف أضاف "
        "وأكد أكد وأشار أشار إلى فيما بينما لكن كل بعض غير أكثر أقل نحو حوالي عدد عام العام "
        "يوم اليوم الماضي الأول الثاني أيضا جميع تم يتم وتم وذلك فقط ضمن عبر لدى لها له لهم"
    ).split()
)


@lru_cache(maxsize=1 << 20)
def _term(token: str) -> str | None:
    """A word as a story term: folded, its clitics off; None for stop words and short words."""
    word = token.translate(_FOLD)
    if word in _STOP:
        return None
    word = _CLITIC.sub("", word)
    return word if len(word) >= 2 and word not in _STOP else None


def _terms(text: str) -> Counter[str]:
    out: Counter[str] = Counter()
    for token, count in Counter(_TOKEN.findall(text)).items():
        term = _term(token)
        if term:
            out[term] += count
    return out


def _day(published_at: str | None) -> date | None:
    try:
        return date.fromisoformat(published_at[:10]) if published_at else None
    except ValueError:
        return None


def group_stories(
    docs: list[tuple[str, str, str | None]],
    quantities: dict[str, list[str]] | None = None,
    threshold: float = 0.22,
    max_days: int = 3,
    top_terms: int = 40,
    quantity_weight: int = 4,
    shared_fact_bonus: float = 0.1,
    max_bonus: float = 0.2,
    max_size: int = 20,
    strong: float = 0.45,
    weak: float = 0.12,
    margin: float = 2.8,
) -> dict[str, str]:
    """Return doc_id -> story id for ``(doc_id, text, published_at)`` triples.

    ``quantities`` maps a doc_id to the quantities its claims report (e.g.
    ``soldier/killed/turkey``): two articles that count the same thing are more likely one
    story than two that merely share words, and each shared *event* quantity (one with a
    predicate and a side, ``soldier/killed/turkey``) adds ``shared_fact_bonus`` to their
    similarity. A part of at most two articles whose best link to a story is at least
    ``weak`` and ``margin`` times its link to any other story joins it, when both articles'
    dates are known. Story ids are ``S1``, ``S2`` … in order of each story's first article.
    """
    n = len(docs)
    doc_col: list[int] = []
    term_col: list[str] = []
    tf_col: list[int] = []
    for i, (doc_id, text, _) in enumerate(docs):
        tf = _terms(text)
        for key in set((quantities or {}).get(doc_id, ())):
            tf["#" + key] += quantity_weight
        doc_col.extend([i] * len(tf))
        term_col.extend(tf.keys())
        tf_col.extend(tf.values())
    days = [_day(p) for _, _, p in docs]
    facts = [{k for k in (quantities or {}).get(doc_id, ()) if "/None" not in k} for doc_id, _, _ in docs]
    parts = Parts(n)
    ordinals = [d.toordinal() if d else None for d in days]
    pairs = (
        _similar_pairs(doc_col, term_col, tf_col, n, top_terms)
        .filter(pl.col("sim") + max_bonus >= threshold)
        .with_columns(
            pl.col("doc").replace_strict(range(n), ordinals, return_dtype=pl.Int32).alias("day"),
            pl.col("doc_b").replace_strict(range(n), ordinals, return_dtype=pl.Int32).alias("day_b"),
        )
        .filter(((pl.col("day") - pl.col("day_b")).abs() <= max_days).fill_null(True))
    )
    scored = []
    weak_links = []
    for i, j, sim in pairs.select("doc", "doc_b", "sim").iter_rows():
        sim += min(max_bonus, shared_fact_bonus * len(facts[i] & facts[j]))
        if sim >= threshold:
            scored.append((-sim, i, j))
        if sim >= WEAK_FLOOR and days[i] is not None and days[j] is not None:
            weak_links.append((sim, i, j))  # a weak link holds only where both dates confirm it
    # Most alike pairs first; a story past ``max_size`` articles grows only through strong
    # links, so that chains of loosely alike reports (market days, weather) stay apart.
    for neg_sim, i, j in sorted(scored):
        parts.join(i, j, max_size if -neg_sim < strong else n)
    _attach_weak_parts(weak_links, parts, weak, margin, max_size)
    names: dict[int, str] = {}
    out: dict[str, str] = {}
    for i, (doc_id, _, _) in enumerate(docs):
        root = parts.find(i)
        names.setdefault(root, f"S{len(names) + 1}")
        out[doc_id] = names[root]
    return out


PART_SIZE = 2  # articles at most in a part that a weak link may join to a story
WEAK_FLOOR = 0.02  # links weaker than this count as no link when a part's best link is weighed


class Parts:
    """Articles joined into stories so far (union–find), with each story's size."""

    def __init__(self, n: int) -> None:
        self.parent = list(range(n))
        self.size = [1] * n

    def find(self, i: int) -> int:
        """The story (its root article) that article ``i`` is in."""
        parent = self.parent
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    def join(self, i: int, j: int, max_size: int) -> None:
        """Join the stories of ``i`` and ``j`` unless together they would pass ``max_size`` articles."""
        ri, rj = self.find(i), self.find(j)
        if ri != rj and self.size[ri] + self.size[rj] <= max_size:
            self.parent[ri] = rj
            self.size[rj] += self.size[ri]


def _attach_weak_parts(links: list[tuple[float, int, int]], parts: Parts, weak: float, margin: float,
                       max_size: int) -> None:
    """Join a part of a story to the story it is most alike, when that link stands out.

    One outlet's account may share too few words with the others to pass the threshold
    (a short wire text, a match report told from the other side); when its best link to
    another story is at least ``weak`` and ``margin`` times its link to any third story,
    it belongs there.
    """
    best: dict[int, dict[int, float]] = defaultdict(dict)
    for sim, i, j in links:
        ri, rj = parts.find(i), parts.find(j)
        if ri == rj:
            continue
        for a, b in ((ri, rj), (rj, ri)):
            if sim > best[a].get(b, 0.0):
                best[a][b] = sim
    joins = []
    for root, others in best.items():
        if parts.size[root] > PART_SIZE:
            continue  # a story of its own: two stories alike in words stay two
        (first_root, first), *rest = nlargest(2, others.items(), key=itemgetter(1))
        second = rest[0][1] if rest else 0.0
        if first >= weak and first >= margin * second:
            joins.append((-first, root, first_root))
    for _, a, b in sorted(joins):
        parts.join(a, b, max_size)


def _similar_pairs(doc_col: list[int], term_col: list[str], tf_col: list[int], n: int, top_terms: int) -> pl.DataFrame:
    """Cosine similarity of every pair of articles that share a distinctive word (tf-idf, top terms).

    Words of one article only cannot make two articles alike and are left out; so are words
    in more than ``max(50, 0.5 %)`` of the articles (too common to tell stories apart). The
    pairs come from a self-join on the words: never all-to-all.
    """
    cap = max(50, int(0.005 * n))
    frame = pl.DataFrame({"doc": doc_col, "term": term_col, "tf": tf_col},
                         schema={"doc": pl.Int32, "term": pl.String, "tf": pl.Int32})
    vectors = (
        frame.lazy()
        .with_columns(pl.len().over("term").alias("df"))
        .filter(pl.col("df") > 1)
        .with_columns(((1 + pl.col("tf").log()) * ((1 + n) / pl.col("df")).log()).alias("w"))
        .filter(pl.col("w").rank("ordinal", descending=True).over("doc") <= top_terms)
        .with_columns((pl.col("w") / (pl.col("w") ** 2).sum().sqrt().over("doc")).alias("w"))
        .filter(pl.col("df") <= cap)
        .select("doc", "term", "w")
    )
    return (
        vectors.join(vectors, on="term", suffix="_b")
        .filter(pl.col("doc") < pl.col("doc_b"))
        .group_by("doc", "doc_b")
        .agg((pl.col("w") * pl.col("w_b")).sum().alias("sim"))
        .sort("doc", "doc_b")
        .collect()
    )


SHINGLE = 5  # words per shingle when telling copies of one wire story


def _shingles(text: str) -> set[int]:
    words = [t for t in (_term(w) for w in _TOKEN.findall(text)) if t]
    return {hash(tuple(words[i : i + SHINGLE])) for i in range(max(0, len(words) - SHINGLE + 1))}


def wire_copies(docs: list[tuple[str, str]], stories: dict[str, str], threshold: float = 0.5) -> set[frozenset[str]]:
    """Pairs of articles of one story that are copies of one text (a wire story carried by several outlets).

    Two articles are copies when half of their five-word runs are the same (Jaccard). Their
    agreement is one source, not two; a figure that differs between them points at an edit.
    """
    by_story: dict[str, list[tuple[str, str]]] = {}
    for doc_id, text in docs:
        story = stories.get(doc_id)
        if story is not None:
            by_story.setdefault(story, []).append((doc_id, text))
    copies: set[frozenset[str]] = set()
    for members in by_story.values():
        if len(members) < 2:
            continue  # most stories are one article: nothing to shingle
        shingled = [(doc_id, _shingles(text)) for doc_id, text in members]
        for i, (a, sa) in enumerate(shingled):
            for b, sb in shingled[i + 1 :]:
                if sa and sb and len(sa & sb) / len(sa | sb) >= threshold:
                    copies.add(frozenset((a, b)))
    return copies
