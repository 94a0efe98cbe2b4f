"""The ``raqm`` command line: a thin layer over :mod:`checker.api`.

Exit codes: 0 success (for ``check``: nothing at or above ``--fail-on``), 1 findings at or
above ``--fail-on``, 2 bad usage or unreadable input (a one-line message on stderr).
"""

from __future__ import annotations

import sys
from enum import StrEnum
from pathlib import Path
from typing import Annotated, NoReturn

import typer

app = typer.Typer(
    name="raqm",
    help="Raqm (رقم): find the numbers in Arabic news and where outlets disagree on them.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)


@app.callback()
def _root() -> None:
    """Raqm (رقم): find the numbers in Arabic news and where outlets disagree on them."""


class ClaimsFormat(StrEnum):
    """Output formats of ``raqm extract``."""

    table = "table"
    jsonl = "jsonl"
    csv = "csv"
    parquet = "parquet"


def fail(message: str) -> NoReturn:
    """Print a one-line error to stderr and exit with code 2."""
    typer.echo(f"raqm: error: {message}", err=True)
    raise typer.Exit(code=2)


class SkipLog:
    """Report skipped inputs on stderr as they happen and remember that some were skipped."""

    def __init__(self) -> None:
        self.count = 0

    def __call__(self, skipped: object) -> None:
        self.count += 1
        typer.echo(f"raqm: skipped {skipped}", err=True)

    def exit_if_any(self, what: str = "") -> None:
        """After the output is written: exit 2 when anything was skipped, so that CI notices."""
        if self.count:
            typer.echo(f"raqm: {self.count} input(s) skipped{what}", err=True)
            raise typer.Exit(code=2)


PathsArg = Annotated[
    list[str],
    typer.Argument(help="Files or folders (.txt .html .htm .jsonl .jsonl.gz), or - for standard input."),
]
ManifestOpt = Annotated[
    Path | None,
    typer.Option("--manifest", help="JSONL or CSV rows: doc, outlet, published_at, title, url."),
]
OutputOpt = Annotated[Path | None, typer.Option("-o", "--output", help="Write here instead of standard output.")]
WorkersOpt = Annotated[
    int | None, typer.Option("--workers", "-j", help="Worker processes (default: every local core).")
]


def _read_claims(paths: list[str], manifest: Path | None, workers: int | None, skips: SkipLog):
    from . import api
    from .ingest import IngestError
    from .yamlio import DataError

    try:
        return api.extract(paths, manifest, workers=workers, on_skip=skips)
    except (IngestError, DataError) as exc:
        fail(str(exc))


def write_claims(frame, fmt: ClaimsFormat, output: Path | None) -> None:
    """Write the claims table in ``fmt`` to ``output`` (atomically) or to standard output."""
    from .outputs import claims_bytes, write_claims_file

    if fmt is ClaimsFormat.parquet and output is None:
        fail("--format parquet needs -o FILE")
    if output is None:
        emit(claims_bytes(frame, fmt.value), output)
        return
    try:
        write_claims_file(frame, fmt.value, output)
    except OSError as exc:
        fail(f"{output}: cannot write ({exc.strerror or exc})")


def emit(data: bytes, output: Path | None) -> None:
    """Write ``data`` to ``output`` atomically (temp file, then rename), or to standard output."""
    if output is None:
        sys.stdout.buffer.write(data)
        sys.stdout.flush()
        return
    from .atomic import write_atomic

    try:
        write_atomic(output, data)
    except OSError as exc:
        fail(f"{output}: cannot write ({exc.strerror or exc})")


@app.command()
def extract(
    paths: PathsArg,
    manifest: ManifestOpt = None,
    fmt: Annotated[ClaimsFormat, typer.Option("--format", "-f", help="Output format.")] = ClaimsFormat.table,
    output: OutputOpt = None,
    workers: WorkersOpt = None,
) -> None:
    """Extract every numeric claim from Arabic articles into the claims table."""
    skips = SkipLog()
    frame = _read_claims(paths, manifest, workers, skips)
    write_claims(frame, fmt, output)
    skips.exit_if_any()


class CheckFormat(StrEnum):
    """Output formats of ``raqm check``."""

    text = "text"
    json = "json"
    sarif = "sarif"
    github = "github"


class FailOn(StrEnum):
    """The lowest severity that makes ``raqm check`` exit 1."""

    error = "error"
    warning = "warning"
    never = "never"


@app.command()
def check(
    paths: PathsArg,
    manifest: ManifestOpt = None,
    fmt: Annotated[CheckFormat, typer.Option("--format", "-f", help="Output format.")] = CheckFormat.text,
    output: OutputOpt = None,
    fail_on: Annotated[FailOn, typer.Option("--fail-on", help="Exit 1 on findings at or above this.")] = FailOn.error,
    html: Annotated[Path | None, typer.Option("--html", help="Also write the HTML discrepancy report here.")] = None,
    validate: Annotated[
        bool, typer.Option("--validate", help="Check the claims table against its contract (great-expectations).")
    ] = False,
    baseline: Annotated[
        Path | None, typer.Option("--baseline", help="Report only the findings this baseline file does not record.")
    ] = None,
    write_baseline: Annotated[
        Path | None, typer.Option("--write-baseline", help="Record the current findings in this file and exit 0.")
    ] = None,
    workers: WorkersOpt = None,
    rules: Annotated[
        Path | None, typer.Option("--rules", help="A folder of rule-suite YAML files to use instead of ours.")
    ] = None,
) -> None:
    """Find where outlets contradict each other, or an article contradicts itself, on a figure."""
    from . import findings_formats as ff
    from .api import read
    from .findings import check_articles, summary
    from .ingest import IngestError
    from .rules import load_suites
    from .yamlio import DataError

    skips = SkipLog()
    validation = None
    try:
        if rules is not None and not rules.is_dir():
            fail(f"{rules}: not a folder of rule suites")
        suites = load_suites(str(rules) if rules else None)
        articles = read(paths, manifest, on_skip=skips)
        if not articles and not skips.count:
            fail(f"{' '.join(paths)}: no articles found (.txt .html .htm .jsonl .jsonl.gz)")
        result = check_articles(articles, workers=workers, suites=suites)
        if validate:
            from .cli_tools import validation_text
            from .validate import validate_claims

            validation = validate_claims(result["claims"], {a.doc_id: a.text for a in articles})
            typer.echo(validation_text(validation), err=True, nl=False)
        if write_baseline is not None:
            from .baseline import write_baseline as record

            count = record(result["discrepancies"], write_baseline)
            typer.echo(f"raqm: {count} finding(s) recorded in {write_baseline}", err=True)
            raise typer.Exit(code=2 if skips.count else 0)
        if baseline is not None:
            from .baseline import apply_baseline, load_baseline

            new, suppressed = apply_baseline(result["discrepancies"], load_baseline(baseline))
            counts = summary(new, result["claims"], result["stories"])
            result = {**result, "discrepancies": new, "suppressed": suppressed,
                      "summary": {**counts, "suppressed": len(suppressed)}}
    except (IngestError, DataError) as exc:
        fail(str(exc))
    if fmt is CheckFormat.json:
        text = ff.as_json(result)
    elif fmt is CheckFormat.sarif:
        text = ff.as_sarif(result, list(suites.rules))
    elif fmt is CheckFormat.github:
        text = ff.as_github(result)
    else:
        text = ff.as_text(result)
    emit(text.encode("utf-8"), output)
    if html is not None:
        from .report import write_html

        try:
            write_html(result, html, validation=validation)
        except OSError as exc:
            fail(f"{html}: cannot write ({exc.strerror or exc})")
    skips.exit_if_any()
    levels = {"error": ("error",), "warning": ("error", "warning"), "never": ()}[fail_on.value]
    if any(f["severity"] in levels for f in result["discrepancies"]) or (validation and not validation["success"]):
        raise typer.Exit(code=1)


# Commands kept in modules of their own register themselves on ``app`` when imported.
from . import cli_daily, cli_report, cli_tools  # noqa: E402,F401


def main() -> None:
    """Run the ``raqm`` command line."""
    app()


if __name__ == "__main__":
    main()
