"""Spelled-out numbers: every value num2words writes comes back, with the whole phrase as span."""

from __future__ import annotations

import random

import pytest

import checker

num2words = pytest.importorskip("num2words").num2words

FRAME = "وقال المتحدث إن {} شخصا أصيبوا في الحادث"


def _values() -> list[int]:
    rng = random.Random(20200228)
    return list(range(1, 1001)) + sorted(rng.sample(range(1001, 10_000_001), 300))


def _read(words: str) -> tuple[float | None, str]:
    text = FRAME.format(words)
    claims = checker.extract_text(text)
    counts = claims.filter(claims["kind"] != "date")
    assert counts.height >= 1, f"nothing found in {text!r}"
    row = counts.row(0, named=True)
    return row["value"], row["number_text"]


def test_num2words_values_and_spans():
    wrong = []
    garbled = 0
    for n in _values():
        words = num2words(n, lang="ar")
        if "ألف ألف" in words:
            # num2words writes X01,YYY as "X و ألف ألف" (e.g. 1,301,799), which is not Arabic
            # ("ألف ألف" is the classical million). Those strings test num2words, not us.
            garbled += 1
            continue
        value, span = _read(words)
        if value != n or span != words:
            wrong.append((n, words, value, span))
    assert not wrong, f"{len(wrong)} wrong, e.g. {wrong[:5]}"
    assert garbled < 10


@pytest.mark.parametrize(
    ("phrase", "value"),
    [
        ("ثلاث", 3),
        ("ثماني", 8),
        ("اثنتي عشرة", 12),
        ("اثنى عشر", 12),
        ("عشرين", 20),
        ("مئتي", 200),
        ("مائتين", 200),
        ("ثلاث مئة", 300),
        ("ثلاثمئة وخمسة وعشرين ألفا", 325000),
        ("خمسة وعشرين ألفاً", 25000),
        ("ألفين", 2000),
        ("آلاف", None),
        ("ثلاثة آلاف", 3000),
        ("مليونين", 2_000_000),
        ("ثلاثة ملايين ونصف", 3_500_000),
        ("نصف مليون", 500_000),
        ("ربع مليون", 250_000),
        ("مليون ونصف", 1_500_000),
        ("ثلاثةٌ وثلاثونَ", 33),
        ("وثلاثين", 30),
    ],
)
def test_spellings(phrase, value):
    claims = checker.extract_text(f"قتل {phrase} جنديا في الهجوم")
    assert claims.height >= 1
    assert claims["value"][0] == value


@pytest.mark.parametrize(
    ("text", "value", "span"),
    [
        ("أرسلت 3 ملايين دولار", 3_000_000, "3 ملايين"),
        ("بلغت 2.5 مليار ريال", 2_500_000_000, "2.5 مليار"),
        ("نحو ٤٠ ألف لاجئ", 40_000, "٤٠ ألف"),
        ("قبول 18.410 متدربين", 18_410, "18.410"),
        ("بنسبة 3.20%", 3.2, "3.20"),
        ("بلغ 1,200 شخص", 1_200, "1,200"),
        ("ارتفع ٣٫٥ نقطة", 3.5, "٣٫٥"),
        ("حوالي ۱۵۰ شخصا", 150, "۱۵۰"),
        ("و33.288 زائرا", 33_288, "33.288"),
        ("تهريب 33 ألفا و288 زجاجة", 33_288, "33 ألفا و288"),
        ("بإجمالي تعويض وقدره (164،781،745 ريال)", 164_781_745, "164،781،745"),
        ("بلغت التكلفة 157،7 مليون ريال", 157_700_000, "157،7 مليون"),
        ("ما نسبته 80،4% من الإجمالي", 80.4, "80،4"),
        ("بتكلفة 362 مليونا و796 ألف ريال", 362_796_000, "362 مليونا و796 ألف"),
        ("حضر ألفا شخص الحفل", 2000, "ألفا"),
        ("خصصت مليونا ريال للمشروع", 2_000_000, "مليونا"),
        ("استقبل ألفا من الزوار", 1000, "ألفا"),
        ("بلغ 8807.24 نقطة", 8807.24, "8807.24"),
        ("مقارنة بارتفاع 3ر31 % في نهاية العام", 31.3, "3ر31"),
        ("انخفضت إلى 935ر6 مليون برميل", 6_935_000, "935ر6 مليون"),
        ("محققا إيرادات بلغت 9ر14مليون دولار", 14_900_000, "9ر14مليون"),  # no space before the scale word
        ("ما يزيد على (000ر22) مسلم", 22_000, "000ر22"),
        # Every group reversed: the agency types «29,690,432» as «432ر690ر29».
        ("بلغ إنتاجها ( 432ر690ر29 ) ميجاوات / ساعة", 29_690_432, "432ر690ر29"),
        ("بلغت 500ر750ر1 ريال", 1_750_500, "500ر750ر1"),
        ("أصدرت سندات بقيمة ( 15) مليار ريال", 15_000_000_000, "15) مليار"),
        ("إحباط تهريب “٢١” ألف طلقة نارية", 21_000, "٢١” ألف"),  # the scale word after a closing quote
        # A figure written out in full: the scale word after it is redundant, not a multiplier.
        ("بلغ إجمالي التعويضات (375,526,840) مليون ريال", 375_526_840, "375,526,840) مليون"),
        ("بلغ عدد الركاب 1.063.837 مليون راكب", 1_063_837, "1.063.837 مليون"),
    ],
)
def test_digit_forms(text, value, span):
    claims = checker.extract_text(text)
    assert (claims["value"][0], claims["number_text"][0]) == (value, span)


