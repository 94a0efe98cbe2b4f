"""Keep the daily runs in a Delta Lake table: articles, claims, findings and runs, one commit per day.

Layout: the store folder *is* a Delta table (readable by polars, Spark, DuckDB …),
partitioned by ``day`` and ``record``. ``record`` says what a row is:

* ``article``: ``article_id`` (content hash), ``doc_id``, ``outlet``, ``published_at``,
  ``title``, ``url``, ``path``, ``line``, ``text`` and ``terms`` (its distinctive words);
* ``claim``: the claims-table columns (:mod:`checker.schema`) and ``article_id``;
* ``finding``: ``fingerprint``, ``status`` (``new``, ``open``, ``resolved``, ``expired``),
  ``first_seen``, ``last_day``, ``rule``, ``severity``, ``message``, ``quantity``, ``story``,
  ``doc_ids`` and, on the row where a finding is first seen, ``evidence`` (its claims, JSON);
* ``run``: one row per committed day: its counts, the inbox digest and the settings.

Every row carries ``store_version`` (the table version its commit made) and
``raqm_version``. A day is written as **one** Delta transaction that replaces the day's
partitions (``overwrite`` with a ``day = …`` predicate), so readers see all of a day or
none of it: a run killed at any point leaves the previous version in force, and the data
files it had begun to write are never referenced. An exclusive ``fcntl`` lock on
``_raqm.lock`` (ignored by Delta readers, like every ``_`` file) keeps writers one at a time.
"""

from __future__ import annotations

import contextlib
import fcntl
import os
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import polars as pl

LOCK_NAME = "_raqm.lock"
PARTITIONS = ["day", "record"]
RECORDS = ("article", "claim", "finding", "run")


FINDING_SCHEMA = {
    "day": pl.String, "record": pl.String, "fingerprint": pl.String, "status": pl.String,
    "first_seen": pl.String, "last_day": pl.String, "rule": pl.String, "severity": pl.String,
    "message": pl.String, "quantity": pl.String, "story": pl.String, "doc_ids": pl.List(pl.String),
    "evidence": pl.String,
}
RUN_SCHEMA = {
    "day": pl.String, "record": pl.String, "digest": pl.String, "articles_seen": pl.Int64,
    "articles_skipped": pl.Int64, "articles_new": pl.Int64, "claims_new": pl.Int64, "findings_new": pl.Int64,
    "findings_open": pl.Int64, "findings_resolved": pl.Int64,
    "findings_expired": pl.Int64, "compared_articles": pl.Int64, "window_days": pl.Int64,
    "previous_day": pl.String, "raqm_version": pl.String, "committed_at": pl.String,
}


class StoreError(Exception):
    """The store cannot be used: not a Delta table, locked, or unreadable (a one-line reason)."""


