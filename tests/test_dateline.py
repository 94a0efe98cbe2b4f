"""Datelines: the date an article states in its opening, in every form Arabic news uses."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from checker.dateline import find_dateline, hijri_month_number, hijri_to_gregorian, month_number

SEEDS = Path(__file__).resolve().parents[1] / "seeds"


@pytest.mark.parametrize(
    ("text", "iso"),
    [
        ("الغربية – متابعة معاذ الراوي – 8 – فبراير – 2020\n\nأعلن الكرملين", "2020-02-08"),
        ("الرياض 15 مارس 2020 - أعلنت الوزارة", "2020-03-15"),
        ("الرياض - الأحد 15 مارس 2020م", "2020-03-15"),
        ("جدة: 15/3/2020", "2020-03-15"),
        ("2020/3/5 - عمان", "2020-03-05"),
        ("15 من أكتوبر 2019 - القاهرة", "2019-10-15"),
        ("مارس 15، 2020", "2020-03-15"),
        ("دمشق – 15 آذار 2020", "2020-03-15"),
        ("بيروت في 3 كانون الثاني 2021", "2021-01-03"),
        ("دمشق 1 تشرين الأول (أكتوبر) 2019", "2019-10-01"),
        ("عمان 9 أيلول/سبتمبر 2015", "2015-09-09"),
        ("الجزائر 5 جانفي 2019", "2019-01-05"),
        ("الرباط 14 يوليوز 2015 و 14 جويلية 2015", "2015-07-14"),
        ("الرياض ١٥ مارس ٢٠٢٠", "2020-03-15"),
        ("طهران ۱۵ مارس ۲۰۲۰", "2020-03-15"),
        ("الرِّيَاض ١٥ مَارِس ٢٠٢٠", "2020-03-15"),
        ("إبريل 2020 و 3 إبريل 2020", "2020-04-03"),
    ],
)
def test_gregorian_datelines(text: str, iso: str) -> None:
    assert find_dateline(text) == iso


def test_real_article_dateline() -> None:
    text = (SEEDS / "004_cfd70046b713ef0e.txt").read_text(encoding="utf-8")
    assert find_dateline(text) == "2020-02-08"


def test_article_without_dateline() -> None:
    text = (SEEDS / "000_00ba633a53e46259.txt").read_text(encoding="utf-8")
    assert find_dateline(text) is None


@pytest.mark.parametrize(
    "text",
    [
        "",
        "الرياض 15 مارس - أعلنت الوزارة",  # no year: not a dateline
        "قتل 33 جنديا تركيا في إدلب",
        "رجب طيب أردوغان 2020",
        "30 فبراير 2020",  # no such day
        "15 مارس 1441 هـ",  # Gregorian month with a Hijri year
        "الرقم 12/5/20201",
        "رقم الهاتف 0551234567",
    ],
)
def test_no_dateline(text: str) -> None:
    assert find_dateline(text) is None


@pytest.mark.parametrize(
    ("text", "iso"),
    [
        # real SaudiNewsNet openings: a Hijri dateline with its Gregorian equivalent
        ("عدن 26 شوال 1436 هـ الموافق 10 أغسطس 2015 م واس أعلن", "2015-08-10"),
        # event dates are not datelines
        ("نشرت مجلة أمريكان إنترست في 4 يناير 2015 مقالا", None),
        ("ويبدأ التسجيل يوم الخميس 21 شوال 1436هـ في جميع الفروع", None),
        ("الدكتور طه القرني فنان تشكيلي من مواليد 07/09/1965م", None),
        ("إشارة إلى ما نشر في العدد الصادر بتاريخ 15/7/1436هـ", None),
        ("أعلنت الوزارة " + "أن الحملة مستمرة " * 5 + "15 مارس 2020", None),
        # ...but "published on" and a bare date line are
        ("نشر في 2020-03-15 الساعة 10:00", "2020-03-15"),
        ("بتاريخ 15/3/2020\nأعلنت الوزارة", "2020-03-15"),
        ("العنوان\n\nالرياض - واس - الخميس 15 مارس 2020", "2020-03-15"),
    ],
)
def test_dateline_position_and_wording(text: str, iso: str | None) -> None:
    assert find_dateline(text) == iso


def test_dateline_only_in_opening() -> None:
    assert find_dateline("نص " * 400 + "15 مارس 2020") is None


def test_hijri_dateline_converted() -> None:
    # 15 Rajab 1441 was 10 March 2020 (Umm al-Qura); the tabular calendar agrees here.
    assert find_dateline("مكة المكرمة 15 رجب 1441 هـ") == "2020-03-10"
    assert find_dateline("١ رمضان ١٤٤١هـ") == "2020-04-24"
    assert find_dateline("15/7/1441هـ") == "2020-03-10"


def test_gregorian_preferred_over_hijri() -> None:
    text = "الأحد 20 رجب 1441 هـ الموافق 15 مارس 2020م"
    assert find_dateline(text) == "2020-03-15"


@pytest.mark.parametrize(
    ("hijri", "gregorian"),
    [
        ((1, 1, 1), dt.date(622, 7, 19)),  # the epoch, proleptic Gregorian
        ((1436, 10, 1), dt.date(2015, 7, 17)),  # Eid al-Fitr 2015
        ((1441, 9, 1), dt.date(2020, 4, 24)),  # Ramadan 2020
        ((1445, 1, 1), dt.date(2023, 7, 19)),  # Hijri new year 1445
    ],
)
def test_hijri_to_gregorian_within_a_day(hijri: tuple[int, int, int], gregorian: dt.date) -> None:
    assert abs((hijri_to_gregorian(*hijri) - gregorian).days) <= 1


def test_hijri_to_gregorian_rejects_bad_dates() -> None:
    with pytest.raises(ValueError):
        hijri_to_gregorian(1441, 13, 1)
    with pytest.raises(ValueError):
        hijri_to_gregorian(1441, 1, 31)


@pytest.mark.parametrize(
    ("word", "number"),
    [
        ("فبراير", 2),
        ("شباط", 2),
        ("فيفري", 2),
        ("آذار", 3),
        ("اذار", 3),
        ("إبريل", 4),
        ("ابريل", 4),
        ("كانون  الأول", 12),
        ("تشرين الثاني", 11),
        ("أوت", 8),
        ("مَارِس", 3),
        ("رجب", None),
        ("الأحد", None),
        ("", None),
    ],
)
def test_month_number(word: str, number: int | None) -> None:
    assert month_number(word) == number


def test_hijri_month_number() -> None:
    assert hijri_month_number("رجب") == 7
    assert hijri_month_number("ذي القعدة") == 11
    assert hijri_month_number("جمادى الآخرة") == 6
    assert hijri_month_number("مارس") is None


def test_hijri_dates_follow_the_umm_al_qura_calendar() -> None:
    # The official calendar, not the arithmetic one a day later: 1 Shawwal 1436 was Friday 17 July 2015.
    assert hijri_to_gregorian(1436, 10, 1) == dt.date(2015, 7, 17)
    assert hijri_to_gregorian(1441, 7, 15) == dt.date(2020, 3, 10)
    assert hijri_to_gregorian(1200, 1, 1).year == 1785  # before the tables: the arithmetic calendar
