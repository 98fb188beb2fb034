"""Domain records: validation rules and their bilingual messages."""

from __future__ import annotations

import datetime as dt

import pytest

from snhr_desktop.domain.fields import RecordInvalid, parse_partial_date
from snhr_desktop.domain.ids import is_record_id, uuid7
from snhr_desktop.domain.records import FacilityAttack, Incident, Victim
from tests.conftest import incident_data, victim_data

INCIDENT_ID = "01890a5d-ac96-774b-bcce-b302099a8057"


def problems(error: RecordInvalid) -> dict[str, str]:
    return {p.field: p.message.code for p in error.problems}


def test_uuid7_is_version_7_and_time_ordered() -> None:
    ids = [uuid7() for _ in range(2000)]
    assert all(is_record_id(i) and i[14] == "7" for i in ids)
    assert ids == sorted(ids)
    assert len(set(ids)) == len(ids)


def test_incident_normalises_text_and_codes() -> None:
    incident = Incident.parse(
        incident_data(place_ar="  حي\u0627\u0653 الرميلة ", perpetrator="International coalition")
    )
    assert incident.place_ar == "حيآ الرميلة"  # NFC composes alef + madda, trimmed
    assert incident.perpetrator == "international_coalition"
    assert incident.date == dt.date(2016, 5, 3) and incident.date_precision == "day"


def test_incident_accepts_arabic_indic_digits_and_partial_dates() -> None:
    assert Incident.parse(incident_data(date="٢٠١٦-٠٥-٠٣")).date == dt.date(2016, 5, 3)
    month = Incident.parse(incident_data(date="۲۰۱۶-۰۵"))
    assert (month.date, month.date_precision, month.date_text()) == (
        dt.date(2016, 5, 1),
        "month",
        "2016-05",
    )
    year = Incident.parse(incident_data(date="2014"))
    assert year.date_text() == "2014"


@pytest.mark.parametrize(
    ("date", "code"),
    [
        ("2011-02-28", "date_too_early"),
        ((dt.date.today() + dt.timedelta(days=1)).isoformat(), "date_in_future"),
        ("2016-13-01", "not_a_date"),
        ("yesterday", "not_a_date"),
    ],
)
def test_incident_date_limits(date: str, code: str) -> None:
    with pytest.raises(RecordInvalid) as caught:
        Incident.parse(incident_data(date=date))
    assert problems(caught.value) == {"date": code}
    assert "date" in caught.value.render("ar")


def test_first_day_of_the_period_is_accepted() -> None:
    assert Incident.parse(incident_data(date="2011-03-01")).date == dt.date(2011, 3, 1)
    assert Incident.parse(incident_data(date="2011")).date_text() == "2011"


def test_incident_places_follow_the_gazetteer() -> None:
    incident = Incident.parse(
        incident_data(governorate="الرقة", district="SY1103", subdistrict="SY110301")
    )
    assert (incident.governorate, incident.district, incident.subdistrict) == (
        "SY11",
        "SY1103",
        "SY110301",
    )
    with pytest.raises(RecordInvalid) as caught:
        Incident.parse(incident_data(governorate="SY02", district="SY1103"))
    assert problems(caught.value) == {"district": "pcode_outside_parent"}
    with pytest.raises(RecordInvalid) as caught:
        Incident.parse(incident_data(governorate="SY99"))
    assert problems(caught.value) == {"governorate": "unknown_pcode"}


def test_unknown_code_message_is_bilingual() -> None:
    with pytest.raises(RecordInvalid) as caught:
        Incident.parse(incident_data(perpetrator="martians"))
    problem = caught.value.problems[0]
    assert problem.field == "perpetrator"
    assert "martians" in problem.render("en") and "perpetrator" in problem.render("en")
    assert "أطراف النزاع" in problem.render("ar")


def test_victim_needs_a_name_in_either_script() -> None:
    assert Victim.parse(victim_data(INCIDENT_ID, name_en=None)).name_ar
    assert Victim.parse(victim_data(INCIDENT_ID, name_ar=None)).name_en
    with pytest.raises(RecordInvalid) as caught:
        Victim.parse(victim_data(INCIDENT_ID, name_ar="  ", name_en=None))
    assert [p.message.code for p in caught.value.problems] == ["name_required"]


@pytest.mark.parametrize(
    ("age", "group", "expected"),
    [
        (17, None, "child"),
        (18, None, "adult"),
        ("١٢", None, "child"),
        (None, "child", "child"),
        (None, None, "unknown"),
        (0, "child", "child"),
        (120, "adult", "adult"),
    ],
)
def test_victim_age_and_group(age: object, group: str | None, expected: str) -> None:
    victim = Victim.parse(victim_data(INCIDENT_ID, age=age, age_group=group))
    assert victim.age_group == expected


@pytest.mark.parametrize(
    ("age", "group", "code"),
    [
        (121, None, "age_out_of_range"),
        (-1, None, "age_out_of_range"),
        ("twelve", None, "not_an_integer"),
        (12, "adult", "age_group_mismatch"),
        (30, "child", "age_group_mismatch"),
    ],
)
def test_victim_age_problems(age: object, group: str | None, code: str) -> None:
    with pytest.raises(RecordInvalid) as caught:
        Victim.parse(victim_data(INCIDENT_ID, age=age, age_group=group))
    assert [p.message.code for p in caught.value.problems] == [code]


def test_child_age_limit_comes_from_the_methodology() -> None:
    victim = Victim.parse(victim_data(INCIDENT_ID, age=16), context={"child_age_limit": 15})
    assert victim.age_group == "adult"


def test_victim_date_of_death_must_be_a_full_day() -> None:
    with pytest.raises(RecordInvalid) as caught:
        Victim.parse(victim_data(INCIDENT_ID, date_of_death="2016-05"))
    assert problems(caught.value) == {"date_of_death": "date_precision_mismatch"}


def test_facility_attack() -> None:
    attack = FacilityAttack.parse(
        {
            "incident_id": INCIDENT_ID,
            "category": "bridge",
            "damage": "Destroyed",
            "out_of_service": "نعم",
            "governorate": "Ar-Raqqa",
        }
    )
    assert (attack.category, attack.damage, attack.out_of_service, attack.governorate) == (
        "bridge",
        "destroyed",
        "yes",
        "SY11",
    )
    with pytest.raises(RecordInvalid) as caught:
        FacilityAttack.parse({"incident_id": "not-an-id", "category": "spaceport"})
    assert problems(caught.value) == {"incident_id": "not_a_uuid", "category": "unknown_code"}


def test_partial_date_forms() -> None:
    assert str(parse_partial_date("3/5/2016")) == "2016-05-03"
    assert str(parse_partial_date("05/2016")) == "2016-05"
    assert str(parse_partial_date(dt.datetime(2016, 5, 3, 12, 0))) == "2016-05-03"
    assert parse_partial_date("") is None


def test_missing_name_is_reported_with_the_other_problems() -> None:
    with pytest.raises(RecordInvalid) as caught:
        Victim.parse(victim_data(INCIDENT_ID, name_ar=None, name_en=None, age=200))
    assert problems(caught.value) == {"name_ar": "name_required", "age": "age_out_of_range"}


def test_precision_is_named_in_the_users_language() -> None:
    with pytest.raises(RecordInvalid) as caught:
        Victim.parse(victim_data(INCIDENT_ID, date_of_death="2016-05"))
    assert "باليوم" in caught.value.render("ar") and "day" not in caught.value.render("ar")
    assert "known to the day" in caught.value.render("en")
