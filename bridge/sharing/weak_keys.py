"""Refusing Ed25519 public keys that prove nothing: small-order points and non-canonical encodings.

A key of small order (the identity, or a point of order 2, 4 or 8) lets one
fixed signature verify *any* message, so a summary signed with it says nothing
about who made it.  RFC 8032 §5.1.3 decoding is done here in plain integers
(no secrets are involved, so constant time does not matter), then the point is
multiplied by the cofactor 8: a small-order point becomes the identity.
Encodings with ``y >= p``, or ``x = 0`` with the sign bit set, are refused too,
because libraries differ in whether they accept them.
"""

from __future__ import annotations

__all__ = ["is_weak_public_key"]

_P = 2**255 - 19
_D = (-121665 * pow(121666, _P - 2, _P)) % _P
_SQRT_M1 = pow(2, (_P - 1) // 4, _P)

_Point = tuple[int, int, int, int]  # extended coordinates (X, Y, Z, T), x = X/Z, y = Y/Z


def _decode(encoded: bytes) -> tuple[int, int] | None:
    """RFC 8032 §5.1.3; None for an encoding that is not canonical or not on the curve."""
    if len(encoded) != 32:
        return None
    number = int.from_bytes(encoded, "little")
    sign = number >> 255
    y = number & ((1 << 255) - 1)
    if y >= _P:
        return None
    u = (y * y - 1) % _P
    v = (_D * y * y + 1) % _P
    x = (u * pow(v, 3, _P) * pow(u * pow(v, 7, _P), (_P - 5) // 8, _P)) % _P
    if (v * x * x - u) % _P != 0:
        x = (x * _SQRT_M1) % _P
        if (v * x * x - u) % _P != 0:
            return None
    if x == 0 and sign:
        return None
    if x & 1 != sign:
        x = _P - x
    return x, y


def _double(point: _Point) -> _Point:
    # "dbl-2008-hwcd" for a = -1 (twisted Edwards, extended coordinates).
    x1, y1, z1, _ = point
    a = x1 * x1 % _P
    b = y1 * y1 % _P
    c = 2 * z1 * z1 % _P
    h = (a + b) % _P
    e = (h - (x1 + y1) * (x1 + y1)) % _P
    g = (a - b) % _P
    f = (c + g) % _P
    return (e * f % _P, g * h % _P, f * g % _P, e * h % _P)


def is_weak_public_key(encoded: bytes) -> bool:
    """True when ``encoded`` is not a canonical Ed25519 point of large order."""
    decoded = _decode(bytes(encoded))
    if decoded is None:
        return True
    x, y = decoded
    point: _Point = (x, y, 1, x * y % _P)
    for _ in range(3):  # times the cofactor 8
        point = _double(point)
    px, py, pz, _ = point
    return px % _P == 0 and (py - pz) % _P == 0
