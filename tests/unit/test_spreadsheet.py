"""Spreadsheet import and export: round trips, Arabic headers and labels, problems, rejects."""

from __future__ import annotations

import csv
import datetime as dt
import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import openpyxl
import pytest

from snhr_desktop.domain.gazetteer import gazetteer
from snhr_desktop.domain.ids import is_record_id
from snhr_desktop.domain.messages import UserError
from snhr_desktop.domain.records import FacilityAttack, Incident, Record, Victim
from snhr_desktop.services.spreadsheet import (
    COLUMNS,
    ImportReport,
    export_spreadsheet,
    import_spreadsheet,
)
from snhr_desktop.services.workspace import Workspace, record_from_row
from tests.conftest import PASSPHRASE, incident_data, victim_data

DATA = Path(__file__).resolve().parent.parent / "data"
KINDS = (Incident.kind, Victim.kind, FacilityAttack.kind)

I1 = "01900000-0000-7000-8000-000000000001"
I2 = "01900000-0000-7000-8000-000000000002"
I3 = "01900000-0000-7000-8000-000000000003"
V1 = "01900000-0000-7000-8000-000000000101"
V2 = "01900000-0000-7000-8000-000000000102"
V3 = "01900000-0000-7000-8000-000000000103"
V4 = "01900000-0000-7000-8000-000000000104"
F1 = "01900000-0000-7000-8000-000000000201"
NOWHERE = "01900000-0000-7000-8000-0000000009ff"


# -- helpers ---------------------------------------------------------------------------------------


@pytest.fixture
def fresh(tmp_path: Path) -> Iterator[Workspace]:
    """A second, empty database (another device)."""
    ws = Workspace.create(tmp_path / "fresh" / "snhr.db", PASSPHRASE, "Another Researcher")
    try:
        yield ws
    finally:
        ws.close()


def facts(ws: Workspace) -> dict[str, dict[str, dict[str, Any]]]:
    return {
        kind: {row["id"]: record_from_row(kind, row).facts() for row in ws.store.rows(kind)}
        for kind in KINDS
    }


def state(ws: Workspace) -> tuple[dict[str, int], int]:
    return ws.counts(), ws.store.operation_count()


def populate(ws: Workspace) -> dict[str, Record]:
    """Records with every kind of value a spreadsheet must carry back unchanged."""
    raqqa_district = gazetteer().children("SY11")[0].pcode
    subdistrict = gazetteer().children(raqqa_district)[0].pcode
    community = gazetteer().children(subdistrict)[0].pcode
    records: list[Record] = [
        ws.validate("incident", incident_data(
            id=I1, district=raqqa_district, subdistrict=subdistrict, community=community,
            description_ar="غارة على السوق\nالسطر الثاني", description_en="Line one\r\nline two",
            sources="شهود عيان؛ ناشطون", acknowledged="no",
        )),
        ws.validate("incident", incident_data(
            id=I2, date="2016-05", governorate="SY02", perpetrator="russian_forces",
            researcher="باحث ميداني", place_en=None,
        )),
        ws.validate("incident", incident_data(
            id=I3, date="2013", governorate="SY07", perpetrator="syrian_regime",
            attack_type="barrel_bomb", place_ar="معرة النعمان", place_en="Maarat al-Numan",
            sources="control\x0bcharacter, tab\there, literal _x0041_ escape",
        )),
    ]
    records += [
        ws.validate("victim", victim_data(
            I1, id=V1, mother_name="فاطمة", notes="=SUM(A1:A3) ليست صيغة\nسطر ثانٍ",
            origin_governorate="SY04",
        )),
        ws.validate("victim", victim_data(
            I1, id=V2, name_ar="سلمى خالد العمر", name_en=None, sex="female", age=9,
            category="medical", father_name="خالد", family_name="العمر",
        )),
        ws.validate("victim", victim_data(
            I2, id=V3, name_ar=None, name_en="Unknown man", age=None, sex="unknown",
            status="unknown", date_of_death=None, governorate=None,
        )),
        ws.validate("facility_attack", {
            "id": F1, "incident_id": I1, "category": "water_station", "name_ar": "محطة مياه الرقة",
            "name_en": "Raqqa water station", "damage": "destroyed", "out_of_service": "yes",
            "date": "2016-05-03", "governorate": "SY11",
        }),
        ws.validate("facility_attack", {"incident_id": I3, "category": "bridge"}),
    ]
    ws.save_many(records)
    return {r.id: r for r in records}


