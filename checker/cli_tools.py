"""The ``raqm validate``, ``raqm rules`` and ``raqm explain`` commands."""

from __future__ import annotations

from .cli import app  # noqa: F401
