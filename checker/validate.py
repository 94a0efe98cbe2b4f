"""Check the claims table against its contract, a great-expectations suite kept in ``rules/contracts``.

The suite is data (``rules/contracts/claims_table.yaml``): expectation types and their
arguments. Great-expectations is slow to import (seconds), so it is imported inside
:func:`validate_claims` only; importing this module stays cheap. Great-expectations sees
the table, not the articles: the row checks that need more than one column or the article
text are computed here first as boolean helper columns (:data:`HELPERS`) that the suite
expects to be true.
"""

from __future__ import annotations

import math
import warnings
from collections.abc import Callable
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

import polars as pl

from .resources import data_path
from .yamlio import DataError, line_of, load_yaml

CONTRACT = ("rules", "contracts", "claims_table.yaml")
MAX_FAILING_ROWS = 20


@dataclass(frozen=True, slots=True)
class Check:
    """One expectation of the contract: its type, arguments, description and line in the file."""

    expect: str
    kwargs: dict[str, Any]
    description: str
    line: int

    @property
    def columns(self) -> tuple[str, ...]:
        """The columns the expectation reads (none for table-level checks)."""
        return tuple(str(self.kwargs[k]) for k in ("column", "column_A", "column_B") if self.kwargs.get(k))

    @property
    def column(self) -> str | None:
        """The column the expectation looks at (``"a, b"`` for column pairs), or None for table checks."""
        return ", ".join(self.columns) or None


@dataclass(frozen=True, slots=True)
class Contract:
    """The loaded contract: suite name, key column naming rows, and its expectations."""

    name: str
    key: str
    checks: tuple[Check, ...]
    path: Path


def _value_sets() -> dict[str, Callable[[], list[str]]]:
    from .schema import KINDS, QUALIFIERS
    from .units import DATE_UNITS

    def units() -> list[str]:
        data = load_yaml(data_path("rules", "lexicon", "units.yaml"))
        if not isinstance(data, dict):
            return []
        concepts = {str(entry.get("concept") or name) if isinstance(entry, dict) else str(name)
                    for name, entry in data.items()}
        return sorted(concepts | set(DATE_UNITS))

    return {"units": units, "qualifiers": lambda: list(QUALIFIERS), "kinds": lambda: list(KINDS)}


def _resolve(kwargs: dict[str, Any], path: Path, line: int) -> dict[str, Any]:
    out = dict(kwargs)
    ref = out.get("value_set")
    if isinstance(ref, dict):
        sources = _value_sets()
        name = ref.get("from")
        if set(ref) != {"from"} or name not in sources:
            raise DataError(f"{path}:{line}: value_set takes a list or {{from: NAME}} with NAME one of "
                            + ", ".join(sources))
        out["value_set"] = sources[name]()
    return out


def _checks(path: Path, entry: Any, fallback_line: int) -> list[Check]:
    line = getattr(entry, "line", fallback_line)
    if not isinstance(entry, dict) or not isinstance(entry.get("expect"), str):
        raise DataError(f"{path}:{line}: an expectation needs `expect: TYPE`, `kwargs:` and `description:`")
    kwargs, description = entry.get("kwargs") or {}, entry.get("description")
    if not isinstance(kwargs, dict):
        raise DataError(f"{path}:{line_of(entry, 'kwargs')}: `kwargs` must be a mapping")
    if not isinstance(description, str) or not description.strip():
        raise DataError(f"{path}:{line}: {entry['expect']}: missing `description`")
    kwargs = _resolve(kwargs, path, line_of(entry, "kwargs"))
    each = entry.get("for_each")
    if each is None:
        return [Check(entry["expect"], kwargs, description, line)]
    if not isinstance(each, dict) or len(each) != 1 or not isinstance(next(iter(each.values())), list):
        raise DataError(f"{path}:{line_of(entry, 'for_each')}: for_each takes one argument and a list, "
                        "e.g. {column: [a, b]}")
    ((arg, values),) = each.items()
    return [Check(entry["expect"], {**kwargs, arg: v}, description.replace("{" + arg + "}", str(v)), line)
            for v in values]


