"""Keys for bundles: this installation's signing key, coordinators' age keys, and whom to trust.

* Every installation signs its bundles with an Ed25519 key kept inside the encrypted database.
  Its public half travels as a short text file (``keys export``) that a coordinator trusts after
  comparing the fingerprint with the researcher (``keys trust``).
* A coordinator's installation holds age identities (X25519). Their public recipient strings
  (``age1…``) are what researchers add (``keys import``) so that bundles are encrypted to them.
  The identity file written by ``keys export --identity`` is the standard age format, so the
  ``age`` command-line tool opens bundles with it too.

Fingerprints are six groups of five digits: easy to read aloud in Arabic or English.
"""

from __future__ import annotations

import base64
import binascii
import hashlib
import os
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pyrage
from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey, Ed25519PublicKey

from snhr_desktop.domain.messages import UserError
from snhr_desktop.storage.store import Store, now_iso

SIGNING_KEY_FORMAT = "snhr-desktop-signing-key/1"
PUBLIC_PREFIX = "ed25519:"
_MAX_KEY_FILE = 64 * 1024


def fingerprint(purpose: bytes, data: bytes) -> str:
    """Six groups of five digits (about 100 bits) of SHA-256 over ``purpose`` and ``data``."""
    digest = hashlib.sha256(purpose + b"\0" + data).digest()
    groups = (int.from_bytes(digest[i : i + 5], "big") % 100_000 for i in range(0, 30, 5))
    return " ".join(f"{group:05d}" for group in groups)


def encode_public(public: bytes) -> str:
    return PUBLIC_PREFIX + base64.b64encode(public).decode("ascii")


def decode_public(text: str) -> bytes:
    """The raw 32-byte public key from ``ed25519:<base64>``; ValueError if it is not one."""
    if not text.startswith(PUBLIC_PREFIX):
        raise ValueError("not an ed25519 key")
    try:
        raw = base64.b64decode(text[len(PUBLIC_PREFIX) :], validate=True)
    except binascii.Error as error:
        raise ValueError("not base64") from error
    if len(raw) != 32:
        raise ValueError("an ed25519 public key has 32 bytes")
    return raw


@dataclass(frozen=True, slots=True)
class SignerKey:
    """A public signing key, bound to the device (installation) that signs with it."""

    public: bytes
    device_id: str
    name: str

    @property
    def fingerprint(self) -> str:
        return fingerprint(b"snhr-desktop signing key", self.public)

    @property
    def text(self) -> str:
        return encode_public(self.public)

    def verifies(self, signature: bytes, data: bytes) -> bool:
        try:
            Ed25519PublicKey.from_public_bytes(self.public).verify(signature, data)
        except InvalidSignature:
            return False
        return True


@dataclass(frozen=True, slots=True)
class Recipient:
    """A coordinator's age recipient (public), with the name it was added under."""

    recipient: str
    name: str

    @property
    def fingerprint(self) -> str:
        return fingerprint(b"snhr-desktop age recipient", self.recipient.encode("ascii"))


@dataclass(slots=True)
class KeyFile:
    """What a key file holds: any of signing keys, age recipients, age identities (secret)."""

    signers: list[SignerKey] = field(default_factory=list)
    recipients: list[Recipient] = field(default_factory=list)
    identities: list[str] = field(default_factory=list)


def check_recipient(text: str) -> str:
    """``text`` if it is an age X25519 recipient, else :class:`UserError`."""
    try:
        return str(pyrage.x25519.Recipient.from_str(text.strip()))
    except Exception:  # pyrage raises its own types (RecipientError, ValueError)
        raise UserError.of("keys_bad_recipient", value=text.strip()[:80]) from None


def _identity(secret: str) -> Any:
    try:
        return pyrage.x25519.Identity.from_str(secret.strip())
    except Exception:
        raise UserError.of("keys_bad_identity") from None


def recipient_of(secret: str) -> str:
    """The public recipient string of an age identity."""
    return str(_identity(secret).to_public())


