"""The article record that every pipeline stage passes along."""

from __future__ import annotations

import re
from dataclasses import dataclass

# A lone surrogate («\ud800» escaped in a JSON line) is no character UTF-8 can write.
_SURROGATE = re.compile("[\ud800-\udfff]")
_TEXT_FIELDS = ("doc_id", "text", "outlet", "published_at", "title", "url", "path")


@dataclass(frozen=True, slots=True)
class Article:
    """One article as read from disk: its text and what we know about where it came from.

    ``text`` is exactly the text that claim offsets index into: for ``.txt`` files the
    decoded file, for JSONL the ``text`` field, for HTML the extracted article text (a lone
    surrogate, which no output can write, replaced by U+FFFD at the same offset).
    """

    doc_id: str
    text: str
    outlet: str
    published_at: str | None = None
    title: str | None = None
    url: str | None = None
    path: str | None = None  # the file it came from (for annotations), None for stdin
    line: int | None = None  # 1-based line number inside a JSONL file

    def __post_init__(self) -> None:
        """Write each lone surrogate as U+FFFD, one character for one: every offset still holds."""
        for name in _TEXT_FIELDS:
            value = getattr(self, name)
            if isinstance(value, str) and _SURROGATE.search(value):
                object.__setattr__(self, name, _SURROGATE.sub("\ufffd", value))


@dataclass(frozen=True, slots=True)
class Skipped:
    """An input that could not be read: where it is and why, in one line."""

    path: str
    reason: str

    def __str__(self) -> str:
        return f"{self.path}: {self.reason}"