def write_xlsx(path: Path, sheets: dict[str, list[list[Any]]]) -> Path:
    workbook = openpyxl.Workbook()
    workbook.remove(workbook.active)
    for title, rows in sheets.items():
        sheet = workbook.create_sheet(title)
        for row in rows:
            sheet.append(row)
    workbook.save(path)
    return path


def write_csvs(folder: Path, files: dict[str, list[list[Any]]], *, bom: bool = False) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    for name, rows in files.items():
        with (folder / name).open("w", encoding="utf-8-sig" if bom else "utf-8", newline="") as f:
            csv.writer(f).writerows(rows)
    return folder


def read_xlsx(path: Path) -> dict[str, list[tuple[Any, ...]]]:
    workbook = openpyxl.load_workbook(path, read_only=True)
    try:
        return {t: list(workbook[t].iter_rows(values_only=True)) for t in workbook.sheetnames}
    finally:
        workbook.close()


def read_csv(path: Path) -> list[list[str]]:
    with path.open(encoding="utf-8-sig", newline="") as f:
        return list(csv.reader(f))


def where(report: ImportReport) -> set[tuple[str, int, str, str]]:
    return {(p.sheet, p.row, p.column, p.message.code) for p in report.problems}


def counts(report: ImportReport, kind: str) -> tuple[int, int, int, int]:
    c = report.counts[kind]
    return c.created, c.updated, c.unchanged, c.rejected


# -- round trips -----------------------------------------------------------------------------------


@pytest.mark.parametrize("name", ["export.xlsx", "export"])
def test_export_then_import_into_a_fresh_database_gives_identical_records(
    workspace: Workspace, fresh: Workspace, tmp_path: Path, name: str
) -> None:
    populate(workspace)
    target = tmp_path / name
    exported = export_spreadsheet(workspace, target)
    assert exported.counts == {"incident": 3, "victim": 3, "facility_attack": 2}
    assert "3 incidents, 3 victims and 2 facility attacks" in exported.render("en")
    assert "الضحايا 3" in exported.render("ar")

    report = import_spreadsheet(fresh, target)
    assert report.ok and report.applied and not report.problems
    assert counts(report, "incident") == (3, 0, 0, 0)
    assert counts(report, "victim") == (3, 0, 0, 0)
    assert counts(report, "facility_attack") == (2, 0, 0, 0)
    assert facts(fresh) == facts(workspace)
    assert fresh.check() == []
    month = fresh.get("incident", I2)
    assert isinstance(month, Incident) and month.date_precision == "month"


def test_xlsx_export_writes_the_documented_columns_and_text_cells(
    workspace: Workspace, tmp_path: Path
) -> None:
    populate(workspace)
    sheets = read_xlsx(export_spreadsheet(workspace, tmp_path / "out.xlsx").target)
    assert list(sheets) == ["incidents", "victims", "facility_attacks"]
    assert sheets["incidents"][0][:14] == (
        "id", "date", "governorate", "district", "subdistrict", "community", "place_ar",
        "place_en", "perpetrator", "attack_type", "acknowledged", "description_ar",
        "description_en", "sources",
    )
    assert sheets["incidents"][0][14:] == ("researcher",)
    assert sheets["victims"][0] == (
        "id", "incident_id", "name_ar", "name_en", "father_name", "family_name", "sex", "age",
        "age_group", "status", "category", "date_of_death", "governorate", "place_ar",
        "place_en", "origin_governorate", "notes", "mother_name",
    )
    assert sheets["facility_attacks"][0] == (
        "id", "incident_id", "category", "name_ar", "name_en", "damage", "out_of_service",
        "date", "governorate",
    )
    incidents = {row[0]: row for row in sheets["incidents"][1:]}
    assert [incidents[i][1] for i in (I1, I2, I3)] == ["2016-05-03", "2016-05", "2013"]
    assert incidents[I2][2] == "SY02" and incidents[I2][8] == "russian_forces"
    # Carriage returns and control characters in the format's own escape, as Excel writes them.
    assert incidents[I1][12] == "Line one_x000D_\nline two"
    assert incidents[I3][13] == "control_x000B_character, tab\there, literal _x005F_x0041_ escape"
    victims = {row[0]: row for row in sheets["victims"][1:]}
    assert victims[V1][2] == "أحمد عبد الرحمن الخطيب" and victims[V1][7] == 34
    assert victims[V1][16] == "=SUM(A1:A3) ليست صيغة\nسطر ثانٍ"  # text, not a formula
    assert victims[V1][17] == "فاطمة"
    assert victims[V2][8] == "child" and victims[V2][10] == "medical"