class Keyring:
    """The keys held in one database. Writes must run inside ``store.transaction()``."""

    def __init__(self, store: Store) -> None:
        self.store = store

    # -- this installation's signing key ---------------------------------------------------
    def signing_key(self) -> Ed25519PrivateKey | None:
        row = self.store.db.execute(
            "SELECT secret FROM own_keys WHERE kind = 'signing' ORDER BY created_at LIMIT 1"
        ).fetchone()
        if row is None:
            return None
        return Ed25519PrivateKey.from_private_bytes(base64.b64decode(row[0]))

    def ensure_signing_key(self) -> tuple[Ed25519PrivateKey, bool]:
        """The signing key, made now if there is none yet (True when it was just made)."""
        key = self.signing_key()
        if key is not None:
            return key, False
        key = Ed25519PrivateKey.generate()
        self.store.db.execute(
            "INSERT INTO own_keys (kind, public, secret, created_at) VALUES ('signing', ?, ?, ?)",
            [
                encode_public(key.public_key().public_bytes_raw()),
                base64.b64encode(key.private_bytes_raw()).decode("ascii"),
                now_iso(),
            ],
        )
        return key, True

    def own_signer(self) -> SignerKey | None:
        key = self.signing_key()
        if key is None:
            return None
        return SignerKey(
            key.public_key().public_bytes_raw(),
            self.store.device_id,
            self.store.meta("researcher") or "",
        )

    # -- age identities (coordinators) ------------------------------------------------------
    def identity_secrets(self) -> list[str]:
        return [
            str(row[0])
            for row in self.store.db.execute(
                "SELECT secret FROM own_keys WHERE kind = 'age' ORDER BY created_at, public"
            )
        ]

    def identities(self) -> list[Any]:
        """pyrage identities that can open bundles sent to this installation."""
        return [_identity(secret) for secret in self.identity_secrets()]

    def own_recipients(self) -> list[str]:
        return [
            str(row[0])
            for row in self.store.db.execute(
                "SELECT public FROM own_keys WHERE kind = 'age' ORDER BY created_at, public"
            )
        ]

    def create_identity(self) -> str:
        """A new age identity for this (coordinator's) installation; returns its recipient."""
        return self.add_identity(str(pyrage.x25519.Identity.generate()))[0]

    def add_identity(self, secret: str) -> tuple[str, bool]:
        """Keep an age identity (e.g. a coordinator's, restored); (recipient, newly added)."""
        secret = secret.strip()
        recipient = recipient_of(secret)
        cursor = self.store.db.execute(
            "INSERT OR IGNORE INTO own_keys (kind, public, secret, created_at) "
            "VALUES ('age', ?, ?, ?)",
            [recipient, secret, now_iso()],
        )
        return recipient, cursor.rowcount > 0

    # -- recipients bundles are encrypted to -------------------------------------------------
    def recipients(self) -> list[Recipient]:
        return [
            Recipient(str(r), str(n))
            for r, n in self.store.db.execute(
                "SELECT recipient, name FROM recipients ORDER BY name, recipient"
            )
        ]

    def add_recipient(self, recipient: str, name: str) -> tuple[Recipient, bool]:
        """Encrypt bundles to ``recipient`` too; (it, newly added). A new name replaces the old."""
        recipient = check_recipient(recipient)
        name = name.strip() or Recipient(recipient, "").fingerprint
        known = self.store.db.execute(
            "SELECT 1 FROM recipients WHERE recipient = ?", [recipient]
        ).fetchone()
        self.store.db.execute(
            "INSERT INTO recipients (recipient, name, added_at) VALUES (?, ?, ?) "
            "ON CONFLICT(recipient) DO UPDATE SET name = excluded.name",
            [recipient, name, now_iso()],
        )
        return Recipient(recipient, name), known is None

    def choose_recipients(self, wanted: Sequence[str] = ()) -> list[Recipient]:
        """The recipients named in ``wanted`` (names or ``age1…`` strings), or all of them."""
        known = self.recipients()
        if not wanted:
            if not known:
                raise UserError.of("keys_no_recipients")
            return known
        chosen: dict[str, Recipient] = {}
        for item in wanted:
            matches = [r for r in known if item in (r.name, r.recipient)]
            if not matches and item.startswith("age1"):
                matches = [Recipient(check_recipient(item), item)]
            if not matches:
                raise UserError.of("keys_unknown_recipient", value=item)
            chosen.update((r.recipient, r) for r in matches)
        return list(chosen.values())

    # -- trusted researchers -------------------------------------------------------------
    def trusted(self) -> list[SignerKey]:
        return [
            SignerKey(decode_public(str(p)), str(d), str(n))
            for p, d, n in self.store.db.execute(
                "SELECT public, device_id, name FROM trusted_signers ORDER BY name, device_id"
            )
        ]

    def trust(self, key: SignerKey) -> bool:
        """Accept bundles signed by ``key`` for its device; False when it was trusted already."""
        cursor = self.store.db.execute(
            "INSERT INTO trusted_signers (public, device_id, name, added_at) VALUES (?, ?, ?, ?) "
            "ON CONFLICT(public) DO UPDATE SET device_id = excluded.device_id, "
            "name = excluded.name WHERE device_id != excluded.device_id OR name != excluded.name",
            [key.text, key.device_id, key.name, now_iso()],
        )
        return cursor.rowcount > 0

    def signer_for(self, public: bytes) -> SignerKey | None:
        """The trusted owner of a public key: this installation itself, or a trusted device."""
        own = self.own_signer()
        if own is not None and own.public == public:
            return own
        row = self.store.db.execute(
            "SELECT device_id, name FROM trusted_signers WHERE public = ?", [encode_public(public)]
        ).fetchone()
        return SignerKey(public, str(row[0]), str(row[1])) if row else None


