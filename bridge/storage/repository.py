"""The small repository the screens use: settings, bridges and records, one writer at a time.

The data file holds TinyDB's layout (table -> document id -> record). The
repository keeps it parsed in memory and writes the whole file (through
`AtomicFile`: temp file, fsync, rename) once per logical change. A change is
built beside the current state and takes its place only after the write
succeeded, so a failed write leaves memory and disk on the previous state.
Reads copy only the records they return, never the whole database.
"""

from __future__ import annotations

import copy
import threading
from collections.abc import Callable, Mapping
from pathlib import Path
from typing import Any, Protocol, TypeVar, cast, runtime_checkable

from bridge.domain.assessment import Assessment
from bridge.locations import database_path
from bridge.storage.atomic_file import AtomicFile, Codec, JsonCodec, write_atomic
from bridge.storage.errors import DamagedDataError, DataInUseError, LockedError, StorageError
from bridge.storage.file_text import FileText, plain
from bridge.storage.folder_lock import FolderLock
from bridge.storage.record_kinds import RecordError, check_tables
from bridge.storage.records import SCHEMA, assessment_from_record, assessment_to_record

SETTINGS_ID = "settings"
SETTINGS = "settings"
ASSESSMENTS = "assessments"

Table = dict[str, dict[str, Any]]
Tables = dict[str, Table]
T = TypeVar("T")
Parse = Callable[[dict[str, Any]], Any]


@runtime_checkable
class SealsBytes(Protocol):
    """A codec that can seal JSON it did not encode itself (the encrypted codec)."""

    def seal_bytes(self, plaintext: bytes) -> bytes: ...


