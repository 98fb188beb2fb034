"""Opening and creating encrypted databases (SQLCipher under sqlite-utils), and user-facing errors."""

from __future__ import annotations

import contextlib
import os
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import sqlcipher3
from sqlite_utils import Database

from snhr_desktop.domain.messages import UserError
from snhr_desktop.domain.names import normalise_arabic
from snhr_desktop.storage import keys
from snhr_desktop.storage.migrations import SCHEMA_VERSION, migrations

sqlite_error = sqlcipher3.dbapi2.Error


def user_error_from(error: BaseException) -> UserError | None:
    """The user-facing meaning of a database error, if it has one (else it is a programming error)."""
    text = str(error).lower()
    if "locked" in text or "busy" in text:
        return UserError.of("database_locked")
    if "disk is full" in text or "disk full" in text or "database or disk is full" in text:
        return UserError.of("disk_full")
    if "not a database" in text or "malformed" in text:
        return UserError.of("not_a_database", path="")
    return None


@contextlib.contextmanager
def user_errors(path: Path | None = None) -> Iterator[None]:
    """Turn known database failures into bilingual :class:`UserError`; let bugs propagate."""
    try:
        yield
    except sqlite_error as error:
        meaning = user_error_from(error)
        if meaning is None:
            raise
        if meaning.message.code == "not_a_database":
            raise UserError.of("not_a_database", path=str(path or "")) from error
        raise meaning from error


def _connect(path: Path, database_key: bytes) -> Database:
    conn = sqlcipher3.connect(str(path), check_same_thread=False, timeout=5.0)
    conn.execute(f"PRAGMA key = \"x'{database_key.hex()}'\"")
    # Nothing readable may reach the disk: temporary tables and sorts stay in memory.
    conn.execute("PRAGMA temp_store = MEMORY")
    try:
        conn.execute("SELECT count(*) FROM sqlite_master").fetchone()
    except sqlite_error:
        conn.close()
        raise UserError.of("not_a_database", path=str(path)) from None
    conn.execute("PRAGMA journal_mode = WAL")
    conn.execute("PRAGMA synchronous = NORMAL")
    conn.execute("PRAGMA foreign_keys = ON")
    conn.execute("PRAGMA busy_timeout = 5000")
    conn.execute("PRAGMA cache_size = -65536")
    # Text search outside the name index compares normalised text (hamza, taa marbuta, …).
    conn.create_function(
        "normalise", 1, lambda value: normalise_arabic(value) if value else "", deterministic=True
    )
    return Database(conn, execute_plugins=False)  # type: ignore[arg-type]


def create_database(path: Path, passphrase: str, cost: keys.KdfCost | None = None) -> Database:
    """A new, empty, migrated database at ``path`` (and its key file)."""
    key_path = keys.key_file_for(path)
    if path.exists() or key_path.exists():
        raise UserError.of("database_exists", path=str(path))
    path.parent.mkdir(parents=True, exist_ok=True)
    database_key = keys.create_key_file(key_path, passphrase, cost)
    try:
        # Only the owner may read the (encrypted) files; SQLite gives the WAL the same mode.
        os.close(os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600))
        db = _connect(path, database_key)
        migrate(db)
    except BaseException:
        for leftover in (path, key_path, Path(f"{path}-wal"), Path(f"{path}-shm")):
            leftover.unlink(missing_ok=True)
        raise
    return db


def open_database(path: Path, passphrase: str) -> Database:
    """Unlock and open an existing database, applying pending migrations."""
    if not path.exists():
        raise UserError.of("database_missing", path=str(path))
    database_key = keys.unlock_key(keys.key_file_for(path), passphrase)
    with user_errors(path):
        db = _connect(path, database_key)
        migrate(db)
    return db


def schema_version(db: Database) -> int:
    return int(db.execute("PRAGMA user_version").fetchone()[0])


def migrate(db: Database) -> None:
    found = schema_version(db)
    if found > SCHEMA_VERSION:
        db.close()
        raise UserError.of("newer_schema", found=found, supported=SCHEMA_VERSION)
    if found < SCHEMA_VERSION:
        migrations.apply(db)
        db.execute(f"PRAGMA user_version = {SCHEMA_VERSION}")


def change_passphrase(path: Path, old: str, new: str, cost: keys.KdfCost | None = None) -> None:
    """Rewrap the database key; the encrypted data are not rewritten."""
    if not path.exists():
        raise UserError.of("database_missing", path=str(path))
    keys.rewrap_key(keys.key_file_for(path), old, new, cost)


def integrity_problems(db: Database) -> list[str]:
    """SQLite's own integrity and foreign-key checks plus the cipher's page checks."""
    rows: list[Any] = db.execute("PRAGMA integrity_check").fetchall()
    problems = [str(row[0]) for row in rows if row[0] != "ok"]
    problems += [str(row) for row in db.execute("PRAGMA cipher_integrity_check").fetchall()]
    return problems
