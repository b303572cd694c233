"""Shared helpers for the bridge.crypto tests (imported by the test modules).

Builders here let tests hand-craft age files — including invalid ones — with a
correct header MAC, so that each hostile test exercises exactly one defect.
"""

from __future__ import annotations

import base64
import hashlib
import io
from collections.abc import Sequence

from bridge.crypto import Identity, X25519Identity, decrypt_file
from bridge.crypto.header import compute_mac
from bridge.crypto.stream import encrypt_payload, payload_key

# RFC 7748 §6.1 keys double as stable test identities.
ALICE = X25519Identity(
    bytes.fromhex("77076d0a7318a57d3c16c17251b26645df4c2f87ebc0992ab177fba51db92c2a")
)
BOB = X25519Identity(
    bytes.fromhex("5dab087e624a8a4b79e17f8b83800ee66f3bb1292618b6fd1c2f8b27ff88e0eb")
)
FILE_KEY = b"YELLOW SUBMARINE"
NONCE = bytes(range(16))


class Trickle(io.RawIOBase):
    """A readable file that hands out at most ``step`` bytes per read (as a pipe may)."""

    def __init__(self, data: bytes, step: int = 7) -> None:
        self._data = io.BytesIO(data)
        self._step = step

    def readable(self) -> bool:
        return True

    def readinto(self, buffer: bytearray | memoryview) -> int:  # type: ignore[override]
        data = self._data.read(min(len(buffer), self._step))
        buffer[: len(data)] = data
        return len(data)


def decrypt_via_file(
    data: bytes, identities: Sequence[Identity], *, trickle: bool = False, **kw: object
) -> bytes:
    """``decrypt_file`` from an in-memory file (or a trickling pipe) into one."""
    out = io.BytesIO()
    src = Trickle(data) if trickle else io.BytesIO(data)
    decrypt_file(src, out, identities, **kw)  # type: ignore[arg-type]
    return out.getvalue()


class DeterministicRand:
    """``rand(n)`` backed by SHAKE-256(seed || counter): same seed, same bytes."""

    def __init__(self, seed: bytes) -> None:
        self.seed = seed
        self.counter = 0

    def __call__(self, n: int) -> bytes:
        out = hashlib.shake_256(self.seed + self.counter.to_bytes(8, "big")).digest(n)
        self.counter += 1
        return out


def b64raw(data: bytes) -> str:
    """Unpadded base64, as in age headers."""
    return base64.b64encode(data).decode().rstrip("=")


def assemble(
    header_without_mac: bytes,
    *,
    file_key: bytes = FILE_KEY,
    plaintext: bytes = b"hello",
    mac: bytes | None = None,
    payload: bytes | None = None,
    nonce: bytes = NONCE,
) -> bytes:
    """Header text (ending in ``---``) + correct MAC (unless given) + payload."""
    if mac is None:
        mac = compute_mac(file_key, header_without_mac)
    if payload is None:
        payload = nonce + encrypt_payload(payload_key(file_key, nonce), plaintext)
    return header_without_mac + b" " + b64raw(mac).encode() + b"\n" + payload


def x25519_stanza_text(identity: X25519Identity = ALICE, file_key: bytes = FILE_KEY) -> bytes:
    """A valid ``-> X25519`` stanza (text, LF-terminated) wrapping ``file_key``."""
    from bridge.crypto.header import encode_stanza

    (stanza,) = identity.recipient.wrap_file_key(file_key, DeterministicRand(b"stanza"))
    return encode_stanza(stanza)


def split_file(data: bytes) -> tuple[bytes, bytes]:
    """Split a binary age file into (header incl. MAC line, payload)."""
    idx = data.index(b"\n---") + 1
    end = data.index(b"\n", idx) + 1
    return data[:end], data[end:]


def build_file(*stanza_texts: bytes, file_key: bytes = FILE_KEY, **kwargs: object) -> bytes:
    """A binary age file from raw stanza texts, with a correct MAC by default."""
    header = b"age-encryption.org/v1\n" + b"".join(stanza_texts) + b"---"
    return assemble(header, file_key=file_key, **kwargs)  # type: ignore[arg-type]


def scrypt_stanza_text(
    passphrase: str = "pass", work_factor: int = 10, file_key: bytes = FILE_KEY
) -> bytes:
    """A valid ``-> scrypt`` stanza (text) wrapping ``file_key``."""
    from bridge.crypto import ScryptRecipient
    from bridge.crypto.header import encode_stanza

    recipient = ScryptRecipient(passphrase, work_factor=work_factor)
    (stanza,) = recipient.wrap_file_key(file_key, DeterministicRand(b"salt"))
    return encode_stanza(stanza)
