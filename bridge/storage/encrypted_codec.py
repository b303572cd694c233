"""The `Codec` of an encrypted `bridge.db`: TinyDB's dict as JSON inside the at-rest AEAD.

Nothing above the `Codec` notices the encryption: `AtomicFile` keeps writing the
bytes this codec makes atomically. Every save costs only the AEAD; the scrypt
runs once, in `new_codec` (set-up, passcode change) or `bridge.storage.encrypted.unlock`.
"""

from __future__ import annotations

import os
from typing import Any

from bridge.crypto import at_rest
from bridge.crypto.at_rest import Header, ScryptParams
from bridge.crypto.primitives import RandFunc, constant_time_equal
from bridge.storage.atomic_file import JsonCodec
from bridge.storage.errors import LockedError, NewerDataError, WrongPasscodeError

__all__ = ["EncryptedCodec", "new_codec"]


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

    def open_bytes(self, raw: bytes) -> bytes:
        """The plaintext of bytes sealed under this key (`seal_bytes`).

        Raises `at_rest.DamagedFileError` (a ValueError) for damage,
        WrongPasscodeError for another key, NewerDataError for a newer format.
        """
        key = self._live_key()
        try:
            return at_rest.open_(key, raw)
        except at_rest.WrongPasscodeError:
            raise WrongPasscodeError("this file does not open with this passcode") from None
        except at_rest.NewerFormatError:
            raise NewerDataError("this data was saved by a newer version of the app") from None

    def decode(self, raw: bytes) -> dict[str, Any]:
        return self._json.decode(self.open_bytes(raw))

    def matches(self, passcode: str) -> bool:
        """True when `passcode` is the one this codec was unlocked with (runs scrypt)."""
        try:
            key = at_rest.derive_key(passcode, self._header.salt, self._header.params)
        except ValueError:
            return False
        return self._key is not None and constant_time_equal(key, self._key)


def new_codec(passcode: str, params: ScryptParams, rand: RandFunc = os.urandom) -> EncryptedCodec:
    """A codec under a fresh salt for `passcode` (runs scrypt once)."""
    salt = at_rest.new_salt(rand)
    key = at_rest.derive_key(passcode, salt, params)
    return EncryptedCodec(key, at_rest.make_header(key, salt, params), rand=rand)
