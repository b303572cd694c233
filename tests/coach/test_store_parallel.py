"""A big batch opened by worker processes files exactly what opening in the store files."""

from __future__ import annotations

import sys
from concurrent.futures.process import BrokenProcessPool
from pathlib import Path

import pytest

from bridge.coach import opener as opener_module
from bridge.coach.opener import LOOKAHEAD, Ahead, parallel_possible
from bridge.coach.store import CoachStore, Verdict
from bridge.sharing import ClientIdentity
from bridge.storage.repository import open_repository
from tests.coach.store_helpers import (
    OTHER_COACH,
    filed,
    make_store,
    sealed,
    sealed_by_other_key,
)
from tests.sharing.helpers import CLIENT, OTHER_CLIENT

NEW = ClientIdentity(bytes([7]) * 32)

pytestmark = pytest.mark.skipif(not parallel_possible(), reason="no worker processes here")


def _batch() -> list[tuple[str, bytes | str]]:
    """Good summaries of two filed clients, and every kind of bad or special one."""
    items: list[tuple[str, bytes | str]] = []
    for day in range(1, 9):
        items.append((f"a{day}", sealed(CLIENT, 30 * day)))
        items.append((f"b{day}", sealed(OTHER_CLIENT, 30 * day)))
    items += [
        ("twice", sealed(CLIENT, 30)),  # the same as a1: a duplicate
        ("older", sealed(CLIENT, 15)),
        ("empty", b""),
        ("other coach", sealed(CLIENT, 40, coach=OTHER_COACH)),
        ("cut", sealed(CLIENT, 50)[:300]),
        ("new key", sealed_by_other_key(CLIENT, NEW, 400)),
        ("new client", sealed(NEW, 10)),
    ]
    return items


def _store(folder: Path) -> CoachStore:
    store = make_store(open_repository(folder), folder)
    filed(store, CLIENT, "A")
    filed(store, OTHER_CLIENT, "B")
    return store


def _outcome(store: CoachStore, items: list[tuple[str, bytes | str]]) -> list[tuple]:
    results = store.import_many(items)
    return [
        (r.name, r.verdict, r.client_id, r.error.code if r.error is not None else None)
        for r in results
    ]


def test_workers_open_a_big_batch_and_the_verdicts_are_the_same(tmp_path: Path) -> None:
    items = _batch()
    alone = _store(tmp_path / "alone")
    expected = _outcome(alone, items)

    store = _store(tmp_path / "workers")
    store.ahead = Ahead(store._age_identity, threshold=len(items))
    seen: list[tuple[int, int]] = []
    results = store.import_many(items, progress=lambda done, total: seen.append((done, total)))
    opener = store.ahead.opener
    assert opener is not None and opener.workers >= 2
    got = [
        (r.name, r.verdict, r.client_id, r.error.code if r.error is not None else None)
        for r in results
    ]
    assert got == expected
    assert seen[-1] == (len(items), len(items)) and len(seen) == len(items)
    # Every summary that opens (16 new ones, the duplicate, the older, the new client) came
    # from a worker; the broken ones and the changed key were opened again in the store.
    assert opener.from_workers == 19
    verdicts = {name: verdict for name, verdict, _, _ in got}
    assert verdicts["twice"] is Verdict.DUPLICATE
    assert verdicts["older"] is Verdict.ADDED_OLDER
    assert verdicts["new key"] is Verdict.SIGNER_CHANGED
    assert verdicts["new client"] is Verdict.NEW_CLIENT
    # A new client a worker opened is held whole enough to be filed once named.
    held = next(r.pending for r in results if r.name == "new client")
    held_alone = next(r.pending for r in alone.import_many([("new client", sealed(NEW, 10))]))
    assert store.add_client(held, "C").verdict is Verdict.ADDED
    assert alone.add_client(held_alone, "C").verdict is Verdict.ADDED
    assert store.entries() == alone.entries()
    for client in (CLIENT, OTHER_CLIENT, NEW):
        assert store.history(client.client_id) == alone.history(client.client_id)
    store.close()
    alone.close()
    assert store.ahead.opener is None  # closing the store ends the workers


