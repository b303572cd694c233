"""The coach's files: damaged files kept and refused, erasure, export, a crash between writes."""

from __future__ import annotations

import contextlib
import json
import os
from pathlib import Path

import pytest

from bridge.coach import client_files, history
from bridge.coach.identity import coach_identity
from bridge.coach.records import INDEX_TABLE, row_from_checked, row_from_record
from bridge.coach.store import CoachStoreError, Verdict
from bridge.locations import client_file_path
from bridge.sharing import ClientIdentity
from bridge.storage.errors import LockedError
from bridge.storage.holder import DataHolder
from bridge.storage.repository import Repository, open_repository
from tests.coach.store_helpers import filed, make_store, sealed
from tests.sharing.helpers import CLIENT, COACH, NOTE, OTHER_CLIENT
from tests.storage.helpers import FAST, PASSCODE


class Crash(BaseException):
    """Stands for the process dying: nothing catches it."""


def damage(path: Path) -> bytes:
    raw = bytearray(path.read_bytes())
    raw[len(raw) // 2] ^= 0x01
    path.write_bytes(bytes(raw))
    return bytes(raw)


def test_a_damaged_client_file_is_kept_and_imports_to_it_are_refused(store, repo, folder) -> None:
    filed(store, CLIENT, "A")
    filed(store, OTHER_CLIENT, "B")
    path = client_file_path(folder, CLIENT.client_id)
    damaged = damage(path)
    reopened = make_store(repo, folder)
    result = reopened.import_one(sealed(CLIENT, 30), "later.age")
    assert result.verdict is Verdict.REFUSED
    assert result.error.code == "client_damaged"
    assert result.error.message_key == "coach.store.error.client_damaged"
    assert path.read_bytes() == damaged  # kept, never written over
    assert reopened.entry(CLIENT.client_id).damaged is True
    with pytest.raises(CoachStoreError) as caught:
        reopened.history(CLIENT.client_id)
    assert caught.value.code == "client_damaged"
    with pytest.raises(CoachStoreError):
        reopened.rename(CLIENT.client_id, "Nieuw")
    # Still damaged after another open, and still refused; the other client is fine.
    again = make_store(repo, folder)
    assert again.entry(CLIENT.client_id).damaged is True
    assert again.import_one(sealed(CLIENT, 60), "x").error.code == "client_damaged"
    assert path.read_bytes() == damaged
    assert again.import_one(sealed(OTHER_CLIENT, 30), "b").verdict is Verdict.ADDED


def test_a_client_file_copied_over_another_does_not_open(store, repo, folder) -> None:
    filed(store, CLIENT, "A")
    filed(store, OTHER_CLIENT, "B")
    own = client_file_path(folder, CLIENT.client_id)
    own.write_bytes(client_file_path(folder, OTHER_CLIENT.client_id).read_bytes())
    with pytest.raises(CoachStoreError) as caught:
        make_store(repo, folder).history(CLIENT.client_id)
    assert caught.value.code == "client_damaged"


def test_the_caseload_opens_without_opening_a_client_file(store, repo, folder, monkeypatch) -> None:
    for n in range(5):
        filed(store, ClientIdentity(bytes([n + 1]) * 32), f"C{n}")
    expected = store.entries()
    store.close()  # as when the data is locked

    def no_reading(*args, **kwargs):
        raise AssertionError("a client file was opened")

    monkeypatch.setattr(client_files, "read_client", no_reading)
    assert sorted(make_store(repo, folder).entries(), key=lambda e: e.client_id) == sorted(
        expected, key=lambda e: e.client_id
    )


def test_delete_client_removes_every_file_of_that_client(store, folder) -> None:
    filed(store, CLIENT, "A")
    filed(store, OTHER_CLIENT, "B")
    path = client_file_path(folder, CLIENT.client_id)
    leftover = path.with_name(f".{path.name}.12345.tmp")  # a write that was cut off
    leftover.write_bytes(b"half")
    store.delete_client(CLIENT.client_id)
    assert not path.exists() and not leftover.exists()
    assert not any(CLIENT.client_id in p.name for p in folder.rglob("*"))
    assert store.entry(CLIENT.client_id) is None
    assert [e.label for e in store.entries()] == ["B"]
    assert client_file_path(folder, OTHER_CLIENT.client_id).exists()
    # Coming back later is a new client again.
    assert store.import_one(sealed(CLIENT, 30), "x").verdict is Verdict.NEW_CLIENT


def test_deleting_all_data_removes_the_clients_folder(folder) -> None:
    holder = DataHolder(folder, params=FAST)
    holder.set_up(PASSCODE)
    store = holder.coach_store()
    me = coach_identity(holder.open()).age
    assert store.import_one(sealed(CLIENT, 0, coach=COACH), "a.age").error.code == "not_for_you"
    result = store.import_one(sealed(CLIENT, 0, coach=me), "a.age")
    assert store.add_client(result.pending, "A").verdict is Verdict.ADDED
    assert client_file_path(folder, CLIENT.client_id).exists()
    holder.delete_everything()
    assert not (folder / "clients").exists()
    assert not (folder / "bridge.db").exists()


def test_the_holder_gives_one_store_and_drops_it_on_lock(folder) -> None:
    holder = DataHolder(folder, params=FAST)
    holder.set_up(PASSCODE)
    store = holder.coach_store()
    assert holder.coach_store() is store
    assert store.entries() == []
    holder.lock()
    with pytest.raises(LockedError):
        store.entries()
    holder.unlock(PASSCODE)
    assert holder.coach_store() is not store


def test_client_files_are_encrypted(store, folder) -> None:
    store.import_one(sealed(CLIENT, 0), "a")  # new client: nothing stored
    first = store.import_one(sealed(CLIENT, 0, steps={"housing": 4}), "a")
    store.add_client(first.pending, "Mevrouw Geheim")
    raw = client_file_path(folder, CLIENT.client_id).read_bytes()
    assert raw.startswith(client_files.MAGIC)
    for word in (b"Geheim", b"housing", CLIENT.client_id.encode()):
        assert word not in raw


def test_export_holds_everything_for_that_client(store) -> None:
    filed(store, CLIENT, "Mevrouw A", days=30)
    store.import_one(sealed(CLIENT, 0), "older")
    exported = json.loads(store.export_client(CLIENT.client_id).decode("utf-8"))
    client = exported["client"]
    assert client["label"] == "Mevrouw A"
    assert client["client_id"] == CLIENT.client_id
    assert len(client["imports"]) == 2
    assert set(client["bridges"]) == {b.date for b in store.history(CLIENT.client_id).bridges}
    assert client["latest"]["payload"]["client_id"] == CLIENT.client_id
    assert client["latest"]["text"] == store.history(CLIENT.client_id).latest_text
    with pytest.raises(CoachStoreError):
        store.export_client(OTHER_CLIENT.client_id)


def _agree(repo: Repository, folder: Path) -> None:
    """Every index entry matches its client's file, and every file has its entry."""
    store = make_store(repo, folder)
    key = store._files_key()
    entries = {e.client_id: e for e in store.entries()}
    on_disk = client_files.client_ids_on_disk(folder)
    assert sorted(entries) == on_disk
    for client_id in on_disk:
        document = client_files.read_client(folder, key, client_id)
        assert entries[client_id] == history.entry_of(document)
    stamps = client_files.client_files_on_disk(folder)
    assert {r["id"]: tuple(r["stamp"]) for r in repo.records(INDEX_TABLE)} == stamps


@pytest.mark.parametrize("crash_at", ["after_files", "between_files", "before_files"])
def test_the_index_agrees_with_the_files_after_a_crash(folder, monkeypatch, crash_at) -> None:
    repo = open_repository(folder)
    store = make_store(repo, folder)
    filed(store, CLIENT, "A")
    filed(store, OTHER_CLIENT, "B")
    new_client = ClientIdentity(bytes([9]) * 32)
    third = store.import_one(sealed(new_client, 0), "c")
    real_write, real_replace, real_put = client_files.write_private, os.replace, repo.put_records
    writes: list[str] = []

    def write(path, payload):
        if crash_at == "before_files":
            raise Crash
        real_write(path, payload)

    def replace(source, target):
        if Path(target).parent.name == "clients":
            if crash_at == "between_files" and writes:
                raise Crash
            writes.append(Path(target).name)
        real_replace(source, target)

    def put(table, records):
        if table == INDEX_TABLE and crash_at == "after_files":
            raise Crash
        real_put(table, records)

    monkeypatch.setattr(client_files, "write_private", write)
    monkeypatch.setattr(client_files.os, "replace", replace)
    monkeypatch.setattr(repo, "put_records", put)
    items = [("a", sealed(CLIENT, 30)), ("b", sealed(OTHER_CLIENT, 60))]
    with pytest.raises(Crash):
        store.import_many(items)
    # A new client's index row waits for a later write; the process dies before it.
    with contextlib.suppress(Crash):
        store.add_client(third.pending, "C")
    repo.close()
    monkeypatch.undo()
    if crash_at != "before_files":
        assert writes  # something was written before the crash
    _agree(open_repository(folder), folder)


def test_a_summary_names_notes_only_when_shared(store) -> None:
    filed(store, CLIENT, "A")
    latest = store.history(CLIENT.client_id).latest
    assert latest is not None and latest.notes is None
    assert NOTE not in store.history(CLIENT.client_id).latest_text


def test_an_index_record_reads_back_the_same_checked_or_not(store, repo) -> None:
    filed(store, CLIENT, "Mevrouw A")
    entry = store.entry(CLIENT.client_id)
    store.close()
    (record,) = repo.records(INDEX_TABLE)
    assert row_from_checked(record) == row_from_record(record)
    assert row_from_record(record).entry == entry


def test_a_single_import_writes_its_index_row_later(store, repo, folder, monkeypatch) -> None:
    filed(store, CLIENT, "A")
    store.close()  # the waiting rows are written when the store closes
    store = make_store(repo, folder)
    puts: list[str] = []
    real_put = repo.put_records
    monkeypatch.setattr(
        repo, "put_records", lambda table, rows: (puts.append(table), real_put(table, rows))
    )
    assert store.import_one(sealed(CLIENT, 30), "b").verdict is Verdict.ADDED
    assert puts == []  # one durable write: the client's file
    assert store.entry(CLIENT.client_id).summaries == 2
    # Without a close (the app was killed), the next open finds the file changed.
    assert make_store(repo, folder).entry(CLIENT.client_id).summaries == 2
    assert puts == [INDEX_TABLE]  # the store that opened put the late row right
    (record,) = repo.records(INDEX_TABLE)
    assert record["summaries"] == 2
    store.close()
    assert puts == [INDEX_TABLE, INDEX_TABLE]
