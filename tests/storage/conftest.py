"""Fixtures for the storage tests (the shared values live in helpers.py)."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from bridge.storage.holder import DataHolder

from .helpers import FAST, Clock


@pytest.fixture
def clock() -> Clock:
    return Clock()


@pytest.fixture
def holder(tmp_path: Path, clock: Clock) -> Iterator[DataHolder]:
    h = DataHolder(tmp_path, params=FAST, clock=clock)
    yield h
    h.close()