# ------------------------------------------------------------------------------------------------
# Key files
# ------------------------------------------------------------------------------------------------


def signer_file(key: SignerKey) -> str:
    return (
        "# SNHR Desktop: a researcher's public signing key. Before trusting it, compare the\n"
        "# fingerprint with its owner, by voice or in person.\n"
        f"format: {SIGNING_KEY_FORMAT}\n"
        f"name: {key.name}\n"
        f"device: {key.device_id}\n"
        f"key: {key.text}\n"
        f"fingerprint: {key.fingerprint}\n"
    )


def recipients_file(recipients: Sequence[Recipient]) -> str:
    """A standard age recipients file (``age -R`` reads it), with names and fingerprints."""
    lines = ["# SNHR Desktop: coordinator encryption key(s), public (age format)."]
    for r in recipients:
        lines += [f"# name: {r.name}", f"# fingerprint: {r.fingerprint}", r.recipient]
    return "\n".join(lines) + "\n"


def identity_file(secret: str) -> str:
    """A standard age identity file (``age -d -i`` reads it). SECRET: opens every bundle."""
    return (
        f"# created: {now_iso()}\n"
        f"# public key: {recipient_of(secret)}\n"
        "# SECRET: whoever holds this file can read every bundle sent to this coordinator.\n"
        f"{secret.strip()}\n"
    )


def write_key_file(path: Path, text: str, *, secret: bool = False) -> None:
    """Write a key file; a secret one is readable by its owner only."""
    path.parent.mkdir(parents=True, exist_ok=True)
    if secret:
        descriptor = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
        with open(descriptor, "w", encoding="utf-8") as handle:
            handle.write(text)
        return
    path.write_text(text, encoding="utf-8")


def read_key_file(path: Path) -> KeyFile:
    """Parse a signing key file, an age recipients file or an age identity file."""
    try:
        if path.stat().st_size > _MAX_KEY_FILE:
            raise UserError.of("keys_bad_file", path=str(path))
        text = path.read_text(encoding="utf-8-sig")
    except FileNotFoundError:
        raise UserError.of("file_not_found", path=str(path)) from None
    except (OSError, UnicodeDecodeError):
        raise UserError.of("keys_bad_file", path=str(path)) from None
    found = KeyFile()
    fields: dict[str, str] = {}
    name = ""
    for raw in text.splitlines():
        line = raw.strip()
        if not line:
            continue
        if line.startswith("#"):
            comment = line.lstrip("#").strip()
            if comment.lower().startswith("name:"):
                name = comment.partition(":")[2].strip()
            continue
        if line.startswith("AGE-SECRET-KEY-"):
            _identity(line)
            found.identities.append(line)
        elif line.startswith("age1"):
            found.recipients.append(Recipient(check_recipient(line), name))
        elif ":" in line:
            key, _, value = line.partition(":")
            fields[key.strip().lower()] = value.strip()
        else:
            raise UserError.of("keys_bad_file", path=str(path))
    if fields:
        found.signers.append(_signer_from(fields, path))
    if not (found.signers or found.recipients or found.identities):
        raise UserError.of("keys_bad_file", path=str(path))
    return found


def _signer_from(fields: dict[str, str], path: Path) -> SignerKey:
    if fields.get("format") != SIGNING_KEY_FORMAT:
        raise UserError.of("keys_bad_file", path=str(path))
    try:
        key = SignerKey(decode_public(fields["key"]), fields["device"], fields.get("name", ""))
    except (KeyError, ValueError):
        raise UserError.of("keys_bad_file", path=str(path)) from None
    if not key.device_id or ("fingerprint" in fields and fields["fingerprint"] != key.fingerprint):
        raise UserError.of("keys_bad_file", path=str(path))
    return key
