"""The native scrypt (passphrase) recipient type (c2sp.org/age, "scrypt").

Stanza ``-> scrypt <base64 16-byte salt> <log2 work factor>`` with body::

    wrap key = scrypt(N = work factor, r = 8, p = 1, dkLen = 32,
        S = "age-encryption.org/v1/scrypt" || salt, P = passphrase)
    body = ChaCha20-Poly1305(key = wrap key, plaintext = file key)

The identity side *"MUST reject any scrypt stanza that has more or less than
three arguments, where the second argument is not a canonical base64 encoding
of a 16-byte value, or where the third argument is not a decimal number
composed of only digits with no leading zeroes"* and *"SHOULD apply an upper
limit to the work factor"* — here ``max_work_factor`` (default 22), enforced
before any key derivation so a hostile file cannot make us burn CPU/memory.

Memory: scrypt needs about ``128 * r * 2**work_factor`` bytes, i.e. 256 MiB at
the age CLI's default of 18 and 4 GiB at 22.  Running out of memory is reported as
:class:`WorkFactorTooHighError` rather than crashing.

This app encrypts at 16 (64 MiB; about 0.2 s here, 1-1.5 s on a cheap phone), not at
age's 18: a phone with 2 GB of RAM, whose Flet app already holds a few hundred MB, may
be killed for 256 MiB more.  Files made at 18 (by ``age -p``) still open: the limit on
reading is ``max_work_factor``.  The measurements are in :mod:`bridge.storage.backup`.

Passphrases are encoded as UTF-8 without normalisation, exactly like the age
CLI, so files stay interoperable.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from cryptography.hazmat.primitives.kdf.scrypt import Scrypt

from . import b64
from .errors import MalformedHeaderError, WorkFactorTooHighError
from .header import Stanza
from .primitives import (
    FILE_KEY_SIZE,
    TAG_SIZE,
    RandFunc,
    aead_decrypt_file_key,
    aead_encrypt_file_key,
    checked_random,
)

__all__ = [
    "AGE_DEFAULT_WORK_FACTOR",
    "DEFAULT_MAX_WORK_FACTOR",
    "DEFAULT_WORK_FACTOR",
    "STANZA_TYPE",
    "ScryptIdentity",
    "ScryptRecipient",
]

STANZA_TYPE = "scrypt"
AGE_DEFAULT_WORK_FACTOR = 18
"""What ``age -p`` uses (256 MiB): the most common factor of files made elsewhere."""
DEFAULT_WORK_FACTOR = 16
"""What this app encrypts with (64 MiB): what a 2 GB phone can bear (see the module text)."""
DEFAULT_MAX_WORK_FACTOR = 22
_SALT_LABEL = b"age-encryption.org/v1/scrypt"
_SALT_SIZE = 16
_MAX_SUPPORTED_WORK_FACTOR = 30  # same bound as the reference implementation
# ``%x31-39 *DIGIT`` — ASCII digits only (``\d`` would accept other scripts).
_WORK_FACTOR_RE = re.compile(r"[1-9][0-9]*")


def _encode_passphrase(passphrase: str) -> bytes:
    if not isinstance(passphrase, str) or not passphrase:
        raise ValueError("The passphrase must be a non-empty string.")
    try:
        return passphrase.encode("utf-8")
    except UnicodeEncodeError:
        raise ValueError("The passphrase contains characters that cannot be encoded.") from None


def _derive_wrap_key(passphrase: bytes, salt: bytes, work_factor: int) -> bytes:
    kdf = Scrypt(salt=_SALT_LABEL + salt, length=32, n=1 << work_factor, r=8, p=1)
    try:
        return kdf.derive(passphrase)
    except MemoryError:
        raise WorkFactorTooHighError(
            "Not enough memory to check the passphrase of this file."
        ) from None


class ScryptRecipient:
    """Encrypt to a passphrase.  Must be the *only* recipient of a file.

    ``work_factor`` is log2(N); the default 16 needs 64 MiB (age's own 18: 256 MiB).
    """

    __slots__ = ("_passphrase", "_work_factor")

    def __init__(self, passphrase: str, work_factor: int = DEFAULT_WORK_FACTOR) -> None:
        self._passphrase = _encode_passphrase(passphrase)
        if (
            isinstance(work_factor, bool)
            or not isinstance(work_factor, int)
            or not 1 <= work_factor <= _MAX_SUPPORTED_WORK_FACTOR
        ):
            raise ValueError("The scrypt work factor must be an integer from 1 to 30.")
        self._work_factor = work_factor

    @property
    def work_factor(self) -> int:
        """log2 of the scrypt N parameter used when encrypting."""
        return self._work_factor

    def __repr__(self) -> str:
        return f"ScryptRecipient(work_factor={self._work_factor})"

    def wrap_file_key(self, file_key: bytes, rand: RandFunc) -> list[Stanza]:
        """Produce the ``-> scrypt`` stanza (fresh 16-byte salt each time)."""
        salt = checked_random(rand, _SALT_SIZE)
        wrap_key = _derive_wrap_key(self._passphrase, salt, self._work_factor)
        body = aead_encrypt_file_key(wrap_key, file_key)
        args = (b64.encode(salt).decode("ascii"), str(self._work_factor))
        return [Stanza(STANZA_TYPE, args, body)]


class ScryptIdentity:
    """Decrypt with a passphrase, refusing work factors above ``max_work_factor``."""

    __slots__ = ("_max_work_factor", "_passphrase")

    def __init__(self, passphrase: str, max_work_factor: int = DEFAULT_MAX_WORK_FACTOR) -> None:
        self._passphrase = _encode_passphrase(passphrase)
        if (
            isinstance(max_work_factor, bool)
            or not isinstance(max_work_factor, int)
            or not 1 <= max_work_factor <= _MAX_SUPPORTED_WORK_FACTOR
        ):
            raise ValueError("max_work_factor must be an integer from 1 to 30.")
        self._max_work_factor = max_work_factor

    @property
    def max_work_factor(self) -> int:
        """The largest log2(N) this identity will attempt."""
        return self._max_work_factor

    def __repr__(self) -> str:
        return f"ScryptIdentity(max_work_factor={self._max_work_factor})"

    def _parse_work_factor(self, text: str) -> int:
        if not _WORK_FACTOR_RE.fullmatch(text):
            raise MalformedHeaderError("The scrypt work factor is not a canonical decimal number.")
        # Compare lengths first: int() of a huge digit string is slow/refused.
        if len(text) > len(str(self._max_work_factor)) or int(text) > self._max_work_factor:
            raise WorkFactorTooHighError(
                "This file's passphrase protection is set to an unusually high cost; "
                "it was refused to protect this device."
            )
        return int(text)

    def unwrap_file_key(self, stanzas: Sequence[Stanza]) -> bytes | None:
        """Return the file key if the passphrase opens the scrypt stanza.

        ``None`` means "not for me / wrong passphrase"; the caller turns that
        into :class:`~bridge.crypto.errors.WrongPassphraseError`.
        """
        for stanza in stanzas:
            if stanza.type != STANZA_TYPE:
                continue
            # "An scrypt stanza, if present, MUST be the only stanza in the header."
            if len(stanzas) != 1:
                raise MalformedHeaderError("A passphrase-protected file must have one recipient.")
            if len(stanza.args) != 2:
                raise MalformedHeaderError("An scrypt stanza has the wrong number of arguments.")
            salt = b64.decode_arg(stanza.args[0], "scrypt salt")
            if len(salt) != _SALT_SIZE:
                raise MalformedHeaderError("An scrypt salt has the wrong length.")
            work_factor = self._parse_work_factor(stanza.args[1])
            if len(stanza.body) != FILE_KEY_SIZE + TAG_SIZE:
                raise MalformedHeaderError("An scrypt stanza body has the wrong length.")
            wrap_key = _derive_wrap_key(self._passphrase, salt, work_factor)
            file_key = aead_decrypt_file_key(wrap_key, stanza.body)
            if file_key is not None:
                return file_key
        return None