class Repository:
    """Everything the client saved. Thread-safe: web sessions share one instance per process."""

    def __init__(self, data: Tables, file: AtomicFile, lock: FolderLock) -> None:
        self._data = data
        self._file = file
        self._folder_lock = lock
        self._lock = threading.RLock()
        self._closed = False
        #: Grows with every saved change: a screen built at an older revision may be stale.
        self.revision = 0
        # Per table: record id -> TinyDB document id (the key in the file).
        self._index: dict[str, dict[str, str]] = {
            name: {str(r.get("id")): doc_id for doc_id, r in table.items()}
            for name, table in data.items()
        }
        # Parsed domain objects, per (table, parse function), per document id: each
        # kept with the stored record it came from, so a changed record is parsed again.
        self._parsed: dict[tuple[str, Parse], dict[str, tuple[dict[str, Any], Any]]] = {}
        # The file's text, kept per record and per table: a save encodes only the
        # records that changed, not the whole database.
        self._text = FileText()
        self._assessments: dict[str, Assessment] = {
            str(r["id"]): assessment_from_record(r) for r in data.get(ASSESSMENTS, {}).values()
        }

    @property
    def path(self) -> Path:
        return self._file.path

    # -- the one writer ------------------------------------------------------------
    def _require_open(self) -> None:
        if self._closed:
            raise LockedError("the data is closed")

    def _find(self, table: str, record_id: str) -> dict[str, Any] | None:
        self._require_open()
        doc_id = self._index.get(table, {}).get(record_id)
        return self._data.get(table, {}).get(doc_id) if doc_id is not None else None

    def _commit(self, table: str, record_id: str, record: dict[str, Any] | None) -> None:
        """Puts (or, with None, removes) one record: one durable write of the whole file."""
        self._commit_many(table, {record_id: record})

    def _commit_many(self, table: str, changes: Mapping[str, dict[str, Any] | None]) -> None:
        """Puts (or, with None, removes) records of one table: one durable write."""
        self._require_open()
        current = self._data.get(table, {})
        index = dict(self._index.get(table, {}))
        changed = dict(current)
        next_id = max((int(d) for d in current), default=0) + 1
        touched = False
        for record_id, record in changes.items():
            doc_id = index.get(record_id)
            if record is None:
                if doc_id is not None:
                    del changed[doc_id]
                    del index[record_id]
                    touched = True
                continue
            touched = True
            if doc_id is None:
                doc_id = str(next_id)
                next_id += 1
                index[record_id] = doc_id
            changed[doc_id] = record
        if not touched:
            return
        data = {**self._data, table: changed}
        write_atomic(self._file.path, self._encode(data))  # raises before memory changes
        self._data = data
        self._index[table] = index
        self.revision += 1

    def _encode(self, data: Tables) -> bytes:
        codec = self._file.codec
        if isinstance(codec, JsonCodec):
            return self._text.encode(data)
        if isinstance(codec, SealsBytes):
            return codec.seal_bytes(self._text.encode(data))
        return codec.encode(data)

    # -- settings ------------------------------------------------------------
    def settings(self) -> dict[str, Any]:
        with self._lock:
            found = self._find(SETTINGS, SETTINGS_ID)
            return copy.deepcopy(found) if found is not None else {}

    def setting(self, key: str, default: Any = None) -> Any:
        with self._lock:
            found = self._find(SETTINGS, SETTINGS_ID) or {}
            return copy.deepcopy(found.get(key, default))

    def set_setting(self, key: str, value: Any) -> None:
        with self._lock:
            current = self._find(SETTINGS, SETTINGS_ID) or {"id": SETTINGS_ID}
            changed = self._text.remember(plain({**current, key: value, "schema": SCHEMA}))
            self._commit(SETTINGS, SETTINGS_ID, changed)

    # -- records of other kinds (goals, coach pairing, keys, ...) ----------------
    # Each kind converts its own domain objects to records (with a "schema" field)
    # in its own module (see bridge.storage.record_kinds); the repository only
    # keeps them, one table per kind.
    def put_record(self, table: str, record_id: str, record: dict[str, Any]) -> None:
        if "schema" not in record:
            raise ValueError("every stored record carries a schema version")
        if table == ASSESSMENTS:
            raise ValueError("bridges are saved with save_assessment")
        stored = plain({**record, "id": record_id})
        with self._lock:
            self._commit(table, record_id, self._text.remember(stored))

    def put_records(self, table: str, records: Mapping[str, dict[str, Any] | None]) -> None:
        """Puts (None: removes) several records of one table in one durable write (a batch)."""
        if table == ASSESSMENTS:
            raise ValueError("bridges are saved with save_assessment")
        made: dict[str, tuple[dict[str, Any], str] | None] = {}
        for record_id, record in records.items():
            if record is not None and "schema" not in record:
                raise ValueError("every stored record carries a schema version")
            made[record_id] = None if record is None else plain({**record, "id": record_id})
        with self._lock:
            stored = {k: None if m is None else self._text.remember(m) for k, m in made.items()}
            self._commit_many(table, stored)

    def get_record(self, table: str, record_id: str) -> dict[str, Any] | None:
        with self._lock:
            found = self._find(table, record_id)
            return copy.deepcopy(found) if found is not None else None

    def records(self, table: str) -> list[dict[str, Any]]:
        with self._lock:
            self._require_open()
            return [copy.deepcopy(r) for r in self._data.get(table, {}).values()]

    def parsed(self, table: str, parse: Callable[[dict[str, Any]], T]) -> list[T]:
        """Every record of `table` as `parse` turns it into an (immutable) domain object.

        Each record is parsed once and kept until it changes; `parse` must not
        change the record it is given.
        """
        with self._lock:
            self._require_open()
            cache = self._parsed.setdefault((table, parse), {})
            found: list[T] = []
            for doc_id, record in self._data.get(table, {}).items():
                hit = cache.get(doc_id)
                if hit is None or hit[0] is not record:
                    hit = (record, parse(record))
                    cache[doc_id] = hit
                found.append(cast(T, hit[1]))
            return found

    def parsed_record(
        self, table: str, record_id: str, parse: Callable[[dict[str, Any]], T]
    ) -> T | None:
        """One record as a domain object (see `parsed`), or None when there is none."""
        with self._lock:
            doc_id = self._index.get(table, {}).get(record_id)
            record = self._find(table, record_id)
            if doc_id is None or record is None:
                return None
            cache = self._parsed.setdefault((table, parse), {})
            hit = cache.get(doc_id)
            if hit is None or hit[0] is not record:
                hit = (record, parse(record))
                cache[doc_id] = hit
            return cast(T, hit[1])

    def remove_record(self, table: str, record_id: str) -> None:
        if table == ASSESSMENTS:
            raise ValueError("bridges are not removed one by one")
        with self._lock:
            self._commit(table, record_id, None)

    # -- bridge snapshots ----------------------------------------------------
    def save_assessment(self, assessment: Assessment) -> None:
        record = assessment_to_record(assessment)
        with self._lock:
            self._commit(ASSESSMENTS, assessment.id, record)
            self._assessments[assessment.id] = assessment

    def assessment(self, assessment_id: str) -> Assessment | None:
        with self._lock:
            self._require_open()
            return self._assessments.get(assessment_id)

    def _all(self) -> list[Assessment]:
        with self._lock:
            self._require_open()
            return list(self._assessments.values())

    def draft(self) -> Assessment | None:
        """The bridge being filled in now, if the client left one halfway."""
        drafts = [a for a in self._all() if not a.is_completed]
        return max(drafts, key=lambda a: a.started_at) if drafts else None

    def snapshots(self) -> list[Assessment]:
        """Completed bridges, oldest first."""
        done = [a for a in self._all() if a.completed_at is not None]
        return sorted(done, key=lambda a: (a.completed_at, a.started_at))

    def latest(self) -> Assessment | None:
        snaps = self.snapshots()
        return snaps[-1] if snaps else None

    def previous(self, assessment: Assessment) -> Assessment | None:
        """The completed snapshot just before this one (for the change arrows)."""
        earlier = None
        for snap in self.snapshots():
            if snap.id == assessment.id:
                return earlier
            earlier = snap
        return earlier

    # -- changing the passcode -------------------------------------------------
    @property
    def codec(self) -> Codec:
        """How the data file is turned into bytes (plain JSON, or encrypted)."""
        return self._file.codec

    def data(self) -> dict[str, Any]:
        """A copy of everything stored, table by table, as TinyDB keeps it.

        After `close` this reads the file again (LockedError once the key is forgotten).
        """
        with self._lock:
            if self._closed:
                return self._file.read()
            return copy.deepcopy(self._data)

    def switch_codec(self, codec: Codec, rewrite: Callable[[dict[str, Any]], None]) -> None:
        """Re-encodes the stored data: `rewrite(data)` writes the files with `codec`.

        Every other read and write of this repository waits meanwhile, so no save
        can slip in under the old codec. When `rewrite` raises, the repository
        keeps its old codec; `rewrite` must then have left the files as they were.
        """
        with self._lock:
            rewrite(self.data())
            self._file.codec = codec

    def close(self) -> None:
        """Releases the folder and forgets the data held in memory; later use raises."""
        with self._lock:
            self._closed = True
            self._data, self._index, self._assessments, self._parsed = {}, {}, {}, {}
            self._text.clear()
            self._folder_lock.release()


