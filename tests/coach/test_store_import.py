"""The coach's import rules: pinning, duplicates, a changed key, older after newer, batches."""

from __future__ import annotations

import json
import threading

import pytest

from bridge.coach import client_files
from bridge.coach.store import LABEL_MAX_CHARS, CoachStoreError, Verdict
from bridge.sharing import ClientIdentity, signer_fingerprint
from tests.coach.store_helpers import (
    OTHER_COACH,
    filed,
    make_store,
    sealed,
    sealed_by_other_key,
    summary_for,
)
from tests.sharing.helpers import (
    CLIENT,
    OTHER_CLIENT,
    envelope,
    plaintext_v2,
    seal_bytes,
    seal_json,
)

THIRD = ClientIdentity(bytes(range(32)))


def _payload() -> dict:
    return json.loads(json.dumps(summary_for(CLIENT, 30).payload))


def test_a_first_summary_waits_for_a_label_and_stores_nothing(store, folder) -> None:
    result = store.import_one(sealed(CLIENT, 60), "a.age")
    assert result.verdict is Verdict.NEW_CLIENT
    assert result.client_id == CLIENT.client_id
    assert result.pending is not None
    assert result.pending.signer_fingerprint == CLIENT.fingerprint
    assert result.pending.pinned_fingerprint is None
    assert store.entries() == []
    assert not (folder / "clients").exists() or not list((folder / "clients").iterdir())


def test_add_client_pins_the_signer_and_files_the_summary(store, repo, folder) -> None:
    result = store.import_one(sealed(CLIENT, 60, discuss=("housing",)), "a.age")
    added = store.add_client(result.pending, "  Mevrouw   Jansen ")
    assert added.verdict is Verdict.ADDED and added.label == "Mevrouw Jansen"
    (entry,) = store.entries()
    assert entry.label == "Mevrouw Jansen"
    assert entry.signer_fingerprint == CLIENT.fingerprint
    assert entry.summaries == 1 and entry.envelope_version == 2
    assert entry.discuss == ("housing",)
    assert entry.latest_bridge_date is not None
    assert (folder / "clients" / f"{CLIENT.client_id}.db").exists()
    # A store opened again finds the same entry in the index.
    assert make_store(repo, folder).entries() == [entry]


def test_a_later_summary_becomes_the_latest(store) -> None:
    filed(store, CLIENT, "A", days=30)
    later = store.import_one(sealed(CLIENT, 90, steps={"housing": 5}), "b.age")
    assert later.verdict is Verdict.ADDED and later.label == "A"
    history = store.history(CLIENT.client_id)
    assert history.latest is not None and history.latest.created_at == later.created_at
    assert [i.created_at for i in history.imports][-1] == later.created_at
    assert history.bridges[-1].steps["housing"] == 5
    assert store.entry(CLIENT.client_id).summaries == 2


def test_the_same_summary_twice_is_a_duplicate(store) -> None:
    data = sealed(CLIENT, 30)
    first = store.import_one(data, "a.age")
    store.add_client(first.pending, "A")
    before = store.history(CLIENT.client_id)
    assert store.import_one(data, "a again.age").verdict is Verdict.DUPLICATE
    # Sealed again (other ciphertext, same signed summary): still the same summary.
    resealed = sealed(CLIENT, 30, armor=False)
    assert resealed != data
    assert store.import_one(resealed, "a.bin").verdict is Verdict.DUPLICATE
    assert store.history(CLIENT.client_id) == before
    assert store.entry(CLIENT.client_id).summaries == 1


def test_an_older_summary_after_a_newer_joins_the_history_only(store) -> None:
    filed(store, CLIENT, "A", days=120)
    latest_before = store.history(CLIENT.client_id).latest
    older = store.import_one(sealed(CLIENT, 200 - 190, steps={"housing": 1}), "old.age")
    assert older.verdict is Verdict.ADDED_OLDER
    history = store.history(CLIENT.client_id)
    assert history.latest == latest_before
    assert len(history.imports) == 2
    assert history.imports[0].created_at == older.created_at  # oldest first
    dates = [b.date for b in history.bridges]
    assert dates == sorted(set(dates))  # every date once, oldest first
    assert len({s.date for s in history.stress}) == len(history.stress)
    assert store.entry(CLIENT.client_id).latest_at == latest_before.created_at


def test_history_keeps_each_date_once_not_a_copy_per_summary(store, folder) -> None:
    filed(store, CLIENT, "A", days=0)
    for days in range(30, 30 * 12, 30):
        assert store.import_one(sealed(CLIENT, days), f"{days}.age").verdict is Verdict.ADDED
    history = store.history(CLIENT.client_id)
    assert len(history.imports) == 12
    assert len(history.bridges) == 12  # 12 dates, each once
    assert [b.date for b in history.bridges] == sorted(b.date for b in history.bridges)