class Store:
    """A Raqm store: one Delta table in a folder, written one whole day at a time."""

    def __init__(self, path: str | Path) -> None:
        self.path = Path(path)

    # -- state ------------------------------------------------------------------------------

    def exists(self) -> bool:
        """True when the folder holds a Delta table (at least one committed day)."""
        return (self.path / "_delta_log").is_dir()

    def version(self) -> int | None:
        """The table's current version, or None before the first commit."""
        if not self.exists():
            return None
        from deltalake import DeltaTable

        try:
            return DeltaTable(str(self.path)).version()
        except Exception as exc:  # deltalake raises several of its own types
            raise StoreError(f"{self.path}: not a readable Delta table ({_first_line(exc)})") from None

    def scan(self, version: int | None = None) -> pl.LazyFrame:
        """The whole table as a lazy frame (at ``version`` when given: Delta time travel)."""
        if not self.exists():
            raise StoreError(f"{self.path}: no store here (run `raqm daily` first)")
        try:
            return pl.scan_delta(str(self.path), version=version)
        except Exception as exc:
            raise StoreError(f"{self.path}: cannot read version {version} ({_first_line(exc)})") from None

    def records(self, record: str, version: int | None = None, days: list[str] | None = None,
                columns: list[str] | None = None, where: pl.Expr | None = None) -> pl.DataFrame:
        """Rows of one kind (``article``, ``claim``, ``finding``, ``run``), optionally of some days or rows only."""
        if not self.exists():
            return pl.DataFrame()
        lf = self.scan(version).filter(pl.col("record") == record)
        if days is not None:
            lf = lf.filter(pl.col("day").is_in(days))
        if where is not None:
            lf = lf.filter(where)
        if columns is not None:
            names = lf.collect_schema().names()
            lf = lf.select([c for c in columns if c in names])
        return lf.collect(engine="in-memory")

    def runs(self, version: int | None = None) -> pl.DataFrame:
        """The committed runs, one row per day, oldest day first."""
        frame = self.records("run", version)
        if frame.is_empty():
            return frame
        return frame.sort("day")

    def run_of(self, day: str, version: int | None = None) -> dict[str, Any] | None:
        """The committed run of ``day`` as a dict, or None when that day was never committed."""
        runs = self.runs(version)
        if runs.is_empty():
            return None
        rows = runs.filter(pl.col("day") == day).to_dicts()
        return rows[-1] if rows else None

    # -- writing ----------------------------------------------------------------------------

    def commit_day(self, day: str, frames: list[pl.DataFrame], crash: Callable[[str], None] | None = None) -> int:
        """Replace everything stored for ``day`` with ``frames`` in one Delta transaction; return its version.

        Each frame holds one kind of record (a ``record`` column) for ``day``; columns the
        table lacks are added (schema merge). ``crash`` is a test hook called at named points.
        """
        hook = crash or (lambda _point: None)
        version = self.version()
        expected = 0 if version is None else version + 1
        table = pl.concat([_plain(f) for f in frames if f.height], how="diagonal_relaxed")
        table = table.with_columns(pl.lit(expected, pl.Int64).alias("store_version"))
        if table.filter(pl.col("day") != day).height:
            raise StoreError(f"internal error: rows of another day in the commit of {day}")
        hook("store:before_write")
        self.path.mkdir(parents=True, exist_ok=True)
        if version is None:
            table.write_delta(str(self.path), mode="append", delta_write_options={"partition_by": PARTITIONS})
        else:
            table.write_delta(str(self.path), mode="overwrite", delta_write_options={
                "predicate": f"day = '{day}'", "schema_mode": "merge"})
        hook("store:after_write")
        return expected

    # -- locking ----------------------------------------------------------------------------

    @contextlib.contextmanager
    def lock(self, wait: bool = True, on_wait: Callable[[str], None] | None = None) -> Iterator[None]:
        """Hold the store's writer lock; wait for another run to finish, or raise StoreError with ``wait=False``."""
        self.path.mkdir(parents=True, exist_ok=True)
        lock_path = self.path / LOCK_NAME
        fd = os.open(lock_path, os.O_RDWR | os.O_CREAT, 0o666)
        try:
            try:
                fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
            except BlockingIOError:
                holder = _holder(lock_path)
                if not wait:
                    raise StoreError(f"{self.path}: another raqm run is writing this store{holder}; "
                                     "try again when it has finished") from None
                if on_wait is not None:
                    on_wait(f"waiting for another raqm run on {self.path}{holder} to finish …")
                fcntl.flock(fd, fcntl.LOCK_EX)
            os.ftruncate(fd, 0)
            os.pwrite(fd, f"{os.getpid()}\n".encode(), 0)
            yield
        finally:
            os.close(fd)  # closing releases the lock (the kernel does it too if we are killed)

    # -- reading summaries ------------------------------------------------------------------

    def stats(self) -> dict[str, Any]:
        """Totals of the store: articles, claims, findings (distinct), versions, days, last day."""
        if not self.exists():
            raise StoreError(f"{self.path}: no store here (run `raqm daily` first)")
        version = self.version()
        counts = (self.scan(version).group_by("record").agg(pl.len().alias("n"))
                  .collect(engine="in-memory"))
        by = dict(counts.iter_rows())
        findings = (self.scan(version).filter((pl.col("record") == "finding") & (pl.col("status") == "new"))
                    .select(pl.col("fingerprint").n_unique()).collect(engine="in-memory").item()
                    if by.get("finding") else 0)
        runs = self.runs(version)
        last = runs.row(-1, named=True) if runs.height else {}
        return {
            "store": str(self.path),
            "articles": int(by.get("article", 0)),
            "claims": int(by.get("claim", 0)),
            "findings": int(findings),
            "open": int(last.get("findings_new", 0) or 0) + int(last.get("findings_open", 0) or 0),
            "days": runs.height,
            "last_day": last.get("day"),
            "versions": (version or 0) + 1,
            "store_version": version,
        }


