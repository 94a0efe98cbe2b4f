"""Run Raqm over one day's inbox and tell what is new, still open and resolved since the previous run.

A day's run (:func:`run_daily`), under the store's writer lock:

1. read the inbox; an article whose content hash (normalized title and text) is already
   stored under another day, or appeared earlier in the inbox, is skipped;
2. extract the new articles' claims (a local process pool, or a Dask cluster);
3. validate them against the claims contract (great-expectations): a failing day is not
   committed (:class:`ContractFailure`);
4. compare them with the trailing window's stored claims: the window articles that share
   distinctive words with the day's articles (:func:`related`) are checked together with
   the day's articles (stories are regrouped over that set);
5. classify the findings against the previous run's open ones (:func:`classify`) and
   commit articles, claims, findings and the run row as one Delta transaction.

Running a day again with the same inbox changes nothing and reports the same; with a
different inbox (more articles arrived) the day is recomputed and replaced.
"""

from __future__ import annotations

import hashlib
import json
import os
import signal
import unicodedata
from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from typing import Any

import polars as pl

from . import __version__
from .article import Article
from .daily_validation import Validation, start_validation
from .store import FINDING_SCHEMA, RUN_SCHEMA, Store, summary_of

WINDOW_DAYS = 14
TOP_TERMS = 20  # distinctive words per new article used to find related window articles
CHILD_VALIDATION_MIN = 400  # from this many new articles, validate in a child process while comparing
RELATED_MIN = 100  # window articles compared with a day's: at least this many, at most half the day's count
RELATED_SCORE = 0.4  # share of a new article's distinctive-word weight a window article must cover
_TASHKEEL = r"[\x{064B}-\x{065F}\x{0670}\x{0640}]"
_CLITIC = r"^(?:وال|بال|فال|كال|لل|ال)"


class ContractFailure(Exception):
    """The day's claims break the claims contract; the day was not committed."""

    def __init__(self, day: str, lines: list[str]) -> None:
        super().__init__(f"the claims of {day} fail the claims contract; the day was not committed: "
                         + "; ".join(lines))
        self.lines = lines


class Progress:
    """Progress of a run, by stage; the command line shows it as a bar, the library ignores it."""

    def stage(self, name: str, total: int | None = None) -> None:
        """A new stage starts (with a total of steps when known)."""

    def advance(self, steps: int = 1) -> None:
        """Some steps of the current stage are done."""


@dataclass(frozen=True)
class Options:
    """How a day is run: the window, the extraction engine and the workers."""

    window: int = WINDOW_DAYS
    workers: int | None = None
    engine: str = "local"  # or "dask"
    scheduler: str | None = None  # a Dask scheduler address; None starts a LocalCluster
    force: bool = False  # recompute the day even when its inbox is unchanged
    wait: bool = True  # wait for another run holding the store's lock (else StoreError)


def content_hash(article: Article) -> str:
    """The article's identity in the store: a hash of its NFC, whitespace-folded title and text."""
    def norm(text: str | None) -> str:
        return " ".join(unicodedata.normalize("NFC", text or "").split())

    return hashlib.sha256(f"{norm(article.title)}\x1f{norm(article.text)}".encode()).hexdigest()[:32]


def terms_of(texts: pl.Series) -> pl.Series:
    """Each text's distinct words of 3+ letters (folded, tashkeel and ``ال`` removed) and numbers of 2+ digits."""
    folded = (texts.str.replace_all(_TASHKEEL, "").str.replace_all("[أإآٱ]", "ا")
              .str.replace_all("ى", "ي").str.replace_all("ة", "ه"))
    words = folded.str.extract_all(r"\p{Arabic}{3,}|[0-9]{2,}")
    stripped = words.list.eval(pl.when(pl.element().str.len_chars() >= 6)
                               .then(pl.element().str.replace(_CLITIC, "")).otherwise(pl.element()))
    return stripped.list.unique().list.sort()