def test_a_changed_key_is_refused_loudly_until_accepted(store) -> None:
    filed(store, CLIENT, "A", days=30)
    forged = sealed_by_other_key(CLIENT, OTHER_CLIENT, 60)
    result = store.import_one(forged, "nieuw.age")
    assert result.verdict is Verdict.SIGNER_CHANGED
    assert result.error is not None
    assert result.error.message_key == "coach.import.error.signer_changed"
    assert result.error.params == {
        "pinned": CLIENT.fingerprint,
        "new": OTHER_CLIENT.fingerprint,
    }
    assert result.pending.pinned_fingerprint == CLIENT.fingerprint
    assert result.pending.signer_fingerprint == OTHER_CLIENT.fingerprint
    assert store.entry(CLIENT.client_id).summaries == 1  # nothing stored

    accepted = store.accept_new_key(result.pending)
    assert accepted.verdict is Verdict.ADDED
    entry = store.entry(CLIENT.client_id)
    assert entry.signer_fingerprint == OTHER_CLIENT.fingerprint and entry.summaries == 2
    # The new key is pinned now: its next summary files; the old key is the changed one.
    assert store.import_one(sealed_by_other_key(CLIENT, OTHER_CLIENT, 90), "c").verdict is (
        Verdict.ADDED
    )
    again = store.import_one(sealed(CLIENT, 120), "oude sleutel.age")
    assert again.verdict is Verdict.SIGNER_CHANGED
    assert again.error.params["pinned"] == OTHER_CLIENT.fingerprint


def test_a_forged_summary_for_an_unknown_client_is_a_bad_signature(store) -> None:
    result = store.import_one(sealed_by_other_key(CLIENT, OTHER_CLIENT, 60), "x.age")
    assert result.verdict is Verdict.REFUSED
    assert result.error.message_key == "coach.import.error.bad_signature"


@pytest.mark.parametrize(
    ("data", "code"),
    [
        (b"", "empty"),
        ("hallo, dit is geen samenvatting", "not_a_summary"),
        (sealed(CLIENT, 30, coach=OTHER_COACH), "not_for_you"),
        (sealed(CLIENT, 30)[:-80] + b"\n-----END AGE ENCRYPTED FILE-----\n", "damaged"),
        (b"x" * 1_000_001, "too_large"),
        (seal_bytes(plaintext_v2(_payload(), version=3)), "newer_version"),
        (seal_bytes(plaintext_v2(_payload(), coach=OTHER_COACH.recipient)), "wrong_coach"),
        (seal_bytes(plaintext_v2(_payload(), signature=bytes(64))), "bad_signature"),
    ],
)
def test_bad_input_is_refused_with_its_reason_and_stores_nothing(store, data, code) -> None:
    filed(store, CLIENT, "A", days=0)
    before = store.entries()
    result = store.import_one(data, "bad")
    assert result.verdict is Verdict.REFUSED
    assert result.error.code == code
    assert result.error.message_key == f"coach.import.error.{code}"
    assert store.entries() == before


