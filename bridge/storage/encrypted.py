"""Encryption at rest for the data folder: set up, unlock, change the passcode, rate limits.

The database file is the at-rest format of :mod:`bridge.crypto.at_rest`. Nothing
above the `Codec` notices: :class:`EncryptedCodec` turns the TinyDB dict into
sealed bytes and back, and `AtomicFile` keeps writing those bytes atomically.
The `.last-good` copy is a byte copy of the encrypted file, so it is encrypted
too; damaged copies set aside are moved files, so they are encrypted as well.

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
import json
import os
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from bridge.crypto import at_rest
from bridge.crypto.at_rest import DEFAULT_PARAMS, Header, ScryptParams
from bridge.crypto.primitives import RandFunc, constant_time_equal
from bridge.locations import database_path
from bridge.storage.atomic_file import (
    LAST_GOOD_SUFFIX,
    AtomicFile,
    JsonCodec,
    _fsync_dir,
    write_atomic,
)
from bridge.storage.errors import (
    AlreadySetUpError,
    DamagedDataError,
    DataInUseError,
    LockedError,
    NewerDataError,
    NotSetUpError,
    StorageError,
    WeakPasscodeError,
    WrongPasscodeError,
)
from bridge.storage.folder_lock import LOCK_FILE, FolderLock
from bridge.storage.prefs import PREFS_FILE
from bridge.storage.repository import Repository

__all__ = [
    "ATTEMPTS_FILE",
    "DEFAULT_PARAMS",
    "MIN_DIGITS",
    "MIN_PHRASE_LENGTH",
    "EncryptedCodec",
    "ScryptParams",
    "UnlockThrottle",
    "change_passcode",
    "check_passcode",
    "create",
    "delay_after",
    "delete_all_data",
    "is_set_up",
    "unlock",
]

#: Wrong-passcode counter; plaintext on purpose, it holds no secret (a count and a time).
ATTEMPTS_FILE = "unlock-attempts.json"
MIN_DIGITS = 6
MIN_PHRASE_LENGTH = 8


class EncryptedCodec:
    """The `Codec` for an encrypted `bridge.db`: JSON inside the at-rest AEAD.

    Holds the derived key for as long as the data is unlocked. `decode` raises
    `at_rest.DamagedFileError` (a ValueError, so `AtomicFile` reports
    DamagedDataError) for damage, and WrongPasscodeError / NewerDataError
    (StorageErrors, not ValueErrors, so they pass through `AtomicFile`) when the
    file belongs to another passcode or a newer app.
    """

    __slots__ = ("_header", "_json", "_key", "_rand")

    def __init__(self, key: bytes, header: Header, *, rand: RandFunc = os.urandom) -> None:
        if not at_rest.key_matches(key, header):
            raise ValueError("the key does not belong to this header")
        self._key: bytes | None = key
        self._header = header
        self._rand = rand
        self._json = JsonCodec()

    def __repr__(self) -> str:  # never show the key
        return f"EncryptedCodec(log_n={self._header.params.log_n})"

    @property
    def header(self) -> Header:
        return self._header

    def forget(self) -> None:
        """Drops the key: every later encode/decode raises LockedError.

        A repository closed by `lock()` may still be referenced by a screen; with
        its codec forgotten it can no longer read or write. (Python cannot wipe
        the bytes object itself; once unreferenced it is freed.)
        """
        self._key = None

    def _live_key(self) -> bytes:
        if self._key is None:
            raise LockedError("the data is locked")
        return self._key

    def encode(self, data: dict[str, Any]) -> bytes:
        return self.seal_bytes(self._json.encode(data))

    def seal_bytes(self, plaintext: bytes) -> bytes:
        """Any bytes sealed under this key (used to encrypt old plain damaged copies)."""
        return at_rest.seal(self._live_key(), self._header, plaintext, rand=self._rand)

    def decode(self, raw: bytes) -> dict[str, Any]:
        key = self._live_key()
        try:
            plaintext = at_rest.open_(key, raw)
        except at_rest.WrongPasscodeError:
            raise WrongPasscodeError("this file does not open with this passcode") from None
        except at_rest.NewerFormatError:
            raise NewerDataError("this data was saved by a newer version of the app") from None
        return self._json.decode(plaintext)

    def matches(self, passcode: str) -> bool:
        """True when `passcode` is the one this codec was unlocked with (runs scrypt)."""
        try:
            key = at_rest.derive_key(passcode, self._header.salt, self._header.params)
        except ValueError:
            return False
        return self._key is not None and constant_time_equal(key, self._key)


def check_passcode(text: str) -> str | None:
    """None when `text` may be a passcode, else the reason: "empty" or "too_short".

    Allowed: at least 6 digits (a PIN), or a passphrase of at least 8 characters.
    """
    if not isinstance(text, str) or not text.strip():
        return "empty"
    if text.isdecimal():
        return None if len(text) >= MIN_DIGITS else "too_short"
    return None if len(text) >= MIN_PHRASE_LENGTH else "too_short"


def _require_allowed(passcode: str) -> None:
    problem = check_passcode(passcode)
    if problem is not None:
        raise WeakPasscodeError(problem)


def _last_good(folder: Path) -> Path:
    path = database_path(folder)
    return path.with_name(path.name + LAST_GOOD_SUFFIX)


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


def _new_codec(passcode: str, params: ScryptParams, rand: RandFunc) -> EncryptedCodec:
    salt = at_rest.new_salt(rand)
    key = at_rest.derive_key(passcode, salt, params)
    return EncryptedCodec(key, at_rest.make_header(key, salt, params), rand=rand)


def _temp_leftovers(folder: Path) -> list[Path]:
    name = database_path(folder).name
    return [
        p
        for p in folder.iterdir()
        if p.name.startswith(f".{name}.") and p.name.endswith(".tmp") and p.is_file()
    ]


def _damaged_copies(folder: Path) -> list[Path]:
    name = database_path(folder).name
    return [p for p in folder.iterdir() if p.name.startswith(f"{name}.damaged-") and p.is_file()]


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
    _require_allowed(passcode)
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
        codec = _new_codec(passcode, params, rand)
        for damaged in _damaged_copies(folder):
            if not _starts_encrypted(damaged):
                write_atomic(damaged, codec.seal_bytes(damaged.read_bytes()))
        for leftover in _temp_leftovers(folder):
            leftover.unlink(missing_ok=True)
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

    Raises WrongPasscodeError, NotSetUpError, NewerDataError, and
    DamagedDataError when no header can be read at all.
    """
    main = database_path(folder)
    headers: list[Header] = []
    for path in (main, _last_good(folder)):
        head = _read_head(path)
        if head is None:
            continue
        try:
            header = at_rest.read_header(head)
        except at_rest.NewerFormatError:
            raise NewerDataError("this data was saved by a newer version of the app") from None
        except at_rest.DamagedFileError:
            continue
        if header not in headers:
            headers.append(header)
    if not headers:
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
    tmp = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    try:
        with open(tmp, "wb") as fh:
            fh.write(payload)
            fh.flush()
            os.fsync(fh.fileno())
    except OSError as exc:
        with contextlib.suppress(OSError):
            tmp.unlink()
        raise StorageError(f"could not save {path.name}: {exc.strerror or exc}") from exc
    return tmp


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
    into place too, or removed if that fails. (Damaged copies set aside earlier
    are left as they are, under the passcode of their time.)

    Raises WeakPasscodeError, WrongPasscodeError (for `old`), NotSetUpError
    when the repository is not encrypted, StorageError when writing fails.
    """
    current = repo.codec
    if not isinstance(current, EncryptedCodec):
        raise NotSetUpError("this data is not protected by a passcode")
    _require_allowed(new)
    if not current.matches(old):
        raise WrongPasscodeError("the passcode is not correct")
    fresh = _new_codec(new, params or current.header.params, rand)
    main = repo.path
    last_good = main.with_name(main.name + LAST_GOOD_SUFFIX)

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
        try:
            if earlier is not None:
                staged_last = _stage(last_good, earlier)
            os.replace(staged_main, main)  # the change happens here
        except (OSError, StorageError) as exc:
            for tmp in (staged_main, staged_last):
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
        _fsync_dir(main.parent)

    repo.switch_codec(fresh, rewrite)
    return fresh


def delete_all_data(folder: Path) -> list[Path]:
    """Removes every file the storage wrote in `folder`; returns what was removed.

    That is `bridge.db`, its `.last-good` copy, every damaged copy (they hold
    the same person's data, encrypted or from before encryption), temp
    leftovers, the wrong-passcode counter and the lock file. Files the storage
    did not write are left alone, and so is the folder itself (on a phone it is
    the app's own folder). Takes the folder lock: raises DataInUseError when
    another process has the data open.
    """
    if not folder.exists():
        return []
    lock = FolderLock(folder)
    if not lock.acquire():
        raise DataInUseError("another copy of the app is using this data")
    removed: list[Path] = []
    try:
        name = database_path(folder).name
        for path in sorted(folder.iterdir()):
            n = path.name
            temp = n.endswith(".tmp") and n.startswith(
                (f".{name}.", f".{ATTEMPTS_FILE}.", f".{PREFS_FILE}.")
            )
            ours = n in (name, ATTEMPTS_FILE, PREFS_FILE) or n.startswith(f"{name}.") or temp
            if ours and path.is_file():
                path.unlink()
                removed.append(path)
        lock_path = folder / LOCK_FILE
        lock_path.unlink(missing_ok=True)
        removed.append(lock_path)
    except OSError as exc:
        raise StorageError(f"could not delete everything: {exc}") from exc
    finally:
        lock.release()
    _fsync_dir(folder)
    return removed


# -- wrong passcodes: a growing wait ----------------------------------------------

FREE_ATTEMPTS = 3
FIRST_DELAY = 2.0
MAX_DELAY = 60.0


def delay_after(failures: int) -> float:
    """Seconds to wait after `failures` wrong passcodes in a row: 0, 0, 0, 2, 4, 8, … 60."""
    if failures < FREE_ATTEMPTS:
        return 0.0
    return min(MAX_DELAY, FIRST_DELAY * 2.0 ** (failures - FREE_ATTEMPTS))


class UnlockThrottle:
    """Counts wrong passcodes in a sidecar file, so restarting the app does not reset it.

    The file holds a count and the time of the last failure, nothing secret.
    Wall-clock time is used because it must survive a restart; a clock set
    back cannot lengthen the wait beyond the current step. This only slows
    down guessing on the device's own screen: anyone who can copy the file
    can guess offline, at the cost of one scrypt per guess.
    """

    def __init__(self, path: Path, clock: Callable[[], float] = time.time) -> None:
        self.path = path
        self._clock = clock

    def _state(self) -> tuple[int, float]:
        if not self.path.exists():
            return 0, 0.0
        try:
            raw = json.loads(self.path.read_text(encoding="utf-8"))
            failures, last = raw["failures"], raw["last_failure"]
            if isinstance(failures, int) and failures >= 0 and isinstance(last, int | float):
                return failures, float(last)
        except (OSError, ValueError, KeyError, TypeError):
            pass
        # Unreadable: assume the free attempts are used up rather than reset them.
        return FREE_ATTEMPTS, 0.0

    @property
    def failures(self) -> int:
        return self._state()[0]

    def seconds_to_wait(self) -> float:
        failures, last = self._state()
        delay = delay_after(failures)
        if delay <= 0:
            return 0.0
        return min(delay, max(0.0, last + delay - self._clock()))

    def record_failure(self) -> None:
        failures, _ = self._state()
        payload = {"failures": failures + 1, "last_failure": self._clock()}
        write_atomic(self.path, json.dumps(payload).encode("utf-8"))

    def record_success(self) -> None:
        if self.path.exists():
            try:
                self.path.unlink()
            except OSError as exc:
                raise StorageError(f"could not reset the attempts counter: {exc}") from exc
