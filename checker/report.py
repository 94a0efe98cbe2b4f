"""Write the self-contained HTML discrepancy report that fact-checkers and editors open.

One file, no network: the stylesheet and the filter script are inlined and pinned by hash in a
Content-Security-Policy, charts are inline SVG, and every piece of article text is escaped, with
bidi override, embedding and isolate controls shown as visible ``[U+202E]`` escapes. The
templates live in ``reports/`` (``checker/_data/reports`` in the wheel); the charts' geometry in
:mod:`checker.report_chart`.

Large runs stay readable and small: the most serious findings are shown in full, the next ones
as one-line rows, and the rest are only counted (see :class:`Limits`).
"""

from __future__ import annotations

import base64
import hashlib
import math
import re
from collections import defaultdict
from dataclasses import dataclass
from datetime import UTC, datetime
from functools import cache
from itertools import islice
from pathlib import Path
from typing import Any

from markupsafe import Markup, escape

from .resources import data_path

SEVERITY_RANK = {"error": 3, "warning": 2, "info": 1}
SEVERITY_AR = {"error": "خطأ", "warning": "تنبيه", "info": "ملاحظة"}
QUALIFIER_EN = {"exact": "", "at_least": "at least ", "more_than": "more than ", "at_most": "at most ",
                "less_than": "less than ", "about": "about ", "range": "between ", "vague": "vague: "}
_CONTROLS = re.compile("[\u202a-\u202e\u2066-\u2069]")
_SURROGATES = re.compile("[\ud800-\udfff]")
PALETTE = 12  # outlet colour classes o0 … o11 in report.css


@dataclass(frozen=True, slots=True)
class Limits:
    """How much of a large run the report shows; everything past these is counted, not shown."""

    detailed: int = 800  # findings shown in full, claims side by side, across the report
    rows: int = 2500  # further findings shown as one-line rows
    detailed_per_quantity: int = 4
    rows_per_quantity: int = 25
    charts: int = 300
    points_per_chart: int = 20
    context: int = 160  # characters of a long sentence kept on each side of the number


def clean(value: Any) -> str:
    """Return ``value`` as display text: bidi controls become visible ``[U+XXXX]``, lone surrogates U+FFFD."""
    text = _SURROGATES.sub("\ufffd", str(value))
    return _CONTROLS.sub(lambda m: f"[U+{ord(m.group()):04X}]", text)


def _finalize(value: Any) -> Any:
    """Every ``{{ }}`` in the templates passes here: None prints nothing, text is cleaned (then escaped)."""
    if value is None:
        return ""
    if isinstance(value, Markup):
        return value
    return clean(value)


@cache
def _environment():
    from jinja2 import Environment, FileSystemLoader, StrictUndefined

    env = Environment(loader=FileSystemLoader(str(data_path("reports"))), autoescape=True,
                      finalize=_finalize, undefined=StrictUndefined, trim_blocks=True, lstrip_blocks=True)
    env.filters["num"] = number
    return env


@cache
def _asset(name: str) -> tuple[str, str]:
    """An inlined asset's text and its CSP hash source (``'sha256-…'``)."""
    text = Path(data_path("reports", name)).read_text(encoding="utf-8")
    digest = base64.b64encode(hashlib.sha256(text.encode("utf-8")).digest()).decode("ascii")
    return text, f"'sha256-{digest}'"


def number(value: float | None, empty: str = "?") -> str:
    """A number as a reader writes it: ``33``, ``1,003.5``, ``0.25``."""
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return empty
    if not isinstance(value, int | float):
        return str(value)
    if math.isinf(value):
        return "∞" if value > 0 else "−∞"
    return f"{value:,.12g}" if value != int(value) or abs(value) >= 1e15 else f"{int(value):,}"


def interval(c: dict[str, Any]) -> str:
    """A claim's interval in mathematical notation: ``[33, 33]``, ``(33, ∞)``, ``[285, 315]``."""
    low, high, q = c.get("low"), c.get("high"), c.get("qualifier")
    left = "(" if low is None or q == "more_than" else "["
    right = ")" if high is None or q == "less_than" else "]"
    return f"{left}{number(low, '−∞')}, {number(high, '∞')}{right}"


