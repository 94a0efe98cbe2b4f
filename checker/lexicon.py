"""Load the lexicons in ``rules/lexicon`` and compile them into fast matching tables.

Every form is folded the way article text is (see :mod:`checker.normalize`); word lists
become trie-shaped regular expressions, which are several times faster than plain
alternations over megabytes of text (the scanners built on them are in
:mod:`checker.matchers`).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import Any

import regex

from .normalize import fold_word
from .resources import data_path
from .yamlio import DataError, line_of, load_yaml

# Clitics that may be glued to a word: conjunction, then preposition and/or article.
# Lazy: a whole word (واحد) beats و + احد. Written as alternations that try the empty
# clitic first (the same order as ``(?:[وف])??(?:ال|...)??``), which ``re`` runs faster.
CLITICS = r"(?:|[وف])(?:|ال|بال|كال|فال|لل|[بكل])"
NOT_LETTER_BEFORE = r"(?<!\p{L})"
NOT_LETTER_AFTER = r"(?!\p{L})"

CATEGORY_KIND = {
    "person": "count",
    "thing": "count",
    "time": "duration",
    "money": "money",
    "measure": "measure",
    "percent": "percent",
}


@cache
def rx(pattern: str) -> regex.Pattern[str]:
    """Compile a ``regex`` pattern once (the module's own cache is slow on hot paths)."""
    return regex.compile(pattern)


def squash(phrase: str) -> str:
    """Collapse the whitespace inside a matched phrase to single spaces (as in the lexicons)."""
    return " ".join(phrase.split()) if (" " in phrase or "\xa0" in phrase) else phrase


def trie_pattern(words: Iterable[str]) -> str:
    """Return a regex alternation of ``words`` shaped as a trie (longest forms preferred)."""
    trie: dict[str, Any] = {}
    for word in words:
        if not word:
            continue
        node = trie
        for ch in word:
            node = node.setdefault(ch, {})
        node[""] = {}

    def build(node: dict[str, Any]) -> str:
        ends_here = "" in node
        alts = []
        for ch in sorted((k for k in node if k), reverse=True):
            piece = r"[ \u00a0]+" if ch == " " else regex.escape(ch)
            alts.append(piece + build(node[ch]))
        if not alts:
            return ""
        body = alts[0] if len(alts) == 1 and not ends_here else "(?:" + "|".join(alts) + ")"
        if ends_here:
            body = body + "?" if body.startswith("(?:") else f"(?:{body})?"
        return body

    return build(trie) or "(?!)"


@dataclass(frozen=True, slots=True)
class UnitForm:
    """One written form of a counted noun: its concept and grammatical number."""

    concept: str
    number: str  # "sg", "pl", "dual", or "dual?" (a sound plural that may be a dual)
    category: str
    context: tuple[str, ...] = ()
    reference: bool = False  # a dual that names the parties of a story, never a claim

    @property
    def kind(self) -> str:
        """The claim kind this noun gives a number (count, duration, money ...)."""
        return CATEGORY_KIND[self.category]


@dataclass(slots=True)
class Lexicon:
    """All lexicon tables, folded and compiled."""

    number_words: dict[str, list[tuple[str, float]]] = field(default_factory=dict)
    weak_alone: set[str] = field(default_factory=set)
    vague: dict[str, tuple[float | None, float | None]] = field(default_factory=dict)
    ordinals: dict[str, int] = field(default_factory=dict)
    age_decades: dict[str, tuple[int, bool]] = field(default_factory=dict)  # ستينيه -> (60, False); True: a decade noun
    ordinal_idioms: list[str] = field(default_factory=list)
    units: dict[str, list[UnitForm]] = field(default_factory=dict)
    duals: dict[str, list[UnitForm]] = field(default_factory=dict)
    hedges_before: dict[str, str] = field(default_factory=dict)
    hedges_after: dict[str, str] = field(default_factory=dict)
    predicates: dict[str, str] = field(default_factory=dict)
    # Words that only look like a predicate's form («الصادرة»: issued, not «صادر»: confiscated):
    # scanned so that no shorter form inside them is read, and never a predicate themselves.
    predicate_decoys: frozenset[str] = frozenset()
    sides: dict[str, str] = field(default_factory=dict)
    places: dict[str, str] = field(default_factory=dict)
    nationals: dict[str, str] = field(default_factory=dict)  # سعوديا -> saudi_arabia: people counted by nationality
    scopes: dict[str, str] = field(default_factory=dict)
    attribution_verbs: set[str] = field(default_factory=set)
    attribution_preps: set[str] = field(default_factory=set)
    source_fillers: set[str] = field(default_factory=set)
    mute_nouns: set[str] = field(default_factory=set)  # counted nouns that never head a source
    continuation_verbs: set[str] = field(default_factory=set)
    source_stops: set[str] = field(default_factory=set)
    generic_sources: set[str] = field(default_factory=set)
    months: dict[str, int] = field(default_factory=dict)
    hijri_months: dict[str, int] = field(default_factory=dict)
    weekdays: dict[str, int] = field(default_factory=dict)
    relative_days: dict[str, int] = field(default_factory=dict)
    compound_measures: list[dict[str, Any]] = field(default_factory=list)
    infection_words: set[str] = field(default_factory=set)
    reported_as: dict[str, str] = field(default_factory=dict)  # concept -> the unit a claim reports
    kind_of: dict[str, str] = field(default_factory=dict)  # concept -> the concept it is a kind of (pistol -> weapon)
    disease_units: set[str] = field(default_factory=set)  # concepts kept in news of an infection
    people_fates: set[str] = field(default_factory=set)  # predicates whose bare figures count people
    thing_fates: set[str] = field(default_factory=set)  # ... whose verbs also take things (ضبط)
    money_measures: dict[str, str] = field(default_factory=dict)  # folded phrase -> measure (صافي الربح: net_profit)
    severity_words: set[str] = field(default_factory=set)
    one_person: set[str] = field(default_factory=set)
    construct_nouns: set[str] = field(default_factory=set)  # names that are also nouns (قطر: diameter)
    numbered_nouns: frozenset[str] = frozenset()  # nouns a number after numbers (الدقيقة 69)
    numbered_series: frozenset[str] = frozenset()  # their plurals and duals, before a list (الدقائق 21 و25)
    sports: dict[str, str] = field(default_factory=dict)  # a word that names a sport -> the sport
    result_words: list[str] = field(default_factory=list)  # words that tell a match result (فاز، بنتيجة)
    incident_openers: tuple[str, ...] = ()  # folded phrases that open a round-up's next incident
    goal_words: frozenset[str] = frozenset()  # words that tell a goal (سجل، هدف), folded
    other_match_events: frozenset[str] = frozenset()  # a card, a substitution or a miss (طرد، اهدر)
    scorer_markers: tuple[str, ...] = ()  # phrases after a minute that name its scorer (عن طريق)
    match_words: frozenset[str] = frozenset()  # a match's words that name no one (الدقيقه، المهاجم)
    one_goal_results: tuple[str, ...] = ()  # a match that ended with one goal (بهدف دون مقابل), folded
    change_words: tuple[str, ...] = ()  # words that start a change «من 13 إلى 16» besides rose/fell (رفع), folded
    not_names: frozenset[str] = frozenset()  # words before «(50 عاما)» that are no one's name (منذ، بالسجن)


def _fold_all(forms: Iterable[Any]) -> list[str]:
    return [fold_word(str(f)) for f in forms]


def _unit_inflections(entry: dict[str, Any]) -> Iterable[tuple[str, str]]:
    """Yield (folded form, number) for a units.yaml entry, generating regular inflections."""
    sound = bool(entry.get("sound_plural"))
    explicit_plural = set(_fold_all(entry.get("plural", []) or []))
    for raw in entry.get("singular", []) or []:
        form = fold_word(str(raw))
        yield form, "sg"
        if " " in form or not regex.fullmatch(r"\p{Arabic}+", form):
            continue
        if form.endswith("ه"):  # folded ta marbuta: feminine
            stem = form[:-1]
            for suffix in ("تين", "تان", "تا", "تي", "تيين"):  # تيين: a common misspelling
                yield stem + suffix, "dual"
            yield stem + "ات", "pl"
        else:
            if not form.endswith(("ا", "ء")):  # «جنديا»، «فنيا»، «كشافا»
                yield form + "ا", "sg"
            yield form + "ان", "dual"
            if sound or form + "ين" in explicit_plural:
                yield form + "ين", "dual?"
                yield form + "ون", "pl"
            else:
                yield form + "ين", "dual"
    for form in explicit_plural:
        yield form, "pl"
        if not form.endswith(("ا", "ه", "ين", "ون", "ات")) and " " not in form:
            yield form + "ا", "pl"
    for raw in entry.get("also", []) or []:
        yield fold_word(str(raw)), "pl"
    for raw in entry.get("dual", []) or []:
        yield fold_word(str(raw)), "dual"


def _load_units(path: Path, lex: Lexicon) -> None:
    data = load_yaml(path)
    if not isinstance(data, dict):
        raise DataError(f"{path}:1: expected a mapping of concept -> forms")
    for concept, entry in data.items():
        if not isinstance(entry, dict) or entry.get("category") not in CATEGORY_KIND:
            raise DataError(
                f"{path}:{line_of(data, concept)}: {concept}: needs `category`, one of "
                + ", ".join(CATEGORY_KIND)
            )
        context = tuple(_fold_all(entry.get("context", []) or []))
        # `concept:` names the concept an entry adds forms to, when those forms need a
        # context of their own (عربة is a carriage only in a sentence about a train).
        name = str(entry.get("concept") or concept)
        if entry.get("kind_of"):
            lex.kind_of[name] = str(entry["kind_of"])
        if entry.get("reported_as"):
            lex.reported_as[name] = str(entry["reported_as"])
            if entry.get("kept_for_infections"):
                lex.disease_units.add(name)
        for form, number in _unit_inflections(entry):
            uf = UnitForm(name, number, entry["category"], context, bool(entry.get("reference")))
            target = lex.duals if number in ("dual", "dual?") else lex.units
            bucket = target.setdefault(form, [])
            if uf not in bucket:
                bucket.append(uf)
    # An explicit plural or singular spelling wins over a generated dual of another noun.
    for form in list(lex.duals):
        if form in lex.units:
            del lex.duals[form]


def _load_numbers(path: Path, lex: Lexicon) -> None:
    data = load_yaml(path)

    def add(form: str, role: str, value: float) -> None:
        entries = lex.number_words.setdefault(fold_word(form), [])
        if (role, value) not in entries:
            entries.append((role, float(value)))

    for section, role in (("units", "unit"), ("tens", "ten"), ("hundreds", "hundred")):
        for value, forms in data[section].items():
            if not isinstance(value, (int, float)):
                raise DataError(f"{path}:{line_of(data[section], value)}: {value!r} is not a number")
            for form in forms:
                add(form, role, value)
    for form in data["teen_tail"]:
        add(form, "teen_tail", 10)
    for value, groups in data["scales"].items():
        for group, role in (("singular", "scale"), ("dual", "scale_dual"), ("plural", "scale_pl")):
            for form in groups.get(group, []):
                add(form, role, value)
    for value, forms in data["fractions"].items():
        for form in forms:
            add(form, "fraction", value)
    lex.weak_alone = set(_fold_all(data["weak_alone"]))
    for phrase, bounds in data["vague"].items():
        low, high = bounds
        lex.vague[fold_word(phrase)] = (low, high)
    for value, forms in data["ordinals"].items():
        for form in forms:
            lex.ordinals[fold_word(form)] = int(value)
    for value, stem in (data.get("age_decades") or {}).items():
        nisba = fold_word(str(stem))
        for form in (nisba, nisba + "ه", nisba + "ون", nisba + "ين"):
            lex.age_decades[form] = (int(value), False)
        for form in (nisba + "ات", nisba[:-1] + "ات"):  # الثلاثينيات، الثلاثينات
            lex.age_decades[form] = (int(value), True)
    lex.ordinal_idioms = _fold_all(data["ordinal_idioms"])
    for spec in data.get("compound_measures", []):
        lex.compound_measures.append({**spec, "major": _fold_all(spec["major"])})


def _load_keyed(path: Path) -> dict[str, str]:
    """Load a mapping key -> list of phrases into phrase -> key (first key wins)."""
    data = load_yaml(path)
    out: dict[str, str] = {}
    for key, forms in data.items():
        if not isinstance(forms, list):
            raise DataError(f"{path}:{line_of(data, key)}: {key}: expected a list of phrases")
        for form in forms:
            out.setdefault(fold_word(str(form)), str(key))
    return out


PRONOUN_SUFFIXES = ("ه", "ها", "هم", "هما", "هن")
DECOY_KEY = "not_a_predicate"  # predicates.yaml's list of look-alike words (Lexicon.predicate_decoys)


def nationality_nouns(sides: dict[str, str]) -> dict[str, str]:
    """The forms that count people by a side's nisba: «14 سعوديا»، «4 فلسطينيين»، «3 يمنيون»، «18 حوثي».

    Every indefinite nisba of the sides lexicon (سعودي) gives its plurals, its accusative and
    itself (news often drops the accusative alef: «مقتل 18 حوثي»); a side's name (مصر) or a
    definite form (السعودي) gives none.
    """
    out: dict[str, str] = {}
    for form, side in sides.items():
        if form.endswith("ي") and not form.startswith("ال") and " " not in form and len(form) > 3:
            for suffix in ("ين", "ون", "ا", ""):
                out.setdefault(form + suffix, side)
    return out


def with_lam_article(table: dict[str, str]) -> dict[str, str]:
    """Add the ل + article forms of phrases that open with the article: للدفاع المدني for الدفاع المدني.

    The clitic pattern reads «للنظام» as لل + نظام, which no longer holds the listed
    «النظام»; spelling the contracted forms out keeps «تابعة للدفاع المدني» from reading
    as «المدني» (civilians).
    """
    out = dict(table)
    for phrase, key in table.items():
        if phrase.startswith("ال") and len(phrase) > 4:
            out.setdefault("لل" + phrase[2:], key)
    return out


def with_accusative_alef(table: dict[str, str]) -> dict[str, str]:
    """Add the accusative tanween alef to one-word nouns: «50 جريحًا» says جريح (folded جريحا)."""
    out = dict(table)
    for word, key in table.items():
        if " " not in word and len(word) >= 3 and word[-1] not in "هايىء":
            out.setdefault(word + "ا", key)
    return out


def with_pronoun_suffixes(table: dict[str, str]) -> dict[str, str]:
    """Add the forms with an attached pronoun to one-word nouns: مصرعهم، إصابتهم (ة becomes ت)."""
    out = dict(table)
    for word, key in table.items():
        if " " in word or len(word) < 3:
            continue
        stem = word[:-1] + "ت" if word.endswith("ه") else word
        for suffix in PRONOUN_SUFFIXES:
            if suffix == "ه" and len(stem) == 3:
                continue  # «أسره» would be «أسرة» (a family), «قتله» «قتلة» (killers), «هجره» «الهجرة»
            out.setdefault(stem + suffix, key)
    return out


def _load_hedges(path: Path, lex: Lexicon) -> None:
    data = load_yaml(path)
    for where, target in (("before", lex.hedges_before), ("after", lex.hedges_after)):
        for qualifier, forms in data[where].items():
            for form in forms:
                target.setdefault(fold_word(str(form)), str(qualifier))


def _load_calendar(path: Path, lex: Lexicon) -> None:
    data = load_yaml(path)
    for table, key in ((lex.months, "gregorian_months"), (lex.hijri_months, "hijri_months"),
                       (lex.weekdays, "weekdays"), (lex.relative_days, "relative_days")):
        for number, forms in data[key].items():
            for form in forms:
                table[fold_word(str(form))] = int(number)


@cache
def load_lexicon(root: str | None = None) -> Lexicon:
    """Load and compile every lexicon file (cached; ``root`` overrides the lexicon folder)."""
    base = Path(root) if root else data_path("rules", "lexicon")
    lex = Lexicon()
    try:
        _load_numbers(base / "numbers.yaml", lex)
        _load_units(base / "units.yaml", lex)
        _load_hedges(base / "hedges.yaml", lex)
        _load_calendar(base / "calendar.yaml", lex)
        keyed = _load_keyed(base / "predicates.yaml")
        lex.predicate_decoys = frozenset(w for w, key in keyed.items() if key == DECOY_KEY)
        predicates = with_lam_article(with_accusative_alef(with_pronoun_suffixes(
            {w: key for w, key in keyed.items() if key != DECOY_KEY})))
        # A generated form that is a decoy is the decoy: «صادره» (confiscated it) reads as «صادرة» (issued).
        lex.predicates = {w: key for w, key in predicates.items() if w not in lex.predicate_decoys}
        lex.sides = with_lam_article(_load_keyed(base / "sides.yaml"))
        lex.places = with_lam_article(_load_keyed(base / "places.yaml"))
        lex.nationals = nationality_nouns(lex.sides)
        lex.scopes = _load_keyed(base / "scopes.yaml")
        attribution = load_yaml(base / "attribution.yaml")
        context = load_yaml(base / "context.yaml")
        lex.infection_words = set(_fold_all(context["infection"]))
        lex.severity_words = set(_fold_all(context["severity"]))
        lex.one_person = set(_fold_all(context["one_person"]))
        lex.construct_nouns = set(_fold_all(context.get("construct_nouns") or []))
        lex.numbered_nouns = frozenset(_fold_all(context.get("numbered_nouns") or []))
        numbered = {f.concept for noun in lex.numbered_nouns for f in lex.units.get(noun, ())}
        lex.numbered_series = frozenset(
            form for table in (lex.units, lex.duals) for form, forms in table.items()
            if any(f.concept in numbered and f.number in ("pl", "dual") for f in forms))
        lex.result_words = _fold_all(context.get("result_words") or [])
        lex.sports = {w: sport for sport, words in (context.get("sports") or {}).items() for w in _fold_all(words)}
        lex.people_fates = {str(p) for p in context["people_fates"]}
        lex.thing_fates = {str(p) for p in context.get("fates_of_things_too") or []}
        measures = context.get("money_measures") or {}
        lex.money_measures = {fold_word(form): str(name) for name, forms in measures.items() for form in forms}
        lex.incident_openers = tuple(_fold_all(context.get("incident_openers") or []))
        lex.goal_words = frozenset(_fold_all(context.get("goal_words") or []))
        lex.other_match_events = frozenset(_fold_all(context.get("other_match_events") or []))
        lex.scorer_markers = tuple(_fold_all(context.get("scorer_markers") or []))
        lex.not_names = frozenset(_fold_all(context.get("not_names") or []))
        lex.one_goal_results = tuple(_fold_all(context.get("one_goal_results") or []))
        lex.change_words = tuple(_fold_all(context.get("change_words") or []))
        lex.match_words = frozenset(
            _fold_all([*(context.get("match_words") or []), *(context.get("given_names") or [])]))
    except (KeyError, TypeError, AttributeError) as exc:
        raise DataError(f"{base}: malformed lexicon ({exc!r})") from exc
    lex.attribution_verbs = set(_fold_all(attribution["verbs"]))
    lex.attribution_preps = set(_fold_all(attribution["prepositions"]))
    lex.continuation_verbs = set(_fold_all(attribution["continuation"]))
    lex.source_stops = set(_fold_all(attribution["stops"]))
    lex.generic_sources = set(_fold_all(attribution.get("generic") or []))
    lex.source_fillers = set(_fold_all(attribution.get("fillers") or []))
    speaking = {str(u) for u in attribution.get("speaking_units") or []}
    lex.mute_nouns = {
        form for table in (lex.units, lex.duals) for form, forms in table.items()
        if not any(f.concept in speaking for f in forms) and any(f.category in ("person", "thing") for f in forms)
    }
    return lex
