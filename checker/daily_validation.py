"""Check a day's claims against the claims-table contract, in a child process while the day is compared.

great-expectations takes seconds to import; from a few hundred new articles on, a child
process imports it and validates while the parent extracts and compares, and the day is
committed only when the contract holds.
"""

from __future__ import annotations

import json
import os
import sys
from pathlib import Path
from typing import Any

import polars as pl

from .article import Article


def _validate(claims: pl.DataFrame, texts: dict[str, str]) -> list[str]:
    """Validate claims against the contract; return the failed expectations (empty when it passes)."""
    from .validate import failures, validate_claims

    report = validate_claims(claims, texts)
    return [] if report["success"] else failures(report)


def start_validation(background: bool) -> Validation:
    """Get ready to validate the day's claims; with ``background``, load great-expectations in a child process now."""
    return Validation(background)


class Validation:
    """Validate the day's claims against the contract, in a child process that loaded great-expectations early.

    The child is a fresh interpreter (no fork of a process running polars threads, no
    re-import of the caller's main script): it imports great-expectations while this process
    extracts and compares, then reads the claims from files. If it cannot help, this process
    validates. Without ``background`` (small days, or great-expectations already imported)
    everything happens here.
    """

    def __init__(self, background: bool) -> None:
        import subprocess
        import tempfile

        self.claims: pl.DataFrame | None = None
        self.texts: dict[str, str] = {}
        self.child: Any = None
        if not background or "great_expectations" in sys.modules:
            return
        self.folder = tempfile.TemporaryDirectory(prefix="raqm-validate-")
        env = {**os.environ, "PYTHONPATH": os.pathsep.join(
            [str(Path(__file__).resolve().parents[1]), *filter(None, [os.environ.get("PYTHONPATH")])])}
        env.pop("RAQM_CRASH_AT", None)
        code = "from checker.daily_validation import _validation_child; _validation_child()"
        try:
            self.child = subprocess.Popen([sys.executable, "-c", code], env=env, stdin=subprocess.PIPE,
                                          stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, text=True)
        except OSError:
            self.child = None
            self.folder.cleanup()

    def submit(self, claims: pl.DataFrame, articles: list[Article]) -> None:
        """Hand over the claims to validate (and the texts their offsets index into)."""
        self.claims, self.texts = claims, {a.doc_id: a.text for a in articles}
        if self.child is None:
            return
        folder = Path(self.folder.name)
        try:
            claims.write_parquet(folder / "claims.parquet")
            (folder / "texts.json").write_text(json.dumps(self.texts, ensure_ascii=False), encoding="utf-8")
            self.child.stdin.write(f"{folder}\n")
            self.child.stdin.close()
        except (OSError, ValueError):
            self.close()

    def failures(self) -> list[str]:
        """Wait for the result: one line per failed expectation (empty when the claims pass)."""
        if self.claims is None or self.claims.is_empty():
            return []
        if self.child is not None:
            self.child.wait()
            result = Path(self.folder.name) / "result.json"
            if self.child.returncode == 0 and result.exists():
                return json.loads(result.read_text(encoding="utf-8"))
        return _validate(self.claims, self.texts)  # no child, or it could not say: validate here

    def close(self) -> None:
        """Stop the child if it still runs and remove its files."""
        if self.child is not None:
            if self.child.poll() is None:
                self.child.kill()
                self.child.wait()
            if self.child.stdin and not self.child.stdin.closed:
                self.child.stdin.close()
            self.folder.cleanup()
            self.child = None


def _validation_child() -> None:
    """Child side of :class:`Validation`: load great-expectations, then validate the folder named on stdin."""
    import warnings

    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        import great_expectations  # noqa: F401 - the slow part, done while the parent works
    folder = sys.stdin.readline().strip()
    if not folder:
        return  # the parent needed no validation after all
    where = Path(folder)
    texts = json.loads((where / "texts.json").read_text(encoding="utf-8"))
    lines = _validate(pl.read_parquet(where / "claims.parquet"), texts)
    (where / "result.json").write_text(json.dumps(lines, ensure_ascii=False), encoding="utf-8")
