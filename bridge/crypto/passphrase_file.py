"""Opening an age file sealed with a passphrase (scrypt), with one code for each way it fails.

Backups of a client's data and of a coach's key are both such files. Each caller checks the
size and the passphrase in its own order and turns the code into its own error.
"""

from __future__ import annotations

import io

from bridge.crypto.age import decrypt_file
from bridge.crypto.armor import BEGIN
from bridge.crypto.errors import (
    AgeError,
    NoMatchingIdentityError,
    TooLargeError,
    WrongPassphraseError,
)
from bridge.crypto.scrypt import ScryptIdentity

__all__ = ["PassphraseFileError", "looks_like_age", "open_passphrase_file"]


class PassphraseFileError(Exception):
    """``code``: "wrong_passphrase"; "no_passphrase" (sealed to someone's key instead);
    "too_large" (more plaintext than ``max_size``); "damaged" (anything else: ``detail`` says
    which rule of the format failed)."""

    def __init__(self, code: str, detail: str = "") -> None:
        super().__init__(f"{code}: {detail}" if detail else code)
        self.code = code
        self.detail = detail


def looks_like_age(data: bytes) -> bool:
    """True when `data` starts as an age file does, armored or binary (nothing decoded)."""
    return data.lstrip(b" \t\r\n").startswith(BEGIN) or data.startswith(b"age-encryption.org/")


def open_passphrase_file(
    data: bytes, passphrase: str, *, max_work_factor: int, max_size: int
) -> bytes:
    """The plaintext (slow: scrypt); raises PassphraseFileError, never releases unchecked data.

    Decrypted as a stream (armor too): besides `data`, only the plaintext is held whole, once.
    For armored `data`, ``max_size`` is checked while decrypting, after the passphrase; the
    callers refuse an oversized file before this (its size bounds the plaintext).
    """
    identities = [ScryptIdentity(passphrase, max_work_factor)]
    plaintext = io.BytesIO()
    try:
        decrypt_file(io.BytesIO(data), plaintext, identities, max_size=max_size)
    except WrongPassphraseError:
        raise PassphraseFileError("wrong_passphrase") from None
    except NoMatchingIdentityError:
        raise PassphraseFileError("no_passphrase") from None
    except TooLargeError:
        raise PassphraseFileError("too_large") from None
    except AgeError as exc:
        raise PassphraseFileError("damaged", exc.code) from None
    return plaintext.getvalue()
