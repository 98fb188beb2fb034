"""The headline sentence: Arabic number agreement, English plurals, dates, shares, every branch."""

from __future__ import annotations

import datetime as dt
from dataclasses import replace

import pytest

from snhr_desktop.domain.methodology import Methodology
from snhr_desktop.services.headline import (
    AR_MONTHS,
    HeadlineFigures,
    count_ar,
    count_en,
    format_date,
    format_month,
    format_number,
    format_percent,
    headline,
    headline_from,
    links_note,
    summary_report,
)
from snhr_desktop.services.summary import Summary, SummaryFilters

EXAMPLE = HeadlineFigures(
    period_start=dt.date(2014, 9, 23),
    period_end=dt.date(2017, 5, 1),
    civilians=1256,
    children=383,
    women=221,
    perpetrators=("international_coalition",),
    since=dt.date(2016, 1, 1),
    since_civilians=1005,
    massacres=51,
    massacres_by_governorate=(("SY11", 34), ("SY02", 12), ("SY09", 5)),
    facility_attacks=106,
    facility_attacks_by_category=(("bridge", 46), ("school", 30), ("other", 30)),
)


@pytest.mark.parametrize(
    ("number", "noun", "case", "expected"),
    [
        (1, "civilian", "accusative", "مدنياً واحداً"),
        (1, "civilian", "nominative", "مدني واحد"),
        (1, "civilian", "genitive", "مدني واحد"),
        (1, "woman", "accusative", "امرأة واحدة"),
        (1, "massacre", "nominative", "مجزرة واحدة"),
        (1, "child", "nominative", "طفل واحد"),
        (2, "civilian", "nominative", "مدنيان"),
        (2, "civilian", "accusative", "مدنيَّين"),
        (2, "civilian", "genitive", "مدنيَّين"),
        (2, "woman", "nominative", "امرأتان"),
        (2, "woman", "accusative", "امرأتين"),
        (2, "massacre", "accusative", "مجزرتين"),
        (2, "child", "nominative", "طفلان"),
        (2, "attack", "genitive", "هجومين"),
        (3, "civilian", "accusative", "3 مدنيين"),
        (3, "woman", "nominative", "3 نساء"),
        (5, "child", "accusative", "5 أطفال"),
        (7, "massacre", "accusative", "7 مجازر"),
        (10, "civilian", "accusative", "10 مدنيين"),
        (10, "attack", "genitive", "10 هجمات"),
        (11, "civilian", "accusative", "11 مدنياً"),
        (11, "civilian", "nominative", "11 مدنياً"),  # the counted noun of 11–99 is always accusative
        (12, "woman", "accusative", "12 امرأة"),
        (21, "child", "accusative", "21 طفلاً"),
        (51, "massacre", "accusative", "51 مجزرة"),
        (99, "civilian", "accusative", "99 مدنياً"),
        (100, "civilian", "accusative", "100 مدني"),
        (100, "woman", "accusative", "100 امرأة"),
        (101, "civilian", "accusative", "101 مدني"),
        (102, "child", "accusative", "102 طفل"),
        (103, "civilian", "accusative", "103 مدنيين"),  # read "مئة وثلاثة مدنيين"
        (106, "attack", "genitive", "106 هجمات"),
        (110, "child", "accusative", "110 أطفال"),
        (111, "civilian", "accusative", "111 مدنياً"),
        (200, "child", "accusative", "200 طفل"),
        (221, "woman", "accusative", "221 امرأة"),
        (383, "child", "accusative", "383 طفلاً"),
        (1000, "civilian", "accusative", "1,000 مدني"),
        (1256, "civilian", "accusative", "1,256 مدنياً"),  # read "… ستة وخمسون مدنياً"
        (1803, "woman", "nominative", "1,803 نساء"),
        (2003, "civilian", "accusative", "2,003 مدنيين"),
        (9300, "attack", "nominative", "9,300 هجوم"),
        (1_000_000, "civilian", "accusative", "1,000,000 مدني"),
        (872_161, "civilian", "accusative", "872,161 مدنياً"),
        (3, "day", "accusative", "3 أيام"),
        (18, "year", "accusative", "18 عاماً"),
        (10, "year", "accusative", "10 أعوام"),
    ],
)
def test_arabic_number_agreement(number: int, noun: str, case: str, expected: str) -> None:
    assert count_ar(number, noun, case) == expected  # type: ignore[arg-type]


def test_arabic_counts_by_the_last_two_digits() -> None:
    for hundreds in (0, 100, 1000, 25_000):
        for last in range(3, 11):
            assert count_ar(hundreds + last, "child").endswith("أطفال")
        for last in range(11, 100):
            assert count_ar(hundreds + last, "child").endswith("طفلاً")
    for number in (100, 101, 102, 300, 1000, 5000, 5001, 1_000_000):
        assert count_ar(number, "child").endswith(" طفل")
    with pytest.raises(ValueError):
        count_ar(-1, "child")


