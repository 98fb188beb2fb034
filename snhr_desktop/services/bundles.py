"""Bundles: a device's operations, signed and encrypted with age, and their merge on import.

A bundle is an age-encrypted ZIP holding, in this order, ``manifest.json`` (what the bundle
holds, with the SHA-256 of each other entry), ``manifest.sig`` (the installation's Ed25519
signature of the manifest's exact bytes) and ``ops.jsonl`` (one operation per line). The format
is documented for coordinators in ``docs/bundles.md``.

Both directions stream: exporting reads the operations twice from the database (once to hash
them for the manifest, once to write them) and encrypts as the ZIP is produced; importing
decrypts, unzips, checks and merges as the bytes arrive, in one transaction that is rolled back
if anything is wrong, so a bundle of any size uses the same memory and a bad one changes nothing.
Nothing decrypted is ever written to disk.
"""

from __future__ import annotations

import base64
import binascii
import contextlib
import datetime as dt
import hashlib
import io
import json
import os
import re
import shutil
import struct
import zipfile
import zlib
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from importlib import metadata
from pathlib import Path
from typing import Any

import pyrage
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
from pydantic import ValidationError

from snhr_desktop.domain.fields import RecordInvalid, problems_from
from snhr_desktop.domain.ids import uuid7
from snhr_desktop.domain.messages import Message, UserError
from snhr_desktop.domain.operation import ACTIONS, Operation
from snhr_desktop.domain.records import RECORD_TYPES
from snhr_desktop.services.keyring import Keyring, SignerKey, decode_public, encode_public
from snhr_desktop.services.workspace import Workspace
from snhr_desktop.storage.merge import (
    MergeCounts,
    Merger,
    OperationRejected,
    missing_ranges,
    open_conflict_rows,
)
from snhr_desktop.storage.migrations import SCHEMA_VERSION
from snhr_desktop.storage.store import now_iso

FORMAT = "snhr-desktop-bundle/1"
FORMAT_FAMILY = "snhr-desktop-bundle/"
MANIFEST, SIGNATURE, OPERATIONS = "manifest.json", "manifest.sig", "ops.jsonl"
ENTRIES = (MANIFEST, SIGNATURE, OPERATIONS)
SUFFIX = ".zip.age"
AGE_MAGIC = b"age-encryption.org/v1\n"
SIGNATURE_PREFIX = b"ed25519:"
MAX_MANIFEST = 1 << 20
MAX_SIGNATURE = 1 << 10
MAX_LINE = 1 << 22  # one operation: a record with its longest texts fits many times over
_LINES_PER_WRITE = 256

Progress = Callable[[int, int], None]


def _no_progress(done: int, total: int) -> None:
    return None


class BundleRefused(UserError):
    """A bundle that must not be merged: the file is set aside in the quarantine folder."""

    @classmethod
    def of(cls, code: str, **args: Any) -> BundleRefused:
        return cls(Message.of(code, **args))


def _bilingual(code: str, **args: Any) -> dict[str, str]:
    """``detail_en``/``detail_ar`` arguments for a message that embeds another message."""
    message = Message.of(code, **args)
    return {"detail_en": message.en, "detail_ar": message.ar}


