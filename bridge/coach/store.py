"""The coach's store: importing summaries, the caseload index, one encrypted file per client.

How the UI gets it: ``DataHolder.coach_store()`` (or :func:`coach_store(holder)
<coach_store>`, the same thing), made on first use for the open data and
dropped, its keys forgotten, when the data is locked or closed. Every method is
thread-safe (one internal lock for whatever writes); call them from a worker thread,
never on the event loop: they decrypt and write files. Reading (the caseload, a
client's history and sessions, the settings) does not wait for an import that is
running: the index in memory is replaced whole on each change (see
:mod:`bridge.coach.index`) and client files are replaced whole.

Where things are (see :mod:`bridge.coach.records`, :mod:`bridge.coach.client_files`,
:mod:`bridge.coach.history`): ``bridge.db`` holds one small index record per
client (what the caseload shows, so it opens without opening a client file),
the random files key and the settings; ``clients/<client_id>.db`` holds each
client's merged history, sealed with the files key. The client files are the
truth: they are written first and the index after, and when the store opens an
index record whose file changed since (a crash between the two writes) is
computed again from the file (see :mod:`bridge.coach.records`).

Import rules (:meth:`CoachStore.import_one`, :meth:`CoachStore.import_many`): a
summary of an unknown client is NEW_CLIENT (nothing stored until
:meth:`~CoachStore.add_client`); one signed by another key than the pinned one is
SIGNER_CHANGED (nothing stored until :meth:`~CoachStore.accept_new_key`); the
same summary again is DUPLICATE; an older one after a newer is ADDED_OLDER (its
bridges and stress join the history, the latest stays); a client whose file is
damaged is REFUSED (``client_damaged``): the file is kept, never written over.
A bad summary is REFUSED with the :class:`~bridge.sharing.errors.SummaryError`
that says why. Label problems raise :class:`CoachStoreError` before anything is
stored.
"""

from __future__ import annotations

import contextlib
import functools
import os
import threading
from collections.abc import Callable, Mapping, Sequence
from datetime import UTC, datetime
from pathlib import Path
from typing import Any, Protocol

from bridge.coach import client_files, history, settings
from bridge.coach import sessions as joint_sessions
from bridge.coach.batch import MAX_ITEMS, Batch
from bridge.coach.client_export import export_document
from bridge.coach.index import Rows, agreed_rows, with_changes
from bridge.coach.opener import Ahead
from bridge.coach.pasted import split_pasted
from bridge.coach.records import (
    FILES_KEY_ID,
    INDEX_TABLE,
    META_TABLE,
    CoachRecords,
    IndexRow,
    files_key_from_record,
    files_key_to_record,
    row_to_record,
)
from bridge.coach.sessions import SessionNote
from bridge.coach.settings import DEFAULT_WEEKS
from bridge.coach.types import (
    LABEL_MAX_CHARS,
    ClientEntry,
    ClientHistory,
    CoachStoreError,
    ImportRecord,
    ImportResult,
    Pending,
    Verdict,
    clean_label,
    damaged_error,
    with_damaged,
)
from bridge.crypto import X25519Identity, X25519Recipient
from bridge.storage.errors import DamagedDataError, LockedError, StorageError

__all__ = [
    "DEFAULT_WEEKS",
    "LABEL_MAX_CHARS",
    "ClientEntry",
    "ClientHistory",
    "CoachStore",
    "CoachStoreError",
    "ImportRecord",
    "ImportResult",
    "Pending",
    "Verdict",
    "clean_label",
    "coach_store",
    "split_pasted",
]

#: Index rows of single imports kept back before they are written together.
MAX_UNSAVED = 16


def _now() -> datetime:
    return datetime.now(UTC)


