"""Read articles from files, folders, JSONL feeds and standard input, with a manifest.

:func:`iter_articles` is the one entry point. It yields an :class:`~checker.article.Article`
for every article it can read and a :class:`~checker.article.Skipped` (path and one-line
reason) for every input it cannot, so one bad file never stops a run. Problems with the
request itself (a PATH that does not exist, an unreadable or malformed manifest) raise
:class:`IngestError` as soon as :func:`iter_articles` is called, before anything is read.

Decisions (the claim offsets depend on them):

* ``.txt`` files decode to exactly what ``Path(p).read_text(encoding="utf-8")`` returns
  whenever that call would succeed: universal newlines (``\\r\\n`` and ``\\r`` become
  ``\\n``) and a UTF-8 byte-order mark is *kept* as ``\\ufeff`` at offset 0, because the
  contract defines offsets against ``read_text``. Files ``read_text`` cannot read (UTF-16
  or UTF-32 with a BOM, Windows-1256, other legacy encodings) are decoded without their
  BOM and get the same newline translation.
* Encoding detection: BOM, else strict UTF-8, else Windows-1256 when that decoding is
  mostly Arabic letters, else charset-normalizer. NUL bytes in a file without a UTF-16/32
  BOM, or too many control characters after decoding, mean a binary file: skipped.
* ``.jsonl``/``.jsonl.gz`` texts are taken as they are (offsets index into ``text``) and
  streamed line by line. Blank lines are ignored; a bad line is skipped as ``FILE:LINE``.
* HTML: :func:`html_article` keeps the largest ``<article>`` or else the element holding
  the most ``<p>`` text, drops scripts, styles, navigation, asides, forms and page-level
  headers/footers (an ``<article>``'s own header, with its headline, stays), and puts
  each block (paragraph, heading, list item, ``<br>``) on its own line.
* Folders are walked recursively in sorted order; hidden files and folders (a leading
  ``.``) are left out. A file named explicitly is read even with another extension (as
  plain text). The same file named twice is read once.
"""

from __future__ import annotations

import csv
import gzip
import json
import os
import re
import sys
import zlib
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import Any

from checker.article import Article, Skipped
from checker.dateline import find_dateline, normalize_published_at
from checker.decode import META_CHARSET, Undecodable, decode_bytes, universal_newlines
from checker.html_text import HTML_START, html_article

STDIN_DOC_ID = "stdin"
META_FIELDS = ("outlet", "published_at", "title", "url")


class IngestError(Exception):
    """The request cannot be served: a PATH or the manifest is missing or malformed.

    ``str(error)`` is one line naming the file and the problem, e.g.
    ``manifest.jsonl:3: invalid JSON (Expecting value)``.
    """


# ------------------------------------------------------------------------- decoding

def _reason(exc: BaseException) -> str:
    """A short reason for an I/O error, without the file name Python adds."""
    return str(getattr(exc, "strerror", None) or exc)


def _manifest_row(name: str, line: int, row: dict[str, Any]) -> tuple[str, dict[str, str]]:
    doc = row.get("doc")
    if doc is None or (isinstance(doc, str) and not doc.strip()):
        raise IngestError(f"{name}:{line}: missing doc")
    if not isinstance(doc, str | int):
        raise IngestError(f"{name}:{line}: doc must be a string")
    fields: dict[str, str] = {}
    for key in META_FIELDS:
        value = row.get(key)
        if value is None or (isinstance(value, str) and not value.strip()):
            continue
        if not isinstance(value, str | int | float):
            raise IngestError(f"{name}:{line}: {key} must be a string")
        fields[key] = str(value).strip()
    if "published_at" in fields:
        iso = normalize_published_at(fields["published_at"])
        if iso is None:
            raise IngestError(
                f"{name}:{line}: published_at {fields['published_at']!r} is not an ISO 8601 date"
            )
        fields["published_at"] = iso
    return str(doc).strip(), fields


