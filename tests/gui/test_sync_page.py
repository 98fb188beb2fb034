"""The Sync page: keys, a bundle exported from one workspace and imported into another, conflicts."""

from __future__ import annotations

import io
import json
import os
import zipfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pyrage
import pytest
from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QApplication, QLabel, QMessageBox, QPushButton

from snhr_desktop.i18n import LanguageManager
from snhr_desktop.services.bundles import export_bundle, import_bundles
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


def export_from(page: SyncPage, folder: Path, monkeypatch: pytest.MonkeyPatch, qtbot: Any) -> Path:
    """Export with the button and wait for the worker thread to finish writing."""
    monkeypatch.setattr(BundleFiles, "choose_folder", classmethod(lambda cls, parent, caption: folder))
    with qtbot.waitSignal(page.exportFinished, timeout=30_000) as finished:
        page.export_button.click()
    texts = close_boxes()
    assert page.last_export is not None and page.last_export.parent == folder
    assert finished.args == [page.last_export]
    assert any(page.last_export.name in text for text in texts)
    assert page.export_button.isEnabled() and page.export_task is None
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
    first = export_from(sara_page, out, monkeypatch, qtbot)
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
    second = export_from(sara_page, out, monkeypatch, qtbot)
    import_into(coord_page, [second], monkeypatch, Trust(True))
    assert report_row(coord_page, 0)[1:6] == ["Imported", "0", "1", "0", "1"]

    assert coord_page.record_list.count() == 1
    [box] = coord_page.field_choices
    assert box.title().startswith("Age — changed differently")
    assert box.findChild(QLabel, "before").text() == "Before the changes: 34"
    texts = {n: b.text() for n, b in box.buttons.items()}
    assert texts[0] == "Leave undecided" and {texts[1], texts[2]} == {"40", "41"}
    details = [box.findChild(QLabel, f"detail_{n}").text() for n in (1, 2)]
    assert sum("shown for now" in d for d in details) == 1
    assert {d.split(" · ")[0].strip("\u2068\u2069") for d in details} == {"سارة", "Coordinator"}
    assert box.chosen == 0  # nothing decided until a person decides
    coord_page.resize(1400, 1000)
    shoot(coord_page, "sync_en.png")

    # In Arabic: labels, reasons and layout follow.
    languages.set_language("ar")
    assert coord_page.layoutDirection() == RTL
    assert coord_page.bundles_box.title() != "Bundles"
    [box] = coord_page.field_choices
    assert "Age" not in box.title() and box.buttons[0].text() != "Leave undecided"
    shoot(coord_page, "sync_ar.png")
    languages.set_language("en")

    [conflict] = list_conflicts(coordinator)
    side = next(s for s in conflict.disputes[0].sides if s.value == 40)
    coord_page.choose("age", side.number)
    assert coord_page.apply_choices()
    assert coord_page.record_list.count() == 0 and coord_page.field_choices == []
    assert coord_page.conflicts_note.text() == "No conflicts."
    assert "Decision written" in coord_page.decision_result.text()
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
    bundle = export_from(sara_page, tmp_path / "out", monkeypatch, qtbot)

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


# ------------------------------------------------------------------------------------------------
# Export on a worker thread, with Cancel
# ------------------------------------------------------------------------------------------------


def coordinator_key(ws: Workspace) -> str:
    """Give ``ws`` a coordinator to export to; that coordinator's secret age identity."""
    identity = pyrage.x25519.Identity.generate()
    with ws.store.transaction():
        Keyring(ws.store).add_recipient(str(identity.to_public()), "Coordinator")
    return str(identity)


def document_many(ws: Workspace, victims: int) -> None:
    incident = ws.validate("incident", incident_data())
    ws.save_many([incident] + [
        ws.validate("victim", victim_data(incident.id, name_en=f"Victim {n}"))
        for n in range(victims)
    ])


def bundle_seqs(path: Path, identity: str) -> list[int]:
    plain = io.BytesIO()
    with path.open("rb") as handle:
        pyrage.decrypt_io(handle, plain, [pyrage.x25519.Identity.from_str(identity)])
    lines = zipfile.ZipFile(io.BytesIO(plain.getvalue())).read("ops.jsonl").splitlines()
    return [json.loads(line)["seq"] for line in lines]


