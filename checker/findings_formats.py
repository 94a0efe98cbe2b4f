"""Write findings as text for people, JSON, SARIF 2.1.0 and GitHub Actions annotations."""

from __future__ import annotations

import json
from typing import Any

from . import __version__

SARIF_LEVEL = {"error": "error", "warning": "warning", "info": "note"}


def _mark(sentence: str, number: str) -> str:
    return sentence.replace(number, f"[{number}]", 1) if number and number in sentence else sentence


def as_text(result: dict[str, Any]) -> str:
    """Findings grouped by story and quantity, each quoting its sentences with the number marked."""
    lines: list[str] = []
    current = None
    for f in result["discrepancies"]:
        head = (f["story"], f["quantity"])
        if head != current:
            lines.append(f"\n== story {f['story']} · {f['quantity']}")
            current = head
        lines.append(f"{f['severity']}: {f['message']}  [{f['rule']}]")
        for c in f["claims"]:
            where = f"{c['path'] or c['doc_id']}:{c['line']}:{c['column']}"
            source = f" ({c['source']})" if c["source"] else ""
            lines.append(f"    {c['outlet']}{source} {where}")
            lines.append(f"      « {_mark(c['sentence'], c['number_text'])} »")
    s = result["summary"]
    lines.append(
        f"\n{s['articles']} articles, {s['stories']} stories, {s['claims']} claims: "
        f"{s['error']} errors, {s['warning']} warnings, {s['info']} notes"
    )
    return "\n".join(lines).lstrip("\n") + "\n"


def as_json(result: dict[str, Any]) -> str:
    """The contract's JSON object: ``{"discrepancies": [...], "summary": {...}}``."""
    return json.dumps({"discrepancies": result["discrepancies"], "summary": result["summary"]},
                      ensure_ascii=False, indent=1) + "\n"


def _escape_github(text: str, prop: bool = False) -> str:
    text = text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")
    return text.replace(":", "%3A").replace(",", "%2C") if prop else text


def as_github(result: dict[str, Any]) -> str:
    """GitHub Actions workflow commands, one per finding, at the file, line and column of the number."""
    out = []
    for f in result["discrepancies"]:
        level = {"error": "error", "warning": "warning"}.get(f["severity"], "notice")
        c = f["claims"][0]
        file = _escape_github(c["path"] or c["doc_id"], prop=True)
        title = _escape_github(f["rule"], prop=True)
        out.append(f"::{level} file={file},line={c['line']},col={c['column']},title={title}::"
                   + _escape_github(f["message"]))
    return "\n".join(out) + ("\n" if out else "")


def as_sarif(result: dict[str, Any], rules: list[Any]) -> str:
    """A SARIF 2.1.0 log: one run, the rules as reportingDescriptors, findings as results."""
    descriptors = [
        {
            "id": r.id,
            "name": r.id.replace(".", "_"),
            "shortDescription": {"text": r.description.split(". ")[0]},
            "fullDescription": {"text": r.description},
            "defaultConfiguration": {"level": SARIF_LEVEL[r.severity]},
            "properties": {"kind": r.kind, "suite": r.suite},
        }
        for r in rules
    ]
    index = {r.id: i for i, r in enumerate(rules)}
    results = []
    for f in result["discrepancies"]:
        locations = []
        for c in f["claims"]:
            locations.append({
                "physicalLocation": {
                    "artifactLocation": {"uri": c["path"] or c["doc_id"]},
                    "region": {
                        "startLine": c["line"],
                        "startColumn": c["column"],
                        "charOffset": c["start"],
                        "charLength": c["end"] - c["start"],
                        "snippet": {"text": c["sentence"]},
                    },
                },
                "message": {"text": f"{c['outlet']}: {c['number_text']}"},
            })
        results.append({
            "ruleId": f["rule"],
            "ruleIndex": index.get(f["rule"], -1),
            "level": SARIF_LEVEL[f["severity"]],
            "message": {"text": f["message"]},
            "locations": locations[:1],
            "relatedLocations": [dict(loc, id=i) for i, loc in enumerate(locations[1:], start=1)],
            "partialFingerprints": {"raqmFinding/v1": f["fingerprint"]},
        })
    log = {
        "$schema": "https://json.schemastore.org/sarif-2.1.0.json",
        "version": "2.1.0",
        "runs": [{
            "tool": {"driver": {"name": "raqm", "version": __version__, "rules": descriptors}},
            "results": results,
        }],
    }
    return json.dumps(log, ensure_ascii=False, indent=1) + "\n"