def related(new: pl.DataFrame, window: pl.DataFrame, limit: int) -> list[str]:
    """The window articles (doc_ids) that share enough distinctive words with one of the new articles.

    Both frames have ``doc_id`` and ``terms``. A word's weight is its inverse document
    frequency over both; words of one article only, or in more than 2 % of them, do not
    count. Each new article keeps its ``TOP_TERMS`` heaviest words; a window article is
    related when it covers at least ``RELATED_SCORE`` of that weight for some new article.
    At most ``limit`` articles are returned, the most related first.
    """
    if new.is_empty() or window.is_empty():
        return []
    n = new.height + window.height
    cap = max(50, int(0.02 * n))
    long = pl.concat([new.select("doc_id", "terms"), window.select("doc_id", "terms")]).explode("terms")
    weights = (long.group_by("terms").len().filter((pl.col("len") >= 2) & (pl.col("len") <= cap))
               .select("terms", (((1 + n) / pl.col("len")).log()).alias("w")))
    top = (new.select("doc_id", "terms").explode("terms").join(weights, on="terms")
           .sort(["doc_id", "w", "terms"], descending=[False, True, False])
           .group_by("doc_id", maintain_order=True).head(TOP_TERMS))
    mass = top.group_by("doc_id").agg(pl.col("w").sum().alias("mass"))
    shared = (window.select(pl.col("doc_id").alias("other"), "terms").explode("terms")
              .join(top.select("terms"), on="terms", how="semi")
              .join(top, on="terms")
              .group_by("doc_id", "other").agg(pl.col("w").sum())
              .join(mass, on="doc_id")
              .with_columns((pl.col("w") / pl.col("mass")).alias("score"))
              .filter(pl.col("score") >= RELATED_SCORE)
              .group_by("other").agg(pl.col("score").max())
              .sort(["score", "other"], descending=[True, False]))
    return shared["other"].head(limit).to_list()


def _claims_chunk(articles: list[Article]) -> pl.DataFrame:
    """Extract one chunk's claims in a single process (what a Dask worker runs)."""
    from .api import claims_of

    return claims_of(articles, workers=1)


def extract(articles: list[Article], options: Options, progress: Progress) -> pl.DataFrame:
    """Extract the claims of ``articles`` in input order, on local cores or a Dask cluster."""
    from .api import claims_of

    progress.stage("extracting", len(articles))
    if options.engine != "dask" or not articles:
        def counted():
            for i, article in enumerate(articles):
                if i == len(articles) // 2:
                    crash_point("extracting")
                yield article
                progress.advance()

        return claims_of(counted(), workers=options.workers)
    try:
        from distributed import Client, LocalCluster, as_completed
    except ImportError:
        raise RuntimeError("--engine dask needs Dask: pip install 'raqm[dask]'") from None
    size = 128
    chunks = [articles[i:i + size] for i in range(0, len(articles), size)]
    if options.scheduler:
        client, cluster = Client(options.scheduler, timeout="20s"), None
    else:  # no cluster named: one for this run, a worker per core
        cluster = LocalCluster(n_workers=options.workers, threads_per_worker=1, dashboard_address=None)
        client = Client(cluster)
    try:
        futures = client.map(_claims_chunk, chunks, pure=False)
        sizes = {f.key: len(c) for f, c in zip(futures, chunks, strict=True)}
        for future in as_completed(futures):
            progress.advance(sizes[future.key])
        frames = client.gather(futures)  # in chunk order, whatever order they finished in
    finally:
        client.close()
        if cluster is not None:
            cluster.close()
    return pl.concat(frames, how="vertical_relaxed")


def crash_point(name: str) -> None:
    """Kill this process with SIGKILL at the named point when ``RAQM_CRASH_AT`` names it (crash tests)."""
    if os.environ.get("RAQM_CRASH_AT") == name:
        os.kill(os.getpid(), signal.SIGKILL)


def _digest(articles: list[Article], hashes: list[str], options: Options) -> str:
    h = hashlib.sha256(f"raqm {__version__} window {options.window}\n".encode())
    for a, key in zip(articles, hashes, strict=True):
        h.update(f"{key}\t{a.doc_id}\t{a.outlet}\t{a.published_at}\t{a.url}\t{a.path}\t{a.line}\n".encode())
    return h.hexdigest()[:32]


def run_daily(
    inbox: Sequence[str | Path],
    store: Store,
    day: str,
    *,
    manifest: str | Path | None = None,
    options: Options | None = None,
    on_skip: Callable[[Any], None] | None = None,
    on_wait: Callable[[str], None] | None = None,
    progress: Progress | None = None,
    validate: bool = True,
) -> dict[str, Any]:
    """Ingest ``inbox`` as day ``day`` into ``store``; return the run's summary (see :func:`summary_of`)."""
    from .api import read

    options = options or Options()
    progress = progress or Progress()
    date.fromisoformat(day)
    progress.stage("reading")
    skipped: list[Any] = []

    def skip(item: Any) -> None:
        skipped.append(item)
        if on_skip is not None:
            on_skip(item)

    articles = read(list(inbox), manifest, on_skip=skip)
    hashes = [content_hash(a) for a in articles]
    digest = _digest(articles, hashes, options)
    with store.lock(wait=options.wait, on_wait=on_wait):
        done = store.run_of(day)
        if done is not None and done["digest"] == digest and not options.force:
            return summary_of(done)
        return _run_locked(store, day, articles, hashes, digest, options, progress, validate, len(skipped))