def test_csv_export_is_utf8_with_bom_and_reads_back(workspace: Workspace, tmp_path: Path) -> None:
    populate(workspace)
    folder = tmp_path / "csv"
    export_spreadsheet(workspace, folder)
    assert sorted(p.name for p in folder.iterdir()) == [
        "facility_attacks.csv", "incidents.csv", "victims.csv",
    ]
    for path in folder.iterdir():
        assert path.read_bytes().startswith(b"\xef\xbb\xbf"), path
    incidents = read_csv(folder / "incidents.csv")
    assert incidents[0] == [c.field for c in COLUMNS["incident"]]
    by_id = {row[0]: row for row in incidents[1:]}
    assert by_id[I1][11] == "غارة على السوق\nالسطر الثاني"
    assert by_id[I3][1] == "2013"
    victims = {row[0]: row for row in read_csv(folder / "victims.csv")[1:]}
    assert victims[V2][2] == "سلمى خالد العمر" and victims[V2][7] == "9"
    assert victims[V3][7] == "" and victims[V3][3] == "Unknown man"


@pytest.mark.parametrize("name", ["export.xlsx", "export"])
def test_reimporting_an_export_changes_nothing(
    workspace: Workspace, tmp_path: Path, name: str
) -> None:
    populate(workspace)
    target = export_spreadsheet(workspace, tmp_path / name).target
    before = state(workspace), facts(workspace)
    report = import_spreadsheet(workspace, target)
    assert report.ok and report.operations == 0
    assert counts(report, "incident") == (0, 0, 3, 0)
    assert counts(report, "victim") == (0, 0, 3, 0)
    assert counts(report, "facility_attack") == (0, 0, 2, 0)
    assert (state(workspace), facts(workspace)) == before


def test_importing_the_same_file_twice_is_idempotent(fresh: Workspace, tmp_path: Path) -> None:
    source = write_csvs(tmp_path / "in", {
        "incidents.csv": [["id", "date", "governorate"], [I1, "2016-05-03", "SY11"]],
        "victims.csv": [["id", "incident_id", "name_ar"], [V1, I1, "أحمد"]],
    })
    assert import_spreadsheet(fresh, source).operations == 2
    before = state(fresh)
    again = import_spreadsheet(fresh, source)
    assert again.ok and again.operations == 0 and counts(again, "victim") == (0, 0, 1, 0)
    assert state(fresh) == before


# -- Arabic and English, labels and names ----------------------------------------------------------


