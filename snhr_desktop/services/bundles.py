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
import sys
import zipfile
import zlib
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from importlib import metadata
from pathlib import Path
from typing import Any, NamedTuple

import pyrage
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
from pydantic import ValidationError

from snhr_desktop.domain.fields import RecordInvalid, problems_from
from snhr_desktop.domain.ids import uuid7
from snhr_desktop.domain.messages import Message, UserError
from snhr_desktop.domain.operation import ACTIONS, Operation
from snhr_desktop.domain.records import RECORD_TYPES
from snhr_desktop.services.keyring import Keyring, SignerKey, decode_public, encode_public
from snhr_desktop.services.offload import Offload, OrderedWork
from snhr_desktop.services.workspace import Workspace
from snhr_desktop.storage.merge import (
    MergeCounts,
    Merger,
    OperationRejected,
    missing_ranges,
    open_conflict_rows,
    record_row,
)
from snhr_desktop.storage.migrations import SCHEMA_VERSION
from snhr_desktop.storage.store import Store, now_iso

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


_SNAPSHOT_KEY = '"snapshot":'
_JSON_SPACE = " \t\r\n"


def _load_line(line: bytes) -> tuple[Any, str | None]:
    """The line's JSON, and the exact text of its snapshot when that is the last member (as in
    canonical lines): the log then stores that text instead of writing the snapshot out again.

    The line is read in two parts, up to ``"snapshot":`` and after it; when both parse, the line
    is exactly those members (any string holding that token would have its quote escaped), so
    the result is what reading it whole gives. Anything else is read whole.
    """
    with contextlib.suppress(ValueError):  # not in two parts: read whole below
        text = line.decode("utf-8").rstrip(_JSON_SPACE)
        at = text.find(_SNAPSHOT_KEY)
        head = text[:at].rstrip(_JSON_SPACE)
        if at > 0 and head.endswith(",") and text.endswith("}"):
            data = json.loads(head[:-1] + "}")
            snapshot_text = text[at + len(_SNAPSHOT_KEY) : -1].strip(_JSON_SPACE)
            if isinstance(data, dict) and data and "snapshot" not in data:
                data["snapshot"] = json.loads(snapshot_text)
                return data, snapshot_text
    try:
        return json.loads(line), None
    except ValueError:
        raise _Malformed("op_not_json") from None


def parse_operation(line: bytes, device_id: str, expected_seq: int) -> Operation:
    """An operation from its line, checked through and through; :class:`_Malformed` if not."""
    return _checked_operation(_load_line(line)[0], device_id, expected_seq)


# What :func:`_prepare_lines` gives for each line: the operation's row of the log, its parents,
# its snapshot and the record row it makes when it follows the record's heads.
Prepared = tuple[tuple[Any, ...], tuple[str, ...], dict[str, Any], dict[str, Any]]
# The lines of a chunk prepared, then the first bad one's sequence number and problem, if any.
Checked = tuple[list[Prepared], tuple[int, dict[str, str]] | None]
CHUNK_LINES = 500  # lines checked in one piece (in the worker process for a large bundle)
PARALLEL_FROM = 10_000  # operations in a bundle from which a worker process checks its lines


def _prepare_lines(chunk: bytes, device_id: str, first_seq: int) -> Checked:
    """Lines of ``ops.jsonl`` checked and made ready to store, as far as the first bad one.
    Pure: runs in a worker process too."""
    prepared: list[Prepared] = []
    for index, line in enumerate(chunk.split(b"\n")):
        try:
            data, snapshot_text = _load_line(line)
            op = _checked_operation(data, device_id, first_seq + index)
        except _Malformed as problem:
            return prepared, (first_seq + index, problem.detail)
        if snapshot_text is None:
            row = op.row()
        else:  # Operation.row with the snapshot's text as it came (the same value)
            parents = json.dumps(data["parents"]) if op.parents else "[]"
            row = (op.op_id, op.device_id, op.seq, op.record_id, op.record_kind, op.action,
                   op.author, op.hlc, parents, snapshot_text)
        # The field names as shared strings: each is pickled once for all the chunk's records.
        snapshot = {sys.intern(name): value for name, value in op.snapshot.items()}
        deleted = op.action == "delete"
        prepared.append((row, op.parents, snapshot,
                         record_row(op.record_kind, snapshot, deleted, op.op_id)))
    return prepared, None


