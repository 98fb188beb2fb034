"""Record lists: filters, name search in either script, sorting and paging."""

from __future__ import annotations

import pytest

from snhr_desktop.services import browse
from snhr_desktop.services.browse import ListFilter, RecordList
from snhr_desktop.services.workspace import Workspace
from tests.conftest import incident_data, victim_data

NAMES = [
    ("أحمد عبد الرحمن الخطيب", "Ahmad Al-Khateeb", 34, "civilian"),
    ("احمد الخطيب", None, 8, "civilian"),
    ("فاطمة الخطيب", "Fatima Al-Khatib", 30, "civilian"),
    ("محمد العلي", "Mohammed Al-Ali", 25, "non_civilian"),
    ("إبراهيم حسن", None, 60, "civilian"),
]


@pytest.fixture
def filled(workspace: Workspace) -> Workspace:
    incident = workspace.validate("incident", incident_data())
    other = workspace.validate("incident", incident_data(governorate="SY02", perpetrator="isis"))
    victims = [
        workspace.validate(
            "victim",
            victim_data(
                (incident if i % 2 == 0 else other).id,
                name_ar=ar, name_en=en, age=age, status=status,
                governorate="SY11" if i % 2 == 0 else "SY02",
            ),
        )
        for i, (ar, en, age, status) in enumerate(NAMES)
    ]
    workspace.save_many([incident, other, *victims])
    return workspace


def names(rows: list[dict[str, object]]) -> list[object]:
    return [row["name_ar"] for row in rows]


@pytest.mark.parametrize("few", [0, 5_000])  # both query plans give the same answers
@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("احمد", {"أحمد عبد الرحمن الخطيب", "احمد الخطيب"}),
        ("خطيب", {"أحمد عبد الرحمن الخطيب", "احمد الخطيب", "فاطمة الخطيب"}),
        ("الخطيب فاطمه", {"فاطمة الخطيب"}),
        ("khatib", {"أحمد عبد الرحمن الخطيب", "فاطمة الخطيب"}),
        ("Muhammad", {"محمد العلي"}),
        ("زيد", set()),
    ],
)
def test_name_search(filled: Workspace, monkeypatch: pytest.MonkeyPatch, few: int, text: str,
                     expected: set[str]) -> None:
    monkeypatch.setattr(browse, "FEW_MATCHES", few)
    for sort in ("name", "age", None):
        listing = RecordList(filled, "victim", ListFilter(text=text), sort=sort)
        rows = listing.page(0, 100)
        assert set(names(rows)) == expected
        assert listing.count() == len(expected)


def test_search_with_other_filters(filled: Workspace) -> None:
    listing = RecordList(filled, "victim", ListFilter(text="خطيب", perpetrators=("isis",)))
    assert names(listing.page(0, 10)) == ["احمد الخطيب"]
    assert listing.count() == 1
    civilians = RecordList(filled, "victim", ListFilter(statuses=("non_civilian",)))
    assert names(civilians.page(0, 10)) == ["محمد العلي"]


def test_arabic_alphabetical_order_and_paging(filled: Workspace) -> None:
    listing = RecordList(filled, "victim", sort="name")
    everything = names(listing.page(0, 100))
    # hamza forms sort with alef: إبراهيم, أحمد, احمد before فاطمة and محمد
    assert everything == ["إبراهيم حسن", "احمد الخطيب", "أحمد عبد الرحمن الخطيب", "فاطمة الخطيب",
                          "محمد العلي"]
    assert names(listing.page(1, 2)) == everything[1:3]
    descending = RecordList(filled, "victim", sort="name", descending=True)
    assert names(descending.page(0, 100)) == everything[::-1]


def test_deleted_records_leave_the_lists(filled: Workspace) -> None:
    listing = RecordList(filled, "victim", ListFilter(text="فاطمة"))
    (row,) = listing.page(0, 10)
    filled.delete("victim", str(row["id"]))
    assert RecordList(filled, "victim", ListFilter(text="فاطمة")).count() == 0
    assert RecordList(filled, "victim").count() == len(NAMES) - 1


def test_place_search_ignores_spelling_variants(filled: Workspace) -> None:
    # The incidents were saved with place_ar "حي الرميلة" (taa marbuta).
    found = RecordList(filled, "incident", ListFilter(text="الرميله")).page(0, 10)
    assert len(found) == 2 and all(row["place_ar"] == "حي الرميلة" for row in found)
    assert RecordList(filled, "incident", ListFilter(text="بستان")).count() == 0
