"""The ``raqm daily`` and ``raqm store`` commands: incremental runs over a growing archive."""

from __future__ import annotations

import json
import os
import sys
import time
from datetime import date
from enum import StrEnum
from pathlib import Path
from typing import Annotated, Any

import typer

from .cli import ManifestOpt, SkipLog, WorkersOpt, app, emit, fail

LISTED = 20  # findings listed per status in the text output

store_app = typer.Typer(name="store", help="Look into a Raqm store (the Delta table that `raqm daily` keeps).",
                        no_args_is_help=True)
app.add_typer(store_app)


class DailyFormat(StrEnum):
    """Output formats of ``raqm daily`` and ``raqm store stats``."""

    text = "text"
    json = "json"


class Engine(StrEnum):
    """Where extraction runs."""

    local = "local"
    dask = "dask"


StoreOpt = Annotated[Path, typer.Option("--store", help="The store folder (a Delta Lake table; created if absent).")]
FormatOpt = Annotated[DailyFormat, typer.Option("--format", "-f", help="Output format.")]


class _Bar:
    """A rich progress bar on standard error, redrawn by hand (no refresh thread next to the fork pool)."""

    def __init__(self) -> None:
        from rich.console import Console
        from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

        self.progress = Progress(TextColumn("{task.description:<11}"), BarColumn(), MofNCompleteColumn(),
                                 TimeElapsedColumn(), console=Console(stderr=True), auto_refresh=False,
                                 transient=True)
        self.task: Any = None
        self.last = 0.0

    def stage(self, name: str, total: int | None = None) -> None:
        if self.task is None:
            self.progress.start()
        else:
            self.progress.update(self.task, completed=self.progress.tasks[self.task].total or 0)
        self.task = self.progress.add_task(name, total=total)
        self.progress.refresh()

    def advance(self, steps: int = 1) -> None:
        self.progress.advance(self.task, steps)
        now = time.monotonic()
        if now - self.last > 0.1:
            self.last = now
            self.progress.refresh()

    def close(self) -> None:
        if self.task is not None:
            self.progress.stop()


def _want_bar(flag: bool | None) -> bool:
    if flag is not None:
        return flag
    return sys.stderr.isatty() and not os.environ.get("CI")


def _check_day(value: str, option: str) -> str:
    try:
        return date.fromisoformat(value).isoformat()
    except ValueError:
        fail(f"{option} {value}: not a date (YYYY-MM-DD)")


def _text(summary: dict[str, Any], rows: list[dict[str, Any]]) -> str:
    f = summary["findings"]
    since = f"since {summary['previous_date']}" if summary["previous_date"] else "(first run)"
    lines = [
        f"{summary['date']}: {summary['articles_seen']:,} articles read, {summary['articles_new']:,} new, "
        f"{summary['claims_new']:,} claims; compared with {summary['compared_articles'] - summary['articles_new']:,}"
        f" related articles of the last {summary['window_days']} days",
        f"findings {since}: {f['new']:,} new, {f['open']:,} still open, {f['resolved']:,} resolved, "
        f"{f['expired']:,} aged out of the window (store version {summary['store_version']})",
    ]
    for status, title in (("new", "new"), ("resolved", "resolved")):
        chosen = [r for r in rows if r["status"] == status]
        if chosen:
            lines.append(f"\n{title}:")
            lines += [f"  {r['severity']:<7} {r['message']}  [{r['rule']}]" for r in chosen[:LISTED]]
            if len(chosen) > LISTED:
                lines.append(f"  … and {len(chosen) - LISTED:,} more (--html DIR, or the store)")
    return "\n".join(lines) + "\n"


def _html(html: Path, summary: dict[str, Any], rows: list[dict[str, Any]]) -> None:
    from .report import write_html

    f = summary["findings"]
    title = (f"Raqm · {summary['date']} · {f['new']} new · {f['open']} open · {f['resolved']} resolved")
    path = html / f"raqm-daily-{summary['date']}.html"
    try:
        html.mkdir(parents=True, exist_ok=True)
        write_html(html_result(summary, rows), path, title=title)
    except OSError as exc:
        fail(f"{path}: cannot write ({exc.strerror or exc})")


