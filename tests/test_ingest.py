"""Reading articles: encodings, file kinds, doc ids, manifests and errors."""

from __future__ import annotations

import gzip
import io
import itertools
import json
import os
import random
import sys
from pathlib import Path

import pytest

from checker.article import Article, Skipped
from checker.atomic import atomic_path, write_atomic
from checker.dateline import normalize_published_at
from checker.ingest import IngestError, iter_articles

SENTENCE = (
    "الرياض - أعلنت وزارة الصحة السعودية اليوم تسجيل 1234 إصابة جديدة، "
    "وقالت إن ثلاثة آلاف شخص تعافوا خلال أسبوعين."
)
CORPUS = Path(__file__).resolve().parents[2] / "shared" / "corpus" / "saudinewsnet.jsonl.gz"


def read(*paths: Path | str, **kwargs: object) -> list[Article | Skipped]:
    return list(iter_articles([str(p) for p in paths], **kwargs))  # type: ignore[arg-type]


def only_article(*paths: Path | str, **kwargs: object) -> Article:
    (item,) = read(*paths, **kwargs)
    assert isinstance(item, Article), item
    return item


# ----------------------------------------------------------------- encodings


def test_utf8_txt_matches_read_text(tmp_path: Path) -> None:
    p = tmp_path / "a.txt"
    p.write_bytes(SENTENCE.encode("utf-8"))
    art = only_article(p)
    assert art.text == p.read_text(encoding="utf-8") == SENTENCE
    assert (art.doc_id, art.outlet, art.path, art.line) == ("a.txt", "a", str(p), None)


def test_utf8_bom_is_kept_like_read_text(tmp_path: Path) -> None:
    # Decision: offsets are defined against read_text(encoding="utf-8"), which keeps
    # the BOM as U+FEFF, so ingest keeps it too (offset 0 is the BOM).
    p = tmp_path / "bom.txt"
    p.write_bytes(b"\xef\xbb\xbf" + SENTENCE.encode("utf-8"))
    art = only_article(p)
    assert art.text == p.read_text(encoding="utf-8") == "\ufeff" + SENTENCE


def test_crlf_and_cr_translated_like_read_text(tmp_path: Path) -> None:
    p = tmp_path / "crlf.txt"
    p.write_bytes("سطر أول\r\nسطر 2\rسطر 3\n\r\n".encode())
    art = only_article(p)
    assert art.text == p.read_text(encoding="utf-8")
    assert "\r" not in art.text
    assert art.text.splitlines() == ["سطر أول", "سطر 2", "سطر 3", ""]


@pytest.mark.parametrize("encoding", ["utf-16-le", "utf-16-be"])
def test_utf16_with_bom(tmp_path: Path, encoding: str) -> None:
    bom = b"\xff\xfe" if encoding.endswith("le") else b"\xfe\xff"
    p = tmp_path / "u16.txt"
    p.write_bytes(bom + (SENTENCE + "\r\nسطر").encode(encoding))
    assert only_article(p).text == SENTENCE + "\nسطر"


def test_windows_1256_arabic(tmp_path: Path) -> None:
    p = tmp_path / "cp.txt"
    p.write_bytes(SENTENCE.encode("cp1256"))
    assert only_article(p).text == SENTENCE


def test_windows_1256_short_text(tmp_path: Path) -> None:
    p = tmp_path / "short.txt"
    p.write_bytes("قتل 33 جنديا".encode("cp1256"))
    assert only_article(p).text == "قتل 33 جنديا"


def test_empty_and_whitespace_files_are_skipped(tmp_path: Path) -> None:
    (tmp_path / "empty.txt").write_bytes(b"")
    (tmp_path / "blank.txt").write_bytes(b" \r\n\t\n")
    items = read(tmp_path)
    assert all(isinstance(i, Skipped) and i.reason == "empty file" for i in items)
    assert len(items) == 2


