"""Strict, unpadded, canonical base64 as used inside the age header.

The spec (c2sp.org/age, "Conventions"): *"the standard Base 64 encoding
specified in RFC 4648, Section 4, without = padding characters ...  Encoders
MUST generate canonical base64 according to RFC 4648, Section 3.5, and decoders
MUST reject non-canonical encodings and encodings ending with = padding
characters."*

Why so strict: the header MAC is computed over the header text, so any slack in
decoding (padding, unused low bits, stray newlines) would make a header
malleable — two different texts for the same parsed header.
"""

from __future__ import annotations

import base64

from .errors import MalformedHeaderError

__all__ = ["ALPHABET", "decode", "decode_arg", "encode"]

ALPHABET = frozenset(b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/")


def encode(data: bytes) -> bytes:
    """Encode ``data`` as canonical base64 without ``=`` padding."""
    return base64.b64encode(data).rstrip(b"=")


def decode(text: bytes, what: str = "base64 value") -> bytes:
    """Decode unpadded canonical base64, raising :class:`MalformedHeaderError`.

    ``what`` names the field in the error message (never the value itself).
    """
    if any(c not in ALPHABET for c in text):
        raise MalformedHeaderError(f"The {what} contains characters that are not base64.")
    if len(text) % 4 == 1:
        raise MalformedHeaderError(f"The {what} has an impossible base64 length.")
    padded = text + b"=" * (-len(text) % 4)
    data = base64.b64decode(padded, validate=True)
    # Canonical check (RFC 4648 §3.5): the unused low bits of the last
    # character must be zero, i.e. re-encoding gives back the same text.
    if encode(data) != text:
        raise MalformedHeaderError(f"The {what} is not canonical base64.")
    return data


def decode_arg(text: str, what: str) -> bytes:
    """:func:`decode` for a stanza argument held as ``str``.

    Non-ASCII characters become ``?`` so they are rejected as non-base64
    instead of raising ``UnicodeEncodeError``.
    """
    return decode(text.encode("ascii", errors="replace"), what)
