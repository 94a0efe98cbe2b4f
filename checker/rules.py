"""Load the rule suites in ``rules/suites``: each rule is data that extends one check kind."""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import Any

import regex

from .compare import Tolerance
from .normalize import fold
from .resources import data_path
from .yamlio import DataError, line_of, load_yaml

KINDS = {
    "value_conflict",
    "sourced_disagreement",
    "revision",
    "different_scope",
    "internal_conflict",
    "magnitude_slip",
    "percent_over_100",
    "sum_mismatch",
    "attacker_counted",
    "weekday_mismatch",
    "copy_differs",
    "different_category",
    "parts_exceed_total",
    "incident_sum_mismatch",
    "time_conflict",
    "day_conflict",
    "conversion_mismatch",
    "year_conflict",
    "goal_minute_conflict",
    "age_conflict",
    "date_conflict",
}
SEVERITIES = ("error", "warning", "info")
REGEX_TIMEOUT = 0.25
REQUIRED = ("id", "kind", "severity", "message", "description")


def cue_found(pattern: regex.Pattern[str], sentence: str, name: str) -> bool:
    """Search a suite's cue pattern in a sentence's folded text, stopped by a timeout (a data error)."""
    try:
        return bool(pattern.search(fold(sentence).text, timeout=REGEX_TIMEOUT))
    except TimeoutError:
        raise DataError(f"{name}: a pattern ran for more than {REGEX_TIMEOUT} s (catastrophic backtracking?); "
                        "simplify it") from None


@dataclass(frozen=True, slots=True)
class Rule:
    """One rule: its id, the check kind it extends, severity, message template and examples."""

    id: str
    kind: str
    severity: str
    message: str
    description: str
    suite: str
    where: str | None = None
    examples: dict[str, list[Any]] = field(default_factory=dict)
    unless: regex.Pattern[str] | None = None  # a finding is dropped when a quoted sentence matches
    share_cues: regex.Pattern[str] | None = None  # percent_over_100: the words that make a figure a share
    message_ar: str | None = None  # the message in Arabic, quoting the figures as the articles write them

    def waived(self, sentences: list[str]) -> bool:
        """True when one of the quoted sentences matches the rule's ``unless`` pattern.

        A user pattern that backtracks without end is stopped after ``REGEX_TIMEOUT`` seconds
        and reported as a data error naming the rule.
        """
        if self.unless is None:
            return False
        try:
            return any(self.unless.search(s or "", timeout=REGEX_TIMEOUT) for s in sentences)
        except TimeoutError:
            raise DataError(f"rule {self.id}: its `unless` pattern ran for more than {REGEX_TIMEOUT} s "
                            "(catastrophic backtracking?); simplify it") from None


@dataclass(frozen=True, slots=True)
class Suites:
    """Every loaded rule, by kind, with the suites' tolerances."""

    rules: tuple[Rule, ...]
    tolerance: Tolerance
    tolerances: dict[str, Tolerance] = field(default_factory=dict)  # per kind of quantity (money, percent …)
    min_similarity: float = 0.3
    restatement_similarity: float = 0.4
    falling_toll_hours: float = 48.0
    evolving_predicates: frozenset[str] = frozenset()
    running_tallies: frozenset[str] = frozenset()  # units whose count grows as an event goes on (medals)
    revision_cues: regex.Pattern[str] | None = None
    attacker_cues: regex.Pattern[str] | None = None
    near_miss_predicates: tuple[tuple[str, str], ...] = ()

    def attacker_died(self, sentence: str | None) -> bool:
        """True when a sentence says the attacker died too («قبل أن ينتحر»)."""
        if not sentence or self.attacker_cues is None:
            return False
        return cue_found(self.attacker_cues, sentence, "attacker_cues")

    def revised(self, sentence: str | None) -> bool:
        """True when a sentence says a figure was revised («ارتفعت الحصيلة», «خفضت الحصيلة»)."""
        if not sentence or self.revision_cues is None:
            return False
        return cue_found(self.revision_cues, sentence, "revision_cues")

    def tolerance_for(self, kind: str | None) -> Tolerance:
        """How far an ``about`` figure of this kind of quantity may stray (the suite's data)."""
        return self.tolerances.get(kind or "", self.tolerance)

    def by_kind(self, kind: str, where: str | None = None) -> Rule | None:
        """The rule that reports findings of ``kind`` (and ``where``: headline, body, within, across).

        A rule written for that very place wins over a rule for any place.
        """
        fitting = [r for r in self.rules if r.kind == kind and (where is None or r.where in (None, where))]
        return next((r for r in fitting if where is not None and r.where == where), fitting[0] if fitting else None)

    def get(self, rule_id: str) -> Rule | None:
        """The rule with this id."""
        return next((r for r in self.rules if r.id == rule_id), None)


def _patterns(path: Path, data: Any, name: str) -> regex.Pattern[str] | None:
    """Compile ``data[name]`` (a pattern or a list of them, one alternation) or name the path and line of a bad one."""
    value = data.get(name)
    if not value:
        return None
    parts = [value] if isinstance(value, str) else list(value)
    try:
        return regex.compile("|".join(f"(?:{p})" for p in parts))
    except regex.error as exc:
        raise DataError(f"{path}:{line_of(data, name)}: bad pattern in `{name}` ({exc})") from None


