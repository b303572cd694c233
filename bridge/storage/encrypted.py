"""Encryption at rest for the data folder: set up, unlock, change the passcode.

The database file is the at-rest format of :mod:`bridge.crypto.at_rest`. Nothing
above the `Codec` notices: :class:`EncryptedCodec` turns the TinyDB dict into
sealed bytes and back, and `AtomicFile` keeps writing those bytes atomically.
The `.last-good` copy is a byte copy of the encrypted file, so it is encrypted
too; damaged copies set aside are moved files, so they are encrypted as well.
The codec is in :mod:`bridge.storage.encrypted_codec`, the passcode rules in
:mod:`bridge.storage.passcode_policy`, the wrong-passcode wait in
:mod:`bridge.storage.unlock_throttle`, "delete everything" in :mod:`bridge.storage.wipe`.

Slow calls (they run scrypt; the UI runs them off the event loop):
:func:`create`, :func:`unlock`, :func:`change_passcode` (twice: old and new),
:meth:`EncryptedCodec.matches`. Every save afterwards costs only the AEAD.

What "never plaintext on disk" can and cannot mean here: every file this module
writes is encrypted, and on set-up an old plain `bridge.db`, its `.last-good`
copy, plain damaged copies and temp leftovers are replaced or removed. The
app cannot wipe the disk blocks the old plain files used (flash memory and
journaling file systems keep copies the app cannot reach); the phone's own
storage encryption covers those.
"""

from __future__ import annotations

import contextlib
import os
from pathlib import Path
from typing import Any

from bridge.crypto import at_rest
from bridge.crypto.at_rest import DEFAULT_PARAMS, Header, ScryptParams
from bridge.crypto.primitives import RandFunc
from bridge.locations import database_path, is_damaged_copy, last_good_path, temp_path
from bridge.storage.atomic_file import AtomicFile, JsonCodec, fsync_dir, write_atomic, write_private
from bridge.storage.encrypted_codec import EncryptedCodec, new_codec
from bridge.storage.errors import (
    AlreadySetUpError,
    DamagedDataError,
    DataInUseError,
    NewerDataError,
    NotSetUpError,
    StorageError,
    WrongCurrentPasscodeError,
    WrongPasscodeError,
)
from bridge.storage.folder_lock import FolderLock
from bridge.storage.passcode_policy import require_allowed
from bridge.storage.repository import Repository

__all__ = ["DEFAULT_PARAMS", "ScryptParams", "change_passcode", "create", "is_set_up", "unlock"]


def _last_good(folder: Path) -> Path:
    return last_good_path(database_path(folder))


def _starts_encrypted(path: Path) -> bool:
    try:
        with open(path, "rb") as fh:
            return at_rest.looks_encrypted(fh.read(len(at_rest.MAGIC)))
    except OSError:
        return False


def is_set_up(folder: Path) -> bool:
    """True when a passcode protects this folder's data.

    Either file counts, so a `bridge.db` whose first bytes were damaged is still
    known as encrypted (the last good copy says so) and is not taken for old
    plain data.
    """
    return _starts_encrypted(database_path(folder)) or _starts_encrypted(_last_good(folder))


def _damaged_copies(folder: Path) -> list[Path]:
    return [p for p in folder.iterdir() if is_damaged_copy(p.name) and p.is_file()]


def _plain_data(file: AtomicFile) -> dict[str, Any] | None:
    """The data of a plain JSON file, or None when it is missing, encrypted or unreadable."""
    if not file.path.exists() or _starts_encrypted(file.path):
        return None
    try:
        return file.read()
    except DamagedDataError:
        return None


def create(
    folder: Path,
    passcode: str,
    *,
    params: ScryptParams = DEFAULT_PARAMS,
    rand: RandFunc = os.urandom,
) -> EncryptedCodec:
    """Sets up a passcode for `folder` and returns the codec (runs scrypt once).

    When the folder holds plain data from an earlier version, it is encrypted
    now and nothing readable is kept: plain damaged copies are encrypted in
    place, temp leftovers are removed, `bridge.db` is replaced by its encrypted
    version (the moment the set-up counts), then `.last-good`. A crash
    halfway leaves plain `bridge.db` (set up again) or an encrypted one (whose
    `.last-good` is replaced on the next unlock).

    Raises WeakPasscodeError, AlreadySetUpError, DataInUseError, and
    DamagedDataError when the plain file cannot be read (then nothing changed).
    """
    require_allowed(passcode)
    try:
        folder.mkdir(parents=True, exist_ok=True, mode=0o700)
    except OSError as exc:
        raise StorageError(f"cannot create the data folder: {exc}") from exc
    lock = FolderLock(folder)
    if not lock.acquire():
        raise DataInUseError("another copy of the app is using this data")
    try:
        if is_set_up(folder):
            raise AlreadySetUpError("a passcode is already set up")
        main = AtomicFile(database_path(folder), JsonCodec())
        data = main.read()  # DamagedDataError: stop before anything changes
        earlier = _plain_data(AtomicFile(main.last_good_path, JsonCodec()))
        codec = new_codec(passcode, params, rand)
        for damaged in _damaged_copies(folder):
            if not _starts_encrypted(damaged):
                write_atomic(damaged, codec.seal_bytes(damaged.read_bytes()))
        sealed = codec.encode(data)
        write_atomic(main.path, sealed)
        write_atomic(main.last_good_path, codec.encode(earlier) if earlier is not None else sealed)
        return codec
    except OSError as exc:
        raise StorageError(f"could not set up the passcode: {exc}") from exc
    finally:
        lock.release()


