"""One encrypted file per client, ``clients/<client_id>.db``, sealed with the files key.

Layout of a client file::

    offset  size  field
    0       8     magic b"BRIDGECL"
    8       1     format version (2)
    9       12    nonce (random, new on every write)
    21      ...   ChaCha20-Poly1305(files key, nonce, plaintext,
                                    associated data = magic + version + client id)

    plaintext: three lengths (4 bytes each, big-endian), then the client's document
    as JSON without the latest summary's payload and text, then that payload and that
    text as UTF-8 (empty when there is no latest summary yet).

The payload and the text are most of a client's file (about 130 of 150 KiB); kept
beside the JSON they are copied, not escaped into and parsed out of a JSON string,
which made reading and writing a file three to four times slower. Version 1 (the
whole document as one JSON) is still read. The client id is bound in as associated
data, so a file copied over another client's name does not open. The files key is
32 random bytes kept in ``bridge.db`` (see :mod:`bridge.coach.records`): a passcode
change re-seals only ``bridge.db``, and erasing a client is deleting their file. Writes go through
:class:`~bridge.storage.atomic_file.AtomicFile` (temp file, fsync, rename), or for
a group of clients :func:`write_clients` (the same steps, the files side by
side): a crash leaves the old or the new file, never a mix. A file that does not open is
reported as :class:`~bridge.storage.errors.DamagedDataError` and is never
written over (the store refuses imports to it).
"""

from __future__ import annotations

import contextlib
import os
import re
import struct
import threading
from collections.abc import Mapping
from concurrent.futures import ThreadPoolExecutor, wait
from pathlib import Path
from typing import Any

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives.ciphers.aead import ChaCha20Poly1305

from bridge.locations import (
    CLIENT_FILE_SUFFIX,
    client_file_path,
    clients_folder,
    is_temp_of,
    temp_path,
)
from bridge.storage.atomic_file import AtomicFile, JsonCodec, fsync_dir, write_private
from bridge.storage.errors import StorageError

__all__ = [
    "MAGIC",
    "ClientCodec",
    "client_files_on_disk",
    "client_ids_on_disk",
    "read_client",
    "remove_client_files",
    "write_clients",
]

MAGIC = b"BRIDGECL"
VERSION = 2  # written; version 1 is still read
NONCE_SIZE = 12
_PREFIX = MAGIC + bytes([VERSION])
_PREFIX_V1 = MAGIC + bytes([1])
_LENGTHS = struct.Struct(">III")  # the document's JSON, the latest payload, the latest text
_BESIDE = ("payload", "text")  # the latest summary's parts kept beside the JSON
#: Files written side by side in one group (their waits for the disk overlap).
_WRITERS = 8
_pool: ThreadPoolExecutor | None = None
_pool_lock = threading.Lock()


def _writers() -> ThreadPoolExecutor:
    """The workers that write client files: made on first use and kept (each group
    would otherwise start and stop its own threads)."""
    global _pool
    with _pool_lock:
        if _pool is None:
            _pool = ThreadPoolExecutor(max_workers=_WRITERS, thread_name_prefix="client-files")
        return _pool


_NAME = re.compile(r"^[0-9a-f]{16}" + re.escape(CLIENT_FILE_SUFFIX) + "$")


class ClientCodec:
    """The `Codec` of one client's file (see the module docs)."""

    __slots__ = ("_aead", "_client", "_json")

    def __init__(self, key: bytes, client_id: str) -> None:
        self._aead = ChaCha20Poly1305(key)
        self._client = client_id.encode("ascii")
        self._json = JsonCodec()

    def encode(self, data: dict[str, Any]) -> bytes:
        nonce = os.urandom(NONCE_SIZE)
        plaintext = _pack(data, self._json)
        return _PREFIX + nonce + self._aead.encrypt(nonce, plaintext, _PREFIX + self._client)

    def decode(self, raw: bytes) -> dict[str, Any]:
        if raw[: len(MAGIC)] != MAGIC:
            raise ValueError("not a coach client file")
        prefix = raw[: len(_PREFIX)]
        if prefix not in (_PREFIX, _PREFIX_V1):
            raise ValueError("a client file of another format version")
        start = len(_PREFIX)
        nonce, sealed = raw[start : start + NONCE_SIZE], raw[start + NONCE_SIZE :]
        try:
            plaintext = self._aead.decrypt(nonce, sealed, prefix + self._client)
        except InvalidTag:
            raise ValueError("the client file is damaged or was changed") from None
        if prefix == _PREFIX_V1:
            return self._json.decode(plaintext)
        return _unpack(plaintext, self._json)


def _pack(data: dict[str, Any], codec: JsonCodec) -> bytes:
    """The plaintext of a version 2 file: lengths, JSON, then the latest payload and text."""
    latest = data.get("latest")
    beside = [b"", b""]
    if isinstance(latest, dict):
        beside = [latest[name].encode("utf-8") for name in _BESIDE]
        rest = {name: value for name, value in latest.items() if name not in _BESIDE}
        data = {**data, "latest": rest}
    document = codec.encode(data)
    return b"".join((_LENGTHS.pack(len(document), *map(len, beside)), document, *beside))