def test_arabic_sheet_names_headers_labels_and_governorate_names(
    fresh: Workspace, tmp_path: Path
) -> None:
    district = gazetteer().children("SY11")[0]
    source = write_xlsx(tmp_path / "arabic.xlsx", {
        "الحوادث": [
            ["المعرّف", "التاريخ", "المحافظة", "المنطقة", "المكان بالعربية", "المكان بالإنجليزية",
             "الجهة المرتكبة", "نوع الهجوم", "اعتراف الجهة المرتكبة", "الوصف بالعربيه", "المصادر"],
            [I1, "٢٠١٦-٠٥", "الرقة", district.name_ar, "حي الرميلة", "Rumaila",
             "قوات النظام السوري", "برميل متفجر", "لا", "برميل على الحي", "ناشطون"],
        ],
        "الضحايا": [
            ["المعرف", "معرف الحادثة", "الاسم بالعربية", "اسم الاب", "الكنيه", "اسم الام", "الجنس",
             "العمر", "الصفة", "الفئة الخاصة", "تاريخ الوفاة", "محافظة الوفاة", "محافظة الاصل"],
            [V1, I1, "مريم سعيد الحسين", "سعيد", "الحسين", "هدى", "أنثى", "٣٤", "مدني",
             "كوادر إعلامية", "٢٠١٦-٠٥-٠٣", "محافظة حلب", "Deir ez-Zor"],
        ],
        "المنشآت": [
            ["المعرف", "معرف الحادثة", "فئة المنشأة", "اسم المنشأة بالعربية", "الضرر",
             "خارج الخدمة", "المحافظة"],
            [F1, I1, "جسر", "جسر الرشيد", "دمار كامل", "نعم", "Idlib"],
        ],
    })
    report = import_spreadsheet(fresh, source)
    assert report.ok, report.render("en")
    incident = fresh.get("incident", I1)
    assert isinstance(incident, Incident)
    assert (incident.date_text(), incident.governorate, incident.district) == (
        "2016-05", "SY11", district.pcode)
    assert (incident.perpetrator, incident.attack_type, incident.acknowledged) == (
        "syrian_regime", "barrel_bomb", "no")
    assert (incident.place_en, incident.description_ar) == ("Rumaila", "برميل على الحي")
    victim = fresh.get("victim", V1)
    assert isinstance(victim, Victim)
    assert (victim.sex, victim.age, victim.age_group, victim.status, victim.category) == (
        "female", 34, "adult", "civilian", "media")
    assert (victim.governorate, victim.origin_governorate) == ("SY02", "SY09")
    assert (victim.mother_name, victim.family_name) == ("هدى", "الحسين")
    assert victim.date_of_death == dt.date(2016, 5, 3)
    facility = fresh.get("facility_attack", F1)
    assert isinstance(facility, FacilityAttack)
    assert (facility.category, facility.damage, facility.out_of_service, facility.governorate) == (
        "bridge", "destroyed", "yes", "SY07")


def test_csv_without_bom_english_labels_and_loose_headers(fresh: Workspace, tmp_path: Path) -> None:
    source = write_csvs(tmp_path / "in", {
        "Incidents.CSV": [
            ["ID", " Date ", "Governorate", "Perpetrator", "Attack Type", "acknowledged"],
            [I1, "3/5/2016", "Raqqa", "Russian forces", "Airstrike", "Yes"],
        ],
        "victims.csv": [
            ["id", "Incident_ID", "Name EN", "sex", "status", "age_group", "category"],
            [V1, I1, "Ahmad Al-Ali", "Male", "Civilian", "Child", "Civil defence worker"],
        ],
    }, bom=False)
    report = import_spreadsheet(fresh, source)
    assert report.ok, report.render("en")
    incident = fresh.get("incident", I1)
    assert isinstance(incident, Incident)
    assert (incident.date, incident.governorate, incident.perpetrator, incident.attack_type,
            incident.acknowledged) == (dt.date(2016, 5, 3), "SY11", "russian_forces", "airstrike",
                                       "yes")
    victim = fresh.get("victim", V1)
    assert isinstance(victim, Victim)
    assert (victim.sex, victim.status, victim.age_group, victim.category) == (
        "male", "civilian", "child", "civil_defence")


def test_semicolon_separated_csv(fresh: Workspace, tmp_path: Path) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "incidents.csv").write_text(
        f"id;date;governorate;place_ar\n{I1};2016-05-03;حمص;حي، بابا عمرو\n", encoding="utf-8"
    )
    assert import_spreadsheet(fresh, folder).ok
    incident = fresh.get("incident", I1)
    assert isinstance(incident, Incident) and incident.place_ar == "حي، بابا عمرو"
    assert incident.governorate == "SY04"