def load_manifest(path: str | Path) -> dict[str, dict[str, str]]:
    """Read a manifest (CSV by extension, else JSON lines) into ``doc → fields``.

    Every row needs ``doc``; ``outlet``, ``published_at``, ``title`` and ``url`` are
    optional (empty values count as missing; ``published_at`` is normalised to ISO).
    Each row is reachable by its ``doc`` and by the basename of ``doc``. Raises
    :class:`IngestError` naming the file (and line) for a missing file, text that is
    not UTF-8, invalid JSON or CSV, or a row without ``doc``.
    """
    name = str(path)
    rows: list[tuple[int, dict[str, Any]]] = []
    try:
        if name.lower().endswith(".csv"):
            with open(path, encoding="utf-8-sig", newline="") as f:
                reader = csv.DictReader(f)
                header = [h.strip() for h in reader.fieldnames or []]
                if "doc" not in header:
                    raise IngestError(f"{name}: no doc column in the CSV header")
                reader.fieldnames = header
                rows.extend((reader.line_num, dict(r)) for r in reader)
        else:
            opener = gzip.open if name.lower().endswith(".gz") else open
            with opener(path, "rt", encoding="utf-8-sig") as f:
                for number, raw in enumerate(f, 1):
                    if not raw.strip():
                        continue
                    try:
                        obj = json.loads(raw)
                    except json.JSONDecodeError as exc:
                        raise IngestError(f"{name}:{number}: invalid JSON ({exc.msg})") from None
                    if not isinstance(obj, dict):
                        raise IngestError(f"{name}:{number}: not a JSON object")
                    rows.append((number, obj))
    except IngestError:
        raise
    except FileNotFoundError:
        raise IngestError(f"{name}: no such file") from None
    except UnicodeDecodeError:
        raise IngestError(f"{name}: not UTF-8 text") from None
    except csv.Error as exc:
        raise IngestError(f"{name}: invalid CSV ({exc})") from None
    except (OSError, EOFError, zlib.error) as exc:
        raise IngestError(f"{name}: cannot read ({_reason(exc)})") from None
    table: dict[str, dict[str, str]] = {}
    by_base: dict[str, dict[str, str]] = {}
    for number, row in rows:
        doc, fields = _manifest_row(name, number, row)
        table[doc] = fields
        by_base[os.path.basename(doc)] = fields
    return {**by_base, **table}


# --------------------------------------------------------------------------- reading

_BLANK = re.compile(r"[\s\ufeff]*\Z")
_SUFFIXES = (
    (".jsonl.gz", "jsonl.gz"),
    (".jsonl", "jsonl"),
    (".html", "html"),
    (".htm", "html"),
    (".txt", "txt"),
)


def _kind(path: Path) -> str | None:
    lower = path.name.lower()
    return next((kind for suffix, kind in _SUFFIXES if lower.endswith(suffix)), None)


def _stem(name: str) -> str:
    lower = name.lower()
    suffix = next((s for s, _ in _SUFFIXES if lower.endswith(s)), None)
    return name[: -len(suffix)] if suffix else Path(name).stem


def _article(
    doc_id: str,
    text: str,
    outlet: str,
    fields: dict[str, Any],
    manifest: dict[str, dict[str, str]],
    path: str | None,
    line: int | None = None,
) -> Article:
    row = manifest.get(doc_id) or manifest.get(os.path.basename(doc_id)) or {}

    def pick(key: str) -> str | None:
        value = fields.get(key)
        return row.get(key) or (value if isinstance(value, str) and value.strip() else None)

    published = row.get("published_at") or normalize_published_at(fields.get("published_at"))
    return Article(
        doc_id=doc_id,
        text=text,
        outlet=pick("outlet") or outlet,
        published_at=published or find_dateline(text),
        title=pick("title"),
        url=pick("url"),
        path=path,
        line=line,
    )


def _decode_file(data: bytes, html: bool) -> str:
    declared = None
    if html:
        m = META_CHARSET.search(data[:4096])
        declared = m.group(1).decode("ascii") if m else None
    return universal_newlines(decode_bytes(data, declared))


def _read_document(
    data: bytes | str,
    doc_id: str,
    outlet: str,
    manifest: dict[str, dict[str, str]],
    path: str | None,
    html: bool | None,
) -> Article | Skipped:
    where = path or doc_id
    if isinstance(data, bytes):
        try:
            text = _decode_file(data, bool(html))
        except Undecodable as exc:
            return Skipped(where, f"binary or undecodable file ({exc})")
    else:
        text = data
    if _BLANK.match(text):
        return Skipped(where, "empty file" if path else "empty input")
    if html is None:  # standard input: sniff
        html = bool(HTML_START.match(text[:1024]))
    fields: dict[str, Any] = {}
    if html:
        body, title, published, url = html_article(text)
        if _BLANK.match(body):
            return Skipped(where, "no article text found in the HTML page")
        text = body
        fields = {"title": title, "published_at": published, "url": url}
    return _article(doc_id, text, outlet, fields, manifest, path)


