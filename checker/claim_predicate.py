"""What happened to what a figure counts: its predicate (killed, injured, seized, fined …), or whose age it is.

The predicate is the one the counted noun says itself («21 حالة وفاة»، «سبع إصابات»), the
word said right after the noun, or the verb nearest the figure in its sentence; then what
the figure counts overrules what cannot be (no one is killed 150 km away, bullets are not
the injured). A figure of years may instead be someone's age (:func:`age_reading`).
"""

from __future__ import annotations

from collections.abc import Callable

import regex

from .ages import age_of
from .claim_patterns import Context
from .claim_unit import CountedNoun
from .clues import (
    ARTICLE_PREFIX,
    CLAUSE_BREAK,
    DEAD_AMONG_AFTER,
    DEAD_AND_HURT_AFTER,
    INCIDENT_UNITS,
    LATER_FATES,
    MEASURE_PREDICATES,
    NOUN_FATES,
    ONLY_SPACE,
    PEOPLE_ONLY_PREDICATES,
    THINGS_ONLY_PREDICATES,
    Spans,
    first_after,
    nearest_before,
    predicate_near,
)
from .lexicon import Lexicon
from .numerals import Numeral

_AGE_QUALIFIERS = ("exact", "about", "range")
# «رصد» allocates a sum («رصدت 5 مليارات») but records anything else («رصدت 24 مخالفة»).
_RECORDED = regex.compile(r"(?<!\p{L})(?:و|ف)?(?:رصد|رصدت|يرصد|ترصد|رصدها|برصد|رصدنا)(?!\p{L})")
_MODEL_BEFORE = regex.compile(r"(?<!\p{L})(?:طراز|نوع|موديل|ماركه)\s+[(«\"]?\s*(?:[\p{L}\d]+\s+){0,3}$")
_SENTENCE_PART_END = regex.compile(r"[.؛:!?؟]")
_FATE_OF_NOUN = {"injured": "injured", "dead": "killed"}  # nouns that say what happened to whom they count
# «نقل» takes the injured to hospital, or 26 million pilgrims to the Haram: a sentence with no word of
# care (a hospital, an ambulance, the injured, «حالة») tells of transport, not of patients.
_QUOTING = regex.compile(
    r"(?<!\p{L})(?:و|ف)?نقل(?:ا|ت|ه)?\s+(?:\p{L}+\s+){0,3}?عن\s+(?!طريق)"
    r"|نقل(?:ت|ه)?\s+(?:\p{L}+\s+)?(?:تحيات|ترحيب|تهاني|تعازي)")
_CARE = regex.compile(r"مستشف|اسعاف|مصاب|جريح|جرحي|حال(?:ه|ات|تين|تان)(?!\p{L})|علاج|طوارئ|طبي|صحي|تنويم|الهلال")