def test_workbook_written_by_libreoffice_with_arabic_headers(fresh: Workspace) -> None:
    fresh.save(fresh.validate("incident", incident_data(id=I1)))
    report = import_spreadsheet(fresh, DATA / "libreoffice_arabic_headers.xlsx")
    assert report.ok, report.render("en")
    assert counts(report, "victim") == (3, 0, 0, 0)
    first, second, third = (fresh.get("victim", v) for v in (V1, V2, V3))
    assert isinstance(first, Victim) and isinstance(second, Victim) and isinstance(third, Victim)
    assert (first.name_ar, first.name_en, first.father_name, first.family_name) == (
        "محمد أحمد العلي", "Mohammad Ahmad Al-Ali", "أحمد", "العلي")
    assert (first.sex, first.age, first.age_group, first.status, first.category) == (
        "male", 34, "adult", "civilian", "none")
    assert (first.date_of_death, first.governorate, first.origin_governorate) == (
        dt.date(2016, 5, 3), "SY11", "SY02")
    assert (first.place_ar, first.notes) == ("حي الرميلة", "أصيب في الغارة الأولى")
    assert (second.sex, second.age, second.age_group, second.category) == (
        "female", 12, "child", "medical")
    assert (second.date_of_death, second.governorate, second.origin_governorate) == (
        dt.date(2016, 5, 4), "SY11", "SY07")
    assert (third.status, third.age, third.governorate, third.date_of_death) == (
        "unknown", None, "SY11", None)


# -- numbers and dates as Excel stores them --------------------------------------------------------


def test_excel_number_and_date_cells(fresh: Workspace, tmp_path: Path) -> None:
    source = write_xlsx(tmp_path / "typed.xlsx", {
        "incidents": [
            ["id", "date", "governorate"],
            [I1, dt.datetime(2016, 5, 3), "SY11"],
            [I2, "٢٠١٦-٠٥", "SY02"],
            [I3, 2013, "SY07"],
        ],
        "victims": [
            ["id", "incident_id", "name_ar", "age", "date_of_death", "notes"],
            [V1, I1, "أحمد", 34.0, dt.datetime(2016, 5, 3), 12.0],
            [V2, I1, "سلمى", "٩", dt.date(2016, 5, 3), None],
        ],
    })
    report = import_spreadsheet(fresh, source)
    assert report.ok, report.render("en")
    incidents = [fresh.get("incident", i) for i in (I1, I2, I3)]
    assert [i.date_text() for i in incidents if isinstance(i, Incident)] == [
        "2016-05-03", "2016-05", "2013"]
    first, second = fresh.get("victim", V1), fresh.get("victim", V2)
    assert isinstance(first, Victim) and isinstance(second, Victim)
    assert (first.age, first.date_of_death, first.notes) == (34, dt.date(2016, 5, 3), "12")
    assert (second.age, second.age_group, second.date_of_death) == (9, "child", dt.date(2016, 5, 3))


# -- problems --------------------------------------------------------------------------------------


def faulty_workbook(tmp_path: Path) -> Path:
    return write_xlsx(tmp_path / "faulty.xlsx", {
        "incidents": [
            ["id", "date", "governorate", "perpetrator"],
            [I1, "2016-05-03", "SY11", "isis"],
            [I2, "2016-13-45", "Atlantis", "isis"],
            [I3, "2016", "حماة", "isis"],
        ],
        "victims": [
            ["id", "incident_id", "name_ar", "sex", "age"],
            [V1, I1, "أحمد", "ذكر", 30],
            [V2, I1, "سامر", "robot", "abc"],
            [V3, NOWHERE, "خالد", "ذكر", 40],
            [V4, I2, "هدى", "أنثى", 20],
        ],
        "facility_attacks": [
            ["id", "incident_id", "category", "damage"],
            [F1, I3, "", "severe"],
        ],
    })


EXPECTED_PROBLEMS = {
    ("incidents", 3, "date", "not_a_date"),
    ("incidents", 3, "governorate", "unknown_pcode"),
    ("victims", 3, "sex", "unknown_code"),
    ("victims", 3, "age", "not_an_integer"),
    ("victims", 4, "incident_id", "unknown_incident"),
    ("facility_attacks", 2, "category", "required"),
}


