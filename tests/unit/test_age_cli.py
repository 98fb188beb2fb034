"""A coordinator can open bundles with the standard ``age`` tool (Debian package ``age``)."""

from __future__ import annotations

import base64
import hashlib
import json
import shutil
import subprocess
import zipfile
from pathlib import Path

import pytest
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PublicKey

from snhr_desktop.cli import main
from snhr_desktop.services.keyring import read_key_file
from snhr_desktop.services.workspace import Workspace
from tests.conftest import PASSPHRASE, incident_data, victim_data

AGE = shutil.which("age")
pytestmark = pytest.mark.skipif(
    AGE is None, reason="the age command-line tool is not installed (Debian package: age)"
)


def test_age_tool_decrypts_a_bundle_and_its_signature_checks(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setenv("SNHR_PASSPHRASE", PASSPHRASE)
    coordinator, researcher = tmp_path / "coordinator.db", tmp_path / "researcher.db"
    assert main(["--db", str(coordinator), "init", "--researcher", "Coordinator"]) == 0
    assert main(["--db", str(researcher), "init", "--researcher", "سارة"]) == 0
    assert main(["--db", str(coordinator), "keys", "create", "--coordinator"]) == 0
    identity, recipients = tmp_path / "identity.txt", tmp_path / "coordinator.txt"
    assert main(["--db", str(coordinator), "keys", "export", "--identity", str(identity)]) == 0
    assert main(["--db", str(coordinator), "keys", "export", "--recipient", str(recipients)]) == 0
    assert main(["--db", str(researcher), "keys", "import", str(recipients)]) == 0
    assert main(["--db", str(researcher), "keys", "export", str(tmp_path / "sara.txt")]) == 0
    with Workspace.open(researcher, PASSPHRASE) as ws:
        incident = ws.validate("incident", incident_data())
        ws.save_many([incident, ws.validate("victim", victim_data(incident.id))])
    out = tmp_path / "out"
    assert main(["--db", str(researcher), "bundle", "export", "--out", str(out)]) == 0
    [bundle] = out.iterdir()
    capsys.readouterr()

    plain = tmp_path / "bundle.zip"
    subprocess.run([str(AGE), "--decrypt", "-i", str(identity), "-o", str(plain), str(bundle)],
                   check=True, capture_output=True)

    with zipfile.ZipFile(plain) as archive:
        assert archive.testzip() is None
        raw_manifest = archive.read("manifest.json")
        signature = archive.read("manifest.sig").strip()
        operations = archive.read("ops.jsonl")
    manifest = json.loads(raw_manifest)
    # What a coordinator's own script can check with standard tools:
    signer = read_key_file(tmp_path / "sara.txt").signers[0]
    assert manifest["signing_key"] == signer.text and manifest["device_id"] == signer.device_id
    assert signature.startswith(b"ed25519:")
    Ed25519PublicKey.from_public_bytes(signer.public).verify(
        base64.b64decode(signature.removeprefix(b"ed25519:")), raw_manifest
    )
    entry = manifest["entries"]["ops.jsonl"]
    assert entry["sha256"] == hashlib.sha256(operations).hexdigest()
    lines = operations.decode("utf-8").splitlines()
    assert len(lines) == entry["lines"] == 2
    assert {json.loads(line)["record_kind"] for line in lines} == {"incident", "victim"}

    # And the other way round: the same ZIP encrypted by age to the recipients file imports.
    again = tmp_path / "by-age.zip.age"
    subprocess.run([str(AGE), "--encrypt", "-R", str(recipients), "-o", str(again), str(plain)],
                   check=True, capture_output=True)
    assert main(["--db", str(coordinator), "keys", "trust", str(tmp_path / "sara.txt"), "--yes"]) == 0
    assert main(["--db", str(coordinator), "--lang", "en", "bundle", "import", str(again)]) == 0
    assert "2 new operations from سارة" in capsys.readouterr().out
