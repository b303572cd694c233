"""Two bridges on one day: the coach sees the one the client ended the day with."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import timedelta
from pathlib import Path

import pytest

from bridge.coach.types import Verdict
from bridge.sharing import ClientIdentity, SummaryChoices, build_summary, seal_summary
from bridge.storage.repository import Repository, open_repository
from tests.coach.store_helpers import COACH, at, make_store
from tests.sharing.helpers import CONTENT, _key, snapshot, t

CLIENT = ClientIdentity(_key("same day"))


@pytest.fixture
def repo(tmp_path: Path) -> Iterator[Repository]:
    repository = open_repository(tmp_path / "data")
    yield repository
    repository.close()


def test_a_bridge_done_again_the_same_day_replaces_the_first_for_the_coach(repo, tmp_path):
    store = make_store(repo, tmp_path / "data")
    morning = snapshot(at(0), {"housing": 2, "debts": 3}, stress=7)
    evening = snapshot(at(0) + timedelta(hours=6), {"housing": 4, "debts": 3}, stress=5)
    summary = build_summary(
        [morning, evening], [], SummaryChoices(), CONTENT, t(), CLIENT.client_id, at(1)
    )
    result = store.import_one(seal_summary(summary, CLIENT, COACH.recipient), "a.age")
    assert result.verdict is Verdict.NEW_CLIENT and result.pending is not None
    store.add_client(result.pending, "Sanne")
    history = store.history(CLIENT.client_id)
    assert [b.steps["housing"] for b in history.bridges] == [4]
    assert [s.level for s in history.stress] == [5]
