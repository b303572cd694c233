"""Fixtures for the sharing tests: a real repository in a temporary folder."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from bridge.storage.repository import Repository, open_repository


@pytest.fixture
def repo(tmp_path) -> Iterator[Repository]:
    repository = open_repository(tmp_path / "data")
    yield repository
    repository.close()
