"""Benchmark: import a bundle of 100,000 operations against a bare insert of the same rows.

    python bench/bundle_import_100k.py [--operations N] [--seed S] [--dir FOLDER] [--no-memory]

A researcher's database is filled with the demo generator (creations) and topped up with edits
(updates) to exactly N operations, then exported as one full bundle. Then, in the same process:

* ours: ``import_bundles`` (what ``snhr-desktop bundle import`` runs) into a fresh coordinator's
  database: age decryption, the ZIP read as a stream, signature and hashes, validation of every
  operation, the merge (operations log, record rows, victims' name keys and search index), one
  transaction. From ``bundles.PARALLEL_FROM`` operations on, the lines are checked and prepared
  in a worker process (the second core) while this one merges; its start is part of the time,
  and the CPU time of both processes is printed too;
* baseline: a bare ``executemany`` of the same rows (the N operations and the final record rows,
  prepared in memory beforehand) into the same tables of a fresh encrypted database made by
  ``create_database`` (same schema, indexes and pragmas), in one transaction.

Each side runs twice (fresh databases) and the faster run counts: the machine may be busy.

Memory: imports of bundles holding the first quarter, half and all of the operations, each into a
fresh database, (1) under tracemalloc (Python's heap), (2) in a fresh child process (its peak
resident memory, and the worker's: ``RUSAGE_CHILDREN``, which on Linux is at least the size of
the process it was started from). A streamed import keeps the same peaks whatever the size of the
bundle.
"""

from __future__ import annotations

import argparse
import io
import json
import os
import random
import resource
import subprocess
import sys
import tempfile
import zipfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pyrage
from common import (
    PASSPHRASE,
    files_mib,
    peak_rss_mib,
    progress_line,
    report,
    timed,
    traced_peak_mib,
)

from snhr_desktop.domain.operation import Operation
from snhr_desktop.services.bundles import (
    FORMAT,
    export_bundle,
    import_bundles,
    operation_line,
    write_bundle,
)
from snhr_desktop.services.demo import fill_demo
from snhr_desktop.services.keyring import Keyring
from snhr_desktop.services.workspace import Workspace
from snhr_desktop.storage import keys
from snhr_desktop.storage.database import create_database
from snhr_desktop.storage.migrations import SCHEMA_VERSION
from snhr_desktop.storage.store import RECORD_FIELDS, TABLES

# The key's Argon2id cost is not what this measures.
CHEAP = keys.KdfCost(time_cost=1, memory_kib=8 * 1024, parallelism=1)
RECORDS_PER_VICTIM = 1.57  # the demo makes about this many records (and operations) per victim


def make_researcher(folder: Path, operations: int, seed: int, recipient: str) -> Workspace:
    """A researcher's database holding exactly ``operations`` operations."""
    ws = Workspace.create(folder / "researcher.db", PASSPHRASE, "Benchmark researcher", cost=CHEAP)
    with ws.store.transaction():
        keyring = Keyring(ws.store)
        keyring.ensure_signing_key()
        keyring.add_recipient(recipient, "Coordinator")
    fill_demo(ws, int(operations * 0.9 / RECORDS_PER_VICTIM), seed,
              progress=progress_line("demo data"))
    missing = operations - ws.store.operation_count()
    rng = random.Random(seed)
    ids = [row["id"] for row in ws.store.rows("victim")]
    while missing > 0:  # top up with edits: bundles carry updates as well as creations
        batch = []
        for victim_id in rng.sample(ids, min(missing, 5000, len(ids))):
            victim = ws.get("victim", victim_id)
            assert victim is not None
            batch.append(ws.validate("victim", {**victim.snapshot(), "notes": f"source {rng.random()}"}))
        missing -= len(ws.save_many(batch))
    assert ws.store.operation_count() == operations, ws.store.operation_count()
    return ws


def coordinator(folder: Path, name: str, identity: str, signer: Any) -> Workspace:
    ws = Workspace.create(folder / f"{name}.db", PASSPHRASE, "Benchmark coordinator", cost=CHEAP)
    with ws.store.transaction():
        keyring = Keyring(ws.store)
        keyring.add_identity(identity)
        keyring.trust(signer)
    return ws


