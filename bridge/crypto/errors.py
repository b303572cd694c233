"""Exceptions raised by :mod:`bridge.crypto`.

Why a single hierarchy: the UI must be able to catch *one* base class
(:class:`AgeError`) around any decrypt/encrypt/parse call and show a translated
message, keyed on the stable :attr:`AgeError.code`.  The English ``str(exc)`` is
for logs and developers only.

Rules every raiser in this package follows:

* messages never contain secret material (no identities, passphrases, file
  keys, plaintext) and never echo user input back, because exception text
  tends to end up in logs and crash reports;
* codes are stable API: the UI maps them to translations, so never rename one.

Stable codes:

=========================  =====================================================
code                       meaning
=========================  =====================================================
``bad_key``                a key/recipient string is malformed (checksum, case,
                           prefix, length) or is not a usable public key
``secret_key_not_recipient``  a secret key was given where a public key belongs
``no_recipients``          encrypt() was given no recipients
``scrypt_not_alone``       a passphrase recipient was mixed with other recipients
``no_identity_matched``    none of the given identities can open the file
``wrong_passphrase``       the file is passphrase-protected, passphrase is wrong
``empty_input``            the input is empty
``malformed_header``       the header is not valid age v1
``unsupported_version``    an age file of a version other than v1
``header_mac``             the header was modified (MAC mismatch)
``bad_armor``              the ASCII armor is malformed
``payload_damaged``        a payload chunk failed authentication / is malformed
``truncated``              the payload ends before its final chunk
``trailing_data``          there are bytes after the final chunk
``work_factor_too_high``   the scrypt work factor exceeds the allowed maximum
``too_large``              the plaintext would exceed ``max_size``
=========================  =====================================================
"""

from __future__ import annotations

__all__ = [
    "AgeError",
    "ArmorError",
    "HeaderMacError",
    "InvalidKeyError",
    "InvalidRecipientsError",
    "MalformedHeaderError",
    "NoMatchingIdentityError",
    "PayloadError",
    "TooLargeError",
    "UnsupportedVersionError",
    "WorkFactorTooHighError",
    "WrongPassphraseError",
]


#: What a person is told for each code, as a catalog key (``bridge/content``). The
#: callers mostly wrap these errors in their own (a backup, a summary, a coach's
#: key); these keys are for an age error that reaches a screen as it is. Codes
#: that only a programming mistake causes have none: the screen's own words show.
_MESSAGE_KEYS = {
    "bad_key": "crypto.error.bad_key",
    "secret_key_not_recipient": "crypto.error.secret_key",
    "no_identity_matched": "crypto.error.not_for_you",
    "wrong_passphrase": "crypto.error.wrong_passphrase",
    "too_large": "crypto.error.too_large",
    "empty_input": "crypto.error.damaged",
    "malformed_header": "crypto.error.damaged",
    "unsupported_version": "crypto.error.damaged",
    "header_mac": "crypto.error.damaged",
    "bad_armor": "crypto.error.damaged",
    "payload_damaged": "crypto.error.damaged",
    "truncated": "crypto.error.damaged",
    "trailing_data": "crypto.error.damaged",
    "work_factor_too_high": "crypto.error.damaged",
}


class AgeError(Exception):
    """Base class of every error this package raises on bad input.

    ``code`` is a stable machine-readable identifier (see module docstring);
    each subclass has a default and some raise sites pick a more specific one.
    ``message_key`` and ``params`` are what a screen shows (see
    ``bridge.ui.messages.message_for``).
    """

    default_code = "age_error"

    def __init__(self, message: str, *, code: str | None = None) -> None:
        super().__init__(message)
        self.code: str = code if code is not None else self.default_code

    @property
    def message(self) -> str:
        """The English, person-readable message (never contains secrets)."""
        return str(self.args[0]) if self.args else ""

    @property
    def message_key(self) -> str | None:
        """The catalog key of the text a person reads, or None for the screen's own words."""
        return _MESSAGE_KEYS.get(self.code)

    @property
    def params(self) -> dict[str, object]:
        """Values for the placeholders of :attr:`message_key` (none: nothing is echoed)."""
        return {}


class InvalidKeyError(AgeError):
    """A recipient or identity string could not be parsed or used."""

    default_code = "bad_key"


class InvalidRecipientsError(AgeError):
    """The set of recipients given to ``encrypt`` is not allowed."""

    default_code = "no_recipients"


class NoMatchingIdentityError(AgeError):
    """No identity could unwrap any recipient stanza of the file."""

    default_code = "no_identity_matched"


class WrongPassphraseError(NoMatchingIdentityError):
    """The file is passphrase-encrypted and the passphrase did not open it."""

    default_code = "wrong_passphrase"


class MalformedHeaderError(AgeError):
    """The header does not follow the age v1 grammar or a stanza is invalid."""

    default_code = "malformed_header"


class UnsupportedVersionError(AgeError):
    """The file is an age file, but not of version v1."""

    default_code = "unsupported_version"


class HeaderMacError(AgeError):
    """The header MAC did not verify: the header was tampered with."""

    default_code = "header_mac"


class ArmorError(AgeError):
    """The ASCII armor (PEM) wrapping is malformed."""

    default_code = "bad_armor"


class PayloadError(AgeError):
    """The encrypted payload is damaged, truncated or followed by extra data.

    ``code`` is one of ``payload_damaged``, ``truncated``, ``trailing_data``.
    """

    default_code = "payload_damaged"


class WorkFactorTooHighError(AgeError):
    """The scrypt work factor is above the caller's limit (or memory ran out)."""

    default_code = "work_factor_too_high"


class TooLargeError(AgeError):
    """The decrypted plaintext would be larger than the caller allows."""

    default_code = "too_large"
