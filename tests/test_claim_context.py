"""What a claim counts, what happened to it and whose it is, on the constructions real articles use."""

from __future__ import annotations

import json

import pytest

import checker


def _first(text: str, number: str) -> dict:
    claims = checker.extract_text(text)
    return next(r for r in claims.iter_rows(named=True) if r["number_text"] == number)


@pytest.mark.parametrize(
    ("text", "number", "noun", "unit", "predicate"),
    [
        ("قتل 5 أشخاص وأصيب 7 آخرون", "5", "person", "person", "killed"),
        ("لقي أربعة أشخاص مصرعهم وأصيب خمسة آخرون", "أربعة", "person", "person", "killed"),
        ("وقوع ٤ وفيات وثلاث حالات إصابتهم خطيرة", "ثلاث", "case", "person", "injured"),
        ("وتبين ان بالموقع سبع إصابات وحالة وفاة", "سبع", "case", "person", "injured"),
        ("وفاة 21 حالة من كبار السن وإصابة 66 شخصاً", "66", "person", "person", "injured"),
        ("جازان : وفاة 4 وإصابة 3 من عائلة واحدة في حادث", "3", "person", "person", "injured"),
        ("أعلنت وزارة الصحة تسجيل 4 إصابات مؤكدة بفيروس كورونا", "4", "case", "case", "infected"),
        # Suspected cases are not infections: «6 حالات … يشتبه في إصابتهم» is no count of the infected.
        ("لافتا إلى أن هناك 6 حالات أخرى من المخالطين، يشتبه في إصابتهم بالجرب", "6", "case", "case",
         "suspected"),
        ("تم عزل الحالات المصابة عن المخالطين لافتا إلى أن هناك 6 حالات أخرى من المخالطين، يشتبه في إصابتهم",
         "6", "case", "person", "suspected"),
        ("8 وفيات وإصابات جديدة بكورونا", "8", "case", "case", "killed_or_injured"),
        ("وأشارت الوزارة إلى أن 29 مصاباً خرجوا من المستشفيات", "29", "injured", "person", "recovered"),
        ("مسلح يقتل شخصين ويصيب سبعة بجروح داخل سينما", "سبعة", "person", "person", "injured"),
        ("توفي مساء أول من أمس ثلاثة أشخاص وأصيب 12 بينهم طفل", "12", "person", "person", "injured"),
        ("قتل 3 أشخاص في 2015 وأصيب 12", "12", None, "person", "injured"),
        ("استشهاد 3 جنود وإصابة 7 من رجال حرس الحدود", "3", "soldier", "soldier", "killed"),
        ("استشهاد 3 جنود وإصابة 7 من رجال حرس الحدود", "7", "man", "man", "injured"),
        ("استشهاد 13 من منسوبي قوات الطوارئ الخاصة", "13", "personnel", "personnel", "killed"),
        ("إن اثنين من رجال الأمن المصابين في الحادثة انتقلا إلى رحمة الله", "اثنين", "personnel", "personnel",
         "killed"),
        ("توفي 3 من المصابين في المستشفى", "3", "injured", "person", "killed"),
        ("لقي 7 قتلى في الحادث", "7", "dead", "person", "killed"),
        ("مصرع ثلاثة وإصابة خمسة عشر في حادث", "خمسة عشر", None, "person", "injured"),
        ("وصل الفريق الساعة ١٠:٣٦ مساء أمس", "١٠:٣٦", None, "time", None),
        ("منذ يونيو 2012", "2012", None, "month", None),
        ("منذ عام 2012", "2012", None, "year", None),
        ("مصرع ثلاثة في الحادث", "ثلاثة", None, "person", "killed"),
        ("مصرع ثلاثة شبان في الحادث", "ثلاثة", "young_man", "young_man", "killed"),
        ("ضبط 30 حاوية في الميناء", "30", None, None, "arrested"),
        ("ضبط 30 في الميناء", "30", None, "person", "arrested"),
        # عربة is a railway carriage in a sentence about a train, a military vehicle elsewhere.
        ("إن 12 عربة من قطار كاماياني اكسبرس خرجت عن القضبان", "12", "carriage", "carriage", "derailed"),
        ("فخرجت القاطرة وأول عربتين عن السكة", "عربتين", "carriage", "carriage", "derailed"),
        ("دمرت عربتين للجيش في الهجوم", "عربتين", "military_vehicle", "military_vehicle", "destroyed"),
        ("أدى إلى خروج قطارين عن السكة", "قطارين", "train", "train", "derailed"),  # leaving is no recovery
        ("«التسليف» يعتمد تمويل 1.308 مشروعات", "1.308", "project", "project", "allocated"),
        ("أفادت مصادر أن مجهولين قاموا بتفجير 6 سيارات عسكرية", "6", "vehicle", "vehicle", "destroyed"),
        ("سيارات الأجرة والنقل (151) سيارة بقيمة 11.7 مليون ريال", "151", "vehicle", "vehicle", None),
        ("وقع الحادث في صلاة الفجر وأصيب 3 أشخاص", "3", "person", "person", "injured"),
        ("أسفر التفجير عن 15 شخصا", "15", "person", "person", None),  # no one is destroyed
        ("تعتمد المملكة على النفط في 90 مشروعا", "90", "project", "project", None),  # «تعتمد على»: depends on
        ("وقال إن عدد الأقطار العربية 22 عربة", "22", "military_vehicle", "military_vehicle", None),  # الأقطار
        # The injured figure that counts the dead among it is the casualties; «وفيات» opens with its own و.
        ("بأن عدد المصابين بلغ 50 حالة، سجلت منهم 9 حالات وفيات", "50", "case", "person", "killed_or_injured"),
        # The injured named first, or the dead and the injured said after the count, whatever verb came before.
        ("بعد أقل من شهرين على إصابة ووفاة ٣٤ سعوديا", "٣٤", "person", "person", "killed_or_injured"),
        ("قتل وأصيب سبعة عراقيين في بغداد", "سبعة", "person", "person", "killed_or_injured"),
        ("وراح ضحيته ما يقارب 23 من رجال الأمن بين شهداء وجرحى", "23", "personnel", "personnel",
         "killed_or_injured"),
        # The victims of an incident are its dead.
        ("الحادثة التي وقعت في يونيو وذهب ضحيتها 4 أطفال", "4", "child", "child", "killed"),
        ("بأن عدد المصابين بلغ 50 حالة، سجلت منهم 9 حالات وفيات", "9", "case", "person", "killed"),
        ("9 قتلى ونحو 50 جريحًا في حادث", "50", "injured", "person", "injured"),  # the noun's tanween alef
        # A dual or singular noun is its own numeral; the fate said right after it is its own.
        ("تبين أن هناك خمس إصابات وحالتي وفاة", "حالتي", "case", "person", "killed"),
        ("وتبين ان بالموقع سبع إصابات وحالة وفاة", "حالة", "case", "person", "killed"),
        ("اتضح وجود حالتي وفاة وحالة حرجة", "حالة", "case", "person", "injured"),  # the dead have no severity
        ("اتضح وجود حالتي وفاة وحالتين متوسطتين", "حالتين", "case", "person", "injured"),
        # «نقل» takes patients to hospital only where the sentence speaks of care; else it carries or quotes.
        ("تم نقل 5 مصابين إلى مستشفى الملك فهد", "5", "injured", "person", "injured"),
        ("وتم نقل 3 أشخاص إلى المستشفى", "3", "person", "person", "hospitalized"),
        ("رمضان شهد نقلاً آمناً لـ26 مليون معتمر ومصل", "26 مليون", "pilgrim", "pilgrim", "transported"),
        ("ونقلت الوكالة عن مصادر أن 7 منهم يحملون جنسيات أجنبية", "7", None, None, None),
        # ضبط arrests people and seizes things.
        ("تمكنت الدوريات من ضبط عدد (10) مسدسات أبو محالة", "10", "pistol", "pistol", "seized"),
        ("ضبط 3 مهربين في ظهران الجنوب", "3", "smuggler", "smuggler", "arrested"),
        ("وعدد (18360) طلقة رشاش كلاشنكوف", "18360", "round", "round", None),
        # «الصادرة» is issued, not confiscated: a ranking's points are no seizure.
        ("ليقبع في المرتبة 93 برصيد 355 نقطة، ضمن القائمة الصادرة أمس", "355", "point", "point", None),
        ("وصادرت البلدية 180 كيلو من اللحوم الفاسدة", "180", "kilogram", "kilogram", "seized"),
        ("وصادر المراقبون 44 كيلوجراما من الخضروات", "44", "kilogram", "kilogram", "seized"),
        ("في التصنيف الصادر أمس تراجع الأخضر إلى المركز 93 ب351 نقطة", "351", "point", "point", "fell"),
        # «تقهقر» falls as «تراجع» does.
        ("تقهقر المنتخب مركزا واحدا ليقبع في المرتبة 93 برصيد 355 نقطة", "355", "point", "point", "fell"),
        ("بين حافلة تقل 50 معتمراً من الجنسية العمانية وشاحنة", "50", "pilgrim", "pilgrim", "aboard"),
        ("أصيب ما لا يقل عن 50 شخصا", "50", "person", "person", "injured"),  # «لا يقل عن» is a hedge
        ("تهجير 300 أسرة من القرية", "300", "family", "family", "displaced"),  # «أسرة» is no capture
        ("وقع الحادث بطريق الهجرة وتضرر 3 منازل", "3", "house", "house", None),  # a road, not displacement
        ("13 شهيدا بتفجير انتحاري في مسجد", "13", "dead", "person", "killed"),  # the noun says what happened
        ("مقتل 3 في تحطم طائرة من نوع امبراير 505", "505", None, None, None),  # a model's number
        # Two verbs before one figure count the dead and the injured together.
        ("حادث انقلاب يصرع ويصيب 8 من عائلة", "8", "person", "person", "killed_or_injured"),
        ("هجوم انتحاري أوقع 33 قتيلاً وجريحًا", "33", "person", "person", "killed_or_injured"),
        # A word glued to the figure before it is still a word: «7ويصيب» is 7, then «ويصيب».
        ("تصادم حافلة بشاحنة يصرع 7ويصيب 27 بالأحساء", "27", None, "person", "injured"),
        ("أوقع 32 قتيلا و100جريح في سوروتش", "100", "injured", "person", "injured"),
        # «يصيب» in news of a disease infects: scabies in a hospital is no wound.
        ("الجرب يغزو مستشفى الفهد بجدة ويصيب 9", "9", None, None, "infected"),
        # ... unless the second noun takes its own severity: two deaths and one critical injury.
        ("أسفر الحادث عن حالتي وفاة وإصابة حرجة وثلاث إصابات متوسطة", "حالتي", "case", "person", "killed"),
        # «رصد» records violations and allocates money; a fine is said of a sum only.
        ("كما رصدت الوزارة 24 مخالفة لحافلات تعمل بدون بطاقات تشغيل وغرمت بمبلغ 24 ألف ريال", "24",
         "violation", "violation", None),
        ("كما رصدت الوزارة 24 مخالفة لحافلات تعمل بدون بطاقات تشغيل وغرمت بمبلغ 24 ألف ريال", "24 ألف",
         "riyal", "riyal", "fined"),
        ("رصدت الحكومة 5 مليارات ريال للمشروع", "5 مليارات", "riyal", "riyal", "allocated"),
        ("يشارك 40 متسابقا من دول الخليج", "40", "participant", "participant", None),
        ("ضرب زلزال بلغت قوته 6.7 درجات على مقياس ريختر", "6.7", "richter", "richter", None),  # not °C
        # A verb before a comma belongs to the clause before it; the figure's own verb comes after.
        ("وتقبلهم في الشهداء ، كما تعرض (7) سبعة من رجال حرس الحدود للإصابة", "سبعة", "man", "man", "injured"),
        ("وسقطت الطائرة وهي من طراز (جيت فينوم 300) ومقتل 4", "300", None, None, None),
        # A flood that cuts people off traps them; those it trapped are rescued («حاصرتهم» describes them).
        ("أمطار الجنوب تقطع التيار وتحتجز 10 أشخاص", "10", "person", "person", "trapped"),
        ("مدني جازان أنقذ 9 أشخاص حاصرتهم السيول", "9", "person", "person", "evacuated"),
        # A nisba noun takes the accusative alef too; with a second noun, the count is of both.
        ("قتل 12 إرهابياً في المواجهات", "12", "fighter", "fighter", "killed"),
        ("يشارك 30 صحفيا في الدورة", "30", "journalist", "journalist", None),
        ("250 ممثلاً وفنياً يبدأون بروفات مسرحية", "250", "person", "person", None),
        ("فريق عمل مكون من 250 من الممثلين والفنيين", "250", "person", "person", None),
        ("دمرت أنقرة عشرات المروحيات والمدرعات", "عشرات", "helicopter", "helicopter", "destroyed"),
        # «واحد» follows the noun it counts: «جانب واحد للقارب» counts no boat.
        ("تجمع الركاب على جانب واحد للقارب", "واحد", None, None, None),
        # The words after «مقابل» tell of the figure compared with, not of this one.
        ("وبلغ صافي الخسارة للربع الثاني من السنة المالية 2015م، مبلغ 901 مليون ريال مقابل صافي ربح 92 مليون",
         "901 مليون", "riyal", "riyal", "fell"),
    ],
)
def test_unit_and_predicate(text, number, noun, unit, predicate):
    """``noun`` is the lexicon concept the reader found; ``unit`` is what the table reports (people for
    «قتلى», «مصابين», an accident's «حالات» and a bare toll; a date's granularity)."""
    row = _first(text, number)
    assert (row["noun"], row["unit"], row["predicate"]) == (noun, unit, predicate)


