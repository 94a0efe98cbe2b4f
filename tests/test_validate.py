"""The claims table's contract: the great-expectations suite in rules/contracts."""

from __future__ import annotations

import subprocess
import sys
import textwrap

import polars as pl
import pytest
from conftest import ROOT, SEEDS

import checker
from checker.validate import load_contract, validate_claims
from checker.yamlio import DataError


@pytest.fixture(scope="module")
def seeds() -> tuple[pl.DataFrame, dict[str, str]]:
    frame = checker.extract([str(SEEDS)], workers=1)
    texts = {p.name: p.read_text(encoding="utf-8") for p in SEEDS.glob("*.txt")}
    return frame, texts


@pytest.fixture(scope="module")
def seeds_report(seeds):
    return validate_claims(*seeds)


def _failed(report: dict) -> dict[str, dict]:
    return {r["description"]: r for r in report["results"] if not r["success"]}


def test_importing_the_module_does_not_import_great_expectations():
    code = "import sys, checker.validate; print('great_expectations' in sys.modules)"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True, cwd=ROOT)
    assert out.stdout.strip() == "False"


def test_the_seeds_claims_meet_the_contract(seeds_report):
    assert seeds_report["success"], _failed(seeds_report)
    assert seeds_report["suite"] == "claims_table"
    assert seeds_report["skipped"] == []
    assert len(seeds_report["results"]) > 30
    first = seeds_report["results"][0]
    assert set(first) >= {"expectation", "description", "column", "success", "failing_rows", "unexpected_count"}


def test_without_texts_the_offset_check_is_skipped_not_failed(seeds):
    report = validate_claims(seeds[0])
    assert report["success"]
    assert any("text[start:end]" in s for s in report["skipped"])
    assert not any(r["column"] == "offset_ok" for r in report["results"])


def test_a_tampered_table_fails_naming_the_rows(seeds):
    frame, texts = seeds
    ids = frame["claim_id"].to_list()
    row = pl.int_range(pl.len())
    tampered = frame.with_columns(
        pl.when(row == 1).then(pl.lit(ids[0])).otherwise(pl.col("claim_id")).alias("claim_id"),  # duplicate id
        pl.when(row == 2).then(pl.col("value") + 1000).otherwise(pl.col("low")).alias("low"),  # low > value
        pl.when(row == 3).then(pl.col("start") + 1).otherwise(pl.col("start")).alias("start"),  # bad offset
        pl.when(row == 4).then(pl.lit("zorkmid")).otherwise(pl.col("unit")).alias("unit"),  # unknown unit
        pl.when(row == 5).then(pl.lit("maybe")).otherwise(pl.col("qualifier")).alias("qualifier"),
    )
    report = validate_claims(tampered, texts)
    assert not report["success"]
    failed = {r["column"]: r for r in report["results"] if not r["success"]}
    unique = next(r for r in failed.values() if r["expectation"] == "expect_column_values_to_be_unique")
    assert unique["failing_rows"] == [ids[0]] and unique["unexpected_count"] == 2
    assert failed["value, low"]["failing_rows"] == [ids[2]]
    assert failed["offset_ok"]["failing_rows"] == [ids[3]]
    assert failed["span_ok"]["failing_rows"] == [ids[3]]
    assert failed["unit"]["failing_rows"] == [ids[4]]
    assert failed["qualifier"]["failing_rows"] == [ids[5]]
    assert set(failed) == {"claim_id", "value, low", "high, low", "offset_ok", "span_ok", "unit", "qualifier"}


def test_an_offset_past_the_end_of_the_text_fails(seeds):
    frame, texts = seeds
    doc = frame["doc_id"][0]
    short = {**texts, doc: texts[doc][: frame["start"][0]]}
    report = validate_claims(frame, short)
    offset = next(r for r in report["results"] if r["column"] == "offset_ok")
    assert not offset["success"] and frame["claim_id"][0] in offset["failing_rows"]


def test_wrong_types_and_missing_columns_are_named(seeds):
    frame = seeds[0].drop("kind").with_columns(pl.col("value").cast(pl.Float32), pl.col("start").cast(pl.Int32))
    report = validate_claims(frame)
    failed = _failed(report)
    assert failed["`value` holds floats (null where the contract allows it)"]["observed"] == "float32"
    assert "missing: kind" in failed["the table has every column the contract names (more are welcome)"]["observed"]
    assert "no column `kind`" in failed["`kind` is never null"]["error"]
    assert "`start` holds integers (Python str indices into the article text)" in failed


def test_failing_rows_are_capped(seeds):
    frame = seeds[0]
    many = pl.concat([frame] * 3)  # every id three times
    unique = next(r for r in validate_claims(many)["results"] if r["column"] == "claim_id"
                  and r["expectation"] == "expect_column_values_to_be_unique")
    assert unique["unexpected_count"] == 3 * frame.height
    assert len(unique["failing_rows"]) <= 20


def test_the_unit_set_comes_from_the_lexicon():
    from checker.lexicon import load_lexicon

    units = next(c for c in load_contract().checks if c.column == "unit" and "value_set" in c.kwargs)
    concepts = {f.concept for forms in load_lexicon().units.values() for f in forms}
    assert concepts <= set(units.kwargs["value_set"])


def test_a_malformed_contract_names_its_path_and_line(tmp_path):
    bad = tmp_path / "contract.yaml"
    bad.write_text(textwrap.dedent("""\
        suite: x
        expectations:
          - expect: expect_column_values_to_be_in_set
            kwargs: {column: unit, value_set: {from: nowhere}}
            description: unit is known
        """), encoding="utf-8")
    with pytest.raises(DataError, match=rf"{bad}:4: value_set takes"):
        load_contract(str(bad))
    bad.write_text("suite: x\nexpectations:\n  - kwargs: {}\n", encoding="utf-8")
    with pytest.raises(DataError, match=rf"{bad}:3: an expectation needs"):
        load_contract(str(bad))


def test_an_unknown_expectation_type_names_the_contract_line(tmp_path):
    from checker.validate import _expectation

    bad = tmp_path / "contract.yaml"
    bad.write_text("suite: x\nexpectations:\n  - expect: expect_the_moon\n    kwargs: {}\n    description: d\n",
                   encoding="utf-8")
    (check,) = load_contract(str(bad)).checks
    with pytest.raises(DataError, match=rf"{bad}:3: expect_the_moon: "):
        _expectation(check, 0, bad)
