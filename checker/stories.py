"""Group articles that cover the same event into stories.

Two articles are one story when their distinctive words (names, places, key nouns and
the figures they report) overlap enough and, when both dates are known, they were
published within a few days of each other. Candidate pairs come from an inverted index of
each article's most distinctive words, so large archives are never compared all-to-all.
"""

from __future__ import annotations

import math
from collections import Counter, defaultdict
from datetime import date

import regex

from .normalize import fold

_WORD = regex.compile(r"[\p{Arabic}]{3,}|[0-9]{2,}")
_CLITIC = regex.compile(r"^(?:وال|بال|فال|كال|لل|ال|و|ف|ب|ل)(?=\p{Arabic}{3,})")
_STOP = set(
    fold(w).text
    for w in (
        "في من على إلى الى عن أن إن ان التي الذي الذين هذا هذه ذلك تلك كان كانت وقد قد لم لن "
        "مع بين بعد قبل عند حيث كما أو او ثم حتى منذ خلال أمس اليوم وقال قال وأضاف أضاف "
        "وأكد أكد وأشار أشار إلى فيما بينما لكن كل بعض غير أكثر أقل نحو حوالي عدد عام العام "
        "يوم اليوم الماضي الأول الثاني أيضا جميع تم يتم وتم وذلك فقط ضمن عبر لدى لها له لهم"
    ).split()
)


def _terms(text: str) -> Counter[str]:
    folded = fold(text).text
    out: Counter[str] = Counter()
    for m in _WORD.finditer(folded):
        w = _CLITIC.sub("", m.group())
        if w not in _STOP:
            out[w] += 1
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
) -> dict[str, str]:
    """Return doc_id -> story id for ``(doc_id, text, published_at)`` triples.

    ``quantities`` maps a doc_id to the quantities its claims report (e.g.
    ``soldier/killed/turkey``): two articles that count the same thing are more likely one
    story than two that merely share words, and each shared *event* quantity (one with a
    predicate and a side, ``soldier/killed/turkey``) adds ``shared_fact_bonus`` to their
    similarity. Story ids are ``S1``, ``S2`` … in order of
    each story's first article.
    """
    n = len(docs)
    tfs = [_terms(text) for _, text, _ in docs]
    for (doc_id, _, _), tf in zip(docs, tfs, strict=True):
        for key in set((quantities or {}).get(doc_id, ())):
            tf["#" + key] += quantity_weight
    df: Counter[str] = Counter()
    for tf in tfs:
        df.update(tf.keys())
    vectors: list[dict[str, float]] = []
    for tf in tfs:
        # Words of one article only cannot make two articles alike: leave them out.
        vec = {w: (1 + math.log(c)) * math.log((1 + n) / df[w]) for w, c in tf.items() if df[w] > 1}
        top = dict(sorted(vec.items(), key=lambda kv: -kv[1])[:top_terms])
        norm = math.sqrt(sum(v * v for v in top.values())) or 1.0
        vectors.append({w: v / norm for w, v in top.items()})
    index: dict[str, list[int]] = defaultdict(list)
    for i, vec in enumerate(vectors):
        for w in vec:
            index[w].append(i)
    days = [_day(p) for _, _, p in docs]
    facts = [
        {k for k in (quantities or {}).get(doc_id, ()) if "/None" not in k}
        for doc_id, _, _ in docs
    ]
    parent = list(range(n))

    def find(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    cap = max(50, int(0.02 * n))
    for i, vec in enumerate(vectors):
        candidates: set[int] = set()
        for w in vec:
            posting = index[w]
            if len(posting) <= cap:
                candidates.update(j for j in posting if j > i)
        for j in candidates:
            if days[i] and days[j] and abs((days[i] - days[j]).days) > max_days:
                continue
            sim = sum(v * vectors[j].get(w, 0.0) for w, v in vec.items())
            sim += min(max_bonus, shared_fact_bonus * len(facts[i] & facts[j]))
            if sim >= threshold:
                parent[find(i)] = find(j)
    names: dict[int, str] = {}
    out: dict[str, str] = {}
    for i, (doc_id, _, _) in enumerate(docs):
        root = find(i)
        names.setdefault(root, f"S{len(names) + 1}")
        out[doc_id] = names[root]
    return out