def test_side_is_read_from_the_number_on():
    row = _first("وذكر أكار أنه تم تحييد أكثر من 300 من عناصر النظام السوري", "300")
    assert row["side"] == "syria_government"


@pytest.mark.parametrize(
    ("text", "number", "side"),
    [
        ("وقطره أكبر من قطر الشمس بنسبة 10 في المائة", "10", None),  # a diameter, not Qatar
        ("وقال إن نصف قطر الدائرة 10 أمتار", "10", None),
        ("وأعلنت قطر أن 10 جنود قتلوا", "10", "qatar"),
    ],
)
def test_a_name_in_construct_before_a_definite_noun_is_the_common_noun(text, number, side):
    assert _first(text, number)["side"] == side


def test_a_footer_repeating_the_headline_counts_as_headline():
    text = "إخلاء 25 شخصاً إثر حريق\n\nتم إخلاء 35 شخصا.\n\nرابط الخبر بصحيفة الوئام: إخلاء 25 شخصاً إثر حريق"
    claims = checker.extract_text(text)
    assert claims["in_title"].to_list() == [True, False, True]


def test_a_reporting_verb_must_end_at_a_word_boundary():
    row = _first("وأوضحت الوزارة أن المشروع بتكلفتها 310 ملايين ريال", "310 ملايين")
    assert row["source"] is None or not row["source"].startswith(("ه", "ها"))