@pytest.mark.parametrize(
    "text", ["انظر صفحة 5 من التقرير", "نزل في غرفة 12", "بموجب القرار رقم 44", "المادة 5 من النظام"]
)
def test_identifiers_are_not_claims(text):
    assert checker.extract_text(text).height == 0


@pytest.mark.parametrize(
    ("text", "value"),
    [("سداد دين بقيمة 5.\u200f3 مليار يورو", 3_500_000_000), ("ارتفعت الفضة إلى 55.\u200f14 دولار", 14.55),
     ("نزل البلاتين إلى 50.\u200f940 دولار للأوقية", 940.5)],  # not 50,940 with a thousands dot
)
def test_a_decimal_stored_backwards_around_a_right_to_left_mark(text, value):
    """Some feeds store «3.5» as «5.<RLM>3»; the reader sees 3.5, and so does Raqm."""
    claims = checker.extract_text(text)
    assert claims["value"][0] == value


@pytest.mark.parametrize(
    ("text", "numbers", "low", "high"),
    [
        ("ما أدى إلى خروج آخر أربع أو خمس مقطورات عن السكة", ("أربع", "خمس"), 4, 5),
        ("فخرجت القاطرة وأول عربتين أو ثلاث عربات عن السكة", ("عربتين", "ثلاث"), 2, 3),
    ],
)
def test_two_spelled_numbers_joined_by_or_make_a_range(text, numbers, low, high):
    rows = {r["number_text"]: r for r in checker.extract_text(text).iter_rows(named=True)}
    for number in numbers:
        assert (rows[number]["qualifier"], rows[number]["low"], rows[number]["high"]) == ("range", low, high)


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("وقع الحادث الساعة الخامسة والنصف عصر أمس", 5.5),
        ("عند الساعة السابعة إلا ربعا مساء", 6.75),
        ("في الساعة العاشرة وعشر دقائق صباحا", 10 + 10 / 60),
        ("في الساعة الثالثة فجرا", 3.0),
        ("الساعة الخامسة وخمس وعشرين دقيقة", 5 + 25 / 60),
        ("عند الساعة الثالثة وخمسة واربعون دقيقة من مساء اليوم", 3.75),
        ("في الساعة الحادية عشرة وسبع دقائق", 11 + 7 / 60),
    ],
)
def test_a_spelled_hour_with_its_minutes(text, value):
    row = next(checker.extract_text(text).iter_rows(named=True))
    assert row["unit"] == "time" and row["value"] == pytest.approx(value, abs=1e-3)


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("وغرامة مليون و870 ألفاً", 1_870_000),
        ("تداول مليونين و193 ألفاً و968 طن بضائع", 2_193_968),
        ("بلغت 5 ملايين و200 ألف و300 ريال", 5_200_300),
        ("قتل ألف و500 شخص", 1_500),
    ],
)
def test_a_scale_word_takes_the_rest_written_after_it(text, value):
    row = next(checker.extract_text(text).iter_rows(named=True))
    assert row["value"] == value


