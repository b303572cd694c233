"""The small repository the screens use: settings and bridge snapshots, one writer at a time."""

from __future__ import annotations

import threading
from collections.abc import Callable
from pathlib import Path
from typing import Any

from tinydb import Query, TinyDB

from bridge.domain.assessment import Assessment
from bridge.locations import database_path
from bridge.storage.atomic_file import AtomicFile, Codec
from bridge.storage.errors import DataInUseError, StorageError
from bridge.storage.folder_lock import FolderLock
from bridge.storage.records import SCHEMA, assessment_from_record, assessment_to_record

SETTINGS_ID = "settings"


class Repository:
    """Everything the client saved. Thread-safe: web sessions share one instance per process."""

    def __init__(self, db: TinyDB, file: AtomicFile, lock: FolderLock) -> None:
        self._db = db
        self._file = file
        self._folder_lock = lock
        self._lock = threading.RLock()
        self._settings = db.table("settings")
        self._assessments = db.table("assessments")

    @property
    def path(self) -> Path:
        return self._file.path

    # -- settings ------------------------------------------------------------
    def settings(self) -> dict[str, Any]:
        with self._lock:
            found = self._settings.get(Query().id == SETTINGS_ID)
            return dict(found) if isinstance(found, dict) else {}

    def setting(self, key: str, default: Any = None) -> Any:
        return self.settings().get(key, default)

    def set_setting(self, key: str, value: Any) -> None:
        with self._lock:
            current = self.settings() or {"id": SETTINGS_ID}
            current.update({key: value, "schema": SCHEMA})
            self._settings.upsert(current, Query().id == SETTINGS_ID)

    # -- records of other kinds (goals, coach pairing, keys, ...) ----------------
    # Each kind converts its own domain objects to records (with a "schema" field)
    # in its own module; the repository only keeps them, one table per kind.
    def put_record(self, table: str, record_id: str, record: dict[str, Any]) -> None:
        if "schema" not in record:
            raise ValueError("every stored record carries a schema version")
        with self._lock:
            self._db.table(table).upsert({**record, "id": record_id}, Query().id == record_id)

    def get_record(self, table: str, record_id: str) -> dict[str, Any] | None:
        with self._lock:
            found = self._db.table(table).get(Query().id == record_id)
        return dict(found) if isinstance(found, dict) else None

    def records(self, table: str) -> list[dict[str, Any]]:
        with self._lock:
            return [dict(r) for r in self._db.table(table).all()]

    def remove_record(self, table: str, record_id: str) -> None:
        with self._lock:
            self._db.table(table).remove(Query().id == record_id)

    # -- bridge snapshots ----------------------------------------------------
    def save_assessment(self, assessment: Assessment) -> None:
        record = assessment_to_record(assessment)
        with self._lock:
            self._assessments.upsert(record, Query().id == assessment.id)

    def assessment(self, assessment_id: str) -> Assessment | None:
        with self._lock:
            found = self._assessments.get(Query().id == assessment_id)
        return assessment_from_record(dict(found)) if isinstance(found, dict) else None

    def _all(self) -> list[Assessment]:
        with self._lock:
            records = [dict(r) for r in self._assessments.all()]
        return [assessment_from_record(r) for r in records]

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
        """A copy of everything stored, table by table, as TinyDB keeps it."""
        with self._lock:
            stored = self._db.storage.read()
        return stored if isinstance(stored, dict) else {}

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
        with self._lock:
            self._db.close()
            self._folder_lock.release()


def open_repository(folder: Path, codec: Codec | None = None) -> Repository:
    """Opens the client's data in `folder`.

    Raises DataInUseError when another process has it open, DamagedDataError
    when the file cannot be read (the file is left as it is), NewerDataError
    when a newer app wrote it.
    """
    from bridge.storage.tinydb_storage import AtomicStorage

    try:
        folder.mkdir(parents=True, exist_ok=True, mode=0o700)
    except OSError as exc:
        raise StorageError(f"cannot create the data folder: {exc}") from exc
    lock = FolderLock(folder)
    if not lock.acquire():
        raise DataInUseError("another copy of the app is using this data")
    try:
        file = AtomicFile(database_path(folder), codec)
        storage = AtomicStorage(file)
        storage.read()  # fails here, before anything can write, when the file is damaged
        file.keep_last_good()
        db = TinyDB(storage=lambda: storage)
        repo = Repository(db, file, lock)
        # Parse every record now, so a record from a newer app fails at open, not mid-session.
        repo.snapshots()
        return repo
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
