"""Bad bundles are refused with a clear message in either language, quarantined, and change nothing."""

from __future__ import annotations

import io
import json
import os
import zipfile
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pyrage
import pytest

from snhr_desktop.services.bundles import (
    MANIFEST,
    OPERATIONS,
    SIGNATURE,
    BundleOutcome,
    import_bundles,
    quarantine_folder,
    write_bundle,
)
from snhr_desktop.services.keyring import Keyring
from snhr_desktop.services.workspace import Workspace
from snhr_desktop.storage.migrations import SCHEMA_VERSION
from tests.unit.test_bundles import (
    Network,
    add_incident_with_victim,
    dump,
    edit,
    read_bundle,
)


@pytest.fixture
def sara(net: Network) -> Workspace:
    ws = net.join("Sara")
    _, victim = add_incident_with_victim(ws)
    edit(ws, "victim", victim.id, notes="second source")
    return ws


@pytest.fixture
def coordinator(net: Network, sara: Workspace) -> Workspace:
    ws = net.join("Coordinator")
    # Something already merged, so "unchanged" means more than "still empty".
    assert import_bundles(ws, [net.bundle(sara)]).ok
    add_incident_with_victim(sara)
    return ws


def refused(ws: Workspace, path: Path) -> BundleOutcome:
    """Import ``path``; check it was refused, quarantined with its reason, and changed nothing."""
    before = dump(ws)
    report = import_bundles(ws, [path])
    [outcome] = report.outcomes
    assert outcome.refused is not None, "the bundle was accepted"
    assert dump(ws) == before
    assert not path.exists()
    assert outcome.quarantined is not None and outcome.quarantined.exists()
    assert outcome.quarantined.parent == quarantine_folder(ws)
    reason = outcome.quarantined.with_name(outcome.quarantined.name + ".reason.txt")
    text = reason.read_text(encoding="utf-8")
    assert outcome.refused.code in text and outcome.refused.en in text and outcome.refused.ar in text
    assert not report.ok and "refused" in report.render("en") and "مرفوضة" in report.render("ar")
    return outcome


def rezip(path: Path, net: Network, change: Callable[[dict[str, bytes]], None],
          recipient: str | None = None) -> Path:
    """Decrypt a bundle, change its entries, zip and encrypt it again (as an attacker could)."""
    archive = read_bundle(path, net.identity)
    entries = {name: archive.read(name) for name in archive.namelist()}
    change(entries)
    plain = io.BytesIO()
    with zipfile.ZipFile(plain, "w", compression=zipfile.ZIP_DEFLATED) as out:
        for name, data in entries.items():
            out.writestr(name, data)
    target = path.with_name("changed-" + path.name)
    target.write_bytes(pyrage.encrypt(plain.getvalue(), [
        pyrage.x25519.Recipient.from_str(recipient or net.recipient)
    ]))
    return target


def manifest_and_lines(net: Network, path: Path) -> tuple[dict[str, Any], list[bytes]]:
    archive = read_bundle(path, net.identity)
    manifest = json.loads(archive.read(MANIFEST))
    manifest.pop("entries")
    return manifest, [line + b"\n" for line in archive.read(OPERATIONS).splitlines()]


def signed(net: Network, signer: Workspace, manifest: dict[str, Any], lines: list[bytes],
           name: str = "crafted.zip.age") -> Path:
    """A bundle that is correctly signed by ``signer`` whatever it holds."""
    key = Keyring(signer.store).signing_key()
    assert key is not None
    target = net.folder / name
    write_bundle(target, manifest, lambda: lines, key, [net.recipient])
    return target


# ------------------------------------------------------------------------------------------------
# Damaged in transit
# ------------------------------------------------------------------------------------------------


@pytest.mark.parametrize("keep", [0.5, 0.99, 40], ids=["half", "last-bytes", "header-only"])
def test_truncated_bundle(net: Network, sara: Workspace, coordinator: Workspace,
                          keep: float) -> None:
    path = net.bundle(sara)
    data = path.read_bytes()
    path.write_bytes(data[: int(len(data) * keep) if keep < 1 else int(keep)])
    outcome = refused(coordinator, path)
    assert outcome.refused is not None
    assert outcome.refused.code in ("bundle_damaged", "bundle_not_a_bundle")
    if keep != 40:
        assert outcome.refused.code == "bundle_damaged"
        assert "cut off or changed" in outcome.refused.en
        assert "الحزمة تالفة أو ناقصة" in outcome.refused.ar


@pytest.mark.parametrize("where", ["middle", "end", "header-mac", "key-stanza"])
def test_bit_flipped_bundle(net: Network, sara: Workspace, coordinator: Workspace,
                            where: str) -> None:
    path = net.bundle(sara)
    data = bytearray(path.read_bytes())
    position = {
        "middle": len(data) // 2,
        "end": len(data) - 20,
        "header-mac": data.index(b"\n--- ") + 8,
        "key-stanza": data.index(b"-> X25519 ") + 15,
    }[where]
    data[position] ^= 0x04
    path.write_bytes(bytes(data))
    outcome = refused(coordinator, path)
    assert outcome.refused is not None
    if where == "key-stanza":
        # Unless the flip breaks its encoding, age cannot tell a damaged key stanza from one
        # made for another recipient; the message names both causes.
        assert outcome.refused.code in ("bundle_wrong_recipient", "bundle_damaged")
        assert "damaged" in outcome.refused.en and "تالفة" in outcome.refused.ar
    else:
        assert outcome.refused.code == "bundle_damaged"