@pytest.mark.parametrize(
    ("text", "when"),
    [
        ("وقع الحادث الساعة الخامسة والنصف عصر أمس", "2015-07-30T17:30"),
        ("باشروا بلاغًا في تمام الساعة٥:٢٠ بعد عصر اليوم", "2015-07-31T17:20"),  # «بعد عصر» is afternoon
        ("تبلغ عند تمام الساعة ٢٢:٢٤ من يوم أمس الخميس", "2015-07-30T22:24"),  # the day after «من يوم»
        ("تلقى المكتب عند الساعة 18.02 بالتوقيت المحلي أمس بلاغاً", "2015-07-30T18:02"),  # the day after the clock
        ("الساعة 12.23 صباحا", "2015-07-31T00:23"),
        # An hour said without «الساعة»: a feminine ordinal after a preposition, with its part of the day.
        ("ويبدأ اللقاء في الثامنة من مساء اليوم", "2015-07-31T20:00"),
        ("وتنطلق المباراة في السابعة والنصف مساء أمس", "2015-07-30T19:30"),
        ("وصلت الطائرة عند الحادية عشرة ليلا", "2015-07-31T23:00"),
        ("تفتح الأبواب من الثامنة صباحا", "2015-07-31T08:00"),
    ],
)
def test_a_time_of_day_resolves_to_its_day_and_half(text, when):
    row = next(checker.extract_text(text, published_at="2015-07-31T10:00:00").iter_rows(named=True))
    assert row["date"] == when


@pytest.mark.parametrize("text", ["حل المنتخب في المرتبة الثامنة صباح اليوم", "للمرة الثانية صباح اليوم",
                                  "انطلقت الجولة الثانية صباحا"])
def test_an_ordinal_of_a_noun_before_a_part_of_the_day_is_no_hour(text):
    """«المرتبة الثامنة صباح اليوم» ranks eighth this morning: the ordinal counts its noun."""
    rows = list(checker.extract_text(text, published_at="2015-07-31T10:00:00").iter_rows(named=True))
    assert [(r["kind"], r["date"]) for r in rows] == [("ordinal", None)]


@pytest.mark.parametrize(
    ("text", "value"),
    [("بتكلفة إجمالية قدرها 542.963,440 مليون ريال", 542_963_440), ("بتكلفة بلغت ( 37,775.000) مليون ريال", 37_775_000),
     ("بلغت الإيرادات 9,098.27 مليون ريال", 9_098_270_000), ("بلغ الدين 1.234,5 مليون يورو", 1_234_500_000)],
)
def test_a_dot_and_a_comma_in_one_figure(text, value):
    """The last mark is the decimal point, unless groups of three run through before a scale word:
    «542.963,440 مليون ريال» writes out 542,963,440 riyals, its «مليون» redundant."""
    (row,) = checker.extract_text(text).iter_rows(named=True)
    assert row["value"] == value


@pytest.mark.parametrize(
    ("text", "low", "high"),
    [("علمنا منهم أن 35 إلى 40 شخصا لقوا حتفهم", 35, 40), ("في غضون 3 إلى 4 ساعات", 3, 4),
     ("بلغت الإصابات ما بين 14 حتى 16 إصابة", 14, 16)],
)
def test_two_figures_joined_by_to_make_a_range(text, low, high):
    """«35 إلى 40 شخصا» is 35–40 («إلى» is «الي» once folded)."""
    rows = list(checker.extract_text(text).iter_rows(named=True))
    assert [(r["qualifier"], r["low"], r["high"]) for r in rows] == [("range", low, high)] * 2


