"""The extractor against the hand-annotated gold sets (seeds and the development set)."""

from __future__ import annotations

from conftest import SEEDS, score, shared_path, write_jsonl

import checker


def test_seed_spec(tmp_path):
    """The seed articles: every core claim found, values, qualifiers and units right."""
    gold = shared_path("spec", "seeds_claims.jsonl")
    claims = checker.extract([SEEDS])
    res = score("claims", gold, write_jsonl(claims, tmp_path / "claims.jsonl"))
    assert res["recall"] == 1.0
    assert res["precision"] >= 0.95
    assert res["value_accuracy"] == 1.0
    assert res["qualifier_accuracy"] >= 0.95
    assert res["unit_accuracy"] >= 0.95


def test_development_set(tmp_path):
    """32 real articles, 393 core mentions: recall, precision and value accuracy."""
    gold = shared_path("spec", "dev_claims.jsonl")
    claims = checker.extract([shared_path("corpus", "dev")], shared_path("corpus", "dev-manifest.jsonl"))
    res = score("claims", gold, write_jsonl(claims, tmp_path / "claims.jsonl"))
    assert res["recall"] >= 0.95
    assert res["precision"] >= 0.90
    assert res["value_accuracy"] >= 0.98


def test_seed_claim_details():
    """The facts the mission names: 33 at least, 36 exact, 'more than 300', 24 hours in words."""
    claims = checker.extract([SEEDS])
    rows: dict = {}
    for r in claims.iter_rows(named=True):
        rows.setdefault((r["doc_id"][:3], r["number_text"]), r)  # first mention wins
    assert rows[("000", "33")]["qualifier"] == "at_least"
    assert rows[("000", "33")]["predicate"] == "killed"
    assert rows[("000", "33")]["side"] == "turkey"
    assert rows[("002", "36")]["qualifier"] == "exact"
    assert rows[("000", "300")]["qualifier"] == "more_than"
    assert rows[("000", "300")]["predicate"] == "neutralized"
    assert "أكار" in rows[("000", "300")]["source"]
    words = rows[("001", "أربع وعشرين")]
    assert (words["value"], words["unit"], words["kind"]) == (24.0, "hour", "duration")


def test_scope_from_an_earlier_clause():
    """«تمكنت خلال اليوم الأخير من (تحييد) 184»: the window said before the figure is its scope."""
    claims = checker.extract([SEEDS])
    row = claims.filter(claims["number_text"] == "184").row(0, named=True)
    assert row["scope"] == "last_24h"


def test_offsets_point_into_the_original_text():
    """Every claim's span is exactly its number_text in the text as read_text returns it."""
    claims = checker.extract([SEEDS])
    texts = {p.name: p.read_text(encoding="utf-8") for p in SEEDS.glob("*.txt")}
    for r in claims.iter_rows(named=True):
        text = texts[r["doc_id"]]
        assert text[r["start"] : r["end"]] == r["number_text"]
        sentence_end = r["sentence_start"] + len(r["sentence"])
        assert text[r["sentence_start"] : sentence_end] == r["sentence"]
        assert r["sentence_start"] <= r["start"] and r["end"] <= sentence_end


def test_claim_ids_are_stable_and_unique():
    first = checker.extract([SEEDS])["claim_id"].to_list()
    assert first == checker.extract([SEEDS])["claim_id"].to_list()
    assert len(set(first)) == len(first)
