"""Raqm (رقم): a figure-and-number consistency checker for Arabic news.

The Python API mirrors the command line::

    import checker
    claims = checker.extract(["seeds/"])          # raqm extract: a polars DataFrame, one row per claim
    result = checker.check(["seeds/"])            # raqm check: {"discrepancies", "summary", "claims", "stories"}
    checker.write_html(result, "report.html")     # raqm report / check --html
    report = checker.validate_claims(claims)      # raqm validate (great-expectations, imported on demand)
    checker.run_daily(["inbox/"], checker.Store("store/"), "2015-08-01")   # raqm daily
"""

from __future__ import annotations

from importlib import import_module
from typing import Any

__version__ = "0.1.0"

# Each verb lives in the module of its pipeline stage; importing `checker` loads none of them.
_VERBS = {
    "extract": "api",
    "extract_text": "api",
    "read": "api",
    "check": "findings",
    "check_articles": "findings",
    "write_html": "report",
    "render_html": "report",
    "validate_claims": "validate",
    "run_daily": "daily",
    "Store": "store",
}
__all__ = sorted(_VERBS)


def __getattr__(name: str) -> Any:
    module = _VERBS.get(name)
    if module is None:
        raise AttributeError(f"module 'checker' has no attribute {name!r}")
    return getattr(import_module(f".{module}", __name__), name)