def said(c: dict[str, Any]) -> str:
    """A claim's value in words: ``at least 33``, ``36``, ``between 20 and 99``."""
    q = c.get("qualifier") or "exact"
    if q == "range":
        return f"between {number(c.get('low'))} and {number(c.get('high'))}"
    if c.get("value") is None:
        return f"{QUALIFIER_EN.get(q, '')}{c.get('number_text') or '?'}"
    return f"{QUALIFIER_EN.get(q, '')}{number(c.get('value'))}"


def marked_sentence(c: dict[str, Any], sentence_start: int | None, context: int) -> tuple[Markup, bool]:
    """The claim's sentence, escaped, with the numeral inside ``<mark>``; False when it was not found in it."""
    sentence, num = str(c.get("sentence") or ""), str(c.get("number_text") or "")
    pos = -1
    if sentence_start is not None and c.get("start") is not None:
        pos = int(c["start"]) - int(sentence_start)
        if pos < 0 or not num or sentence[pos:pos + len(num)] != num:
            pos = -1
    if pos < 0 and num:
        pos = sentence.find(num)
    mark = Markup('<mark dir="auto">%s</mark>') % clean(num)
    if pos < 0:
        if len(sentence) > 2 * context:
            sentence = sentence[:2 * context].rsplit(" ", 1)[0] + " …"
        return escape(clean(sentence)) + Markup(" · ") + mark, False
    before, after = sentence[:pos], sentence[pos + len(num):]
    if len(before) > context:
        before = "… " + before[-context:].split(" ", 1)[-1]
    if len(after) > context:
        after = after[:context].rsplit(" ", 1)[0] + " …"
    return escape(clean(before)) + mark + escape(clean(after)), True


def _story_key(story: str) -> tuple:
    """Natural order: S2 before S10."""
    return tuple((0, int(p), "") if p.isdigit() else (1, 0, p) for p in re.split(r"(\d+)", story))


def _slug(text: str) -> str:
    return re.sub(r"[^A-Za-z0-9_-]+", "-", text).strip("-")[:40] or "x"


def parse_time(value: Any) -> datetime | None:
    """An ISO publication time as a naive datetime, or None when absent or unreadable."""
    try:
        t = datetime.fromisoformat(str(value)) if value else None
    except ValueError:
        return None
    return t.replace(tzinfo=None) if t and t.tzinfo else t


def when(value: Any) -> str | None:
    """A publication time for people: ``2020-02-28 09:30`` (the date alone when no time is given)."""
    if isinstance(value, datetime):
        return f"{value:%Y-%m-%d %H:%M}"
    t = parse_time(value)
    if t is None:
        return None if value is None else str(value)
    return f"{t:%Y-%m-%d}" if len(str(value)) <= 10 else f"{t:%Y-%m-%d %H:%M}"


def _sentence_starts(result: dict[str, Any], findings: list[dict[str, Any]]) -> dict[str, int]:
    """claim_id -> sentence_start, from the claims table (evidence may not carry it)."""
    frame = result.get("claims")
    ids = {c.get("claim_id") for f in findings for c in f["claims"] if c.get("sentence_start") is None}
    if frame is None or not ids or not {"claim_id", "sentence_start"} <= set(getattr(frame, "columns", ())):
        return {}
    import polars as pl

    try:
        rows = frame.filter(pl.col("claim_id").is_in(list(ids))).select("claim_id", "sentence_start")
        return dict(rows.iter_rows())
    except (AttributeError, TypeError, pl.exceptions.PolarsError):  # not a polars table: find the number instead
        return {}


