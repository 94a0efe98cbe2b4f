"""Shared fixtures: where the project and the shared material live."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"
SEEDS = ROOT / "seeds"


def shared_path(*parts: str) -> Path:
    """Return a path under ../shared, skipping the test when it is absent."""
    path = SHARED.joinpath(*parts)
    if not path.exists():
        pytest.skip(f"{path} is not here (the shared folder travels beside the project, not in it)")
    return path


def score(kind: str, *args: Path) -> dict:
    """Run ../shared/tools/score.py and return its figures as a dict."""
    tool = shared_path("tools", "score.py")
    out = subprocess.run(
        [sys.executable, str(tool), kind, *map(str, args), "--json"],
        capture_output=True, text=True, check=False,
    )
    for line in out.stdout.splitlines():
        if line.startswith("{"):
            return json.loads(line)
    raise AssertionError(f"score.py printed no figures: {out.stdout}\n{out.stderr}")


def write_jsonl(frame, path: Path) -> Path:
    """Write a claims frame as JSON lines for the scorer."""
    from checker.outputs import claims_bytes

    path.write_bytes(claims_bytes(frame, "jsonl"))
    return path