def _fresh(store: Store, day: str, articles: list[Article], hashes: list[str]) -> list[tuple[Article, str]]:
    """The articles not stored under another day nor seen earlier in the inbox, with unique doc_ids."""
    stored = store.records("article", columns=["day", "article_id", "doc_id"])
    if stored.height:
        stored = stored.filter(pl.col("day") != day)
    known = set(stored["article_id"]) if stored.height else set()
    taken = set(stored["doc_id"]) if stored.height else set()
    out: list[tuple[Article, str]] = []
    for article, key in zip(articles, hashes, strict=True):
        if key in known:
            continue
        known.add(key)
        if article.doc_id in taken:  # same name, other content (e.g. a feed's FILE#LINE on two days)
            article = replace(article, doc_id=f"{article.doc_id}~{key[:8]}")
        taken.add(article.doc_id)
        out.append((article, key))
    return out


def _window(store: Store, day: str, options: Options) -> tuple[list[str], str | None]:
    """The committed days of the trailing window before ``day``, and the previous committed day."""
    runs = store.runs()
    if runs.is_empty():
        return [], None
    start = (date.fromisoformat(day) - timedelta(days=options.window - 1)).isoformat()
    before = [d for d in runs["day"].to_list() if d < day]
    return [d for d in before if d >= start], (before[-1] if before else None)


def _run_locked(store: Store, day: str, articles: list[Article], hashes: list[str], digest: str,
                options: Options, progress: Progress, validate: bool, skipped: int) -> dict[str, Any]:
    # Large days: great-expectations loads in a child process while this one extracts and compares.
    check = start_validation(background=len(articles) >= CHILD_VALIDATION_MIN) if validate else None
    try:
        return _day(store, day, articles, hashes, digest, options, progress, check, skipped)
    finally:
        if check is not None:
            check.close()


def _day(store: Store, day: str, articles: list[Article], hashes: list[str], digest: str,
         options: Options, progress: Progress, check: Validation | None, skipped: int) -> dict[str, Any]:
    from .findings import check_articles

    fresh = _fresh(store, day, articles, hashes)
    new_articles = [a for a, _ in fresh]
    claims = extract(new_articles, options, progress)
    claims = claims.drop("story", strict=False)
    if check is not None:
        check.submit(claims, new_articles)
    progress.stage("comparing")
    new_frame = pl.DataFrame({
        "doc_id": [a.doc_id for a in new_articles],
        "terms": terms_of(pl.Series([a.text for a in new_articles], dtype=pl.String)),
    }, schema={"doc_id": pl.String, "terms": pl.List(pl.String)})
    days, previous = _window(store, day, options)
    window_articles, window_claims, day_of = _related_from_store(store, days, new_frame, len(new_articles),
                                                                    claims.columns)
    for a in new_articles:
        day_of[a.doc_id] = day
    compared = new_articles + window_articles
    all_claims = (pl.concat([claims, window_claims], how="diagonal_relaxed").select(claims.columns)
                  if window_claims.height else claims)  # claims stored by an older version may lack new columns
    result = check_articles(compared, all_claims) if compared else {"discrepancies": []}
    prev_open = _open_findings(store, previous)
    rows, counts = classify(result["discrepancies"], prev_open, {a.doc_id for a in new_articles},
                            day_of, day, options.window)
    run = {"day": day, "record": "run", "digest": digest, "articles_seen": len(articles),
           "articles_skipped": skipped, "articles_new": len(new_articles), "claims_new": claims.height,
           **{f"findings_{k}": v for k, v in counts.items()}, "compared_articles": len(compared),
           "window_days": options.window, "previous_day": previous, "raqm_version": __version__,
           "committed_at": datetime.now(UTC).isoformat(timespec="seconds")}
    if check is not None:
        progress.stage("validating")
        lines = check.failures()
        if lines:
            raise ContractFailure(day, lines)
    progress.stage("committing")
    crash_point("before_commit")
    version = store.commit_day(day, [
        _article_rows(fresh, new_frame, day),
        claims.with_columns(pl.col("doc_id").replace_strict({a.doc_id: k for a, k in fresh}, default=None)
                            .alias("article_id"), pl.lit(day).alias("day"), pl.lit("claim").alias("record"),
                            pl.lit(__version__).alias("raqm_version")),
        pl.DataFrame(rows, schema=FINDING_SCHEMA).with_columns(pl.lit(__version__).alias("raqm_version")),
        pl.DataFrame([run], schema=RUN_SCHEMA),
    ], crash=crash_point)
    crash_point("after_commit")
    return summary_of({**run, "store_version": version})