def test_jsonl_text_with_a_title_field_opens_with_the_body(tmp_path):
    body = "قتل 5 أشخاص في حادث مروري على طريق الرياض.\nوأصيب 7 آخرون."
    path = tmp_path / "feed.jsonl"
    path.write_text('{"doc": "a", "title": "مصرع 5 أشخاص", "text": ' + json.dumps(body, ensure_ascii=False) + "}\n",
                    encoding="utf-8")
    claims = checker.extract([path])
    assert not any(claims["in_title"].to_list())


def test_a_short_first_line_is_the_headline():
    claims = checker.extract_text("مصرع 5 أشخاص\n\nقتل 5 أشخاص في حادث مروري.")
    assert claims["in_title"].to_list() == [True, False]


def test_times_have_a_value_and_coordinates_are_no_times():
    claims = checker.extract_text("وصل الوفد عند الساعة 0024 فجرا. ويقع على خط طول 50:35 شرقا. وفي الساعة ١٠:٣٦ مساء")
    assert claims.select("number_text", "value").rows() == [("0024", 24.0), ("١٠:٣٦", 10.6)]
    assert claims.filter(claims["value"].is_null() & (claims["qualifier"] != "vague")).height == 0


@pytest.mark.parametrize("idiom", ["أمس الأول", "أول من أمس", "أول أمس"])
def test_the_day_before_yesterday_is_a_date_two_days_before_publication(idiom):
    text = f"وقع الحادث {idiom} في جدة"
    claims = checker.extract_text(text, published_at="2015-07-25T09:00")
    assert claims.select("number_text", "kind", "date").rows() == [(idiom, "date", "2015-07-23")]
    assert checker.extract_text(text).height == 0  # no publication date: the idiom names no day


@pytest.mark.parametrize(("text", "date"), [
    # the day said before the time in its sentence, with its half of the day
    ("حريق\n\nباشرت الفرق مساء أمس الأول حريقاً، بعد أن بلغت غرفة التوجيه الساعة 8:05 بما يفيد باندلاع حريق.",
     "2015-07-23T20:05"),
    # no day in its sentence: the lede's
    ("حريق\n\nأصيب 22 شخصا في حريق شب أمس.\nوتبلغت الغرفة الساعة 8:05 مساء ببلاغ.", "2015-07-24T20:05"),
    # «هذا اليوم» is today; «اليوم الثاني» is the second day, not today
    ("تصحيح\n\nحتى الساعة 5:30 مساء هذا اليوم الاثنين.", "2015-07-25T17:30"),
    ("مهرجان\n\nأقيم الحفل أمس.\nويبدأ برنامج اليوم الثاني من الساعة 5:30 مساء.", "2015-07-24T17:30"),
])
def test_a_time_falls_on_the_day_its_sentence_or_lede_names(text, date):
    claims = checker.extract_text(text, published_at="2015-07-25T09:00")
    assert claims.filter(claims["unit"] == "time")["date"].to_list() == [date]


def test_an_hour_and_minutes_written_with_a_dot_is_a_time():
    claims = checker.extract_text("تلقى المكتب عند الساعة 18.02 بالتوقيت المحلي أمس بلاغا بمقتل 3")
    assert claims.select("number_text", "kind").rows()[0] == ("18.02", "date")
    assert claims["value"][0] == pytest.approx(18 + 2 / 60, abs=1e-3)


