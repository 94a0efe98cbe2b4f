"""The days and dates Arabic news writes, read against the publication date."""

import datetime as dt

import pytest

from checker.dates import told_day


@pytest.mark.parametrize(
    ("sentence", "published_at", "day"),
    [
        ("في تصنيف الفيفا الصادر اليوم بحصوله على 351 نقطة", "2015-08-06T18:24:39", dt.date(2015, 8, 6)),
        ("برصيد 355 نقطة، ضمن القائمة الصادرة أمس الخميس", "2015-08-07T06:52:09", dt.date(2015, 8, 6)),
        ("وأعلنت الوزارة أمسِ الأول تخريج 63 مستفيدا", "2015-08-07T06:52:09", dt.date(2015, 8, 5)),
        ("أعلنت الوزارة تخريج 63 مستفيدا", "2015-08-07T06:52:09", None),  # no day named
        ("أعلنت الوزارة أمس أن اليوم يشهد تخريج 63 مستفيدا", "2015-08-07T06:52:09", None),  # two days named
        ("وأعلنت الوزارة أمس تخريج 63 مستفيدا", None, None),  # no publication date
        ("وأعلنت الوزارة في اليوم الثاني تخريج 63 مستفيدا", "2015-08-07T06:52:09", None),  # «اليوم الثاني»
    ],
)
def test_the_day_a_sentence_tells_of(sentence, published_at, day):
    assert told_day(sentence, published_at) == day