def _related_from_store(store: Store, days: list[str], new_frame: pl.DataFrame, n_new: int,
                        columns: list[str]) -> tuple[list[Article], pl.DataFrame, dict[str, str]]:
    """The window articles related to the day's (as Articles), their stored claims, and doc_id -> day."""
    if not days:
        return [], pl.DataFrame(), {}
    window = store.records("article", days=days, columns=["doc_id", "terms", "day"])
    chosen = related(new_frame, window, limit=max(RELATED_MIN, n_new // 2))
    if not chosen:
        return [], pl.DataFrame(), {}
    wanted = pl.col("doc_id").is_in(chosen)
    rows = store.records("article", days=days, where=wanted, columns=[
        "doc_id", "text", "outlet", "published_at", "title", "url", "path", "line", "day"]).sort("doc_id")
    fields = ("doc_id", "text", "outlet", "published_at", "title", "url", "path", "line")
    found = [Article(**{k: r[k] for k in fields}) for r in rows.iter_rows(named=True)]
    day_of = dict(zip(rows["doc_id"], rows["day"], strict=True))
    claims = store.records("claim", days=days, where=wanted, columns=columns).sort(["doc_id", "start", "end"])
    return found, claims, day_of


def _article_rows(fresh: list[tuple[Article, str]], new_frame: pl.DataFrame, day: str) -> pl.DataFrame:
    return pl.DataFrame({
        "article_id": [k for _, k in fresh],
        "doc_id": [a.doc_id for a, _ in fresh],
        "outlet": [a.outlet for a, _ in fresh],
        "published_at": [a.published_at for a, _ in fresh],
        "title": [a.title for a, _ in fresh],
        "url": [a.url for a, _ in fresh],
        "path": [a.path for a, _ in fresh],
        "line": [a.line for a, _ in fresh],
        "text": [a.text for a, _ in fresh],
    }, schema={"article_id": pl.String, "doc_id": pl.String, "outlet": pl.String, "published_at": pl.String,
               "title": pl.String, "url": pl.String, "path": pl.String, "line": pl.Int64, "text": pl.String}
    ).with_columns(new_frame["terms"].alias("terms"), pl.lit(day).alias("day"), pl.lit("article").alias("record"),
                   pl.lit(__version__).alias("raqm_version"))


_CARRIED = ("fingerprint", "first_seen", "last_day", "rule", "severity", "message", "quantity", "story", "doc_ids")


def _open_findings(store: Store, previous: str | None) -> list[dict[str, Any]]:
    if previous is None:
        return []
    rows = store.records("finding", days=[previous], columns=list(FINDING_SCHEMA))
    if rows.is_empty():
        return []
    return rows.filter(pl.col("status").is_in(["new", "open"])).sort("fingerprint").to_dicts()


def classify(findings: list[dict[str, Any]], prev_open: list[dict[str, Any]], new_docs: set[str],
             day_of: dict[str, str], day: str, window: int) -> tuple[list[dict[str, Any]], dict[str, int]]:
    """Finding rows for ``day`` (new, open, resolved, expired) and their counts.

    * new: found today, involving one of today's articles, and not open yesterday;
    * open: open in the previous run and neither resolved nor expired;
    * resolved: open in the previous run, all of its articles were compared again today
      (today's coverage of the story), and it was not found again;
    * expired: open in the previous run, but its newest article left the window.
    """
    start = (date.fromisoformat(day) - timedelta(days=window - 1)).isoformat()
    found = {f["fingerprint"]: f for f in findings}
    compared = set(day_of)
    rows: list[dict[str, Any]] = []
    prev = {f["fingerprint"] for f in prev_open}
    for f in prev_open:
        if (f["last_day"] or "") < start:
            status = "expired"
        elif f["fingerprint"] not in found and set(f["doc_ids"] or ()) <= compared:
            status = "resolved"
        else:
            status = "open"
        rows.append({**{k: f[k] for k in _CARRIED}, "status": status, "evidence": None})
    for f in findings:
        docs = sorted({c["doc_id"] for c in f["claims"]})
        if f["fingerprint"] in prev or not new_docs.intersection(docs):
            continue
        rows.append({"fingerprint": f["fingerprint"], "status": "new", "first_seen": day,
                     "last_day": max(day_of.get(d, day) for d in docs), "rule": f["rule"],
                     "severity": f["severity"], "message": f["message"], "quantity": f["quantity"],
                     "story": f"{day}/{f['story']}", "doc_ids": docs,
                     "evidence": json.dumps(f["claims"], ensure_ascii=False, default=str)})
        prev.add(f["fingerprint"])
    rows = [{**r, "day": day, "record": "finding"} for r in rows]
    counts = {s: sum(r["status"] == s for r in rows) for s in ("new", "open", "resolved", "expired")}
    return rows, counts
