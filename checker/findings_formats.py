"""Write findings as text for people, JSON, SARIF 2.1.0 and GitHub Actions annotations."""

from __future__ import annotations

import json
from pathlib import Path, PurePosixPath
from typing import Any
from urllib.parse import quote

from . import __version__

SARIF_LEVEL = {"error": "error", "warning": "warning", "info": "note"}
GITHUB_LEVEL = {"error": "error", "warning": "warning", "info": "notice"}
SARIF_SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json"
FINGERPRINT_KEY = "raqmFinding/v1"


def _mark(c: dict[str, Any], width: int = 110) -> str:
    """The claim's sentence with its number in [brackets], cut to ``width`` characters each side."""
    sentence, number = c["sentence"] or "", c["number_text"] or ""
    at = c["start"] - c["sentence_start"] if c.get("sentence_start") is not None else sentence.find(number)
    if not (0 <= at <= len(sentence) and sentence[at : at + len(number)] == number):
        at = sentence.find(number)
    if at < 0:
        return sentence
    before, after = sentence[:at], sentence[at + len(number) :]
    if len(before) > width:
        before = "…" + before[-width:].lstrip()
    if len(after) > width:
        after = after[:width].rstrip() + "…"
    return f"{before}[{number}]{after}"


def _count(n: int, word: str) -> str:
    return f"{n} {word}" + ("" if n == 1 else "s")


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
        if f.get("message_ar"):
            lines.append(f"    {f['message_ar']}")
        for c in f["claims"]:
            where = f"{c['path'] or c['doc_id']}:{c['line']}"
            if not str(c["path"] or "").endswith((".jsonl", ".jsonl.gz")):
                where += f":{c['column']}"  # in JSONL the column would count inside the text field
            source = f" ({c['source']})" if c["source"] else ""
            lines.append(f"    {c['outlet']}{source} {where}")
            lines.append(f"      « {_mark(c)} »")
    s = result["summary"]
    lines.append(
        f"\n{s['articles']} articles, {s['stories']} stories, {s['claims']} claims: "
        f"{_count(s['error'], 'error')}, {_count(s['warning'], 'warning')}, {_count(s['info'], 'note')}"
    )
    return "\n".join(lines).lstrip("\n") + "\n"


def as_json(result: dict[str, Any]) -> str:
    """The contract's JSON object: ``{"discrepancies": [...], "summary": {...}}``."""
    return json.dumps({"discrepancies": result["discrepancies"], "summary": result["summary"]},
                      ensure_ascii=False, indent=1) + "\n"


def escape_github_data(text: str) -> str:
    """Escape a workflow command's message the way GitHub's toolkit does (%, CR, LF)."""
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def escape_github_property(text: str) -> str:
    """Escape a workflow command property value (file, title): also ``:`` and ``,``."""
    return escape_github_data(text).replace(":", "%3A").replace(",", "%2C")


def _relative(path: str, root: Path | None) -> tuple[str, bool]:
    """The path relative to ``root`` (default: the working folder) in POSIX form, and whether it is."""
    p = Path(path)
    if not p.is_absolute():
        return PurePosixPath(*p.parts).as_posix() if p.parts else path, True
    base = (root or Path.cwd()).resolve()
    try:
        return p.resolve().relative_to(base).as_posix(), True
    except ValueError:
        return p.as_posix(), False


def _where(c: dict[str, Any]) -> dict[str, int] | None:
    """Line and columns of a claim's number in its file, as far as they are known.

    ``line``/``column`` are 1-based and count Python ``str`` characters of the article
    text. For ``.txt`` files that is the file itself (lines are split on ``\n`` after
    reading, so CRLF files agree). For JSONL the line is the article's line in the file
    but the column is inside the decoded ``text`` field, so only the line is given. For
    HTML both refer to the extracted article text, not the page, so nothing is given.
    """
    path = (c.get("path") or "").lower()
    if not c.get("line") or path.endswith((".html", ".htm")):
        return None
    if path.endswith((".jsonl", ".jsonl.gz")) or not c.get("column"):
        return {"startLine": int(c["line"])}
    number = c.get("number_text") or ""
    line, col = int(c["line"]), int(c["column"])
    if "\n" in number:
        end_line, end_col = line + number.count("\n"), len(number.rsplit("\n", 1)[1]) + 1
    else:
        end_line, end_col = line, col + len(number)
    region = {"startLine": line, "startColumn": col, "endColumn": end_col}
    if end_line != line:
        region["endLine"] = end_line
    return region


