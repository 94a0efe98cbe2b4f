"""Adopt the check on an existing archive: record today's findings, then report only new ones.

A baseline is a JSON file listing findings by fingerprint (see :func:`checker.findings.run_rules`:
a hash of the rule, the quantity and each claim's article, number and sentence, so it does
not change when unrelated text moves). Every entry carries the reason it is accepted;
edit the reasons in the file by hand. The format::

    {"version": 1, "tool": "raqm",
     "findings": [{"fingerprint": "…", "rule": "…", "message": "…", "reason": "…"}]}

The JSON written by ``raqm check --format json`` is accepted as a baseline too.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from .atomic import write_atomic
from .yamlio import DataError

VERSION = 1
DEFAULT_REASON = "present when the baseline was written"


class BaselineError(DataError):
    """A baseline file cannot be read or is malformed; the message names its path."""


def _entry(finding: dict[str, Any], reason: str) -> dict[str, Any]:
    return {"fingerprint": finding["fingerprint"], "rule": finding.get("rule"),
            "message": finding.get("message"), "reason": reason}


def write_baseline(findings: Iterable[dict[str, Any]], path: str | Path, reason: str | None = None) -> int:
    """Record the findings' fingerprints in a baseline file (atomically); return how many.

    ``reason`` is stored with every entry. Without it, an entry already in the file at
    ``path`` keeps its (hand-edited) reason, and a new one gets :data:`DEFAULT_REASON`.
    """
    path = Path(path)
    kept: dict[str, dict[str, Any]] = {}
    if reason is None and path.exists():
        try:
            kept = load_baseline(path)
        except BaselineError:
            kept = {}  # unreadable: it is being replaced
    entries: dict[str, dict[str, Any]] = {}
    for f in findings:
        fp = f.get("fingerprint")
        if not fp or fp in entries:
            continue
        old = kept.get(fp, {}).get("reason")
        entries[fp] = _entry(f, reason or old or DEFAULT_REASON)
    body = {"version": VERSION, "tool": "raqm", "findings": sorted(entries.values(), key=lambda e: e["fingerprint"])}
    write_atomic(path, json.dumps(body, ensure_ascii=False, indent=1) + "\n")
    return len(entries)


def load_baseline(path: str | Path) -> dict[str, dict[str, Any]]:
    """Read a baseline file into ``{fingerprint: entry}``; raise :class:`BaselineError` naming the path."""
    path = Path(path)
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise BaselineError(f"{path}:0: baseline file not found") from None
    except (OSError, UnicodeDecodeError) as exc:
        raise BaselineError(f"{path}:0: cannot read the baseline ({exc})") from None
    except json.JSONDecodeError as exc:
        raise BaselineError(f"{path}:{exc.lineno}: not valid JSON ({exc.msg})") from None
    if isinstance(data, dict) and isinstance(data.get("discrepancies"), list):
        items = data["discrepancies"]  # the output of `raqm check --format json`
    elif isinstance(data, dict) and isinstance(data.get("findings"), list):
        if data.get("version", VERSION) != VERSION:
            raise BaselineError(f"{path}:1: baseline version {data.get('version')!r} is not {VERSION}")
        items = data["findings"]
    else:
        raise BaselineError(f"{path}:1: a baseline is a JSON object with a `findings` list "
                            "(as written by raqm check --write-baseline)")
    out: dict[str, dict[str, Any]] = {}
    for i, item in enumerate(items, start=1):
        if not isinstance(item, dict) or not isinstance(item.get("fingerprint"), str) or not item["fingerprint"]:
            raise BaselineError(f"{path}:0: entry {i} of the baseline has no `fingerprint` string")
        out.setdefault(item["fingerprint"], {
            "fingerprint": item["fingerprint"], "rule": item.get("rule"), "message": item.get("message"),
            "reason": item.get("reason") or DEFAULT_REASON,
        })
    return out


def apply_baseline(
    findings: Iterable[dict[str, Any]], baseline: dict[str, dict[str, Any]]
) -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
    """Split findings into (new, suppressed): suppressed ones are in the baseline.

    Suppressed findings are copies with a ``suppressed`` key holding the baseline's
    ``reason``; the findings passed in are not modified.
    """
    new: list[dict[str, Any]] = []
    suppressed: list[dict[str, Any]] = []
    for f in findings:
        entry = baseline.get(f.get("fingerprint") or "")
        if entry is None:
            new.append(f)
        else:
            suppressed.append({**f, "suppressed": {"kind": "baseline", "reason": entry["reason"]}})
    return new, suppressed


def stale_entries(findings: Iterable[dict[str, Any]], baseline: dict[str, dict[str, Any]]) -> list[dict[str, Any]]:
    """Baseline entries that no finding matches any more (fixed, or their text changed)."""
    seen = {f.get("fingerprint") for f in findings}
    return [e for fp, e in baseline.items() if fp not in seen]
