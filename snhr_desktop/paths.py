"""Where the application's shipped resources and default user data live."""

from __future__ import annotations

from pathlib import Path

import platformdirs

PROJECT_ROOT = Path(__file__).resolve().parent.parent
RESOURCES = PROJECT_ROOT / "resources"
I18N = PROJECT_ROOT / "i18n"


def default_database_path() -> Path:
    """The database used when no ``--db`` is given: the platform's user-data folder."""
    return Path(platformdirs.user_data_dir("snhr-desktop", appauthor=False)) / "snhr.db"
