"""Holds the one open repository of this process, shared by every session (web mode serves many).

With a passcode set up, the holder also holds the derived key while the data is
unlocked: `unlock()` derives it (scrypt, slow: call it off the event loop),
`lock()` closes the repository and forgets it. Without a passcode (data from
before encryption, or tests) `open()` works exactly as before.

Because one holder serves every session of the process, `lock()` locks them all.
"""

from __future__ import annotations

import contextlib
import threading
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

from bridge.coach.identity import coach_identity
from bridge.coach.store import CoachStore
from bridge.crypto.at_rest import DEFAULT_PARAMS, ScryptParams
from bridge.locations import ATTEMPTS_FILE, FOLDER_MODE, database_path
from bridge.storage import encrypted
from bridge.storage import repository as repo_module
from bridge.storage.atomic_file import AtomicFile, Codec, write_atomic
from bridge.storage.encrypted_codec import EncryptedCodec
from bridge.storage.errors import (
    DamagedDataError,
    DataInUseError,
    LockedError,
    NewerDataError,
    NotSetUpError,
    StorageError,
    TooManyAttemptsError,
    WrongPasscodeError,
)
from bridge.storage.folder_lock import FolderLock
from bridge.storage.passcode_policy import require_allowed
from bridge.storage.repository import Repository
from bridge.storage.unlock_throttle import UnlockThrottle
from bridge.storage.wipe import delete_all_data


