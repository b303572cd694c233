"""Bech32 (BIP-173) encoding, as used for age keys.

age keys are Bech32, *not* Bech32m, and the spec lifts BIP-173's 90 character
limit: *"Bech32 is as specified in [BIP173], but without length limits on the
data part.  Note that Bech32 strings can only be all uppercase or all lowercase,
but the checksum is always computed over the lowercase string."*

This module is deliberately small and total: every malformed input raises
:class:`Bech32Error` (a ``ValueError`` subclass internal to this package; the
key parsers turn it into :class:`~bridge.crypto.errors.InvalidKeyError`).
"""

from __future__ import annotations

from collections.abc import Sequence

__all__ = [
    "BIP173_MAX_LENGTH",
    "Bech32Error",
    "convert_bits",
    "decode",
    "decode_bytes",
    "encode",
    "encode_bytes",
]

CHARSET = "qpzry9x8gf2tvdw0s3jn54khce6mua7l"
_CHARSET_INDEX = {c: i for i, c in enumerate(CHARSET)}
_GENERATOR = (0x3B6A57B2, 0x26508E6D, 0x1EA119FA, 0x3D4233DD, 0x2A1462B3)
# BIP-173 caps whole strings at 90 characters; age does not (see docstring).
BIP173_MAX_LENGTH = 90


class Bech32Error(ValueError):
    """The string is not valid Bech32 (message never contains the input)."""


def _polymod(values: Sequence[int]) -> int:
    chk = 1
    for v in values:
        top = chk >> 25
        chk = (chk & 0x1FFFFFF) << 5 ^ v
        for i in range(5):
            if (top >> i) & 1:
                chk ^= _GENERATOR[i]
    return chk


def _hrp_expand(hrp: str) -> list[int]:
    return [ord(c) >> 5 for c in hrp] + [0] + [ord(c) & 31 for c in hrp]


def _create_checksum(hrp: str, data: Sequence[int]) -> list[int]:
    # Bech32 constant is 1 (Bech32m would use 0x2BC830A3).
    polymod = _polymod([*_hrp_expand(hrp), *data, 0, 0, 0, 0, 0, 0]) ^ 1
    return [(polymod >> 5 * (5 - i)) & 31 for i in range(6)]


def encode(hrp: str, data: Sequence[int]) -> str:
    """Encode 5-bit groups ``data`` under ``hrp``; output is lowercase."""
    if not hrp or any(not 33 <= ord(c) <= 126 for c in hrp):
        raise Bech32Error("Invalid human-readable part.")
    if any(not 0 <= d < 32 for d in data):
        raise Bech32Error("Data values must be 5-bit.")
    hrp = hrp.lower()
    combined = [*data, *_create_checksum(hrp, data)]
    return hrp + "1" + "".join(CHARSET[d] for d in combined)


def decode(text: str, *, max_length: int | None = None) -> tuple[str, list[int]]:
    """Decode a Bech32 string into ``(lowercase hrp, 5-bit groups)``.

    ``max_length`` is ``None`` for age (no limit) or
    :data:`BIP173_MAX_LENGTH` for strict BIP-173 behaviour.  The caller checks
    the case of the original string if it has a preference (age does).
    """
    if max_length is not None and len(text) > max_length:
        raise Bech32Error("Too long.")
    if any(not 33 <= ord(c) <= 126 for c in text):
        raise Bech32Error("Contains characters outside printable ASCII.")
    if text.lower() != text and text.upper() != text:
        raise Bech32Error("Mixed upper and lower case.")
    text = text.lower()
    pos = text.rfind("1")
    if pos < 1:
        raise Bech32Error("Missing separator or empty human-readable part.")
    if pos + 7 > len(text):
        raise Bech32Error("Checksum too short.")
    hrp, data_part = text[:pos], text[pos + 1 :]
    try:
        data = [_CHARSET_INDEX[c] for c in data_part]
    except KeyError:
        raise Bech32Error("Invalid data character.") from None
    if _polymod([*_hrp_expand(hrp), *data]) != 1:
        raise Bech32Error("Checksum mismatch.")
    return hrp, data[:-6]


def convert_bits(data: Sequence[int], from_bits: int, to_bits: int, *, pad: bool) -> list[int]:
    """Regroup bits (BIP-173 ``convertbits``).

    With ``pad=False`` (decoding 5→8) it enforces BIP-173's rules: at most
    ``from_bits - 1`` leftover bits, and they must be zero.
    """
    acc = 0
    bits = 0
    out: list[int] = []
    max_v = (1 << to_bits) - 1
    for value in data:
        if value < 0 or value >> from_bits:
            raise Bech32Error("Value out of range.")
        acc = (acc << from_bits) | value
        bits += from_bits
        while bits >= to_bits:
            bits -= to_bits
            out.append((acc >> bits) & max_v)
    if pad:
        if bits:
            out.append((acc << (to_bits - bits)) & max_v)
    elif bits >= from_bits:
        raise Bech32Error("Too much padding.")
    elif (acc << (to_bits - bits)) & max_v:
        raise Bech32Error("Non-zero padding.")
    return out


def encode_bytes(hrp: str, payload: bytes) -> str:
    """Encode bytes (8-bit) as Bech32 under ``hrp`` (lowercase output)."""
    return encode(hrp, convert_bits(payload, 8, 5, pad=True))


def decode_bytes(text: str, *, max_length: int | None = None) -> tuple[str, bytes]:
    """Decode Bech32 into ``(lowercase hrp, bytes)``."""
    hrp, data = decode(text, max_length=max_length)
    return hrp, bytes(convert_bits(data, 5, 8, pad=False))
