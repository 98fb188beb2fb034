"""Shared fixtures: a cheap key-derivation cost, fresh encrypted workspaces, sample records."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from snhr_desktop.storage import keys

PASSPHRASE = "correct horse battery staple"


@pytest.fixture(autouse=True)
def cheap_kdf(monkeypatch: pytest.MonkeyPatch) -> None:
    """Argon2id at its real cost takes ~0.3 s; tests only need the same code path, not the cost."""
    monkeypatch.setattr(
        keys, "DEFAULT_COST", keys.KdfCost(time_cost=1, memory_kib=8 * 1024, parallelism=1)
    )


@pytest.fixture
def db_path(tmp_path: Path) -> Path:
    return tmp_path / "snhr.db"


@pytest.fixture
def workspace(db_path: Path) -> Iterator[Any]:
    from snhr_desktop.services.workspace import Workspace

    ws = Workspace.create(db_path, PASSPHRASE, "Test Researcher")
    try:
        yield ws
    finally:
        ws.close()


def incident_data(**overrides: Any) -> dict[str, Any]:
    data: dict[str, Any] = {
        "date": "2016-05-03",
        "governorate": "SY11",
        "perpetrator": "international_coalition",
        "attack_type": "airstrike",
        "place_ar": "حي الرميلة",
        "place_en": "Al-Rumaila neighbourhood",
    }
    data.update(overrides)
    return data


def victim_data(incident_id: str, **overrides: Any) -> dict[str, Any]:
    data: dict[str, Any] = {
        "incident_id": incident_id,
        "name_ar": "أحمد عبد الرحمن الخطيب",
        "name_en": "Ahmad Abdulrahman Al-Khateeb",
        "sex": "male",
        "age": 34,
        "status": "civilian",
        "date_of_death": "2016-05-03",
        "governorate": "SY11",
    }
    data.update(overrides)
    return data
