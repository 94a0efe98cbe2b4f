"""The lexicon data is well formed: every form loads, belongs to one key, and every name the code uses exists.

In the style of dateparser's per-language data tests: each YAML file of ``rules/lexicon`` is
checked against what its loader in :mod:`checker.lexicon` reads, so that a typo in the data
fails here, naming the file, key and form, instead of silently missing figures in articles.
"""

from __future__ import annotations

from collections.abc import Iterator
from functools import cache
from typing import Any

import pytest

import checker
from checker.claim_scope import _DAY_SCOPES
from checker.clues import (
    INCIDENT_UNITS,
    LATER_FATES,
    MEASURE_PREDICATES,
    NOUN_FATES,
    PEOPLE_ONLY_PREDICATES,
    THINGS_ONLY_PREDICATES,
)
from checker.compare import PEOPLE_UNITS, RATE_SCOPES, WINDOW_SCOPES, scope_class
from checker.evidence import SCOPES_AR
from checker.findings import STORY_PREDICATES
from checker.lexicon import CATEGORY_KIND, DECOY_KEY, load_lexicon
from checker.normalize import fold_word
from checker.resources import data_path
from checker.rules import load_suites
from checker.totals import PEOPLE_FATES
from checker.verdicts import THING_TOLLS
from checker.yamlio import line_of, load_yaml

LEXICON = sorted(path.stem for path in data_path("rules", "lexicon").glob("*.yaml"))
FORM_KEYS = ("singular", "plural", "also", "dual")
UNIT_KEYS = {*FORM_KEYS, "category", "sound_plural", "context", "concept", "reported_as", "kept_for_infections",
             "reference", "kind_of"}
FLAG_KEYS = ("sound_plural", "reference", "kept_for_infections")

# Exact repeats of a form in one list: copy-paste slips, harmless (the loaders skip a repeat), kept here
# so that a new one fails. Delete an entry once the data is fixed (the test then asks for that).
KNOWN_REPEATS: dict[tuple[str, str, str], str] = {}
# A units.yaml entry naming one form in two of its lists, on purpose.
UNIT_REPEATS = {("person", "نسمة"): "a collective noun: «ثلاثة آلاف نسمة» and «نسمة واحدة» both count persons"}
# Forms two concepts claim with no `context:` to choose between them (the first listed concept wins).
UNIT_COLLISIONS = {
    ("سنتين", ("cent", "year")): "generated duals of سنة and سنت; year comes first and wins, the news reading",
    ("سنتان", ("cent", "year")): "generated duals of سنة and سنت; year comes first and wins, the news reading",
}


@cache
def data(name: str) -> Any:
    return load_yaml(data_path("rules", "lexicon", f"{name}.yaml"))


def form_lists(node: Any, path: str = "") -> Iterator[tuple[str, list[Any]]]:
    """Every list of scalars in a YAML tree, with its dotted path (numbers.yaml vague bounds excepted)."""
    if isinstance(node, dict):
        for key, value in node.items():
            if path != "vague":
                yield from form_lists(value, f"{path}.{key}" if path else str(key))
    elif isinstance(node, list):
        if all(not isinstance(x, (dict, list)) for x in node):
            yield path, node
        else:
            for i, item in enumerate(node):
                yield from form_lists(item, f"{path}.{i}")


@pytest.mark.parametrize("name", LEXICON)
def test_no_empty_form_and_no_form_listed_twice_in_one_list(name: str) -> None:
    bad, repeats = [], set()
    for path, forms in form_lists(data(name)):
        for form in forms:
            if not isinstance(form, str) or not form.strip() or form != " ".join(form.split()):
                bad.append((path, form))
        repeats |= {(name, path, f) for f in forms if forms.count(f) > 1}
    assert not bad, f"{name}.yaml: empty, non-text or badly spaced forms: {bad}"
    assert repeats == {k for k in KNOWN_REPEATS if k[0] == name}


# ---- units.yaml ---------------------------------------------------------------------------------------------
UNITS = data("units")