def _context_claims(result: dict[str, Any], groups: dict[tuple[str, str], list[dict]],
                    limit: int) -> dict[tuple[str, str], list[dict]]:
    """Other claims of each charted quantity, drawn as context: same story, unit and predicate, a side
    and time scope that the finding's own claims have (or no side)."""
    frame = result.get("claims")
    needed = {"story", "unit", "predicate", "side", "scope", "kind", "claim_id"}
    if frame is None or not groups or not needed <= set(getattr(frame, "columns", ())):
        return {}
    import polars as pl

    wanted: dict[tuple, list[tuple[tuple[str, str], set, set]]] = defaultdict(list)
    for key, fs in groups.items():
        claims = [c for f in fs for c in f["claims"]]
        sides, scopes = {c.get("side") for c in claims} | {None}, {c.get("scope") for c in claims}
        for unit, predicate in {(c.get("unit"), c.get("predicate")) for c in claims if c.get("unit")}:
            wanted[(key[0], unit, predicate)].append((key, sides, scopes))
    stories, units = sorted({k[0] for k in wanted}), sorted({k[1] for k in wanted})
    try:
        rows = frame.filter(pl.col("story").is_in(stories) & pl.col("unit").is_in(units)
                            & ~pl.col("kind").is_in(["date", "ordinal"]))
    except (AttributeError, TypeError, pl.exceptions.PolarsError):  # not a polars table: no context points
        return {}
    out: dict[tuple[str, str], list[dict]] = defaultdict(list)
    for row in rows.iter_rows(named=True):
        for key, sides, scopes in wanted.get((row["story"], row["unit"], row["predicate"]), ()):
            if row["side"] in sides and row["scope"] in scopes and len(out[key]) < limit:
                out[key].append(row)
    return out


def _column(frame: Any, name: str) -> list[Any]:
    """The distinct values of a claims-table column (nothing when the table or column is missing)."""
    return frame[name].unique().to_list() if frame is not None and name in getattr(frame, "columns", ()) else []


def _index(values: Any) -> dict[str, int]:
    return {v: i for i, v in enumerate(sorted({str(v) for v in values if v is not None}, key=str.casefold))}


def _claim_view(c: dict[str, Any], starts: dict[str, int], ctx: Limits, colours: dict[str, int]) -> dict[str, Any]:
    start = c.get("sentence_start")
    sentence, found = marked_sentence(c, start if start is not None else starts.get(c.get("claim_id")), ctx.context)
    where = c.get("path") or c.get("doc_id")
    if c.get("line") is not None:
        where = f"{where}:{c['line']}:{c.get('column') or 1}"
    return {"outlet": c.get("outlet"), "colour": colours.get(str(c.get("outlet")), 0) % PALETTE,
            "published_at": c.get("published_at"), "when": when(c.get("published_at")), "source": c.get("source"),
            "said": said(c), "interval": interval(c), "number_text": c.get("number_text"), "sentence": sentence,
            "found": found, "where": where, "in_title": bool(c.get("in_title")), "scope": c.get("scope")}


def claims_of(f: dict[str, Any]) -> list[dict[str, Any]]:
    """A finding's evidence claims (whatever is not a dict is dropped)."""
    claims = f.get("claims")
    return claims if isinstance(claims, list) and all(isinstance(c, dict) for c in claims) else [
        c for c in claims or [] if isinstance(c, dict)]


def _stories(findings: list[dict[str, Any]]) -> list[tuple[str, list[tuple[str, list[dict]]]]]:
    """Findings grouped by story then quantity; stories most serious first, quantities likewise."""
    grouped: dict[str, dict[str, list[dict]]] = defaultdict(lambda: defaultdict(list))
    for f in findings:
        grouped[str(f.get("story") or "—")][str(f.get("quantity") or "—")].append(f)

    def weight(fs: list[dict]) -> tuple:
        ranks = [SEVERITY_RANK.get(f.get("severity"), 0) for f in fs]
        return (-max(ranks), -ranks.count(3), -ranks.count(2), -len(fs))

    out = []
    for story, quantities in grouped.items():
        qs = sorted(quantities.items(), key=lambda kv: weight(kv[1]))
        for _, fs in qs:
            fs.sort(key=lambda f: -SEVERITY_RANK.get(f.get("severity"), 0))
        out.append((story, qs))
    out.sort(key=lambda s: (weight([f for _, fs in s[1] for f in fs]), _story_key(s[0])))
    return out


