"""A file that is replaced whole or not at all: temp file, fsync, rename, fsync the folder.

A crash or kill at any moment leaves either the old or the new contents on disk,
never a mix. A `Codec` turns the data into bytes; encryption at rest plugs in
there without anything above noticing.
"""

from __future__ import annotations

import contextlib
import json
import os
from datetime import UTC, datetime
from pathlib import Path
from typing import Any, Protocol

from bridge.locations import DAMAGED_INFIX, FILE_MODE, LAST_GOOD_SUFFIX, last_good_path, temp_path
from bridge.storage.errors import DamagedDataError, StorageError

__all__ = [
    "LAST_GOOD_SUFFIX",
    "AtomicFile",
    "Codec",
    "JsonCodec",
    "fsync_dir",
    "write_atomic",
    "write_private",
]


class Codec(Protocol):
    def encode(self, data: dict[str, Any]) -> bytes: ...

    def decode(self, raw: bytes) -> dict[str, Any]:
        """Raises ValueError when `raw` is not data this codec wrote."""
        ...


class JsonCodec:
    """Plain UTF-8 JSON: the layer that encryption at rest will wrap."""

    def encode(self, data: dict[str, Any]) -> bytes:
        return json.dumps(data, ensure_ascii=False, separators=(",", ":")).encode("utf-8")

    def decode(self, raw: bytes) -> dict[str, Any]:
        data = json.loads(raw.decode("utf-8"))
        if not isinstance(data, dict):
            raise ValueError("top level is not an object")
        return data


def fsync_dir(folder: Path) -> None:
    # Makes the rename itself durable. Not every platform can open a folder.
    try:
        fd = os.open(folder, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)


def write_private(path: Path, payload: bytes) -> None:
    """Writes `payload` to `path` (readable by this account only: 0600) and fsyncs it.

    The file is created with mode 0600, and an existing one is tightened first, so
    its contents are never readable by others, not even for a moment.
    """
    fd = os.open(
        path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC | getattr(os, "O_BINARY", 0), FILE_MODE
    )
    with open(fd, "wb") as fh:
        os.chmod(path, FILE_MODE)
        fh.write(payload)
        fh.flush()
        os.fsync(fh.fileno())


def write_atomic(path: Path, payload: bytes) -> None:
    """Replaces `path` with `payload` durably (mode 0600); on failure the old file is untouched."""
    tmp = temp_path(path, os.getpid())
    try:
        write_private(tmp, payload)
        os.replace(tmp, path)
    except OSError as exc:
        with contextlib.suppress(OSError):
            tmp.unlink()
        raise StorageError(f"could not save {path.name}: {exc.strerror or exc}") from exc
    fsync_dir(path.parent)


class AtomicFile:
    """One data file: read it whole, replace it whole."""

    def __init__(self, path: Path, codec: Codec | None = None) -> None:
        self.path = path
        self.codec: Codec = codec or JsonCodec()

    @property
    def last_good_path(self) -> Path:
        return last_good_path(self.path)

    def exists(self) -> bool:
        return self.path.exists()

    def _decode(self, path: Path) -> dict[str, Any]:
        try:
            raw = path.read_bytes()
        except OSError as exc:
            raise DamagedDataError(path, exc.strerror or str(exc)) from exc
        try:
            return self.codec.decode(raw)
        except (ValueError, UnicodeDecodeError) as exc:
            raise DamagedDataError(path, str(exc) or type(exc).__name__) from exc

    def read(self) -> dict[str, Any]:
        """The saved data, or an empty dict when nothing was saved yet."""
        if not self.path.exists():
            return {}
        return self._decode(self.path)

    def write(self, data: dict[str, Any]) -> None:
        write_atomic(self.path, self.codec.encode(data))

    def keep_last_good(self) -> None:
        """Copies the file (just read successfully) aside, to offer if it is ever damaged."""
        if self.path.exists():
            write_atomic(self.last_good_path, self.path.read_bytes())

    def last_good_readable(self) -> bool:
        if not self.last_good_path.exists():
            return False
        try:
            self._decode(self.last_good_path)
        except DamagedDataError:
            return False
        return True

    def set_aside(self, now: datetime | None = None) -> Path:
        """Moves a damaged file out of the way (never deletes it) and returns where it went."""
        stamp = (now or datetime.now(UTC)).strftime("%Y%m%d-%H%M%S")
        target = self.path.with_name(f"{self.path.name}{DAMAGED_INFIX}{stamp}")
        counter = 1
        while target.exists():
            counter += 1
            target = self.path.with_name(f"{self.path.name}{DAMAGED_INFIX}{stamp}-{counter}")
        try:
            os.replace(self.path, target)
        except OSError as exc:
            raise StorageError(f"could not move {self.path.name} aside: {exc}") from exc
        fsync_dir(self.path.parent)
        return target

    def restore_last_good(self) -> Path:
        """Sets the damaged file aside and puts the last good copy in its place."""
        if not self.last_good_readable():
            raise StorageError("there is no readable earlier copy")
        good = self.last_good_path.read_bytes()
        moved = self.set_aside() if self.path.exists() else self.path
        write_atomic(self.path, good)
        return moved