def test_binary_file_skipped_good_file_kept(tmp_path: Path) -> None:
    rng = random.Random(7)
    png = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(rng.randrange(256) for _ in range(4096))
    (tmp_path / "image.txt").write_bytes(png)
    (tmp_path / "good.txt").write_text(SENTENCE, encoding="utf-8")
    items = read(tmp_path)
    assert [type(i).__name__ for i in items] == ["Article", "Skipped"]
    skipped = items[1]
    assert isinstance(skipped, Skipped)
    assert skipped.path == str(tmp_path / "image.txt")
    assert skipped.reason.startswith("binary or undecodable file")
    assert str(skipped).startswith(str(tmp_path / "image.txt") + ": binary")


def test_random_bytes_without_nul_are_skipped(tmp_path: Path) -> None:
    rng = random.Random(3)
    p = tmp_path / "noise.txt"
    p.write_bytes(bytes(rng.randrange(1, 32) for _ in range(2000)))
    (item,) = read(p)
    assert isinstance(item, Skipped)


def test_large_single_line_file(tmp_path: Path) -> None:
    chunk = "1234567 ثلاثة آلاف و250 ٣٤٥ مليون "
    text = chunk * (5_000_000 // len(chunk.encode()) + 1)
    p = tmp_path / "big.txt"
    p.write_text(text, encoding="utf-8")
    assert p.stat().st_size > 5_000_000
    art = only_article(p)
    assert len(art.text) == len(text)
    assert art.published_at is None


# ---------------------------------------------------------------------- HTML

HTML = """<!DOCTYPE html><html><head><meta charset="utf-8">
<title>عنوان الصفحة - الموقع</title>
<meta property="og:title" content="مقتل 33 جنديا">
<meta property="article:published_time" content="2020-02-28T10:15:00+03:00">
<script>var secret = "SCRIPT_TEXT 999";</script><style>p {color: red}</style>
</head><body>
<header><nav><a href="/">الرئيسية</a> NAV_TEXT</nav></header>
<aside>ASIDE_TEXT الأكثر قراءة</aside>
<article><h1>مقتل 33 جنديا</h1>
<p>قتل <b>33</b> جنديا تركيا<br>في إدلب.</p>
<p>وأصيب 32 آخرون.</p><script>track("INLINE_SCRIPT")</script></article>
<footer>FOOTER_TEXT</footer></body></html>"""


def test_html_body_without_noise(tmp_path: Path) -> None:
    p = tmp_path / "page.html"
    p.write_text(HTML, encoding="utf-8")
    art = only_article(p)
    assert art.text == "مقتل 33 جنديا\nقتل 33 جنديا تركيا\nفي إدلب.\nوأصيب 32 آخرون."
    for noise in ("SCRIPT", "NAV_TEXT", "ASIDE_TEXT", "FOOTER_TEXT", "color"):
        assert noise not in art.text
    assert art.title == "مقتل 33 جنديا"
    assert art.published_at == "2020-02-28T10:15:00"
    assert (art.doc_id, art.outlet) == ("page.html", "page")


def test_html_without_article_uses_paragraph_block(tmp_path: Path) -> None:
    html = (
        "<html><head><title>خبر</title></head><body><div class=menu><p>قائمة</p></div>"
        "<div class=story><p>الفقرة الأولى عن 5 دبابات.</p><p>الفقرة الثانية.</p></div>"
        "<p><time datetime='2015-08-06'>6 أغسطس</time></p></body></html>"
    )
    p = tmp_path / "story.htm"
    p.write_bytes(html.encode("cp1256"))
    art = only_article(p)
    assert art.text == "الفقرة الأولى عن 5 دبابات.\nالفقرة الثانية."
    assert art.title == "خبر"
    assert art.published_at == "2015-08-06"


# --------------------------------------------------------------------- JSONL


def jsonl_lines(*rows: object) -> str:
    return "".join(
        (r if isinstance(r, str) else json.dumps(r, ensure_ascii=False)) + "\n" for r in rows
    )


def test_jsonl_bad_lines_skipped_others_kept(tmp_path: Path) -> None:
    p = tmp_path / "feed.jsonl"
    p.write_text(
        jsonl_lines(
            {
                "doc": "one.txt",
                "text": "نص 1",
                "outlet": "okaz",
                "published_at": "2015-08-06 18:51:21",
                "title": "ع",
                "url": "http://x",
            },
            "{not json",
            {"title": "no text"},
            "",
            {"text": "   "},
            {"text": "نص 6"},
            [1, 2],
        ),
        encoding="utf-8",
    )
    items = read(p)
    kinds = [(type(i).__name__, getattr(i, "doc_id", None) or i.path) for i in items]
    assert kinds == [
        ("Article", "one.txt"),
        ("Skipped", f"{p}:2"),
        ("Skipped", f"{p}:3"),
        ("Skipped", f"{p}:5"),
        ("Article", "feed.jsonl#6"),
        ("Skipped", f"{p}:7"),
    ]
    first, sixth = items[0], items[4]
    assert isinstance(first, Article) and isinstance(sixth, Article)
    assert (first.outlet, first.published_at, first.title, first.url, first.line) == (
        "okaz",
        "2015-08-06T18:51:21",
        "ع",
        "http://x",
        1,
    )
    assert (sixth.outlet, sixth.text, sixth.line) == ("feed", "نص 6", 6)
    assert "invalid JSON" in items[1].reason and items[2].reason == "missing text"  # type: ignore[union-attr]


def test_jsonl_text_kept_verbatim(tmp_path: Path) -> None:
    p = tmp_path / "raw.jsonl"
    p.write_text(jsonl_lines({"text": "سطر\r\nآخر"}), encoding="utf-8")
    assert only_article(p).text == "سطر\r\nآخر"


def test_jsonl_gz(tmp_path: Path) -> None:
    p = tmp_path / "news.jsonl.gz"
    with gzip.open(p, "wt", encoding="utf-8") as f:
        f.write(jsonl_lines({"text": "الخبر الأول"}, {"doc": "b", "text": "الثاني", "outlet": "o"}))
    items = read(p)
    assert [(a.doc_id, a.outlet) for a in items] == [("news.jsonl.gz#1", "news"), ("b", "o")]  # type: ignore[union-attr]


def test_truncated_gz_is_skipped(tmp_path: Path) -> None:
    p = tmp_path / "cut.jsonl.gz"
    p.write_bytes(gzip.compress(jsonl_lines({"text": "x" * 5000}).encode())[:40])
    assert all(isinstance(i, Skipped) for i in read(p))


# -------------------------------------------------------- folders and doc ids


def test_folder_recursive_sorted_and_filtered(tmp_path: Path) -> None:
    (tmp_path / "b").mkdir()
    (tmp_path / ".hidden").mkdir()
    (tmp_path / "b" / "z.txt").write_text("ز", encoding="utf-8")
    (tmp_path / "a.txt").write_text("أ", encoding="utf-8")
    (tmp_path / "c.htm").write_text("<p>ج</p>", encoding="utf-8")
    (tmp_path / "notes.md").write_text("ignored", encoding="utf-8")
    (tmp_path / ".hidden" / "x.txt").write_text("hidden", encoding="utf-8")
    ids = [a.doc_id for a in read(tmp_path)]  # type: ignore[union-attr]
    assert ids == ["a.txt", "z.txt", "c.htm"]
    # the same file named twice is read once; an explicit file of another kind is read
    assert [a.doc_id for a in read(tmp_path / "a.txt", tmp_path, tmp_path / "notes.md")] == [  # type: ignore[union-attr]
        "a.txt",
        "z.txt",
        "c.htm",
        "notes.md",
    ]


def test_empty_folder_yields_nothing(tmp_path: Path) -> None:
    assert read(tmp_path) == []


def test_missing_path_raises(tmp_path: Path) -> None:
    missing = tmp_path / "nope.txt"
    with pytest.raises(IngestError) as err:
        iter_articles([str(missing)])
    assert str(err.value) == f"{missing}: no such file or directory"


def test_stdin_text_and_bytes(monkeypatch: pytest.MonkeyPatch) -> None:
    art = only_article("-", stdin_text="الرياض 15 مارس 2020\nنص")
    assert (art.doc_id, art.outlet, art.path, art.published_at) == (
        "stdin",
        "stdin",
        None,
        "2020-03-15",
    )
    fake = io.TextIOWrapper(io.BytesIO(SENTENCE.encode("cp1256")))
    monkeypatch.setattr(sys, "stdin", fake)
    assert only_article("-").text == SENTENCE


def test_stdin_without_byte_buffer(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(sys, "stdin", io.StringIO(SENTENCE))
    assert only_article("-").text == SENTENCE


def test_stdin_html_is_sniffed() -> None:
    assert only_article("-", stdin_text=HTML).title == "مقتل 33 جنديا"


def test_published_at_from_dateline(tmp_path: Path) -> None:
    p = tmp_path / "d.txt"
    p.write_text("الغربية – متابعة – 8 – فبراير – 2020\n\nنص الخبر", encoding="utf-8")
    assert only_article(p).published_at == "2020-02-08"


@pytest.mark.parametrize(
    ("raw", "iso"),
    [
        ("2015-08-06 18:51:21", "2015-08-06T18:51:21"),
        ("2015-08-06T18:51:21Z", "2015-08-06T18:51:21"),
        ("2015-08-06T18:51:21.123+03:00", "2015-08-06T18:51:21"),
        ("2015-08-06", "2015-08-06"),
        ("٢٠١٥-٠٨-٠٦", "2015-08-06"),
        ("06/08/2015", "2015-08-06"),
        ("Thu, 06 Aug 2015 18:51:21 +0300", "2015-08-06T18:51:21"),
        ("2015-13-40", None),
        ("yesterday", None),
        ("", None),
    ],
)
def test_normalize_published_at(raw: str, iso: str | None) -> None:
    assert normalize_published_at(raw) == iso


# ------------------------------------------------------------------ manifest


def corpus_dir(tmp_path: Path) -> Path:
    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "x.txt").write_text("الرياض 15 مارس 2020 نص", encoding="utf-8")
    (tmp_path / "in" / "y.txt").write_text("نص آخر", encoding="utf-8")
    return tmp_path / "in"


def test_manifest_jsonl_overrides(tmp_path: Path) -> None:
    folder = corpus_dir(tmp_path)
    man = tmp_path / "manifest.jsonl"
    man.write_text(
        jsonl_lines(
            {
                "doc": "x.txt",
                "outlet": "okaz",
                "published_at": "2020-03-16 08:00:00",
                "title": "عنوان",
            },
            {"doc": "sub/y.txt", "outlet": "", "url": "http://y"},
        ),
        encoding="utf-8",
    )
    x, y = read(folder, manifest=man)
    assert isinstance(x, Article) and isinstance(y, Article)
    assert (x.outlet, x.published_at, x.title) == ("okaz", "2020-03-16T08:00:00", "عنوان")
    assert (y.outlet, y.published_at, y.url) == ("y", None, "http://y")  # basename match


def test_a_manifest_inside_the_folder_is_not_read_as_articles(tmp_path: Path) -> None:
    folder = corpus_dir(tmp_path)
    man = folder / "manifest.jsonl"
    man.write_text(jsonl_lines({"doc": "x.txt", "outlet": "okaz"}), encoding="utf-8")
    found = read(folder, manifest=man)
    assert all(isinstance(a, Article) for a in found), found
    assert sorted(a.doc_id for a in found) == ["x.txt", "y.txt"]


def test_manifest_csv_overrides_jsonl_fields(tmp_path: Path) -> None:
    feed = tmp_path / "feed.jsonl"
    feed.write_text(
        jsonl_lines({"doc": "d1", "text": "نص", "outlet": "a", "published_at": "2015-01-01"}),
        encoding="utf-8",
    )
    man = tmp_path / "m.csv"
    man.write_text("doc,outlet,published_at\nd1,alriyadh,2015-08-06\n", encoding="utf-8-sig")
    art = only_article(feed, manifest=man)
    assert (art.outlet, art.published_at) == ("alriyadh", "2015-08-06")


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("manifest.jsonl", '{"doc": "a"}\n\n{oops\n', "manifest.jsonl:3: invalid JSON ("),
        ("manifest.jsonl", '{"outlet": "a"}\n', "manifest.jsonl:1: missing doc"),
        (
            "manifest.jsonl",
            '{"doc": "a", "published_at": "soon"}\n',
            "manifest.jsonl:1: published_at 'soon' is not an ISO 8601 date",
        ),
        ("m.csv", "file,outlet\na,b\n", "m.csv: no doc column"),
        ("m.jsonl", b"\xff\xfe\x00garbage", "m.jsonl: not UTF-8 text"),
    ],
)
def test_bad_manifest_raises(tmp_path: Path, name: str, content: str | bytes, message: str) -> None:
    man = tmp_path / name
    man.write_bytes(content if isinstance(content, bytes) else content.encode())
    with pytest.raises(IngestError) as err:
        iter_articles([str(tmp_path)], manifest=man)
    assert str(err.value).startswith(f"{man}") and message in str(err.value)
    assert "\n" not in str(err.value)


