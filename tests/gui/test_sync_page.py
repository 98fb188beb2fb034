"""The Sync page: keys, a bundle exported from one workspace and imported into another, conflicts."""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QMessageBox

from snhr_desktop.i18n import LanguageManager
from snhr_desktop.services.conflicts import list_conflicts
from snhr_desktop.services.keyring import Keyring, Recipient
from snhr_desktop.services.settings import Preferences
from snhr_desktop.services.workspace import Workspace
from snhr_desktop.ui.main_window import MainWindow
from snhr_desktop.ui.sync_page import BundleFiles, SyncPage, TrustPrompt
from tests.conftest import PASSPHRASE, incident_data, victim_data

RTL = Qt.LayoutDirection.RightToLeft


@pytest.fixture
def sara(tmp_path: Path) -> Iterator[Workspace]:
    ws = Workspace.create(tmp_path / "sara.db", PASSPHRASE, "سارة")
    yield ws
    ws.close()


@pytest.fixture
def coordinator(tmp_path: Path) -> Iterator[Workspace]:
    ws = Workspace.create(tmp_path / "coordinator.db", PASSPHRASE, "Coordinator")
    yield ws
    ws.close()


def close_boxes() -> list[str]:
    """Close the open message boxes; their texts."""
    texts = []
    for widget in QApplication.topLevelWidgets():
        if isinstance(widget, QMessageBox) and widget.isVisible():
            texts.append(widget.text())
            widget.close()
    return texts


def make_page(qtbot: Any, ws: Workspace) -> SyncPage:
    page = SyncPage(ws)
    qtbot.addWidget(page)
    page.resize(1200, 900)
    page.show()
    qtbot.waitExposed(page)
    return page


class Trust:
    """A stand-in for the trust question: remembers what it was asked, answers ``answer``."""

    def __init__(self, answer: bool) -> None:
        self.answer = answer
        self.asked: list[tuple[str, str]] = []

    def __call__(self, parent: Any, fingerprint: str, device: str) -> bool:
        self.asked.append((fingerprint, device))
        return self.answer


