"""Helpers for public keys that people type, paste, read aloud or compare.

:func:`parse_recipient` forgives what humans and chat apps do to a key
(surrounding or internal whitespace, line breaks, zero-width characters) but
nothing else: the Bech32 checksum still catches typos, and case must be the
canonical lowercase, as the age CLI requires.

:func:`fingerprint` gives a short string two people can compare over the phone
to make sure they hold the same public key (like Signal's safety numbers):

    digest = SHA-256(canonical "age1…" string, ASCII)
    group i (i = 0..3) = big-endian int(digest[5*i : 5*i+5]) mod 10000
    fingerprint = the four groups as zero-padded 4-digit numbers, space separated

e.g. ``"0193 5521 0087 4410"``.  That is about 53 bits: plenty to notice a
wrong or swapped key by eye, not meant as a cryptographic binding.  (The
modulo bias of 2**40 mod 10000 is negligible.)
"""

from __future__ import annotations

import hashlib

from .errors import InvalidKeyError
from .x25519 import X25519Recipient

__all__ = ["fingerprint", "parse_recipient"]

# Invisible characters that survive copy/paste from web pages and messengers
# but are not ``str.isspace()``: zero-width space/non-joiner/joiner, word
# joiner, byte-order mark.
_INVISIBLE = dict.fromkeys(map(ord, "\u200b\u200c\u200d\u2060\ufeff"))


def parse_recipient(text: str) -> X25519Recipient:
    """Parse a public key typed or pasted by a person.

    Raises :class:`InvalidKeyError` (code ``bad_key``), or code
    ``secret_key_not_recipient`` if a *secret* key was pasted by mistake — the
    UI should then warn that the secret key must not be shared.
    """
    if not isinstance(text, str):
        raise InvalidKeyError("A public key must be text.")
    compact = "".join(text.translate(_INVISIBLE).split())
    if compact.upper().startswith("AGE-SECRET-KEY-"):
        raise InvalidKeyError(
            "This is a secret key, not a public key. Never share a secret key.",
            code="secret_key_not_recipient",
        )
    if not compact:
        raise InvalidKeyError("No public key was entered.")
    return X25519Recipient.parse(compact)


def fingerprint(recipient: X25519Recipient | str) -> str:
    """A short human-comparable fingerprint of a public key (see module docs)."""
    if isinstance(recipient, str):
        recipient = parse_recipient(recipient)
    digest = hashlib.sha256(recipient.to_string().encode("ascii")).digest()
    groups = (int.from_bytes(digest[5 * i : 5 * i + 5], "big") % 10_000 for i in range(4))
    return " ".join(f"{g:04d}" for g in groups)
