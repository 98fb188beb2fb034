"""The Qt Linguist files in i18n/ are complete, built and in step with the sources."""

from __future__ import annotations

import importlib.util
import subprocess
import sys
from pathlib import Path
from types import ModuleType

import pytest

ROOT = Path(__file__).resolve().parents[2]
I18N = ROOT / "i18n"
UPDATE = I18N / "update.py"
TS_FILES = sorted(I18N.glob("*.ts"))
# A clone, an unpacked archive or a copy can leave a few seconds between files written together.
MTIME_TOLERANCE_S = 5.0


def load_update() -> ModuleType:
    spec = importlib.util.spec_from_file_location("i18n_update", UPDATE)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.fixture(scope="module")
def update() -> ModuleType:
    return load_update()


def test_both_languages_have_a_ts_file() -> None:
    assert [path.name for path in TS_FILES] == ["snhr_desktop_ar.ts", "snhr_desktop_en.ts"]


@pytest.mark.parametrize("ts", TS_FILES, ids=lambda path: path.name)
def test_no_unfinished_entries(ts: Path, update: ModuleType) -> None:
    assert 'type="unfinished"' not in ts.read_text(encoding="utf-8")
    assert update.untranslated(ts) == []


@pytest.mark.parametrize("ts", TS_FILES, ids=lambda path: path.name)
def test_qm_exists_and_is_not_older_than_its_ts(
    ts: Path, update: ModuleType, tmp_path: Path
) -> None:
    qm = ts.with_suffix(".qm")
    assert qm.exists(), f"{qm.name} is missing: run python i18n/update.py --release"
    if ts.stat().st_mtime - qm.stat().st_mtime <= MTIME_TOLERANCE_S:
        return
    # Git does not keep modification times, so a newer .ts is only stale if the content differs.
    rebuilt = tmp_path / qm.name
    update.build_qm(ts, rebuilt)
    assert rebuilt.read_bytes() == qm.read_bytes(), f"{qm.name} is stale: run i18n/update.py"


def test_update_check_passes() -> None:
    result = subprocess.run(
        [sys.executable, str(UPDATE), "--check"], capture_output=True, text=True, cwd=ROOT
    )
    assert result.returncode == 0, result.stderr


def test_check_refuses_bare_tr_with_literals(update: ModuleType, tmp_path: Path) -> None:
    module = tmp_path / "panel.py"
    module.write_text(
        "from snhr_desktop.i18n import tr, translate\n"
        "HEADER = 'Date'\n"
        "tr('Columns', HEADER)\n"
        "translate('Columns', 'Place')\n",
        encoding="utf-8",
    )
    problems = update.bare_tr_calls([module])
    assert len(problems) == 1
    assert problems[0].startswith(f"{module}:3:")


def test_english_entries_are_finished_with_their_source(update: ModuleType, tmp_path: Path) -> None:
    ts = tmp_path / "snhr_desktop_en.ts"
    ts.write_text(
        '<?xml version="1.0" encoding="utf-8"?>\n<!DOCTYPE TS>\n'
        '<TS version="2.1" language="en" sourcelanguage="en">\n<context>\n'
        "    <name>Panel</name>\n"
        "    <message>\n        <source>Save &amp; close</source>\n"
        '        <translation type="unfinished"></translation>\n    </message>\n'
        '    <message numerus="yes">\n        <source>%n victim(s)</source>\n'
        '        <translation type="unfinished">\n'
        "            <numerusform></numerusform>\n            <numerusform></numerusform>\n"
        "        </translation>\n    </message>\n</context>\n</TS>\n",
        encoding="utf-8",
    )
    assert update.finish_source_language(ts) == 2
    assert update.untranslated(ts) == []
    text = ts.read_text(encoding="utf-8")
    assert "<translation>Save &amp; close</translation>" in text
    assert text.count("<numerusform>%n victim(s)</numerusform>") == 2
