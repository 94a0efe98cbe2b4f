"""SARIF 2.1.0 and GitHub Actions annotations: valid, and pointing at the number."""

from __future__ import annotations

import json
from pathlib import Path
from urllib.parse import unquote

import pytest
from pydantic import BaseModel
from sarif_pydantic import Sarif

from checker.findings import check
from checker.findings_formats import as_github, as_sarif, escape_github_data, escape_github_property
from checker.rules import load_suites

HEADLINE = "إخلاء 25 شخصا إثر حريق بمكة\n\nوقال شاهد إن الطقس كان حارا.\nوتم إخلاء 35 شخصا من المبنى."
WIRE_A = "عاجل\n\nقتل 33 جنديا تركيا في الهجوم."
WIRE_B = "وفي الخبر:\nقتل 36 جنديا تركيا في الهجوم."
# SARIF 2.1.0 properties that sarif-pydantic's models do not declare (they land in model_extra).
SPEC_PROPERTIES_MISSING_FROM_MODEL = {"columnKind", "suppressions"}


@pytest.fixture
def archive(tmp_path, monkeypatch) -> Path:
    folder = tmp_path / "articles"
    folder.mkdir()
    (folder / "paper.txt").write_text(HEADLINE, encoding="utf-8")
    (folder / "wire a.txt").write_text(WIRE_A, encoding="utf-8")
    (folder / "خبر.txt").write_text(WIRE_B, encoding="utf-8")
    rows = [{"doc": "j1", "outlet": "j_a", "text": "قتل 20 شخصا في الحادث."},
            {"doc": "j2", "outlet": "j_b", "text": "قتل 29 شخصا في الحادث."}]
    (folder / "feed.jsonl").write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in rows),
                                       encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    return folder


@pytest.fixture
def result(archive) -> dict:
    out = check([str(archive.resolve())], workers=1)  # absolute paths: the SARIF must make them relative
    rules = {f["rule"] for f in out["discrepancies"]}
    assert {"within_article.headline_vs_body", "cross_outlet.value_conflict"} <= rules, rules
    return out


def _extras(model: BaseModel, where: str = "") -> list[str]:
    """Every property that no sarif-pydantic model declares, anywhere in the log."""
    found = [f"{where}.{k}" for k in (model.model_extra or {}) if k not in SPEC_PROPERTIES_MISSING_FROM_MODEL]
    for name in type(model).model_fields:
        value = getattr(model, name)
        for i, item in enumerate(value if isinstance(value, list) else [value]):
            if isinstance(item, BaseModel) and name != "properties":
                found += _extras(item, f"{where}.{name}[{i}]")
    return found


def test_the_log_is_valid_sarif_2_1_0(result):
    rules = list(load_suites().rules)
    text = as_sarif(result, rules)
    log = Sarif.model_validate_json(text)
    assert log.version == "2.1.0" and len(log.runs) == 1
    assert _extras(log) == []
    run = log.runs[0]
    assert run.tool.driver.name == "raqm"
    assert [r.id for r in run.tool.driver.rules] == [r.id for r in rules]
    for descriptor in run.tool.driver.rules:
        assert descriptor.short_description.text and descriptor.full_description.text
        assert descriptor.default_configuration.level in {"error", "warning", "note"}
    assert len(run.results) == len(result["discrepancies"])
    for res, finding in zip(run.results, result["discrepancies"], strict=True):
        assert res.rule_id == finding["rule"]
        assert run.tool.driver.rules[res.rule_index].id == finding["rule"]
        assert res.level.value == {"error": "error", "warning": "warning", "info": "note"}[finding["severity"]]
        assert res.partial_fingerprints == {"raqmFinding/v1": finding["fingerprint"]}
        assert len(res.locations) == 1 and len(res.related_locations or []) == len(finding["claims"]) - 1