def partial_bundle(researcher: Workspace, target: Path, seq_to: int, recipient: str) -> Path:
    """A bundle of the researcher's first ``seq_to`` operations (for the memory curve)."""
    store = researcher.store
    key = Keyring(store).signing_key()
    assert key is not None

    def lines() -> Iterator[bytes]:
        cursor = store.db.execute(
            "SELECT * FROM operations WHERE device_id = ? AND seq <= ? ORDER BY seq",
            [researcher.device_id, seq_to],
        )
        names = [c[0] for c in cursor.description]
        for values in cursor:
            yield operation_line(Operation.from_row(dict(zip(names, values, strict=True))))

    manifest = {
        "format": FORMAT, "schema_version": SCHEMA_VERSION, "app_version": "bench",
        "bundle_id": f"bench-{seq_to}", "created_at": "", "device_id": researcher.device_id,
        "researcher": researcher.researcher, "signing_key": Keyring(store).own_signer().text,  # type: ignore[union-attr]
        "scope": "full", "seq_from": 1, "seq_to": seq_to, "previous_bundle": None,
        "recipients": [recipient], "counts": {"operations": seq_to},
    }
    write_bundle(target, manifest, lines, key, [recipient])
    return target


def bare_rows(bundle: Path, identity: str) -> tuple[list[tuple[Any, ...]], dict[str, list[tuple[Any, ...]]]]:
    """The operations' rows and the final record rows, as the merge ends up storing them."""
    plain = io.BytesIO()
    with bundle.open("rb") as handle:
        pyrage.decrypt_io(handle, plain, [pyrage.x25519.Identity.from_str(identity)])
    with zipfile.ZipFile(io.BytesIO(plain.getvalue())) as archive:
        text = archive.read("ops.jsonl")
    operations: list[tuple[Any, ...]] = []
    latest: dict[str, tuple[str, dict[str, Any], int, str]] = {}
    for line in text.splitlines():
        data = json.loads(line)
        op = Operation(data["op_id"], data["device_id"], data["seq"], data["record_id"],
                       data["record_kind"], data["action"], data["author"], data["hlc"],
                       tuple(data["parents"]), data["snapshot"])
        operations.append(op.row())
        latest[op.record_id] = (op.record_kind, op.snapshot, int(op.action == "delete"), op.op_id)
    records: dict[str, list[tuple[Any, ...]]] = {kind: [] for kind in TABLES}
    for kind, snapshot, deleted, head in latest.values():
        records[kind].append((*(snapshot.get(f) for f in RECORD_FIELDS[kind]), deleted, head))
    return operations, records


def insert_baseline(folder: Path, operations: list[tuple[Any, ...]],
                    records: dict[str, list[tuple[Any, ...]]]) -> float:
    db = create_database(folder / "bare.db", PASSPHRASE, CHEAP)
    conn = db.conn

    def insert() -> None:
        with conn:  # one transaction, like the import
            conn.executemany("INSERT INTO operations VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", operations)
            for kind, rows in records.items():
                columns = (*RECORD_FIELDS[kind], "deleted", "head")
                conn.executemany(
                    f"INSERT INTO {TABLES[kind]} ({', '.join(columns)}) "
                    f"VALUES ({', '.join('?' * len(columns))})",
                    rows,
                )

    try:
        return timed(insert)[1]
    finally:
        db.close()


def own_peak_rss_mib() -> float:
    """This process's own peak RSS. On Linux ``ru_maxrss`` survives fork and exec (a child starts
    with its parent's peak), so the kernel's per-process high-water mark is read instead."""
    status = Path("/proc/self/status")
    if status.exists():
        for line in status.read_text().splitlines():
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) / 1024
    return peak_rss_mib()


def child_import(folder: Path, bundle: Path, identity: str, signer_text: str) -> None:
    """In a fresh process: import ``bundle`` into a new database and print the peak RSS."""
    from snhr_desktop.services.keyring import SignerKey, decode_public

    device, name, key = signer_text.split("\n")
    ws = coordinator(folder, f"child-{bundle.stem}", identity,
                     SignerKey(decode_public(key), device, name))
    before = own_peak_rss_mib()
    report_, seconds = timed(lambda: import_bundles(ws, [bundle]))
    assert report_.ok
    ws.close()
    worker = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    print(json.dumps({"before": before, "peak": own_peak_rss_mib(), "worker": worker,
                      "seconds": seconds}))