@cache
def load_contract(path: str | None = None) -> Contract:
    """Load the claims-table contract, raising :class:`DataError` (``path:line: problem``) when malformed."""
    file = Path(path) if path else data_path(*CONTRACT)
    data = load_yaml(file)
    if not isinstance(data, dict) or not isinstance(data.get("expectations"), list):
        raise DataError(f"{file}:1: a contract needs `suite:`, `key:` and an `expectations:` list")
    checks: list[Check] = []
    for entry in data["expectations"]:
        checks.extend(_checks(file, entry, line_of(data, "expectations")))
    return Contract(str(data.get("suite") or file.stem), str(data.get("key") or "claim_id"), tuple(checks), file)


def _offset_ok(frame: pl.DataFrame, texts: dict[str, str]) -> pl.Series:
    cols = [frame[c].to_list() if c in frame.columns else [None] * frame.height
            for c in ("doc_id", "start", "end", "number_text")]
    ok = []
    for doc, start, end, number in zip(*cols, strict=True):
        text = texts.get(doc)
        ok.append(text is not None and start is not None and end is not None
                  and 0 <= start < end <= len(text) and text[start:end] == number)
    return pl.Series("offset_ok", ok, dtype=pl.Boolean)


def _has(frame: pl.DataFrame, *columns: str) -> bool:
    return all(c in frame.columns for c in columns)


# Helper columns: name -> (columns it needs, expression). A helper whose columns are missing is
# left out, and the expectation on it fails as "column not found" next to the missing-column check.
HELPERS: dict[str, tuple[tuple[str, ...], Callable[[], pl.Expr]]] = {
    "span_ok": (("number_text", "start", "end"),
                lambda: (pl.col("number_text").str.len_chars().cast(pl.Int64) == pl.col("end") - pl.col("start"))
                .fill_null(False)),
    "value_ok": (("value", "qualifier"),
                 lambda: (pl.col("value").is_not_null() | (pl.col("qualifier") == "vague")).fill_null(False)),
}


def helper_columns(frame: pl.DataFrame, texts: dict[str, str] | None = None) -> pl.DataFrame:
    """Add the boolean helper columns the contract expects to be true (``offset_ok`` needs ``texts``)."""
    exprs = [make().alias(name) for name, (needs, make) in HELPERS.items() if _has(frame, *needs)]
    out = frame.with_columns(exprs) if exprs else frame
    if texts is not None:
        out = out.with_columns(_offset_ok(frame, texts))
    return out


def _expectation(check: Check, index: int, path: Path) -> Any:
    from great_expectations.expectations.registry import get_expectation_impl

    try:
        impl = get_expectation_impl(check.expect)
        return impl(**check.kwargs, meta={"raqm_index": index})
    except Exception as exc:  # GX raises its own errors and pydantic's for a bad type or kwargs
        problem = str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__
        raise DataError(f"{path}:{check.line}: {check.expect}: {problem}") from None


def _key_of(row: dict[str, Any], key: str) -> str:
    value = row.get(key)
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return "<null id>"
    return str(value)


def _entry(check: Check, gx_result: Any, key: str) -> dict[str, Any]:
    result = gx_result.result or {}
    failing: list[str] = []
    for row in result.get("partial_unexpected_index_list") or []:
        name = _key_of(row, key) if isinstance(row, dict) else str(row)
        if name not in failing:
            failing.append(name)
    entry: dict[str, Any] = {
        "expectation": check.expect,
        "description": check.description,
        "column": check.column,
        "success": bool(gx_result.success),
        "failing_rows": failing[:MAX_FAILING_ROWS],
        "unexpected_count": int(result.get("unexpected_count") or 0),
    }
    observed = result.get("observed_value")
    if isinstance(observed, (str, int, float, bool)):
        entry["observed"] = observed
    missing = ((result.get("details") or {}).get("mismatched") or {}).get("missing")
    if missing:
        entry["observed"] = "missing: " + ", ".join(sorted(map(str, missing)))
    info = gx_result.exception_info or {}
    if info.get("raised_exception"):
        entry["success"] = False
        entry["error"] = str(info.get("exception_message") or "the expectation could not run").splitlines()[0]
    return entry


