"""Raqm's Python API: the same verbs as the command line (``extract``, ``check`` ...)."""

from __future__ import annotations

import multiprocessing as mp
import os
from collections import deque
from collections.abc import Callable, Iterable, Iterator, Sequence
from itertools import chain, islice
from pathlib import Path

import polars as pl

from .article import Article, Skipped
from .claim_patterns import context
from .claims import COLUMNS, article_rows
from .ingest import iter_articles
from .schema import CLAIMS_SCHEMA

PathLike = str | Path
SkipHandler = Callable[[Skipped], None]

# Below this many articles a process pool costs more than it saves.
_PARALLEL_MIN_ARTICLES = 400
_CHUNK = 128  # articles per task sent to a worker
_IN_FLIGHT = 4  # tasks queued per worker: enough to keep it busy while the next chunk is read
_BATCH_ROWS = 20_000  # rows gathered in Python lists before they become a polars frame


def _columns_of_chunk(articles: list[Article]) -> tuple[list, ...]:
    """Extract the claims of a chunk of articles, as one list per column (compact to send back)."""
    rows: list[tuple] = []
    for article in articles:
        rows.extend(article_rows(article))
    if not rows:
        return tuple([] for _ in COLUMNS)
    return tuple(list(col) for col in zip(*rows, strict=True))


def _chunks(articles: Iterable[Article], size: int) -> Iterator[list[Article]]:
    it = iter(articles)
    while chunk := list(islice(it, size)):
        yield chunk


class _Frames:
    """Collects column chunks in order and turns them into one claims frame."""

    def __init__(self) -> None:
        self.frames: list[pl.DataFrame] = []
        self.columns: list[list] = [[] for _ in COLUMNS]

    def add(self, chunk: tuple[list, ...]) -> None:
        for column, values in zip(self.columns, chunk, strict=True):
            column.extend(values)
        if len(self.columns[0]) >= _BATCH_ROWS:
            self._flush()

    def _flush(self) -> None:
        self.frames.append(pl.DataFrame(dict(zip(COLUMNS, self.columns, strict=True)), schema=CLAIMS_SCHEMA))
        self.columns = [[] for _ in COLUMNS]

    def frame(self) -> pl.DataFrame:
        if self.columns[0] or not self.frames:
            self._flush()
        return self.frames[0] if len(self.frames) == 1 else pl.concat(self.frames, rechunk=False)


def default_workers() -> int:
    """The number of worker processes used when none is asked for: every local core."""
    return max(1, len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count() or 1)


def claims_of(articles: Iterable[Article], workers: int | None = None) -> pl.DataFrame:
    """Extract the claims of articles, in input order (in parallel when there are many).

    ``articles`` may be a lazy iterator: it is consumed as the workers go, so reading
    and extracting overlap and the articles are never all in memory at once.
    """
    workers = default_workers() if workers is None else max(1, workers)
    it = iter(articles)
    head = list(islice(it, _PARALLEL_MIN_ARTICLES))
    out = _Frames()
    if workers == 1 or len(head) < _PARALLEL_MIN_ARTICLES:
        for chunk in _chunks(chain(head, it), _CHUNK):
            out.add(_columns_of_chunk(chunk))
        return out.frame()
    context()  # compile the grammar before forking, so that every worker inherits it
    # Workers never touch polars (forking a process that runs polars threads is unsafe),
    # they send plain column lists back; this process reads, sends and assembles in order.
    with mp.get_context("fork").Pool(workers) as pool:
        pending: deque = deque()
        for chunk in _chunks(chain(head, it), _CHUNK):
            pending.append(pool.apply_async(_columns_of_chunk, (chunk,)))
            while len(pending) >= workers * _IN_FLIGHT or (pending and pending[0].ready()):
                out.add(pending.popleft().get())
        while pending:
            out.add(pending.popleft().get())
    return out.frame()


def iter_read(
    paths: Sequence[PathLike],
    manifest: PathLike | None = None,
    on_skip: SkipHandler | None = None,
    stdin_text: str | None = None,
) -> Iterator[Article]:
    """Yield the articles at ``paths`` as they are read; report unreadable ones to ``on_skip``.

    A missing PATH or a bad manifest raises :class:`~checker.ingest.IngestError` at once.
    """
    items = iter_articles(paths, manifest=manifest, stdin_text=stdin_text)  # raises here, before reading

    def generate() -> Iterator[Article]:
        seen: dict[str, str] = {}  # doc_id -> where it was read first
        for item in items:
            if isinstance(item, Article):
                where = f"{item.path or '-'}" + (f":{item.line}" if item.line else "")
                first = seen.setdefault(item.doc_id, where)
                if first != where:
                    # Two files a.txt in two folders: one doc_id (the contract's basename) for two articles.
                    item = Skipped(where, f"doc_id {item.doc_id} is already used by {first}; rename one of them")
            if isinstance(item, Skipped):
                if on_skip is not None:
                    on_skip(item)
            else:
                yield item

    return generate()


def read(
    paths: Sequence[PathLike],
    manifest: PathLike | None = None,
    on_skip: SkipHandler | None = None,
    stdin_text: str | None = None,
) -> list[Article]:
    """Read articles from files, folders, JSONL or standard input; report unreadable ones to ``on_skip``."""
    return list(iter_read(paths, manifest, on_skip=on_skip, stdin_text=stdin_text))


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
    Reading and extracting overlap: articles stream into the worker processes.
    """
    if isinstance(paths, (str, Path)):
        paths = [paths]
    return claims_of(iter_read(paths, manifest, on_skip=on_skip, stdin_text=stdin_text), workers=workers)


def extract_text(text: str, doc_id: str = "text", outlet: str | None = None,
                 published_at: str | None = None) -> pl.DataFrame:
    """Extract the claims of one article given as a string."""
    article = Article(doc_id=doc_id, text=text, outlet=outlet or doc_id, published_at=published_at)
    return claims_of([article], workers=1)
