"""Rule suites are data: a malformed file is named with its line, and user patterns cannot hang the run."""

from __future__ import annotations

import shutil
import subprocess
import sys
import time

import pytest
from conftest import SEEDS

from checker.resources import data_path
from checker.rules import load_suites
from checker.yamlio import DataError


def _suites_copy(tmp_path):
    folder = tmp_path / "suites"
    shutil.copytree(data_path("rules", "suites"), folder)
    return folder


def _with_unless(folder, pattern: str) -> None:
    path = folder / "cross_outlet.yaml"
    text = path.read_text(encoding="utf-8")
    line = "    kind: value_conflict\n"
    path.write_text(text.replace(line, f"{line}    unless: '{pattern}'\n", 1), encoding="utf-8")


def _check(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "checker.cli", "check", *args], capture_output=True, text=True,
                          check=False)


def test_malformed_rule_file_names_path_and_line_and_exits_2(tmp_path):
    folder = _suites_copy(tmp_path)
    bad = folder / "cross_outlet.yaml"
    bad.write_text(bad.read_text(encoding="utf-8").replace("severity: error", "severity: fatal", 1), encoding="utf-8")
    out = _check(str(SEEDS), "--rules", str(folder))
    assert out.returncode == 2
    assert "cross_outlet.yaml:" in out.stderr and "severity must be one of" in out.stderr
    assert len(out.stderr.strip().splitlines()) == 1


def test_a_rule_can_be_waived_by_a_pattern(tmp_path):
    folder = _suites_copy(tmp_path)
    _with_unless(folder, "التفسير الروسي")
    assert _check(str(SEEDS)).returncode == 1
    assert _check(str(SEEDS), "--rules", str(folder)).returncode == 0


def test_a_runaway_user_pattern_is_stopped(tmp_path):
    folder = _suites_copy(tmp_path)
    _with_unless(folder, r"(\w|\w\w)*(?<=\w{3})\d")
    rule = load_suites(str(folder)).get("cross_outlet.value_conflict")
    t0 = time.perf_counter()
    with pytest.raises(DataError, match=r"cross_outlet\.value_conflict"):
        rule.waived(["كلمة" * 20])
    assert time.perf_counter() - t0 < 5
