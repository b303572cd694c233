"""Which passcodes are allowed: a PIN of at least 6 digits, or a phrase of at least 8 characters."""

from __future__ import annotations

from bridge.storage.errors import UnreadablePasscodeError, WeakPasscodeError

__all__ = ["MIN_DIGITS", "MIN_PHRASE_LENGTH", "check_passcode", "require_allowed"]

MIN_DIGITS = 6
MIN_PHRASE_LENGTH = 8


def _encodable(text: str) -> bool:
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:  # an unpaired surrogate ("\ud800"): no bytes to derive a key from
        return False
    return True


def check_passcode(text: str) -> str | None:
    """None when `text` may be a passcode, else the reason: "empty", "too_short" or "unreadable".

    Allowed: at least 6 digits (a PIN), or a passphrase of at least 8 characters,
    all of them characters that can be stored (UTF-8).
    """
    if not isinstance(text, str) or not text.strip():
        return "empty"
    if not _encodable(text):
        return "unreadable"
    if text.isdecimal():
        return None if len(text) >= MIN_DIGITS else "too_short"
    return None if len(text) >= MIN_PHRASE_LENGTH else "too_short"


def require_allowed(passcode: str) -> None:
    """Raises WeakPasscodeError (UnreadablePasscodeError for "unreadable") unless allowed."""
    problem = check_passcode(passcode)
    if problem == "unreadable":
        raise UnreadablePasscodeError()
    if problem is not None:
        raise WeakPasscodeError(problem)
