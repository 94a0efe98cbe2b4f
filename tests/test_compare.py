"""Interval agreement: hedges, rounding and the precision a figure is written with (tolerances are suite data)."""

from __future__ import annotations

import pytest

import checker
from checker.compare import agree
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