def test_any_invalid_row_changes_nothing_and_every_problem_is_reported(
    workspace: Workspace, tmp_path: Path
) -> None:
    populate(workspace)
    before = state(workspace), facts(workspace)
    report = import_spreadsheet(workspace, faulty_workbook(tmp_path))
    assert not report.ok and not report.applied
    assert where(report) == EXPECTED_PROBLEMS
    assert (state(workspace), facts(workspace)) == before
    assert counts(report, "victim") == (0, 0, 0, 2)

    english, arabic = report.render("en"), report.render("ar")
    assert english.startswith("6 problems found; nothing was imported.")
    assert "incidents, row 3, column “date”: “2016-13-45” is not a date" in english
    assert "victims, row 4, column “incident_id”: No incident with id " + NOWHERE in english
    assert "facility_attacks, row 2, column “category”: This field is required." in english
    assert arabic.startswith("عدد المشكلات: 6؛ لم يُستورد شيء.")
    assert "incidents، الصف 3، العمود «date»: «2016-13-45» ليس تاريخاً صالحاً" in arabic
    assert "victims، الصف 3، العمود «sex»: «robot» ليست قيمة معروفة في قائمة الجنس" in arabic
    assert "facility_attacks، الصف 2، العمود «category»: هذا الحقل مطلوب." in arabic


def test_problems_name_the_columns_as_the_file_writes_them(
    fresh: Workspace, tmp_path: Path
) -> None:
    source = write_xlsx(tmp_path / "arabic.xlsx", {
        "الضحايا": [
            ["المعرف", "معرف الحادثة", "الاسم بالعربية", "العمر"],
            [V1, NOWHERE, "أحمد", "كبير"],
        ],
    })
    report = import_spreadsheet(fresh, source)
    assert where(report) == {
        ("الضحايا", 2, "العمر", "not_an_integer"),
        ("الضحايا", 2, "معرف الحادثة", "unknown_incident"),
    }
    assert "الضحايا، الصف 2، العمود «العمر»: «كبير» ليس عدداً صحيحاً." in report.render("ar")


def test_unknown_and_missing_columns_are_reported_in_row_one(
    fresh: Workspace, tmp_path: Path
) -> None:
    source = write_csvs(tmp_path / "in", {
        "incidents.csv": [["id", "date", "colour"], [I1, "2016-05-03", "red"]],
        "victims.csv": [["id", "incident_id", "الاسم بالعربية", "name_ar"], [V1, I1, "أ", "ب"]],
    })
    report = import_spreadsheet(fresh, source, keep_valid=True)
    assert not report.ok and not report.applied
    assert where(report) == {
        ("incidents.csv", 1, "colour", "unknown_column"),
        ("incidents.csv", 1, "governorate", "missing_column"),
        ("victims.csv", 1, "name_ar", "sheet_duplicate_column"),
    }
    assert fresh.counts() == dict.fromkeys(KINDS, 0)


def test_duplicate_ids_in_the_file(fresh: Workspace, tmp_path: Path) -> None:
    source = write_csvs(tmp_path / "in", {
        "incidents.csv": [["id", "date", "governorate"], [I1, "2016-05-03", "SY11"]],
        "victims.csv": [
            ["id", "incident_id", "name_ar"],
            [V1, I1, "أحمد"],
            [V2, I1, "سامر"],
            [V1.upper(), I1, "خالد"],
        ],
    })
    report = import_spreadsheet(fresh, source)
    assert where(report) == {
        ("victims.csv", 2, "id", "duplicate_id"),
        ("victims.csv", 4, "id", "duplicate_id"),
    }
    assert fresh.store.operation_count() == 0


def test_victims_for_incidents_in_the_database_or_unknown(
    workspace: Workspace, tmp_path: Path
) -> None:
    populate(workspace)
    workspace.delete("incident", I3)
    source = write_csvs(tmp_path / "in", {
        "victims.csv": [
            ["incident_id", "name_ar"],
            [I1, "ضحية لحادثة موجودة"],
            [NOWHERE, "ضحية لحادثة مجهولة"],
            [I3, "ضحية لحادثة محذوفة"],
        ],
    })
    report = import_spreadsheet(workspace, source)
    assert where(report) == {
        ("victims.csv", 3, "incident_id", "unknown_incident"),
        ("victims.csv", 4, "incident_id", "unknown_incident"),
    }
    report = import_spreadsheet(workspace, source, keep_valid=True)
    assert counts(report, "victim") == (1, 0, 0, 2)
    added = [v for v in workspace.store.rows("victim") if v["name_ar"] == "ضحية لحادثة موجودة"]
    assert len(added) == 1 and is_record_id(added[0]["id"]) and added[0]["id"][14] == "7"
    assert added[0]["incident_id"] == I1