@pytest.mark.parametrize("concept", list(UNITS))
def test_unit_entry_is_well_formed(concept: str) -> None:
    entry, where = UNITS[concept], f"units.yaml:{line_of(UNITS, concept)}: {concept}"
    assert isinstance(entry, dict) and entry.get("category") in CATEGORY_KIND, f"{where}: bad category"
    assert set(entry) <= UNIT_KEYS, f"{where}: unknown keys {set(entry) - UNIT_KEYS}"
    for key in (*FORM_KEYS, "context"):
        forms = entry.get(key, [])
        assert isinstance(forms, list) and all(isinstance(f, str) and f.strip() for f in forms), f"{where}: {key}"
    assert any(entry.get(key) for key in FORM_KEYS), f"{where}: no forms"
    assert all(isinstance(entry.get(flag, False), bool) for flag in FLAG_KEYS), f"{where}: a flag is not true/false"
    assert not entry.get("kept_for_infections") or entry.get("reported_as"), f"{where}: kept_for_infections alone"
    for key in ("concept", "reported_as", "kind_of"):  # a main entry; `concept`, `kind_of`: of the same category
        if key in entry:
            assert entry[key] in UNITS and "concept" not in UNITS[entry[key]], f"{where}: {key} {entry[key]}?"
            assert key == "reported_as" or UNITS[entry[key]]["category"] == entry["category"], f"{where}: {key}"
    forms = [f for key in FORM_KEYS for f in entry.get(key) or []]
    twice = {f for f in forms if forms.count(f) > 1}
    assert twice == {f for (c, f) in UNIT_REPEATS if c == concept}, f"{where}: listed twice: {twice}"


def test_kind_of_has_no_cycle() -> None:
    kind_of = load_lexicon().kind_of
    for start in kind_of:
        seen, concept = [start], start
        while concept in kind_of:
            concept = kind_of[concept]
            assert concept not in seen, f"kind_of cycle: {' -> '.join([*seen, concept])}"
            seen.append(concept)


def test_every_listed_unit_form_loads_under_its_concept() -> None:
    lex, dropped = load_lexicon(), []
    for concept, entry in UNITS.items():
        name = entry.get("concept") or concept
        for key in FORM_KEYS:
            for form in entry.get(key) or []:
                loaded = lex.units.get(fold_word(form), []) + lex.duals.get(fold_word(form), [])
                if name not in {f.concept for f in loaded}:
                    dropped.append((concept, key, form))
    assert not dropped


def test_no_form_is_claimed_by_two_concepts_without_a_context() -> None:
    lex, found = load_lexicon(), set()
    for table in (lex.units, lex.duals):
        for form, forms in table.items():
            plain = tuple(sorted({f.concept for f in forms if not f.context}))
            if len(plain) > 1:
                found.add((form, plain))
    assert found == set(UNIT_COLLISIONS)


# ---- keyed lexicons: each folded form under one key -------------------------------------------------------------
KEYED = [("predicates", None, "predicates"), ("sides", None, "sides"), ("scopes", None, "scopes"),
         ("places", None, "places"), ("hedges", "before", "hedges_before"), ("hedges", "after", "hedges_after"),
         ("calendar", "gregorian_months", "months"), ("calendar", "hijri_months", "hijri_months"),
         ("calendar", "weekdays", "weekdays"), ("calendar", "relative_days", "relative_days"),
         ("numbers", "ordinals", "ordinals")]


@pytest.mark.parametrize(("name", "section", "table"), KEYED, ids=[f"{n}.{s}" if s else n for n, s, _ in KEYED])
def test_every_form_loads_under_its_own_key(name: str, section: str | None, table: str) -> None:
    keyed = dict(data(name)[section] if section else data(name))
    lexicon = load_lexicon()
    loaded: dict[str, Any] = getattr(lexicon, table)
    if name == "predicates":  # the look-alike words are scanned apart and never load as a predicate
        decoys = keyed.pop(DECOY_KEY)
        assert {fold_word(str(form)) for form in decoys} == lexicon.predicate_decoys
        assert not lexicon.predicate_decoys & set(loaded)
    wrong = [(key, form, loaded.get(fold_word(str(form)))) for key, forms in keyed.items() for form in forms
             if loaded.get(fold_word(str(form))) != (key if isinstance(key, str) else int(key))]
    assert not wrong, f"{name}.yaml {section or ''}: (key, form, key it loads under): {wrong}"