def test_place_of_a_figure():
    text = ("وأكدت السلطات وفاة 21 حالة وإصابة 66 شخصاً، بينهم 15 حالة وفاة بالعاصمة القاهرة. "
            "وقتل 33 جنديا تركيا في إدلب.")
    places = dict(checker.extract_text(text).select("number_text", "place").rows())
    assert places == {"21": None, "66": None, "15": "cairo", "33": "idlib"}


def test_a_place_word_without_a_preposition_is_no_place():
    assert _first("قتل 33 جنديا تركيا", "33")["place"] is None


def test_a_subset_named_with_minhum_is_a_part():
    text = "وأصيب تسعة آخرون، ثلاثة منهم إصاباتهم بالغة"
    rows = dict(checker.extract_text(text).select("number_text", "scope").rows())
    assert rows == {"تسعة": None, "ثلاثة": "part"}
    rows = dict(checker.extract_text("قتل 12 شخصا بينهم 5 أطفال").select("number_text", "scope").rows())
    assert rows == {"12": None, "5": "part"}


def test_a_quoted_place_at_the_end_of_the_sentence():
    assert _first('وإصابة 66 شخصاً بالإجهاد في محافظة "القاهرة".', "66")["place"] == "cairo"


@pytest.mark.parametrize(
    ("text", "number"),
    [
        ("وقوع ٤ وفيات وثلاث حالات إصابتهم خطيرة", "ثلاث"),  # only the critically injured
        ("استشهاد عريف وجنديين وإصابة 7 من حرس الحدود", "جنديين"),  # 1 + 2: a part of the toll
        ("نتج عنه استشهاد أحد أفراد الدورية", "أحد"),  # one of them
        ("وأصيب تسعة آخرون، ثلاثة منهم إصاباتهم بالغة", "ثلاثة"),
        ("نتج عنه إصابة فتاة وطفلين سعوديين عصر اليوم", "طفلين"),  # 1 + 2, said on one day
        ("أُصيب طفلان وفتاة سعوديون عصر اليوم", "طفلان"),  # 2 + 1
        ("أصيب شخصان و3 رجال أمن من الدفاع المدني إثر حريق", "شخصان"),  # the rest of a list of people
        ("وأن 15 من المصابين العمانيين تراوحت إصاباتهم بين الحرجة والمتوسطة", "15"),  # some of the injured
        ("فريق عمل مكون من 250 من الممثلين والفنيين، بينهم نحو 200 ممثل", "200"),  # a hedged part
    ],
)
def test_a_subset_of_a_toll_is_a_part(text, number):
    assert _first(text, number)["scope"] == "part"


@pytest.mark.parametrize(
    ("text", "number"),
    [
        ("وأصيب خمسة آخرون من عائلة واحدة بإصابات حرجة", "خمسة"),  # the severity describes all five
        ("استشهاد 3 جنود وإصابة 7 من رجال حرس الحدود", "3"),
        ("وتبين ان بالموقع سبع إصابات وحالة وفاة", "سبع"),  # «وحالة وفاة» is another toll
        ("أصيب شخصان و3 رجال أمن من الدفاع المدني إثر حريق", "3"),  # the other kind keeps its count
        ("قتل 5 أشخاص وأصيب 3 جنود", "5"),  # two tolls, not one list
        ("توفي 3 من المصابين في المستشفى", "3"),  # a toll of its own among the injured
        ("قتل 13 جنديا وشرطيا على الأقل في الهجوم", "13"),  # «جنديا وشرطيا»: soldiers and policemen, all 13
        ("مقتل 32 شخصا ومائة جريح", "32"),  # the injured are another toll, not another kind of people
        ("فريق عمل مكون من 250 من الممثلين والفنيين", "250"),  # «من الـ» names what is counted, no toll
        ("وقال إن 174 من المدنيين قتلوا", "174"),
    ],
)
def test_a_whole_toll_is_not_a_part(text, number):
    assert _first(text, number)["scope"] is None


def test_a_figure_over_two_days_has_its_own_window():
    row = _first("سجلت وزارة الصحة يوم أمس واليوم (الأربعاء) خمس حالات جديدة مصابة بفايروس كورونا", "خمس")
    assert (row["scope"], row["scope_text"]) == ("two_days", "يوم أمس واليوم")


def test_a_headline_figure_takes_the_window_the_body_gives_it():
    text = ("الصحة تسجل 5 إصابات بكورونا\n\n"
            "سجلت وزارة الصحة يوم أمس واليوم خمس إصابات جديدة بفيروس كورونا، وسجلت أمس 4 إصابات.")
    rows = list(checker.extract_text(text).iter_rows(named=True))
    headline = next(r for r in rows if r["in_title"])
    assert headline["scope"] == "two_days"
    assert next(r for r in rows if r["number_text"] == "4")["scope"] != "two_days"


def test_a_headline_figure_the_body_gives_with_another_value_keeps_no_window():
    text = "الصحة تسجل 6 إصابات بكورونا\n\nسجلت وزارة الصحة يوم أمس واليوم خمس إصابات جديدة بفيروس كورونا."
    headline = next(r for r in checker.extract_text(text).iter_rows(named=True) if r["in_title"])
    assert headline["scope"] is None


@pytest.mark.parametrize("text", [
    "أخمدت فرق إطفاء تابعة للدفاع المدني حريقا في عمارة مكونة من أربعة أدوار",
    "أخمدت فرق الدفاع المدني حريقا في عمارة مكونة من أربعة أدوار",
])
def test_civil_defence_with_the_lam_clitic_is_not_civilians(text):
    assert _first(text, "أربعة")["side"] == "saudi_civil_defense"


def test_a_place_after_coordinated_figures_is_where_they_all_happened():
    text = 'أكدت السلطات وفاة 21 حالة من كبار السن وإصابة 66 شخصاً بالإجهاد نتيجة ارتفاع الحرارة في محافظة "القاهرة".'
    assert (_first(text, "21")["place"], _first(text, "66")["place"]) == ("cairo", "cairo")


def test_a_place_and_all_the_others_is_no_one_place():
    text = "توفي 21 شخصا ونقل 66 آخرون إلى المستشفيات بسبب موجة الحر في القاهرة وجميع المحافظات."
    assert _first(text, "21")["place"] is None


