"""The database key: random, wrapped by a key derived from the passphrase (Argon2id + AES-GCM).

The SQLCipher database is encrypted with a random 256-bit key. That key is stored only in wrapped
form in a small key file beside the database (``<database>.key``), so changing the passphrase
rewrites a few hundred bytes and never re-encrypts the data. Without the key file the database is
unreadable, so backups must copy both files.
"""

from __future__ import annotations

import base64
import json
import os
import secrets
from dataclasses import dataclass
from pathlib import Path

from argon2.low_level import Type, hash_secret_raw
from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives.ciphers.aead import AESGCM

from snhr_desktop.domain.messages import UserError

KEY_FILE_FORMAT = "snhr-desktop-key/1"
MIN_PASSPHRASE_LENGTH = 8


@dataclass(frozen=True, slots=True)
class KdfCost:
    """Argon2id cost. The default takes a few hundred milliseconds and 64 MiB on a laptop."""

    time_cost: int = 3
    memory_kib: int = 64 * 1024
    parallelism: int = 2


DEFAULT_COST = KdfCost()


def key_file_for(database: Path) -> Path:
    return database.with_name(database.name + ".key")


def _b64(data: bytes) -> str:
    return base64.b64encode(data).decode("ascii")


def _unb64(text: str) -> bytes:
    return base64.b64decode(text.encode("ascii"), validate=True)


def _derive(passphrase: str, salt: bytes, cost: KdfCost) -> bytes:
    return hash_secret_raw(
        passphrase.encode("utf-8"),
        salt,
        time_cost=cost.time_cost,
        memory_cost=cost.memory_kib,
        parallelism=cost.parallelism,
        hash_len=32,
        type=Type.ID,
    )


def check_passphrase(passphrase: str) -> None:
    if len(passphrase) < MIN_PASSPHRASE_LENGTH:
        raise UserError.of("passphrase_too_short", min=MIN_PASSPHRASE_LENGTH)


def _wrap(database_key: bytes, passphrase: str, cost: KdfCost) -> dict[str, object]:
    salt = secrets.token_bytes(16)
    nonce = secrets.token_bytes(12)
    wrapping_key = _derive(passphrase, salt, cost)
    wrapped = AESGCM(wrapping_key).encrypt(nonce, database_key, KEY_FILE_FORMAT.encode())
    return {
        "format": KEY_FILE_FORMAT,
        "kdf": "argon2id",
        "time_cost": cost.time_cost,
        "memory_kib": cost.memory_kib,
        "parallelism": cost.parallelism,
        "salt": _b64(salt),
        "cipher": "aes-256-gcm",
        "nonce": _b64(nonce),
        "wrapped_key": _b64(wrapped),
    }


def _write_atomically(path: Path, content: dict[str, object]) -> None:
    temporary = path.with_name(path.name + ".tmp")
    descriptor = os.open(temporary, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    with open(descriptor, "w", encoding="utf-8") as handle:
        json.dump(content, handle, indent=2)
        handle.flush()
        os.fsync(handle.fileno())
    os.replace(temporary, path)
    if hasattr(os, "O_DIRECTORY"):
        directory = os.open(path.parent, os.O_DIRECTORY)
        try:
            os.fsync(directory)
        finally:
            os.close(directory)


def create_key_file(path: Path, passphrase: str, cost: KdfCost | None = None) -> bytes:
    """Make a new random database key, store it wrapped by ``passphrase``, and return it."""
    check_passphrase(passphrase)
    database_key = secrets.token_bytes(32)
    _write_atomically(path, _wrap(database_key, passphrase, cost or DEFAULT_COST))
    return database_key


def _read(path: Path) -> dict[str, object]:
    if not path.exists():
        raise UserError.of("key_file_missing", path=str(path))
    try:
        content = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError) as error:
        raise UserError.of("key_file_damaged", path=str(path)) from error
    if not isinstance(content, dict) or content.get("format") != KEY_FILE_FORMAT:
        raise UserError.of("key_file_damaged", path=str(path))
    return content


def unlock_key(path: Path, passphrase: str) -> bytes:
    """The database key, or :class:`UserError` ``wrong_passphrase``."""
    content = _read(path)
    try:
        cost = KdfCost(
            int(str(content["time_cost"])),
            int(str(content["memory_kib"])),
            int(str(content["parallelism"])),
        )
        salt = _unb64(str(content["salt"]))
        nonce = _unb64(str(content["nonce"]))
        wrapped = _unb64(str(content["wrapped_key"]))
    except (KeyError, ValueError) as error:
        raise UserError.of("key_file_damaged", path=str(path)) from error
    wrapping_key = _derive(passphrase, salt, cost)
    try:
        return AESGCM(wrapping_key).decrypt(nonce, wrapped, KEY_FILE_FORMAT.encode())
    except InvalidTag:
        raise UserError.of("wrong_passphrase") from None


def rewrap_key(path: Path, old: str, new: str, cost: KdfCost | None = None) -> None:
    """Change the passphrase: same database key, new wrapping. The database file is untouched."""
    check_passphrase(new)
    database_key = unlock_key(path, old)
    _write_atomically(path, _wrap(database_key, new, cost or DEFAULT_COST))
