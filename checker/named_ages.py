"""Compare the ages outlets give to one named person: «مورينيو (54 عاما)» in one, «(52 عاما)» in another.

News gives a person's age in brackets right after the name («جوزيه مورينيو (52 عاما)»، SPA's
«فيتفاتزيدس /24 عاما/») or after «البالغ من العمر». A name is the person, whoever else the
story counts, so two outlets that give one name two ages within a week contradict each
other. The name is the word before the bracket, spelled alike across outlets
(:mod:`checker.names`); a word the lexicons know (a person noun such as «مواطن», a
nationality, a place) or one of `not_names` («منذ»، «بالسجن») is no name, and an article
that gives one name two ages is left out for that name.
"""

from __future__ import annotations

from collections import defaultdict
from typing import Any

import polars as pl
import regex

from .compare import Claim
from .evidence import outlier_findings, published_seconds
from .lexicon import Lexicon, load_lexicon
from .names import bare_forms, skeleton
from .normalize import fold_word
from .rules import Suites

_YEARS_AFTER = regex.compile(
    r"\s*/?\s*(?:عام[\u064b-\u0652]*ا?|سن[\u064b-\u0652]*[ةه]|سنوات|[اأ]عوام)[\u064b-\u0652]*\s*(?P<close>[)/\"»”])")
_NAME_BEFORE = regex.compile(
    r"(?P<name>[\p{L}\p{M}\u0640]{3,})\s*(?:(?P<open>[(/\"«“-])|\s(?P<aged>البالغ|البالغة|البالغه)(?:\s+من\s+العمر)?)?\s*$")
# Each bracket with the mark that closes it: «علاونة "21 عاما"»، «أبو ماريا- 53 عاماً»» (a dash inside a quote).
_CLOSES = {"(": ")", "/": "/", '"': '"', "«": "»", "“": "”", "-": ')"»”'}
MAX_AGE = 110
MAX_APART = 7 * 86400  # seconds: a person's age holds for the week a story runs


def _is_name(word: str, lex: Lexicon) -> bool:
    """True when a folded word may be a person's name: no word the lexicons give a meaning."""
    known = (lex.units, lex.duals, lex.nationals, lex.places, lex.sides, lex.predicates)
    return not any(form in table for form in bare_forms(word) for table in known) and not any(
        form in lex.not_names or form in lex.match_words for form in bare_forms(word))  # «محمد» alone is anyone


def name_of(c: Claim, lex: Lexicon) -> tuple[str, str] | None:
    """The name whose age a count of years is («مورينيو (52 عاما)»): spelled alike, and as written; or None."""
    sentence = c.get("sentence") or ""
    start, end = c["start"] - c["sentence_start"], c["end"] - c["sentence_start"]
    after = _YEARS_AFTER.match(sentence, end)
    before = _NAME_BEFORE.search(sentence[max(0, start - 60):start])
    if after is None or before is None:
        return None
    opened = before.group("open") or ("/" if sentence.startswith("/", end) else None)  # SPA's «24/ عاما/»
    if not (opened or before.group("aged")) or (opened and after.group("close") not in _CLOSES[opened]):
        return None  # «(» closes with «)», SPA's «/» with «/»
    word = fold_word(before.group("name"))
    return (skeleton(word), before.group("name")) if _is_name(word, lex) else None


def age_findings(claims: pl.DataFrame, stories: dict[str, str], suites: Suites) -> list[dict[str, Any]]:
    """Two outlets that give one named person two ages."""
    rule = suites.by_kind("age_conflict")
    if rule is None:
        return []
    # SPA's «24/ عاما/» is read as a bare count: the slash parts the number from its noun.
    bare = (pl.col("kind") == "count") & pl.col("unit").is_null() & pl.col("sentence").str.contains("/")
    years = claims.filter((((pl.col("kind") == "duration") & (pl.col("unit") == "year")) | bare) & ~pl.col("in_title")
                          & (pl.col("qualifier") == "exact") & pl.col("value").is_between(1, MAX_AGE)
                          & (pl.col("value") % 1 == 0))
    if years.is_empty():
        return []
    lex = load_lexicon()
    said: dict[tuple[str, str], dict[str, list[Claim]]] = defaultdict(lambda: defaultdict(list))
    for c in years.to_dicts():
        story = stories.get(c["doc_id"])
        named = name_of(c, lex) if story is not None else None
        if named is not None:
            c["_name"] = named[1]
            said[(story, named[0])][c["doc_id"]].append(c)
    findings = []
    for (story, _name), by_doc in said.items():
        # An article that gives one name two ages speaks of two people, or of two times.
        told = [cs[0] for cs in by_doc.values() if len({c["value"] for c in cs}) == 1]
        if len({c["outlet"] for c in told}) < 2:
            continue
        told.sort(key=published_seconds)
        if published_seconds(told[-1]) - published_seconds(told[0]) > MAX_APART:
            continue
        findings += outlier_findings(rule, story, told, (story, "duration", "year", "age"),
                                     same=lambda a, b: a["value"] == b["value"], fields={"name": told[0]["_name"]})
    return findings
