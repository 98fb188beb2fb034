"""Fixtures shared by the unit tests of syncing: a network of installations that trust each other."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest


@pytest.fixture
def net(tmp_path: Path) -> Iterator[Any]:
    """A :class:`tests.unit.test_bundles.Network` in the test's folder, closed afterwards."""
    from tests.unit.test_bundles import Network

    network = Network(tmp_path)
    try:
        yield network
    finally:
        network.close()
