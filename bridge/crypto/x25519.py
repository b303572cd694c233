"""The native X25519 recipient type (c2sp.org/age, "The X25519 recipient type").

Key encodings::

    identity  = read(CSPRNG, 32)             Bech32, HRP "AGE-SECRET-KEY-"
    recipient = X25519(identity, basepoint)  Bech32, HRP "age"

Stanza ``-> X25519 <base64 ephemeral share>`` with body::

    ephemeral share = X25519(ephemeral secret, basepoint)
    salt = ephemeral share || recipient
    info = "age-encryption.org/v1/X25519"
    shared secret = X25519(ephemeral secret, recipient)
    wrap key = HKDF-SHA-256(ikm = shared secret, salt, info)
    body = ChaCha20-Poly1305(key = wrap key, plaintext = file key)

Case rules follow the reference implementation: recipients are lowercase
``age1…``, identities uppercase ``AGE-SECRET-KEY-1…``; anything else is
rejected so that two spellings never name the same key in the UI.
"""

from __future__ import annotations

import os
from collections.abc import Sequence

from cryptography.hazmat.primitives.asymmetric.x25519 import X25519PrivateKey, X25519PublicKey

from . import b64, bech32
from .errors import InvalidKeyError, MalformedHeaderError
from .header import Stanza
from .primitives import (
    FILE_KEY_SIZE,
    TAG_SIZE,
    RandFunc,
    aead_decrypt_file_key,
    aead_encrypt_file_key,
    checked_random,
    hkdf_sha256,
)

__all__ = [
    "IDENTITY_HRP",
    "RECIPIENT_HRP",
    "STANZA_TYPE",
    "X25519Identity",
    "X25519Recipient",
    "x25519",
    "x25519_base",
]

RECIPIENT_HRP = "age"
IDENTITY_HRP = "age-secret-key-"
STANZA_TYPE = "X25519"
_INFO = b"age-encryption.org/v1/X25519"
_KEY_SIZE = 32
# Any fixed scalar works for the low-order test: clamped scalars are multiples
# of the cofactor 8, so X25519(k, u) is all-zero exactly when u has low order.
_PROBE_SCALAR = bytes(range(1, 33))


def x25519(scalar: bytes, u: bytes) -> bytes:
    """RFC 7748 ``X25519(k, u)`` (clamping and u masking done by the library).

    Raises ``ValueError`` when the result is the all-zero value (low-order u);
    the spec says *"If the shared secret is all 0x00 bytes, the identity
    implementation MUST abort."*
    """
    private = X25519PrivateKey.from_private_bytes(scalar)
    shared = private.exchange(X25519PublicKey.from_public_bytes(u))
    if shared == bytes(len(shared)):  # the library already refuses; belt and braces
        raise ValueError("X25519 produced the all-zero value.")
    return shared


def x25519_base(scalar: bytes) -> bytes:
    """``X25519(k, basepoint)``: the public key of ``scalar``."""
    return X25519PrivateKey.from_private_bytes(scalar).public_key().public_bytes_raw()


class X25519Recipient:
    """An X25519 public key (``age1…``): who a file is encrypted *to*."""

    __slots__ = ("_public",)

    def __init__(self, public_key: bytes) -> None:
        if len(public_key) != _KEY_SIZE:
            raise InvalidKeyError("An X25519 public key must be 32 bytes.")
        try:
            x25519(_PROBE_SCALAR, public_key)
        except ValueError:
            raise InvalidKeyError("This public key is not usable (low-order point).") from None
        self._public = bytes(public_key)

    @classmethod
    def parse(cls, text: str) -> X25519Recipient:
        """Parse a canonical ``age1…`` string (no whitespace, lowercase)."""
        try:
            hrp, data = bech32.decode_bytes(text)
        except bech32.Bech32Error:
            raise InvalidKeyError(
                "This is not a valid age public key (mistyped or incomplete?)."
            ) from None
        if hrp != RECIPIENT_HRP:
            raise InvalidKeyError("This is not an age public key (it must start with age1).")
        if text != text.lower():
            raise InvalidKeyError("An age public key must be written in lowercase.")
        return cls(data)

    @property
    def public_bytes(self) -> bytes:
        """The raw 32-byte X25519 public key."""
        return self._public

    def to_string(self) -> str:
        """The canonical ``age1…`` encoding."""
        return bech32.encode_bytes(RECIPIENT_HRP, self._public)

    def __str__(self) -> str:
        return self.to_string()

    def __repr__(self) -> str:
        return f"X25519Recipient({self.to_string()!r})"

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, X25519Recipient):
            return NotImplemented
        return self._public == other._public

    def __hash__(self) -> int:
        return hash((X25519Recipient, self._public))

    def wrap_file_key(self, file_key: bytes, rand: RandFunc) -> list[Stanza]:
        """Produce the ``-> X25519`` stanza wrapping ``file_key`` for this key."""
        ephemeral_secret = checked_random(rand, _KEY_SIZE)
        ephemeral_share = x25519_base(ephemeral_secret)
        try:
            shared_secret = x25519(ephemeral_secret, self._public)
        except ValueError:
            raise InvalidKeyError("This public key is not usable (low-order point).") from None
        salt = ephemeral_share + self._public
        wrap_key = hkdf_sha256(shared_secret, salt, _INFO)
        body = aead_encrypt_file_key(wrap_key, file_key)
        return [Stanza(STANZA_TYPE, (b64.encode(ephemeral_share).decode("ascii"),), body)]


