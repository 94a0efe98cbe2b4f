"""Raqm (رقم): a figure-and-number consistency checker for Arabic news.

The Python API mirrors the command line::

    import checker
    claims = checker.extract(["seeds/"])          # a polars DataFrame, one row per claim
"""

from __future__ import annotations

from typing import Any

__version__ = "0.1.0"
__all__ = ["extract", "extract_text", "read"]


def __getattr__(name: str) -> Any:
    # Lazy: `import checker` stays cheap; polars and the grammar load on first use.
    if name in __all__:
        from . import api

        return getattr(api, name)
    raise AttributeError(f"module 'checker' has no attribute {name!r}")