def test_calendar_numbers() -> None:
    cal = data("calendar")
    assert [set(cal[s]) for s in ("gregorian_months", "hijri_months", "weekdays")] == [
        set(range(1, 13)), set(range(1, 13)), set(range(1, 8))]


# ---- names the suites and the code use ---------------------------------------------------------------------------
SUITES = load_suites()
PREDICATE_USERS = {
    "evolving_predicates": SUITES.evolving_predicates,
    "near_miss_predicates": {p for pair in SUITES.near_miss_predicates for p in pair},
    "context.yaml people_fates": data("context")["people_fates"],
    "context.yaml fates_of_things_too": data("context")["fates_of_things_too"],
    "PEOPLE_ONLY_PREDICATES": PEOPLE_ONLY_PREDICATES, "THINGS_ONLY_PREDICATES": THINGS_ONLY_PREDICATES,
    "MEASURE_PREDICATES": MEASURE_PREDICATES - {None}, "NOUN_FATES": NOUN_FATES, "LATER_FATES": LATER_FATES,
    "THING_TOLLS": THING_TOLLS, "STORY_PREDICATES": STORY_PREDICATES, "totals.PEOPLE_FATES": PEOPLE_FATES,
}


# Names the code uses that predicates.yaml lacks (none: a stale name is dead code).
UNKNOWN_PREDICATES: dict[tuple[str, str], str] = {}


@pytest.mark.parametrize("user", list(PREDICATE_USERS))
def test_named_predicates_exist(user: str) -> None:
    missing = {(user, p) for p in set(PREDICATE_USERS[user]) - set(data("predicates"))}
    assert missing == {k for k in UNKNOWN_PREDICATES if k[0] == user}


def test_named_unit_concepts_exist() -> None:
    named = {*data("attribution")["speaking_units"], *PEOPLE_UNITS, *PEOPLE_UNITS.values(), *INCIDENT_UNITS,
             *SUITES.running_tallies}
    assert named - set(UNITS) == set()


# Scopes that compare.scope_class folds into "total" (so they need no Arabic label of their own).
TOTAL_SCOPES = {"cumulative": "a running toll is the total", "part": "a share of a total said elsewhere",
                "today": "a day, not a window", "yesterday": "a day, not a window",
                "earlier_incident": "another incident: quantity_key leaves it uncompared"}


def test_scopes_the_code_names_exist_and_each_scope_has_an_arabic_label() -> None:
    scopes = set(data("scopes"))
    assert (WINDOW_SCOPES | RATE_SCOPES | _DAY_SCOPES | {"part"}) - scopes == set()
    # Findings quote a claim's scope class in Arabic: its window or rate, else "total". A new key
    # in scopes.yaml is either a window (in compare.py, with a label) or is compared as the total.
    assert set(SCOPES_AR) == WINDOW_SCOPES | RATE_SCOPES | {"total"}
    assert {s for s in scopes if scope_class({"scope": s}) == "total"} == set(TOTAL_SCOPES)


# ---- numbers.yaml -------------------------------------------------------------------------------------------
NUMBERS = data("numbers")


def test_number_values_are_numbers() -> None:
    assert set(NUMBERS["units"]) == set(range(1, 11))
    assert set(NUMBERS["tens"]) == set(range(20, 100, 10))
    assert set(NUMBERS["hundreds"]) == set(range(100, 1000, 100))
    assert set(NUMBERS["scales"]) == {10**3, 10**6, 10**9, 10**12}
    assert all(isinstance(v, float) and 0 < v < 1 for v in NUMBERS["fractions"])
    assert set(NUMBERS["ordinals"]) <= set(range(1, 101))
    for phrase, (low, high) in NUMBERS["vague"].items():
        assert isinstance(low, int) and (high is None or (isinstance(high, int) and low <= high)), phrase


