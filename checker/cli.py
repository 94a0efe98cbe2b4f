"""The ``raqm`` command line: a thin layer over :mod:`checker.api`.

Exit codes: 0 success (for ``check``: nothing at or above ``--fail-on``), 1 findings at or
above ``--fail-on``, 2 bad usage or unreadable input (a one-line message on stderr).
"""

from __future__ import annotations

import sys
from enum import Enum
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


class ClaimsFormat(str, Enum):
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
    from .outputs import claims_bytes

    if fmt is ClaimsFormat.parquet and output is None:
        fail("--format parquet needs -o FILE")
    data = claims_bytes(frame, fmt.value)
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
    if skips.count:
        typer.echo(f"raqm: {skips.count} input(s) skipped", err=True)
        raise typer.Exit(code=2)


def main() -> None:
    """Run the ``raqm`` command line."""
    app()


if __name__ == "__main__":
    main()
