"""The ``raqm validate``, ``raqm rules`` and ``raqm explain`` commands."""

from __future__ import annotations

import difflib
import json
from enum import StrEnum
from pathlib import Path
from typing import Annotated, Any

import typer

from .cli import ManifestOpt, OutputOpt, PathsArg, SkipLog, WorkersOpt, app, emit, fail


class ReportFormat(StrEnum):
    """Output formats of ``raqm validate`` and ``raqm rules``."""

    text = "text"
    json = "json"


FormatOpt = Annotated[ReportFormat, typer.Option("--format", "-f", help="Output format.")]
RulesDirOpt = Annotated[
    Path | None,
    typer.Option("--rules", help="A folder of rule suites (*.yaml) instead of the shipped rules/suites."),
]


def _suites(folder: Path | None) -> Any:
    from .rules import load_suites
    from .yamlio import DataError

    if folder is not None and not folder.is_dir():
        fail(f"{folder}: not a folder of rule suites")
    try:
        return load_suites(str(folder) if folder else None)
    except DataError as exc:
        fail(str(exc))


def validation_text(report: dict[str, Any]) -> str:
    """The validation report for people: a summary line, then one line per failed expectation."""
    from .validate import failures

    passed = sum(r["success"] for r in report["results"])
    lines = [f"{report['suite']}: {passed} of {len(report['results'])} expectations met "
             f"on {report.get('rows', '?')} claims" + ("" if report["success"] else " — the contract FAILS")]
    lines += [f"  FAIL {line}" for line in failures(report)]
    lines += [f"  skipped (no article texts): {s}" for s in report.get("skipped") or []]
    return "\n".join(lines) + "\n"


def validation_json(report: dict[str, Any]) -> str:
    """The validation report as JSON (``validate_claims``'s dict)."""
    return json.dumps(report, ensure_ascii=False, indent=1, default=str) + "\n"


@app.command()
def validate(
    paths: PathsArg,
    manifest: ManifestOpt = None,
    fmt: FormatOpt = ReportFormat.text,
    output: OutputOpt = None,
    workers: WorkersOpt = None,
) -> None:
    """Check the claims table against its contract (a great-expectations suite in rules/contracts).

    Exits 1 when an expectation fails, naming the failing rows by claim_id; 2 on bad input.
    """
    from . import api
    from .ingest import IngestError
    from .validate import validate_claims
    from .yamlio import DataError

    skips = SkipLog()
    try:
        articles = api.read(paths, manifest, on_skip=skips)
        frame = api.claims_of(articles, workers=workers)
        report = validate_claims(frame, {a.doc_id: a.text for a in articles})
    except (IngestError, DataError) as exc:
        fail(str(exc))
    text = validation_json(report) if fmt is ReportFormat.json else validation_text(report)
    emit(text.encode("utf-8"), output)
    skips.exit_if_any()
    if not report["success"]:
        raise typer.Exit(code=1)


@app.command("rules")
def list_rules(fmt: FormatOpt = ReportFormat.text, rules_dir: RulesDirOpt = None) -> None:
    """List the rule suites and their rules: id, severity and message."""
    suites = _suites(rules_dir)
    if fmt is ReportFormat.json:
        rows = [{"id": r.id, "suite": r.suite, "kind": r.kind, "severity": r.severity, "message": r.message,
                 "description": r.description} for r in suites.rules]
        typer.echo(json.dumps({"rules": rows}, ensure_ascii=False, indent=1))
        return
    width = max((len(r.id) for r in suites.rules), default=0)
    current = None
    for r in suites.rules:
        if r.suite != current:
            typer.echo(("\n" if current else "") + r.suite)
            current = r.suite
        typer.echo(f"  {r.id:<{width}}  {r.severity:<7}  {r.message}")


def _suggest(rule_id: str, ids: list[str]) -> list[str]:
    close = difflib.get_close_matches(rule_id, ids, n=3, cutoff=0.5)
    tail = rule_id.rsplit(".", 1)[-1]
    by_tail = [i for i in ids if i.rsplit(".", 1)[-1] == tail or tail in i]
    return list(dict.fromkeys([*by_tail, *close]))[:3]


def _example_lines(cases: list[Any]) -> list[str]:
    lines = []
    for case in cases:
        articles = case if isinstance(case, list) else [case]
        for i, a in enumerate(articles):
            if isinstance(a, dict):
                meta = ", ".join(f"{k}: {v}" for k, v in a.items() if k != "text")
                text = str(a.get("text", "")).replace("\n", " ⏎ ")
                lines.append(f"    {'-' if i == 0 else ' '} [{meta}] {text}")
            else:
                lines.append(f"    {'-' if i == 0 else ' '} {a}")
    return lines


@app.command()
def explain(
    rule_id: Annotated[str, typer.Argument(metavar="RULE_ID", help="A rule id, e.g. cross_outlet.value_conflict.")],
    rules_dir: RulesDirOpt = None,
) -> None:
    """Print what a rule reports, with the examples that it flags and that it lets pass."""
    suites = _suites(rules_dir)
    rule = suites.get(rule_id)
    if rule is None:
        ids = [r.id for r in suites.rules]
        hint = _suggest(rule_id, ids)
        fail(f"unknown rule {rule_id!r}" + (f"; did you mean {', '.join(hint)}?" if hint else "; see `raqm rules`"))
    lines = [f"{rule.id}  ({rule.severity}, suite {rule.suite}, kind {rule.kind})", "", rule.description, "",
             f"Message: {rule.message}"]
    for label, key in (("Reported", "fail"), ("Not reported", "pass")):
        cases = rule.examples.get(key) or []
        if cases:
            lines += ["", f"{label}:", *_example_lines(cases)]
    typer.echo("\n".join(lines))
