"""Take the article text, headline, date and address out of an HTML page."""

from __future__ import annotations

import re
from typing import Any

from checker.dateline import normalize_published_at

_DROP_ALWAYS = "script, style, noscript, template, iframe, svg, nav, aside, form, button, select"
_BLOCK_TAG_NAMES = (
    "address article aside blockquote br dd div dl dt figcaption figure h1 h2 h3 h4 h5 h6 "
    "header footer hr li main ol p pre section table td th tr ul body html"
)
_BLOCK_TAGS = frozenset(_BLOCK_TAG_NAMES.split())
HTML_START = re.compile(r"\s*(<!doctype\s+html|<html|<head|<body)", re.I)


def _block_text(root: Any) -> str:
    """Text of ``root`` with one paragraph per line and whitespace runs collapsed."""
    lines: list[str] = []
    current: list[str] = []

    def flush() -> None:
        line = " ".join("".join(current).split())
        if line:
            lines.append(line)
        current.clear()

    stack: list[tuple[Any, bool]] = [(root, False)]
    while stack:
        node, closing = stack.pop()
        tag = node.tag
        if closing:
            flush()
            continue
        if tag == "-text":
            current.append(node.text_content or "")
            continue
        if tag.startswith("-"):  # comments, doctype
            continue
        block = tag in _BLOCK_TAGS
        if block:
            flush()
            stack.append((node, True))
        stack.extend((child, False) for child in reversed(list(node.iter(include_text=True))))
    flush()
    return "\n".join(lines)


def _meta(tree: Any, *selectors: str) -> str | None:
    for sel in selectors:
        node = tree.css_first(sel)
        if node is not None:
            value = node.attributes.get("content") or node.attributes.get("datetime")
            if value is None and node.tag not in ("meta", "time"):
                value = node.text()
            if value and value.strip():
                return " ".join(value.split())
    return None


def html_article(html: str) -> tuple[str, str | None, str | None, str | None]:
    """Return ``(text, title, published_at, url)`` for an HTML page.

    The text is the article body: the largest ``<article>``, else the element whose
    ``<p>`` children hold the most text, else ``<body>``; scripts, styles, navigation,
    asides, forms and page-level headers/footers are dropped; blocks become lines.
    """
    from selectolax.lexbor import LexborHTMLParser

    tree = LexborHTMLParser(html)
    title = _meta(tree, 'meta[property="og:title"]', "h1", "title")
    published = _meta(
        tree,
        'meta[property="article:published_time"]',
        'meta[itemprop="datePublished"]',
        "[itemprop=datePublished]",
        'meta[name="pubdate"]',
        'meta[name="date"]',
        "time[datetime]",
    )
    url = _meta(tree, 'meta[property="og:url"]')
    if url is None:
        link = tree.css_first('link[rel="canonical"]')
        url = link.attributes.get("href") if link is not None else None
    # Detach (recursive=False) rather than destroy: a later match may sit inside an
    # element already removed, and its handle must stay valid.
    for node in tree.css(_DROP_ALWAYS):
        node.decompose(recursive=False)
    for node in tree.css("header, footer"):
        parent = node.parent
        while parent is not None and parent.tag != "article":
            parent = parent.parent
        if parent is None:
            node.decompose(recursive=False)
    articles = tree.css("article")
    root = max(articles, key=lambda n: len(n.text(strip=True))) if articles else None
    if root is None:
        totals: dict[int, tuple[int, Any]] = {}
        for p in tree.css("p"):
            parent = p.parent
            if parent is None:
                continue
            size, _ = totals.get(parent.mem_id, (0, parent))
            totals[parent.mem_id] = (size + len(p.text(strip=True)), parent)
        if totals:
            root = max(totals.values(), key=lambda item: item[0])[1]
    if root is None:
        root = tree.body or tree.root
    text = _block_text(root) if root is not None else ""
    return text, title, normalize_published_at(published), url


# ------------------------------------------------------------------------ manifest
