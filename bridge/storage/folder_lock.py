"""One writer per data folder: an OS lock file, so two app processes never write the same data."""

from __future__ import annotations

import os
from pathlib import Path
from typing import IO

try:
    import fcntl
except ImportError:  # Windows desktop: no fcntl; one process per user is the norm there.
    fcntl = None  # type: ignore[assignment]

LOCK_FILE = "bridge.lock"


class FolderLock:
    def __init__(self, folder: Path) -> None:
        self.path = folder / LOCK_FILE
        self._fh: IO[bytes] | None = None

    def acquire(self) -> bool:
        """Takes the lock without waiting; False when another process holds it."""
        fh = open(self.path, "ab")  # noqa: SIM115 (kept open while the lock is held)
        if fcntl is not None:
            try:
                fcntl.flock(fh.fileno(), fcntl.LOCK_EX | fcntl.LOCK_NB)
            except OSError:
                fh.close()
                return False
        self._fh = fh
        os.chmod(self.path, 0o600)
        return True

    def release(self) -> None:
        if self._fh is not None:
            if fcntl is not None:
                fcntl.flock(self._fh.fileno(), fcntl.LOCK_UN)
            self._fh.close()
            self._fh = None