def _unpack(plaintext: bytes, codec: JsonCodec) -> dict[str, Any]:
    if len(plaintext) < _LENGTHS.size:
        raise ValueError("the client file is cut short")
    sizes = _LENGTHS.unpack_from(plaintext)
    if _LENGTHS.size + sum(sizes) != len(plaintext):
        raise ValueError("the client file's parts do not add up")
    at = _LENGTHS.size
    parts = []
    for size in sizes:
        parts.append(plaintext[at : at + size])
        at += size
    data = codec.decode(parts[0])
    latest = data.get("latest")
    if isinstance(latest, dict):
        for name, part in zip(_BESIDE, parts[1:], strict=True):
            latest[name] = part.decode("utf-8")
    elif parts[1] or parts[2]:
        raise ValueError("the client file holds a summary it does not name")
    return data


def _file(folder: Path, key: bytes, client_id: str) -> AtomicFile:
    return AtomicFile(client_file_path(folder, client_id), ClientCodec(key, client_id))


def read_client(folder: Path, key: bytes, client_id: str) -> dict[str, Any] | None:
    """The client's document; None when there is no file. Raises DamagedDataError."""
    file = _file(folder, key, client_id)
    if not file.exists():
        return None
    return file.read()


Stamp = tuple[int, int, int]


def _stamp(result: os.stat_result) -> Stamp:
    return (result.st_ino, result.st_size, result.st_mtime_ns)


def _write_one(temp: Path, path: Path, payload: bytes) -> Stamp | OSError:
    """Writes and flushes the temp file, renames it over ``path``: the new file's stamp."""
    try:
        write_private(temp, payload)
        os.replace(temp, path)
        return _stamp(path.stat())
    except OSError as exc:
        with contextlib.suppress(OSError):
            temp.unlink()
        return exc


def write_clients(
    folder: Path, key: bytes, documents: Mapping[str, dict[str, Any]]
) -> tuple[dict[str, Stamp], dict[str, StorageError]]:
    """Replaces several clients' files; each one atomically (temp file, fsync, rename).

    The files are written, flushed to disk and renamed side by side, each in a
    worker of its own (the waits for the disk overlap, and each document is
    sealed while the ones before it are being written), then the folder is
    flushed once. Returns the stamp of each file written and the error of each
    that was not (its old file then stays as it was).
    """
    target = clients_folder(folder)
    try:
        target.mkdir(mode=0o700, exist_ok=True)
    except OSError as exc:
        error = StorageError(f"cannot create the clients folder: {exc}")
        return {}, dict.fromkeys(documents, error)
    paths = {cid: client_file_path(folder, cid) for cid in documents}
    outcomes: dict[str, Stamp | OSError] = {}
    if len(documents) > 1:
        pool = _writers()
        futures = {}
        try:
            for cid, doc in documents.items():
                payload = ClientCodec(key, cid).encode(doc)
                temp = temp_path(paths[cid], os.getpid())
                futures[cid] = pool.submit(_write_one, temp, paths[cid], payload)
        finally:  # every file begun is finished (or failed) before this returns or raises
            wait(futures.values())
        outcomes = {cid: future.result() for cid, future in futures.items()}
    else:
        for cid, doc in documents.items():
            payload = ClientCodec(key, cid).encode(doc)
            outcomes[cid] = _write_one(temp_path(paths[cid], os.getpid()), paths[cid], payload)
    stamps: dict[str, Stamp] = {}
    errors: dict[str, StorageError] = {}
    for cid, outcome in outcomes.items():
        if isinstance(outcome, OSError):
            reason = outcome.strerror or outcome
            errors[cid] = StorageError(f"could not save {paths[cid].name}: {reason}")
        else:
            stamps[cid] = outcome
    fsync_dir(target)
    return stamps, errors


def client_files_on_disk(folder: Path) -> dict[str, Stamp]:
    """The stamp of every client file in ``clients/`` by client id (temp files left out)."""
    found: dict[str, Stamp] = {}
    try:
        with os.scandir(clients_folder(folder)) as entries:
            for entry in entries:
                if _NAME.match(entry.name):
                    found[entry.name[:16]] = _stamp(entry.stat())
    except FileNotFoundError:
        return {}
    except OSError as exc:
        raise StorageError(f"cannot read the clients folder: {exc}") from exc
    return found


def client_ids_on_disk(folder: Path) -> list[str]:
    """The ids of every client file in ``clients/`` (temp files and others left out)."""
    return sorted(client_files_on_disk(folder))


def _is_ours(name: str, file_name: str) -> bool:
    return name == file_name or is_temp_of(name, file_name)


def remove_client_files(folder: Path, client_id: str) -> list[Path]:
    """Deletes the client's file and any temp file of it; returns what was removed."""
    path = client_file_path(folder, client_id)
    removed: list[Path] = []
    try:
        names = os.listdir(path.parent)
    except FileNotFoundError:
        return removed
    except OSError as exc:
        raise StorageError(f"cannot read the clients folder: {exc}") from exc
    try:
        for name in sorted(names):
            if _is_ours(name, path.name):
                (path.parent / name).unlink()
                removed.append(path.parent / name)
    except OSError as exc:
        raise StorageError(f"could not delete the client's file: {exc}") from exc
    fsync_dir(path.parent)
    return removed


def remove_stale_temps(folder: Path) -> None:
    """Removes temp files left by a write that was cut off (the folder lock is ours)."""
    target = clients_folder(folder)
    with contextlib.suppress(OSError):
        for name in os.listdir(target):
            if name.startswith(".") and name.endswith(".tmp"):
                (target / name).unlink()
