"""The Summary page: its figures, drilling down from cards and bars, methodology, sheets, language."""

from __future__ import annotations

import datetime as dt
import re
import shutil
import subprocess
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import QPoint, Qt
from PySide6.QtPrintSupport import QPrinter
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QWidget

from snhr_desktop.domain.records import PairDecision
from snhr_desktop.i18n import LanguageManager
from snhr_desktop.services.demo import fill_demo
from snhr_desktop.services.headline import format_number, headline
from snhr_desktop.services.settings import Preferences
from snhr_desktop.services.summary import SummaryFilters, drill, summarise
from snhr_desktop.services.workspace import Workspace
from snhr_desktop.ui import summary_view
from snhr_desktop.ui.main_window import MainWindow
from snhr_desktop.ui.methodology_dialog import MethodologyDialog
from snhr_desktop.ui.summary_view import CARDS, DrillDownDialog, DrilledRecordsModel, SummaryPage

RTL = Qt.LayoutDirection.RightToLeft
LATIN = re.compile(r"[A-Za-z]")


@pytest.fixture
def demo(workspace: Workspace) -> Workspace:
    fill_demo(workspace, victims=400, seed=11)
    return workspace


@pytest.fixture
def window(qtbot, demo: Workspace, languages: LanguageManager) -> Iterator[MainWindow]:
    main = MainWindow(demo, languages, Preferences(language="en"))
    qtbot.addWidget(main)
    main.resize(1280, 900)
    main.show()
    qtbot.waitExposed(main)
    yield main
    for widget in QApplication.topLevelWidgets():
        if widget is not main and widget.isVisible():
            widget.close()
    main.close()


@pytest.fixture
def page(qtbot, window: MainWindow) -> SummaryPage:
    shown = window.show_summary()
    qtbot.waitUntil(lambda: shown.summary is not None)
    return shown


def type_text(widget: QWidget, text: str) -> None:
    for ch in text:
        QTest.sendKeyEvent(
            QTest.KeyAction.Click, widget, Qt.Key.Key_unknown, ch, Qt.KeyboardModifier.NoModifier
        )


def card_number(page: SummaryPage, name: str) -> str:
    return page.cards[name].value_label.text()


def test_tab_menu_and_shortcut(qtbot, window: MainWindow) -> None:
    assert window.tabs.tabText(3) == "Summary"
    window.tabs.setCurrentIndex(0)
    window.tab_actions[3].trigger()
    assert window.tabs.currentWidget() is window.summary_page
    assert window.tab_actions[3].shortcut().toString() == "Ctrl+4"
    assert window.summary_page.export_action in window.file_menu.actions()
    assert window.methodology_action in window.tools_menu.actions()
    window.focus_search()  # nothing to search on the summary page: no error


def test_figures_match_the_service_for_the_filters(qtbot, page: SummaryPage, demo: Workspace) -> None:
    expected = summarise(demo)
    for name, _key, _code in CARDS:
        if name != "since":
            assert card_number(page, name) == format_number(summary_view.card_value(expected, name))
    assert not page.cards["since"].isVisible()
    assert page.headline_label.text() == headline(expected, "en")

    # Filters: two parties chosen in the menu, a period typed with Arabic-Indic digits, a sub-period.
    parties = list(page.filter_bar.perpetrators.actions_by_code)[:2]
    for code in parties:
        page.filter_bar.perpetrators.actions_by_code[code].setChecked(True)
    page.filter_bar.date_from.setFocus()
    type_text(page.filter_bar.date_from, "٢٠١٤")
    type_text(page.filter_bar.date_to, "2018-06")
    type_text(page.filter_bar.since, "2016-01-01")
    assert page.filter_bar.date_from.text() == "2014"
    page.filter_bar.now()
    filters = SummaryFilters(
        perpetrators=tuple(parties),
        date_from=dt.date(2014, 1, 1),
        date_to=dt.date(2018, 6, 30),
        since=dt.date(2016, 1, 1),
    )
    expected = summarise(demo, filters)
    assert page.filters_used == filters.validated()
    for name in ("civilians_killed", "children", "women", "men", "massacres", "facility_attacks"):
        assert card_number(page, name) == format_number(summary_view.card_value(expected, name))
    assert page.cards["since"].isVisible()
    assert card_number(page, "since").startswith(format_number(expected.since.civilians_killed))
    assert page.headline_label.text() == headline(expected, "en")

    # A sub-period outside the period is refused with the service's message.
    page.filter_bar.since.setText("2010-01-01")
    page.filter_bar.now()
    assert page.error_label.isVisible()
    assert "outside" in page.error_label.text()