def as_github(result: dict[str, Any], root: Path | None = None) -> str:
    """GitHub Actions workflow commands, one per finding, at the file, line and column of the number."""
    out = []
    for f in result["discrepancies"]:
        c = f["claims"][0]
        props = []
        if c.get("path"):
            props.append("file=" + escape_github_property(_relative(c["path"], root)[0]))
            region = _where(c)
            if region:
                props.append(f"line={region['startLine']}")
                if "startColumn" in region:
                    props.append(f"col={region['startColumn']}")
        props.append("title=" + escape_github_property(f["rule"]))
        level = GITHUB_LEVEL.get(f["severity"], "notice")
        out.append(f"::{level} {','.join(props)}::" + escape_github_data(f["message"]))
    return "\n".join(out) + ("\n" if out else "")


def _examples_markdown(rule: Any) -> str:
    parts = [rule.description]
    for label, key in (("Reported", "fail"), ("Not reported", "pass")):
        cases = (getattr(rule, "examples", None) or {}).get(key) or []
        if cases:
            parts.append(f"\n**{label}:**\n")
            for case in cases:
                articles = case if isinstance(case, list) else [case]
                texts = [a.get("text", "") if isinstance(a, dict) else str(a) for a in articles]
                parts.append("- " + " / ".join(f"`{t}`" for t in texts))
    return "\n".join(parts)


def _descriptor(rule: Any) -> dict[str, Any]:
    short = rule.description.split(". ")[0].rstrip(".") + "."
    return {
        "id": rule.id,
        "name": "".join(w.capitalize() for w in rule.id.replace(".", "_").split("_")),
        "shortDescription": {"text": short},
        "fullDescription": {"text": rule.description},
        "help": {"text": rule.description, "markdown": _examples_markdown(rule)},
        "defaultConfiguration": {"level": SARIF_LEVEL[rule.severity]},
        "properties": {"kind": rule.kind, "suite": rule.suite, "tags": ["raqm", rule.suite]},
    }


def _location(c: dict[str, Any], root: Path | None) -> dict[str, Any]:
    source = f" ({c['source']})" if c.get("source") else ""
    text = f"{c.get('outlet')}{source}: {c.get('number_text')} « {c.get('sentence')} »"
    loc: dict[str, Any] = {"message": {"text": text}}
    if c.get("path"):
        rel, is_relative = _relative(c["path"], root)
        artifact = ({"uri": quote(rel, safe="/"), "uriBaseId": "%SRCROOT%"} if is_relative
                    else {"uri": Path(c["path"]).resolve().as_uri()})
        physical: dict[str, Any] = {"artifactLocation": artifact}
        region = _where(c)
        if region:
            if "startColumn" in region:
                region["snippet"] = {"text": c.get("number_text") or ""}
            physical["region"] = region
        loc["physicalLocation"] = physical
    else:  # standard input: no file to point at
        loc["logicalLocations"] = [{"name": str(c.get("doc_id")), "kind": "module"}]
    return loc


def _result(f: dict[str, Any], index: dict[str, int], root: Path | None) -> dict[str, Any]:
    locations = [_location(c, root) for c in f["claims"]]
    res: dict[str, Any] = {"ruleId": f["rule"]}
    if f["rule"] in index:
        res["ruleIndex"] = index[f["rule"]]
    res.update({
        "level": SARIF_LEVEL[f["severity"]],
        "message": {"text": f["message"]},
        "locations": locations[:1],
        "partialFingerprints": {FINGERPRINT_KEY: f["fingerprint"]},
        "properties": {"story": f.get("story"), "quantity": f.get("quantity"),
                       "claims": [c.get("claim_id") for c in f["claims"]]},
    })
    if len(locations) > 1:
        res["relatedLocations"] = [dict(loc, id=i) for i, loc in enumerate(locations[1:], start=1)]
    if f.get("suppressed"):
        res["suppressions"] = [{"kind": "external", "status": "accepted",
                                "justification": str(f["suppressed"].get("reason") or "")}]
    return res


def as_sarif(result: dict[str, Any], rules: list[Any], root: Path | None = None) -> str:
    """A SARIF 2.1.0 log: one run, the rules as reportingDescriptors, findings as results.

    Findings listed under ``result["suppressed"]`` (see :func:`checker.baseline.apply_baseline`)
    are included with a ``suppressions`` entry carrying the baseline's reason. Artifact URIs
    are relative to ``root`` (default: the working folder), as GitHub code scanning expects.
    """
    index = {r.id: i for i, r in enumerate(rules)}
    findings = list(result["discrepancies"]) + list(result.get("suppressed") or [])
    log = {
        "$schema": SARIF_SCHEMA,
        "version": "2.1.0",
        "runs": [{
            "tool": {"driver": {
                "name": "raqm",
                "version": __version__,
                "semanticVersion": __version__,
                "rules": [_descriptor(r) for r in rules],
            }},
            "columnKind": "unicodeCodePoints",
            "results": [_result(f, index, root) for f in findings],
        }],
    }
    return json.dumps(log, ensure_ascii=False, indent=1) + "\n"


__all__ = ["as_github", "as_json", "as_sarif", "as_text", "escape_github_data", "escape_github_property"]