def _missing(check: Check, columns: list[str]) -> dict[str, Any]:
    absent = [c for c in check.columns if c not in columns]
    return {"expectation": check.expect, "description": check.description, "column": check.column,
            "success": False, "failing_rows": [], "unexpected_count": 0,
            "error": "no column " + ", ".join(f"`{c}`" for c in absent) + " in the table"}


def validate_claims(frame: pl.DataFrame, texts: dict[str, str] | None = None) -> dict[str, Any]:
    """Validate a claims table against the contract; name the failing rows by claim_id.

    ``texts`` maps ``doc_id`` to the article text that the offsets index into; without it
    the check that ``text[start:end] == number_text`` is skipped (listed under ``skipped``);
    with it, a claim whose ``doc_id`` is not in ``texts`` fails that check.
    Returns ``{"success", "suite", "rows", "results": [{"expectation", "description",
    "column", "success", "failing_rows", "unexpected_count", ...}], "skipped"}``.
    Raises :class:`~checker.yamlio.DataError` when the contract file itself is malformed.
    """
    contract = load_contract()
    checks = [c for c in contract.checks if texts is not None or c.column != "offset_ok"]
    skipped = [c.description for c in contract.checks if c not in checks]
    table = helper_columns(frame, texts)
    key = contract.key
    if key not in table.columns:  # still name rows: by their position
        key = "_row"
        table = table.with_row_index(key, offset=1).with_columns(pl.col(key).cast(pl.String))
    runnable = [i for i, c in enumerate(checks) if all(col in table.columns for col in c.columns)]
    # Hand great-expectations only the columns the contract reads: it hashes and copies every
    # column of the frame several times, and the extra columns cost about half the time.
    wanted = {key, *(col for c in checks for col in c.columns),
              *(col for c in checks for col in c.kwargs.get("column_set") or ())}
    data = table.select([c for c in table.columns if c in wanted]).to_pandas()

    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        import great_expectations as gx
        from great_expectations.data_context.types.base import ProgressBarsConfig

        context = gx.get_context(mode="ephemeral")
        context.variables.progress_bars = ProgressBarsConfig(globally=False)
        batches = context.data_sources.add_pandas("raqm").add_dataframe_asset("claims")
        suite = context.suites.add(gx.ExpectationSuite(
            name=contract.name, expectations=[_expectation(checks[i], i, contract.path) for i in runnable]))
        run = context.validation_definitions.add(gx.ValidationDefinition(
            name=contract.name, data=batches.add_batch_definition_whole_dataframe("table"), suite=suite))
        outcome = run.run(batch_parameters={"dataframe": data}, result_format={
            "result_format": "SUMMARY",
            "unexpected_index_column_names": [key],
            "partial_unexpected_count": MAX_FAILING_ROWS,
        })
    by_index = {r.expectation_config.meta["raqm_index"]: r for r in outcome.results}
    results = [_entry(c, by_index[i], key) if i in by_index else _missing(c, table.columns)
               for i, c in enumerate(checks)]
    return {
        "success": all(r["success"] for r in results),
        "suite": contract.name,
        "rows": frame.height,
        "results": results,
        "skipped": skipped,
    }


def failures(report: dict[str, Any]) -> list[str]:
    """One line per failed expectation: what was expected, how many rows broke it, which ones."""
    lines = []
    for r in report["results"]:
        if r["success"]:
            continue
        n = r["unexpected_count"]
        rows = f" ({n} row{'s' if n != 1 else ''}: {', '.join(r['failing_rows'])}" if r["failing_rows"] else ""
        more = " …" if rows and n > MAX_FAILING_ROWS else ""
        observed = f" [observed: {r['observed']}]" if "observed" in r else ""
        error = f" [error: {r['error']}]" if "error" in r else ""
        lines.append(f"{r['description']}{rows}{more}{')' if rows else ''}{observed}{error}")
    return lines