def _plain(frame: pl.DataFrame) -> pl.DataFrame:
    """Cast Enum and Categorical columns to String: ``write_delta`` cannot write them."""
    casts = [pl.col(name).cast(pl.String) for name, dtype in frame.schema.items()
             if isinstance(dtype, (pl.Enum, pl.Categorical))]
    return frame.with_columns(casts) if casts else frame


def _holder(lock_path: Path) -> str:
    try:
        pid = lock_path.read_text(encoding="ascii").strip()
    except OSError:
        return ""
    return f" (pid {pid})" if pid.isdigit() else ""


def _first_line(exc: BaseException) -> str:
    text = str(exc).strip() or type(exc).__name__
    return text.splitlines()[0]


def summary_of(run: dict[str, Any]) -> dict[str, Any]:
    """The machine-readable summary of a committed run (what ``raqm daily --format json`` prints)."""
    return {
        "date": run["day"],
        "articles_seen": int(run["articles_seen"]),
        "articles_new": int(run["articles_new"]),
        "articles_skipped": int(run.get("articles_skipped") or 0),
        "claims_new": int(run["claims_new"]),
        "findings": {k: int(run[f"findings_{k}"] or 0) for k in ("new", "open", "resolved", "expired")},
        "store_version": int(run["store_version"]),
        "previous_date": run["previous_day"],
        "window_days": int(run["window_days"]),
        "compared_articles": int(run["compared_articles"]),
    }


def day_report(store: Store, day: str) -> tuple[dict[str, Any], list[dict[str, Any]]]:
    """The summary and finding rows of ``day`` exactly as committed (Delta time travel to that day's version).

    Each finding row carries its evidence (the claims, from the day it was first seen).
    """
    if not store.exists():
        raise StoreError(f"{store.path}: no store here (run `raqm daily` first)")
    run = store.run_of(day)
    if run is None:
        raise StoreError(f"{store.path}: no run of {day} in the store")
    version = int(run["store_version"])
    rows = store.records("finding", version=version, days=[day], columns=list(FINDING_SCHEMA))
    if rows.is_empty():
        return summary_of(run), []
    wanted = rows.filter(pl.col("evidence").is_null())["fingerprint"].to_list()
    if wanted:
        firsts = (store.scan(version).filter((pl.col("record") == "finding") & (pl.col("status") == "new")
                                             & pl.col("fingerprint").is_in(wanted))
                  .select("fingerprint", pl.col("evidence").alias("first_evidence"))
                  .unique("fingerprint", keep="last").collect(engine="in-memory"))
        rows = rows.join(firsts, on="fingerprint", how="left").with_columns(
            pl.coalesce("evidence", "first_evidence").alias("evidence")).drop("first_evidence")
    order = {"new": 0, "open": 1, "resolved": 2, "expired": 3}
    out = sorted(rows.to_dicts(), key=lambda r: (order[r["status"]], r["first_seen"] or "", r["fingerprint"]))
    return summary_of(run), out
