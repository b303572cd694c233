"""The coach store's fixtures: a data folder, its repository, and a coach store on it."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from bridge.coach.store import CoachStore
from bridge.storage.repository import Repository, open_repository
from tests.coach.store_helpers import make_store


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    return tmp_path / "data"


@pytest.fixture
def repo(folder: Path) -> Iterator[Repository]:
    repository = open_repository(folder)
    yield repository
    repository.close()


@pytest.fixture
def store(repo: Repository, folder: Path) -> CoachStore:
    return make_store(repo, folder)
