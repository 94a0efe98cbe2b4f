"""`raqm check` on the command line: baselines, contract validation, HTML, and bad input."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys

from conftest import SEEDS


def _raqm(*args: str, cwd=None) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "checker.cli", *args], capture_output=True, text=True, check=False,
                          cwd=cwd)


def test_baseline_records_findings_and_then_reports_only_new_ones(tmp_path):
    baseline = tmp_path / "baseline.json"
    out = _raqm("check", str(SEEDS), "--write-baseline", str(baseline))
    assert out.returncode == 0 and "recorded" in out.stderr
    assert len(json.loads(baseline.read_text(encoding="utf-8"))["findings"]) >= 1
    out = _raqm("check", str(SEEDS), "--baseline", str(baseline), "--format", "json")
    assert out.returncode == 0
    result = json.loads(out.stdout)
    assert result["discrepancies"] == [] and result["summary"]["suppressed"] >= 1


def test_validate_and_html_alongside_the_check(tmp_path):
    html = tmp_path / "report.html"
    out = _raqm("check", str(SEEDS), "--validate", "--html", str(html))
    assert out.returncode == 1  # the 33-vs-36 error; the contract itself holds
    assert "44 of 44 expectations met" in out.stderr
    page = html.read_text(encoding="utf-8")
    assert 'dir="rtl"' in page and "<mark" in page


def test_a_missing_path_is_one_line_and_exit_2(tmp_path):
    out = _raqm("check", str(tmp_path / "nope"))
    assert out.returncode == 2
    assert len(out.stderr.strip().splitlines()) == 1 and "nope" in out.stderr


def test_one_broken_article_is_skipped_and_named_the_rest_is_checked(tmp_path):
    folder = tmp_path / "in"
    shutil.copytree(SEEDS, folder)
    (folder / "broken.txt").write_bytes(b"\x00\x01\x02\xff\xfe\x00binary")
    report = tmp_path / "out.json"
    out = _raqm("check", str(folder), "--format", "json", "-o", str(report))
    assert out.returncode == 2
    assert "broken.txt" in out.stderr
    result = json.loads(report.read_text(encoding="utf-8"))
    assert result["summary"]["articles"] == 5 and result["summary"]["error"] == 1


def test_unwritable_output_leaves_nothing_partial(tmp_path):
    target = tmp_path / "missing-dir" / "out.json"
    out = _raqm("check", str(SEEDS), "--format", "json", "-o", str(target))
    assert out.returncode == 2 and "cannot write" in out.stderr
    assert not target.parent.exists() or not any(target.parent.iterdir())


def test_text_output_marks_the_right_number_and_cuts_long_sentences():
    from checker.findings_formats import _mark

    sentence = "في عام 2020 قتل 20 شخصا " + "و" * 300
    claim = {"sentence": sentence, "number_text": "20", "start": 116, "sentence_start": 100}
    marked = _mark(claim)
    assert "قتل [20] شخصا" in marked and "[2020]" not in marked and marked.endswith("…")


def test_an_empty_folder_is_bad_usage_not_a_clean_pass(tmp_path):
    out = _raqm("check", str(tmp_path))
    assert out.returncode == 2 and "no articles found" in out.stderr


def test_two_files_with_one_name_are_not_merged_into_one_article(tmp_path):
    for folder, seed in (("x", "000_00ba633a53e46259.txt"), ("y", "002_f5b8c9bc2459abb0.txt")):
        (tmp_path / folder).mkdir()
        shutil.copy(SEEDS / seed, tmp_path / folder / "a.txt")
    out = _raqm("check", str(tmp_path))
    assert out.returncode == 2 and "doc_id a.txt is already used by" in out.stderr


def test_a_jsonl_feed_without_outlets_is_still_compared(tmp_path):
    feed = tmp_path / "feed.jsonl"
    lines = [json.dumps({"doc": p.name, "text": p.read_text(encoding="utf-8")}, ensure_ascii=False)
             for p in sorted(SEEDS.glob("*.txt"))]
    feed.write_text("\n".join(lines) + "\n", encoding="utf-8")
    out = _raqm("check", str(feed), "--format", "json")
    assert out.returncode == 1
    assert json.loads(out.stdout)["summary"]["error"] == 1
