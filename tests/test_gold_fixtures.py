"""The hand-annotated gold fixtures pass their own validators, and the validators catch a broken span."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

FIXTURES = Path(__file__).resolve().parent / "fixtures"


def _validate(folder: Path, *args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, str(folder / "validate.py"), *args], capture_output=True, text=True)


@pytest.mark.parametrize(
    "name", ["clusters", *(f"holdout{n}" for n in ("", *range(2, 27)))]
)
def test_a_gold_fixture_passes_its_validator(name):
    done = _validate(FIXTURES / name)
    assert done.returncode == 0, done.stdout[-2000:]
    assert done.stdout.rstrip().endswith("OK")


def test_the_validator_names_a_relation_that_points_at_no_claim(tmp_path):
    copy = tmp_path / "fixtures"
    shutil.copytree(FIXTURES, copy, ignore=shutil.ignore_patterns("__pycache__"))
    relations = copy / "clusters" / "relations.jsonl"
    rows = [json.loads(line) for line in relations.read_text(encoding="utf-8").splitlines()]
    rows[0]["claims"][0]["start"] += 1000
    relations.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in rows), encoding="utf-8")
    done = _validate(copy / "clusters", "--corpus", str(tmp_path / "no-corpus"))
    assert done.returncode == 1
    assert "relations.jsonl:1:" in done.stdout
