"""The HTML report without a browser: escaping, highlighting, bidi, CSP, charts, filters, limits, CLI."""

from __future__ import annotations

import base64
import hashlib
import re

import pytest
from conftest import SEEDS
from selectolax.lexbor import LexborHTMLParser as HTMLParser
from typer.testing import CliRunner

from checker.cli import app
from checker.report import Limits, clean, interval, marked_sentence, render_html, said, write_html
from checker.resources import data_path

SENTENCE_A = "قتل 33 جنديا تركيا <script>top['pwned']=1</script> في الهجوم <img src=x onerror=alert(1)> \u202eنص\u2066"
SENTENCE_B = "قتل 36 جنديا تركيا في الهجوم"
BIDI = re.compile("[\u202a-\u202e\u2066-\u2069]")


def claim(doc: str, outlet: str, sentence: str, number: str, value: float | None, **extra) -> dict:
    """An evidence dict as checker.findings puts it in a finding."""
    at = sentence.index(number)
    base = {"claim_id": f"{doc}:{at}", "doc_id": doc, "start": 100 + at, "end": 100 + at + len(number),
            "number_text": number, "value": value, "low": value, "high": value, "qualifier": "exact",
            "unit": "soldier", "predicate": "killed", "side": "turkey", "outlet": outlet, "source": None,
            "published_at": None, "sentence": sentence, "sentence_start": 100, "path": None, "line": 3,
            "column": at + 1, "in_title": False, "scope": None}
    return base | extra


def finding(a: dict, b: dict, rule: str = "cross_outlet.value_conflict", severity: str = "error",
            story: str = "S1", fingerprint: str = "abc123") -> dict:
    """A finding dict: two claims of one quantity."""
    return {"rule": rule, "severity": severity, "story": story, "quantity": "soldier killed (turkey)",
            "message": f"{a['outlet']} reports {a['value']}, {b['outlet']} reports {b['value']}",
            "fingerprint": fingerprint, "claims": [a, b]}


def result(findings: list[dict]) -> dict:
    """A check result with no claims table (the report must cope)."""
    by = {s: sum(f["severity"] == s for f in findings) for s in ("error", "warning", "info")}
    return {"discrepancies": findings, "stories": {}, "claims": None,
            "summary": {"articles": 2, "outlets": 2, "stories": 1, "claims": 4, "findings": len(findings), **by}}


@pytest.fixture(scope="module")
def pair() -> dict:
    a = claim("a.txt", "wire_a<b>", SENTENCE_A, "33", 33.0, published_at="2020-02-28T09:00:00")
    b = claim("b.txt", "wire_b", SENTENCE_B, "36", 36.0, published_at="2020-02-28T09:30:00")
    return result([finding(a, b)])


@pytest.fixture(scope="module")
def page(pair) -> str:
    return render_html(pair)


def test_page_is_right_to_left_arabic(page):
    html = HTMLParser(page).css_first("html")
    assert html.attributes["dir"] == "rtl" and html.attributes["lang"] == "ar"


def test_article_text_is_escaped(page):
    tree = HTMLParser(page)
    assert len(tree.css("script")) == 1, "only the report's own script"
    assert not tree.css("img") and not tree.css("[onerror]")
    assert "&lt;script&gt;top[&#39;pwned&#39;]=1&lt;/script&gt;" in page
    assert "wire_a&lt;b&gt;" in page and "wire_a<b>" not in page


def test_bidi_controls_are_shown_as_visible_escapes(page):
    assert not BIDI.search(page)
    assert "[U+202E]" in page and "[U+2066]" in page
    assert clean("a\u202bb\u2069c\ud800") == "a[U+202B]b[U+2069]c\ufffd"


def test_each_sentence_marks_its_numeral(page):
    quotes = HTMLParser(page).css("blockquote.sentence")
    assert [q.css_first("mark").text() for q in quotes] == ["33", "36"]
    assert all(len(q.css("mark")) == 1 for q in quotes)
    assert quotes[1].text().startswith("قتل 36 جنديا")


def test_mark_follows_the_offsets_not_the_first_match():
    sentence = "في عام 2020 قتل 20 جنديا"
    at = sentence.index(" 20 ") + 1
    c = claim("a.txt", "x", sentence, "20", 20.0) | {"start": 100 + at, "end": 102 + at}
    html, found = marked_sentence(c, 100, 160)
    assert found and str(html) == 'في عام 2020 قتل <mark dir="auto">20</mark> جنديا'
    html, found = marked_sentence(c | {"start": 5}, None, 160)  # no sentence offset: the first match
    assert found and str(html).startswith('في عام <mark dir="auto">20</mark>20')
    html, found = marked_sentence(c | {"sentence": "لا رقم هنا"}, 100, 160)  # number not in the sentence
    assert not found and str(html).endswith('<mark dir="auto">20</mark>')


