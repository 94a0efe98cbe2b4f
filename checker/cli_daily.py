"""The ``raqm daily`` and ``raqm store`` commands: incremental runs over a growing archive."""

from __future__ import annotations

from .cli import app  # noqa: F401
