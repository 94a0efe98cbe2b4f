"""The ``raqm report`` command: a self-contained HTML discrepancy report."""

from __future__ import annotations

from .cli import app  # noqa: F401