def _read_jsonl(path: Path, manifest: dict[str, dict[str, str]]) -> Iterator[Article | Skipped]:
    name, stem = path.name, _stem(path.name)
    opener = gzip.open if name.lower().endswith(".gz") else open
    try:
        with opener(path, "rb") as f:
            for number, raw in enumerate(f, 1):
                if not raw.strip():
                    continue
                where = f"{path}:{number}"
                try:
                    obj = json.loads(raw.decode("utf-8").lstrip("\ufeff"))
                except UnicodeDecodeError:
                    yield Skipped(where, "line is not UTF-8")
                    continue
                except json.JSONDecodeError as exc:
                    yield Skipped(where, f"invalid JSON ({exc.msg})")
                    continue
                if not isinstance(obj, dict):
                    yield Skipped(where, "line is not a JSON object")
                    continue
                text = obj.get("text")
                if not isinstance(text, str):
                    reason = "missing text" if text is None else "text is not a string"
                    yield Skipped(where, reason)
                    continue
                if _BLANK.match(text):
                    yield Skipped(where, "empty text")
                    continue
                doc = obj.get("doc")
                doc_id = str(doc).strip() if isinstance(doc, str | int) else ""
                yield _article(
                    doc_id or f"{name}#{number}", text, stem, obj, manifest, str(path), number
                )
    except (OSError, EOFError, zlib.error) as exc:
        yield Skipped(str(path), f"cannot read ({_reason(exc)})")


def _read_path(
    path: Path, kind: str | None, manifest: dict[str, dict[str, str]]
) -> Iterator[Article | Skipped]:
    if kind in ("jsonl", "jsonl.gz"):
        yield from _read_jsonl(path, manifest)
        return
    try:
        data = path.read_bytes()
    except OSError as exc:
        yield Skipped(str(path), f"cannot read ({_reason(exc)})")
        return
    yield _read_document(data, path.name, _stem(path.name), manifest, str(path), kind == "html")


def _walk(root: Path) -> list[Path]:
    found: list[tuple[tuple[str, ...], Path]] = []
    for folder, dirs, files in os.walk(root):
        dirs[:] = [d for d in dirs if not d.startswith(".")]
        base = Path(folder)
        for fname in files:
            if not fname.startswith(".") and _kind(Path(fname)) is not None:
                p = base / fname
                found.append((p.relative_to(root).parts, p))
    return [p for _, p in sorted(found)]


def _read_stdin() -> bytes | str:
    """Raw bytes from standard input, or text when it has no byte buffer (a StringIO)."""
    buffer = getattr(sys.stdin, "buffer", None)
    return buffer.read() if buffer is not None else sys.stdin.read()


def _generate(
    paths: list[str | Path], manifest: dict[str, dict[str, str]], stdin_text: str | None,
    skip: set[Path] | None = None,
) -> Iterator[Article | Skipped]:
    seen: set[Path] = set(skip or ())
    stdin_done = False
    for given in paths:
        if str(given) == "-":
            if not stdin_done:
                stdin_done = True
                data = stdin_text if stdin_text is not None else _read_stdin()
                yield _read_document(data, STDIN_DOC_ID, STDIN_DOC_ID, manifest, None, None)
            continue
        path = Path(given)
        files = _walk(path) if path.is_dir() else [path]
        for file in files:
            key = file.resolve()
            if key in seen:
                continue
            seen.add(key)
            yield from _read_path(file, _kind(file), manifest)


def iter_articles(
    paths: Sequence[str | Path],
    manifest: str | Path | None = None,
    stdin_text: str | None = None,
) -> Iterator[Article | Skipped]:
    """Yield every article found under ``paths``, and a ``Skipped`` for each unreadable input.

    ``paths`` holds files, folders (searched recursively for ``.txt``, ``.html``,
    ``.htm``, ``.jsonl``, ``.jsonl.gz``) and ``-`` for standard input (``stdin_text``
    when given, else ``sys.stdin.buffer``; its ``doc_id`` is ``stdin``). ``manifest``
    values override what the files say. Raises :class:`IngestError` immediately, before
    reading anything, when a PATH does not exist or the manifest cannot be used.
    """
    for given in paths:
        if str(given) != "-" and not Path(given).exists():
            raise IngestError(f"{given}: no such file or directory")
    table = load_manifest(manifest) if manifest is not None else {}
    if table:
        table.setdefault("-", table.get(STDIN_DOC_ID, {}))
        table.setdefault(STDIN_DOC_ID, table["-"])
    # A manifest kept beside the articles is no article: a folder walk passes it by.
    skip = {Path(manifest).resolve()} if manifest is not None and str(manifest) != "-" else set()
    return _generate(list(paths), table, stdin_text, skip)
