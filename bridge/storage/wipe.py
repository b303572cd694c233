"""'Delete everything': removes every file the storage wrote in the data folder."""

from __future__ import annotations

from pathlib import Path

from bridge.locations import (
    ATTEMPTS_FILE,
    CLIENTS_FOLDER,
    DATABASE_FILE,
    LOCK_FILE,
    PREFS_FILE,
    is_temp_of,
)
from bridge.storage.atomic_file import fsync_dir
from bridge.storage.errors import DataInUseError, StorageError
from bridge.storage.folder_lock import FolderLock

__all__ = ["delete_all_data"]


def _ours(name: str) -> bool:
    temp = any(is_temp_of(name, f) for f in (DATABASE_FILE, ATTEMPTS_FILE, PREFS_FILE))
    return (
        name in (DATABASE_FILE, ATTEMPTS_FILE, PREFS_FILE)
        or name.startswith(f"{DATABASE_FILE}.")
        or temp
    )


def delete_all_data(folder: Path) -> list[Path]:
    """Removes every file the storage wrote in `folder`; returns what was removed.

    That is `bridge.db`, its `.last-good` copy, every damaged copy (they hold
    the same person's data, encrypted or from before encryption), temp
    leftovers, the wrong-passcode counter, the preferences and the lock file,
    and in coach mode the clients' files (every file in `clients/`, then the folder).
    Files the storage did not write are left alone, and so is the folder itself
    (on a phone it is the app's own folder). Takes the folder lock: raises
    DataInUseError when another process has the data open.
    """
    if not folder.exists():
        return []
    lock = FolderLock(folder)
    if not lock.acquire():
        raise DataInUseError("another copy of the app is using this data")
    removed: list[Path] = []
    try:
        for path in sorted(folder.iterdir()):
            if _ours(path.name) and path.is_file():
                path.unlink()
                removed.append(path)
        clients = folder / CLIENTS_FOLDER
        if clients.is_dir():
            for path in sorted(clients.iterdir()):
                if path.is_file():
                    path.unlink()
                    removed.append(path)
            clients.rmdir()
            removed.append(clients)
        lock_path = folder / LOCK_FILE
        lock_path.unlink(missing_ok=True)
        removed.append(lock_path)
    except OSError as exc:
        raise StorageError(f"could not delete everything: {exc}") from exc
    finally:
        lock.release()
    fsync_dir(folder)
    return removed
