"""One writer per data folder: an operating-system lock, held while the data is open.

POSIX (Linux, macOS, Android, iOS): `flock` on the open `bridge.lock` and on the
open data folder itself. A lock on a file alone is not enough there: deleting
`bridge.lock` while it is held lets the next process create a new file and lock
that one. The folder cannot be deleted while the data is in it, so its lock holds.

Windows: `msvcrt.locking` on the open `bridge.lock`; Windows does not let a file
that is open be deleted, so the lock file cannot be pulled away.

Taking the lock is also when the folder is tidied: the folder and the data files
are made private (0700 / 0600), and temp files a killed save left behind are
removed (no other process can be writing them while we hold the lock).
"""

from __future__ import annotations

import contextlib
import os
import sys
from pathlib import Path

from bridge.locations import (
    ATTEMPTS_FILE,
    DATABASE_FILE,
    FILE_MODE,
    FOLDER_MODE,
    LOCK_FILE,
    PREFS_FILE,
    is_damaged_copy,
    is_temp_of,
)

__all__ = ["LOCK_FILE", "FolderLock", "make_private", "remove_stale_temps"]

if sys.platform == "win32":
    import msvcrt

    def _try_lock(fd: int) -> bool:
        os.lseek(fd, 0, os.SEEK_SET)
        try:
            msvcrt.locking(fd, msvcrt.LK_NBLCK, 1)
        except OSError:
            return False
        return True

    def _unlock(fd: int) -> None:
        os.lseek(fd, 0, os.SEEK_SET)
        with contextlib.suppress(OSError):
            msvcrt.locking(fd, msvcrt.LK_UNLCK, 1)

    def _open_folder(folder: Path) -> int | None:
        return None  # Windows cannot open a folder as a file; the lock file cannot be deleted

else:
    import fcntl

    def _try_lock(fd: int) -> bool:
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except OSError:
            return False
        return True

    def _unlock(fd: int) -> None:
        with contextlib.suppress(OSError):
            fcntl.flock(fd, fcntl.LOCK_UN)

    def _open_folder(folder: Path) -> int | None:
        return os.open(folder, os.O_RDONLY)


def _is_data_file(name: str) -> bool:
    return (
        name in (DATABASE_FILE, ATTEMPTS_FILE, PREFS_FILE, LOCK_FILE)
        or name.startswith(DATABASE_FILE + ".")
        or is_damaged_copy(name)
    )


def make_private(folder: Path) -> None:
    """Folder 0700, every data file 0600 (an older version left 0755 / 0644)."""
    with contextlib.suppress(OSError):
        os.chmod(folder, FOLDER_MODE)
    for path in folder.iterdir():
        if _is_data_file(path.name) or is_temp_of(path.name, DATABASE_FILE):
            with contextlib.suppress(OSError):
                if path.is_file():
                    os.chmod(path, FILE_MODE)


def remove_stale_temps(folder: Path) -> list[Path]:
    """Removes the database's temp files (`.bridge.db.<pid>.tmp`, also of its copies).

    Only call this while holding the lock: then no save is writing one. A killed
    save leaves a full encrypted copy there, which would open with an old passcode.
    """
    removed: list[Path] = []
    for path in folder.iterdir():
        if is_temp_of(path.name, DATABASE_FILE) and path.is_file():
            with contextlib.suppress(OSError):
                path.unlink()
                removed.append(path)
    return removed


class FolderLock:
    """The lock of one data folder. Two holders exclude each other, also in one process."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder
        self.path = folder / LOCK_FILE
        self._fds: list[int] = []

    @property
    def held(self) -> bool:
        return bool(self._fds)

    def acquire(self) -> bool:
        """Takes the lock without waiting; False when another holder has it.

        While held, the folder is private and no stale temp file is left in it.
        """
        if self._fds:
            return True
        fds: list[int] = []
        try:
            folder_fd = _open_folder(self.folder)
            if folder_fd is not None:
                fds.append(folder_fd)
                if not _try_lock(folder_fd):
                    return False
            file_fd = os.open(self.path, os.O_RDWR | os.O_CREAT, FILE_MODE)
            fds.append(file_fd)
            if not _try_lock(file_fd):
                return False
            self._fds, fds = fds, []
        finally:
            for fd in fds:  # not taken: let go of what was opened
                os.close(fd)
        make_private(self.folder)
        remove_stale_temps(self.folder)
        return True

    def release(self) -> None:
        fds, self._fds = self._fds, []
        for fd in reversed(fds):
            _unlock(fd)
            os.close(fd)