def test_not_a_bundle(net: Network, coordinator: Workspace) -> None:
    junk = net.folder / "holiday-photo.zip.age"
    junk.write_bytes(os.urandom(2000))
    outcome = refused(coordinator, junk)
    assert outcome.refused is not None and outcome.refused.code == "bundle_not_a_bundle"
    assert "الملف ليس حزمة" in outcome.refused.ar

    not_a_zip = net.folder / "letter.age"
    not_a_zip.write_bytes(pyrage.encrypt(b"Dear coordinator, ...",
                                         [pyrage.x25519.Recipient.from_str(net.recipient)]))
    outcome = refused(coordinator, not_a_zip)
    assert outcome.refused is not None and outcome.refused.code == "bundle_not_a_bundle"


# ------------------------------------------------------------------------------------------------
# Changed on purpose
# ------------------------------------------------------------------------------------------------


def test_edited_manifest(net: Network, sara: Workspace, coordinator: Workspace) -> None:
    def claim_fewer(entries: dict[str, bytes]) -> None:
        manifest = json.loads(entries[MANIFEST])
        manifest["researcher"] = "Someone else"
        entries[MANIFEST] = json.dumps(manifest, indent=2, sort_keys=True).encode()

    outcome = refused(coordinator, rezip(net.bundle(sara), net, claim_fewer))
    assert outcome.refused is not None and outcome.refused.code == "bundle_bad_signature"
    assert "manifest was edited" in outcome.refused.en
    assert "عُدِّل البيان" in outcome.refused.ar


def test_edited_operations_with_the_signed_manifest(net: Network, sara: Workspace,
                                                    coordinator: Workspace) -> None:
    def change_a_name(entries: dict[str, bytes]) -> None:
        entries[OPERATIONS] = entries[OPERATIONS].replace("الخطيب".encode(), "الحلبي".encode())

    outcome = refused(coordinator, rezip(net.bundle(sara), net, change_a_name))
    assert outcome.refused is not None and outcome.refused.code == "bundle_hash_mismatch"
    assert "changed after it was signed" in outcome.refused.en
    assert "غُيِّر بعد التوقيع" in outcome.refused.ar


def test_entries_out_of_order_or_missing(net: Network, sara: Workspace,
                                         coordinator: Workspace) -> None:
    def drop_signature(entries: dict[str, bytes]) -> None:
        del entries[SIGNATURE]

    outcome = refused(coordinator, rezip(net.bundle(sara), net, drop_signature))
    assert outcome.refused is not None and outcome.refused.code == "bundle_damaged"


def test_wrong_recipient(net: Network, sara: Workspace, coordinator: Workspace) -> None:
    other = str(pyrage.x25519.Identity.generate().to_public())
    outcome = refused(coordinator, rezip(net.bundle(sara), net, lambda e: None, recipient=other))
    assert outcome.refused is not None and outcome.refused.code == "bundle_wrong_recipient"
    assert "not encrypted for this coordinator" in outcome.refused.en
    assert "لم تُشفَّر هذه الحزمة لهذا المنسّق" in outcome.refused.ar


def test_unknown_signer_then_trusted(net: Network, coordinator: Workspace) -> None:
    stranger = net.join("Stranger", trusted=False)
    add_incident_with_victim(stranger)
    path = net.bundle(stranger)
    outcome = refused(coordinator, path)
    signer = Keyring(stranger.store).own_signer()
    assert outcome.refused is not None and signer is not None
    assert outcome.refused.code == "bundle_unknown_signer"
    assert signer.fingerprint in outcome.refused.en and signer.fingerprint in outcome.refused.ar
    assert "Stranger" in outcome.refused.en and "لا تثق به" in outcome.refused.ar

    # Not discarded: once the key is checked and trusted, the quarantined file imports.
    with coordinator.store.transaction():
        Keyring(coordinator.store).trust(signer)
    assert outcome.quarantined is not None
    report = import_bundles(coordinator, [outcome.quarantined])
    assert report.ok and report.outcomes[0].counts.new_operations == 2


def test_mismatched_signer(net: Network, sara: Workspace, coordinator: Workspace) -> None:
    omar = net.join("Omar")  # trusted, but not Sara
    manifest, lines = manifest_and_lines(net, net.bundle(sara))
    manifest["signing_key"] = Keyring(omar.store).own_signer().text  # type: ignore[union-attr]
    outcome = refused(coordinator, signed(net, omar, manifest, lines))
    assert outcome.refused is not None and outcome.refused.code == "bundle_signer_mismatch"
    assert sara.device_id in outcome.refused.en and omar.device_id in outcome.refused.ar


