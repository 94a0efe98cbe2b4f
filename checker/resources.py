"""Locate the data that ships with Raqm (rule suites, lexicons, report templates)."""

from __future__ import annotations

from functools import cache
from pathlib import Path


@cache
def data_root() -> Path:
    """Return the folder that holds ``rules/`` and ``reports/``.

    In an installed wheel they live in ``checker/_data``; in a source checkout (or an
    editable install) they are the project's top-level folders.
    """
    installed = Path(__file__).resolve().parent / "_data"
    if (installed / "rules").is_dir():
        return installed
    return Path(__file__).resolve().parent.parent


def data_path(*parts: str) -> Path:
    """Return the path of a shipped data file, e.g. ``data_path("rules", "lexicon", "units.yaml")``."""
    return data_root().joinpath(*parts)