class CoachStore:
    """One per open coach data; thread-safe (an internal lock)."""

    def __init__(
        self,
        repo: CoachRecords,
        folder: Path,
        age_identity: Callable[[], X25519Identity],
        *,
        clock: Callable[[], datetime] = _now,
    ) -> None:
        self._repo = repo
        self._folder = folder
        self._age_identity = age_identity
        self._clock = clock
        self._lock = threading.RLock()
        self._rows: Rows | None = None  # replaced whole on each change, never changed in place
        self._unsaved: dict[str, IndexRow] = {}  # index rows not yet in bridge.db
        self._key: bytes | None = None
        self._closed = False
        self.ahead = Ahead(age_identity)  # workers for a big batch; the UI may start them

    # -- what is held ------------------------------------------------------------
    def _require_open(self) -> None:
        if self._closed:
            raise LockedError("the data is locked")

    def _files_key(self) -> bytes:
        if self._key is None:
            record = self._repo.get_record(META_TABLE, FILES_KEY_ID)
            if record is None:
                key = os.urandom(32)
                self._repo.put_record(META_TABLE, FILES_KEY_ID, files_key_to_record(key))
            else:
                key = files_key_from_record(record)
            self._key = key
        return self._key

    def _load(self) -> Rows:
        """The index, made to agree with the client files (once per open store)."""
        self._require_open()
        rows = self._rows
        if rows is None:
            rows = self._rows = agreed_rows(self._repo, self._folder, self._read)
        return rows

    def _publish(self, changes: Mapping[str, IndexRow | None]) -> None:
        """Puts changed rows in the index: a new mapping, so readers never wait or see half."""
        self._rows = with_changes(self._load(), changes)

    def _read(self, client_id: str) -> dict[str, Any]:
        """The client's document; CoachStoreError('client_damaged') when it does not open."""
        try:
            raw = client_files.read_client(self._folder, self._files_key(), client_id)
            if raw is None:
                raise CoachStoreError("unknown_client", "There is no such client.")
            return history.check_document(raw, client_id)
        except (DamagedDataError, ValueError, KeyError, TypeError) as exc:
            if isinstance(exc, CoachStoreError):
                raise
            raise damaged_error(client_id) from exc

    def _open_document(self, client_id: str) -> dict[str, Any]:
        """The document of a filed client; marks the entry damaged when the file is.

        Reading does not wait for an import (files are replaced whole: this reads the file
        before or after a write, never half of one); the lock is taken only to make the
        files key or to mark a damaged file."""
        row = self._rows_now().get(client_id)
        if row is None:
            raise CoachStoreError("unknown_client", "There is no such client.")
        if row.entry.damaged:
            raise damaged_error(client_id)
        if self._key is None:
            with self._lock:
                self._files_key()
        try:
            return self._read(client_id)
        except CoachStoreError as exc:
            if exc.code == "client_damaged":
                with self._lock:
                    self._mark_damaged(row)
            raise

    def _mark_damaged(self, row: IndexRow) -> IndexRow:
        damaged = IndexRow(with_damaged(row.entry), row.signer, row.stamp)
        self._index_rows({row.entry.client_id: damaged}, now=True)
        return damaged

    def _index_rows(self, rows: dict[str, IndexRow], *, now: bool) -> None:
        """Index rows of client files just written, to save in bridge.db.

        With ``now`` (a batch, a new label) they are written at once; a single import
        keeps them until :data:`MAX_UNSAVED` are waiting or the store closes (the
        data is locked), so one import costs one durable write, not two. Either way
        the client files are saved first: a record that is late (a crash, a failed
        write) is found by its stamp when the store opens and computed again.
        """
        self._held(rows)
        if now or len(self._unsaved) >= MAX_UNSAVED:
            self._save_index()

    def _held(self, rows: dict[str, IndexRow]) -> None:
        """Rows of client files just written: in the index now, in bridge.db with a later write."""
        self._publish(rows)
        self._unsaved.update(rows)

    def _save_index(self) -> None:
        if not self._unsaved:
            return
        records: dict[str, dict[str, Any] | None] = {
            cid: row_to_record(row) for cid, row in self._unsaved.items()
        }
        with contextlib.suppress(StorageError):  # stays waiting; the files are the truth
            self._repo.put_records(INDEX_TABLE, records)
            self._unsaved.clear()

    def _batch(self, *, defer_index: bool = False, hold_index: bool = False) -> Batch:
        """``hold_index``: the batch's index rows wait until the caller saves them at once."""
        save: Callable[[dict[str, IndexRow]], None] = (
            self._held if hold_index else functools.partial(self._index_rows, now=not defer_index)
        )
        return Batch(
            save,
            self._folder,
            self._files_key(),
            dict(self._load()),  # the batch's own copy; what it saves is published
            self._read,
            self._mark_damaged,
            self._clock().isoformat(),
        )

    # -- the caseload --------------------------------------------------------------
    def _rows_now(self) -> Rows:
        """The index as it is, without waiting for an import (see :mod:`bridge.coach.index`)."""
        self._require_open()
        rows = self._rows
        if rows is None:
            with self._lock:
                rows = self._load()
        return rows

    def entries(self) -> list[ClientEntry]:
        return [row.entry for row in self._rows_now().values()]

    def entry(self, client_id: str) -> ClientEntry | None:
        row = self._rows_now().get(client_id)
        return row.entry if row is not None else None

    # -- importing -----------------------------------------------------------------
    def import_one(self, data: bytes | str, name: str) -> ImportResult:
        """One summary (see :meth:`import_many`); its index row is saved with a later write."""
        with self._lock:
            self._require_open()
            batch = self._batch(defer_index=True)
            batch.add(name, data, self._age_identity())
            return batch.finish()[0]

    def import_many(
        self,
        items: Sequence[tuple[str, bytes | str]],
        progress: Callable[[int, int], None] | None = None,
    ) -> list[ImportResult]:
        """A result per item, in order. ``progress(done, total)`` after each item.

        Each touched client file is written once per group of items, the index once per part
        of :data:`MAX_ITEMS`; a client file that cannot be saved makes that client's items of
        the group REFUSED (``save_failed``), nothing of them stored. Between parts the lock is
        let go, so the caseload can be read while a long batch runs."""
        results: list[ImportResult] = []
        self.ahead.prepare([data for _, data in items])  # a big batch: other cores open it
        for start in range(0, len(items), MAX_ITEMS):
            with self._lock:
                self._require_open()
                batch = self._batch(hold_index=True)
                part, opener = items[start : start + MAX_ITEMS], self.ahead.opener
                batch.add_all(part, self._age_identity(), opener, progress, start, len(items))
                results.extend(batch.finish())
                self._save_index()  # the part's index rows in one write (files first)
        return results

    def add_client(self, pending: Pending, label: str) -> ImportResult:
        """Pins the signer of a NEW_CLIENT summary under ``label`` and files it.

        Raises CoachStoreError for a bad label. For a client filed meanwhile (two
        summaries of one new client in one batch) it files the summary as an
        import would, keeping the label already given.
        """
        with self._lock:
            cleaned = clean_label(label)
            batch = self._batch(defer_index=True)
            batch.add_pending(pending, cleaned)
            return batch.finish()[0]

    def accept_new_key(self, pending: Pending) -> ImportResult:
        """Pins the new key of a SIGNER_CHANGED summary (after checking it in person), files it."""
        with self._lock:
            batch = self._batch(defer_index=True)
            batch.add_pending(pending, None, accept=True)
            return batch.finish()[0]

    # -- one client ------------------------------------------------------------------
    def rename(self, client_id: str, label: str) -> None:
        with self._lock:
            cleaned = clean_label(label)
            document = self._open_document(client_id)
            document["label"] = cleaned
            self._write(document)

    def _write(self, document: dict[str, Any]) -> None:
        """Writes one changed document (atomically) and its index row; raises when it failed."""
        batch = self._batch()
        batch.put(document)
        result = batch.finish_writes()
        if result is not None:
            raise result

    def history(self, client_id: str) -> ClientHistory:
        return history.history_of(self._open_document(client_id))

    def client_recipient(self, client_id: str) -> X25519Recipient | None:
        """The client's own age key (plans are sealed to it), from the newest summary with one."""
        return history.client_recipient(self._open_document(client_id))

    def delete_client(self, client_id: str) -> None:
        """Removes every file of that client and their index record."""
        with self._lock:
            rows = self._load()
            row = rows.get(client_id)
            # The file first: a crash before the record goes leaves a record without a
            # file, which the next open removes.
            client_files.remove_client_files(self._folder, client_id)
            self._unsaved.pop(client_id, None)
            if row is not None:
                self._repo.remove_record(INDEX_TABLE, client_id)
                self._publish({client_id: None})

    def export_client(self, client_id: str) -> bytes:
        """Everything held for that client as UTF-8 JSON (for the client's right of access)."""
        return export_document(self._open_document(client_id), self._clock().isoformat())

    # -- joint sessions (the rules: bridge.coach.sessions) ---------------------------
    def save_session(self, client_id: str, note: SessionNote) -> None:
        """Keeps it in the client's file (the same day replaces it); SessionError: nothing saved."""
        with self._lock:
            document = self._open_document(client_id)
            joint_sessions.file_session(document, note)
            self._write(document)

    def sessions(self, client_id: str) -> list[SessionNote]:
        """The client's sessions, newest first."""
        return joint_sessions.sessions_of(self._open_document(client_id))

    # -- settings --------------------------------------------------------------------
    def weeks_without_update(self) -> int:
        self._require_open()  # no wait for an import: the repository has its own lock
        return settings.read_weeks(self._repo)

    def set_weeks_without_update(self, weeks: int) -> None:
        with self._lock:
            self._require_open()
            settings.write_weeks(self._repo, weeks)

    def close(self) -> None:
        """Saves the index rows still waiting, then forgets the keys and the index held in
        memory; later use raises CoachStoreError."""
        self.ahead.close()
        with self._lock:
            if not self._closed:
                self._save_index()
            self._closed = True
            self._key = None
            self._rows = None


class _HasCoachStore(Protocol):
    def coach_store(self) -> CoachStore: ...


def coach_store(holder: _HasCoachStore) -> CoachStore:
    """The store of the holder's open data (same as ``holder.coach_store()``)."""
    return holder.coach_store()