def test_regions_point_at_the_number_in_the_file(result, archive):
    log = json.loads(as_sarif(result, list(load_suites().rules)))
    checked = 0
    for res in log["runs"][0]["results"]:
        for loc in res["locations"] + res.get("relatedLocations", []):
            artifact = loc["physicalLocation"]["artifactLocation"]
            uri = unquote(artifact["uri"])
            assert uri.startswith("articles/") and not Path(uri).is_absolute()
            assert artifact["uriBaseId"] == "%SRCROOT%"
            region = loc["physicalLocation"]["region"]
            lines = Path(uri).read_text(encoding="utf-8").split("\n")
            line = lines[region["startLine"] - 1]
            if uri.endswith(".jsonl"):
                assert set(region) == {"startLine"}  # the column would be inside the JSON string
                assert json.loads(line)["doc"] in {"j1", "j2"}
                continue
            number = line[region["startColumn"] - 1: region["endColumn"] - 1]  # 1-based, end exclusive
            assert number == region["snippet"]["text"]
            assert number in loc["message"]["text"]
            checked += 1
    assert checked >= 4


def test_an_arabic_file_name_is_percent_encoded(result):
    uris = {loc["physicalLocation"]["artifactLocation"]["uri"]
            for res in json.loads(as_sarif(result, []))["runs"][0]["results"]
            for loc in res["locations"] + res.get("relatedLocations", [])}
    assert "articles/wire%20a.txt" in uris
    assert any(u.startswith("articles/%D8%AE") for u in uris)  # خبر.txt
    assert all(" " not in u for u in uris)


def test_suppressed_findings_carry_the_baseline_reason(result):
    from checker.baseline import apply_baseline

    first = result["discrepancies"][0]
    new, suppressed = apply_baseline(result["discrepancies"], {first["fingerprint"]: {"reason": "known slip"}})
    log = json.loads(as_sarif({**result, "discrepancies": new, "suppressed": suppressed}, []))
    marked = [r for r in log["runs"][0]["results"] if r.get("suppressions")]
    assert len(marked) == 1 and marked[0]["suppressions"][0]["justification"] == "known slip"
    assert "ruleIndex" not in marked[0]  # no rules given: no index into them
    Sarif.model_validate(log)


def test_github_annotations_give_file_line_and_column(result, archive):
    lines = as_github(result).splitlines()
    assert len(lines) == len(result["discrepancies"])
    for line, finding in zip(lines, result["discrepancies"], strict=True):
        c = finding["claims"][0]
        head, message = line[2:].split("::", 1)
        level, props = head.split(" ", 1)
        assert level == {"error": "error", "warning": "warning", "info": "notice"}[finding["severity"]]
        fields = dict(p.split("=", 1) for p in props.split(","))
        assert unquote(fields["file"]).startswith("articles/")
        assert fields["line"] == str(c["line"])
        if fields["file"].endswith(".txt"):
            assert fields["col"] == str(c["column"])
            text = Path(unquote(fields["file"])).read_text(encoding="utf-8").split("\n")[c["line"] - 1]
            assert text[c["column"] - 1:].startswith(c["number_text"])
        assert fields["title"] == finding["rule"]
        assert message == escape_github_data(finding["message"])


def test_github_escaping_follows_the_toolkit():
    assert escape_github_data("50% up\r\nnext: a, b") == "50%25 up%0D%0Anext: a, b"
    assert escape_github_property("dir,x/a:b%.txt\n") == "dir%2Cx/a%3Ab%25.txt%0A"
    finding = {"rule": "r.x", "severity": "info", "message": "كان 5%\nثم: 7",
               "claims": [{"path": "a,b:c.txt", "line": 2, "column": 3, "number_text": "5"}]}
    assert as_github({"discrepancies": [finding]}) == (
        "::notice file=a%2Cb%3Ac.txt,line=2,col=3,title=r.x::كان 5%25%0Aثم: 7\n")
    stdin = {**finding, "claims": [{"path": None, "doc_id": "stdin", "line": 1, "column": 1}]}
    assert as_github({"discrepancies": [stdin]}).startswith("::notice title=r.x::")