def test_long_sentences_are_cut_around_the_number():
    sentence = "كلمة " * 300 + "قتل 33 جنديا " + "كلمة " * 300
    html, found = marked_sentence(claim("a.txt", "x", sentence, "33", 33.0), 100, 100)
    assert found and len(str(html)) < 400 and str(html).startswith("…") and str(html).endswith("…")


def test_values_are_shown_as_intervals():
    assert interval({"low": 33.0, "high": None, "qualifier": "at_least"}) == "[33, ∞)"
    assert interval({"low": 33.0, "high": None, "qualifier": "more_than"}) == "(33, ∞)"
    assert interval({"low": 1003.5, "high": 1003.5, "qualifier": "exact"}) == "[1,003.5, 1,003.5]"
    assert said({"value": 300.0, "low": 300.0, "high": None, "qualifier": "more_than"}) == "more than 300"
    assert said({"value": None, "low": 20.0, "high": 99.0, "qualifier": "range"}) == "between 20 and 99"


def test_content_security_policy_pins_the_inline_assets(page):
    tree = HTMLParser(page)
    head = [n.tag for n in tree.css_first("head").iter() if n.tag != "-text"]
    meta = tree.css_first('meta[http-equiv="Content-Security-Policy"]')
    assert meta is not None and head.index("meta") < head.index("style")
    csp = meta.attributes["content"]
    assert "default-src 'none'" in csp
    for tag in ("script", "style"):
        text = tree.css_first(tag).text(deep=True)
        digest = base64.b64encode(hashlib.sha256(text.encode()).digest()).decode()
        assert f"'sha256-{digest}'" in csp, f"the inline {tag} does not match its hash"


def test_nothing_is_loaded_from_outside(page):
    tree = HTMLParser(page)
    assert not re.search(r"https?://", page)
    assert not tree.css("link, iframe, object, embed, img, video, audio, source")
    assert not [n for n in tree.css("[src]")]
    assert all(n.attributes["href"].startswith("#") for n in tree.css("[href]"))
    assert "@import" not in page and "url(" not in page


def test_each_finding_has_an_anchor(page):
    tree = HTMLParser(page)
    f = tree.css_first("article.finding")
    assert f.attributes["id"] == "f-abc123"
    assert f.css_first("a.anchor").attributes["href"] == "#f-abc123"
    assert "cross_outlet.value_conflict" in f.text() and "soldier killed (turkey)" in f.text()


def test_quantities_outlets_disagree_on_get_a_chart(page):
    svg = HTMLParser(page).css_first("figure.chart svg")
    assert svg is not None and len(svg.css("circle")) == 2
    assert svg.css_first("line.link.l-error") is not None
    assert {t.text() for t in svg.css("text.val")} == {"33", "36"}


def test_a_revision_slopes_and_a_contradiction_stands():
    from checker.report_chart import chart

    early = claim("a.txt", "a", SENTENCE_B, "36", 22.0, published_at="2020-02-27T20:00:00")
    late = claim("b.txt", "b", SENTENCE_B, "36", 33.0, published_at="2020-02-28T20:00:00")
    same = claim("c.txt", "c", SENTENCE_B, "36", 36.0, published_at="2020-02-28T20:00:00")
    g = chart([finding(early, late, "cross_outlet.revision", "warning"), finding(late, same)], [], {})
    revision, conflict = g["links"]
    assert revision["x2"] - revision["x1"] > 300 and abs(conflict["x2"] - conflict["x1"]) < 40
    assert chart([finding(late, late)], [], {}) is None  # no disagreement, no chart


def test_filters_are_hidden_until_the_script_runs_and_hide_nothing(page):
    tree = HTMLParser(page)
    form = tree.css_first("form#filters")
    assert "hidden" in form.attributes
    assert [n.attributes.get("id") for n in tree.css("[hidden]")] == ["filters"]
    assert not tree.css("details:not([open])")
    names = {s.attributes["name"] for s in form.css("select")}
    assert names == {"severity", "outlet", "story", "unit"}
    f = tree.css_first("[data-f]")
    assert {"data-sev", "data-outlets", "data-story", "data-unit"} <= set(f.attributes)


