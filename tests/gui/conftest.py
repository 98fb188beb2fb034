"""GUI test set-up: Qt's offscreen platform, and the ``gui`` marker on every test in this folder.

Why offscreen: Qt picks its platform plugin from ``QT_QPA_PLATFORM`` when the QApplication is
created. CI and most developer shells have no display, where the default plugin (xcb) aborts the
whole test process; "offscreen" renders into memory, needs no X server and opens no windows on a
developer's screen. ``setdefault`` keeps an explicit choice (``QT_QPA_PLATFORM=xcb`` to watch a
test run). It has to happen before pytest-qt's ``qapp`` fixture creates the application, so it is
done here, when pytest imports this file, before any test imports Qt.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import pytest

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

GUI_TESTS = Path(__file__).resolve().parent


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    """Mark the tests under tests/gui as ``gui``, so ``pytest -m "not gui"`` skips Qt entirely."""
    # A conftest's collection hook sees the whole session's items, not only this folder's.
    for item in items:
        if GUI_TESTS in item.path.resolve().parents:
            item.add_marker(pytest.mark.gui)


@pytest.fixture(autouse=True)
def preferences_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Preferences (language, idle-lock minutes) go to a fresh folder, never the user's."""
    folder = tmp_path / "config"
    monkeypatch.setenv("SNHR_CONFIG_DIR", str(folder))
    return folder


@pytest.fixture
def languages(qapp: object) -> Iterator[object]:
    """The language machinery installed in English; tests switch with ``set_language``."""
    from snhr_desktop.i18n import LanguageManager

    manager = LanguageManager()
    manager.install(qapp, "en")  # type: ignore[arg-type]
    try:
        yield manager
    finally:
        manager.uninstall()