def predicate_of(n: Numeral, noun: CountedNoun, preds: Spans, t: str, lex: Lexicon, c: Context, s_start: int,
                 s_end: int, infection_news: Callable[[], bool]) -> str | None:
    """What happened to what the figure ``n`` counts, read from the predicates ``preds`` of its sentence.

    ``infection_news`` tells whether the article speaks of a disease (asked only when it matters).
    """
    kind, unit, unit_span, after_end, of_the = noun.kind, noun.unit, noun.unit_span, noun.after_end, noun.of_the
    own = first_after(preds[0], preds[1], n.end, after_end) if after_end > n.end else None
    if own is None and n.form == "singular":
        own = first_after(preds[0], preds[1], n.start - 1, n.start + 1)  # «وحالة وفاة» is one phrase
        if own is not None and own[1] <= n.end:
            own = None
    # «حالتي وفاة»، «وحالة وفاة»: a dual or singular noun is its own numeral and counted noun.
    if own is None and (after_end > n.end or n.unit is not None):
        nxt = first_after(preds[0], preds[1], after_end, after_end + 14)
        # A و that opens the word after the noun is a conjunction («حالات وإصابة»), unless
        # it is the word's own first letter («حالات وفيات»).
        root_waw = nxt is not None and t[nxt[0]:nxt[1]] in lex.predicates
        if nxt and ONLY_SPACE.fullmatch(t, after_end, nxt[0]) and not CLAUSE_BREAK.search(
            t, after_end, nxt[0] + (0 if root_waw else 1)
        ):
            own = nxt  # «ثلاث حالات إصابتهم خطيرة»: said right after the counted noun
            if ARTICLE_PREFIX.match(t, nxt[0]):
                # «اثنين من رجال الأمن المصابين … انتقلا إلى رحمة الله»: an adjective that
                # describes them; the verb later in the sentence says what happened.
                verb = first_after(preds[0], preds[1], nxt[1], min(s_end, nxt[1] + 80))
                if verb:
                    own = verb
    # «سبع إصابات»، «21 حالة وفاة»: the counted noun itself says what happened.
    predicate = own[2] if own else predicate_near(preds, n.start, after_end, s_start, s_end, t)
    if own is None and predicate == "killed" and c.severity_after.match(t, after_end):
        predicate = "injured"  # «حالتي وفاة وحالة حرجة»: the dead have no severity; the injured do
    if own and of_the and own[1] > unit_span[0]:
        # «توفي 3 من المصابين»: «of the injured» names who they were; the verb says what happened.
        verb = nearest_before(preds[0], preds[1], max(s_start, n.start - 60), n.start)
        if verb:
            predicate = verb[2]
    if own and predicate in NOUN_FATES and own[1] <= after_end:
        nxt = first_after(preds[0], preds[1], after_end, after_end + 14)
        if nxt and nxt[2] in LATER_FATES and not CLAUSE_BREAK.search(t, after_end, nxt[0] + 1):
            predicate = nxt[2]  # «29 مصاباً خرجوا من المستشفيات»: what became of the injured
    if predicate != "suspected" and (predicate is None or predicate in NOUN_FATES):
        nxt = first_after(preds[0], preds[1], after_end, min(s_end, after_end + 40))
        if nxt and nxt[2] == "suspected" and not _SENTENCE_PART_END.search(t, after_end, nxt[0]):
            predicate = "suspected"  # «6 حالات أخرى من المخالطين، يشتبه في إصابتهم»: not confirmed
    if predicate == "infected" and not infection_news():
        predicate = None  # «تسجيل اثنين من اللاعبين»: registered players, in no news of a disease
    if predicate == "injured" and c.infection.search(t, s_start, s_end):
        predicate = "infected"  # «4 إصابات مؤكدة بفيروس كورونا»: infections, not wounds
    elif predicate == "injured" and DEAD_AMONG_AFTER.match(t, after_end, s_end):
        predicate = "killed_or_injured"  # «بلغ 50 حالة، سجلت منهم 9 حالات وفيات»
    if DEAD_AND_HURT_AFTER.match(t, after_end, s_end):
        predicate = "killed_or_injured"  # «راح ضحيته 23 من رجال الأمن بين شهداء وجرحى»
    if kind != "money" and (predicate == "fined" or (predicate == "allocated" and _RECORDED.search(
            t, max(s_start, n.start - 40), n.start))):
        predicate = None  # «رصدت الوزارة 24 مخالفة»: recorded, not allocated; only a sum is a fine
    elif kind in ("measure", "money", "percent", "duration") and predicate not in MEASURE_PREDICATES:
        predicate = None  # «على بعد 150 كيلومترا» in a sentence about the killed: no one killed 150 km
    elif (unit is not None and unit.category == "thing" and predicate in PEOPLE_ONLY_PREDICATES
          and unit.concept not in INCIDENT_UNITS):
        # «سيارات الأجرة والنقل (151) سيارة»: «النقل» takes no one to hospital here;
        # «أصيب برصاصتين»: the bullets are not the injured.
        predicate = None
    elif unit is not None and unit.category == "thing" and predicate == "arrested":
        predicate = "seized"  # «ضبط 10 مسدسات»: ضبط arrests people and seizes things
    elif unit is not None and unit.category == "person" and predicate in THINGS_ONLY_PREDICATES:
        predicate = None  # «أسفر التفجير عن 15»: the blast destroyed things; the people have their own verb
    if predicate == "hospitalized" and not _CARE.search(t, s_start, s_end):
        # «نقل 8 ملايين معتمر»: carried, not taken to hospital; «نقلا عن مصادر»: quoted, not moved
        predicate = None if _QUOTING.search(t, s_start, s_end) else "transported"
    if predicate is None and unit is not None and unit.concept in _FATE_OF_NOUN:
        predicate = _FATE_OF_NOUN[unit.concept]  # «13 شهيدا بتفجير انتحاري»: the noun says it
    if unit is None and _MODEL_BEFORE.search(t, max(s_start, n.start - 30), n.start):
        predicate = None  # «طائرة من نوع امبراير 505 فانوم 300»: a model's number, not a toll
    return predicate


def age_reading(n: Numeral, noun: CountedNoun, qualifier: str, predicate: str | None, side: str | None, t: str,
                lex: Lexicon, s_start: int) -> tuple[str | None, str | None]:
    """The predicate and side of the figure: «age» and whose, when its years are someone's age; else as given."""
    kind, unit, after_end = noun.kind, noun.unit, noun.after_end
    # «ألا يقل عمر المتقدم عن 30 عاما»: a bound is a rule, not anyone's age.
    if kind == "duration" and unit is not None and unit.concept == "year" and qualifier in _AGE_QUALIFIERS:
        person = age_of(t, n.start, n.end, after_end, s_start, n.form == "decade", lex)
        if person is not None:  # «امرأة (50 سنة)»: the woman's age, apart from the man's
            predicate, side = "age", person or None
    return predicate, side