def _sha256(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


# ------------------------------------------------------------------------------------------------
# Operations as lines
# ------------------------------------------------------------------------------------------------

_OP_KEYS = frozenset(
    ("op_id", "device_id", "seq", "record_id", "record_kind", "action", "author", "hlc",
     "parents", "snapshot")
)
_HLC = re.compile(r"[0-9]{15}\.[0-9]{5}")
_DEVICE = re.compile(r"[0-9A-Za-z_-]{1,64}")
_OP_ID = re.compile(r"([0-9A-Za-z_-]{1,64}):([1-9][0-9]{0,17})")
_SHA256 = re.compile(r"[0-9a-f]{64}")


def operation_line(op: Operation) -> bytes:
    """One line of ``ops.jsonl``: the operation as canonical JSON (sorted keys, UTF-8)."""
    data = {
        "op_id": op.op_id,
        "device_id": op.device_id,
        "seq": op.seq,
        "record_id": op.record_id,
        "record_kind": op.record_kind,
        "action": op.action,
        "author": op.author,
        "hlc": op.hlc,
        "parents": list(op.parents),
        "snapshot": op.snapshot,
    }
    text = json.dumps(data, ensure_ascii=False, sort_keys=True, separators=(",", ":"))
    return text.encode("utf-8") + b"\n"


class _Malformed(Exception):
    def __init__(self, code: str, **args: Any) -> None:
        super().__init__(code)
        self.detail = _bilingual(code, **args)


def _expect(data: dict[str, Any], name: str, kind: type | tuple[type, ...]) -> Any:
    value = data[name]
    if not isinstance(value, kind) or isinstance(value, bool):
        raise _Malformed("op_bad_field", value=name)
    return value


def parse_operation(line: bytes, device_id: str, expected_seq: int) -> Operation:
    """An operation from its line, checked through and through; :class:`_Malformed` if not."""
    try:
        data = json.loads(line)
    except ValueError:
        raise _Malformed("op_not_json") from None
    if not isinstance(data, dict):
        raise _Malformed("op_not_json")
    if set(data) != _OP_KEYS:
        raise _Malformed("op_bad_field", value=sorted(set(data) ^ _OP_KEYS)[0])
    op_device = _expect(data, "device_id", str)
    if op_device != device_id:
        raise _Malformed("op_wrong_device", value=op_device[:64])
    seq = _expect(data, "seq", int)
    if seq != expected_seq:
        raise _Malformed("op_out_of_sequence", expected=expected_seq, found=seq)
    op_id = _expect(data, "op_id", str)
    if op_id != f"{device_id}:{seq}":
        raise _Malformed("op_bad_field", value="op_id")
    kind = _expect(data, "record_kind", str)
    if kind not in RECORD_TYPES:
        raise _Malformed("op_bad_field", value="record_kind")
    if _expect(data, "action", str) not in ACTIONS:
        raise _Malformed("op_bad_field", value="action")
    if len(_expect(data, "author", str)) > 200:
        raise _Malformed("op_bad_field", value="author")
    if not _HLC.fullmatch(_expect(data, "hlc", str)):
        raise _Malformed("op_bad_field", value="hlc")
    parents = _expect(data, "parents", list)
    for parent in parents:
        match = _OP_ID.fullmatch(parent) if isinstance(parent, str) else None
        if match is None or parent == op_id or (
            match.group(1) == device_id and int(match.group(2)) >= seq
        ):
            raise _Malformed("op_bad_field", value="parents")
    if len(set(parents)) != len(parents):
        raise _Malformed("op_bad_field", value="parents")
    record_id = _expect(data, "record_id", str)
    snapshot = _expect(data, "snapshot", dict)
    if snapshot.get("id") != record_id:  # the record's validation checks the id itself
        raise _Malformed("op_bad_field", value="record_id")
    _check_snapshot(kind, snapshot)
    return Operation(
        op_id=op_id,
        device_id=device_id,
        seq=seq,
        record_id=record_id,
        record_kind=kind,
        action=data["action"],
        author=data["author"],
        hlc=data["hlc"],
        parents=tuple(parents),
        snapshot=snapshot,
    )


def _check_snapshot(kind: str, snapshot: dict[str, Any]) -> None:
    """The snapshot is a valid record in the canonical form the app itself writes."""
    try:
        record = RECORD_TYPES[kind].model_validate(snapshot)
    except ValidationError as error:
        problems = problems_from(error)
        # The age group's agreement with the age depends on the installation's methodology (the
        # age below which a victim is a child): a setting, not a malformation.
        if all(p.message.code == "age_group_mismatch" for p in problems):
            return
        invalid = RecordInvalid(problems)
        raise _Malformed(
            "op_bad_record", detail_en=invalid.render("en")[:500], detail_ar=invalid.render("ar")[:500]
        ) from None
    if record.snapshot() != snapshot:
        raise _Malformed("op_not_canonical")


# ------------------------------------------------------------------------------------------------
# Writing: a ZIP produced as it is read, encrypted as it is produced
# ------------------------------------------------------------------------------------------------


class _Sink:
    """Where the ZIP writer puts its bytes (not seekable: entries get data descriptors)."""

    def __init__(self) -> None:
        self._data = bytearray()

    def write(self, data: bytes) -> int:
        self._data += data
        return len(data)

    def flush(self) -> None:
        return None

    def close(self) -> None:
        return None

    def take(self) -> bytes:
        data = bytes(self._data)
        self._data.clear()
        return data


class _PullReader(io.RawIOBase):
    """A readable stream over an iterator of byte chunks (what the age encryptor reads)."""

    def __init__(self, chunks: Iterator[bytes]) -> None:
        self._chunks = chunks
        self._current = b""

    def readable(self) -> bool:
        return True

    def readinto(self, buffer: Any) -> int:
        while not self._current:
            chunk = next(self._chunks, None)
            if chunk is None:
                return 0
            self._current = chunk
        size = min(len(buffer), len(self._current))
        buffer[:size] = self._current[:size]
        self._current = self._current[size:]
        return size


def _zip_info(name: str) -> zipfile.ZipInfo:
    info = zipfile.ZipInfo(name, date_time=dt.datetime.now(dt.UTC).timetuple()[:6])
    info.compress_type = zipfile.ZIP_DEFLATED
    return info


def _zip_chunks(
    manifest: bytes,
    signature: bytes,
    lines: Iterable[bytes],
    size: int,
    progress: Progress,
    total: int,
) -> Iterator[bytes]:
    sink = _Sink()
    with zipfile.ZipFile(sink, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        archive.writestr(_zip_info(MANIFEST), manifest)
        archive.writestr(_zip_info(SIGNATURE), signature)
        yield sink.take()
        zip64 = size > zipfile.ZIP64_LIMIT * 0.9
        with archive.open(_zip_info(OPERATIONS), "w", force_zip64=zip64) as entry:
            batch: list[bytes] = []
            done = 0
            for line in lines:
                batch.append(line)
                if len(batch) >= _LINES_PER_WRITE:
                    entry.write(b"".join(batch))
                    done += len(batch)
                    batch.clear()
                    progress(done, total)
                    yield sink.take()
            entry.write(b"".join(batch))
            done += len(batch)
    progress(done, total)
    yield sink.take()


def write_bundle(
    target: Path,
    manifest: dict[str, Any],
    lines: Callable[[], Iterable[bytes]],
    key: Ed25519PrivateKey,
    recipients: Sequence[str],
    progress: Progress | None = None,
) -> str:
    """Write a bundle of ``lines()`` (read twice) and return the SHA-256 of its manifest.

    ``manifest`` is completed with the ``entries`` of ``ops.jsonl``, then signed.
    """
    digest = hashlib.sha256()
    size = count = 0
    for line in lines():
        digest.update(line)
        size += len(line)
        count += 1
    manifest = {**manifest, "entries": {OPERATIONS: {"sha256": digest.hexdigest(), "bytes": size,
                                                     "lines": count}}}
    manifest_bytes = json.dumps(manifest, ensure_ascii=False, indent=2, sort_keys=True).encode()
    signature = SIGNATURE_PREFIX + base64.b64encode(key.sign(manifest_bytes)) + b"\n"
    chunks = _zip_chunks(manifest_bytes, signature, lines(), size, progress or _no_progress, count)
    part = target.with_name(target.name + ".part")
    try:
        with open(part, "wb") as out:
            pyrage.encrypt_io(
                _PullReader(chunks), out, [pyrage.x25519.Recipient.from_str(r) for r in recipients]
            )
            out.flush()
            os.fsync(out.fileno())
        os.replace(part, target)
    except BaseException:
        part.unlink(missing_ok=True)
        raise
    return _sha256(manifest_bytes)


@dataclass(frozen=True, slots=True)
class ExportReport:
    """A bundle written, or nothing new to write (``path`` None)."""

    path: Path | None
    operations: int = 0
    seq_from: int = 0
    seq_to: int = 0
    scope: str = "incremental"
    recipients: tuple[str, ...] = ()

    def render(self, lang: str) -> str:
        if self.path is None:
            return Message.of("bundle_nothing_new").render(lang)
        return Message.of(
            "bundle_exported", path=str(self.path), operations=self.operations,
            seq_from=self.seq_from, seq_to=self.seq_to, recipients=", ".join(self.recipients),
        ).render(lang)


def _app_version() -> str:
    try:
        return metadata.version("snhr-desktop")
    except metadata.PackageNotFoundError:
        return "unknown"


def _recipients_key(recipients: Iterable[str]) -> str:
    return _sha256("\n".join(sorted(recipients)).encode("ascii"))


def export_bundle(
    ws: Workspace,
    folder: Path,
    *,
    to: Sequence[str] = (),
    full: bool = False,
    progress: Progress | None = None,
) -> ExportReport:
    """Write this installation's operations since the last bundle to the same recipients
    (all of them with ``full``) as a bundle in ``folder``. The signing key is made if needed."""
    store = ws.store
    keyring = Keyring(store)
    recipients = keyring.choose_recipients(to)
    strings = sorted(r.recipient for r in recipients)
    recipients_key = _recipients_key(strings)
    with store.transaction():
        key, _ = keyring.ensure_signing_key()
        device = ws.device_id
        last = store.db.execute(
            "SELECT seq_to, manifest_sha256 FROM bundles_sent WHERE recipients_key = ? "
            "ORDER BY seq_to DESC, created_at DESC LIMIT 1",
            [recipients_key],
        ).fetchone()
        top = int(store.meta("next_seq", "1") or 1) - 1
        seq_from = 1 if full or last is None else int(last[0]) + 1
        if seq_from > top:
            return ExportReport(None)
        by_kind: dict[str, int] = {}
        by_action: dict[str, int] = {}
        for kind, action, count in store.db.execute(
            "SELECT record_kind, action, count(*) FROM operations "
            "WHERE device_id = ? AND seq BETWEEN ? AND ? GROUP BY record_kind, action",
            [device, seq_from, top],
        ):
            by_kind[kind] = by_kind.get(kind, 0) + count
            by_action[action] = by_action.get(action, 0) + count
        bundle_id = uuid7()
        scope = "full" if seq_from == 1 else "incremental"
        manifest = {
            "format": FORMAT,
            "schema_version": SCHEMA_VERSION,
            "app_version": _app_version(),
            "bundle_id": bundle_id,
            "created_at": now_iso(),
            "device_id": device,
            "researcher": ws.researcher,
            "signing_key": encode_public(key.public_key().public_bytes_raw()),
            "scope": scope,
            "seq_from": seq_from,
            "seq_to": top,
            "previous_bundle": last[1] if last else None,
            "recipients": strings,
            "counts": {
                "operations": top - seq_from + 1,
                "by_kind": dict(sorted(by_kind.items())),
                "by_action": dict(sorted(by_action.items())),
            },
        }

        def lines() -> Iterator[bytes]:
            cursor = store.db.execute(
                "SELECT * FROM operations WHERE device_id = ? AND seq BETWEEN ? AND ? ORDER BY seq",
                [device, seq_from, top],
            )
            names = [c[0] for c in cursor.description]
            for values in cursor:
                yield operation_line(Operation.from_row(dict(zip(names, values, strict=True))))

        folder.mkdir(parents=True, exist_ok=True)
        name = f"snhr-{device}-{seq_from:06d}-{top:06d}-{bundle_id[-8:]}{SUFFIX}"
        target = folder / name
        manifest_hash = write_bundle(target, manifest, lines, key, strings, progress)
        store.db.execute(
            "INSERT INTO bundles_sent VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
            [manifest_hash, bundle_id, recipients_key, seq_from, top, scope, name, now_iso()],
        )
    return ExportReport(
        target, top - seq_from + 1, seq_from, top, scope, tuple(r.name for r in recipients)
    )


# ------------------------------------------------------------------------------------------------
# Reading: a ZIP read front to back as it is decrypted
# ------------------------------------------------------------------------------------------------

_LOCAL, _CENTRAL, _END, _DESCRIPTOR = b"PK\x03\x04", b"PK\x01\x02", b"PK\x05\x06", b"PK\x07\x08"
_LOCAL_HEADER = struct.Struct("<4sHHHHHIIIHH")
_MAX_OUT = 1 << 16


class _ZipStream:
    """Reads a ZIP archive front to back, never seeking, calling ``on_*`` for each entry.

    Only what bundles use is accepted: deflated (or stored, with sizes) entries, unencrypted,
    zip64 or not. Each entry's CRC-32 and sizes are checked; the central directory at the end is
    where reading stops.
    """

    def __init__(
        self,
        on_start: Callable[[str], None],
        on_data: Callable[[bytes], None],
        on_end: Callable[[], None],
    ) -> None:
        self._on_start, self._on_data, self._on_end = on_start, on_data, on_end
        self._buffer = bytearray()
        self._state = "header"
        self.finished = False
        self.entries = 0
        self._reset_entry()

    def _reset_entry(self) -> None:
        self._flags = self._method = 0
        self._zip64 = False
        self._crc = self._size = self._consumed = 0
        self._expected = (0, 0, 0)
        self._inflater: Any = None

    def feed(self, data: bytes) -> None:
        if self.finished:
            return
        self._buffer += data
        while not self.finished and self._step():
            pass

    def _step(self) -> bool:
        if self._state == "header":
            return self._header()
        if self._state == "data":
            return self._data()
        return self._descriptor()

    def _header(self) -> bool:
        if len(self._buffer) < 4:
            return False
        signature = bytes(self._buffer[:4])
        if signature in (_CENTRAL, _END) and self.entries:
            self.finished = True
            self._buffer.clear()
            return False
        if signature != _LOCAL:
            raise BundleRefused.of("bundle_damaged" if self.entries else "bundle_not_a_bundle")
        if len(self._buffer) < _LOCAL_HEADER.size:
            return False
        (_, _, flags, method, _, _, crc, csize, usize, name_length, extra_length) = (
            _LOCAL_HEADER.unpack_from(self._buffer)
        )
        end = _LOCAL_HEADER.size + name_length + extra_length
        if len(self._buffer) < end:
            return False
        try:
            name = bytes(self._buffer[_LOCAL_HEADER.size : _LOCAL_HEADER.size + name_length]).decode()
        except UnicodeDecodeError:
            raise BundleRefused.of("bundle_damaged") from None
        extra = bytes(self._buffer[_LOCAL_HEADER.size + name_length : end])
        del self._buffer[:end]
        if flags & 0x1 or method not in (0, 8) or (method == 0 and flags & 0x8):
            raise BundleRefused.of("bundle_damaged")
        self._reset_entry()
        self._flags, self._method = flags, method
        self._zip64 = _has_zip64(extra)
        self._expected = (crc, csize, usize)
        if method == 8:
            self._inflater = zlib.decompressobj(-15)
        self._state = "data"
        self.entries += 1
        self._on_start(name)
        return True

    def _emit(self, data: bytes) -> None:
        if data:
            self._crc = zlib.crc32(data, self._crc)
            self._size += len(data)
            self._on_data(data)

    def _data(self) -> bool:
        if self._method == 0:
            wanted = self._expected[1] - self._consumed
            piece = bytes(self._buffer[:wanted])
            del self._buffer[: len(piece)]
            self._consumed += len(piece)
            self._emit(piece)
            if self._consumed < self._expected[1]:
                return False
            return self._entry_done()
        if not self._buffer:
            return False
        data = bytes(self._buffer)
        self._buffer.clear()
        self._consumed += len(data)
        try:
            while not self._inflater.eof:
                out = self._inflater.decompress(data, _MAX_OUT)
                self._emit(out)
                data = self._inflater.unconsumed_tail
                if not data and len(out) < _MAX_OUT and not self._inflater.eof:
                    return False
        except zlib.error:
            raise BundleRefused.of("bundle_damaged") from None
        leftover = self._inflater.unused_data + data
        self._consumed -= len(leftover)
        self._buffer[:0] = leftover
        return self._entry_done()

    def _entry_done(self) -> bool:
        if self._flags & 0x8:
            self._state = "descriptor"
            return True
        self._check(*self._expected)
        return True

    def _descriptor(self) -> bool:
        if len(self._buffer) < 4:
            return False
        offset = 4 if bytes(self._buffer[:4]) == _DESCRIPTOR else 0
        layout = "<IQQ" if self._zip64 else "<III"
        size = struct.calcsize(layout)
        if len(self._buffer) < offset + size:
            return False
        crc, csize, usize = struct.unpack_from(layout, self._buffer, offset)
        del self._buffer[: offset + size]
        self._check(crc, csize, usize)
        return True

    def _check(self, crc: int, csize: int, usize: int) -> None:
        if (crc, csize, usize) != (self._crc, self._consumed, self._size):
            raise BundleRefused.of("bundle_damaged")
        self._state = "header"
        self._on_end()


def _has_zip64(extra: bytes) -> bool:
    position = 0
    while position + 4 <= len(extra):
        header, length = struct.unpack_from("<HH", extra, position)
        if header == 0x0001:
            return True
        position += 4 + length
    return False


# ------------------------------------------------------------------------------------------------
# Importing
# ------------------------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Manifest:
    """The checked manifest of a bundle being imported."""

    sha256: str
    bundle_id: str
    device_id: str
    researcher: str
    seq_from: int
    seq_to: int
    previous_bundle: str | None
    operations: dict[str, Any]


class _Receiver:
    """Takes the decrypted bytes of one bundle: checks everything, merges as it goes."""

    def __init__(self, ws: Workspace, keyring: Keyring) -> None:
        self.ws = ws
        self.keyring = keyring
        self.zip = _ZipStream(self._start, self._data, self._end)
        self.entry: str | None = None
        self.next_entry = 0
        self.manifest_bytes = bytearray()
        self.signature = bytearray()
        self.manifest: Manifest | None = None
        self.signer: SignerKey | None = None
        self.merger: Merger | None = None
        self.digest = hashlib.sha256()
        self.bytes = 0
        self.lines = 0
        self.partial = bytearray()
        self.complete = False

    # -- the writer the age decryptor writes to ----------------------------------------------
    def write(self, data: bytes) -> int:
        self.zip.feed(bytes(data))
        return len(data)

    def flush(self) -> None:
        return None

    # -- entries ------------------------------------------------------------------------
    def _start(self, name: str) -> None:
        if self.next_entry >= len(ENTRIES) or name != ENTRIES[self.next_entry]:
            raise BundleRefused.of("bundle_not_a_bundle" if self.next_entry == 0 else "bundle_damaged")
        self.entry = name
        self.next_entry += 1

    def _data(self, data: bytes) -> None:
        if self.entry == MANIFEST:
            self.manifest_bytes += data
            if len(self.manifest_bytes) > MAX_MANIFEST:
                raise BundleRefused.of("bundle_not_a_bundle")
        elif self.entry == SIGNATURE:
            self.signature += data
            if len(self.signature) > MAX_SIGNATURE:
                raise BundleRefused.of("bundle_bad_signature")
        else:
            self._operations(data)

    def _end(self) -> None:
        if self.entry == SIGNATURE:
            self._verify()
        elif self.entry == OPERATIONS:
            self._operations_done()

    # -- the manifest and its signature ----------------------------------------------------
    def _verify(self) -> None:
        try:
            data = json.loads(bytes(self.manifest_bytes))
        except ValueError:
            raise BundleRefused.of("bundle_not_a_bundle") from None
        if not isinstance(data, dict):
            raise BundleRefused.of("bundle_not_a_bundle")
        found = data.get("format")
        if found != FORMAT:
            if isinstance(found, str) and found.startswith(FORMAT_FAMILY):
                raise BundleRefused.of("bundle_newer_format", found=found[:60])
            raise BundleRefused.of("bundle_not_a_bundle")
        device = str(data.get("device_id", ""))[:64]
        name = str(data.get("researcher", ""))[:200]
        try:
            public = decode_public(str(data.get("signing_key", "")))
        except ValueError:
            raise BundleRefused.of("bundle_bad_manifest", value="signing_key") from None
        signer = self.keyring.signer_for(public)
        if signer is None:
            unknown = SignerKey(public, device, name)
            raise BundleRefused.of(
                "bundle_unknown_signer", name=name, device=device, fingerprint=unknown.fingerprint
            )
        if signer.device_id != device:
            raise BundleRefused.of(
                "bundle_signer_mismatch", device=device, signer=signer.device_id, name=signer.name
            )
        if not signer.verifies(_signature_bytes(bytes(self.signature)), bytes(self.manifest_bytes)):
            raise BundleRefused.of("bundle_bad_signature")
        schema = data.get("schema_version")
        if not isinstance(schema, int) or isinstance(schema, bool):
            raise BundleRefused.of("bundle_bad_manifest", value="schema_version")
        if schema > SCHEMA_VERSION:
            raise BundleRefused.of("bundle_newer_schema", found=schema, supported=SCHEMA_VERSION)
        self.manifest = _checked_manifest(data, _sha256(bytes(self.manifest_bytes)))
        self.signer = signer
        self.merger = Merger(self.ws.store)

    # -- the operations ------------------------------------------------------------------
    def _operations(self, data: bytes) -> None:
        manifest, merger = self.manifest, self.merger
        if manifest is None or merger is None:
            raise BundleRefused.of("bundle_damaged")
        self.digest.update(data)
        self.bytes += len(data)
        self.partial += data
        start = 0
        while (end := self.partial.find(b"\n", start)) >= 0:
            self._line(bytes(self.partial[start:end]), manifest, merger)
            start = end + 1
        del self.partial[:start]
        if len(self.partial) > MAX_LINE:
            raise self._malformed(self.lines + 1, manifest, _Malformed("op_too_long"))

    def _line(self, line: bytes, manifest: Manifest, merger: Merger) -> None:
        self.lines += 1
        expected = manifest.seq_from + self.lines - 1
        if expected > manifest.seq_to:
            raise BundleRefused.of("bundle_hash_mismatch", value=OPERATIONS)
        try:
            op = parse_operation(line, manifest.device_id, expected)
        except _Malformed as problem:
            raise self._malformed(self.lines, manifest, problem) from None
        merger.add(op)

    def _malformed(self, number: int, manifest: Manifest, problem: _Malformed) -> BundleRefused:
        op_id = f"{manifest.device_id}:{manifest.seq_from + number - 1}"
        return BundleRefused.of("bundle_bad_operation", number=number, op_id=op_id, **problem.detail)

    def _operations_done(self) -> None:
        manifest = self.manifest
        if manifest is None:
            raise BundleRefused.of("bundle_damaged")
        if self.partial:
            raise self._malformed(self.lines + 1, manifest, _Malformed("op_not_json"))
        entry = manifest.operations
        if (self.digest.hexdigest(), self.bytes, self.lines) != (
            entry["sha256"], entry["bytes"], entry["lines"]
        ):
            raise BundleRefused.of("bundle_hash_mismatch", value=OPERATIONS)
        self.complete = True

    def finish(self, file_name: str) -> tuple[Manifest, MergeCounts]:
        """After the whole file was decrypted: merge what is pending and log the bundle."""
        if not (self.complete and self.zip.finished and self.manifest and self.merger):
            raise BundleRefused.of("bundle_damaged")
        counts = self.merger.finish()
        m = self.manifest
        if counts.new_operations:  # a bundle that brings nothing new leaves no trace at all
            self.ws.store.db.execute(
                "INSERT OR IGNORE INTO bundles_received VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
                [m.sha256, m.bundle_id, m.device_id, m.seq_from, m.seq_to, m.previous_bundle,
                 file_name, counts.new_operations, now_iso()],
            )
        return m, counts


def _signature_bytes(text: bytes) -> bytes:
    text = text.strip()
    if not text.startswith(SIGNATURE_PREFIX):
        return b""
    try:
        return base64.b64decode(text[len(SIGNATURE_PREFIX) :], validate=True)
    except binascii.Error:
        return b""


def _checked_manifest(data: dict[str, Any], sha256: str) -> Manifest:
    def need(name: str, kind: type, ok: Callable[[Any], bool] = lambda v: True) -> Any:
        value = data.get(name)
        if not isinstance(value, kind) or isinstance(value, bool) or not ok(value):
            raise BundleRefused.of("bundle_bad_manifest", value=name)
        return value

    device = need("device_id", str, lambda v: bool(_DEVICE.fullmatch(v)))
    seq_from = need("seq_from", int, lambda v: v >= 1)
    seq_to = need("seq_to", int, lambda v: v >= seq_from)
    bundle_id = need("bundle_id", str, lambda v: 0 < len(v) <= 64)
    researcher = need("researcher", str)
    previous = data.get("previous_bundle")
    if previous is not None and not (isinstance(previous, str) and _SHA256.fullmatch(previous)):
        raise BundleRefused.of("bundle_bad_manifest", value="previous_bundle")
    entries = need("entries", dict, lambda v: set(v) == {OPERATIONS})
    entry = entries[OPERATIONS]
    if not (
        isinstance(entry, dict)
        and isinstance(entry.get("sha256"), str)
        and _SHA256.fullmatch(entry["sha256"])
        and all(isinstance(entry.get(k), int) and not isinstance(entry[k], bool) for k in ("bytes", "lines"))
        and entry["lines"] == seq_to - seq_from + 1
    ):
        raise BundleRefused.of("bundle_bad_manifest", value="entries")
    return Manifest(sha256, bundle_id, device, researcher, seq_from, seq_to, previous, entry)


class _CountingReader(io.RawIOBase):
    """The encrypted file as the decryptor reads it: counts bytes, and keeps what went wrong
    on this side (the file could not be read, or the progress callback stopped the import),
    since the decryptor may turn such errors into its own while it reads the header."""

    def __init__(self, handle: io.BufferedReader, progress: Callable[[int], None]) -> None:
        self._handle = handle
        self._progress = progress
        self.unreadable: OSError | None = None
        self.stopped: BaseException | None = None

    def readable(self) -> bool:
        return True

    def readinto(self, buffer: Any) -> int:
        if self.unreadable is not None or self.stopped is not None:
            raise self.unreadable or self.stopped  # type: ignore[misc]
        try:
            size = self._handle.readinto(buffer)
        except OSError as error:
            self.unreadable = error
            raise
        try:
            self._progress(size)
        except BaseException as error:
            self.stopped = error
            raise
        return size


@dataclass(slots=True)
class BundleOutcome:
    """What became of one file."""

    path: Path
    refused: Message | None = None
    quarantined: Path | None = None
    device_id: str = ""
    researcher: str = ""
    seq_from: int = 0
    seq_to: int = 0
    counts: MergeCounts = field(default_factory=MergeCounts)

    @property
    def imported(self) -> bool:
        return self.refused is None

    def render(self, lang: str) -> str:
        if self.refused is not None:
            lines = [Message.of("bundle_refused", path=str(self.path),
                                reason_en=self.refused.en, reason_ar=self.refused.ar).render(lang)]
            if self.quarantined is not None:
                lines.append("  " + Message.of("bundle_quarantined",
                                               path=str(self.quarantined)).render(lang))
            return "\n".join(lines)
        c = self.counts
        if not c.new_operations:
            return Message.of("bundle_nothing_to_merge", path=str(self.path), known=c.known_operations,
                              researcher=self.researcher, device=self.device_id).render(lang)
        return Message.of(
            "bundle_merged", path=str(self.path), new=c.new_operations, known=c.known_operations,
            researcher=self.researcher, device=self.device_id, seq_from=self.seq_from,
            seq_to=self.seq_to, created=c.created, updated=c.updated, conflicts=c.conflicted,
        ).render(lang)

    def as_json(self) -> dict[str, Any]:
        c = self.counts
        return {
            "file": str(self.path),
            "status": "imported" if self.imported else "refused",
            "code": self.refused.code if self.refused else None,
            "message_en": self.refused.en if self.refused else None,
            "message_ar": self.refused.ar if self.refused else None,
            "quarantined": str(self.quarantined) if self.quarantined else None,
            "device_id": self.device_id or None,
            "seq_from": self.seq_from or None,
            "seq_to": self.seq_to or None,
            "new_operations": c.new_operations,
            "known_operations": c.known_operations,
            "created": c.created,
            "updated": c.updated,
            "conflicts": c.conflicted,
        }


@dataclass(slots=True)
class BundleImportReport:
    """The outcome of importing one or more bundles, with what is still missing."""

    outcomes: list[BundleOutcome] = field(default_factory=list)
    missing: dict[str, list[tuple[int, int]]] = field(default_factory=dict)
    open_conflicts: int = 0

    @property
    def ok(self) -> bool:
        return all(o.imported for o in self.outcomes)

    def totals(self) -> dict[str, int]:
        done = [o for o in self.outcomes if o.imported]
        return {
            "imported": len(done),
            "refused": len(self.outcomes) - len(done),
            "new": sum(o.counts.new_operations for o in done),
            "known": sum(o.counts.known_operations for o in done),
            "created": sum(o.counts.created for o in done),
            "updated": sum(o.counts.updated for o in done),
            "conflicts": self.open_conflicts,
        }

    def render(self, lang: str) -> str:
        lines = [o.render(lang) for o in self.outcomes]
        for device, ranges in self.missing.items():
            text = ", ".join(f"{a}–{b}" if a != b else str(a) for a, b in ranges)
            lines.append(Message.of("bundle_missing", device=device, ranges=text).render(lang))
        lines.append(Message.of("bundle_import_summary", **self.totals()).render(lang))
        return "\n".join(lines)

    def as_json(self) -> dict[str, Any]:
        return {
            "bundles": [o.as_json() for o in self.outcomes],
            "missing": {d: [list(r) for r in ranges] for d, ranges in self.missing.items()},
            "totals": self.totals(),
        }


def quarantine_folder(ws: Workspace) -> Path | None:
    """``<database>.quarantine/`` beside the database (None for a database without a path)."""
    if ws.path is None:
        return None
    return ws.path.with_name(ws.path.name + ".quarantine")


def _quarantine(ws: Workspace, path: Path, reason: Message) -> Path | None:
    """Move a refused file aside, with a file saying why, in both languages."""
    folder = quarantine_folder(ws)
    if folder is None or not path.is_file():
        return None
    folder.mkdir(mode=0o700, parents=True, exist_ok=True)
    if path.resolve().parent == folder.resolve():
        target = path  # imported again from the quarantine and refused again
    else:
        stamp = dt.datetime.now(dt.UTC).strftime("%Y%m%dT%H%M%SZ")
        target = folder / f"{stamp}-{path.name}"
        number = 1
        while target.exists():
            number += 1
            target = folder / f"{stamp}-{number}-{path.name}"
        try:
            shutil.move(path, target)
        except OSError:  # a read-only medium: keep a copy at least
            shutil.copy2(path, target)
    target.with_name(target.name + ".reason.txt").write_text(
        f"file: {path}\nrefused: {now_iso()}\ncode: {reason.code}\n\n{reason.en}\n\n{reason.ar}\n",
        encoding="utf-8",
    )
    return target


def _decryption_refusal(error: Exception, path: Path) -> BundleRefused:
    if "no matching keys" in str(error).lower():
        return BundleRefused.of("bundle_wrong_recipient")
    with path.open("rb") as handle:
        if handle.read(len(AGE_MAGIC)) != AGE_MAGIC:
            return BundleRefused.of("bundle_not_a_bundle")
    return BundleRefused.of("bundle_damaged")


def import_bundle(
    ws: Workspace,
    path: Path,
    *,
    identities: Sequence[Any] | None = None,
    progress: Callable[[int], None] | None = None,
) -> BundleOutcome:
    """Import one bundle file in one transaction; a refused one is quarantined.

    ``progress`` is called with the number of encrypted bytes read since the last call.
    """
    keyring = Keyring(ws.store)
    identities = keyring.identities() if identities is None else identities
    if not identities:
        raise UserError.of("bundle_no_identity")
    outcome = BundleOutcome(path)
    try:
        if not path.is_file():
            raise UserError.of("file_not_found", path=str(path))
        with ws.store.transaction(), path.open("rb") as handle:
            receiver = _Receiver(ws, keyring)
            reader = _CountingReader(handle, progress or (lambda size: None))
            try:
                pyrage.decrypt_io(reader, receiver, list(identities))
            except (pyrage.DecryptError, OSError) as error:
                if reader.stopped is None and reader.unreadable is None:
                    raise _decryption_refusal(error, path) from None
            if reader.stopped is not None:  # e.g. the person cancelled: not the bundle's fault
                raise reader.stopped
            if reader.unreadable is not None:
                raise UserError.of("unreadable_file", path=str(path),
                                   detail=str(reader.unreadable)) from None
            manifest, outcome.counts = receiver.finish(path.name)
            outcome.device_id, outcome.researcher = manifest.device_id, manifest.researcher
            outcome.seq_from, outcome.seq_to = manifest.seq_from, manifest.seq_to
    except (BundleRefused, OperationRejected) as refusal:
        outcome.refused = refusal.message
        outcome.counts = MergeCounts()
        outcome.quarantined = _quarantine(ws, path, refusal.message)
    except UserError as error:
        if error.message.code not in ("file_not_found", "unreadable_file"):
            raise
        outcome.refused = error.message
        outcome.counts = MergeCounts()
    return outcome


def import_bundles(
    ws: Workspace, paths: Sequence[Path], *, progress: Progress | None = None
) -> BundleImportReport:
    """Import bundles, each on its own (one bad file never blocks the others), in any order.

    ``progress(done, total)`` counts encrypted bytes over all the files.
    """
    identities = Keyring(ws.store).identities()
    if not identities:
        raise UserError.of("bundle_no_identity")
    sizes = [p.stat().st_size if p.is_file() else 0 for p in paths]
    total = sum(sizes)
    done = 0
    report = BundleImportReport()

    def advance(size: int) -> None:
        nonlocal done
        done += size
        if progress is not None:
            progress(done, total)

    for path, size in zip(paths, sizes, strict=True):
        before = done
        report.outcomes.append(import_bundle(ws, path, identities=identities, progress=advance))
        done = before + size  # whatever part of it was read
    if progress is not None:
        progress(total, total)
    report.missing = missing_ranges(ws.store)
    report.open_conflicts = len({row["record_id"] for row in open_conflict_rows(ws.store)})
    return report


# -- reading a bundle's signer before importing it -------------------------------------------------
_LOCAL_HEADER = struct.Struct("<4sHHHHHIIIHH")
_MANIFEST_LIMIT = 1 << 20


class _ManifestReader:
    """Collects the start of a decrypted bundle until its first entry (the manifest) is whole."""

    def __init__(self) -> None:
        self.buffer = bytearray()
        self.manifest: bytes | None = None

    def write(self, data: bytes) -> int:
        if self.manifest is None:
            self.buffer += data
            self._try()
            if self.manifest is not None or len(self.buffer) > _MANIFEST_LIMIT:
                raise EOFError("enough")
        return len(data)

    def flush(self) -> None:
        return None

    def _try(self) -> None:
        if len(self.buffer) < _LOCAL_HEADER.size:
            return
        header = _LOCAL_HEADER.unpack_from(self.buffer)
        if header[0] != b"PK\x03\x04":
            raise EOFError("not a zip")
        start = _LOCAL_HEADER.size + header[9] + header[10]
        inflater = zlib.decompressobj(-15)
        data = inflater.decompress(bytes(self.buffer[start:]))
        if inflater.eof:
            self.manifest = data


def read_signer(ws: Workspace, path: Path) -> SignerKey | None:
    """The signing key a bundle names in its manifest, NOT yet checked, or None if unreadable.

    For asking a person whether to trust an unknown signer before importing; the import itself
    verifies everything.
    """
    identities = Keyring(ws.store).identities()
    if not identities or not path.is_file():
        return None
    reader = _ManifestReader()
    # decrypt_io stops with an error once the manifest is read (or the file is unreadable).
    with path.open("rb") as handle, contextlib.suppress(Exception):
        pyrage.decrypt_io(handle, reader, list(identities))
    if reader.manifest is None:
        return None
    try:
        data = json.loads(reader.manifest)
        public = decode_public(str(data["signing_key"]))
        return SignerKey(public, str(data.get("device_id", ""))[:64],
                         str(data.get("researcher", ""))[:200])
    except (ValueError, KeyError, TypeError):
        return None