def test_clicking_the_children_card_lists_exactly_the_drilled_ids(
    qtbot, page: SummaryPage, demo: Workspace, monkeypatch: pytest.MonkeyPatch
) -> None:
    shown: list[DrillDownDialog] = []
    original = page.drill_key
    monkeypatch.setattr(page, "drill_key", lambda *a: shown.append(original(*a)) or shown[-1])
    card = page.cards["children"]
    qtbot.mouseClick(card, Qt.MouseButton.LeftButton, pos=card.rect().center())
    assert len(shown) == 1
    dialog = shown[0]
    expected = drill(demo, SummaryFilters(), "children")
    assert dialog.model.ids == expected
    assert dialog.model.rowCount() == len(expected) == summarise(demo).children
    listed = [dialog.model.data(dialog.model.index(r, 0), Qt.ItemDataRole.UserRole)
              for r in range(dialog.model.rowCount())]
    assert listed == expected

    # Double-click opens the record form of that victim.
    opened: list[tuple[str, str]] = []
    monkeypatch.setattr(
        summary_view, "open_form", lambda ws, kind, record_id, parent=None: opened.append(
            (kind, record_id)
        )
    )
    rect = dialog.view.visualRect(dialog.model.index(0, 1))
    qtbot.waitExposed(dialog)
    qtbot.mousePress(dialog.view.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    qtbot.mouseDClick(dialog.view.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    assert opened[0] == ("victim", expected[0])
    dialog.close()


def test_clicking_a_governorate_bar_drills_down(
    qtbot, page: SummaryPage, demo: Workspace
) -> None:
    chart = page.governorate_chart
    page.scroll.ensureWidgetVisible(chart)
    QApplication.processEvents()
    first = chart.rows[0]
    with qtbot.wait_signal(chart.drill_requested) as blocker:
        point = chart.bar_centre(0).toPoint()
        qtbot.mouseClick(chart.viewport(), Qt.MouseButton.LeftButton, pos=point)
    assert blocker.args == [first.key]
    code = first.key.partition(":")[2]
    dialogs = [w for w in QApplication.topLevelWidgets() if isinstance(w, DrillDownDialog)]
    assert len(dialogs) == 1
    ids = drill(demo, SummaryFilters(), f"civilians_by_governorate:{code}")
    assert dialogs[0].model.ids == ids
    assert len(ids) == first.count
    dialogs[0].close()


def test_methodology_change_changes_massacres(qtbot, page: SummaryPage, demo: Workspace) -> None:
    before = summarise(demo).massacres
    dialog = page.edit_methodology()
    assert isinstance(dialog, MethodologyDialog)
    # A number out of range is refused in the active language; the dialog stays open.
    dialog.threshold.clear()
    type_text(dialog.threshold, "١")
    assert dialog.threshold.text() == "1"
    dialog.buttons.button(dialog.buttons.StandardButton.Ok).click()
    assert dialog.isVisible()
    assert "from 2 to 100" in dialog.error_label.text()
    dialog.threshold.clear()
    type_text(dialog.threshold, "٢")
    with qtbot.wait_signal(dialog.finished):
        dialog.buttons.button(dialog.buttons.StandardButton.Ok).click()
    assert demo.methodology.massacre_threshold == 2
    after = summarise(demo).massacres
    assert after > before
    assert card_number(page, "massacres") == format_number(after)
    assert "at least 2 civilians" in page.methodology_label.text()


def test_export_pdf_writes_the_figures(
    qtbot, page: SummaryPage, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    target = tmp_path / "sheet.pdf"
    monkeypatch.setattr(summary_view.SheetFiles, "choose", classmethod(lambda cls, *a: target))
    assert page.export_action.isEnabled()
    page.export_action.trigger()
    assert target.exists() and target.read_bytes().startswith(b"%PDF")
    pdftotext = shutil.which("pdftotext")
    if pdftotext is None:
        pytest.skip("pdftotext (poppler-utils) is not installed")
    text = subprocess.run([pdftotext, "-enc", "UTF-8", str(target), "-"], check=True,
                          capture_output=True, text=True).stdout
    summary = page.summary
    assert summary is not None
    for value in (summary.civilians_killed, summary.children, summary.massacres):
        assert format_number(value) in text


def test_printing_paints_every_page(qtbot, page: SummaryPage, tmp_path: Path) -> None:
    printer = QPrinter(QPrinter.PrinterMode.ScreenResolution)
    printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
    printer.setOutputFileName(str(tmp_path / "printed.pdf"))
    pages = page.paint_sheet(printer)
    assert pages >= 2
    assert (tmp_path / "printed.pdf").stat().st_size > 10_000
    preview = page.print_preview()
    assert preview is not None and preview.isVisible()
    preview.close()


def test_language_switch_relabels_and_mirrors_the_page(
    qtbot, window: MainWindow, page: SummaryPage
) -> None:
    english_caption = page.cards["children"].caption_label.text()
    english_title = page.governorate_chart.chart().title()
    english_names = [row.label for row in page.governorate_chart.rows]
    window.set_language("ar")
    QApplication.processEvents()
    assert page.layoutDirection() == RTL
    assert window.tabs.tabText(3) == "الملخص"
    assert page.cards["children"].caption_label.text() == "الأطفال" != english_caption
    assert page.governorate_chart.chart().title() != english_title
    assert not any(LATIN.search(row.label) for row in page.governorate_chart.rows)
    assert [row.label for row in page.governorate_chart.rows] != english_names
    assert page.headline_label.text() == headline(page.summary, "ar")
    assert not LATIN.search(page.filter_bar.perpetrators.text())
    assert not LATIN.search(page.methodology_label.text())
    # Cards are laid out from the right: the first card is right of the second.
    first, second = page.cards["civilians_killed"], page.cards["children"]
    assert first.mapTo(page, QPoint(0, 0)).x() > second.mapTo(page, QPoint(0, 0)).x()
    # In the bar chart the names are on the right and bars grow leftwards.
    chart = page.governorate_chart
    assert chart.bar_centre(0).x() < chart._texts[-1][0].pos().x()
    window.set_language("en")
    assert page.cards["children"].caption_label.text() == english_caption


def test_drilled_records_model(qtmodeltester, demo: Workspace, languages) -> None:
    for key in ("children", "massacres", "facility_attacks"):
        ids = drill(demo, SummaryFilters(), key)
        kind = {"children": "victim", "massacres": "incident"}.get(key, "facility_attack")
        model = DrilledRecordsModel(demo, kind, ids)
        qtmodeltester.check(model)
        assert model.rowCount() == len(ids)
        for row in range(min(5, len(ids))):
            values: dict[str, Any] | None = model.row_values(row)
            assert values is not None and values["id"] == ids[row]
            for column in range(model.columnCount()):
                model.data(model.index(row, column))


def test_a_linked_pair_is_counted_once_and_said_so(
    qtbot, window: MainWindow, page: SummaryPage, demo: Workspace
) -> None:
    assert page.links_label.isHidden()
    before = summarise(demo).civilians_killed
    first, second = drill(demo, SummaryFilters(), "women")[:2]
    operation = demo.save(PairDecision.between(first, second, "same"))
    assert operation is not None
    summary = page.recompute()
    assert summary is not None and summary.links_applied == 1
    assert card_number(page, "civilians_killed") == format_number(before - 1)
    assert page.links_label.isVisible()
    assert "each person counts once: 1" in page.links_label.text()
    # The line's link lists the record left out (the larger id: the smaller one is counted).
    with qtbot.wait_signal(page.links_label.linkActivated, timeout=1000):
        page.links_label.linkActivated.emit("links_applied")
    dialogs = [w for w in QApplication.topLevelWidgets() if isinstance(w, DrillDownDialog)]
    assert len(dialogs) == 1
    assert dialogs[0].model.ids == [max(first, second)]
    assert "same person" in dialogs[0].windowTitle()
    dialogs[0].close()
    window.set_language("ar")
    QApplication.processEvents()
    assert "يحتسب كل شخص مرة واحدة: 1" in page.links_label.text()
    assert not LATIN.search(re.sub(r"<[^>]*>", "", page.links_label.text()))
    window.set_language("en")
    QApplication.processEvents()
    # Undoing the link (deleting the decision) restores the count and hides the line.
    demo.delete(PairDecision.kind, operation.record_id)
    page.recompute()
    assert card_number(page, "civilians_killed") == format_number(before)
    assert page.links_label.isHidden()