@app.command()
def daily(
    store: StoreOpt,
    inbox: Annotated[list[str] | None, typer.Option(
        "--inbox", help="The day's articles: a file or folder (anything `raqm extract` reads); repeatable.")] = None,
    day: Annotated[str | None, typer.Option("--date", help="The day of the run (default: today).")] = None,
    as_of: Annotated[str | None, typer.Option(
        "--as-of", help="Show the committed run of this day as it was then (no inbox, nothing written).")] = None,
    manifest: ManifestOpt = None,
    window: Annotated[int, typer.Option("--window", min=1, help="Days of stored claims to compare with.")] = 14,
    fmt: FormatOpt = DailyFormat.text,
    html: Annotated[Path | None, typer.Option("--html", help="Write the day's HTML report into this folder.")] = None,
    workers: WorkersOpt = None,
    engine: Annotated[Engine, typer.Option("--engine", help="Extract on local cores or on a Dask cluster.")]
    = Engine.local,
    scheduler: Annotated[str | None, typer.Option(
        "--scheduler", help="Dask scheduler address (with --engine dask; default: a LocalCluster).")] = None,
    no_wait: Annotated[bool, typer.Option("--no-wait", help="Stop at once if another run holds the store.")]
    = False,
    force: Annotated[bool, typer.Option("--force", help="Recompute the day even if its inbox is unchanged.")]
    = False,
    progress: Annotated[bool | None, typer.Option(
        "--progress/--no-progress", help="Progress bar (default: on a terminal, never in CI).")] = None,
) -> None:
    """Ingest a day's articles into the store and report the findings that are new, open and resolved."""
    from .daily import ContractFailure, Options, run_daily
    from .ingest import IngestError
    from .store import Store, StoreError, day_report
    from .yamlio import DataError

    the_store = Store(store)
    if as_of is not None:
        if inbox:
            fail("--as-of shows a committed day: give it without --inbox")
        try:
            summary, rows = day_report(the_store, _check_day(as_of, "--as-of"))
        except StoreError as exc:
            fail(str(exc))
        _finish(summary, rows, fmt, html)
        return
    if not inbox:
        fail("--inbox DIR is required (or --as-of DATE to show a committed day)")
    if engine is Engine.local and scheduler:
        fail("--scheduler needs --engine dask")
    run_day = _check_day(day, "--date") if day else date.today().isoformat()
    options = Options(window=window, workers=workers, engine=engine.value, scheduler=scheduler,
                      force=force, wait=not no_wait)
    skips = SkipLog()
    bar = _Bar() if _want_bar(progress) else None
    try:
        summary = run_daily(inbox, the_store, run_day, manifest=manifest, options=options, on_skip=skips,
                            on_wait=lambda m: typer.echo(f"raqm: {m}", err=True), progress=bar)
    except ContractFailure as exc:
        if bar:
            bar.close()
        typer.echo(f"raqm: error: the claims of {run_day} fail the claims contract; the day was not committed:",
                   err=True)
        for line in exc.lines:
            typer.echo(f"  {line}", err=True)
        raise typer.Exit(code=1) from None
    except (IngestError, DataError, StoreError, RuntimeError, OSError) as exc:
        if bar:
            bar.close()
        fail(str(exc))
    if bar:
        bar.close()
    summary, rows = day_report(the_store, run_day) if fmt is DailyFormat.text or html else (summary, [])
    _finish(summary, rows, fmt, html)
    skips.exit_if_any(" (unreadable or empty; the day is committed without them)")


def _finish(summary: dict[str, Any], rows: list[dict[str, Any]], fmt: DailyFormat, html: Path | None) -> None:
    if html is not None:
        _html(html, summary, rows)
    if fmt is DailyFormat.json:
        emit((json.dumps(summary, ensure_ascii=False) + "\n").encode("utf-8"), None)
    else:
        emit(_text(summary, rows).encode("utf-8"), None)


@store_app.command("stats")
def stats(store: StoreOpt, fmt: FormatOpt = DailyFormat.text) -> None:
    """Count what the store holds: articles, claims, findings, days and versions."""
    from .store import Store, StoreError

    try:
        figures = Store(store).stats()
    except StoreError as exc:
        fail(str(exc))
    if fmt is DailyFormat.json:
        emit((json.dumps(figures, ensure_ascii=False) + "\n").encode("utf-8"), None)
        return
    emit((f"{figures['store']}: {figures['articles']:,} articles, {figures['claims']:,} claims, "
          f"{figures['findings']:,} findings ({figures['open']:,} open), {figures['days']} days "
          f"(last {figures['last_day']}), {figures['versions']} versions\n").encode(), None)


def html_result(summary: dict[str, Any], rows: list[dict[str, Any]]) -> dict[str, Any]:
    """A check-style result for the HTML report: new, open and resolved findings, each message tagged."""
    tags = {"new": "[new]", "open": "[open]", "resolved": "[resolved]"}
    discrepancies = []
    for r in rows:
        if r["status"] not in tags:
            continue
        since = f" since {r['first_seen']}" if r["status"] == "open" else ""
        discrepancies.append({"rule": r["rule"], "severity": r["severity"], "story": r["story"],
                              "quantity": r["quantity"], "fingerprint": r["fingerprint"],
                              "message": f"{tags[r['status']]}{since} {r['message']}",
                              "claims": json.loads(r["evidence"]) if r["evidence"] else []})
    by_severity = {s: sum(d["severity"] == s for d in discrepancies) for s in ("error", "warning", "info")}
    return {"discrepancies": discrepancies, "stories": {},
            "summary": {"articles": summary["articles_new"], "claims": summary["claims_new"],
                        "findings": len(discrepancies), **by_severity, **summary["findings"]}}