@pytest.mark.parametrize("text", ["قتل ثلاثة أشخاص وأصيب خمسة آخرون", "وارتفع عدد القتلى من ثلاثة إلى خمسة",
                                  "تم رفع الحد الأدنى للسن أمس الخميس من 13 إلى 16 عاما",
                                  "وارتفع عدد القتلى من 30 إلى 40 قتيلا"])
def test_two_numbers_that_are_no_choice_are_no_range(text):
    """Two tolls, or a toll that changed («من ثلاثة إلى خمسة»), are two exact figures."""
    rows = list(checker.extract_text(text).iter_rows(named=True))
    assert [r["qualifier"] for r in rows] == ["exact", "exact"]


@pytest.mark.parametrize(
    ("text", "span", "value"),
    [
        ("تحتفل المملكة باليوم الوطني الخامس والثمانين", "الخامس والثمانين", 85),
        ("فاز في الدورة الثالثة والأربعين للبطولة", "الثالثة والأربعين", 43),
        ("مع دخول القرن الحادي والعشرين", "الحادي والعشرين", 21),
        ("في الفصل الحادي عشر من الرواية", "الحادي عشر", 11),
        ("حل في المركز الثاني وحصل على 20 نقطة", "الثاني", 2),  # «وحصل» opens another clause
    ],
)
def test_a_compound_ordinal_reads_its_tens(text, span, value):
    row = next(r for r in checker.extract_text(text).iter_rows(named=True) if r["kind"] == "ordinal")
    assert (row["number_text"], row["value"]) == (span, value)


@pytest.mark.parametrize(
    ("text", "number", "kind"),
    [
        ("عن تخريج الدورتين (35) و(10) من المستفيدين", "10", "ordinal"),  # the courses' numbers
        ("عن تخريج الدورتين (35) و(10) من المستفيدين", "35", "ordinal"),
        ("شارك في الدورة 120 متدربا", "120", "count"),  # a counted noun right after: a count
        ("حقق المركز الثاني في سباق 1500 متر", "1500", "ordinal"),  # a race's name, not a distance run
        ("سباق الـ 400 متر", "400", "ordinal"),
        ("قطع مسافة 100 متر", "100", "measure"),
    ],
)
def test_a_number_after_a_course_or_clause_names_it(text, number, kind):
    row = next(r for r in checker.extract_text(text).iter_rows(named=True) if r["number_text"] == number)
    assert row["kind"] == kind


@pytest.mark.parametrize(
    "text", ["يعود مسلسل «ألف ليلة وليلة» إلى الشاشة", "وقال: ألف مبروك للفائزين", "ألف ألف مبروك للعروسين"]
)
def test_a_number_word_in_an_idiom_is_no_claim(text):
    assert checker.extract_text(text).height == 0
    assert checker.extract_text("بلغت الليالي الفندقية 95 ألف ليلة").height == 1  # hotel nights are counted


@pytest.mark.parametrize(
    ("text", "number", "date"),
    [
        ("وصل الوفد بتاريخ 15/07/2015م إلى جدة", "15/07/2015", "2015-07-15"),
        ("صدر القرار في 1-9-2015 من الوزارة", "1-9-2015", "2015-09-01"),
        ("بدأ العمل بتاريخ 3/3/1436هـ في المشروع", "3/3/1436", "2014-12-25"),  # a Hijri date
        ("باشرت الفرق البلاغ مساء الجمعة 8/10/1436 في الحي", "8/10/1436", "2015-07-24"),  # Umm al-Qura: a Friday
        # A Hijri month with no year is in the Hijri year of the article, not Hijri year 2015.
        ("وصل الوفد في 2 صفر إلى جدة", "2 صفر", "2015-11-14"),
        ("وصل الوفد في 3 يوليو إلى جدة", "3 يوليو", "2015-07-03"),
        # AFP's two names of one month, and its year after both.
        ("بعد اعتداءات 11 ايلول/سبتمبر 2001 على نيويورك", "11 ايلول/سبتمبر 2001", "2001-09-11"),
        ("وقع الزلزال في 8 تشرين الأول - أكتوبر 2005 في باكستان", "8 تشرين الأول - أكتوبر 2005", "2005-10-08"),
        ("وتوفيت المغنية في 11 فبراير شباط 2012 في فندق", "11 فبراير شباط 2012", "2012-02-11"),
        # A day spelled as an ordinal after a preposition: «الأول من أغسطس».
        ("ويبدأ التطبيق الإلزامي في الأول من أغسطس", "الأول من أغسطس", "2015-08-01"),
        ("في الفترة حتى السابع عشر من نوفمبر 2015م بالظهران", "السابع عشر من نوفمبر 2015", "2015-11-17"),
        ("منحت اللجنة في رسالة بتاريخ الخامس من اغسطس الجاري فرصة", "الخامس من اغسطس", "2015-08-05"),
    ],
)
def test_a_date_written_in_figures_or_with_a_month_name(text, number, date):
    (row,) = checker.extract_text(text, published_at="2015-08-08T10:00:00").iter_rows(named=True)
    assert (row["number_text"], row["kind"], row["date"]) == (number, "date", date)


