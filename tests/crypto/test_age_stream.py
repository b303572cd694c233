"""STREAM payload encryption (c2sp.org/age, "Payload")."""

from __future__ import annotations

import pytest
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.ciphers.aead import ChaCha20Poly1305
from cryptography.hazmat.primitives.kdf.hkdf import HKDF

from bridge.crypto import PayloadError
from bridge.crypto.stream import (
    CHUNK_SIZE,
    ENCRYPTED_CHUNK_SIZE,
    decrypt_payload,
    encrypt_payload,
    payload_key,
    plaintext_size,
)

KEY = bytes(range(32))
KIB64 = 64 * 1024


def _seal(counter: int, last: bool, plaintext: bytes, key: bytes = KEY) -> bytes:
    """Independent chunk encryption, straight from the spec's nonce layout."""
    nonce = counter.to_bytes(11, "big") + bytes([1 if last else 0])
    return ChaCha20Poly1305(key).encrypt(nonce, plaintext, None)


def test_payload_key_formula() -> None:
    file_key, nonce = b"YELLOW SUBMARINE", bytes(range(16))
    expected = HKDF(algorithm=hashes.SHA256(), length=32, salt=nonce, info=b"payload").derive(
        file_key
    )
    assert payload_key(file_key, nonce) == expected


@pytest.mark.parametrize(
    ("size", "chunks"),
    [
        (0, 1),
        (1, 1),
        (KIB64 - 1, 1),
        (KIB64, 1),
        (KIB64 + 1, 2),
        (2 * KIB64, 2),
        (3 * KIB64 - 5, 3),
    ],
)
def test_chunking_matches_spec(size: int, chunks: int) -> None:
    plaintext = bytes(i % 251 for i in range(size))
    ciphertext = encrypt_payload(KEY, plaintext)
    assert len(ciphertext) == size + 16 * chunks
    assert plaintext_size(len(ciphertext)) == size
    # Rebuild the expected ciphertext chunk by chunk from the spec's definition.
    expected = b"".join(
        _seal(i, i == chunks - 1, plaintext[i * CHUNK_SIZE : (i + 1) * CHUNK_SIZE])
        for i in range(chunks)
    )
    assert ciphertext == expected
    assert decrypt_payload(KEY, ciphertext) == plaintext


def _code(ciphertext: bytes) -> str:
    with pytest.raises(PayloadError) as info:
        decrypt_payload(KEY, ciphertext)
    return info.value.code


FULL = bytes(KIB64)


def test_empty_last_chunk_rejected() -> None:
    # A full first chunk followed by an empty final chunk: "MUST NOT be empty
    # unless the whole payload is empty".
    assert _code(_seal(0, False, FULL) + _seal(1, True, b"")) == "payload_damaged"


def test_empty_payload_is_one_empty_final_chunk() -> None:
    assert decrypt_payload(KEY, _seal(0, True, b"")) == b""


def test_full_final_chunk_accepted() -> None:
    assert decrypt_payload(KEY, _seal(0, False, FULL) + _seal(1, True, FULL)) == FULL + FULL


def test_trailing_data_after_full_final_chunk() -> None:
    good = _seal(0, True, FULL)
    assert _code(good + b"x") == "trailing_data"
    assert _code(good + _seal(1, True, b"more")) == "trailing_data"


def test_trailing_data_after_short_final_chunk() -> None:
    # Indistinguishable from a damaged chunk without trial decryption at every
    # length; still rejected.
    assert _code(_seal(0, True, b"short") + b"x") == "payload_damaged"


def test_missing_final_chunk_is_truncation() -> None:
    assert _code(_seal(0, False, FULL)) == "truncated"
    assert _code(_seal(0, False, FULL) + _seal(1, False, FULL)) == "truncated"


@pytest.mark.parametrize("keep", [1, 15, 16, 17, 1000, ENCRYPTED_CHUNK_SIZE - 1])
def test_truncated_inside_a_chunk(keep: int) -> None:
    ciphertext = _seal(0, False, FULL) + _seal(1, True, FULL)
    with pytest.raises(PayloadError):
        decrypt_payload(KEY, ciphertext[:keep])
    with pytest.raises(PayloadError):
        decrypt_payload(KEY, ciphertext[: ENCRYPTED_CHUNK_SIZE + keep])


@pytest.mark.parametrize("length", [0, 1, 15])
def test_shorter_than_a_tag(length: int) -> None:
    assert _code(bytes(length)) == "truncated"


def test_short_chunk_without_final_flag() -> None:
    assert _code(_seal(0, False, b"abc")) == "payload_damaged"


@pytest.mark.parametrize("position", [0, 100, ENCRYPTED_CHUNK_SIZE - 1, ENCRYPTED_CHUNK_SIZE + 5])
def test_tampered_byte(position: int) -> None:
    ciphertext = bytearray(_seal(0, False, FULL) + _seal(1, True, b"second"))
    ciphertext[position] ^= 0x01
    assert _code(bytes(ciphertext)) == "payload_damaged"


def test_reordered_chunks() -> None:
    a, b, c = _seal(0, False, FULL), _seal(1, False, FULL), _seal(2, True, b"end")
    assert _code(b + a + c) == "payload_damaged"


def test_wrong_key() -> None:
    assert _code(_seal(0, True, b"data", key=bytes(32))) == "payload_damaged"


@pytest.mark.parametrize(
    ("length", "expected"),
    [
        (0, None),
        (15, None),
        (16, 0),
        (ENCRYPTED_CHUNK_SIZE, KIB64),
        (ENCRYPTED_CHUNK_SIZE + 15, None),
        (ENCRYPTED_CHUNK_SIZE + 16, KIB64),
        (ENCRYPTED_CHUNK_SIZE + 17, KIB64 + 1),
    ],
)
def test_plaintext_size(length: int, expected: int | None) -> None:
    assert plaintext_size(length) == expected
