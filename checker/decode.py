"""Decode article bytes to text exactly as ``Path.read_text(encoding="utf-8")`` would, or best effort.

BOM, else strict UTF-8, else Windows-1256 when that reads as mostly Arabic, else
charset-normalizer; universal newlines; binary files are refused (see :mod:`checker.ingest`).
"""

from __future__ import annotations

import codecs
import re

_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF8, "utf-8"),  # kept as \ufeff, like read_text(encoding="utf-8")
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)
_ARABIC_LETTER = re.compile("[\u0621-\u064a\u0671-\u06d3]")
_LATIN_LETTER = re.compile("[A-Za-z\u00c0-\u024f]")
_CONTROL = re.compile("[\x00-\x08\x0b\x0e-\x1f\x7f]")
META_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9_\-]+)""", re.I)


class Undecodable(ValueError):
    """Bytes that are not text; the message is the reason shown to the user."""


def _looks_binary(text: str) -> bool:
    sample = text[:65536]
    return len(_CONTROL.findall(sample)) > max(2, len(sample) // 100)


def _mostly_arabic(text: str) -> bool:
    sample = text[:65536]
    arabic = len(_ARABIC_LETTER.findall(sample))
    return arabic >= 3 and arabic >= 4 * len(_LATIN_LETTER.findall(sample))


def decode_bytes(data: bytes, declared: str | None = None) -> str:
    """Decode the raw bytes of a text file, newlines untouched.

    Order: byte-order mark; strict UTF-8; the ``declared`` encoding (an HTML meta
    charset); Windows-1256 when it reads as mostly Arabic; charset-normalizer.
    Raises ``Undecodable`` for binary or undecodable data.
    """
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            try:
                return data.decode(encoding)
            except UnicodeDecodeError as exc:
                raise Undecodable(f"invalid {encoding} after its byte-order mark") from exc
    if b"\x00" in data:
        raise Undecodable("NUL bytes")
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError:
        pass
    else:
        if _looks_binary(text):
            raise Undecodable("control characters")
        return text
    if declared:
        try:
            text = data.decode(declared)
            if not _looks_binary(text):
                return text
        except (LookupError, UnicodeDecodeError):
            pass
    text = data.decode("cp1256", errors="replace")
    if _mostly_arabic(text) and not _looks_binary(text):
        return text
    import charset_normalizer  # slow import; only legacy non-Arabic files get here

    best = charset_normalizer.from_bytes(data).best()
    if best is None or _looks_binary(str(best)):
        raise Undecodable("no text encoding fits")
    return str(best)


def universal_newlines(text: str) -> str:
    """Translate ``\\r\\n`` and lone ``\\r`` to ``\\n``, as text-mode ``open`` does."""
    return text.replace("\r\n", "\n").replace("\r", "\n") if "\r" in text else text


# ---------------------------------------------------------------------------- HTML