def test_a_batch_of_200_with_three_bad_files_the_good_ones(store) -> None:
    clients = [ClientIdentity(bytes([n]) * 32) for n in range(1, 6)]
    for n, client in enumerate(clients):
        filed(store, client, f"Cliënt {n}", days=0)
    items: list[tuple[str, bytes | str]] = []
    for i in range(197):
        client = clients[i % 5]
        items.append((f"{i}.age", sealed(client, 1 + i // 5)))
    bad = {
        50: ("leeg.age", b""),
        120: ("ander.age", sealed(CLIENT, 3, coach=OTHER_COACH)),
        199: ("kapot.age", sealed(CLIENT, 4)[:200]),
    }
    for index in sorted(bad):
        items.insert(index, bad[index])
    seen: list[tuple[int, int]] = []
    results = store.import_many(items, progress=lambda done, total: seen.append((done, total)))
    assert len(results) == 200
    assert seen[-1] == (200, 200) and len(seen) == 200
    assert [r.name for r in results] == [name for name, _ in items]
    refused = {i: r for i, r in enumerate(results) if r.verdict is Verdict.REFUSED}
    assert sorted(refused) == sorted(bad)
    assert refused[50].error.code == "empty"
    assert refused[120].error.code == "not_for_you"
    assert refused[199].error.code == "damaged"
    assert all(r.verdict is Verdict.ADDED for i, r in enumerate(results) if i not in bad)
    assert sum(e.summaries for e in store.entries()) == 5 + 197
    for client in clients:
        history = store.history(client.client_id)
        assert len(history.imports) == store.entry(client.client_id).summaries


def test_a_batch_that_cannot_save_a_client_stores_nothing_of_it(store, folder, monkeypatch) -> None:
    filed(store, CLIENT, "A", days=0)
    filed(store, OTHER_CLIENT, "B", days=0)
    before = store.history(CLIENT.client_id)
    real = client_files.write_private

    def failing(path, payload):
        if CLIENT.client_id in path.name:
            raise OSError(28, "No space left on device")
        real(path, payload)

    monkeypatch.setattr(client_files, "write_private", failing)
    results = store.import_many(
        [("a1", sealed(CLIENT, 30)), ("b1", sealed(OTHER_CLIENT, 30)), ("a2", sealed(CLIENT, 60))]
    )
    assert [r.verdict for r in results] == [Verdict.REFUSED, Verdict.ADDED, Verdict.REFUSED]
    assert results[0].error.code == "save_failed"
    assert results[0].error.message_key == "coach.store.error.save_failed"
    monkeypatch.setattr(client_files, "write_private", real)
    assert not [p for p in (folder / "clients").iterdir() if p.name.startswith(".")]
    assert store.history(CLIENT.client_id) == before
    assert store.entry(CLIENT.client_id).summaries == 1
    assert store.entry(OTHER_CLIENT.client_id).summaries == 2


def test_two_summaries_of_one_new_client_in_one_batch(store) -> None:
    first, second = store.import_many([("1", sealed(CLIENT, 30)), ("2", sealed(CLIENT, 60))])
    assert first.verdict is second.verdict is Verdict.NEW_CLIENT
    assert store.add_client(second.pending, "A").verdict is Verdict.ADDED
    older = store.add_client(first.pending, "ignored")
    assert older.verdict is Verdict.ADDED_OLDER and older.label == "A"
    assert store.entry(CLIENT.client_id).summaries == 2


@pytest.mark.parametrize(
    ("label", "code"),
    [
        ("", "label_empty"),
        ("   \n ", "label_empty"),
        ("x" * (LABEL_MAX_CHARS + 1), "label_too_long"),
    ],
)
def test_bad_labels_are_refused_never_cut(store, label, code) -> None:
    result = store.import_one(sealed(CLIENT, 30), "a.age")
    with pytest.raises(CoachStoreError) as caught:
        store.add_client(result.pending, label)
    assert caught.value.code == code
    assert caught.value.message_key == f"coach.store.error.{code}"
    if code == "label_too_long":
        assert caught.value.params["max"] == LABEL_MAX_CHARS
    assert store.entries() == []


def test_labels_up_to_60_characters_and_rename(store) -> None:
    filed(store, CLIENT, "é" * LABEL_MAX_CHARS)
    assert store.entry(CLIENT.client_id).label == "é" * LABEL_MAX_CHARS
    store.rename(CLIENT.client_id, " Cliënt  7 ")
    assert store.entry(CLIENT.client_id).label == "Cliënt 7"
    assert store.history(CLIENT.client_id).label == "Cliënt 7"
    with pytest.raises(CoachStoreError) as caught:
        store.rename(CLIENT.client_id, "y" * 61)
    assert caught.value.code == "label_too_long"
    assert store.entry(CLIENT.client_id).label == "Cliënt 7"


def test_the_fingerprint_is_the_one_the_client_sees(store) -> None:
    filed(store, THIRD, "C")
    assert store.entry(THIRD.client_id).signer_fingerprint == signer_fingerprint(THIRD.public_key)


def test_an_old_summary_that_names_no_coach_is_marked_version_1(store) -> None:
    payload = json.loads(json.dumps(summary_for(CLIENT, 30).payload))
    result = store.import_one(seal_json(envelope(payload, ["Samenvatting"])), "oud.age")
    assert result.verdict is Verdict.NEW_CLIENT and result.envelope_version == 1
    assert store.add_client(result.pending, "Oud").envelope_version == 1
    assert store.entry(CLIENT.client_id).envelope_version == 1
    assert store.history(CLIENT.client_id).latest_text == "Samenvatting"


def test_threads_importing_at_once_lose_nothing(store) -> None:
    clients = [ClientIdentity(bytes([n + 20]) * 32) for n in range(4)]
    for n, client in enumerate(clients):
        filed(store, client, f"T{n}")
    work = {c.client_id: [sealed(c, d) for d in range(1, 9)] for c in clients}
    errors: list[BaseException] = []

    def run(items: list[bytes]) -> None:
        try:
            for data in items:
                assert store.import_one(data, "t").verdict is Verdict.ADDED
                store.entries()
        except BaseException as exc:  # reported below
            errors.append(exc)

    threads = [threading.Thread(target=run, args=(items,)) for items in work.values()]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == []
    assert all(store.entry(c.client_id).summaries == 9 for c in clients)
    assert all(len(store.history(c.client_id).imports) == 9 for c in clients)
