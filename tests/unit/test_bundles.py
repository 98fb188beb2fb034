"""Bundles: keys, export, import, merging of concurrent edits, conflicts, and the command line."""

from __future__ import annotations

import io
import json
import shutil
import zipfile
from pathlib import Path
from typing import Any

import pyrage
import pytest

from snhr_desktop.cli import main
from snhr_desktop.domain.operation import Operation
from snhr_desktop.services.bundles import (
    MANIFEST,
    OPERATIONS,
    SIGNATURE,
    export_bundle,
    import_bundles,
    read_signer,
)
from snhr_desktop.services.conflicts import list_conflicts, resolve_conflicts
from snhr_desktop.services.keyring import Keyring, fingerprint, read_key_file
from snhr_desktop.services.workspace import Workspace
from snhr_desktop.storage.merge import missing_ranges, resolve_record, state_hash
from tests.conftest import PASSPHRASE, incident_data, victim_data

RECORD_TABLES = ("incidents", "victims", "facility_attacks")
SYNC_TABLES = ("operations", "conflicts", "missing_parents", "bundles_received")


class Network:
    """Installations sharing one coordinator key (every one can open every bundle), all of them
    trusting each other: researchers and coordinators alike."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder
        self.identity = str(pyrage.x25519.Identity.generate())
        self.recipient = str(pyrage.x25519.Identity.from_str(self.identity).to_public())
        self.members: list[Workspace] = []
        self.out = folder / "bundles"

    def join(self, name: str, *, trusted: bool = True, identity: bool = True) -> Workspace:
        ws = Workspace.create(self.folder / f"{name}.db", PASSPHRASE, name)
        keyring = Keyring(ws.store)
        with ws.store.transaction():
            keyring.ensure_signing_key()
            keyring.add_recipient(self.recipient, "Coordinator")
            if identity:
                keyring.add_identity(self.identity)
            for other in self.members:
                signer = Keyring(other.store).own_signer()
                assert signer is not None
                keyring.trust(signer)
        if trusted:
            for other in self.members:
                with other.store.transaction():
                    signer = keyring.own_signer()
                    assert signer is not None
                    Keyring(other.store).trust(signer)
        self.members.append(ws)
        return ws

    def bundle(self, ws: Workspace, *, full: bool = True) -> Path:
        report = export_bundle(ws, self.out, full=full)
        assert report.path is not None
        return report.path

    def close(self) -> None:
        for ws in self.members:
            ws.close()


def search_entries(ws: Workspace) -> list[tuple[str, str]]:
    """(victim id, term) of every entry of the full-text index."""
    db = ws.store.db
    db.execute("CREATE VIRTUAL TABLE IF NOT EXISTS temp.search_terms USING "
               "fts5vocab(main, victim_search, 'instance')")
    return sorted(
        db.execute(
            "SELECT v.id, t.term FROM temp.search_terms t JOIN victims v ON v.rowid = t.doc"
        ).fetchall()
    )


def records(ws: Workspace) -> dict[str, Any]:
    """Every record row (with heads and derived columns) and the search index, rowids aside."""
    db = ws.store.db
    found: dict[str, Any] = {t: sorted(db.execute(f"SELECT * FROM {t}").fetchall())
                             for t in RECORD_TABLES}
    found["search"] = search_entries(ws)
    found["conflicts"] = sorted(db.execute("SELECT * FROM conflicts").fetchall())
    return found


def dump(ws: Workspace) -> dict[str, Any]:
    """Everything a merge could touch, including the log, the clock and sequence counters."""
    db = ws.store.db
    found = records(ws)
    for table in (*SYNC_TABLES, "meta"):
        found[table] = sorted(db.execute(f"SELECT * FROM {table}").fetchall())
    return found


def add_incident_with_victim(ws: Workspace, **victim: Any) -> tuple[Any, Any]:
    incident = ws.validate("incident", incident_data())
    person = ws.validate("victim", victim_data(incident.id, **victim))
    ws.save_many([incident, person])
    return incident, person


def edit(ws: Workspace, kind: str, record_id: str, **changes: Any) -> None:
    record = ws.get(kind, record_id)
    assert record is not None
    ws.save(ws.validate(kind, {**record.snapshot(), **changes}))


def read_bundle(path: Path, identity: str) -> zipfile.ZipFile:
    plain = io.BytesIO()
    with path.open("rb") as handle:
        pyrage.decrypt_io(handle, plain, [pyrage.x25519.Identity.from_str(identity)])
    return zipfile.ZipFile(io.BytesIO(plain.getvalue()))


# ------------------------------------------------------------------------------------------------
# Export and import
# ------------------------------------------------------------------------------------------------


def test_bundle_round_trip_makes_the_same_records(net: Network) -> None:
    sara = net.join("Sara")
    coordinator = net.join("Coordinator")
    incident, victim = add_incident_with_victim(sara)
    facility = sara.validate("facility_attack", {"incident_id": incident.id, "category": "school",
                                                 "name_ar": "مدرسة الأمل", "damage": "partial"})
    sara.save(facility)
    edit(sara, "victim", victim.id, notes="شاهد ثانٍ")

    report = import_bundles(coordinator, [net.bundle(sara)])

    assert report.ok and report.missing == {}
    counts = report.outcomes[0].counts
    assert (counts.new_operations, counts.created, counts.updated) == (4, 3, 0)
    assert records(coordinator) == records(sara)  # rows, heads, name keys, search entries
    assert state_hash(coordinator.store) == state_hash(sara.store)
    assert [e.operation.op_id for e in coordinator.history(victim.id)] == [
        e.operation.op_id for e in sara.history(victim.id)
    ]
    assert coordinator.check() == []
    assert coordinator.device_id != sara.device_id
    assert coordinator.store.meta("next_seq") == "1"  # remote operations use no local numbers


def test_bundle_contents_follow_the_documented_format(net: Network) -> None:
    sara = net.join("Sara")
    add_incident_with_victim(sara)
    path = net.bundle(sara)
    assert path.name.endswith(".zip.age") and sara.device_id in path.name
    archive = read_bundle(path, net.identity)
    assert archive.namelist() == [MANIFEST, SIGNATURE, OPERATIONS]
    manifest = json.loads(archive.read(MANIFEST))
    lines = archive.read(OPERATIONS).splitlines()
    assert manifest["format"] == "snhr-desktop-bundle/1"
    assert manifest["device_id"] == sara.device_id and manifest["researcher"] == "Sara"
    assert (manifest["seq_from"], manifest["seq_to"], manifest["scope"]) == (1, 2, "full")
    assert manifest["counts"] == {"operations": 2, "by_kind": {"incident": 1, "victim": 1},
                                  "by_action": {"create": 2}}
    import hashlib

    entry = manifest["entries"][OPERATIONS]
    assert entry == {"sha256": hashlib.sha256(archive.read(OPERATIONS)).hexdigest(),
                     "bytes": len(archive.read(OPERATIONS)), "lines": 2}
    assert manifest["recipients"] == [net.recipient]
    first = json.loads(lines[0])
    assert set(first) == {"op_id", "device_id", "seq", "record_id", "record_kind", "action",
                          "author", "hlc", "parents", "snapshot"}
    assert archive.read(SIGNATURE).startswith(b"ed25519:")


def test_reimporting_anything_changes_nothing(net: Network) -> None:
    sara = net.join("Sara")
    coordinator = net.join("Coordinator")
    _, victim = add_incident_with_victim(sara)
    first = net.bundle(sara, full=False)
    edit(sara, "victim", victim.id, age=35)
    second = net.bundle(sara, full=False)
    full = net.bundle(sara, full=True)  # overlaps both
    import_bundles(coordinator, [second, first])
    before = dump(coordinator)

    renamed = net.folder / "copy-of-a-bundle.age"
    shutil.copy(first, renamed)
    report = import_bundles(coordinator, [first, renamed, full, second])

    assert report.ok
    assert all(o.counts.new_operations == 0 for o in report.outcomes)
    assert report.totals()["known"] == 2 + 2 + 3 + 1
    assert dump(coordinator) == before


def test_incremental_exports_chain_and_nothing_new_writes_nothing(net: Network) -> None:
    sara = net.join("Sara")
    add_incident_with_victim(sara)
    first = export_bundle(sara, net.out)
    assert (first.seq_from, first.seq_to, first.scope) == (1, 2, "full")
    assert export_bundle(sara, net.out).path is None
    add_incident_with_victim(sara)
    second = export_bundle(sara, net.out)
    assert (second.seq_from, second.seq_to, second.scope) == (3, 4, "incremental")
    assert second.path is not None and first.path is not None
    import hashlib

    manifests = [json.loads(read_bundle(r.path, net.identity).read(MANIFEST))  # type: ignore[arg-type]
                 for r in (first, second)]
    raw_first = read_bundle(first.path, net.identity).read(MANIFEST)
    assert manifests[0]["previous_bundle"] is None
    assert manifests[1]["previous_bundle"] == hashlib.sha256(raw_first).hexdigest()
    again = export_bundle(sara, net.out, full=True)
    assert (again.seq_from, again.seq_to) == (1, 4)


def test_export_and_import_report_progress(net: Network) -> None:
    sara = net.join("Sara")
    coordinator = net.join("Coordinator")
    for _ in range(3):
        add_incident_with_victim(sara)
    seen: list[tuple[int, int]] = []
    report = export_bundle(sara, net.out, progress=lambda done, total: seen.append((done, total)))
    assert seen[-1] == (6, 6)
    read: list[tuple[int, int]] = []
    assert report.path is not None
    import_bundles(coordinator, [report.path], progress=lambda d, t: read.append((d, t)))
    size = report.path.stat().st_size
    assert read[-1] == (size, size) and all(d <= t for d, t in read)


def test_a_progress_callback_that_raises_cancels_the_import(net: Network) -> None:
    sara = net.join("Sara")
    coordinator = net.join("Coordinator")
    for _ in range(200):
        add_incident_with_victim(sara)
    path = net.bundle(sara)
    before = dump(coordinator)

    class Cancelled(Exception):
        pass

    def cancel(done: int, total: int) -> None:
        if done > total // 3:
            raise Cancelled

    with pytest.raises(Cancelled):
        import_bundles(coordinator, [path], progress=cancel)
    after = dump(coordinator)
    assert {k for k in after if after[k] != before[k]} == set()
    assert path.exists()  # not a refusal: not quarantined


# ------------------------------------------------------------------------------------------------
# Merging concurrent edits
# ------------------------------------------------------------------------------------------------


def shared_victim(net: Network) -> tuple[Workspace, Workspace, Workspace, Any]:
    """Sara documents a victim; Omar and the coordinator both receive it."""
    sara, omar, coordinator = net.join("Sara"), net.join("Omar"), net.join("Coordinator")
    _, victim = add_incident_with_victim(sara)
    start = net.bundle(sara)
    import_bundles(omar, [start])
    import_bundles(coordinator, [start])
    return sara, omar, coordinator, victim


def test_concurrent_edits_of_different_fields_merge_automatically(net: Network) -> None:
    sara, omar, coordinator, victim = shared_victim(net)
    edit(sara, "victim", victim.id, notes="witness statement")
    edit(omar, "victim", victim.id, place_en="Douma")

    import_bundles(coordinator, [net.bundle(omar), net.bundle(sara)])

    merged = coordinator.get("victim", victim.id)
    assert merged is not None and (merged.notes, merged.place_en) == ("witness statement", "Douma")
    assert list_conflicts(coordinator) == []
    row = coordinator.store.row("victim", victim.id)
    assert row is not None and len(row["head"].split()) == 2


def test_same_field_conflict_is_deterministic_and_its_resolution_travels(net: Network) -> None:
    sara, omar, first, victim = shared_victim(net)
    second = net.join("Second coordinator")
    import_bundles(second, [net.bundle(sara)])
    edit(sara, "victim", victim.id, age=40)
    edit(omar, "victim", victim.id, age=41)
    from_sara, from_omar = net.bundle(sara), net.bundle(omar)

    import_bundles(first, [from_sara, from_omar])
    import_bundles(second, [from_omar, from_sara])

    assert records(first) == records(second)
    [conflict] = list_conflicts(first)
    [dispute] = conflict.disputes
    assert dispute.field == "age" and dispute.reason == "same_field" and dispute.base == 34
    assert sorted(s.value for s in dispute.sides) == [40, 41]
    latest = max(dispute.sides, key=lambda s: (s.hlc, s.device_id))
    assert [s.shown for s in dispute.sides] == [s is latest for s in dispute.sides]
    shown = first.get("victim", victim.id)
    assert shown is not None and shown.age == latest.value

    chosen = next(s for s in dispute.sides if s.value == 40)
    decision = resolve_conflicts(first, victim.id, {"age": chosen.number})
    assert set(decision.parents) == {s.op_id for s in dispute.sides}
    assert list_conflicts(first) == []
    decided = first.get("victim", victim.id)
    assert decided is not None and decided.age == 40

    import_bundles(second, [net.bundle(first)])
    assert list_conflicts(second) == []
    assert records(second) == records(first)
    import_bundles(sara, [from_omar, net.bundle(first)])
    assert state_hash(sara.store) == state_hash(first.store)


def test_delete_against_a_concurrent_edit_is_a_conflict(net: Network) -> None:
    sara, omar, coordinator, victim = shared_victim(net)
    sara.delete("victim", victim.id)
    edit(omar, "victim", victim.id, notes="still alive? new source")

    import_bundles(coordinator, [net.bundle(sara), net.bundle(omar)])

    kept = coordinator.get("victim", victim.id)
    assert kept is not None and kept.notes == "still alive? new source"  # provisionally kept
    [conflict] = list_conflicts(coordinator)
    deletion = conflict.disputes[0]
    assert deletion.field == "deleted" and deletion.reason == "delete_edit"
    assert {s.author: s.value for s in deletion.sides} == {"Sara": True, "Omar": False}
    delete_side = next(s for s in deletion.sides if s.value)
    resolve_conflicts(coordinator, victim.id, {"deleted": delete_side.number})
    assert coordinator.get("victim", victim.id) is None
    assert coordinator.get("victim", victim.id, include_deleted=True) is not None
    assert search_entries(coordinator) == []


def test_deletes_propagate_with_their_cascade(net: Network) -> None:
    sara = net.join("Sara")
    coordinator = net.join("Coordinator")
    incident, victim = add_incident_with_victim(sara)
    import_bundles(coordinator, [net.bundle(sara, full=False)])
    assert search_entries(coordinator) != []
    sara.delete("incident", incident.id)

    import_bundles(coordinator, [net.bundle(sara, full=False)])

    assert coordinator.get("incident", incident.id) is None
    assert coordinator.get("victim", victim.id) is None
    assert search_entries(coordinator) == []
    assert records(coordinator) == records(sara)


def test_merged_values_that_do_not_fit_together_fall_back_to_one_side(net: Network) -> None:
    sara, omar, coordinator, victim = shared_victim(net)
    edit(sara, "victim", victim.id, age=None, age_group="unknown")
    start = net.bundle(sara)
    import_bundles(omar, [start])
    import_bundles(coordinator, [start])
    edit(sara, "victim", victim.id, age=10, age_group=None)  # a child, from the age
    edit(omar, "victim", victim.id, age_group="adult")

    import_bundles(coordinator, [net.bundle(sara), net.bundle(omar)])

    shown = coordinator.get("victim", victim.id)  # readable: the merge never stores a bad record
    assert shown is not None
    [conflict] = list_conflicts(coordinator)
    reasons = {d.field: d.reason for d in conflict.disputes}
    assert reasons["age_group"] == "same_field"
    latest = max(conflict.disputes[0].sides, key=lambda s: (s.hlc, s.device_id))
    if latest.author == "Omar":  # the latest side is shown whole: no age, adult
        assert (shown.age, shown.age_group) == (None, "adult") and reasons["age"] == "invalid_merge"
    else:
        assert (shown.age, shown.age_group) == (10, "child")


def test_missing_operations_are_reported_and_never_block(net: Network) -> None:
    sara = net.join("Sara")
    coordinator = net.join("Coordinator")
    incident, victim = add_incident_with_victim(sara)
    first = net.bundle(sara, full=False)
    edit(sara, "victim", victim.id, age=35)
    edit(sara, "victim", victim.id, notes="more")
    second = net.bundle(sara, full=False)
    edit(sara, "incident", incident.id, place_en="Old city")
    third = net.bundle(sara, full=False)

    report = import_bundles(coordinator, [first, third])
    assert report.ok and report.missing == {sara.device_id: [(3, 4)]}
    assert "3–4" in report.render("en") and sara.device_id in report.render("ar")
    assert coordinator.get("incident", incident.id).place_en == "Old city"  # type: ignore[union-attr]

    report = import_bundles(coordinator, [second])
    assert report.missing == {}
    assert records(coordinator) == records(sara)


def test_missing_parents_of_another_device_are_reported(net: Network) -> None:
    sara, omar, _, victim = shared_victim(net)
    edit(sara, "victim", victim.id, notes="one")
    import_bundles(omar, [net.bundle(sara)])
    edit(omar, "victim", victim.id, notes="two")
    fresh = net.join("Late coordinator")

    report = import_bundles(fresh, [net.bundle(omar)])

    assert report.missing == {sara.device_id: [(1, 3)]}
    shown = fresh.get("victim", victim.id)
    assert shown is not None and shown.notes == "two"


def test_own_operations_coming_back_are_never_numbered_again(net: Network, tmp_path: Path) -> None:
    sara = net.join("Sara")
    add_incident_with_victim(sara)
    backup = tmp_path / "backup"
    backup.mkdir()
    sara.store.db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    for name in ("Sara.db", "Sara.db.key"):
        shutil.copy(tmp_path / name, backup / name)
    add_incident_with_victim(sara)
    later = net.bundle(sara)

    with Workspace.open(backup / "Sara.db", PASSPHRASE) as restored:
        assert import_bundles(restored, [later]).ok
        assert restored.store.meta("next_seq") == "5"
        add_incident_with_victim(restored)
        assert restored.store.operation_count() == 6


def test_state_hash_ignores_stamps_and_history(net: Network) -> None:
    one, two = net.join("One"), net.join("Two")
    record_id = "01890a5d-ac96-774b-bcce-b302099a8057"
    one.save(one.validate("incident", incident_data(id=record_id)))
    two.save(two.validate("incident", incident_data(id=record_id, place_en="elsewhere")))
    assert state_hash(one.store) != state_hash(two.store)
    edit(two, "incident", record_id, place_en="Al-Rumaila neighbourhood")
    assert state_hash(one.store) == state_hash(two.store)


def test_record_state_is_a_function_of_the_set_of_operations() -> None:
    rid = "01890a5d-ac96-774b-bcce-b302099a8057"

    def op(device: str, seq: int, parents: tuple[str, ...], hlc: str, **facts: Any) -> Operation:
        snapshot = {"id": rid, "created_at": None, "updated_at": None, "date": "2016-05-03",
                    "governorate": "SY11", "place_en": "base", **facts}
        return Operation(f"{device}:{seq}", device, seq, rid, "incident", "update", device,
                         hlc, parents, snapshot)

    base = op("a", 1, (), "000000000000001.00000")
    left = op("a", 2, ("a:1",), "000000000000002.00000", place_en="left", sources="s")
    right = op("b", 1, ("a:1",), "000000000000003.00000", place_en="right")
    states = [resolve_record(order) for order in ([base, left, right], [right, base, left])]
    assert states[0] == states[1]
    state = states[0]
    assert state.snapshot["place_en"] == "right" and state.snapshot["sources"] == "s"
    assert [c.field for c in state.conflicts] == ["place_en"]


# ------------------------------------------------------------------------------------------------
# Keys
# ------------------------------------------------------------------------------------------------


def test_fingerprints_are_six_groups_of_five_digits() -> None:
    text = fingerprint(b"purpose", b"data")
    groups = text.split(" ")
    assert len(groups) == 6 and all(len(g) == 5 and g.isdigit() for g in groups)
    assert fingerprint(b"purpose", b"data") == text != fingerprint(b"other", b"data")


def test_key_files_round_trip(net: Network, tmp_path: Path) -> None:
    from snhr_desktop.services.keyring import (
        Recipient,
        identity_file,
        recipients_file,
        signer_file,
        write_key_file,
    )

    sara = net.join("سارة")
    signer = Keyring(sara.store).own_signer()
    assert signer is not None
    write_key_file(tmp_path / "sara.txt", signer_file(signer))
    assert read_key_file(tmp_path / "sara.txt").signers == [signer]
    write_key_file(tmp_path / "coordinator.txt", recipients_file([Recipient(net.recipient, "C")]))
    assert read_key_file(tmp_path / "coordinator.txt").recipients == [Recipient(net.recipient, "C")]
    write_key_file(tmp_path / "id.txt", identity_file(net.identity), secret=True)
    assert read_key_file(tmp_path / "id.txt").identities == [net.identity]
    assert (tmp_path / "id.txt").stat().st_mode & 0o077 == 0

    damaged = (tmp_path / "sara.txt").read_text(encoding="utf-8").replace("key: ed25519:", "key: ed25519:AA")
    (tmp_path / "bad.txt").write_text(damaged, encoding="utf-8")
    from snhr_desktop.domain.messages import UserError

    with pytest.raises(UserError) as caught:
        read_key_file(tmp_path / "bad.txt")
    assert caught.value.message.code == "keys_bad_file"


def test_signing_key_lives_in_the_encrypted_database(net: Network, tmp_path: Path) -> None:
    sara = net.join("Sara")
    signer = Keyring(sara.store).own_signer()
    sara.close()
    net.members.remove(sara)
    with Workspace.open(tmp_path / "Sara.db", PASSPHRASE) as again:
        assert Keyring(again.store).own_signer() == signer
    raw = (tmp_path / "Sara.db").read_bytes()
    assert signer is not None and signer.text.encode() not in raw


# ------------------------------------------------------------------------------------------------
# Command line
# ------------------------------------------------------------------------------------------------


@pytest.fixture
def env(monkeypatch: pytest.MonkeyPatch) -> pytest.MonkeyPatch:
    monkeypatch.setenv("SNHR_PASSPHRASE", PASSPHRASE)
    monkeypatch.delenv("SNHR_LANG", raising=False)
    return monkeypatch


def run(*argv: str) -> int:
    return main([str(a) for a in argv])


def test_command_line_sync(env: pytest.MonkeyPatch, tmp_path: Path,
                           capsys: pytest.CaptureFixture[str]) -> None:
    coord, sara, omar = (tmp_path / f"{n}.db" for n in ("coord", "sara", "omar"))
    for db, name in ((coord, "Coordinator"), (sara, "سارة"), (omar, "Omar")):
        assert run("--db", db, "init", "--researcher", name) == 0
    assert run("--db", coord, "--lang", "en", "keys", "create", "--coordinator") == 0
    out = capsys.readouterr().out
    assert "Created the signing key" in out and "age1" in out
    assert run("--db", coord, "keys", "export", "--recipient", tmp_path / "coordinator.txt") == 0
    assert run("--db", coord, "keys", "export", "--identity", tmp_path / "identity.txt") == 0
    capsys.readouterr()
    for db in (sara, omar):
        assert run("--db", db, "--lang", "ar", "keys", "import", tmp_path / "coordinator.txt") == 0
        assert "ستُشفَّر الحزم إلى Coordinator" in capsys.readouterr().out
        assert run("--db", db, "keys", "export", tmp_path / f"{db.stem}-key.txt") == 0
    key_file = tmp_path / "sara-key.txt"
    printed = read_key_file(key_file).signers[0].fingerprint

    assert run("--db", coord, "--lang", "en", "keys", "trust", key_file) == 1  # not a terminal
    assert printed in capsys.readouterr().err
    assert run("--db", coord, "--lang", "ar", "keys", "trust", key_file,
               "--fingerprint", "00000 00000 00000 00000 00000 00000") == 1
    assert "لم يُقبل" in capsys.readouterr().err
    assert run("--db", coord, "--lang", "ar", "keys", "trust", key_file, "--fingerprint", printed) == 0
    assert "أصبحت الحزم الموقّعة من سارة" in capsys.readouterr().out
    assert run("--db", coord, "keys", "trust", tmp_path / "omar-key.txt", "--yes") == 0
    capsys.readouterr()
    assert run("--db", coord, "keys", "show", "--json") == 0
    shown = json.loads(capsys.readouterr().out)
    assert {k["name"] for k in shown["trusted"]} == {"سارة", "Omar"}
    assert shown["identities"][0]["recipient"].startswith("age1")

    with Workspace.open(sara, PASSPHRASE) as ws:
        _, victim = add_incident_with_victim(ws)
    out_dir = tmp_path / "out"
    assert run("--db", sara, "--lang", "en", "bundle", "export", "--out", out_dir) == 0
    assert "Wrote the bundle" in capsys.readouterr().out
    assert run("--db", sara, "--lang", "ar", "bundle", "export", "--out", out_dir) == 0
    assert "لا جديد منذ آخر حزمة" in capsys.readouterr().out
    [first] = out_dir.iterdir()
    assert run("--db", coord, "--lang", "en", "bundle", "import", first) == 0
    assert "2 new operations from سارة" in capsys.readouterr().out

    # Concurrent edits: the coordinator corrects the age while Sara changes it too.
    with Workspace.open(coord, PASSPHRASE) as ws:
        edit(ws, "victim", victim.id, age=41)
    with Workspace.open(sara, PASSPHRASE) as ws:
        edit(ws, "victim", victim.id, age=40)
    assert run("--db", sara, "bundle", "export", "--out", out_dir) == 0
    capsys.readouterr()
    second = max(out_dir.iterdir(), key=lambda p: p.name)
    assert run("--db", coord, "--lang", "ar", "bundle", "import", second, "--json") == 0
    reported = json.loads(capsys.readouterr().out)
    assert reported["bundles"][0]["conflicts"] == 1 and reported["totals"]["conflicts"] == 1

    assert run("--db", coord, "--lang", "ar", "conflicts", "list") == 0
    listing = capsys.readouterr().out
    assert "age (عُدِّل بشكل مختلف على جهازين)" in listing and "[1]" in listing and "[2]" in listing
    assert "المعروض حالياً" in listing
    assert run("--db", coord, "--lang", "en", "conflicts", "list") == 0
    assert "changed differently on two devices" in capsys.readouterr().out
    assert run("--db", coord, "--lang", "en", "conflicts", "resolve", victim.id) == 1
    assert "FIELD=NUMBER" in capsys.readouterr().err
    assert run("--db", coord, "--lang", "en", "conflicts", "resolve", victim.id, "age=9") == 1
    assert "not one of the numbered sides" in capsys.readouterr().err
    assert run("--db", coord, "conflicts", "list", "--json") == 0
    sides = json.loads(capsys.readouterr().out)[0]["fields"][0]["sides"]
    forty = next(s["number"] for s in sides if s["value"] == 40)
    assert run("--db", coord, "--lang", "en", "conflicts", "resolve", victim.id, f"age={forty}") == 0
    assert "Decided the conflicts" in capsys.readouterr().out
    assert run("--db", coord, "--lang", "ar", "conflicts", "list") == 0
    assert "لا توجد تعارضات مفتوحة" in capsys.readouterr().out

    # The decision travels back: Sara receives bundles too, and ends with the coordinator's state.
    assert run("--db", sara, "keys", "create", "--coordinator") == 0
    assert run("--db", sara, "keys", "export", "--recipient", tmp_path / "sara-recipient.txt") == 0
    assert run("--db", coord, "keys", "import", tmp_path / "sara-recipient.txt") == 0
    assert run("--db", coord, "keys", "export", tmp_path / "coord-key.txt") == 0
    assert run("--db", sara, "keys", "trust", tmp_path / "coord-key.txt", "--yes") == 0
    assert run("--db", coord, "bundle", "export", "--to", "سارة", "--out", tmp_path / "from-coord") == 0
    capsys.readouterr()
    [decision] = (tmp_path / "from-coord").iterdir()
    assert run("--db", sara, "--lang", "en", "bundle", "import", decision) == 0
    assert "2 new operations from Coordinator" in capsys.readouterr().out
    hashes = []
    for db in (sara, coord):
        assert run("--db", db, "state-hash") == 0
        hashes.append(capsys.readouterr().out.strip())
    assert hashes[0] == hashes[1] and len(hashes[0]) == 64


def test_command_line_refuses_and_quarantines(env: pytest.MonkeyPatch, tmp_path: Path,
                                              capsys: pytest.CaptureFixture[str]) -> None:
    coord = tmp_path / "coord.db"
    assert run("--db", coord, "init", "--researcher", "C") == 0
    assert run("--db", coord, "--lang", "ar", "bundle", "import", tmp_path / "x.age") == 1
    assert "لا يوجد في قاعدة البيانات هذه مفتاح تشفير" in capsys.readouterr().err
    assert run("--db", coord, "keys", "create", "--coordinator") == 0
    junk = tmp_path / "junk.zip.age"
    junk.write_bytes(b"not a bundle at all")
    assert run("--db", coord, "--lang", "ar", "bundle", "import", junk) == 1
    out = capsys.readouterr().out
    assert "مرفوضة" in out and "الملف ليس حزمة" in out and "coord.db.quarantine" in out
    assert not junk.exists()
    with Workspace.open(coord, PASSPHRASE) as ws:
        assert missing_ranges(ws.store) == {} and ws.store.operation_count() == 0


def test_the_signer_can_be_read_before_trusting_it(net: Network, tmp_path: Path) -> None:
    sara = net.join("Sara")
    stranger = net.join("Stranger", trusted=False)
    add_incident_with_victim(stranger)
    bundle = net.bundle(stranger)
    signer = read_signer(sara, bundle)
    own = Keyring(stranger.store).own_signer()
    assert signer is not None and own is not None
    assert (signer.public, signer.device_id) == (own.public, stranger.device_id)
    assert signer.fingerprint == own.fingerprint and signer.name == "Stranger"
    garbage = tmp_path / "garbage.zip.age"
    garbage.write_bytes(b"not a bundle")
    assert read_signer(sara, garbage) is None
    assert read_signer(sara, tmp_path / "missing.zip.age") is None