def _rule(path: Path, suite: str, entry: Any, line: int) -> Rule:
    if not isinstance(entry, dict):
        raise DataError(f"{path}:{line}: a rule must be a mapping with {', '.join(REQUIRED)}")
    line = getattr(entry, "line", line)
    for key in REQUIRED:
        if not entry.get(key):
            raise DataError(f"{path}:{line}: rule {entry.get('id', '?')}: missing `{key}`")
    if entry["kind"] not in KINDS:
        raise DataError(f"{path}:{line_of(entry, 'kind')}: unknown kind {entry['kind']!r}; expected one of "
                        + ", ".join(sorted(KINDS)))
    if entry["severity"] not in SEVERITIES:
        raise DataError(f"{path}:{line_of(entry, 'severity')}: severity must be one of {', '.join(SEVERITIES)}")
    examples = entry.get("examples") or {}
    if not isinstance(examples, dict) or not set(examples) <= {"fail", "pass"}:
        raise DataError(f"{path}:{line_of(entry, 'examples')}: examples take `fail:` and `pass:` lists")
    unless = _patterns(path, entry, "unless")
    cues = _patterns(path, entry, "share_cues")
    message_ar = str(entry["message_ar"]) if entry.get("message_ar") else None
    return Rule(str(entry["id"]), entry["kind"], entry["severity"], str(entry["message"]),
                " ".join(str(entry["description"]).split()), suite, entry.get("where"), examples, unless, cues,
                message_ar)


def load_suite_file(path: Path) -> tuple[list[Rule], Tolerance | None, dict[str, Any]]:
    """Load one suite file, raising :class:`DataError` naming its path and line when malformed."""
    data = load_yaml(path)
    if not isinstance(data, dict) or not isinstance(data.get("rules"), list):
        raise DataError(f"{path}:1: a suite needs `suite:` and a `rules:` list")
    suite = str(data.get("suite") or path.stem)
    rules = [_rule(path, suite, entry, line_of(data, "rules")) for entry in data["rules"]]
    tol = None
    tolerance = data.get("tolerance") or {}
    about = tolerance.get("about")
    if about:
        try:
            tol = Tolerance(float(about["min_relative"]), float(about["max_relative"]), float(about["ulps"]),
                            float(tolerance.get("hedge_reach", Tolerance.hedge_reach)))
        except (KeyError, TypeError, ValueError) as exc:
            raise DataError(f"{path}:{line_of(data, 'tolerance')}: tolerance.about needs min_relative, "
                            f"max_relative and ulps ({exc})") from None
    by_kind = {}
    for kind, spec in (tolerance.get("by_kind") or {}).items():
        base = tol or Tolerance()
        try:
            by_kind[str(kind)] = Tolerance(float(spec.get("min_relative", base.min_relative)),
                                           float(spec.get("max_relative", base.max_relative)),
                                           float(spec.get("ulps", base.ulps)), base.hedge_reach)
        except (AttributeError, TypeError, ValueError) as exc:
            raise DataError(f"{path}:{line_of(data, 'tolerance')}: tolerance.by_kind.{kind}: numbers expected "
                            f"({exc})") from None
    matching = data.get("matching") or {}
    try:
        similarity: dict[str, Any] = {
            k: float(matching[k])
            for k in ("min_similarity", "restatement_similarity", "falling_toll_hours")
            if k in matching
        }
    except (TypeError, ValueError) as exc:
        raise DataError(f"{path}:{line_of(data, 'matching')}: matching values must be numbers ({exc})") from None
    for name in ("evolving_predicates", "running_tallies"):
        if name in data:
            listed = data[name]
            if not isinstance(listed, list):
                raise DataError(f"{path}:{line_of(data, name)}: {name} must be a list")
            similarity[name] = frozenset(map(str, listed))
    pairs = data.get("near_miss_predicates")
    if pairs:
        if not all(isinstance(p, list) and len(p) == 2 for p in pairs):
            raise DataError(f"{path}:{line_of(data, 'near_miss_predicates')}: near_miss_predicates takes pairs")
        similarity["near_miss_predicates"] = tuple((str(a), str(b)) for a, b in pairs)
    for name in ("revision_cues", "attacker_cues"):
        if data.get(name):
            similarity[name] = _patterns(path, data, name)
    if by_kind:
        similarity["tolerances"] = by_kind
    return rules, tol, similarity


@cache
def load_suites(folder: str | None = None) -> Suites:
    """Load every ``*.yaml`` suite in ``folder`` (default: the shipped ``rules/suites``)."""
    base = Path(folder) if folder else data_path("rules", "suites")
    rules: list[Rule] = []
    tolerance = Tolerance()
    similarity: dict[str, Any] = {}
    seen: dict[str, Path] = {}
    for path in sorted(base.glob("*.yaml")):
        suite_rules, tol, matching = load_suite_file(path)
        similarity.update(matching)
        for rule in suite_rules:
            if rule.id in seen:
                raise DataError(f"{path}:1: rule id {rule.id} is already defined in {seen[rule.id]}")
            seen[rule.id] = path
        rules.extend(suite_rules)
        tolerance = tol or tolerance
    return Suites(tuple(rules), tolerance, **similarity)