def test_missing_manifest_raises(tmp_path: Path) -> None:
    with pytest.raises(IngestError, match=r"missing\.csv: no such file"):
        iter_articles([str(tmp_path)], manifest=tmp_path / "missing.csv")


# ------------------------------------------------------------- real corpus


def test_real_corpus_first_200_lines() -> None:
    if not CORPUS.exists():
        pytest.skip(f"SaudiNewsNet corpus not found at {CORPUS} (it lives outside the repo)")
    items = list(itertools.islice(iter_articles([CORPUS]), 200))
    articles = [a for a in items if isinstance(a, Article)]
    assert len(articles) > 150
    assert all(a.published_at and "T" in a.published_at for a in articles)
    assert all(a.doc_id.endswith(".txt") and a.outlet and a.text.strip() for a in articles)
    assert len({a.doc_id for a in articles}) == len(articles)


# ---------------------------------------------------- atomic output (checker.atomic)


def test_write_atomic_replaces_and_keeps_mode(tmp_path: Path) -> None:
    out = tmp_path / "out.json"
    write_atomic(out, "أول")
    write_atomic(out, b"second")
    assert out.read_bytes() == b"second"
    assert os.stat(out).st_mode & 0o777 == 0o666 & ~_umask()
    assert [p.name for p in tmp_path.iterdir()] == ["out.json"]


