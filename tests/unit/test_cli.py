"""The command line, run in-process as a script would run it."""

from __future__ import annotations

import json
import string
from pathlib import Path

import pytest

from snhr_desktop.cli import main
from snhr_desktop.domain.messages import CATALOGUE
from snhr_desktop.services.workspace import Workspace
from tests.conftest import PASSPHRASE, incident_data, victim_data


@pytest.fixture
def env(monkeypatch: pytest.MonkeyPatch) -> pytest.MonkeyPatch:
    monkeypatch.setenv("SNHR_PASSPHRASE", PASSPHRASE)
    monkeypatch.delenv("SNHR_LANG", raising=False)
    return monkeypatch


def test_every_message_has_the_same_placeholders_in_both_languages() -> None:
    for code, (en, ar) in CATALOGUE.items():
        fields = [
            {f.removesuffix("_en").removesuffix("_ar") for _, f, _, _ in string.Formatter().parse(t) if f}
            for t in (en, ar)
        ]
        assert fields[0] == fields[1], code


def test_init_check_history(env: pytest.MonkeyPatch, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    db = tmp_path / "snhr.db"
    assert main(["--db", str(db), "init", "--researcher", "سارة"]) == 0
    assert "سارة" in capsys.readouterr().out
    with Workspace.open(db, PASSPHRASE) as ws:
        incident = ws.validate("incident", incident_data())
        victim = ws.validate("victim", victim_data(incident.id))
        ws.save_many([incident, victim])
        ws.save(ws.validate("victim", {**victim.snapshot(), "age": 40}))
    assert main(["--db", str(db), "--lang", "en", "check"]) == 0
    assert "1 incidents, 1 victims, 0 facility attacks, 3 operations" in capsys.readouterr().out
    assert main(["--db", str(db), "--lang", "ar", "check"]) == 0
    assert "قاعدة البيانات سليمة. الحوادث: 1، الضحايا: 1" in capsys.readouterr().out

    assert main(["--db", str(db), "--lang", "ar", "history", victim.id]) == 0
    out = capsys.readouterr().out
    assert "سارة" in out and "إنشاء" in out and "تعديل" in out and "age: 34 → 40" in out
    assert main(["--db", str(db), "history", victim.id, "--json"]) == 0
    entries = json.loads(capsys.readouterr().out)
    assert [e["action"] for e in entries] == ["create", "update"]
    assert entries[1]["changes"] == {"age": [34, 40]} and entries[1]["author"] == "سارة"


def test_errors_are_in_the_users_language(env: pytest.MonkeyPatch, tmp_path: Path,
                                          capsys: pytest.CaptureFixture[str]) -> None:
    db = tmp_path / "snhr.db"
    assert main(["--db", str(db), "--lang", "ar", "check"]) == 1
    assert "لا توجد قاعدة بيانات" in capsys.readouterr().err
    assert main(["--db", str(db), "init", "--researcher", "R"]) == 0
    assert main(["--db", str(db), "--lang", "en", "init", "--researcher", "R"]) == 1
    assert "already exists" in capsys.readouterr().err
    env.setenv("SNHR_PASSPHRASE", "wrong passphrase")
    env.setenv("SNHR_LANG", "ar")
    assert main(["--db", str(db), "check"]) == 1
    err = capsys.readouterr().err
    assert "عبارة المرور خاطئة" in err and "Traceback" not in err


def test_change_passphrase(env: pytest.MonkeyPatch, tmp_path: Path) -> None:
    db = tmp_path / "snhr.db"
    assert main(["--db", str(db), "init", "--researcher", "R"]) == 0
    env.setenv("SNHR_NEW_PASSPHRASE", "the new passphrase")
    assert main(["--db", str(db), "change-passphrase"]) == 0
    assert main(["--db", str(db), "check"]) == 1
    env.setenv("SNHR_PASSPHRASE", "the new passphrase")
    assert main(["--db", str(db), "check"]) == 0


def test_unexpected_errors_show_no_traceback(env: pytest.MonkeyPatch, tmp_path: Path,
                                             capsys: pytest.CaptureFixture[str]) -> None:
    def broken(*args: object) -> Workspace:
        raise ZeroDivisionError

    env.setattr(Workspace, "open", broken)
    assert main(["--db", str(tmp_path / "x.db"), "--lang", "en", "check"]) == 70
    err = capsys.readouterr().err
    assert "Unexpected error (ZeroDivisionError)" in err and "Traceback" not in err
