"""Lint and types stay clean: ruff over the tree, mypy (strict) over the Qt-free core."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def run(*command: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(command, cwd=ROOT, capture_output=True, text=True, check=False)


def test_ruff() -> None:
    result = run(sys.executable, "-m", "ruff", "check", ".")
    assert result.returncode == 0, result.stdout + result.stderr


def test_mypy_strict_core() -> None:
    result = run(sys.executable, "-m", "mypy", "snhr_desktop/domain", "snhr_desktop/storage",
                 "snhr_desktop/services")
    assert result.returncode == 0, result.stdout + result.stderr


def test_core_never_imports_qt() -> None:
    for folder in ("domain", "storage", "services"):
        for path in (ROOT / "snhr_desktop" / folder).rglob("*.py"):
            text = path.read_text(encoding="utf-8")
            assert "PySide6" not in text and "snhr_desktop.ui" not in text, path