@pytest.mark.parametrize(
    ("number", "noun", "expected"),
    [
        (1, "civilian", "1 civilian"),
        (2, "civilian", "2 civilians"),
        (1256, "civilian", "1,256 civilians"),
        (1, "child", "1 child"),
        (3, "child", "3 children"),
        (1, "woman", "1 woman"),
        (221, "woman", "221 women"),
        (1, "massacre", "1 massacre"),
        (0, "massacre", "0 massacres"),
    ],
)
def test_english_plurals(number: int, noun: str, expected: str) -> None:
    assert count_en(number, noun) == expected


def test_numbers_dates_and_shares() -> None:
    assert format_number(1256) == "1,256" and format_number(1_000_000) == "1,000,000"
    assert format_date(dt.date(2014, 9, 23), "en") == "23 September 2014"
    assert format_date(dt.date(2014, 9, 23), "ar") == "23 أيلول 2014"
    assert format_month("2017-05", "ar") == "أيار 2017"
    assert [format_date(dt.date(2020, m, 1), "ar").split(" ", 1)[1][:-5] for m in range(1, 13)] == list(
        AR_MONTHS
    )
    assert AR_MONTHS[0] == "كانون الثاني" and AR_MONTHS[11] == "كانون الأول" and AR_MONTHS[7] == "آب"
    assert format_percent(34, 51) == "67%"
    assert format_percent(1, 8) == "13%"  # 12.5 rounds half up
    assert format_percent(0, 5) == "0%" and format_percent(5, 5) == "100%"
    assert format_percent(0, 0) == "0%"
    assert format_percent(1, 1000) == "less than 1%"
    assert format_percent(999, 1000) == "more than 99%"
    assert format_percent(1, 1000, "ar") == "أقل من 1%"
    assert format_percent(999, 1000, "ar") == "أكثر من 99%"


def test_the_published_example() -> None:
    assert headline_from(EXAMPLE, "en") == (
        "International coalition forces killed 1,256 civilians, including 383 children and "
        "221 women, from 23 September 2014 until 1 May 2017; 80% of them since 1 January 2016. "
        "They committed 51 massacres, 34 of them in Ar-Raqqa governorate (67%) and 12 in Aleppo, "
        "and attacked vital civilian facilities at least 106 times, 46 of them bridges."
    )
    assert headline_from(EXAMPLE, "ar") == (
        "قتلت قوات التحالف الدولي 1,256 مدنياً، بينهم 383 طفلاً و221 امرأة، منذ 23 أيلول 2014 "
        "حتى 1 أيار 2017؛ 80% منهم منذ 1 كانون الثاني 2016. وارتكبت 51 مجزرة، 34 منها في "
        "محافظة الرقة (67%) و12 في محافظة حلب، ونفذت ما لا يقل عن 106 هجمات على منشآت حيوية "
        "مدنية، بينها 46 هجوماً على جسور."
    )


def test_a_masculine_party_and_a_singular_one() -> None:
    isis = replace(EXAMPLE, perpetrators=("isis",))
    ar = headline_from(isis, "ar")
    assert ar.startswith("قتل تنظيم داعش 1,256 مدنياً")
    assert "وارتكب 51 مجزرة" in ar and "ونفذ ما لا يقل" in ar
    en = headline_from(isis, "en")
    assert en.startswith("ISIS killed") and "It committed 51 massacres" in en


def test_several_parties_and_governorates() -> None:
    both = replace(
        EXAMPLE, perpetrators=("syrian_regime", "russian_forces"), governorates=("SY02", "SY07")
    )
    assert headline_from(both, "en").startswith(
        "Syrian regime forces and Russian forces killed 1,256 civilians in Aleppo and Idleb "
        "governorates, including"
    )
    assert headline_from(both, "ar").startswith(
        "قتلت قوات النظام السوري والقوات الروسية 1,256 مدنياً في محافظتي حلب وإدلب، بينهم"
    )
    three = replace(EXAMPLE, perpetrators=(), governorates=("SY02", "SY07", "SY05"))
    assert headline_from(three, "en").startswith(
        "The parties to the conflict killed 1,256 civilians in Aleppo, Idleb and Hama governorates"
    )
    assert "في محافظات حلب وإدلب وحماة" in headline_from(three, "ar")
    assert headline_from(replace(EXAMPLE, perpetrators=()), "ar").startswith("قتلت أطراف النزاع")