def _read_head(path: Path) -> bytes | None:
    try:
        with open(path, "rb") as fh:
            return fh.read(at_rest.HEADER_SIZE)
    except OSError:
        return None


def unlock(folder: Path, passcode: str) -> EncryptedCodec:
    """The codec for `folder` if `passcode` is right (runs scrypt; run it off the UI loop).

    The key is derived from `bridge.db`'s header; when that header is unreadable,
    or the passcode does not match it, from the `.last-good` copy's header
    (only if it differs, so normally scrypt runs once). Opening `bridge.db` then
    reports whether it is damaged.

    A header claiming a newer format counts as damaged while the other file
    has a header of this version (a flipped version byte must not hide the
    last good copy); only when no file has one is the data taken as newer.

    Raises WrongPasscodeError, NotSetUpError, NewerDataError, and
    DamagedDataError when no header can be read at all.
    """
    main = database_path(folder)
    headers: list[Header] = []
    newer = False
    for path in (main, _last_good(folder)):
        head = _read_head(path)
        if head is None:
            continue
        try:
            header = at_rest.read_header(head)
        except at_rest.NewerFormatError:
            newer = True
            continue
        except at_rest.DamagedFileError:
            continue
        if header not in headers:
            headers.append(header)
    if not headers:
        if newer:
            raise NewerDataError("this data was saved by a newer version of the app")
        if not main.exists() and not _last_good(folder).exists():
            raise NotSetUpError("no passcode is set up")
        raise DamagedDataError(main, "the encrypted file's header cannot be read")
    for header in headers:
        try:
            key = at_rest.derive_key(passcode, header.salt, header.params)
        except ValueError:  # an empty passcode
            break
        if at_rest.key_matches(key, header):
            return EncryptedCodec(key, header)
    raise WrongPasscodeError("the passcode is not correct")


def _stage(path: Path, payload: bytes) -> Path:
    """Writes `payload` next to `path` under a temp name and fsyncs it; returns the temp path."""
    tmp = temp_path(path, os.getpid())
    try:
        write_private(tmp, payload)
    except OSError as exc:
        with contextlib.suppress(OSError):
            tmp.unlink()
        raise StorageError(f"could not save {path.name}: {exc.strerror or exc}") from exc
    return tmp


def _resealed(path: Path, current: EncryptedCodec, fresh: EncryptedCodec) -> bytes | None:
    """A damaged copy's contents sealed under `fresh`, or None when `current` cannot open it."""
    try:
        return fresh.seal_bytes(current.open_bytes(path.read_bytes()))
    except (OSError, ValueError, StorageError):
        return None


def change_passcode(
    repo: Repository,
    old: str,
    new: str,
    *,
    params: ScryptParams | None = None,
    rand: RandFunc = os.urandom,
) -> EncryptedCodec:
    """Re-encrypts the open repository's files under `new` and returns the new codec.

    Runs scrypt twice (checking `old`, deriving `new` with a fresh salt). Both
    new files are written to temp names and fsynced first; renaming the new
    `bridge.db` over the old one is the moment the change happens. Any failure
    before that leaves the old files, and the old passcode, exactly as they were.
    After it, the old passcode opens nothing: the `.last-good` copy is renamed
    into place too, or removed if that fails. Damaged copies set aside earlier
    that open with the current key are sealed again under `new` as well; those
    that do not (damaged inside, or from an older passcode) are left as they are.

    Raises WeakPasscodeError, WrongCurrentPasscodeError (for `old`), NotSetUpError
    when the repository is not encrypted, StorageError when writing fails.
    """
    current = repo.codec
    if not isinstance(current, EncryptedCodec):
        raise NotSetUpError("this data is not protected by a passcode")
    require_allowed(new)
    if not current.matches(old):
        raise WrongCurrentPasscodeError("the current passcode is not correct")
    fresh = new_codec(new, params or current.header.params, rand)
    main = repo.path
    last_good = last_good_path(main)

    def rewrite(data: dict[str, Any]) -> None:
        sealed = fresh.encode(data)
        earlier: bytes | None = None
        if last_good.exists():
            try:
                earlier = fresh.encode(current.decode(last_good.read_bytes()))
            except (ValueError, StorageError, OSError):
                earlier = sealed  # unreadable: replace it by the current data
        staged_main = _stage(main, sealed)
        staged_last: Path | None = None
        staged_copies: list[tuple[Path, Path]] = []
        try:
            if earlier is not None:
                staged_last = _stage(last_good, earlier)
            for copy in _damaged_copies(main.parent):
                resealed = _resealed(copy, current, fresh)
                if resealed is not None:
                    staged_copies.append((_stage(copy, resealed), copy))
            os.replace(staged_main, main)  # the change happens here
        except (OSError, StorageError) as exc:
            for tmp in (staged_main, staged_last, *(t for t, _ in staged_copies)):
                if tmp is not None:
                    with contextlib.suppress(OSError):
                        tmp.unlink()
            if isinstance(exc, StorageError):
                raise
            raise StorageError(f"could not save {main.name}: {exc.strerror or exc}") from exc
        if staged_last is not None:
            try:
                os.replace(staged_last, last_good)
            except OSError:
                # The change already happened; an old copy must not stay readable
                # with the old passcode. Opening the data next time rewrites it anyway.
                with contextlib.suppress(OSError):
                    staged_last.unlink()
                with contextlib.suppress(OSError):
                    last_good.unlink()
        for staged, copy in staged_copies:
            try:
                os.replace(staged, copy)
            except OSError:
                with contextlib.suppress(OSError):
                    staged.unlink()
        fsync_dir(main.parent)

    repo.switch_codec(fresh, rewrite)
    return fresh
