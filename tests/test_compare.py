"""Interval agreement: hedges, rounding and the precision a figure is written with (tolerances are suite data)."""

from __future__ import annotations

import pytest

import checker
from checker.compare import agree, tenfold_slip
from checker.rules import load_suites

SUITES = load_suites()


def _claim(text: str) -> dict:
    rows = [r for r in checker.extract_text(text).iter_rows(named=True) if r["kind"] != "date"]
    return rows[0]


@pytest.mark.parametrize(
    ("a", "b", "same"),
    [
        ("قتل 33 جنديا", "قتل ثلاثة وثلاثون جنديا", True),          # digits vs words
        ("قتل 33 جنديا على الأقل", "قتل 36 جنديا", True),            # at least 33 allows 36
        ("قتل أكثر من 33 جنديا", "قتل 33 جنديا على الأقل", True),     # more than 33 vs at least 33 overlap
        ("قتل 33 جنديا", "قتل 36 جنديا", False),                    # exact vs exact
        ("تضرر 1480 منزلا", "تضرر قرابة ألف وخمسمئة منزل", True),     # about 1,500 covers 1,480
        ("بلغت 375.5 مليون دولار", "بلغت نحو 400 مليون دولار", True),  # about 400 million, one significant digit
        ("بلغت نحو 8.1 مليار دولار", "بلغت 8.5 مليار دولار", False),   # about 8.1 billion is tight
        ("قبول 18.410 متدربين", "قبول 18 ألف متدرب", True),           # 18 thousand is written to the thousand
        ("نحو 40% من الطلاب", "30% من الطلاب", False),               # a share: percent tolerance is tighter
        ("بتكلفة 97,151,502.13 ريال", "بتكلفة 97,151,502 ريال", True),  # a large sum with its halalas dropped
        ("بتكلفة 97,151,502.63 ريال", "بتكلفة 97,151,503 ريال", True),  # or rounded
        ("ارتفع 31.3 %", "ارتفع 31 %", False),                          # a small figure's decimal is another figure
        ("بمشاركة 32 ألف كشاف", "بمشاركة أكثر من 33 ألف كشاف", False),  # 32 thousand is short of 33 thousand
        ("بمشاركة 32 ألف كشاف", "بمشاركة 32.9 ألف كشاف", True),          # but may be 32,900 cut short
    ],
)
def test_agreement(a, b, same):
    ca, cb = _claim(a), _claim(b)
    assert agree(ca, cb, SUITES.tolerance_for(ca["kind"])) is same


@pytest.mark.parametrize(
    ("bound", "other", "in_title", "same"),
    [
        ("وقع عقودا بأكثر من 7 ملايين ريال", "وقع عقودا بتكلفة 703 ملايين ريال", True, False),
        ("قتل أكثر من 33 جنديا", "قتل 331 جنديا", True, False),
        ("قتل أكثر من 33 جنديا", "قتل 300 جندي", True, True),  # within ten times its figure
        # In a body, a lower bound is often a background total: «أكثر من 40 ألف قتيل في 30 عاما».
        ("قتل أكثر من 33 جنديا", "قتل 331 جنديا", False, True),
    ],
)
def test_a_headline_lower_bound_reaches_as_far_as_the_suite_says(bound, other, in_title, same):
    assert SUITES.tolerance.hedge_reach == 10
    ca, cb = {**_claim(bound), "in_title": in_title}, _claim(other)
    assert agree(ca, cb, SUITES.tolerance_for(ca["kind"])) is same


def test_tolerance_is_data_per_kind():
    assert SUITES.tolerance_for("percent").max_relative < SUITES.tolerance_for("count").max_relative


def _said(text: str, number: str) -> dict:
    return next(r for r in checker.extract_text(text).iter_rows(named=True) if r["number_text"] == number)


@pytest.mark.parametrize(
    ("text", "number", "measure"),
    [
        ("وبلغ صافي الربح 6.17 مليار ريال في الربع الثاني", "6.17 مليار", "net_profit"),
        ("وبلغ إجمالي الربح 12.64 مليار ريال خلال الربع الثاني", "12.64 مليار", "gross_profit"),
        ("لتبلغ بذلك ربحية السهم 3.37 ريالات", "3.37", "per_share"),
        ("وقعت الوزارة عقودا بقيمة 703 ملايين ريال", "703 ملايين", None),
    ],
)
def test_a_sum_of_money_names_what_it_measures(text, number, measure):
    from checker.compare import measure_of

    assert measure_of(_said(text, number)) == measure


@pytest.mark.parametrize(
    ("a", "na", "b", "nb", "same"),
    [
        # A share's earnings and a company's profit are never one figure written twice.
        ("لتبلغ ربحية السهم 3.37 ريالات", "3.37", "وبلغ الربح 13.41 مليار ريال", "13.41 مليار", False),
        # Digits dropped from one of them: one figure with a slip.
        ("بتكلفة 31 مليار ريال", "31 مليار", "بتكلفة 310 ملايين ريال", "310 ملايين", True),
        ("عقود بأكثر من 7 ملايين", "7 ملايين", "عقود تزيد على 703 ملايين ريال", "703 ملايين", True),
        # Distances from two places are two quantities; from one place, one.
        ("تقع سيفاري على بعد 12 كيلومترا من مدينة موبتي", "12", "سيفاري على بعد 620 كيلومترا شمال شرق باماكو",
         "620", False),
        ("تقع سيفاري على بعد 12 كيلومترا من مدينة موبتي", "12", "على بعد 15 كيلومترا من موبتي", "15", True),
        # A small number word drops no digits: «حالة واحدة» is no slip of «1071 حالة».
        ("وسجلت حالة وفاة واحدة بكورونا", "واحدة", "بلغ عدد الوفيات 1071 حالة بكورونا", "1071", False),
    ],
)
def test_two_figures_far_apart_or_measured_from_two_places_are_no_pair(a, na, b, nb, same):
    from checker.compare import plausible_pair

    assert plausible_pair(_said(a, na), _said(b, nb)) is same


def test_a_part_below_the_total_s_rounding_adds_nothing_to_it():
    from checker.totals import sum_parts

    total = _said("بلغ صافي الربح 10.1 مليار ريال", "10.1 مليار")
    parts = [_said("بلغ الربح 10.06 مليارات ريال", "10.06 مليارات"), _said("ربحية السهم 3.73 ريالات", "3.73")]
    assert sum_parts(total, parts) is None
    halves = [_said("بلغ الربح 6.17 مليار ريال", "6.17 مليار"), _said("بلغ الربح 3.94 مليار ريال", "3.94 مليار")]
    assert [p["value"] for p in sum_parts(total, halves)] == [6.17e9, 3.94e9]


@pytest.mark.parametrize(
    ("a", "b", "slip"),
    [
        ("ولا يزال نحو 1300 جندي منتشرين", "ولا يزال حوالى 13 ألف جندي منتشرين", True),
        ("نشر 250 جنديا", "نشر 2500 جندي", True),
        ("نشر 50 جنديا", "نشر 500 جندي", False),  # below a hundred: another figure as often as a slip
        ("نشر نحو 250 جنديا", "نشر 2500 جندي", False),  # hedged differently
        ("نشر 250 جنديا", "نشر 25000 جندي", False),  # a hundredfold is no dropped zero
    ],
)
def test_a_count_ten_times_another_hedged_alike_is_a_dropped_zero(a, b, slip):
    assert tenfold_slip(_claim(a), _claim(b)) is slip