def build(result: dict[str, Any], *, validation: Any = None, title: str | None = None,
          limits: Limits | None = None) -> dict[str, Any]:
    """The report's view model: summary, filter choices, stories with findings, charts, validation."""
    limits = limits or Limits()
    findings = [dict(f, claims=claims_of(f)) for f in result.get("discrepancies") or [] if isinstance(f, dict)]
    outlets = _index(c.get("outlet") for f in findings for c in f["claims"])
    units = _index(_unit(f) for f in findings)
    colours = _index([*outlets, *_column(result.get("claims"), "outlet")])  # one colour per outlet, page-wide
    grouped = _stories(findings)
    articles: dict[str, int] = defaultdict(int)
    for story in (result.get("stories") or {}).values():
        articles[str(story)] += 1
    budget = {"full": limits.detailed, "rows": limits.rows}
    per = {"full": limits.detailed_per_quantity, "rows": limits.rows_per_quantity}
    views = []
    for story, quantities in grouped:
        counts = dict.fromkeys(SEVERITY_RANK, 0)
        names: set[str] = set()
        qviews = []
        for n, (quantity, fs) in enumerate(quantities):
            q = {"name": quantity, "key": (story, quantity), "findings": fs, "full": [], "rows": [], "hidden": [],
                 "chart": None, "anchor": f"q-{_slug(story)}-{n}"}
            for f in fs:
                counts[_severity(f)] += 1
                names.update(str(c["outlet"]) for c in f["claims"] if c.get("outlet") is not None)
                mode = next((m for m in ("full", "rows") if budget[m] > 0 and len(q[m]) < per[m]), None)
                if mode is None:
                    q["hidden"].append(f)
                else:
                    budget[mode] -= 1
                    q[mode].append(f)
            qviews.append(q)
        views.append({"id": story, "anchor": "s-" + _slug(story), "quantities": qviews, "counts": counts,
                      "total": sum(counts.values()), "outlets": sorted(names, key=str.casefold),
                      "articles": articles.get(story, 0)})
    _fill(result, views, limits, outlets, units, colours)
    shown_full = sum(len(q["full"]) for s in views for q in s["quantities"])
    shown_rows = sum(len(q["rows"]) for s in views for q in s["quantities"])
    return {
        "title": title or "تقرير رقم · Raqm report",
        "generated": datetime.now(UTC).strftime("%Y-%m-%d %H:%M UTC"),
        "summary": dict(result.get("summary") or {}), "findings": len(findings),
        "shown_full": shown_full, "shown_rows": shown_rows,
        "severities": [s for s in SEVERITY_RANK if any(_severity(f) == s for f in findings)],
        "severity_ar": SEVERITY_AR, "outlets": list(outlets), "units": list(units),
        "stories": views, "rules": _rules(findings), "validation": validation_view(validation),
    }


def _fill(result: dict[str, Any], views: list[dict], limits: Limits, outlets: dict[str, int], units: dict[str, int],
          colours: dict[str, int]) -> None:
    """Turn the findings chosen for display into views, and draw the first quantities' charts."""
    full = [f for s in views for q in s["quantities"] for f in q["full"]]
    starts = _sentence_starts(result, full)
    charted = dict(islice(((q["key"], q["findings"]) for s in views for q in s["quantities"]), limits.charts))
    context = _context_claims(result, charted, limits.points_per_chart)
    from .report_chart import chart

    anchors: set[str] = set()
    for s in views:
        for q in s["quantities"]:
            q["full"] = [_finding_view(f, s["id"], outlets, units, anchors)
                         | {"claims": [_claim_view(c, starts, limits, colours) for c in f["claims"]]}
                         for f in q["full"]]
            q["rows"] = [_finding_view(f, s["id"], outlets, units, anchors) for f in q["rows"]]
            q["hidden"] = _counted(q["hidden"], outlets, units)
            if q["key"] in charted:
                q["chart"] = chart(q["findings"], context.get(q["key"], []), colours, limits.points_per_chart)
            del q["findings"], q["key"]


def _counted(fs: list[dict[str, Any]], outlets: dict[str, int], units: dict[str, int]) -> dict[str, Any] | None:
    """Findings that are only counted: how many, and every severity, outlet and unit among them (for the filters)."""
    if not fs:
        return None
    names = {str(c["outlet"]) for f in fs for c in f["claims"] if c.get("outlet") is not None}
    return {"count": len(fs), "severities": " ".join(sorted({_severity(f) for f in fs})),
            "outlet_ids": " ".join(sorted(str(outlets[n]) for n in names if n in outlets)),
            "unit_ids": " ".join(sorted({str(units[_unit(f)]) for f in fs if _unit(f) in units}))}


