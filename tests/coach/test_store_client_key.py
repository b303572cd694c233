"""The client's own key on the coach's side: taken from the newest summary that carries it, so the
coach can seal the agreed plan back to the client's phone."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

import pytest

from bridge.coach.store import CoachStore, Verdict
from bridge.crypto import X25519Identity
from bridge.sharing import ClientIdentity, pair_coach
from bridge.sharing.coaches import coaches
from bridge.sharing.plan import open_plan, seal_plan
from bridge.storage.repository import Repository, open_repository
from tests.coach.store_helpers import COACH, make_store, sealed, summary_for
from tests.sharing.helpers import CLIENT, plaintext_v2, seal_bytes
from tests.sharing.plan_helpers import COACH_ID, plan_for, text_of

# The same client (signing key) after a new phone: another age key of their own.
NEW_PHONE = ClientIdentity(CLIENT.secret_bytes(), X25519Identity.generate())


@pytest.fixture
def opened(tmp_path: Path) -> Iterator[tuple[Repository, Path, CoachStore]]:
    """The coach's data, its folder and the store on it."""
    folder = tmp_path / "data"
    repo = open_repository(folder)
    yield repo, folder, make_store(repo, folder)
    repo.close()


@pytest.fixture
def store(opened: tuple[Repository, Path, CoachStore]) -> CoachStore:
    return opened[2]


def _file(store: CoachStore, data: bytes) -> Verdict:
    result = store.import_one(data, "samenvatting.age")
    if result.verdict is Verdict.NEW_CLIENT:
        assert result.pending is not None
        result = store.add_client(result.pending, "Mevrouw Jansen")
    return result.verdict


def _without_client_key(days: int) -> bytes:
    """An older app's summary: no client_recipient in the payload."""
    built = summary_for(CLIENT, days)
    payload = json.loads(json.dumps(built.payload))
    payload.pop("client_recipient", None)
    return seal_bytes(plaintext_v2(payload, built.text, coach=COACH.recipient))


def test_the_client_key_comes_with_the_summary_and_a_plan_sealed_to_it_opens(store, tmp_path):
    assert _file(store, sealed(CLIENT, 30)) is Verdict.ADDED
    recipient = store.client_recipient(CLIENT.client_id)
    assert recipient == CLIENT.recipient
    # The coach seals the plan to it; the client's phone, paired with the coach, opens it.
    plan = plan_for()
    armored = seal_plan(plan, COACH_ID, recipient, text_of(plan))
    phone = open_repository(tmp_path / "phone")
    try:
        pair_coach(phone, "Marieke", COACH_ID.pairing_text)
        assert open_plan(armored, CLIENT, coaches(phone)).plan.steps == plan.steps
    finally:
        phone.close()


def test_a_summary_of_an_older_app_has_no_client_key(store):
    assert _file(store, _without_client_key(30)) is Verdict.ADDED
    assert store.client_recipient(CLIENT.client_id) is None  # "ask the client to share again"
    assert _file(store, sealed(CLIENT, 60)) is Verdict.ADDED
    assert store.client_recipient(CLIENT.client_id) == CLIENT.recipient
    # A newer summary without one keeps the key of the one before.
    assert _file(store, _without_client_key(90)) is Verdict.ADDED
    assert store.client_recipient(CLIENT.client_id) == CLIENT.recipient


def test_the_newest_summary_wins_whatever_order_they_come_in(opened):
    repo, folder, store = opened
    assert _file(store, sealed(NEW_PHONE, 90)) is Verdict.ADDED
    assert _file(store, sealed(CLIENT, 30)) is Verdict.ADDED_OLDER
    assert store.client_recipient(CLIENT.client_id) == NEW_PHONE.recipient
    assert make_store(repo, folder).client_recipient(CLIENT.client_id) == NEW_PHONE.recipient
