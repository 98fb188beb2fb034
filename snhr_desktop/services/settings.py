"""Application preferences (interface language, idle-lock minutes) in a small non-secret JSON file.

The file lives in the platform's user configuration folder (``SNHR_CONFIG_DIR`` overrides it, for
portable installs and tests). It must never hold record data, names or passphrases: a seized
laptop may be read, and this file is not encrypted.
"""

from __future__ import annotations

import json
import os
from dataclasses import asdict, dataclass, replace
from pathlib import Path
from typing import Any, Final

import platformdirs

APP_NAME: Final = "snhr-desktop"
PREFERENCES_FILE: Final = "preferences.json"
LANGUAGES: Final = ("ar", "en")
DEFAULT_IDLE_LOCK_MINUTES: Final = 10
MIN_IDLE_LOCK_MINUTES: Final = 1
MAX_IDLE_LOCK_MINUTES: Final = 240


@dataclass(frozen=True, slots=True)
class Preferences:
    """What the application remembers between sessions; nothing about records."""

    language: str | None = None
    idle_lock_minutes: int = DEFAULT_IDLE_LOCK_MINUTES

    def with_language(self, language: str) -> Preferences:
        return replace(self, language=_language(language))

    def with_idle_lock_minutes(self, minutes: int) -> Preferences:
        return replace(self, idle_lock_minutes=_minutes(minutes))


def config_dir() -> Path:
    """Where preferences are kept: ``SNHR_CONFIG_DIR`` if set, else the user config folder."""
    override = os.environ.get("SNHR_CONFIG_DIR")
    if override:
        return Path(override)
    return Path(platformdirs.user_config_dir(APP_NAME, appauthor=False))


def preferences_path() -> Path:
    return config_dir() / PREFERENCES_FILE


def _language(value: Any) -> str | None:
    return value if value in LANGUAGES else None


def _minutes(value: Any) -> int:
    try:
        minutes = int(value)
    except (TypeError, ValueError):
        return DEFAULT_IDLE_LOCK_MINUTES
    return max(MIN_IDLE_LOCK_MINUTES, min(MAX_IDLE_LOCK_MINUTES, minutes))


def load_preferences(path: Path | None = None) -> Preferences:
    """The saved preferences; defaults when the file is missing, unreadable or malformed."""
    path = path or preferences_path()
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return Preferences()
    if not isinstance(data, dict):
        return Preferences()
    return Preferences(
        language=_language(data.get("language")),
        idle_lock_minutes=_minutes(data.get("idle_lock_minutes", DEFAULT_IDLE_LOCK_MINUTES)),
    )


def save_preferences(preferences: Preferences, path: Path | None = None) -> None:
    """Write ``preferences`` atomically; a failure to write them is not worth stopping work for."""
    path = path or preferences_path()
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        temporary = path.with_name(path.name + ".tmp")
        temporary.write_text(json.dumps(asdict(preferences), indent=2), encoding="utf-8")
        os.replace(temporary, path)
    except OSError:
        pass
