"""The one place TinyDB meets the disk: an atomic, cached storage class for TinyDB."""

from __future__ import annotations

import copy
from typing import Any

from tinydb.storages import Storage

from bridge.storage.atomic_file import AtomicFile


class AtomicStorage(Storage):
    """TinyDB storage that replaces the file whole on every write.

    TinyDB's own JSONStorage rewrites the file in place (seek, write, truncate):
    a kill halfway leaves broken JSON. This one writes a temp file and renames
    it. It keeps the last saved state in memory, because TinyDB reads the whole
    file on every query; the cache changes only after the disk write succeeded,
    so a failed write leaves memory and disk on the previous state.
    """

    def __init__(self, file: AtomicFile) -> None:
        self._file = file
        self._data: dict[str, Any] | None = None

    def read(self) -> dict[str, Any] | None:
        if self._data is None:
            self._data = self._file.read()
        # TinyDB edits what read() returns before it calls write(): hand out a copy.
        return copy.deepcopy(self._data) if self._data else None

    def write(self, data: dict[str, Any]) -> None:
        self._file.write(data)
        self._data = copy.deepcopy(data)

    def close(self) -> None:
        self._data = None