def export_from(page: SyncPage, folder: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setattr(BundleFiles, "choose_folder", classmethod(lambda cls, parent, caption: folder))
    page.export_button.click()
    texts = close_boxes()
    assert page.last_export is not None and page.last_export.parent == folder
    assert any(page.last_export.name in text for text in texts)
    return page.last_export


def import_into(page: SyncPage, paths: list[Path], monkeypatch: pytest.MonkeyPatch,
                trust: Trust) -> None:
    monkeypatch.setattr(BundleFiles, "choose_files",
                        classmethod(lambda cls, parent, caption, filters: list(paths)))
    monkeypatch.setattr(TrustPrompt, "ask", classmethod(lambda cls, *args: trust(*args)))
    page.import_button.click()
    close_boxes()


def report_row(page: SyncPage, row: int) -> list[str]:
    table = page.report_table
    return [table.item(row, column).text() for column in range(table.columnCount())]


def shoot(page: SyncPage, name: str) -> None:
    folder = os.environ.get("SNHR_SYNC_SHOTS")
    if folder:
        page.grab().save(str(Path(folder) / name))


def test_keys_export_import_trust_and_conflict(
    qtbot: Any, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, languages: LanguageManager,
    sara: Workspace, coordinator: Workspace,
) -> None:
    out = tmp_path / "out"
    coord_page = make_page(qtbot, coordinator)
    sara_page = make_page(qtbot, sara)

    # The coordinator makes an encryption key; Sara adds it as a recipient by its public string.
    assert coord_page.create_identity_button.isVisibleTo(coord_page)
    coord_page.create_identity_button.click()
    [recipient] = Keyring(coordinator.store).own_recipients()
    fingerprint = Recipient(recipient, "").fingerprint
    assert fingerprint in coord_page.identity_label.text()
    assert not coord_page.create_identity_button.isVisibleTo(coord_page)
    sara_page.recipient_name.setText("Coordinator")
    sara_page.recipient_text.setText("not a key")
    assert not sara_page.add_recipient()
    assert any("not a key" in text for text in close_boxes())
    sara_page.recipient_text.setText(recipient)
    sara_page.add_recipient_button.click()
    assert sara_page.recipients_table.rowCount() == 1
    assert sara_page.recipients_table.item(0, 0).text() == "Coordinator"
    assert fingerprint in sara_page.recipients_table.item(0, 1).text()

    # Sara documents an incident with a victim and exports it.
    assert "None yet" in sara_page.signing_label.text()
    incident = sara.validate("incident", incident_data())
    victim = sara.validate("victim", victim_data(incident.id))
    sara.save_many([incident, victim])
    first = export_from(sara_page, out, monkeypatch)
    signer = Keyring(sara.store).own_signer()
    assert signer is not None and signer.fingerprint in sara_page.signing_label.text()

    # Refused once (the coordinator does not trust Sara's key), then trusted on the second try.
    declined = Trust(False)
    import_into(coord_page, [first], monkeypatch, declined)
    assert declined.asked == [(signer.fingerprint, sara.device_id)]
    row = report_row(coord_page, 0)
    assert row[1] == "Refused" and signer.fingerprint in row[6]
    quarantined = coord_page.report.outcomes[0].quarantined  # type: ignore[union-attr]
    assert quarantined is not None and quarantined.is_file()

    trusted = Trust(True)
    import_into(coord_page, [quarantined], monkeypatch, trusted)
    assert trusted.asked == [(signer.fingerprint, sara.device_id)]
    assert report_row(coord_page, 0)[1:6] == ["Imported", "2", "0", "0", "0"]
    assert "imported: 1 · refused: 0 · new records: 2" in coord_page.summary_label.text()
    assert coordinator.get("victim", victim.id) is not None

    # Importing it again changes nothing and asks nothing.
    again = Trust(True)
    import_into(coord_page, [quarantined], monkeypatch, again)
    assert again.asked == []
    assert report_row(coord_page, 0)[1:6] == ["Unchanged", "0", "0", "2", "0"]

    # Both change the victim's age: the coordinator here, Sara in her next bundle.
    record = coordinator.get("victim", victim.id)
    assert record is not None
    coordinator.save(coordinator.validate("victim", {**record.snapshot(), "age": 41}))
    record = sara.get("victim", victim.id)
    assert record is not None
    sara.save(sara.validate("victim", {**record.snapshot(), "age": 40}))
    second = export_from(sara_page, out, monkeypatch)
    import_into(coord_page, [second], monkeypatch, Trust(True))
    assert report_row(coord_page, 0)[1:6] == ["Imported", "0", "1", "0", "1"]

    table = coord_page.conflict_table
    assert table.rowCount() == 1
    assert table.item(0, 1).text() == "Age"
    assert table.item(0, 2).text() == "34"
    values = {table.item(0, 3).text().split("\n")[0], table.item(0, 4).text().split("\n")[0]}
    assert values == {"40", "41"}
    shown = [c for c in (3, 4) if "shown for now" in table.item(0, c).text()]
    assert len(shown) == 1
    coord_page.resize(1400, 1000)
    shoot(coord_page, "sync_en.png")

    # In Arabic: labels, reasons and layout follow.
    languages.set_language("ar")
    assert coord_page.layoutDirection() == RTL
    assert coord_page.bundles_box.title() != "Bundles"
    assert coord_page.conflict_table.item(0, 1).text() != "Age"
    shoot(coord_page, "sync_ar.png")
    languages.set_language("en")

    [conflict] = list_conflicts(coordinator)
    side = next(s for s in conflict.disputes[0].sides if s.value == 40)
    coord_page.conflict_table.selectRow(0)
    coord_page.choose(0, side.number)
    assert coord_page.resolve_selected()
    assert coord_page.conflict_table.rowCount() == 0
    assert coord_page.conflicts_note.text() == "No conflicts."
    decided = coordinator.get("victim", victim.id)
    assert decided is not None and decided.age == 40
    assert list_conflicts(coordinator) == []


def test_refusal_reason_in_arabic_and_sync_tab(
    qtbot: Any, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, languages: LanguageManager,
    sara: Workspace, coordinator: Workspace,
) -> None:
    with coordinator.store.transaction():
        recipient = Keyring(coordinator.store).create_identity()
    with sara.store.transaction():
        Keyring(sara.store).add_recipient(recipient, "Coordinator")
    sara.save(sara.validate("incident", incident_data()))
    sara_page = make_page(qtbot, sara)
    sara_page.full_check.setChecked(True)
    bundle = export_from(sara_page, tmp_path / "out", monkeypatch)

    window = MainWindow(coordinator, languages, Preferences(language="en"))
    qtbot.addWidget(window)
    window.show()
    assert window.tabs.tabText(4) == "Sync"
    page = window.show_sync()
    languages.set_language("ar")
    try:
        assert window.tabs.tabText(4) == "المزامنة"
        import_into(page, [bundle], monkeypatch, Trust(False))
        row = report_row(page, 0)
        assert row[1] != "Refused"
        assert "سارة" in row[6] and "البصمة" in row[6]
        assert page.layoutDirection() == RTL
    finally:
        languages.set_language("en")
        window.close()


def test_trusting_a_researchers_key_file(
    qtbot: Any, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, sara: Workspace,
    coordinator: Workspace,
) -> None:
    from snhr_desktop.services.keyring import signer_file, write_key_file

    with sara.store.transaction():
        Keyring(sara.store).ensure_signing_key()
    key = Keyring(sara.store).own_signer()
    assert key is not None
    key_path = tmp_path / "sara-key.txt"
    write_key_file(key_path, signer_file(key))
    page = make_page(qtbot, coordinator)
    monkeypatch.setattr(BundleFiles, "choose_key_file",
                        classmethod(lambda cls, parent, caption: key_path))
    asked: list[tuple[str, str, bool]] = []

    def answer(cls: Any, parent: Any, fingerprint: str, device: str, *,
               from_file: bool = False) -> bool:
        asked.append((fingerprint, device, from_file))
        return len(asked) > 1  # declined the first time, accepted the second

    monkeypatch.setattr(TrustPrompt, "ask", classmethod(answer))
    assert not page.trust_key_file()
    assert Keyring(coordinator.store).signer_for(key.public) is None
    assert page.trust_key_file()
    assert Keyring(coordinator.store).signer_for(key.public) is not None
    assert asked == [(key.fingerprint, sara.device_id, True)] * 2
