"""The ways keeping data can fail: each has a stable `code`, and a `message_key` with `params`.

The screens show an error with `bridge.ui.messages.message_for(t, error, fallback_key)`. A
`message_key` of None means the error has nothing to add to the screen's own words ("Opening
did not work. Your data has not changed."), so the screen's fallback is shown.
"""

from __future__ import annotations

import math
from pathlib import Path


class StorageError(Exception):
    """Saving or reading failed; what was saved before is still there."""

    code = "storage_failed"
    #: The catalog key of what the person is told, or None for the screen's own words.
    message_key: str | None = None

    @property
    def params(self) -> dict[str, object]:
        """Values for the placeholders of `message_key` (never a passcode or other secret)."""
        return {}


class DamagedDataError(StorageError):
    """The data file cannot be read. It is left exactly as it is."""

    code = "damaged"
    message_key = "damaged.text"

    def __init__(self, path: Path, reason: str) -> None:
        super().__init__(f"{path.name} cannot be read: {reason}")
        self.path = path
        self.reason = reason


class NewerDataError(StorageError):
    """The data was written by a newer version of the app; this version must not touch it."""

    code = "newer_data"
    message_key = "damaged.newer_text"


class DataInUseError(StorageError):
    """Another copy of the app has this data open; only one may write at a time."""

    code = "in_use"
    message_key = "damaged.in_use_text"


class WrongPasscodeError(StorageError):
    """The passcode does not open the data. Deliberately not a ValueError (that means damage)."""

    code = "wrong_passcode"
    message_key = "lock.wrong"


class WrongCurrentPasscodeError(WrongPasscodeError):
    """Changing the passcode: the current one, typed to prove it is you, is not right."""

    message_key = "privacy.old_code_wrong"


class TooManyAttemptsError(StorageError):
    """Too many wrong passcodes in a row: wait `seconds` before the next try."""

    code = "too_many_attempts"
    #: A plural text: "lock.wait.one" / "lock.wait.other", with `count` whole seconds.
    message_key = "lock.wait"

    def __init__(self, seconds: float) -> None:
        super().__init__(f"too many wrong passcodes; try again in {seconds:.0f} s")
        self.seconds = seconds

    @property
    def params(self) -> dict[str, object]:
        # Rounded up: "wait 1 second" while 0.3 s are left, never "wait 0 seconds".
        return {"count": max(1, math.ceil(self.seconds))}


#: The name the issue uses.
TooManyAttempts = TooManyAttemptsError


class WeakPasscodeError(StorageError):
    """A new passcode does not follow the rules; `code` is "empty" or "too_short"."""

    code = "too_short"

    def __init__(self, code: str) -> None:
        super().__init__(f"the passcode is not allowed: {code}")
        self.code = code
        self.message_key = f"passcode.error.{code}"


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

    `code` is one of `CODES`; each has its text "privacy.backup_error.<code>".
    """

    code = "damaged"
    CODES = (
        "wrong_passphrase",
        "damaged",
        "not_a_backup",
        "newer_version",
        "too_large",
        "bad_passphrase",
    )

    def __init__(self, code: str, message: str) -> None:
        super().__init__(message)
        self.code = code
        self.message_key = f"privacy.backup_error.{code}"