def _read(phrase: str) -> tuple[float | None, str]:
    claims = checker.extract_text(f"قتل {phrase} جنديا في الهجوم")
    row = claims.filter(claims["kind"] != "date").row(0, named=True)
    return row["value"], row["number_text"]


def _spelled() -> Iterator[Any]:
    for section in ("units", "tens", "hundreds"):
        for value, forms in NUMBERS[section].items():
            yield from (pytest.param(f, value, id=f"{section}-{value}-{i}") for i, f in enumerate(forms))
    for value, groups in NUMBERS["scales"].items():
        for i, form in enumerate(groups["singular"]):
            if form not in groups["dual"]:  # ألفا is a dual too, and reads as one («حضر ألفا شخص»)
                yield pytest.param(form, value, id=f"scale-{value}-{i}")
        yield from (pytest.param(f, 2 * value, id=f"dual-{value}-{i}") for i, f in enumerate(groups["dual"]))
        yield from (pytest.param(f"ثلاثة {f}", 3 * value, id=f"plural-{value}-{i}")
                    for i, f in enumerate(groups["plural"]))


@pytest.mark.parametrize(("phrase", "value"), list(_spelled()))
def test_every_number_word_reads_back_as_its_value(phrase: str, value: float) -> None:
    assert _read(phrase) == (value, phrase)


# Spellings num2words never writes (test_number_words.py): مئة, ثمانيمئة, glued و, feminine teens, ثنتان.
COMPOUNDS = {"ثلاثمئة وخمسة وعشرون": 325, "ثمانيمئة وتسعون": 890, "مائتان واثنان": 202, "أربعمائة وإحدى عشرة": 411,
             "ستمئة واثنتا عشرة": 612, "ثنتان وعشرون": 22, "خمسة آلاف وسبعمئة": 5700, "أربعة عشر ألفا وخمسمئة": 14_500,
             "مئتا ألف": 200_000, "مليونان وثلاثمئة ألف": 2_300_000, "مليار ومئتا مليون": 1_200_000_000,
             "ثلاثة ملايين وأربعمئة ألف": 3_400_000, "تريليون ونصف": 1_500_000_000_000}


@pytest.mark.parametrize(("phrase", "value"), [
    *(pytest.param(p, v, id=str(v)) for p, v in COMPOUNDS.items()),
    # The plural scale after a compound that ends in 3–10 (مئة وخمسة آلاف), not only after 3–10 alone.
    pytest.param("مئة وخمسة آلاف", 105_000, id="105000"),
    pytest.param("سبعمئة وثمانية آلاف", 708_000, id="708000"),
    pytest.param("مئة وثلاثة ملايين", 103_000_000, id="103000000"),
])
def test_compounds_in_every_spelling_read_back(phrase: str, value: float) -> None:
    assert _read(phrase) == (value, phrase)


def test_sports_and_the_units_their_scores_count_exist() -> None:
    from checker.scores import SCORE_UNITS, SCORED_IN

    assert set(data("context")["sports"]) == {*SCORED_IN, "volleyball"}
    assert SCORE_UNITS - set(UNITS) == set()
    numbered = {fold_word(w) for w in data("context")["numbered_nouns"]}
    singulars = {fold_word(w) for entry in UNITS.values() for w in entry.get("singular", [])}
    assert numbered - singulars == set()  # each numbered noun names its series as a singular of units.yaml


def test_every_relative_day_the_time_patterns_read_is_in_the_calendar_lexicon() -> None:
    """dates.py spells its relative days in patterns; how far each is from publication is the lexicon's."""
    import regex

    from checker import dates

    days = load_lexicon().relative_days
    for pattern in (dates._REL, dates._REL_BEFORE, dates.RELATIVE_DAY):
        words = regex.search(r"\(\?P<r>([^)(]+)", pattern.pattern).group(1).split("|")
        missing = [w for w in words if w not in days]
        assert not missing, f"{pattern.pattern[:40]}…: {missing} not in calendar.yaml relative_days"
