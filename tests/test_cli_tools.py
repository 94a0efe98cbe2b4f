"""`raqm rules`, `raqm explain`, `raqm validate`, and the pre-commit hook."""

from __future__ import annotations

import json
import re
import shutil
import textwrap

import polars as pl
import pytest
import yaml
from conftest import ROOT, SEEDS
from typer.testing import CliRunner

from checker.cli import app
from checker.rules import load_suites

runner = CliRunner()


def run(*args: str):
    return runner.invoke(app, list(args))


def test_rules_lists_every_rule_with_severity_and_message():
    result = run("rules")
    assert result.exit_code == 0, result.output
    for rule in load_suites().rules:
        assert re.search(rf"^  {re.escape(rule.id)}\s+{rule.severity}\s+{re.escape(rule.message)}$",
                         result.stdout, re.M), rule.id
    rows = json.loads(run("rules", "--format", "json").stdout)["rules"]
    assert [r["id"] for r in rows] == [r.id for r in load_suites().rules]
    assert set(rows[0]) >= {"id", "suite", "severity", "message", "description"}


def test_explain_prints_the_description_and_examples():
    rule = load_suites().get("within_article.headline_vs_body")
    result = run("explain", rule.id)
    assert result.exit_code == 0, result.output
    assert rule.description in result.stdout
    assert "Reported:" in result.stdout and "Not reported:" in result.stdout
    assert "إخلاء 25 شخصا إثر حريق بمكة" in result.stdout


@pytest.mark.parametrize(("typed", "suggested"), [
    ("cross_outlet.value_conflit", "cross_outlet.value_conflict"),
    ("headline_vs_body", "within_article.headline_vs_body"),
])
def test_explain_an_unknown_rule_suggests_close_ids(typed, suggested):
    result = run("explain", typed)
    assert result.exit_code == 2
    assert result.stderr.count("\n") == 1 and suggested in result.stderr and typed in result.stderr


def _suites_with(tmp_path, name: str, content: str):
    folder = tmp_path / "suites"
    shutil.copytree(ROOT / "rules" / "suites", folder)
    (folder / name).write_text(textwrap.dedent(content), encoding="utf-8")
    return folder


@pytest.mark.parametrize(("content", "line", "problem"), [
    ("suite: x\nrules:\n  - id: x.a\n    kind: [unclosed\n", 5, ""),
    ("""\
     suite: x
     rules:
       - id: x.a
         kind: value_conflict
         severity: fatal
         message: m
         description: d
     """, 5, "severity must be one of"),
    ("""\
     suite: x
     rules:
       - id: x.a
         kind: no_such_kind
         severity: error
         message: m
         description: d
     """, 4, "unknown kind 'no_such_kind'"),
])
@pytest.mark.parametrize("command", [("rules",), ("explain", "x.a")])
def test_a_malformed_rule_file_names_path_and_line_and_exits_2(tmp_path, content, line, problem, command):
    folder = _suites_with(tmp_path, "zz_bad.yaml", content)
    result = run(*command, "--rules", str(folder))
    assert result.exit_code == 2, result.output
    assert result.stderr.startswith(f"raqm: error: {folder / 'zz_bad.yaml'}:{line}: ")
    assert problem in result.stderr and result.stderr.count("\n") == 1


def test_the_rules_option_wants_a_folder(tmp_path):
    result = run("rules", "--rules", str(tmp_path / "nowhere"))
    assert result.exit_code == 2 and "not a folder" in result.stderr


def test_validate_passes_on_the_seeds(tmp_path):
    result = run("validate", str(SEEDS))
    assert result.exit_code == 0, result.output
    assert re.match(r"claims_table: (\d+) of \1 expectations met on \d+ claims\n", result.stdout)
    out = tmp_path / "v.json"
    assert run("validate", str(SEEDS), "--format", "json", "-o", str(out)).exit_code == 0
    report = json.loads(out.read_text(encoding="utf-8"))
    assert report["success"] and report["suite"] == "claims_table" and report["skipped"] == []


def test_validate_exits_1_naming_the_failing_rows(monkeypatch):
    from checker import api

    real = api.claims_of

    def broken(articles, workers=None):
        frame = real(articles, workers=1)
        return frame.with_columns(pl.when(pl.int_range(pl.len()) == 0).then(pl.lit(-5.0)).otherwise(pl.col("high"))
                                  .alias("high"))

    monkeypatch.setattr(api, "claims_of", broken)
    first = real(api.read([str(SEEDS)]), workers=1)["claim_id"][0]
    result = run("validate", str(SEEDS))
    assert result.exit_code == 1, result.output
    assert "FAILS" in result.stdout
    assert re.search(rf"FAIL value <= high where both are given \(1 row: {first}\)", result.stdout)


def test_validate_on_bad_input_exits_2(tmp_path):
    result = run("validate", str(tmp_path / "missing.txt"))
    assert result.exit_code == 2 and "missing.txt" in result.stderr


@pytest.mark.parametrize("command", ["rules", "explain", "validate"])
def test_every_command_has_help(command):
    result = run(command, "--help")
    assert result.exit_code == 0 and len(result.stdout) > 100


def test_the_pre_commit_hook_runs_raqm_check_on_articles():
    hooks = yaml.safe_load((ROOT / ".pre-commit-hooks.yaml").read_text(encoding="utf-8"))
    hook = next(h for h in hooks if h["id"] == "raqm-check")
    assert {"id", "name", "entry", "language"} <= set(hook)
    assert hook["entry"] == "raqm check" and hook["language"] == "python" and hook["pass_filenames"] is True
    files = re.compile(hook["files"])
    assert all(files.search(n) for n in ("a/b.txt", "c.html", "d.htm", "e.jsonl", "f.jsonl.gz"))
    assert not any(files.search(n) for n in ("a.py", "b.json", "c.txt.bak"))
