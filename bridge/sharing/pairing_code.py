"""The text a client pairs with, and the one short code that covers both of the coach's keys.

The coach's key screen shows (as text and as a QR code) two tokens::

    age1…  bridgesign1…

the age recipient (clients seal summaries to it) and the coach's Ed25519 public
key as Bech32 with the human-readable part ``bridgesign`` (the client's app
checks a plan's signature with it). :func:`parse_pairing_text` reads that text
with spaces and line breaks anywhere and the two tokens in either order, and
the old text too: an ``age1…`` key alone (then there is no signing key).

:func:`pairing_fingerprint` gives four groups of four digits to compare aloud::

    digest = SHA-256("bridge-pairing-v1\\n" || recipient (32 bytes) || signing key (32 bytes))
    group i (i = 0..3) = big-endian int(digest[5*i : 5*i+5]) mod 10000

so one code covers both keys. Without a signing key (an old pairing) it is
exactly :func:`bridge.crypto.fingerprint` of the recipient, the code both
phones showed before.
"""

from __future__ import annotations

import hashlib

from bridge.crypto import X25519Recipient, fingerprint, parse_recipient
from bridge.crypto.bech32 import Bech32Error, decode_bytes, encode_bytes
from bridge.crypto.errors import InvalidKeyError
from bridge.sharing.weak_keys import is_weak_public_key

__all__ = [
    "PAIRING_CONTEXT",
    "SIGNING_HRP",
    "SIGNING_KEY_SIZE",
    "pairing_fingerprint",
    "pairing_text",
    "parse_pairing_text",
    "parse_signing_key",
    "signing_key_text",
]

SIGNING_HRP = "bridgesign"
PAIRING_CONTEXT = b"bridge-pairing-v1\n"
SIGNING_KEY_SIZE = 32
_PREFIX = SIGNING_HRP + "1"
_AGE_PREFIX = "age1"
# As bridge.crypto.userkeys: invisible characters that survive copy and paste.
_INVISIBLE = dict.fromkeys(map(ord, "\u200b\u200c\u200d\u2060\ufeff"))


def _groups(digest: bytes) -> str:
    groups = (int.from_bytes(digest[5 * i : 5 * i + 5], "big") % 10_000 for i in range(4))
    return " ".join(f"{g:04d}" for g in groups)


def pairing_fingerprint(recipient: X25519Recipient, signing_key: bytes | None) -> str:
    """The code coach and client compare aloud (see the module docs)."""
    if signing_key is None:
        return fingerprint(recipient)
    if len(signing_key) != SIGNING_KEY_SIZE:
        raise ValueError("an Ed25519 public key is 32 bytes")
    digest = hashlib.sha256(PAIRING_CONTEXT + recipient.public_bytes + bytes(signing_key))
    return _groups(digest.digest())


def signing_key_text(signing_key: bytes) -> str:
    """The Ed25519 public key as ``bridgesign1…`` (lowercase Bech32)."""
    if len(signing_key) != SIGNING_KEY_SIZE:
        raise ValueError("an Ed25519 public key is 32 bytes")
    return encode_bytes(SIGNING_HRP, bytes(signing_key))


def pairing_text(recipient: X25519Recipient, signing_key: bytes) -> str:
    """``"age1… bridgesign1…"``: what the coach's key screen shows and the QR code holds."""
    return f"{recipient.to_string()} {signing_key_text(signing_key)}"


def parse_signing_key(text: str) -> bytes:
    """The 32-byte key of a canonical ``bridgesign1…`` token (InvalidKeyError otherwise).

    Lowercase only (as age keys), and a key that proves nothing (small order or
    not canonical, see :mod:`bridge.sharing.weak_keys`) is refused.
    """
    try:
        hrp, key = decode_bytes(text)
    except Bech32Error:
        raise InvalidKeyError(
            "This is not a valid signing key (mistyped or incomplete?)."
        ) from None
    if hrp != SIGNING_HRP or text != text.lower() or len(key) != SIGNING_KEY_SIZE:
        raise InvalidKeyError("This is not a Bridge signing key.")
    if is_weak_public_key(key):
        raise InvalidKeyError("This signing key proves nothing about who signs with it.")
    return key


def parse_pairing_text(text: str) -> tuple[X25519Recipient, bytes | None]:
    """The recipient and the signing key (None for an old ``age1…`` key alone).

    Whitespace (also inside a token) and zero-width characters are ignored and
    the tokens may come in either order. Raises :class:`InvalidKeyError` (the
    code ``secret_key_not_recipient`` when an age secret key was pasted).
    """
    if not isinstance(text, str):
        raise InvalidKeyError("A public key must be text.")
    compact = "".join(text.translate(_INVISIBLE).split())
    start = compact.find(_PREFIX)
    if start < 0:
        return parse_recipient(compact), None
    # Neither "1" nor "b", "i", "o" is a Bech32 data character, so the signing token
    # ends where the age key starts (or at the end) and cannot hold another prefix.
    end = compact.find(_AGE_PREFIX, start + len(_PREFIX))
    end = len(compact) if end < 0 else end
    rest = compact[:start] + compact[end:]
    recipient = parse_recipient(rest)
    return recipient, parse_signing_key(compact[start:end])
