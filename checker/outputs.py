"""Serialise the claims table: a readable table, JSON lines, CSV or Parquet."""

from __future__ import annotations

import io
import json
from pathlib import Path
from typing import IO

import polars as pl

TABLE_COLUMNS = ["doc_id", "start", "number_text", "value", "qualifier", "kind", "unit", "predicate", "side", "source"]


def _jsonl_to(frame: pl.DataFrame, out: IO[str]) -> None:
    for row in frame.iter_rows(named=True):
        out.write(json.dumps(row, ensure_ascii=False))
        out.write("\n")


def _jsonl(frame: pl.DataFrame) -> bytes:
    out = io.StringIO()
    _jsonl_to(frame, out)
    return out.getvalue().encode("utf-8")


def _table(frame: pl.DataFrame) -> bytes:
    if frame.is_empty():
        return b"no claims\n"
    lines = []
    for row in frame.select(TABLE_COLUMNS).iter_rows(named=True):
        value = row["value"]
        shown = "?" if value is None else (f"{value:g}" if abs(value) < 1e15 else str(value))
        extra = " ".join(
            f"{k}={row[k]}" for k in ("unit", "predicate", "side") if row[k] is not None
        )
        source = f" [{row['source']}]" if row["source"] else ""
        lines.append(
            f"{row['doc_id']}:{row['start']}\t{row['number_text']}\t= {shown} "
            f"({row['qualifier']}, {row['kind']}) {extra}{source}"
        )
    lines.append(f"{frame.height} claims in {frame['doc_id'].n_unique()} articles")
    return ("\n".join(lines) + "\n").encode("utf-8")


def claims_bytes(frame: pl.DataFrame, fmt: str) -> bytes:
    """Return the claims table serialised as ``table``, ``jsonl``, ``csv`` or ``parquet``."""
    if fmt == "jsonl":
        return _jsonl(frame)
    if fmt == "csv":
        return frame.write_csv().encode("utf-8")
    if fmt == "parquet":
        buf = io.BytesIO()
        frame.write_parquet(buf)
        return buf.getvalue()
    return _table(frame)


def write_claims_file(frame: pl.DataFrame, fmt: str, path: str | Path) -> None:
    """Write the claims table to ``path`` atomically, streaming: the whole file is never held in memory."""
    from .atomic import atomic_path

    with atomic_path(path) as tmp:
        if fmt == "parquet":
            frame.write_parquet(tmp)
        elif fmt == "csv":
            frame.write_csv(tmp)
        elif fmt == "jsonl":
            with open(tmp, "w", encoding="utf-8", newline="\n") as out:
                _jsonl_to(frame, out)
        else:
            Path(tmp).write_bytes(_table(frame))
