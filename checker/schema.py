"""The claims table: its columns, their types, and how rows become a Polars frame."""

from __future__ import annotations

from collections.abc import Iterable

import polars as pl

QUALIFIERS = ("exact", "at_least", "more_than", "at_most", "less_than", "about", "range", "vague")
KINDS = ("count", "duration", "date", "money", "percent", "measure", "ordinal", "rate")

CLAIMS_SCHEMA: dict[str, pl.DataType] = {
    "claim_id": pl.String(),
    "doc_id": pl.String(),
    "outlet": pl.String(),
    "published_at": pl.String(),
    "start": pl.Int64(),
    "end": pl.Int64(),
    "number_text": pl.String(),
    "value": pl.Float64(),
    "low": pl.Float64(),
    "high": pl.Float64(),
    "qualifier": pl.String(),
    "kind": pl.String(),
    "unit": pl.String(),
    "unit_text": pl.String(),
    "noun": pl.String(),
    "date": pl.String(),
    "predicate": pl.String(),
    "side": pl.String(),
    "source": pl.String(),
    "scope": pl.String(),
    "scope_text": pl.String(),
    "place": pl.String(),
    "form": pl.String(),
    "decimals": pl.Int64(),
    "in_title": pl.Boolean(),
    "sentence": pl.String(),
    "sentence_start": pl.Int64(),
    "path": pl.String(),
    "line": pl.Int64(),
    "column": pl.Int64(),
}

COLUMN_DOCS = {
    "scope": "time window of the figure: last_24h, two_days, daily, weekly, monthly, yearly, first_quarter … "
    "fourth_quarter, first_half, second_half, opening_days and closing_days (a stretch of a month: «العشر "
    "الأواخر»), cumulative, "
    "background (a total over years: «منذ 1984»), earlier_incident, "
    "roundup (several incidents together: «في حوادث مرورية»), "
    "comparison (the figure another is set against: «مقابل 92 مليون»), "
    "today, yesterday, part (a subset of a figure said nearby; null when the text states none)",
    "noun": "the lexicon concept of the counted noun as read (قتلى: dead, حالة: case; null for a bare "
    "figure); `unit` reports the counted thing (person)",
    "scope_text": "the scope phrase as written",
    "form": "how the number is written: digits, words, dual, singular (حالة وفاة: one), vague, ordinal, "
            "decade (ستينية: an age), date, time",
    "decimals": "digits written after the decimal point (the figure's precision)",
    "in_title": "the claim sits in the article's first line (its headline)",
    "sentence_start": "offset of the sentence in the article text",
    "path": "the file the article came from (null for standard input)",
    "line": "1-based line of the number in that file (for JSONL: the article's line)",
    "column": "1-based column of the number on that line",
}


def claims_frame(rows: Iterable[dict]) -> pl.DataFrame:
    """Build the claims table from row dicts, with every column typed and in order."""
    return pl.DataFrame(list(rows), schema=CLAIMS_SCHEMA)


def empty_claims() -> pl.DataFrame:
    """An empty claims table with the full schema."""
    return pl.DataFrame(schema=CLAIMS_SCHEMA)