def test_atomic_path_removes_temp_on_error(tmp_path: Path) -> None:
    out = tmp_path / "claims.parquet"
    out.write_text("old", encoding="utf-8")
    with pytest.raises(RuntimeError), atomic_path(out) as tmp:
        assert tmp.parent == tmp_path and tmp.suffix == ".parquet"
        tmp.write_text("half", encoding="utf-8")
        raise RuntimeError("boom")
    assert out.read_text(encoding="utf-8") == "old"
    assert [p.name for p in tmp_path.iterdir()] == ["claims.parquet"]


def _umask() -> int:
    mask = os.umask(0o022)
    os.umask(mask)
    return mask


def test_a_lone_surrogate_in_a_jsonl_line_is_written_as_a_replacement_character(tmp_path: Path) -> None:
    """«\\ud800» escaped in JSON is no character UTF-8 can write: U+FFFD stands in, one for one."""
    import checker

    path = tmp_path / "feed.jsonl"
    path.write_text('{"text": "قتل 33 جنديا \\ud800 في الهجوم", "outlet": "x"}\n'
                    '{"text": "قتل 36 جنديا في الهجوم", "outlet": "y"}\n', encoding="utf-8")
    articles = [a for a in iter_articles([path]) if isinstance(a, Article)]
    assert articles[0].text == "قتل 33 جنديا \ufffd في الهجوم"
    result = checker.check([path])
    claim = result["claims"].filter(result["claims"]["outlet"] == "x").row(0, named=True)
    assert articles[0].text[claim["start"]:claim["end"]] == "33"
    assert [f["rule"] for f in result["discrepancies"] if f["severity"] == "error"] == ["cross_outlet.value_conflict"]
