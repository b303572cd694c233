"""Thin wrappers around the few primitives age needs.

Only primitives available in cryptography 43.0.1 (what the phone builds ship)
are used: HKDF-SHA-256, HMAC-SHA-256 and ChaCha20-Poly1305.  Keeping them here
means every formula in the format code reads like the spec.

The spec: *"Keys derived with HKDF-SHA-256 are produced by applying
HKDF-Extract with the specified salt followed by HKDF-Expand with the specified
info according to RFC 5869 ...  The length of the output keying material is
always 32 bytes."*
"""

from __future__ import annotations

import hmac as _hmac
from collections.abc import Callable

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives import hmac as _crypto_hmac
from cryptography.hazmat.primitives.ciphers.aead import ChaCha20Poly1305
from cryptography.hazmat.primitives.kdf.hkdf import HKDF

__all__ = [
    "FILE_KEY_SIZE",
    "TAG_SIZE",
    "RandFunc",
    "aead_decrypt_file_key",
    "aead_encrypt_file_key",
    "checked_random",
    "constant_time_equal",
    "hkdf_sha256",
    "hmac_sha256",
]

RandFunc = Callable[[int], bytes]
"""Source of randomness: ``rand(n)`` returns ``n`` random bytes (os.urandom)."""

FILE_KEY_SIZE = 16
"""*"The file key MUST be generated as 16 bytes of CSPRNG output."*"""

TAG_SIZE = 16
_ZERO_NONCE = bytes(12)


def checked_random(rand: RandFunc, n: int) -> bytes:
    """Call ``rand(n)`` and make sure it really returned ``n`` bytes.

    Why: ``rand`` is injectable (for deterministic tests); a broken one must
    fail loudly rather than silently produce weak keys.
    """
    out = rand(n)
    if not isinstance(out, bytes | bytearray) or len(out) != n:
        raise ValueError("The random source returned the wrong number of bytes.")
    return bytes(out)


def hkdf_sha256(ikm: bytes, salt: bytes, info: bytes) -> bytes:
    """HKDF-SHA-256(ikm, salt, info) with a 32-byte output."""
    # RFC 5869: an empty salt is equivalent to HashLen zero bytes; cryptography
    # wants None for "no salt", which gives exactly that.
    return HKDF(algorithm=hashes.SHA256(), length=32, salt=salt or None, info=info).derive(ikm)


def hmac_sha256(key: bytes, message: bytes) -> bytes:
    """HMAC-SHA-256(key, message)."""
    h = _crypto_hmac.HMAC(key, hashes.SHA256())
    h.update(message)
    return h.finalize()


def constant_time_equal(a: bytes, b: bytes) -> bool:
    """Compare MACs without leaking where they differ."""
    return _hmac.compare_digest(a, b)


def aead_encrypt_file_key(key: bytes, file_key: bytes) -> bytes:
    """``body = ChaCha20-Poly1305(key = wrap key, plaintext = file key)``.

    *"where the ChaCha20-Poly1305 nonce is fixed as 12 0x00 bytes"* — safe
    because every wrap key is used exactly once.
    """
    return ChaCha20Poly1305(key).encrypt(_ZERO_NONCE, file_key, None)


def aead_decrypt_file_key(key: bytes, body: bytes) -> bytes | None:
    """Decrypt a wrapped file key; ``None`` if it does not authenticate.

    Callers MUST check ``len(body) == FILE_KEY_SIZE + TAG_SIZE`` first (the
    spec requires it *"before attempting to decrypt it, to mitigate
    partitioning oracle attacks"*); it is re-checked here defensively.
    """
    if len(body) != FILE_KEY_SIZE + TAG_SIZE:
        return None
    try:
        return ChaCha20Poly1305(key).decrypt(_ZERO_NONCE, body, None)
    except InvalidTag:
        return None