def test_a_place_as_the_subject_of_its_figures():
    row = _first("وأوضحت الوزارة أن القاهرة سجلت 15 حالة وفاة و40 إصابة من بين إجمالي الحالات.", "15")
    assert (row["place"], row["scope"]) == ("cairo", "part")


def test_a_part_keeps_only_the_place_it_names_itself():
    text = "سجلت حالات كورونا وسط عائلة في منطقة الرياض منهم حالتين منومتين بالمستشفى"
    assert _first(text, "حالتين")["place"] is None


def test_a_bare_toll_shares_the_noun_of_the_toll_after_it():
    row = _first("استشهاد 4 وإصابة 8 رجال أمن بقذائف معادية", "4")
    assert (row["unit"], row["unit_text"], row["predicate"]) == ("personnel", "رجال أمن", "killed")


@pytest.mark.parametrize(("text", "number", "predicate"), [
    ("فقد أكدت المصادر أن عدد الركاب الأربعة توفوا", "الأربعة", "killed"),
    ("أعلنت الشرطة فقدان 3 أشخاص في السيول", "3", "missing"),
])
def test_faqad_is_a_particle_not_a_disappearance(text, number, predicate):
    assert _first(text, number)["predicate"] == predicate


def test_a_scale_word_after_a_bracketed_number():
    row = _first("أصدرت الوزارة سندات بقيمة ( 15) مليار ريال سعودي", "15) مليار")
    assert (row["value"], row["unit"]) == (15e9, "riyal")


@pytest.mark.parametrize(("text", "number"), [
    ("تم نقل ٤٩ مصابا منهم ٤ حالات خطيرة و١٥ حالة متوسطة الخطورة", "١٥"),
    ("تم نقل ٤٩ مصابا منهم ٤ حالات خطيرة و١٥ حالة متوسطة الخطورة", "٤"),
    ("بلوغ مجمل عدد المصابين (50) حالة سجلت منهم (9) حالات وفيات", "9"),
])
def test_the_items_of_a_breakdown_are_parts(text, number):
    assert _first(text, number)["scope"] == "part"


def test_moved_to_a_safe_place_is_an_evacuation():
    assert _first("ونقلت قوات الإطفاء أكثر من 60 شخصا إلى مكان آمن", "60")["predicate"] == "evacuated"


@pytest.mark.parametrize(
    ("text", "number", "qualifier"),
    [
        ("أصيب 100 أو أكثر في الحادث", "100", "more_than"),
        ("أصيب 100 شخص أو أكثر من ذلك", "100", "more_than"),
        # «وأكثر من» opens the next figure; it does not hedge the one before it.
        ("اعتمد تمويل 1.308 مشروعات وأكثر من 58 ألف قرض اجتماعي", "1.308", "exact"),
        ("اعتمد تمويل 1.308 مشروعات وأكثر من 58 ألف قرض اجتماعي", "58 ألف", "more_than"),
        ("قتل 100 شخص وأكثر من عشرين جريحا", "100", "exact"),
        # A hedge with the preposition joined to it: «بأكثر من»، «لأكثر من».
        ("توقع عقودا بأكثر من 7 ملايين لمشاريع المياه", "7 ملايين", "more_than"),
        ("استمر البحث لأكثر من 10 ساعات", "10", "more_than"),
        ("سيارة محملة بقرابة الـ«600» طن", "600", "about"),  # the article and a quote after the hedge
        # The negation glued to its verb, as copy often writes it.
        ("وأدى تساقط ركام إلى قتل مالايقل عن شخصين", "شخصين", "at_least"),
        ("قتل ما لايقل عن 7 أشخاص", "7", "at_least"),
        ("أصيب مالايزيد على 5 أشخاص", "5", "at_most"),
        # «تصل إلى»: up to; «لتصل إلى»: a toll that reached its figure.
        ("تراجعت الأرباح بنسبة تصل إلى 14% خلال النصف الأول", "14", "at_most"),
        ("غرامة مالية تصل إلى 10 آلاف ريال", "10 آلاف", "at_most"),
        ("بالغرامة التي لا تقل عن خمسمائة ألف درهم ولا تجاوز مليوني درهم", "مليوني", "at_most"),  # «لا تجاوز»: at most
        ("وارتفعت الحصيلة لتصل إلى 30 قتيلا", "30", "exact"),
    ],
)
def test_a_hedge_after_a_figure_belongs_to_it_unless_it_opens_the_next(text, number, qualifier):
    assert _first(text, number)["qualifier"] == qualifier


def test_a_vague_figure_confirms_no_other_figure_of_its_outlet():
    """«عدة سيارات» agrees with any count, so it must not hide the outlet's own «خمس» against «6»."""
    from checker.cross_outlet_pairs import cross_pairs

    def claim(doc, start, value, qualifier="exact"):
        return {"claim_id": f"{doc}{start}", "doc_id": doc, "outlet": doc, "start": start, "value": value,
                "qualifier": qualifier, "low": None if qualifier == "vague" else value,
                "high": None if qualifier == "vague" else value, "side": None, "place": None, "scope": None,
                "in_title": False, "sentence": "فجر مجهولون سيارات لناشطين في غزة", "sentence_start": 0,
                "end": start + 1, "predicate": "destroyed", "unit": "vehicle", "published_at": None,
                "path": None, "_event": True, "_main": True, "_lead": True}

    def agree(a, b):
        if "vague" in (a["qualifier"], b["qualifier"]):
            return True
        return a["value"] == b["value"]

    by_doc = {"a": [claim("a", 10, 6.0)], "b": [claim("b", 10, 5.0), claim("b", 90, None, "vague")]}
    pairs = cross_pairs(by_doc, agree, 0.3, {})
    assert {(x["value"], y["value"]) for x, y in pairs} >= {(6.0, 5.0)}


