"""Fixtures for the sharing tests: a real repository in a temporary folder."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

import pytest

from bench.storage import FIVE_YEARS, HEAVY, Size, fill
from bridge.domain.assessment import Assessment
from bridge.sharing.goal_input import GoalInput, goal_inputs
from bridge.storage import goals_store
from bridge.storage.repository import Repository, open_repository


@pytest.fixture
def repo(tmp_path) -> Iterator[Repository]:
    repository = open_repository(tmp_path / "data")
    yield repository
    repository.close()


@dataclass(frozen=True)
class ClientData:
    """What a client shares, as the app hands it to build_summary."""

    snapshots: list[Assessment]
    goals: list[GoalInput]


class _Recorder:
    """Takes what the benchmark's generator saves, in memory (no files: a session fixture stays fast)."""

    def __init__(self) -> None:
        self.snapshots: list[Assessment] = []
        self.records: dict[str, Any] = {}

    def save_assessment(self, assessment: Assessment) -> None:
        self.snapshots.append(assessment)

    def put_record(self, table: str, record_id: str, record: Any) -> None:
        self.records[record_id] = record


def _generated(size: Size) -> ClientData:
    saved = _Recorder()
    fill(saved, size)  # type: ignore[arg-type]  # the seeded generator, via the domain API
    goals = sorted(
        (goals_store.goal_from_record(r) for r in saved.records.values()),
        key=lambda g: (g.created_at, g.id),
    )
    return ClientData(
        [s for s in saved.snapshots if s.completed_at is not None],
        goal_inputs(goals, lambda area_id: area_id),
    )


@pytest.fixture(scope="session")
def five_years() -> ClientData:
    """60 bridges, 30 goals, 300 check-ins (PRODUCT.md: a 5-year client)."""
    return _generated(FIVE_YEARS)


@pytest.fixture(scope="session")
def heavy() -> ClientData:
    """240 bridges, 100 goals, 2,000 check-ins (issue 10: a heavy client)."""
    return _generated(HEAVY)