class DataHolder:
    def __init__(
        self,
        folder: Path,
        codec: Codec | None = None,
        *,
        params: ScryptParams = DEFAULT_PARAMS,
        clock: Callable[[], float] = time.time,
    ) -> None:
        """`codec` fixes how the data is encoded (tests); `params` is the scrypt cost for
        new passcodes; `clock` drives the wrong-passcode delays."""
        self.folder = folder
        self._codec = codec
        self._unlocked: EncryptedCodec | None = None
        self._params = params
        self._throttle = UnlockThrottle(folder / ATTEMPTS_FILE, clock)
        self._repo: Repository | None = None
        self._coach: CoachStore | None = None
        self._lock = threading.Lock()

    def _forget_key(self) -> None:
        if self._unlocked is not None:
            self._unlocked.forget()
            self._unlocked = None

    def _current_codec(self) -> Codec | None:
        return self._unlocked if self._unlocked is not None else self._codec

    # -- opening -------------------------------------------------------------------
    def open(self) -> Repository:
        """The repository, opened on first use; raises what open_repository raises,
        and LockedError when a passcode is set up and the data is not unlocked."""
        with self._lock:
            return self._open_locked()

    def _open_locked(self) -> Repository:
        if self._repo is None:
            codec = self._current_codec()
            if codec is None and encrypted.is_set_up(self.folder):
                raise LockedError("the data is locked")
            repo = repo_module.open_repository(self.folder, codec)
            if isinstance(codec, EncryptedCodec) and not repo.path.exists():
                # After "start fresh": write the empty file now, so the folder stays
                # known as set up (encrypted) even before the first save.
                try:
                    write_atomic(repo.path, codec.encode({}))
                except BaseException:
                    repo.close()
                    raise
            self._repo = repo
        return self._repo

    def coach_store(self) -> CoachStore:
        """Coach mode's store of the open data (made on first use, dropped on lock/close);
        raises what `open` raises."""
        with self._lock:
            repo = self._open_locked()
            if self._coach is None:
                self._coach = CoachStore(repo, self.folder, lambda: coach_identity(repo).age)
            return self._coach

    # -- passcode ------------------------------------------------------------------
    def is_set_up(self) -> bool:
        """True when a passcode protects the data in this folder."""
        return encrypted.is_set_up(self.folder)

    def is_unlocked(self) -> bool:
        """True while the key is held (after `set_up` or `unlock`, until `lock`)."""
        return isinstance(self._current_codec(), EncryptedCodec)

    def needs_passcode(self) -> bool:
        """True when the UI must show the lock screen before anything else."""
        return self.is_set_up() and not self.is_unlocked()

    def seconds_to_wait(self) -> float:
        """How long the lock screen must wait before the next try (0 when it may try now)."""
        return self._throttle.seconds_to_wait()

    def set_up(self, passcode: str) -> Repository:
        """Sets the first passcode (slow: scrypt) and opens the data, now encrypted.

        Plain data from an earlier version is encrypted, and nothing readable is
        kept. Raises WeakPasscodeError ("empty", "too_short"), AlreadySetUpError,
        DamagedDataError when old plain data cannot be read (nothing changed).
        """
        with self._lock:
            self._close_locked()
            codec = encrypted.create(self.folder, passcode, params=self._params)
            self._forget_key()
            self._unlocked = codec
            self._throttle.record_success()  # a counter left from before must not linger
            return self._open_locked()

    def unlock(self, passcode: str) -> Repository:
        """Derives the key (slow: scrypt) and opens the data.

        Raises TooManyAttemptsError (`.seconds`) without trying, WrongPasscodeError
        (counted), NotSetUpError, DamagedDataError (the key is kept, so the damaged
        screen can offer the last good copy), NewerDataError.
        """
        with self._lock:
            wait = self._throttle.seconds_to_wait()
            if wait > 0:
                raise TooManyAttemptsError(wait)
            try:
                codec = encrypted.unlock(self.folder, passcode)
            except WrongPasscodeError:
                self._throttle.record_failure()
                raise
            self._close_locked()
            self._forget_key()
            self._unlocked = codec
            try:
                repo = self._open_locked()
            except WrongPasscodeError as exc:
                # The passcode opens the last good copy but not bridge.db: its header is
                # damaged, or a passcode change was cut off after bridge.db was replaced.
                # Either way the passcode is right for the copy, so offer the copy: the
                # damaged screen keeps bridge.db (set aside) and can put the copy back.
                self._throttle.record_success()
                path = database_path(self.folder)
                raise DamagedDataError(path, "it does not open with this passcode") from exc
            except DamagedDataError:
                self._throttle.record_success()
                raise
            except NewerDataError:
                # bridge.db claims a newer format, yet the passcode opened the last good
                # copy's header of this version: a flipped version byte, not a newer app.
                self._throttle.record_success()
                if not self.has_last_good():
                    raise
                path = database_path(self.folder)
                raise DamagedDataError(path, "its format version is not valid") from None
            self._throttle.record_success()
            return repo

    def lock(self) -> None:
        """Closes the repository and forgets the key; the UI shows the lock screen."""
        with self._lock:
            self._close_locked()
            self._forget_key()

    def change_passcode(self, old: str, new: str) -> None:
        """Re-encrypts the data under `new` (slow: scrypt twice). The old passcode stops working.

        Raises WeakPasscodeError for `new`, TooManyAttemptsError, WrongPasscodeError
        for `old` (counted), LockedError / NotSetUpError, StorageError when saving
        fails (then the old passcode still works and nothing changed).
        """
        with self._lock:
            if not isinstance(self._current_codec(), EncryptedCodec):
                if encrypted.is_set_up(self.folder):
                    raise LockedError("the data is locked")
                raise NotSetUpError("no passcode is set up")
            require_allowed(new)
            wait = self._throttle.seconds_to_wait()
            if wait > 0:
                raise TooManyAttemptsError(wait)
            repo = self._open_locked()
            try:
                fresh = encrypted.change_passcode(repo, old, new, params=self._params)
            except WrongPasscodeError:
                self._throttle.record_failure()
                raise
            if self._unlocked is not None:
                self._unlocked.forget()  # the repository uses `fresh` now
            self._unlocked = fresh
            self._throttle.record_success()

    def delete_everything(self) -> list[Path]:
        """Closes the data, forgets the key and removes every file the storage wrote here.

        Needs no passcode: it is also the way out for someone who forgot theirs.
        Removed: bridge.db, its last good copy, damaged copies, temp leftovers,
        the wrong-passcode counter and the lock file (see `delete_all_data`).
        Returns the removed paths. The UI asks for confirmation first.
        """
        with self._lock:
            self._close_locked()
            self._forget_key()
            return delete_all_data(self.folder)

    def replace_data(self, data: dict[str, Any]) -> Repository:
        """Replaces all stored data by `data` (TinyDB tables) in one atomic write.

        For restoring a backup; validate `data` first (bridge.storage.backup does).
        A current file that cannot be read is set aside first, never overwritten.
        """
        with self._lock:
            codec = self._current_codec()
            if codec is None and encrypted.is_set_up(self.folder):
                raise LockedError("the data is locked")
            self._close_locked()
            with self._folder_locked():
                file = AtomicFile(database_path(self.folder), codec)
                if file.exists():
                    try:
                        file.read()
                    except DamagedDataError:
                        file.set_aside()
                file.write(data)
            return self._open_locked()

    # -- recovering from a damaged file ------------------------------------------
    def has_last_good(self) -> bool:
        try:
            return repo_module.has_last_good(self.folder, self._current_codec())
        except StorageError:  # a copy under another passcode, or from a newer app
            return False

    def start_fresh(self) -> Path | None:
        """Moves a damaged file aside (kept) so a new, empty one can be started.

        Takes the folder lock: raises DataInUseError (and moves nothing) when
        another process has the data open.
        """
        with self._lock:
            self._close_locked()
            with self._folder_locked():
                return repo_module.start_fresh(self.folder)

    def restore_last_good(self) -> Path:
        with self._lock:
            codec = self._current_codec()
            if codec is None and encrypted.is_set_up(self.folder):
                raise LockedError("the data is locked")
            self._close_locked()
            with self._folder_locked():
                return repo_module.restore_last_good(self.folder, codec)

    @contextlib.contextmanager
    def _folder_locked(self) -> Iterator[None]:
        """Holds the folder's OS lock; DataInUseError when another process has it."""
        try:
            self.folder.mkdir(parents=True, exist_ok=True, mode=FOLDER_MODE)
        except OSError as exc:
            raise StorageError(f"cannot create the data folder: {exc}") from exc
        folder_lock = FolderLock(self.folder)
        if not folder_lock.acquire():
            raise DataInUseError("another copy of the app is using this data")
        try:
            yield
        finally:
            folder_lock.release()

    def _close_locked(self) -> None:
        if self._coach is not None:
            self._coach.close()
            self._coach = None
        if self._repo is not None:
            self._repo.close()
            self._repo = None

    def close(self) -> None:
        with self._lock:
            self._close_locked()
