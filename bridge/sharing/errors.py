"""The ways pairing with a coach and opening a summary can fail.

Each error has a stable ``code`` and a ``message_key`` plus ``params`` for the
catalog, so a screen shows ``message_for(t, error, fallback_key)`` (from
``bridge.ui.messages``).  The English ``str(error)`` is for logs: it never holds
a key, a note or any other content of the summary.
"""

from __future__ import annotations

from collections.abc import Mapping

from bridge.crypto import AgeError

__all__ = [
    "BadSignatureError",
    "DamagedSummaryError",
    "EmptyInputError",
    "NewerVersionError",
    "NotASummaryError",
    "NotForYouError",
    "PairingError",
    "SignerChangedError",
    "SummaryError",
    "SummaryTooLargeError",
    "WeakSignerKeyError",
    "WrongCoachError",
]


class PairingError(ValueError):
    """The coach's key or name was refused; nothing was saved.

    ``code`` is ``bad_key``, ``name_missing`` or ``name_too_long``.  For
    ``bad_key`` the age error's own code stays in ``age_code`` (e.g.
    ``secret_key_not_recipient`` when a secret key was pasted by mistake).
    """

    def __init__(
        self,
        code: str,
        message: str,
        *,
        age_code: str | None = None,
        params: Mapping[str, object] | None = None,
    ) -> None:
        super().__init__(message)
        self.code = code
        self.age_code = age_code
        self.params: dict[str, object] = dict(params or {})

    @property
    def message_key(self) -> str:
        """The catalog key of the text the pairing screen shows."""
        if self.age_code == "secret_key_not_recipient":
            return "share.error.secret_key"
        return f"share.error.{self.code}"


class SummaryError(Exception):
    """A summary could not be opened. Nothing of its content is returned."""

    code = "summary_error"

    def __init__(self, message: str) -> None:
        super().__init__(message)

    @property
    def message(self) -> str:
        """The English, person-readable message (never holds secrets)."""
        return str(self.args[0]) if self.args else ""

    @property
    def message_key(self) -> str:
        """The catalog key of the text the import screen shows."""
        return f"coach.import.error.{self.code}"

    @property
    def params(self) -> dict[str, object]:
        """Values for the placeholders of :attr:`message_key`."""
        return {}


class EmptyInputError(SummaryError):
    code = "empty"


class SummaryTooLargeError(SummaryError):
    code = "too_large"


class DamagedSummaryError(SummaryError):
    """Not an age file, or a damaged, changed or incomplete one.

    The age error is kept as ``__cause__`` and its code in ``age_code``.
    """

    code = "damaged"

    def __init__(self, message: str, age_error: AgeError | None = None) -> None:
        super().__init__(message)
        self.age_code = age_error.code if age_error is not None else None


class NotForYouError(SummaryError):
    """The file was encrypted for another key than this coach's."""

    code = "not_for_you"


class NotASummaryError(SummaryError):
    """The file opened, but what is inside is not a Bridge summary."""

    code = "not_a_summary"


class NewerVersionError(SummaryError):
    """A summary of a format version this app does not know yet."""

    code = "newer_version"


class BadSignatureError(SummaryError):
    """The signature does not verify, or does not belong to the client it names."""

    code = "bad_signature"


class WeakSignerKeyError(SummaryError):
    """Signed with a key that proves nothing (small order or not canonical): one fixed
    signature made with such a key fits every summary, so nobody can tell who made it."""

    code = "weak_signer_key"


class WrongCoachError(SummaryError):
    """Signed by the client for another coach, then encrypted again for this one.

    The client chose who reads their summary; a copy passed on by someone else
    is refused, however genuine its signature.
    """

    code = "wrong_coach"


class SignerChangedError(SummaryError):
    """Validly signed, but by another key than the one pinned for this client.

    ``pinned_fingerprint`` and ``new_fingerprint`` are short codes (see
    :func:`bridge.sharing.signing_key.signer_fingerprint`) that coach and
    client can compare aloud.
    """

    code = "signer_changed"

    def __init__(
        self, message: str, *, client_id: str, pinned_fingerprint: str, new_fingerprint: str
    ) -> None:
        super().__init__(message)
        self.client_id = client_id
        self.pinned_fingerprint = pinned_fingerprint
        self.new_fingerprint = new_fingerprint

    @property
    def params(self) -> dict[str, object]:
        return {"pinned": self.pinned_fingerprint, "new": self.new_fingerprint}