def test_signature_by_another_key_than_the_one_named(net: Network, sara: Workspace,
                                                     coordinator: Workspace) -> None:
    omar = net.join("Omar")
    manifest, lines = manifest_and_lines(net, net.bundle(sara))  # names Sara's key
    outcome = refused(coordinator, signed(net, omar, manifest, lines))
    assert outcome.refused is not None and outcome.refused.code == "bundle_bad_signature"


def test_newer_schema_and_format(net: Network, sara: Workspace, coordinator: Workspace) -> None:
    manifest, lines = manifest_and_lines(net, net.bundle(sara))
    newer = {**manifest, "schema_version": SCHEMA_VERSION + 1}
    outcome = refused(coordinator, signed(net, sara, newer, lines, "newer-schema.zip.age"))
    assert outcome.refused is not None and outcome.refused.code == "bundle_newer_schema"
    assert f"schema {SCHEMA_VERSION + 1}" in outcome.refused.en
    assert "حدّث التطبيق" in outcome.refused.ar

    newer = {**manifest, "format": "snhr-desktop-bundle/2"}
    outcome = refused(coordinator, signed(net, sara, newer, lines, "newer-format.zip.age"))
    assert outcome.refused is not None and outcome.refused.code == "bundle_newer_format"


def _op(line: bytes) -> dict[str, Any]:
    return json.loads(line)  # type: ignore[no-any-return]


def _line(op: dict[str, Any]) -> bytes:
    return json.dumps(op, ensure_ascii=False, sort_keys=True, separators=(",", ":")).encode() + b"\n"


MALFORMED: dict[str, tuple[Callable[[dict[str, Any]], bytes], str]] = {
    "not-json": (lambda op: b"{not json\n", "not a JSON object"),
    "missing-field": (lambda op: _line({k: v for k, v in op.items() if k != "author"}), "author"),
    "unknown-code": (  # the second operation is a victim's
        lambda op: _line({**op, "snapshot": {**op["snapshot"], "status": "martian"}}),
        "martian",
    ),
    "not-a-record-id": (
        lambda op: _line({**op, "record_id": "1234", "snapshot": {**op["snapshot"], "id": "1234"}}),
        "not a valid record id",
    ),
    "out-of-sequence": (lambda op: _line({**op, "seq": op["seq"] + 5}), "expected operation number"),
    "op-id-mismatch": (lambda op: _line({**op, "op_id": "elsewhere:1"}), "op_id"),
    "other-device": (lambda op: _line({**op, "device_id": "ffffffffffffffff"}), "ffffffffffffffff"),
    "bad-clock": (lambda op: _line({**op, "hlc": "yesterday"}), "hlc"),
    "parent-from-the-future": (
        lambda op: _line({**op, "parents": [f"{op['device_id']}:{op['seq'] + 1}"]}), "parents"
    ),
    "not-canonical": (
        lambda op: _line({**op, "snapshot": {**op["snapshot"], "place_en": "  padded  "}}),
        "not written the way",
    ),
    "unknown-action": (lambda op: _line({**op, "action": "merge"}), "action"),
}


@pytest.mark.parametrize("case", sorted(MALFORMED))
def test_malformed_operation(net: Network, sara: Workspace, coordinator: Workspace,
                             case: str) -> None:
    make, expected = MALFORMED[case]
    manifest, lines = manifest_and_lines(net, net.bundle(sara))
    assert lines[0].startswith(b'{"action":"create"') and len(lines) >= 2
    lines[1] = make(_op(lines[1]))  # the second operation: the first one alone would be fine
    outcome = refused(coordinator, signed(net, sara, manifest, lines))
    assert outcome.refused is not None and outcome.refused.code == "bundle_bad_operation"
    assert "Operation 2 (" in outcome.refused.en and expected in outcome.refused.en
    assert "العملية رقم 2" in outcome.refused.ar


def test_operation_that_differs_from_the_one_held(net: Network, sara: Workspace,
                                                  coordinator: Workspace) -> None:
    manifest, lines = manifest_and_lines(net, net.bundle(sara))
    op = _op(lines[0])  # already merged by the coordinator
    op["snapshot"]["place_en"] = "Another place"
    lines[0] = _line(op)
    outcome = refused(coordinator, signed(net, sara, manifest, lines))
    assert outcome.refused is not None and outcome.refused.code == "bundle_operation_differs"
    assert f"{sara.device_id}:1" in outcome.refused.en and "نسخة احتياطية" in outcome.refused.ar


def test_a_bad_bundle_never_blocks_the_good_ones(net: Network, sara: Workspace,
                                                 coordinator: Workspace) -> None:
    omar = net.join("Omar")
    add_incident_with_victim(omar)
    good_sara, good_omar = net.bundle(sara), net.bundle(omar)
    bad = net.folder / "bad.zip.age"
    bad.write_bytes(good_omar.read_bytes()[:-30])

    report = import_bundles(coordinator, [good_sara, bad, good_omar])

    assert [o.imported for o in report.outcomes] == [True, False, True]
    assert report.totals()["refused"] == 1 and report.totals()["imported"] == 2
    assert coordinator.counts()["incident"] == 3
    text = report.render("en")
    assert "bad.zip.age: refused" in text and "1 refused" in text
