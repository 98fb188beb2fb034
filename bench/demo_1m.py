"""Benchmark: fill a database with synthetic victims (a million by default), then time opening it.

    python bench/demo_1m.py [--victims N] [--seed S] [--dir FOLDER]

Prints ``name: ours X s, baseline Y s, ratio Z`` lines:

* ``fill_demo``: the whole demo fill (drawing, validation, writing with the operations log and the
  search index) against drawing and validating the same records without writing them;
* ``open``: ``Workspace.open`` (Argon2id unlock, connect, migrations check) against a bare
  SQLCipher connection with the raw key and ``SELECT count(*) FROM sqlite_master``; then the
  same without the Argon2id unlock, which is slow by design.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
from pathlib import Path

import sqlcipher3
from common import (
    PASSPHRASE,
    best_of,
    files_mib,
    peak_rss_mib,
    progress_line,
    report,
    timed,
)

from snhr_desktop.domain.records import FacilityAttack, Incident, Victim
from snhr_desktop.services.demo import DemoGenerator, fill_demo
from snhr_desktop.services.workspace import Workspace
from snhr_desktop.storage import database, keys


def draw_and_validate(victims: int, seed: int) -> int:
    """The records fill_demo writes, drawn and validated but not written: the fill's baseline."""
    generator = DemoGenerator(seed, researcher="Benchmark")
    context = {"child_age_limit": 18}
    records = 0
    for group in generator.groups(victims):
        Incident.model_validate(group.incident, context=context)
        for victim in group.victims:
            Victim.model_validate(victim, context=context)
        for facility in group.facilities:
            FacilityAttack.model_validate(facility, context=context)
        records += 1 + len(group.victims) + len(group.facilities)
    return records


def bare_open(path: Path, database_key: bytes) -> None:
    conn = sqlcipher3.connect(str(path))
    conn.execute(f"PRAGMA key = \"x'{database_key.hex()}'\"")
    conn.execute("SELECT count(*) FROM sqlite_master").fetchone()
    conn.close()


def workspace_open(path: Path) -> None:
    Workspace.open(path, PASSPHRASE).close()


def connect_and_migrate(path: Path, database_key: bytes) -> None:
    """What Workspace.open does after the key is unlocked (the private step, timed on its own)."""
    db = database._connect(path, database_key)
    database.migrate(db)
    db.close()


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--victims", type=int, default=1_000_000)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--dir", help="where to put the temporary database (default: system temp)")
    args = parser.parse_args()

    with tempfile.TemporaryDirectory(prefix="snhr-bench-", dir=args.dir) as folder:
        path = Path(folder) / "demo.db"
        ws = Workspace.create(path, PASSPHRASE, "Benchmark")  # the real Argon2id cost
        filled, fill_seconds = timed(
            lambda: fill_demo(ws, args.victims, args.seed, progress=progress_line("fill_demo"))
        )
        operations = ws.store.operation_count()
        ws.close()
        size = files_mib(path, Path(f"{path}-wal"), Path(f"{path}-shm"))
        print(filled.render("en"))
        print(f"records: {filled.records}, operations: {operations}, "
              f"{filled.records / fill_seconds:,.0f} records/s")
        print(f"database size: {size:.1f} MiB ({size * 1024 * 1024 / max(filled.victims, 1):.0f} "
              f"bytes per victim, all records and the log included)")
        print(f"peak RSS after the fill: {peak_rss_mib():.0f} MiB")

        drawn, draw_seconds = timed(lambda: draw_and_validate(args.victims, args.seed))
        assert drawn == filled.records, (drawn, filled.records)
        report("fill_demo (vs draw + validate only)", fill_seconds, draw_seconds)

        key_file = keys.key_file_for(path)
        database_key = keys.unlock_key(key_file, PASSPHRASE)
        baseline = best_of(lambda: bare_open(path, database_key), repeat=5)
        opening = best_of(lambda: workspace_open(path), repeat=5)
        unlock = best_of(lambda: keys.unlock_key(key_file, PASSPHRASE), repeat=5)
        connect = best_of(lambda: connect_and_migrate(path, database_key), repeat=5)
        report("open (Workspace.open)", opening, baseline)
        report("open without the Argon2id unlock", connect, baseline)
        print(f"open split: Argon2id unlock {unlock:.3f} s, connect + pragmas + schema check "
              f"{connect:.4f} s, total {opening:.3f} s ({'under' if opening < 1 else 'OVER'} 1 s)")

        with Workspace.open(path, PASSPHRASE) as reopened:
            counts, counting = timed(reopened.counts)
        print(f"first counts after opening: {counts} in {counting:.3f} s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