@pytest.mark.parametrize(
    ("text", "number", "scope"),
    [
        ("يمول 1305 مشروعات بقيمة 174 مليون ريال خلال الربع الثاني", "1305", "second_quarter"),
        ("بنك التسليف يمول 2000 مشروع في النصف الأول", "2000", "first_half"),
        # A total over years is the background of a story, not a figure of its event.
        ("أسفر الصراع عن مقتل 40 ألف شخص منذ 1984", "40 ألف", "background"),
        ("قتل 300 شخص منذ عام 2011", "300", "background"),
        ("قتل 12 منذ ثلاثة عقود", "12", "background"),
        ("ارتفع عدد الوفيات إلى 5 منذ بداية العام", "5", "cumulative"),
        # A round-up counts several incidents together.
        ("مصرع 16 شخصا وإصابة 11 آخرين في حوادث مرورية", "16", "roundup"),
        ("مصرع 16 شخصا وإصابة 11 آخرين في حوادث مرورية", "11", "roundup"),
        ("لقي 4 أشخاص مصرعهم في حادث مروري", "4", None),
        # The figure another is set against: last year's, or the other party's.
        ("بلغ صافي الخسارة 901 مليون ريال مقابل صافي ربح 92 مليون ريال", "92 مليون", "comparison"),
        ("بلغ صافي الخسارة 901 مليون ريال مقابل صافي ربح 92 مليون ريال", "901 مليون", None),
        ("لتبلغ ربحية السهم 3.37 ريالات مقارنة بـ 4.3 ريالات", "4.3", "comparison"),
        # «أمس» after the source dates the statement; the window said before it is the figure's.
        ("خلال النصف الاول من العام 2015، حيث افادت الامم المتحدة امس، عن سقوط 1592 قتيلًا", "1592", "first_half"),
        # A year between the window and the figure is the window's own.
        ("وبلغ صافي الخسارة للربع الثاني من السنة المالية 2015م، مبلغ 901 مليون ريال", "901 مليون", "second_quarter"),
        ("بلغت الخسارة في الربع الثاني 45 مليونا، وبلغت الديون 901 مليون ريال", "901 مليون", None),
        # A stretch of a month is not the whole month.
        ("وبين أنه خلال الأيام العشرة الأولى من شهر رمضان نقل 8 ملايين معتمر ومصل", "8 ملايين", "opening_days"),
        ("استقبل المسجد الحرام خلال العشر الأواخر من رمضان مليوني مصل", "مليوني", "closing_days"),
    ],
)
def test_a_time_window_or_extent_is_the_figure_s_scope(text, number, scope):
    assert _first(text, number)["scope"] == scope


_DROWNING = ("أنقذت فرق البحث بقطاعات حرس الحدود بالمنطقة الشرقية 16 شخصا من الغرق. "
             "وأوضح المتحدث أن فرق البحث والإنقاذ بقطاع الخبر أنقذت 13 حالة غرق خلال أيام العيد.")


@pytest.mark.parametrize(
    ("text", "number", "place"),
    [
        ("مقذوف حوثي يصيب فتاة وطفلين بنجران", "طفلين", None),  # a part: the place is the whole toll's
        (_DROWNING, "13", "khobar"),  # a sector the gazetteer knows, named before the figure
        (_DROWNING, "16", "eastern_province"),
        ("نمو قطاع النفط بنسبة 5 بالمئة", "5", None),  # an economic sector is no place
    ],
)
def test_a_part_or_a_sector_has_its_own_place(text, number, place):
    assert _first(text, number)["place"] == place


def test_a_sector_count_against_the_region_total_is_no_self_contradiction():
    from checker.article import Article
    from checker.findings import check_articles

    article = Article("drowning.txt", "إنقاذ 16 شخصا من الغرق في الشرقية\n\n" + _DROWNING, "paper")
    assert check_articles([article], workers=1)["discrepancies"] == []


@pytest.mark.parametrize(("text", "number", "scope"), [
    ("مقتل 32 شخصا ومائة جريح", "مائة", None),  # the noun of the count before, not one more person
    ("مقتل ثلاثة جنود وعشرين مدنيا", "عشرين", None),
    ("استشهاد عريف وجنديين", "جنديين", "part"),  # one named person and two more: a part of the toll
])
def test_a_second_toll_after_a_counted_noun_is_no_part(text, number, scope):
    assert _first(text, number)["scope"] == scope


@pytest.mark.parametrize(("text", "count"), [
    ("وتبين ان بالموقع سبع إصابات وحالة وفاة", 1),
    ("أعلنت الوزارة تسجيل حالة إصابة جديدة بالفيروس", 1),
    ("حالتي وفاة وحالة حرجة", 1),
    ("وسجلت 15 حالة وفاة", 0),  # the 15 counts the cases
    ("وسجلت حالة وفاة واحدة", 0),  # «واحدة» is the numeral
    ("يصرف التعويض في حالة وفاة المؤمن عليه", 0),  # in case of death
    ("لم تسجل أية حالة إصابة بالفيروس", 0),  # any case: none
    ("يعيشون حالة حرجة", 0),  # a state, not a case
    ("أصيب بحالة هلع", 0),
])
def test_one_case_said_by_its_singular_noun(text, count):
    """«وحالة وفاة» counts one case; a conditional, «any case» or a state counts none."""
    claims = checker.extract_text(text)
    assert claims.filter(claims["form"] == "singular").height == count


@pytest.mark.parametrize(
    ("text", "number", "unit"),
    [
        ("وقع الوزير 45 عقداً لتنفيذ مشروعات المياه", "45", "contract"),
        ("تمت ترسية 3 عقود بقيمة 20 مليون ريال", "3", "contract"),
        ("لم يحدث ذلك منذ ثلاثة عقود", "ثلاثة", "decade"),
    ],
)
def test_aqd_is_a_contract_where_the_sentence_signs_or_values_it(text, number, unit):
    assert _first(text, number)["unit"] == unit


@pytest.mark.parametrize("text", ["بقيمة فاقت الـ(3.462)مليار ريال", "بلغت «3.462» مليار ريال"])
def test_a_scale_word_after_a_bracket_makes_the_dot_decimal(text):
    (claim,) = [r for r in checker.extract_text(text).iter_rows(named=True) if r["number_text"].startswith("3.462")]
    assert claim["value"] == 3_462_000_000


@pytest.mark.parametrize(
    ("text", "number", "unit"),
    [
        ("عودة مرتقبة لثلاثة وزراء إلى عدن", "ثلاثة", "minister"),
        ("اعتقال 6 مسؤولين في الاتحاد", "6", "official"),
        # One number for two nouns in the same accusative: colleges and institutes together.
        ("54 كلية ومعهدا تعزز التنافسية", "54", None),
        # Two kinds of people are people: the number counts them together.
        ("قتل 17 جنديا وضابطا في الهجوم", "17", "person"),
        # Not a shared number: another toll, or one more team.
        ("أسفر عن مقتل 30 شخصا وإصابة 100 آخرين", "30", "person"),
        ("باشرتها 22 فرقة إسعافية وفرقة طبية متقدمة", "22", "ambulance_team"),
    ],
)
def test_what_a_number_counts_with_a_second_noun(text, number, unit):
    assert _first(text, number)["unit"] == unit