def _severity(f: dict[str, Any]) -> str:
    return f.get("severity") if f.get("severity") in SEVERITY_RANK else "info"


def _unit(f: dict[str, Any]) -> str:
    claims = f["claims"]
    return str(claims[0].get("unit") or "—") if claims else "—"


def _finding_view(f: dict[str, Any], story: str, outlets: dict[str, int], units: dict[str, int],
                  anchors: set[str]) -> dict[str, Any]:
    anchor = "f-" + _slug(str(f.get("fingerprint") or f"{story}-{len(anchors)}"))
    while anchor in anchors:
        anchor += "x"
    anchors.add(anchor)
    names = sorted({str(c.get("outlet")) for c in f["claims"] if c.get("outlet") is not None})
    return {"anchor": anchor, "rule": f.get("rule"), "severity": _severity(f), "message": f.get("message"),
            "message_ar": f.get("message_ar"),
            "quantity": f.get("quantity"), "story": story, "outlet_names": names,
            "outlet_ids": " ".join(str(outlets[n]) for n in names if n in outlets),
            "unit_id": units.get(_unit(f), ""), "pair": [(c.get("outlet"), said(c), when(c.get("published_at")))
                                                          for c in f["claims"]]}


def _rules(findings: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """The rules that fired, with their counts and descriptions (from the shipped suites)."""
    counts: dict[str, int] = defaultdict(int)
    for f in findings:
        counts[str(f.get("rule"))] += 1
    try:
        from .rules import load_suites

        suites = load_suites()
    except Exception:
        suites = None
    out = []
    for rule_id, n in sorted(counts.items(), key=lambda kv: -kv[1]):
        rule = suites.get(rule_id) if suites else None
        out.append({"id": rule_id, "count": n, "severity": rule.severity if rule else None,
                    "description": rule.description if rule else None})
    return out


def validation_view(validation: Any) -> dict[str, Any] | None:
    """Summarise a validation run: :func:`checker.validate.validate_claims`'s dict, or a GX result."""
    if hasattr(validation, "to_json_dict"):
        validation = validation.to_json_dict()
    if not isinstance(validation, dict):
        return None
    results = []
    for r in validation.get("results") or []:
        cfg, res = r.get("expectation_config") or {}, r.get("result") or {}
        rows = r.get("failing_rows") or [str(x) for x in res.get("partial_unexpected_index_list") or []]
        results.append({
            "expectation": r.get("expectation") or cfg.get("type") or "?", "description": r.get("description"),
            "column": r.get("column") or (cfg.get("kwargs") or {}).get("column"), "success": bool(r.get("success")),
            "unexpected": r.get("unexpected_count", res.get("unexpected_count")), "rows": rows[:20],
            "observed": r.get("observed", res.get("observed_value")),
            "error": r.get("error") or (r.get("exception_info") or {}).get("exception_message")})
    results.sort(key=lambda r: r["success"])
    return {"success": bool(validation.get("success")),
            "suite": validation.get("suite") or validation.get("suite_name"), "rows": validation.get("rows"),
            "results": results, "skipped": validation.get("skipped") or [],
            "passed": sum(r["success"] for r in results)}


def render_html(result: dict[str, Any], *, validation: Any = None, title: str | None = None,
                limits: Limits | None = None) -> str:
    """Render a check result (see :func:`checker.findings.check`) as one self-contained HTML page."""
    css, css_hash = _asset("report.css")
    js, js_hash = _asset("report.js")
    csp = (f"default-src 'none'; style-src {css_hash}; script-src {js_hash}; img-src 'none'; "
           "base-uri 'none'; form-action 'none'")
    model = build(result, validation=validation, title=title, limits=limits)
    page = _environment().get_template("report.html.j2")
    return page.render(r=model, css=Markup(css), js=Markup(js), csp=csp)


def write_html(result: dict[str, Any], path: str | Path, *, validation: Any = None, title: str | None = None,
               limits: Limits | None = None) -> None:
    """Write the HTML report to ``path`` atomically (a temporary file, then a rename)."""
    from .atomic import write_atomic

    write_atomic(path, render_html(result, validation=validation, title=title, limits=limits))


