"""Raqm's Python API: the same verbs as the command line (``extract``, ``check`` ...)."""

from __future__ import annotations

import multiprocessing as mp
import os
from collections.abc import Callable, Iterable, Iterator, Sequence
from itertools import islice
from pathlib import Path

import polars as pl

from .article import Article, Skipped
from .claims import article_claims, context
from .ingest import iter_articles
from .schema import claims_frame

PathLike = str | Path
SkipHandler = Callable[[Skipped], None]

# Below this many articles a process pool costs more than it saves.
_PARALLEL_MIN_ARTICLES = 400
_CHUNK = 64


def _claims_of_chunk(articles: list[Article]) -> list[dict]:
    rows: list[dict] = []
    for article in articles:
        rows.extend(article_claims(article))
    return rows


def _chunks(articles: Iterable[Article], size: int) -> Iterator[list[Article]]:
    it = iter(articles)
    while chunk := list(islice(it, size)):
        yield chunk


def default_workers() -> int:
    """The number of worker processes used when none is asked for: every local core."""
    return max(1, len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count() or 1)


def claims_of(articles: Iterable[Article], workers: int | None = None) -> pl.DataFrame:
    """Extract the claims of already-read articles, in input order (parallel when large)."""
    articles = list(articles)
    workers = default_workers() if workers is None else max(1, workers)
    if workers == 1 or len(articles) < _PARALLEL_MIN_ARTICLES:
        return claims_frame(_claims_of_chunk(articles))
    context()  # compile the grammar before forking, so that every worker inherits it
    rows: list[dict] = []
    with mp.get_context("fork").Pool(workers) as pool:
        for chunk_rows in pool.imap(_claims_of_chunk, _chunks(articles, _CHUNK), chunksize=1):
            rows.extend(chunk_rows)
    return claims_frame(rows)


def read(
    paths: Sequence[PathLike],
    manifest: PathLike | None = None,
    on_skip: SkipHandler | None = None,
    stdin_text: str | None = None,
) -> list[Article]:
    """Read articles from files, folders, JSONL or standard input; report unreadable ones to ``on_skip``."""
    articles: list[Article] = []
    for item in iter_articles(paths, manifest=manifest, stdin_text=stdin_text):
        if isinstance(item, Skipped):
            if on_skip is not None:
                on_skip(item)
        else:
            articles.append(item)
    return articles


def extract(
    paths: Sequence[PathLike] | PathLike,
    manifest: PathLike | None = None,
    *,
    workers: int | None = None,
    on_skip: SkipHandler | None = None,
    stdin_text: str | None = None,
) -> pl.DataFrame:
    """Extract every numeric claim from the articles at ``paths`` into the claims table.

    ``paths`` are files or folders (``.txt``, ``.html``, ``.jsonl``, ``.jsonl.gz``) or
    ``"-"`` for standard input. Unreadable articles are skipped and passed to ``on_skip``.
    """
    if isinstance(paths, (str, Path)):
        paths = [paths]
    articles = read(paths, manifest, on_skip=on_skip, stdin_text=stdin_text)
    return claims_of(articles, workers=workers)


def extract_text(text: str, doc_id: str = "text", outlet: str | None = None,
                 published_at: str | None = None) -> pl.DataFrame:
    """Extract the claims of one article given as a string."""
    article = Article(doc_id=doc_id, text=text, outlet=outlet or doc_id, published_at=published_at)
    return claims_frame(article_claims(article))