@pytest.mark.parametrize(
    ("text", "number", "scope"),
    [
        # A toll in a sentence that names an earlier year is that year's incident, recalled.
        ("وقع تفجير الكنيسة في 31 أكتوبر عام 2010، الذي أسفر عن مقتل 58 قتيلا وإصابة 78 آخرين", "58",
         "earlier_incident"),
        ("قتل 5 أشخاص في هجوم اليوم", "5", "today"),
        ("قتل 300 شخص منذ 2011", "300", "background"),  # «منذ» runs up to now: the long total
        ("قتل 7 أشخاص في هجوم على مسجد في عام 2015", "7", None),  # the article's own year
        # «منذ» a month, then «حين»: the toll of that month's incident, not one since then.
        ("وهي الأسوأ منذ أبريل الماضي، حين لقي 800 مهاجر حتفهم غرقا", "800", "earlier_incident"),
        ("لقي 800 مهاجر حتفهم منذ أبريل الماضي", "800", "cumulative"),
        ("ويتوقع أن يصل عدد اللاجئين إلى 200 ألف شخص خلال الأيام المقبلة", "200 ألف", "forecast"),
    ],
)
def test_a_toll_beside_an_earlier_year_is_another_incident(text, number, scope):
    row = next(r for r in checker.extract_text(text, published_at="2015-08-10T10:00:00").iter_rows(named=True)
               if r["number_text"] == number)
    assert row["scope"] == scope


def test_registered_players_are_no_infections():
    row = _first("سمح الاتحاد بتسجيل اثنين من اللاعبين الأجانب في كل فريق", "اثنين")
    assert row["predicate"] is None
    assert _first("أعلنت وزارة الصحة تسجيل 4 إصابات جديدة بفيروس كورونا", "4")["predicate"] == "infected"


@pytest.mark.parametrize(
    ("text", "number", "value", "low", "high", "predicate", "side"),
    [
        ("أصيبت امرأة ستينية ورجل ثلاثيني باختناق", "ستينية", 60, 60, 69, "age", "female"),
        ("أصيبت امرأة ستينية ورجل ثلاثيني باختناق", "ثلاثيني", 30, 30, 39, "age", "male"),
        ("نتج عن الحادث إصابة امرأة (50 سنة) ورجل (27 سنة) باختناق", "27", 27, 27, 27, "age", "male"),
        ("اصابة امرأة في العقد الخامس وشاب عمره 27 عاماً باختناق", "العقد الخامس", 40, 40, 50, "age", "female"),
        ("طفلة (5 سنوات) أصيبت بطلق ناري", "5", 5, 5, 5, "age", "girl"),
        ("يبدو في العشرينيات من عمره", "العشرينيات", 20, 20, 29, "age", None),
        ("وفي الثلاثين من العمر", "الثلاثين", 30, 30, 30, "age", None),
        ("الطفلة البالغة من العمر ثلاث سنوات ونصف", "ثلاث", 3.5, 3.5, 3.5, "age", "girl"),
        # Years that are no one's age: a prison term, a time ago, an age limit.
        ("قضت المحكمة بسجن مواطن 10 سنوات", "10", 10, 10, 10, None, None),
        ("بدأت الحرب منذ 50 عاما", "50", 50, 50, 50, None, None),
        ("ألا يقل عمر المتقدم عن 30 عاما", "30", 30, 30, 30, None, None),  # the split hedge is not read
        ("على ألا يتعدى عمر المتقدم 35 عاما", "35", 35, 35, 35, None, None),
    ],
)
def test_an_age_is_years_of_a_person(text, number, value, low, high, predicate, side):
    row = _first(text, number)
    assert (row["value"], row["low"], row["high"], row["predicate"], row["side"]) == (value, low, high, predicate, side)


def test_a_decade_noun_is_an_age_only_of_someone():
    assert [r["number_text"] for r in checker.extract_text("ازدهرت التجارة في الثمانينيات من القرن الماضي").iter_rows(
        named=True) if r["kind"] == "duration"] == []


@pytest.mark.parametrize(
    ("text", "number", "unit", "predicate", "side"),
    [
        ("للمرة الثانية.. تسمم 14 سعوديا في مشهد الإيرانية", "14", "person", "poisoned", "saudi_arabia"),
        ("قتل 3 فلسطينيين وأصيب 20 آخرون", "3", "person", "killed", "palestine"),
        ("وكان 22 سائحا سعوديا قد تعرضوا لحالة تسمم غذائي", "22", "visitor", "poisoned", "saudi_arabia"),
        ("بلغت 500 مليون ريال سعودي", "500 مليون", "riyal", None, "saudi_arabia"),
        # Past a closing bracket or guillemet, and without the accusative alef.
        ("مقتل (18) يمنيا في قصف", "18", "person", "killed", "yemen"),
        ("مقتل «18» يمنيا في قصف", "18", "person", "killed", "yemen"),
        ("وتسمم 18 سعودي في رحلة", "18", "person", "poisoned", "saudi_arabia"),
        ("توفي 9 عمانيين في حادث الحافلة", "9", "person", "killed", "oman"),
        ("ستشجع أكثر من 1.3 مليار صيني على ممارسة الرياضة", "1.3 مليار", "person", None, "china"),
    ],
)
def test_people_counted_by_their_nationality(text, number, unit, predicate, side):
    row = _first(text, number)
    assert (row["unit"], row["predicate"], row["side"]) == (unit, predicate, side)