def test_deleted_records_are_not_brought_back(workspace: Workspace, tmp_path: Path) -> None:
    populate(workspace)
    target = export_spreadsheet(workspace, tmp_path / "before.xlsx").target
    workspace.delete("victim", V2)
    before = state(workspace)
    report = import_spreadsheet(workspace, target)
    assert where(report) == {("victims", 3, "id", "record_deleted")}
    assert state(workspace) == before


def test_an_update_keeps_what_the_sheet_has_no_column_for(
    workspace: Workspace, tmp_path: Path
) -> None:
    populate(workspace)
    source = write_csvs(tmp_path / "in", {
        "victims.csv": [["id", "incident_id", "status", "age"], [V1, I1, "non_civilian", 35]],
    })
    report = import_spreadsheet(workspace, source)
    assert report.ok and counts(report, "victim") == (0, 1, 0, 0)
    victim = workspace.get("victim", V1)
    assert isinstance(victim, Victim)
    assert (victim.status, victim.age, victim.age_group) == ("non_civilian", 35, "adult")
    assert (victim.name_ar, victim.mother_name, victim.notes) == (
        "أحمد عبد الرحمن الخطيب", "فاطمة", "=SUM(A1:A3) ليست صيغة\nسطر ثانٍ")


# -- keep_valid and rejects ------------------------------------------------------------------------


def test_keep_valid_imports_the_valid_rows_and_writes_rejects_xlsx(
    fresh: Workspace, tmp_path: Path
) -> None:
    rejects = tmp_path / "rejects.xlsx"
    report = import_spreadsheet(fresh, faulty_workbook(tmp_path), keep_valid=True, rejects=rejects)
    assert not report.ok and report.applied
    assert where(report) == EXPECTED_PROBLEMS | {
        ("victims", 5, "incident_id", "sheet_incident_rejected"),
    }
    assert counts(report, "incident") == (2, 0, 0, 1)
    assert counts(report, "victim") == (1, 0, 0, 3)
    assert counts(report, "facility_attack") == (0, 0, 0, 1)
    assert sorted(r["id"] for r in fresh.store.rows("incident")) == [I1, I3]
    assert [r["id"] for r in fresh.store.rows("victim")] == [V1]
    assert fresh.check() == []
    assert "Imported the valid rows" in report.render("en")
    assert str(rejects) in report.render("ar")

    sheets = read_xlsx(rejects)
    assert sheets["incidents"][0] == ("id", "date", "governorate", "perpetrator", "problems")
    assert sheets["incidents"][1][:4] == (I2, "2016-13-45", "Atlantis", "isis")
    assert "date: “2016-13-45” is not a date" in sheets["incidents"][1][4]
    assert "governorate: “Atlantis” is not a known governorate" in sheets["incidents"][1][4]
    assert [row[0] for row in sheets["victims"][1:]] == [V2, V3, V4]
    assert sheets["victims"][1][:5] == (V2, I1, "سامر", "robot", "abc")
    assert "incident_id: Its incident" in sheets["victims"][3][5]
    assert sheets["facility_attacks"][1][:4] == (F1, I3, None, "severe")


def test_keep_valid_rejects_as_csv_in_the_files_language(fresh: Workspace, tmp_path: Path) -> None:
    source = write_csvs(tmp_path / "in", {
        "الضحايا.csv": [
            ["معرف الحادثة", "الاسم بالعربية", "العمر"],
            [NOWHERE, "أحمد", "٣٠"],
        ],
        "incidents.csv": [["id", "date", "governorate"], [I1, "2016-05-03", "SY11"]],
    })
    rejects = tmp_path / "rejects"
    report = import_spreadsheet(fresh, source, keep_valid=True, rejects=rejects)
    assert counts(report, "incident") == (1, 0, 0, 0)
    assert sorted(p.name for p in rejects.iterdir()) == ["incidents.csv", "الضحايا.csv"]
    assert read_csv(rejects / "incidents.csv") == [["id", "date", "governorate", "problems"]]
    rows = read_csv(rejects / "الضحايا.csv")
    assert rows[0] == ["معرف الحادثة", "الاسم بالعربية", "العمر", "problems"]
    assert rows[1][:3] == [NOWHERE, "أحمد", "٣٠"]
    assert rows[1][3] == f"معرف الحادثة: لا توجد حادثة بالمعرّف {NOWHERE}."