@pytest.mark.parametrize(
    ("text", "dates"),
    [
        ("في الفترة بين 15 وحتى 17 من شباط (فبراير) 2015 في مركز", ["2015-02-15", "2015-02-17"]),
        ("في الفترة ما بين 15 إلى 17 نوفمبر القادم", ["2015-11-15", "2015-11-17"]),
        ("خلال الفترة 15-17 نوفمبر بالظهران", ["2015-11-15", "2015-11-17"]),
        ("يومي 15 و16 نوفمبر", ["2015-11-15", "2015-11-16"]),
        ("في الفترة بين الخامس عشر وحتى السابع عشر من نوفمبر 2015م", ["2015-11-15", "2015-11-17"]),
    ],
)
def test_the_first_day_of_a_range_of_days_takes_the_month_of_the_last(text, dates):
    """«من 15 إلى 17 نوفمبر» starts on 15 November: the bare first day is a date, not a count of 15."""
    rows = checker.extract_text(text, published_at="2015-08-08T10:00:00").rows(named=True)
    assert [(r["kind"], r["date"]) for r in rows] == [("date", d) for d in dates]


@pytest.mark.parametrize("text", ["ارتفع عدد المصابين من 15 إلى 17 مصابا", "المرتبة الخامسة وحتى السابع عشر من نوفمبر",
                                  "ارتفع من 30 إلى 17 نوفمبر"])
def test_a_number_before_a_date_is_no_day_unless_it_starts_its_range(text):
    """A count, a feminine ordinal, a number past the last day: none starts a range of days."""
    rows = checker.extract_text(text, published_at="2015-08-08T10:00:00").rows(named=True)
    assert rows[0]["kind"] != "date"


@pytest.mark.parametrize("text", ["الأسبوع الأول من أغسطس", "الجولة الثالثة من شهر يوليو"])
def test_an_ordinal_of_a_period_before_a_month_is_no_day(text):
    """«الأسبوع الأول من أغسطس» is a week, «الجولة الثالثة» a round: no day of the month."""
    rows = list(checker.extract_text(text, published_at="2015-08-08T10:00:00").iter_rows(named=True))
    assert [(r["kind"], r["date"]) for r in rows] == [("ordinal", None)]


def test_a_score_of_none_is_no_day_of_safar():
    rows = list(checker.extract_text("فاز يوفنتوس في الدوري إثر فوزه 2/صفر على لاتسيو",
                                     published_at="2015-08-08T10:00:00").iter_rows(named=True))
    assert [(r["number_text"], r["kind"], r["value"]) for r in rows] == [("2", "count", 2), ("صفر", "count", 0)]


def test_spelled_words_after_an_hour_without_minutes_are_no_minutes():
    rows = checker.extract_text("عند الساعة الثالثة وخمسة قتلى").rows(named=True)
    assert [(r["value"], r["unit"]) for r in rows] == [(3.0, "time"), (5.0, "person")]


