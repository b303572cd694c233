"""The size of a summary once sealed, known before sealing it.

:func:`~bridge.sharing.envelope.seal_summary` writes the readable text, a
separator line and the signed data as compact JSON (the payload plus a few
fields of fixed length), age-encrypts that to one X25519 recipient and armors
it.  :func:`sealed_size` adds those up from the text and payload alone, so the
summary can be made to fit before the coach (and so the key) is even chosen.
It is never below the real size and at most :data:`SLACK` bytes above it
(tests/sharing/test_size.py seals and compares).
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from typing import Any

__all__ = ["SEALED_BUDGET", "SLACK", "fits", "payload_bytes", "sealed_size", "sealed_size_of"]

#: What the client's app seals at most: a quarter of the coach's limit
#: (``envelope.MAX_SIZE``, 1,000,000 bytes), so a later, richer format still fits.
SEALED_BUDGET = 250_000
SLACK = 512

# The plaintext around the payload: "\n" + separator + "\n", then the envelope's own
# fields ({"format":…,"version":2,"coach":"age1…","signer":…,"signature":…,"payload":…}
# and a newline, about 300 bytes), rounded up.
_AROUND_PAYLOAD = 36 + 400
# The age header for one X25519 recipient (about 170 bytes), rounded up; the nonce.
_AGE_HEADER = 256
_NONCE = 16
_CHUNK, _TAG = 64 * 1024, 16
# "-----BEGIN AGE ENCRYPTED FILE-----\n" and "-----END AGE ENCRYPTED FILE-----\n".
_ARMOR_LINES = 35 + 33
_COLUMNS = 64


def _ceil(a: int, b: int) -> int:
    return -(-a // b)


def payload_bytes(payload: Mapping[str, Any]) -> int:
    """The payload as the envelope writes it (compact JSON, UTF-8)."""
    return len(json.dumps(payload, ensure_ascii=False, separators=(",", ":")).encode("utf-8"))


def sealed_size(text: str, payload: Mapping[str, Any]) -> int:
    """Bytes of the armored age file that seals ``text`` and ``payload`` (an upper bound)."""
    return sealed_size_of(text, payload_bytes(payload))


def sealed_size_of(text: str, payload_size: int) -> int:
    """:func:`sealed_size` from the payload's :func:`payload_bytes`, so a large payload that
    is sized with several texts is encoded once."""
    plain = len(text.encode("utf-8")) + _AROUND_PAYLOAD + payload_size
    binary = _AGE_HEADER + _NONCE + plain + _TAG * max(_ceil(plain, _CHUNK), 1)
    base64 = 4 * _ceil(binary, 3)
    return _ARMOR_LINES + base64 + _ceil(base64, _COLUMNS)


def fits(text: str, payload: Mapping[str, Any], budget: int = SEALED_BUDGET) -> bool:
    return sealed_size(text, payload) <= budget