def test_small_numbers() -> None:
    one = replace(
        EXAMPLE, civilians=1, children=1, women=0, since=None, massacres=1,
        massacres_by_governorate=(("SY11", 1),), facility_attacks=1,
        facility_attacks_by_category=(("school", 1),),
    )
    assert headline_from(one, "en") == (
        "International coalition forces killed 1 civilian, including 1 child, from "
        "23 September 2014 until 1 May 2017. They committed 1 massacre, in Ar-Raqqa governorate, "
        "and attacked vital civilian facilities at least once (a school)."
    )
    assert headline_from(one, "ar") == (
        "قتلت قوات التحالف الدولي مدنياً واحداً، بينهم طفل واحد، منذ 23 أيلول 2014 حتى "
        "1 أيار 2017. وارتكبت مجزرة واحدة في محافظة الرقة، ونفذت هجوماً واحداً على الأقل "
        "على منشأة حيوية مدنية (مدرسة)."
    )
    two = replace(
        one, civilians=2, children=2, women=0, massacres=2, massacres_by_governorate=(("SY11", 2),),
        facility_attacks=2, facility_attacks_by_category=(("school", 2),),
    )
    ar = headline_from(two, "ar")
    assert "مدنيَّين، بينهما طفلان" in ar
    assert "وارتكبت مجزرتين، كلتاهما في محافظة الرقة" in ar
    assert "ما لا يقل عن هجومين على منشآت حيوية مدنية، كلاهما على مدارس" in ar
    en = headline_from(two, "en")
    assert "2 massacres, both of them in Ar-Raqqa governorate" in en
    assert "at least 2 times, both of them schools" in en
    split = replace(EXAMPLE, massacres=3, massacres_by_governorate=(("SY11", 1), ("SY02", 1), ("SY09", 1)))
    assert "3 massacres, one of them in Ar-Raqqa governorate (33%) and one in Aleppo" in headline_from(split, "en")
    assert "3 مجازر، واحدة منها في محافظة الرقة (33%) وواحدة في محافظة حلب" in headline_from(split, "ar")
    pair = replace(EXAMPLE, massacres=5, massacres_by_governorate=(("SY11", 2), ("SY02", 2), ("SY09", 1)))
    assert "5 مجازر، اثنتان منها في محافظة الرقة (40%) واثنتان في محافظة حلب" in headline_from(pair, "ar")


def test_nothing_documented() -> None:
    none = replace(
        EXAMPLE, civilians=0, children=0, women=0, since=None, massacres=0,
        massacres_by_governorate=(), facility_attacks=0, facility_attacks_by_category=(),
    )
    assert headline_from(none, "en") == (
        "No civilians killed by International coalition forces were documented from "
        "23 September 2014 until 1 May 2017. No massacres and no attacks on vital civilian "
        "facilities by them were documented."
    )
    assert headline_from(none, "ar") == (
        "لم نوثق مقتل أي مدني على يد قوات التحالف الدولي منذ 23 أيلول 2014 حتى 1 أيار 2017. "
        "ولم نوثق لها أي مجزرة ولا أي هجوم على منشآت حيوية مدنية."
    )
    facilities_only = replace(none, facility_attacks=4, facility_attacks_by_category=(("other", 4),))
    assert headline_from(facilities_only, "en").endswith(
        "They committed no massacres, and attacked vital civilian facilities at least 4 times."
    )
    assert headline_from(facilities_only, "ar").endswith(
        "ولم ترتكب أي مجزرة، ونفذت ما لا يقل عن 4 هجمات على منشآت حيوية مدنية."
    )
    massacres_only = replace(EXAMPLE, facility_attacks=0, facility_attacks_by_category=())
    assert headline_from(massacres_only, "en").endswith(
        "and 12 in Aleppo; no attacks on vital civilian facilities were documented."
    )
    assert headline_from(massacres_only, "ar").endswith(
        "، ولم نوثق لها أي هجوم على منشآت حيوية مدنية."
    )


def test_open_period_and_small_shares() -> None:
    open_start = replace(EXAMPLE, start_given=False, period_start=dt.date(2011, 3, 1))
    assert "from March 2011 until 1 May 2017" in headline_from(open_start, "en")
    assert "منذ آذار 2011 حتى 1 أيار 2017" in headline_from(open_start, "ar")
    tiny = replace(EXAMPLE, since_civilians=1)
    assert "; less than 1% of them since" in headline_from(tiny, "en")
    assert "؛ أقل من 1% منهم منذ" in headline_from(tiny, "ar")
    almost = replace(EXAMPLE, since_civilians=1255)
    assert "more than 99% of them" in headline_from(almost, "en")


def test_the_links_note_only_when_links_were_applied() -> None:
    summary = Summary(
        filters=SummaryFilters(), methodology=Methodology(), period_start=dt.date(2016, 1, 1),
        period_end=dt.date(2016, 12, 31), civilians_killed=1255, links_applied=1234,
    )
    assert links_note(summary, "en") == (
        "Records linked as the same person as another record and left out, so that each person "
        "counts once: 1,234"
    )
    assert links_note(summary, "ar") == (
        "السجلات المربوطة بسجل آخر للشخص نفسه والمستبعدة كي يحتسب كل شخص مرة واحدة: 1,234"
    )
    assert links_note(summary, "en") in summary_report(summary, "en")
    assert links_note(summary, "ar") in summary_report(summary, "ar")
    none = replace(summary, links_applied=0)
    assert links_note(none, "en") is None
    assert "same person" not in summary_report(none, "en")
    # The published sentence states the figures, not how duplicates were counted.
    assert headline(summary, "en") == headline(none, "en")