def test_a_rejects_file_can_be_fixed_and_imported(fresh: Workspace, tmp_path: Path) -> None:
    rejects = tmp_path / "rejects"
    source = write_csvs(tmp_path / "in", {
        "incidents.csv": [["id", "date", "governorate"], [I1, "2016-15-03", "SY11"]],
    })
    import_spreadsheet(fresh, source, keep_valid=True, rejects=rejects)
    rows = read_csv(rejects / "incidents.csv")
    rows[1][1] = "2016-05-03"
    write_csvs(rejects, {"incidents.csv": rows})
    report = import_spreadsheet(fresh, rejects)
    assert report.ok and counts(report, "incident") == (1, 0, 0, 0)


# -- files that cannot be read ---------------------------------------------------------------------


def test_unreadable_sources_are_bilingual_user_errors(workspace: Workspace, tmp_path: Path) -> None:
    def code(source: Path) -> str:
        with pytest.raises(UserError) as caught:
            import_spreadsheet(workspace, source)
        assert caught.value.render("ar") != caught.value.render("en")
        return caught.value.message.code

    assert code(tmp_path / "missing.xlsx") == "file_not_found"
    text = tmp_path / "text.xlsx"
    text.write_text("id,date\n", encoding="utf-8")
    assert code(text) == "sheet_not_xlsx"
    good = export_spreadsheet(workspace, tmp_path / "good.xlsx").target
    broken = tmp_path / "broken.xlsx"
    broken.write_bytes(good.read_bytes()[: good.stat().st_size // 2])
    assert code(broken) == "sheet_not_xlsx"
    assert code(write_xlsx(tmp_path / "other.xlsx", {"Sheet1": [["id"]]})) == "missing_sheet"
    (tmp_path / "empty").mkdir()
    assert code(tmp_path / "empty") == "sheet_missing_csv"
    ods = tmp_path / "data.ods"
    ods.write_bytes(b"PK")
    assert code(ods) == "unsupported_file"
    latin = write_csvs(tmp_path / "latin", {})
    (latin / "victims.csv").write_bytes("incident_id,name_ar\n1,أحمد\n".encode("cp1256"))
    assert code(latin) == "sheet_csv_not_utf8"
    assert workspace.store.operation_count() == 0


def test_rejects_may_not_overwrite_the_source(workspace: Workspace, tmp_path: Path) -> None:
    source = export_spreadsheet(workspace, tmp_path / "x.xlsx").target
    with pytest.raises(UserError) as caught:
        import_spreadsheet(workspace, source, keep_valid=True, rejects=source)
    assert caught.value.message.code == "sheet_rejects_is_source"


# -- progress --------------------------------------------------------------------------------------


def test_progress_is_reported_up_to_the_total(
    workspace: Workspace, fresh: Workspace, tmp_path: Path
) -> None:
    incident = workspace.validate("incident", incident_data())
    victims = [
        workspace.validate("victim", victim_data(incident.id, name_ar=f"ضحية {n}"))
        for n in range(2500)
    ]
    workspace.save_many([incident, *victims])
    calls: list[tuple[int, int]] = []
    target = tmp_path / "out"
    export_spreadsheet(workspace, target, progress=lambda d, t: calls.append((d, t)))
    assert calls[-1] == (2501, 2501) and len(calls) >= 3
    calls.clear()
    shutil.copytree(target, tmp_path / "copy")
    import_spreadsheet(fresh, tmp_path / "copy", progress=lambda d, t: calls.append((d, t)))
    assert calls[-1] == (2501, 2501) and len(calls) >= 3
    assert [d for d, _ in calls] == sorted(d for d, _ in calls)