def measure_in_child(folder: Path, bundle: Path, identity: str, signer: Any) -> dict[str, float]:
    secrets = folder / "child-keys.txt"
    secrets.write_text(f"{identity}\n{signer.device_id}\n{signer.name}\n{signer.text}")
    output = subprocess.run(
        [sys.executable, __file__, "--child", str(bundle), "--dir", str(folder)],
        check=True, capture_output=True, text=True,
    ).stdout
    return json.loads(output.strip().splitlines()[-1])  # type: ignore[no-any-return]


def cpu_seconds(who: int) -> float:
    usage = resource.getrusage(who)
    return usage.ru_utime + usage.ru_stime


def best_import(folder: Path, bundle: Path, identity: str, signer: Any, runs: int) -> tuple[float, Any]:
    best, counts = float("inf"), None
    for run in range(runs):
        ws = coordinator(folder, f"ours-{run}", identity, signer)
        own, workers = cpu_seconds(resource.RUSAGE_SELF), cpu_seconds(resource.RUSAGE_CHILDREN)
        result, seconds = timed(lambda: import_bundles(ws, [bundle], progress=progress_line("import")))  # noqa: B023
        own, workers = cpu_seconds(resource.RUSAGE_SELF) - own, cpu_seconds(resource.RUSAGE_CHILDREN) - workers
        assert result.ok, result.render("en")
        counts = (ws.counts(), ws.store.operation_count())
        ws.close()
        print(f"import run {run + 1}: {seconds:.2f} s; CPU {own:.2f} s in this process, "
              f"{workers:.2f} s in the worker")
        best = min(best, seconds)
    return best, counts


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--operations", type=int, default=100_000)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--dir", help="where to put the temporary files (default: system temp)")
    parser.add_argument("--no-memory", action="store_true", help="skip the memory curve")
    parser.add_argument("--runs", type=int, default=2, help="runs of each side (the best counts)")
    parser.add_argument("--child", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        identity, signer_text = (Path(args.dir) / "child-keys.txt").read_text().split("\n", 1)
        child_import(Path(args.dir), Path(args.child), identity, signer_text)
        return 0

    identity = str(pyrage.x25519.Identity.generate())
    recipient = str(pyrage.x25519.Identity.from_str(identity).to_public())
    with tempfile.TemporaryDirectory(prefix="snhr-bench-", dir=args.dir) as name:
        folder = Path(name)
        researcher = make_researcher(folder, args.operations, args.seed, recipient)
        signer = Keyring(researcher.store).own_signer()
        exported, export_seconds = timed(lambda: export_bundle(
            researcher, folder / "bundles", progress=progress_line("export")))
        bundle = exported.path
        assert bundle is not None
        print(f"bundle: {exported.operations:,} operations, {files_mib(bundle):.1f} MiB "
              f"(exported in {export_seconds:.1f} s)")

        ours, (counts, logged) = best_import(folder, bundle, identity, signer, args.runs)
        operations, records = bare_rows(bundle, identity)
        baseline = min(
            insert_baseline(folder / f"bare-{run}", operations, records) for run in range(args.runs)
        )
        print(f"records: {counts}; operations logged: {logged:,}")
        print(f"imported {args.operations / ours:,.0f} operations/s")
        ratio = report("bundle_import_100k", ours, baseline)
        print(f"targets: under 30 s: {'met' if ours < 30 else 'NOT met'}; "
              f"ratio <= 3: {'met' if ratio <= 3 else 'NOT met'}")
        del operations, records

        if not args.no_memory:
            print("memory (each import into a fresh database):")
            for share in (4, 2, 1):
                size = args.operations // share
                path = partial_bundle(researcher, folder / f"part-{size}.zip.age", size, recipient)
                target = coordinator(folder, f"memory-{size}", identity, signer)
                _, heap = traced_peak_mib(lambda: import_bundles(target, [path]))  # noqa: B023
                target.close()
                child = measure_in_child(folder, path, identity, signer)
                print(f"  {size:>9,} operations ({files_mib(path):5.1f} MiB): "
                      f"Python heap peak {heap:5.1f} MiB; child process peak RSS "
                      f"{child['peak']:4.0f} MiB ({child['before']:.0f} before the import), "
                      f"worker {child['worker']:4.0f} MiB, {child['seconds']:.1f} s")
        researcher.close()
        print(f"process peak RSS: {peak_rss_mib():.0f} MiB")
    return 0


if __name__ == "__main__":
    os.environ.setdefault("PYTHONHASHSEED", "0")
    sys.exit(main())
