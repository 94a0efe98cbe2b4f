"""The article record that every pipeline stage passes along."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class Article:
    """One article as read from disk: its text and what we know about where it came from.

    ``text`` is exactly the text that claim offsets index into: for ``.txt`` files the
    decoded file, for JSONL the ``text`` field, for HTML the extracted article text.
    """

    doc_id: str
    text: str
    outlet: str
    published_at: str | None = None
    title: str | None = None
    url: str | None = None
    path: str | None = None  # the file it came from (for annotations), None for stdin
    line: int | None = None  # 1-based line number inside a JSONL file


@dataclass(frozen=True, slots=True)
class Skipped:
    """An input that could not be read: where it is and why, in one line."""

    path: str
    reason: str

    def __str__(self) -> str:
        return f"{self.path}: {self.reason}"
