"""The ``raqm report`` command: a self-contained HTML discrepancy report."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated, Any

import typer

from .cli import ManifestOpt, PathsArg, SkipLog, WorkersOpt, app, emit, fail

ReportOutputOpt = Annotated[Path, typer.Option("-o", "--output", help="The HTML file to write.")]
TitleOpt = Annotated[str | None, typer.Option("--title", help="The report's title (default: Raqm report).")]


def write_report(result: dict[str, Any], output: Path, *, validation: Any = None, title: str | None = None) -> None:
    """Render ``result`` as the HTML report and write it to ``output`` atomically (exit 2 when it cannot)."""
    from .report import render_html

    try:
        html = render_html(result, validation=validation, title=title)
    except OSError as exc:  # the templates could not be read: a broken installation
        fail(f"cannot read the report templates ({exc})")
    emit(html.encode("utf-8"), output)


@app.command()
def report(
    paths: PathsArg,
    output: ReportOutputOpt,
    manifest: ManifestOpt = None,
    workers: WorkersOpt = None,
    title: TitleOpt = None,
) -> None:
    """Check the articles and write the findings as one self-contained HTML page."""
    from .findings import check as run_check
    from .ingest import IngestError
    from .rules import load_suites
    from .yamlio import DataError

    if output.is_dir():
        fail(f"{output}: is a folder; give the HTML file to write")
    if not output.parent.is_dir():  # say so before a long run, not after it
        fail(f"{output}: cannot write (no folder {output.parent})")
    skips = SkipLog()
    try:
        result = run_check(paths, manifest, workers=workers, on_skip=skips, suites=load_suites())
    except (IngestError, DataError) as exc:
        fail(str(exc))
    write_report(result, output, title=title)
    n = len(result["discrepancies"])
    typer.echo(f"raqm: wrote {output}: {n} finding{'' if n == 1 else 's'}", err=True)
    skips.exit_if_any()