def _checked_operation(data: Any, device_id: str, expected_seq: int) -> Operation:
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
    """A readable stream over an iterator of byte chunks (what the age encryptor reads).

    The encryptor turns any exception raised while the chunks are made (a cancellation, a
    database error) into its own ``EncryptError``; the original is kept in ``error``.
    """

    def __init__(self, chunks: Iterator[bytes]) -> None:
        self._chunks = chunks
        self._current = b""
        self.error: BaseException | None = None

    def readable(self) -> bool:
        return True

    def readinto(self, buffer: Any) -> int:
        while not self._current:
            try:
                chunk = next(self._chunks, None)
            except BaseException as error:
                self.error = error
                raise
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
    manifest: bytes, signature: bytes, lines: Iterable[bytes], size: int
) -> Iterator[bytes]:
    sink = _Sink()
    with zipfile.ZipFile(sink, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        archive.writestr(_zip_info(MANIFEST), manifest)
        archive.writestr(_zip_info(SIGNATURE), signature)
        yield sink.take()
        zip64 = size > zipfile.ZIP64_LIMIT * 0.9
        with archive.open(_zip_info(OPERATIONS), "w", force_zip64=zip64) as entry:
            batch: list[bytes] = []
            for line in lines:
                batch.append(line)
                if len(batch) >= _LINES_PER_WRITE:
                    entry.write(b"".join(batch))
                    batch.clear()
                    yield sink.take()
            entry.write(b"".join(batch))
    yield sink.take()


class ExportCancelled(Exception):
    """The person stopped an export: no bundle, no temporary file, nothing recorded."""


def _never() -> bool:
    return False


class _Tally:
    """SHA-256, size and number of the lines going past (``ops.jsonl`` as the manifest
    describes it), calling ``step(count)`` every few hundred lines."""

    def __init__(self, step: Callable[[int], None]) -> None:
        self.digest = hashlib.sha256()
        self.size = 0
        self.count = 0
        self._step = step

    def feed(self, lines: Iterable[bytes]) -> Iterator[bytes]:
        for line in lines:
            self.digest.update(line)
            self.size += len(line)
            self.count += 1
            if self.count % _LINES_PER_WRITE == 0:
                self._step(self.count)
            yield line

    def entry(self) -> dict[str, Any]:
        return {"sha256": self.digest.hexdigest(), "bytes": self.size, "lines": self.count}


def _sync_folder(folder: Path) -> None:
    """Make a rename in ``folder`` durable (POSIX); where a folder cannot be opened (Windows)
    the rename is as durable as the file system makes it."""
    try:
        handle = os.open(folder, os.O_RDONLY | getattr(os, "O_DIRECTORY", 0))
    except OSError:
        return
    try:
        os.fsync(handle)
    except OSError:
        pass
    finally:
        os.close(handle)


def write_bundle(
    target: Path,
    manifest: dict[str, Any] | Callable[[], dict[str, Any]],
    lines: Callable[[], Iterable[bytes]],
    key: Ed25519PrivateKey,
    recipients: Sequence[str],
    progress: Progress | None = None,
    *,
    cancelled: Callable[[], bool] | None = None,
    total: int = 0,
) -> str:
    """Write a bundle of ``lines()`` (read twice) and return the SHA-256 of its manifest.

    ``manifest`` (or what ``manifest()`` returns once the lines have been read a first time) is
    completed with the ``entries`` of ``ops.jsonl``, then signed. The file is
    written as ``NAME.part`` beside ``target``, flushed to the disk, and only then renamed: a
    reader never sees half a bundle. If anything goes wrong, or ``cancelled()`` turns true
    (checked every few hundred lines: :class:`ExportCancelled`), or a callback raises, the
    temporary file is removed and nothing is left behind.

    ``progress(done, total)`` counts lines over both readings (the first, hashing, is about two
    fifths of the work); ``total`` is the number of lines expected, if known, for the first.
    """
    report = progress or _no_progress
    stop = cancelled or _never

    def check() -> None:
        if stop():
            raise ExportCancelled

    def first_step(count: int) -> None:
        check()
        if total:
            report(min(count, total) * 2 // 5, total)

    first = _Tally(first_step)
    for _line in first.feed(lines()):
        pass
    check()
    count = first.count
    share = count * 2 // 5
    report(share, count)
    manifest = {**(manifest() if callable(manifest) else manifest),
                "entries": {OPERATIONS: first.entry()}}
    manifest_bytes = json.dumps(manifest, ensure_ascii=False, indent=2, sort_keys=True).encode()
    signature = SIGNATURE_PREFIX + base64.b64encode(key.sign(manifest_bytes)) + b"\n"

    def second_step(done: int) -> None:
        check()
        report(share + min(done, count) * 3 // 5, count)

    second = _Tally(second_step)
    reader = _PullReader(_zip_chunks(manifest_bytes, signature, second.feed(lines()), first.size))
    part = target.with_name(target.name + ".part")
    try:
        with open(part, "wb") as out:
            try:
                pyrage.encrypt_io(
                    reader, out, [pyrage.x25519.Recipient.from_str(r) for r in recipients]
                )
            except Exception:
                if reader.error is not None:
                    raise reader.error from None
                raise
            out.flush()
            os.fsync(out.fileno())
        # The lines are read twice; a manifest that did not describe what follows it would have
        # every coordinator refuse the bundle.
        if second.entry() != first.entry():
            raise UserError.of("bundle_export_changed")
        check()
        os.replace(part, target)
    except BaseException:
        part.unlink(missing_ok=True)
        raise
    _sync_folder(target.parent)
    report(count, count)
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


@dataclass(frozen=True, slots=True)
class ExportPlan:
    """What the next bundle holds: this installation's operations ``seq_from``…``seq_to``, and
    the manifest to sign. A device's own operations never change once written, so the range
    read in one short transaction stays the same however long the bundle takes to write."""

    device_id: str
    seq_from: int
    seq_to: int
    scope: str
    bundle_id: str
    name: str  # of the file
    manifest: dict[str, Any]  # without ``counts`` and ``entries``, known once the lines are read
    key: Ed25519PrivateKey
    recipients: tuple[str, ...]  # age1… strings, sorted
    recipient_names: tuple[str, ...]
    recipients_key: str

    @property
    def operations(self) -> int:
        return self.seq_to - self.seq_from + 1

    def manifest_with(self, counts: OperationCounts) -> dict[str, Any]:
        return {**self.manifest, "counts": counts.as_json(self.operations)}


class OperationCounts:
    """Operations by record kind and by action (the manifest's ``counts``), counted as the
    lines are made: a counting query would read every operation once more, on the thread that
    owns the connection. ``start()`` begins a new reading."""

    def __init__(self) -> None:
        self.by_kind: dict[str, int] = {}
        self.by_action: dict[str, int] = {}

    def start(self) -> None:
        self.by_kind, self.by_action = {}, {}

    def add(self, kind: str, action: str) -> None:
        self.by_kind[kind] = self.by_kind.get(kind, 0) + 1
        self.by_action[action] = self.by_action.get(action, 0) + 1

    def as_json(self, operations: int) -> dict[str, Any]:
        return {
            "operations": operations,
            "by_kind": dict(sorted(self.by_kind.items())),
            "by_action": dict(sorted(self.by_action.items())),
        }


def plan_export(ws: Workspace, *, to: Sequence[str] = (), full: bool = False) -> ExportPlan | None:
    """What to export: this installation's operations since the last bundle to the same
    recipients (all of them with ``full``); None when there is nothing new.

    One short transaction (a few indexed lookups, whatever the number of operations), which
    also makes the signing key if there is none yet. Nothing is written to disk and no bundle is
    recorded: see :func:`write_export`, :func:`record_export`.
    """
    store = ws.store
    keyring = Keyring(store)
    recipients = keyring.choose_recipients(to)
    strings = tuple(sorted(r.recipient for r in recipients))
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
            return None
        researcher = ws.researcher
    bundle_id = uuid7()
    scope = "full" if seq_from == 1 else "incremental"
    manifest = {
        "format": FORMAT,
        "schema_version": SCHEMA_VERSION,
        "app_version": _app_version(),
        "bundle_id": bundle_id,
        "created_at": now_iso(),
        "device_id": device,
        "researcher": researcher,
        "signing_key": encode_public(key.public_key().public_bytes_raw()),
        "scope": scope,
        "seq_from": seq_from,
        "seq_to": top,
        "previous_bundle": last[1] if last else None,
        "recipients": list(strings),
    }
    return ExportPlan(
        device_id=device,
        seq_from=seq_from,
        seq_to=top,
        scope=scope,
        bundle_id=bundle_id,
        name=f"snhr-{device}-{seq_from:06d}-{top:06d}-{bundle_id[-8:]}{SUFFIX}",
        manifest=manifest,
        key=key,
        recipients=strings,
        recipient_names=tuple(r.name for r in recipients),
        recipients_key=recipients_key,
    )


_OPERATION_COLUMNS = (
    "op_id", "device_id", "seq", "record_id", "record_kind", "action", "author", "hlc",
    "parents", "snapshot",
)
ROWS_PER_READ = 500


class OperationRows(NamedTuple):
    """A batch of a plan's operations as stored (read where the connection lives), and the
    sequence number to read the next batch after."""

    rows: list[tuple[Any, ...]]
    last_seq: int


def operation_rows(
    store: Store, plan: ExportPlan, after: int, limit: int = ROWS_PER_READ
) -> OperationRows:
    """Up to ``limit`` of the plan's operations after sequence number ``after``, in order.

    Each batch is its own short query, so no statement stays open on the connection between
    batches while the window goes on using it."""
    rows = store.db.execute(
        f"SELECT {', '.join(_OPERATION_COLUMNS)} FROM operations "
        "WHERE device_id = ? AND seq > ? AND seq <= ? ORDER BY seq LIMIT ?",
        [plan.device_id, max(after, plan.seq_from - 1), plan.seq_to, limit],
    ).fetchall()
    return OperationRows(rows, int(rows[-1][2]) if rows else after)


def line_of_row(row: Sequence[Any], counts: OperationCounts | None = None) -> bytes:
    """The ``ops.jsonl`` line of a row of :func:`operation_rows` (needs no connection),
    counted in ``counts``."""
    op = Operation.from_row(dict(zip(_OPERATION_COLUMNS, row, strict=True)))
    if counts is not None:
        counts.add(op.record_kind, op.action)
    return operation_line(op)


def plan_lines(
    store: Store, plan: ExportPlan, counts: OperationCounts | None = None
) -> Iterator[bytes]:
    """Every line of the plan, read a batch at a time on the calling thread."""
    if counts is not None:
        counts.start()
    after = plan.seq_from - 1
    while True:
        batch = operation_rows(store, plan, after)
        if not batch.rows:
            return
        for row in batch.rows:
            yield line_of_row(row, counts)
        after = batch.last_seq


def write_export(
    plan: ExportPlan,
    folder: Path,
    lines: Callable[[], Iterable[bytes]],
    counts: OperationCounts,
    *,
    progress: Progress | None = None,
    cancelled: Callable[[], bool] | None = None,
) -> tuple[Path, str]:
    """Sign, encrypt and write the plan's bundle in ``folder``: the path and the manifest's
    SHA-256. Touches no database (``lines()`` supplies the lines, twice, counting each reading
    in ``counts``), so it may run on another thread; :class:`ExportCancelled` when
    ``cancelled()`` turns true."""
    target = folder / plan.name
    try:
        folder.mkdir(parents=True, exist_ok=True)
        manifest_hash = write_bundle(
            target, lambda: plan.manifest_with(counts), lines, plan.key, plan.recipients,
            progress, cancelled=cancelled, total=plan.operations,
        )
    except OSError as error:  # a full or read-only medium, a folder that cannot be made
        raise UserError.of(
            "sheet_unwritable", path=str(target), detail=error.strerror or str(error)
        ) from error
    return target, manifest_hash


def record_export(
    ws: Workspace, plan: ExportPlan, path: Path, manifest_hash: str
) -> ExportReport:
    """Note the bundle just written, so the next one starts after it (and names it as its
    previous bundle). If that fails the file is removed: a bundle exists exactly when it is
    recorded, and the next export carries the same operations again."""
    try:
        with ws.store.transaction():
            ws.store.db.execute(
                "INSERT INTO bundles_sent VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                [manifest_hash, plan.bundle_id, plan.recipients_key, plan.seq_from, plan.seq_to,
                 plan.scope, plan.name, now_iso()],
            )
    except BaseException:
        path.unlink(missing_ok=True)
        raise
    return ExportReport(
        path, plan.operations, plan.seq_from, plan.seq_to, plan.scope, plan.recipient_names
    )


def export_bundle(
    ws: Workspace,
    folder: Path,
    *,
    to: Sequence[str] = (),
    full: bool = False,
    progress: Progress | None = None,
    cancelled: Callable[[], bool] | None = None,
) -> ExportReport:
    """Write this installation's operations since the last bundle to the same recipients
    (all of them with ``full``) as a bundle in ``folder``. The signing key is made if needed.

    No transaction is open while the bundle is encrypted and written; it is recorded only once
    the file is complete. Stopped (``cancelled()`` true: :class:`ExportCancelled`, or a
    ``progress`` callback that raises), it leaves no file and no record.
    """
    plan = plan_export(ws, to=to, full=full)
    if plan is None:
        return ExportReport(None)
    counts = OperationCounts()
    path, manifest_hash = write_export(
        plan, folder, lambda: plan_lines(ws.store, plan, counts), counts, progress=progress,
        cancelled=cancelled,
    )
    return record_export(ws, plan, path, manifest_hash)


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
        # At the end of the stream zlib reports the bytes after it both as unused_data and as
        # unconsumed_tail: they are counted once.
        leftover = self._inflater.unused_data
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

    def __init__(self, ws: Workspace, keyring: Keyring, offload: Offload | None = None) -> None:
        self.ws = ws
        self.keyring = keyring
        self.offload = offload
        self.zip = _ZipStream(self._start, self._data, self._end)
        self.entry: str | None = None
        self.next_entry = 0
        self.manifest_bytes = bytearray()
        self.signature = bytearray()
        self.manifest: Manifest | None = None
        self.signer: SignerKey | None = None
        self.merger: Merger | None = None
        self.work: OrderedWork[Checked] | None = None
        self.digest = hashlib.sha256()
        self.bytes = 0
        self.lines = 0  # complete lines read
        self.waiting: list[bytes] = []  # of those, the ones not handed to ``work`` yet
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
        if self.offload is not None and self.manifest.operations["lines"] >= PARALLEL_FROM:
            self.offload.start(__name__)
        self.work = OrderedWork(self.offload, _prepare_lines, self._use)

    # -- the operations ------------------------------------------------------------------
    # Lines are checked and prepared a chunk at a time (in the worker process for a large
    # bundle) and merged in their order; a problem found while splitting them is raised once
    # every line before it is merged, so what is reported is what a line-by-line reading meets
    # first.
    def _operations(self, data: bytes) -> None:
        manifest, work = self.manifest, self.work
        if manifest is None or work is None:
            raise BundleRefused.of("bundle_damaged")
        self.digest.update(data)
        self.bytes += len(data)
        self.partial += data
        end = self.partial.rfind(b"\n")
        if end >= 0:
            lines = bytes(self.partial[:end]).split(b"\n")
            del self.partial[: end + 1]
            allowed = manifest.seq_to - manifest.seq_from + 1 - self.lines
            self.lines += min(len(lines), allowed)
            self.waiting += lines[:allowed]
            while len(self.waiting) >= CHUNK_LINES:
                self._hand_over(self.waiting[:CHUNK_LINES], manifest, work)
                del self.waiting[:CHUNK_LINES]
            if len(lines) > allowed:
                self._merge_waiting(manifest, work)
                raise BundleRefused.of("bundle_hash_mismatch", value=OPERATIONS)
        if len(self.partial) > MAX_LINE:
            self._merge_waiting(manifest, work)
            raise self._malformed(self.lines + 1, manifest, _Malformed("op_too_long").detail)

    def _hand_over(self, lines: list[bytes], manifest: Manifest, work: OrderedWork[Checked]) -> None:
        first_seq = manifest.seq_from + self.lines - len(self.waiting)
        work.put(b"\n".join(lines), manifest.device_id, first_seq)

    def _merge_waiting(self, manifest: Manifest, work: OrderedWork[Checked]) -> None:
        """Every line read so far checked and merged (or the first problem among them raised)."""
        if self.waiting:
            self._hand_over(self.waiting, manifest, work)
            self.waiting = []
        work.drain()

    def _use(self, checked: Checked) -> None:
        manifest, merger = self.manifest, self.merger
        assert manifest is not None and merger is not None
        prepared, problem = checked
        incoming = []
        for row, parents, snapshot, record in prepared:
            op_id, device_id, seq, record_id, kind, action, author, hlc = row[:8]
            op = Operation(op_id, device_id, seq, record_id, kind, action, author, hlc, parents,
                           snapshot)
            incoming.append((op, row, record))
        merger.add_prepared(incoming)
        if problem is not None:
            seq, detail = problem
            raise self._malformed(seq - manifest.seq_from + 1, manifest, detail)

    def _malformed(self, number: int, manifest: Manifest, detail: dict[str, str]) -> BundleRefused:
        op_id = f"{manifest.device_id}:{manifest.seq_from + number - 1}"
        return BundleRefused.of("bundle_bad_operation", number=number, op_id=op_id, **detail)

    def _operations_done(self) -> None:
        manifest, work = self.manifest, self.work
        if manifest is None or work is None:
            raise BundleRefused.of("bundle_damaged")
        self._merge_waiting(manifest, work)
        if self.partial:
            raise self._malformed(self.lines + 1, manifest, _Malformed("op_not_json").detail)
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
    offload: Offload | None = None,
) -> BundleOutcome:
    """Import one bundle file in one transaction; a refused one is quarantined.

    ``progress`` is called with the number of encrypted bytes read since the last call.
    ``offload`` (its worker started for a large bundle) checks the operations' lines on the
    other core; without it everything runs in this thread.
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
            receiver = _Receiver(ws, keyring, offload)
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

    offload = Offload()
    try:
        for path, size in zip(paths, sizes, strict=True):
            before = done
            report.outcomes.append(
                import_bundle(ws, path, identities=identities, progress=advance, offload=offload)
            )
            done = before + size  # whatever part of it was read
    finally:
        offload.close()
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