def test_presentation_forms_read_as_the_letters_they_draw():
    """Old feeds store the glyphs' positional forms («ﺣﺎﻻت»): they are read as letters, offsets kept."""
    text = "وأشار إلى أن هناك ٦ ﺣﺎﻻت أخرى وقتل ﺛﻼﺛﺔ ﺃﺷﺨﺎﺹ"
    rows = checker.extract_text(text).rows(named=True)
    assert [(r["value"], r["unit"], text[r["start"]:r["end"]]) for r in rows] == [
        (6.0, "person", "٦"), (3.0, "person", "ﺛﻼﺛﺔ")]
    assert rows[1]["predicate"] == "killed"


def test_dots_that_make_no_number_are_not_read():
    """«432.690.29» is an agency's reversed figure with its marks changed: no reading is safe."""
    assert checker.extract_text("بلغ إنتاجها 432.690.29 ميجاوات").height == 0


@pytest.mark.parametrize(("text", "value"), [("قدم البنك قروضا بقيمة 1.340.7 مليار ريال", 1_340_700_000),
                                             ("بقيمة 7.038.7 مليارات ريال", 7_038_700_000)])
def test_before_a_scale_word_the_first_dot_is_the_decimal_point(text, value):
    """«1.340.7 مليار» is the source's 1,340.7 million: 1.3407 billion, and no «one billion» of the word alone."""
    rows = checker.extract_text(text).rows(named=True)
    assert [r["value"] for r in rows] == [pytest.approx(value)]


@pytest.mark.parametrize(("text", "low", "high", "unit"), [
    ("حيث يتراوح الرقم بين 29 – 100 مليار دولار", 29e9, 100e9, "dollar"),
    ("وتخطط الشركة لبيع 50 - 55 ألف سيارة سنويا", 50_000, 55_000, "vehicle"),
])
def test_a_scale_word_after_a_dashed_range_scales_both_ends(text, low, high, unit):
    rows = checker.extract_text(text).rows(named=True)
    assert [(r["low"], r["high"], r["unit"]) for r in rows] == [(low, high, unit)] * 2


@pytest.mark.parametrize(
    ("text", "dual"),
    [
        ("أصدرت المحكمة حكما ابتدائيا بحق متهمين (سعوديي الجنسية) والحكم عليهما بالسجن", "متهمين"),
        ("كما خسر سيتي جهود لاعبين مؤثرين في خط الوسط هما جيمس ميلنر وفرانك لامبارد", "لاعبين"),
        ("أحبطت محاولة أخرى لمتسللين من جنسية آسيوية كانا في طريقهما إلى الداخل", "متسللين"),
        ("أصدرت المحكمة حكما بالسجن بحق مواطنين.. أدين أحدهما باستلام مسدس", "مواطنين"),
    ],
)
def test_a_sound_plural_is_a_dual_when_a_dual_pronoun_or_verb_refers_to_it(text, dual):
    """«متهمين» is defendants or two defendants: the «ـهما» or «كانا» later in its clause says two."""
    rows = {r["number_text"]: r for r in checker.extract_text(text).iter_rows(named=True)}
    assert rows[dual]["value"] == 2


@pytest.mark.parametrize(
    ("text", "plural"),
    [
        ("بين قوات النظام وحزب الله ومسلحين موالين لهما", "مسلحين"),  # «لهما»: the pair said before
        ("أصدرت مصر والسودان قرارين بالإفراج عن محتجزين لدى كل منهما", "محتجزين"),
        ("بواقع 10 متهمين خلال اليومين المشار إليهما", "متهمين"),  # counted by its number
        ("وزع العروسان 4000 وجبة للاجئين السوريين في يوم زواجهما", "للاجئين"),  # definite: the refugees
        ("اعتقلت مواطنين اثنين مشتبها بهما", "مواطنين"),  # the number word counts them
        ("أحيل المتهمين إلى المحكمة وصدر بحقهما حكم", "المتهمين"),
    ],
)
def test_a_sound_plural_stays_a_plural_when_the_dual_pronoun_is_someone_else(text, plural):
    found = [r["number_text"] for r in checker.extract_text(text).iter_rows(named=True)]
    assert plural not in found
