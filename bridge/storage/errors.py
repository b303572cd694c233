"""The ways keeping data can fail, each with a `code` the screens translate."""

from __future__ import annotations

from pathlib import Path


class StorageError(Exception):
    """Saving or reading failed; what was saved before is still there."""

    code = "storage_failed"


class DamagedDataError(StorageError):
    """The data file cannot be read. It is left exactly as it is."""

    code = "damaged"

    def __init__(self, path: Path, reason: str) -> None:
        super().__init__(f"{path.name} cannot be read: {reason}")
        self.path = path
        self.reason = reason


class NewerDataError(StorageError):
    """The data was written by a newer version of the app; this version must not touch it."""

    code = "newer_data"


class DataInUseError(StorageError):
    """Another copy of the app has this data open; only one may write at a time."""

    code = "in_use"


class WrongPasscodeError(StorageError):
    """The passcode does not open the data. Deliberately not a ValueError (that means damage)."""

    code = "wrong_passcode"


class TooManyAttemptsError(StorageError):
    """Too many wrong passcodes in a row: wait `seconds` before the next try."""

    code = "too_many_attempts"

    def __init__(self, seconds: float) -> None:
        super().__init__(f"too many wrong passcodes; try again in {seconds:.0f} s")
        self.seconds = seconds


#: The name the issue uses.
TooManyAttempts = TooManyAttemptsError


class WeakPasscodeError(StorageError):
    """A new passcode does not follow the rules; `code` is "empty" or "too_short"."""

    code = "too_short"

    def __init__(self, code: str) -> None:
        super().__init__(f"the passcode is not allowed: {code}")
        self.code = code


class UnreadablePasscodeError(WeakPasscodeError):
    """A new passcode holds a character that cannot be stored (an unpaired surrogate)."""

    def __init__(self) -> None:
        super().__init__("unreadable")


class LockedError(StorageError):
    """The data is encrypted and not unlocked yet (or locked again): ask for the passcode."""

    code = "locked"


class NotSetUpError(StorageError):
    """No passcode has been set up for this data folder."""

    code = "not_set_up"


class AlreadySetUpError(StorageError):
    """A passcode is already set up for this data folder."""

    code = "already_set_up"


class BackupError(StorageError):
    """A backup cannot be made, read or restored.

    `code` is one of "wrong_passphrase", "damaged", "not_a_backup",
    "newer_version", "too_large".
    """

    code = "damaged"

    def __init__(self, code: str, message: str) -> None:
        super().__init__(message)
        self.code = code