def test_export_runs_in_the_background_and_can_be_cancelled(
    qtbot: Any, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, languages: LanguageManager,
    sara: Workspace,
) -> None:
    identity = coordinator_key(sara)
    document_many(sara, 700)  # 701 operations: many batches, read twice
    out = tmp_path / "out"
    monkeypatch.setattr(BundleFiles, "choose_folder", classmethod(lambda cls, parent, caption: out))
    page = make_page(qtbot, sara)
    ticks: list[int] = []
    timer = QTimer(page)
    timer.timeout.connect(lambda: ticks.append(1))
    timer.start(1)

    assert page.export()  # returns at once: the bundle is written on a worker thread
    task = page.export_task
    assert task is not None and task.running
    assert not page.export_button.isEnabled() and not page.import_button.isEnabled()
    assert not page.export()  # one export at a time
    cancel = task.dialog.findChild(QPushButton)
    assert cancel is not None and cancel.text() == "Cancel"
    steps: list[tuple[int, int]] = []

    def first_step(done: int, total: int) -> None:
        steps.append((done, total))
        if len(steps) == 1:
            cancel.click()

    task.progressed.connect(first_step)
    during: list[int] = []
    page.exportFinished.connect(lambda path: during.append(len(ticks)))
    with qtbot.waitSignal(page.exportFinished, timeout=30_000) as finished:
        pass

    assert finished.args == [None]
    assert during[0] > 0  # the event loop ran while the bundle was being written
    assert steps and steps[0][0] < 701
    assert [t for t in close_boxes() if "Export cancelled" in t]
    assert not out.exists() or list(out.iterdir()) == []  # no bundle, no temporary file
    assert sara.store.db.execute("SELECT count(*) FROM bundles_sent").fetchone()[0] == 0
    assert page.export_button.isEnabled() and page.export_task is None
    qtbot.waitUntil(lambda: not task.running)

    # The next export holds the same operations, all of them.
    path = export_from(page, out, monkeypatch, qtbot)
    assert bundle_seqs(path, identity) == list(range(1, 702))
    assert [p.name for p in out.iterdir()] == [path.name]


def test_export_errors_are_reported_in_the_users_language(
    qtbot: Any, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, languages: LanguageManager,
    sara: Workspace,
) -> None:
    coordinator_key(sara)
    document_many(sara, 3)
    blocked = tmp_path / "a-file"
    blocked.write_text("not a folder")
    monkeypatch.setattr(BundleFiles, "choose_folder",
                        classmethod(lambda cls, parent, caption: blocked / "bundles"))
    page = make_page(qtbot, sara)
    languages.set_language("ar")
    try:
        with qtbot.waitSignal(page.exportFinished, timeout=30_000) as finished:
            assert page.export()
        assert finished.args == [None]
        [text] = close_boxes()
        assert "تعذّرت الكتابة" in text and "a-file" in text
    finally:
        languages.set_language("en")
    assert sara.store.db.execute("SELECT count(*) FROM bundles_sent").fetchone()[0] == 0


# ------------------------------------------------------------------------------------------------
# Deciding conflicts one field at a time
# ------------------------------------------------------------------------------------------------


def two_field_conflict(sara: Workspace, coordinator: Workspace, tmp_path: Path) -> Any:
    """Sara and the coordinator both change a victim's age and notes: the coordinator holds a
    conflict on two fields."""
    with coordinator.store.transaction():
        recipient = Keyring(coordinator.store).create_identity()
        Keyring(coordinator.store).ensure_signing_key()
    with sara.store.transaction():
        Keyring(sara.store).add_recipient(recipient, "Coordinator")
        Keyring(sara.store).ensure_signing_key()
    signer = Keyring(sara.store).own_signer()
    assert signer is not None
    with coordinator.store.transaction():
        Keyring(coordinator.store).trust(signer)
    incident = sara.validate("incident", incident_data())
    victim = sara.validate("victim", victim_data(incident.id))
    sara.save_many([incident, victim])
    first = export_bundle(sara, tmp_path / "out").path
    assert first is not None and import_bundles(coordinator, [first]).ok
    for ws, age, notes in ((coordinator, 41, "witness: brother"), (sara, 40, "witness: neighbour")):
        record = ws.get("victim", victim.id)
        assert record is not None
        ws.save(ws.validate("victim", {**record.snapshot(), "age": age, "notes": notes}))
    second = export_bundle(sara, tmp_path / "out").path
    assert second is not None and import_bundles(coordinator, [second]).ok
    return victim


