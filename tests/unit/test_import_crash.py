"""An import killed (SIGKILL) in the middle of its transaction leaves the database as it was."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import openpyxl
import pytest

from snhr_desktop.domain.ids import uuid7
from snhr_desktop.services.workspace import Workspace
from tests.conftest import PASSPHRASE, incident_data, victim_data

fcntl = pytest.importorskip("fcntl", reason="POSIX file locks show when SQLite is writing")

ROOT = Path(__file__).resolve().parents[2]
VICTIMS = 20_000
VICTIMS_PER_INCIDENT = 10
# SQLite's WAL write lock is the first lock byte of the -shm file (offset 120): a process holds it
# exclusively from the first write of a transaction until its commit or rollback.
WAL_WRITE_LOCK = 120


def writing(shm: Path) -> bool:
    """True while another process has a write transaction open on the database."""
    try:
        fd = os.open(shm, os.O_RDWR)
    except FileNotFoundError:
        return False
    try:
        fcntl.lockf(fd, fcntl.LOCK_SH | fcntl.LOCK_NB, 1, WAL_WRITE_LOCK, os.SEEK_SET)
    except OSError:
        return True
    else:
        fcntl.lockf(fd, fcntl.LOCK_UN, 1, WAL_WRITE_LOCK, os.SEEK_SET)
        return False
    finally:
        os.close(fd)


def big_workbook(path: Path) -> Path:
    workbook = openpyxl.Workbook(write_only=True)
    incidents = workbook.create_sheet("incidents")
    incidents.append(["id", "date", "governorate", "perpetrator", "attack_type", "place_ar"])
    victims = workbook.create_sheet("victims")
    victims.append(["id", "incident_id", "name_ar", "name_en", "sex", "age", "status",
                    "date_of_death", "governorate"])
    for n in range(VICTIMS // VICTIMS_PER_INCIDENT):
        incident_id = uuid7()
        incidents.append([incident_id, f"2016-{n % 12 + 1:02d}-03", "SY11", "isis", "shelling",
                          "حي الرميلة"])
        for m in range(VICTIMS_PER_INCIDENT):
            victims.append([uuid7(), incident_id, f"أحمد عبد الرحمن {n}-{m}", f"Ahmad {n}-{m}",
                            "male", 20 + m, "civilian", f"2016-{n % 12 + 1:02d}-03", "SY11"])
    workbook.save(path)
    return path


def snapshot(db_path: Path) -> tuple[dict[str, int], int, list[str]]:
    with Workspace.open(db_path, PASSPHRASE) as ws:
        return ws.counts(), ws.store.operation_count(), ws.check()


@pytest.mark.slow
@pytest.mark.parametrize("moment", ["transaction", "commit"])
def test_killed_import_changes_nothing(db_path: Path, tmp_path: Path, moment: str) -> None:
    """Killed once the transaction has begun, or while its commit is writing the WAL file."""
    with Workspace.create(db_path, PASSPHRASE, "Test Researcher") as ws:
        incident = ws.validate("incident", incident_data())
        ws.save_many([incident, ws.validate("victim", victim_data(incident.id))])
    before = snapshot(db_path)
    assert before[0]["victim"] == 1 and before[2] == []
    source = big_workbook(tmp_path / "big.xlsx")

    env = {**os.environ, "SNHR_PASSPHRASE": PASSPHRASE, "SNHR_LANG": "en"}
    process = subprocess.Popen(
        [sys.executable, "-m", "snhr_desktop", "--db", str(db_path), "import", str(source)],
        cwd=ROOT, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
    )
    shm, wal = Path(f"{db_path}-shm"), Path(f"{db_path}-wal")
    try:
        deadline = time.monotonic() + 300
        seen = False
        while time.monotonic() < deadline and process.poll() is None:
            if moment == "commit":
                # The pages stay in the cache until the commit writes them: the WAL file grows.
                if wal.exists() and wal.stat().st_size > 0 and writing(shm):
                    seen = True
                    break
            elif writing(shm):
                time.sleep(0.05)  # still writing: the import's transaction, not a brief write
                if writing(shm):
                    seen = True
                    break
            time.sleep(0.002)
        if not seen:
            out, err = process.communicate(timeout=60)
            pytest.fail(f"the import never wrote (exit {process.returncode}): {out!r} {err!r}")
        process.send_signal(signal.SIGKILL)
        process.wait(timeout=60)
    finally:
        if process.poll() is None:
            process.kill()
            process.wait()
        if process.stdout is not None:
            process.stdout.close()
        if process.stderr is not None:
            process.stderr.close()
    assert process.returncode == -signal.SIGKILL

    assert snapshot(db_path) == before