@pytest.mark.parametrize(
    ("text", "number", "kind", "unit"),
    [
        # An ordinal adjective follows its noun, with or without clitics or a pronoun.
        ("وتقع الشقة بالدور الثاني من المبنى", "الثاني", "ordinal", "floor"),
        ("وتأهل المنتخب للدور الثاني من البطولة", "الثاني", "ordinal", "round"),  # a contest's round
        ("وفاز بالبطولة للمرة السابعة في تاريخه", "السابعة", "ordinal", "occurrence"),
        ("ويعد لقبه الخامس في البطولة", "الخامس", "ordinal", "title"),
        ("وتقام النسخة الرابعة من المهرجان", "الرابعة", "ordinal", "edition"),
        # «أول» comes before its noun.
        ("وصلت أول فرقة إسعافية إلى الموقع", "أول", "ordinal", "ambulance_team"),
        # A number after a noun of a series numbers it: the 69th minute, not 69 goals.
        ("سجل في الدقيقة 69 هدفا رائعا", "69", "ordinal", "minute"),
        ("اندلع الحريق في الطابق 5 من المبنى", "5", "ordinal", "floor"),
        # After a numbered noun's plural or dual, each number of the list is one of the series.
        ("سجلها بنزيمة ورونالدو وبيبي في الدقائق 21 و25 و44", "44", "ordinal", "minute"),
        ("بهدفين سجلهما إسماعيل في الدقيقتين 63 و66", "66", "ordinal", "minute"),
        ("وسجل في الجولات 3 و4 لاعبين", "4", "count", "player"),  # a counted noun follows: a count
        # A plural before the number is counted by it.
        ("وفاز في المباريات الـ26 الأخيرة", "26", "count", "match"),
        # A definite tens word after a numbered noun is its ordinal: the 30th minute.
        ("بهدف سجله محمد السهلاوي عند الدقيقة الثلاثين", "الثلاثين", "ordinal", "minute"),
        # An ordinal before «من عمره» is an age.
        ("وتوفيت طفلة في الخامسة من عمرها", "الخامسة", "duration", "year"),
        # A rate word before the number makes a percentage only when no counted noun follows.
        ("ومعدل 21 سنتيمترا في جانغجياكو القريبة", "21", "measure", "centimeter"),
        ("وارتفع بمعدل 5 في المئة", "5", "percent", "percent"),
        # A can of milk, not an explosive device.
        ("توزع 8538 عبوة حليب في مخيم الزعتري", "8538", "count", "bottle"),
        ("تفكيك 3 عبوات ناسفة", "3", "count", "bomb"),
        # A goal in a match, a target in a war.
        ("فاز النصر على نظيره السد القطري بهدفين لهدف في ثاني المباريات الودية للفريق", "هدفين", "count", "goal"),
        ("قصفت الطائرات 5 أهداف للحوثيين", "5", "count", "target"),
    ],
)
def test_what_a_figure_counts_read_around_it(text, number, kind, unit):
    row = _first(text, number)
    assert (row["kind"], row["unit"]) == (kind, unit)


def test_a_dual_numbered_noun_before_its_list_is_no_figure():
    claims = checker.extract_text("بهدفين سجلهما إسماعيل في الدقيقتين 63 و66")
    assert "الدقيقتين" not in claims["number_text"].to_list()


@pytest.mark.parametrize(
    ("text", "scores"),
    [
        # Volleyball: a match in sets, a set in points (a tatweel dash too).
        ("فاز المنتخب السعودي للكرة الطائرة على قطر بنتيجة 3-2 بعدما كسب الشوط الأول 25 ــ 16",
         [("3", "set"), ("2", "set"), ("25", "point"), ("16", "point")]),
        # Football: goals, «صفر» among them; a shoot-out's kicks are penalties.
        ("في الدوري الإيطالي فاز يوفنتوس على لاتسيو 2/صفر ثم تعادل 1 - 1 وفاز بركلات الترجيح 5-4",
         [("2", "goal"), ("صفر", "goal"), ("1", "goal"), ("5", "penalty"), ("4", "penalty")]),
        ("تأهل فريق كرة السلة بعد فوزه 88-80", [("88", "point"), ("80", "point")]),
    ],
)
def test_a_match_result_counts_what_its_sport_scores(text, scores):
    rows = [(r["number_text"], r["unit"]) for r in checker.extract_text(text).iter_rows(named=True)
            if r["kind"] == "count"]
    assert set(scores) <= set(rows)
    assert all(r["value"] == 0 for r in checker.extract_text(text).iter_rows(named=True) if r["number_text"] == "صفر")


@pytest.mark.parametrize(
    "text",
    [
        "وصلت القافلة في الفترة 2-5 من الشهر إلى الحدود",  # no sport, no result: two bare figures
        "فاز المنتخب في الدوري وتوزعت الرحلات 2-5 يوميا",  # a sport, but the dash joins no result
    ],
)
def test_two_figures_with_a_dash_are_no_score_outside_a_result(text):
    assert all(r["unit"] not in ("goal", "set", "point") for r in checker.extract_text(text).iter_rows(named=True))


def test_the_month_safar_is_no_zero():
    claims = checker.extract_text("في شهر صفر من العام الهجري وفاز الفريق 2-1 في الدوري")
    assert "صفر" not in claims["number_text"].to_list()
    assert claims["unit"].to_list() == ["goal", "goal"]


def test_a_source_after_a_contrast_is_not_the_source_of_the_figures_before_it():
    """«مخلفة 43 قتيلا، بينما أشار مدير الصحة … وقال إن 57»: the director's figure is 57, the outlet's 43."""
    text = ("شنت الميليشيات قصفا على دار سعد مخلفة 43 قتيلا، بينما أشار مدير عام الصحة إلى ارتفاع أعداد الضحايا،"
            " وقال إن 57 مدنيا قتلوا.")
    sources = {r["number_text"]: r["source"] for r in checker.extract_text(text).iter_rows(named=True)}
    assert sources["43"] is None and sources["57"] and "الصحة" in sources["57"]


def test_a_contrast_inside_the_account_keeps_its_source():
    """«لقي شخصان حتفهما فيما أصيب 11 آخرون … ووفقا لما أورده المتحدث»: both figures are the spokesman's."""
    text = ("لقي شخصان حتفهما فيما أصيب 11 آخرون في حوادث سير، ووفقا لما أورده المتحدث الرسمي للهلال الأحمر"
            " فإن الفرق باشرت.")
    sources = [r["source"] for r in checker.extract_text(text).iter_rows(named=True)]
    assert len(sources) == 2 and all(s and "المتحدث" in s for s in sources)