def test_missing_fields_and_empty_results_are_tolerated():
    bare = {"rule": "x.y", "severity": "weird", "claims": [{"claim_id": "1", "outlet": None}, "junk"]}
    html = render_html({"discrepancies": [bare], "summary": {}})
    assert "x.y" in html
    empty = render_html({"discrepancies": [], "summary": {"articles": 0}})
    assert "No discrepancies found" in empty


def test_large_runs_are_cut_to_the_limits():
    findings = [finding(claim(f"a{i}.txt", f"o{i}", SENTENCE_B, "36", 36.0),
                        claim(f"b{i}.txt", f"p{i}", SENTENCE_B, "36", 30.0 + i), fingerprint=f"f{i}")
                for i in range(30)]
    limits = Limits(detailed=3, rows=5, detailed_per_quantity=2, rows_per_quantity=4, charts=1)
    tree = HTMLParser(render_html(result(findings), limits=limits))
    assert len(tree.css("article.finding")) == 2 and len(tree.css("table.rows tr[data-f]")) == 4
    more = tree.css_first("p.more")
    assert tree.css_first("#truncated") is not None and "24" in more.text()
    assert more.attributes["data-sev"] == "error" and len(more.attributes["data-outlets"].split()) == 48
    assert len(tree.css("figure.chart")) == 1


def test_validation_summary_is_a_section(pair):
    validation = {"success": False, "suite": "claims_table", "rows": 12, "skipped": ["offsets"], "results": [
        {"expectation": "expect_column_values_to_not_be_null", "description": "every claim has an id",
         "column": "claim_id", "success": True, "failing_rows": [], "unexpected_count": 0},
        {"expectation": "expect_column_values_to_be_between", "description": "low <= high",
         "column": "low", "success": False, "failing_rows": ["c<1>", "c2"], "unexpected_count": 2}]}
    section = HTMLParser(render_html(pair, validation=validation)).css_first("section#validation")
    assert section is not None and "low <= high" in section.text() and "c<1>" in section.text()
    assert [r.attributes["class"] for r in section.css("tbody tr")] == ["fail"]
    assert "every claim has an id" in section.css_first("ul.passed").text()
    gx_like = {"success": True, "suite_name": "s", "results": [{"success": True, "expectation_config": {
        "type": "expect_column_values_to_be_unique", "kwargs": {"column": "claim_id"}}, "result": {}}]}
    assert "expect_column_values_to_be_unique" in render_html(pair, validation=gx_like)
    assert "section id=\"validation\"" not in render_html(pair)


def test_write_html_and_templates_are_shipped(pair, tmp_path):
    assert data_path("reports", "report.html.j2").is_file()
    out = tmp_path / "r.html"
    write_html(pair, out, title="اختبار <t>")
    text = out.read_text(encoding="utf-8")
    assert text.startswith("<!DOCTYPE html>") and "<title>اختبار &lt;t&gt;</title>" in text
    assert not list(tmp_path.glob(".*tmp*"))


def test_report_command(tmp_path):
    runner = CliRunner()
    out = tmp_path / "seeds.html"
    ok = runner.invoke(app, ["report", str(SEEDS), "-o", str(out)])
    assert ok.exit_code == 0, ok.output
    assert out.read_text(encoding="utf-8").startswith("<!DOCTYPE html>")
    missing = runner.invoke(app, ["report", str(tmp_path / "nope"), "-o", str(tmp_path / "x.html")])
    assert missing.exit_code == 2 and len(missing.stderr.strip().splitlines()) == 1 and "nope" in missing.stderr
    assert not (tmp_path / "x.html").exists()
    folder = runner.invoke(app, ["report", str(SEEDS), "-o", str(tmp_path)])
    assert folder.exit_code == 2 and "folder" in folder.stderr
    assert runner.invoke(app, ["report", str(SEEDS)]).exit_code == 2  # -o is required


def test_seed_report_shows_33_against_36():
    from checker.findings import check

    res = check([SEEDS])
    pairs = [{c["value"] for c in f["claims"]} for f in res["discrepancies"]]
    if {33.0, 36.0} not in pairs:
        pytest.xfail("the checker does not yet report the seeds' 33 against 36 soldiers killed")
    tree = HTMLParser(render_html(res))
    cards = [a for a in tree.css("article.finding")
             if sorted(m.text() for m in a.css("blockquote.sentence mark")) == ["33", "36"]]
    assert cards, "no finding shows both sentences with 33 and 36 marked"