def _read_checked(file: AtomicFile) -> Tables:
    """The file's tables, every record checked against the registry of record kinds."""
    data = file.read()
    try:
        check_tables(data)
    except RecordError as exc:
        raise DamagedDataError(file.path, str(exc)) from None
    return data


def open_repository(folder: Path, codec: Codec | None = None) -> Repository:
    """Opens the client's data in `folder`.

    Raises DataInUseError when another process has it open, DamagedDataError
    when the file or a record in it cannot be read (the file is left as it is),
    NewerDataError when a newer app wrote it or a record in it.
    """
    try:
        folder.mkdir(parents=True, exist_ok=True, mode=0o700)
    except OSError as exc:
        raise StorageError(f"cannot create the data folder: {exc}") from exc
    lock = FolderLock(folder)
    if not lock.acquire():
        raise DataInUseError("another copy of the app is using this data")
    try:
        file = AtomicFile(database_path(folder), codec)
        # Every record is parsed now, before anything can write: a damaged file or
        # a record from a newer app fails at open, not mid-session.
        data = _read_checked(file)
        file.keep_last_good()
        return Repository(data, file, lock)
    except BaseException:
        lock.release()
        raise


def start_fresh(folder: Path) -> Path | None:
    """Moves a damaged data file aside (kept, never deleted); returns where it went."""
    file = AtomicFile(database_path(folder))
    return file.set_aside() if file.exists() else None


def restore_last_good(folder: Path, codec: Codec | None = None) -> Path:
    """Sets the damaged file aside and puts the last good copy back."""
    return AtomicFile(database_path(folder), codec).restore_last_good()


def has_last_good(folder: Path, codec: Codec | None = None) -> bool:
    return AtomicFile(database_path(folder), codec).last_good_readable()


__all__ = ["Repository", "has_last_good", "open_repository", "restore_last_good", "start_fresh"]
