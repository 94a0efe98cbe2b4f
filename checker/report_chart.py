"""Draw one quantity's chart for the HTML report: each outlet's value or interval over publication time.

The geometry is computed here and drawn as inline SVG by ``reports/_macros.html.j2``: no
JavaScript, no library. Claims at one moment stand side by side, so a contradiction shows as
an upright line; a revision as a line that slopes across time.
"""

from __future__ import annotations

import math
from collections import defaultdict
from typing import Any

from .report import PALETTE, claims_of, number, parse_time, said, when

_SHORT = {"at_least": "≥", "more_than": ">", "at_most": "≤", "less_than": "<", "about": "≈", "vague": "~"}
_W, _H, _LEFT, _RIGHT, _TOP, _BOTTOM = 640, 210, 64, 40, 16, 40


def _short(c: dict[str, Any]) -> str:
    if c.get("qualifier") == "range":
        return f"{number(c.get('low'))}–{number(c.get('high'))}"
    centre = next((v for v in (c.get("value"), c.get("low"), c.get("high")) if v is not None), None)
    return _SHORT.get(c.get("qualifier") or "", "") + number(centre)


def _xs(claims: dict[str, dict[str, Any]]) -> tuple[dict[str, float], list[tuple[float, str, str]]]:
    """x of each claim: publication time on a linear axis. Undated claims share one column (on the
    left when others are dated): without times nothing tells a revision from a contradiction."""
    times = {k: parse_time(c.get("published_at")) for k, c in claims.items()}
    dated = sorted(t for t in times.values() if t)
    undated = len(dated) < len(times)
    x0 = _LEFT + (80 if undated else 28)
    width = _W - _RIGHT - x0
    span = (dated[-1] - dated[0]).total_seconds() if dated else 0
    docs = list(dict.fromkeys(str(c.get("doc_id")) for c in claims.values()))
    xs, taken, step = {}, defaultdict(list), min(32, 320 / max(len(docs), 1))
    for k, c in claims.items():
        t = times[k]
        if t is None:
            x = _LEFT + 28 if dated else _LEFT + (_W - _RIGHT - _LEFT) / 2
        else:
            x = x0 + ((t - dated[0]).total_seconds() / span * width if span else width / 2)
        doc = docs.index(str(c.get("doc_id")))
        if doc not in taken[round(x)]:
            taken[round(x)].append(doc)  # articles at one moment stand side by side, an article's claims in line
        xs[k] = round(x + step * taken[round(x)].index(doc), 1)
    ticks = [(x0, "start", when(dated[0])), (x0 + width, "end", when(dated[-1]))] if span else (
        [(x0 + width / 2, "middle", when(dated[0]))] if dated else [])
    if undated:
        ticks.insert(0, (_LEFT + 4 if dated else _LEFT + (_W - _RIGHT - _LEFT) / 2, "start" if dated else "middle",
                         "بلا تاريخ" if dated else "تاريخ النشر غير معروف"))
    return xs, ticks


def chart(findings: list[dict[str, Any]], context: list[dict[str, Any]], colours: dict[str, int],
          max_points: int = 40) -> dict[str, Any] | None:
    """Geometry of one quantity's SVG chart: each outlet's value or interval over publication time.

    Findings' claims are solid points, ``context`` claims (the same quantity, in no finding)
    hollow; each finding is a line between its two claims, so a revision slopes across time
    while a contradiction stands upright. None when the claims do not differ.
    """
    claims: dict[str, dict[str, Any]] = {}
    for c in [c for f in findings for c in claims_of(f)] + [dict(c, _context=True) for c in context]:
        key = str(c.get("claim_id") or len(claims))
        if key not in claims and len(claims) < max_points and any(
                isinstance(c.get(v), int | float) and math.isfinite(c[v]) for v in ("value", "low", "high")):
            claims[key] = c
    bounds = [c[v] for c in claims.values() for v in ("low", "high", "value") if c.get(v) is not None]
    if len({(c.get("low"), c.get("high")) for c in claims.values()}) < 2:
        return None
    lo, hi = min(bounds), max(bounds)
    log = lo > 0 and hi / lo > 30
    scale = math.log10 if log else float
    a, b = scale(lo), scale(hi)
    a, b = (a - 1, b + 1) if a == b else (a - (b - a) * 0.12, b + (b - a) * 0.12)

    def y(v: float) -> float:
        return round(_TOP + (b - scale(v)) / (b - a) * (_H - _TOP - _BOTTOM), 1)

    xs, xticks = _xs(claims)
    points, where = [], {}
    for k, c in claims.items():
        centre = next(v for v in (c.get("value"), c.get("low"), c.get("high")) if v is not None)
        top = _TOP if c.get("high") is None else y(c["high"])
        bottom = _H - _BOTTOM if c.get("low") is None else y(c["low"])
        where[k] = (xs[k], y(centre))
        points.append({"x": xs[k], "y": y(centre), "top": top, "bottom": bottom, "bar": bottom - top > 1,
                       "open_top": c.get("high") is None, "open_bottom": c.get("low") is None,
                       "label": _short(c), "context": "_context" in c,
                       "colour": colours.get(str(c.get("outlet")), 0) % PALETTE,
                       "title": f"{c.get('outlet')} · {c.get('published_at') or 'undated'} · {said(c)}"})
    points.sort(key=lambda p: not p["context"])  # the findings' own claims are drawn on top
    column: dict[float, list[dict]] = defaultdict(list)
    for p in points:
        column[p["x"]].append(p)
    for same_x in column.values():  # labels of one column at least 13 px apart
        last = -1e9
        for p in sorted(same_x, key=lambda p: p["y"]):
            p["ly"] = round(max(p["y"] + 4, last + 13), 1)
            last = p["ly"]
    links = []
    for f in findings[:30]:
        ends = [where.get(str(c.get("claim_id"))) for c in claims_of(f)]
        if len(ends) == 2 and all(ends):
            links.append({"x1": ends[0][0], "y1": ends[0][1], "x2": ends[1][0], "y2": ends[1][1],
                          "severity": f.get("severity"), "kind": str(f.get("rule") or "").rsplit(".", 1)[-1]})
    legend = sorted({(str(c.get("outlet")), colours.get(str(c.get("outlet")), 0) % PALETTE)
                     for c in claims.values()}, key=lambda o: o[0].casefold())
    yticks = sorted({(y(v), number(v)) for v in (lo, hi)})
    return {"w": _W, "h": _H, "left": _LEFT, "right": _W - _RIGHT, "top": _TOP, "base": _H - _BOTTOM,
            "points": points, "links": links, "legend": legend, "log": log, "xticks": xticks, "yticks": yticks}