class X25519Identity:
    """An X25519 secret key (``AGE-SECRET-KEY-1…``): who can decrypt.

    ``repr`` shows only the public recipient so secrets do not leak into logs.
    """

    __slots__ = ("_recipient", "_secret")

    def __init__(self, secret_key: bytes) -> None:
        if len(secret_key) != _KEY_SIZE:
            raise InvalidKeyError("An X25519 secret key must be 32 bytes.")
        self._secret = bytes(secret_key)
        self._recipient = X25519Recipient(x25519_base(self._secret))

    @classmethod
    def generate(cls, rand: RandFunc = os.urandom) -> X25519Identity:
        """A fresh identity: ``identity = read(CSPRNG, 32)``."""
        return cls(checked_random(rand, _KEY_SIZE))

    @classmethod
    def parse(cls, text: str) -> X25519Identity:
        """Parse a canonical ``AGE-SECRET-KEY-1…`` string (uppercase only)."""
        try:
            hrp, data = bech32.decode_bytes(text)
        except bech32.Bech32Error:
            raise InvalidKeyError("This is not a valid age secret key.") from None
        if hrp != IDENTITY_HRP:
            raise InvalidKeyError(
                "This is not an age secret key (it must start with AGE-SECRET-KEY-1)."
            )
        if text != text.upper():
            raise InvalidKeyError("An age secret key must be written in uppercase.")
        return cls(data)

    @property
    def recipient(self) -> X25519Recipient:
        """The public key matching this identity."""
        return self._recipient

    def to_string(self) -> str:
        """The canonical uppercase ``AGE-SECRET-KEY-1…`` encoding (secret!)."""
        return bech32.encode_bytes(IDENTITY_HRP, self._secret).upper()

    def __repr__(self) -> str:
        return f"X25519Identity(recipient={self._recipient.to_string()!r})"

    def unwrap_file_key(self, stanzas: Sequence[Stanza]) -> bytes | None:
        """Return the file key if a stanza is addressed to us, else ``None``.

        *"The identity implementation MUST ignore any stanza that does not have
        X25519 as the first argument, and MUST otherwise reject any stanza that
        has more or less than two arguments, or where the second argument is
        not a canonical base64 encoding of a 32-byte value.  It MUST check that
        the body length is exactly 32 bytes before attempting to decrypt it."*
        """
        for stanza in stanzas:
            if stanza.type != STANZA_TYPE:
                continue
            if len(stanza.args) != 1:
                raise MalformedHeaderError("An X25519 stanza has the wrong number of arguments.")
            share = b64.decode_arg(stanza.args[0], "X25519 ephemeral share")
            if len(share) != _KEY_SIZE:
                raise MalformedHeaderError("An X25519 ephemeral share has the wrong length.")
            if len(stanza.body) != FILE_KEY_SIZE + TAG_SIZE:
                raise MalformedHeaderError("An X25519 stanza body has the wrong length.")
            try:
                shared_secret = x25519(self._secret, share)
            except ValueError:
                raise MalformedHeaderError(
                    "An X25519 stanza uses an invalid (low-order) ephemeral share."
                ) from None
            salt = share + self._recipient.public_bytes
            wrap_key = hkdf_sha256(shared_secret, salt, _INFO)
            file_key = aead_decrypt_file_key(wrap_key, stanza.body)
            if file_key is not None:
                return file_key
        return None