def test_a_broken_pool_opens_the_rest_in_the_store(tmp_path: Path) -> None:
    items = _batch()
    expected = _outcome(_store(tmp_path / "alone"), items)
    store = _store(tmp_path / "workers")
    store.ahead = Ahead(store._age_identity, threshold=1)
    store.ahead.prepare([data for _, data in items[:2]])  # nothing else opened ahead
    opener = store.ahead.opener
    assert opener is not None
    assert _outcome(store, items[:2]) == expected[:2]  # the workers run
    for process in list(opener._pool._processes.values()):  # type: ignore[union-attr]
        process.kill()
        process.join()
    assert _outcome(store, items[2:]) == expected[2:]  # told, then opened, all in the store
    assert store.ahead.opener is None  # the broken pool was let go
    assert opener.from_workers == 2


def test_no_workers_where_python_cannot_start_them(monkeypatch, tmp_path: Path) -> None:
    monkeypatch.setattr(sys, "frozen", True, raising=False)
    assert not parallel_possible()
    monkeypatch.delattr(sys, "frozen")
    monkeypatch.setenv("BRIDGE_OPEN_IN_PARALLEL", "0")
    assert not parallel_possible()
    store = _store(tmp_path / "data")
    store.ahead = Ahead(store._age_identity, threshold=1)
    store.ahead.prepare([b""] * 100)
    assert store.ahead.opener is None
    assert [r.verdict for r in store.import_many(_batch()[:2])] == [Verdict.ADDED] * 2


def test_a_batch_told_at_once_is_opened_ahead_across_its_chunks(tmp_path: Path) -> None:
    items = _batch()
    expected = _outcome(_store(tmp_path / "alone"), items)
    store = _store(tmp_path / "workers")
    store.ahead = Ahead(store._age_identity, threshold=len(items))
    store.ahead.prepare([data for _, data in items])  # as the import screen does
    opener = store.ahead.opener
    assert opener is not None
    assert len(opener._ahead) == min(LOOKAHEAD, len(items))  # begun before any chunk
    got: list[tuple] = []
    for at in range(0, len(items), 5):  # the screen's chunks
        got += _outcome(store, items[at : at + 5])
    assert got == expected
    assert opener.taken_ahead == len(items)
    assert opener.from_workers == 19


def test_items_other_than_those_told_are_opened_as_given(tmp_path: Path) -> None:
    items = _batch()
    expected = _outcome(_store(tmp_path / "alone"), items)
    store = _store(tmp_path / "workers")
    store.ahead = Ahead(store._age_identity, threshold=1)
    store.ahead.prepare([data for _, data in reversed(items)])  # told in another order
    opener = store.ahead.opener
    assert opener is not None
    got: list[tuple] = []
    for at in range(0, len(items), 5):
        got += _outcome(store, items[at : at + 5])
    assert got == expected
    assert opener.from_workers == 19


def test_a_pool_that_breaks_while_opening_ahead_opens_the_chunk_in_the_store(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    items = _batch()
    expected = _outcome(_store(tmp_path / "alone"), items)
    store = _store(tmp_path / "workers")
    store.ahead = Ahead(store._age_identity, threshold=1)
    monkeypatch.setattr(opener_module, "LOOKAHEAD", 2)
    store.ahead.prepare([data for _, data in items])
    opener = store.ahead.opener
    assert opener is not None and len(opener._ahead) == 2

    def broken(*_args: object, **_kwargs: object) -> None:
        raise BrokenProcessPool("a worker died")

    monkeypatch.setattr(opener._pool, "submit", broken)  # topping up now fails
    assert _outcome(store, items) == expected
    assert store.ahead.opener is None  # the broken pool was let go
