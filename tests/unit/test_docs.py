"""Documentation generated from the code is up to date."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def test_records_reference_is_current() -> None:
    result = subprocess.run(
        [sys.executable, str(ROOT / "docs" / "records.py"), "--check"], capture_output=True, text=True
    )
    assert result.returncode == 0, result.stderr