def test_each_field_is_decided_on_its_own_with_the_keyboard(
    qtbot: Any, tmp_path: Path, languages: LanguageManager, sara: Workspace,
    coordinator: Workspace,
) -> None:
    victim = two_field_conflict(sara, coordinator, tmp_path)
    page = make_page(qtbot, coordinator)
    page.activateWindow()
    qtbot.waitUntil(lambda: page.isActiveWindow())
    age, notes = page.field_choices
    assert (age.field, notes.field) == ("age", "notes")
    assert "0 of 2 fields decided" in page.record_list.item(0).text()
    assert not page.apply_button.isEnabled()
    [conflict] = list_conflicts(coordinator)
    forty = next(s.number for s in conflict.disputes[0].sides if s.value == 40)

    # Tab from the list reaches the age's checked choice ("leave undecided"); the arrows move
    # the choice; Tab goes on to the notes, then to Apply.
    page.record_list.setFocus()
    qtbot.keyClick(page.record_list, Qt.Key.Key_Tab)
    assert QApplication.focusWidget() is age.buttons[0]
    while age.chosen != forty:
        qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Down)
    assert QApplication.focusWidget() is age.buttons[forty]
    assert "1 of 2 fields decided" in page.decision_status.text()
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Tab)
    assert QApplication.focusWidget() is notes.buttons[0]
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Tab)
    assert QApplication.focusWidget() is page.apply_button
    shoot(page, "sync_fields_en.png")
    qtbot.keyClick(page.apply_button, Qt.Key.Key_Space)

    # Only the age is decided: the record stays in conflict, unchanged, the choice kept.
    assert "Choices kept for 1 of 2 fields" in page.decision_result.text()
    [still] = list_conflicts(coordinator)
    assert [d.chosen for d in still.disputes] == [forty, None]
    shown = coordinator.get("victim", victim.id)
    provisional = next(s.value for s in conflict.disputes[0].sides if s.shown)
    assert shown is not None and shown.age == provisional  # until every field is decided
    assert shown.notes == next(s.value for s in conflict.disputes[1].sides if s.shown)
    assert page.record_list.count() == 1 and "1 of 2 fields decided" in page.record_list.item(0).text()
    age, notes = page.field_choices
    assert age.chosen == forty and notes.chosen == 0  # read back from the database

    languages.set_language("ar")
    try:
        assert page.layoutDirection() == RTL
        assert page.field_choices[0].layoutDirection() == RTL
        assert page.field_choices[0].chosen == forty  # kept across the language switch
        assert page.apply_button.text() != "&Apply"
        shoot(page, "sync_fields_ar.png")
    finally:
        languages.set_language("en")

    # The notes decided too: the decision is written and the record leaves the list.
    brother = next(s.number for s in conflict.disputes[1].sides if s.value == "witness: brother")
    page.choose("notes", brother)
    assert "Every field is decided" in page.decision_status.text()
    page.apply_button.click()
    assert page.record_list.count() == 0 and list_conflicts(coordinator) == []
    decided = coordinator.get("victim", victim.id)
    assert decided is not None and (decided.age, decided.notes) == (40, "witness: brother")
    assert "Decision written" in page.decision_result.text()


def test_a_long_value_is_shown_whole_beside_its_short_choice(qtbot: Any) -> None:
    from snhr_desktop.ui.sync_page import FieldChoice

    long_text = "شهادة الجار: " + "سُمع صوت الطائرة قبل الانفجار بدقائق، " * 4
    box = FieldChoice("notes", "Notes", "", [(0, "Leave undecided", ""),
                                             (1, long_text, "Omar · 2026-11-25 20:54"),
                                             (2, "short", "Sara · 2026-11-25 20:55")], 2)
    qtbot.addWidget(box)
    assert box.chosen == 2
    assert box.buttons[1].text().endswith("…") and len(box.buttons[1].text()) == 78
    assert box.buttons[1].toolTip() == long_text
    assert long_text in [label.text() for label in box.findChildren(QLabel)]
    assert box.buttons[2].text() == "short"
    with qtbot.waitSignal(box.picked) as picked:
        box.choose(1)
    assert picked.args == ["notes", 1] and box.chosen == 1
