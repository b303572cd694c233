"""Property-based fuzzing: damaged input may only ever raise AgeError.

Whatever is done to a valid file (bit flips, truncation, insertion, deletion,
splicing), ``decrypt`` must either return the *original* plaintext (possible
only for harmless edits such as whitespace around armor) or raise an
:class:`~bridge.crypto.errors.AgeError` subclass — never ValueError,
IndexError, UnicodeDecodeError, binascii.Error, InvalidTag, ...
"""

from __future__ import annotations

import contextlib

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from bridge.crypto import (
    AgeError,
    Identity,
    InvalidKeyError,
    Recipient,
    ScryptIdentity,
    ScryptRecipient,
    X25519Identity,
    X25519Recipient,
    decrypt,
    encrypt,
    parse_recipient,
)
from bridge.crypto.armor import decode_armor
from bridge.crypto.header import parse_header

from .age_helpers import ALICE, BOB, DeterministicRand, decrypt_via_file

PLAINTEXT = b"The quick brown fox jumps over the lazy dog. " * 3
BIG_PLAINTEXT = bytes(range(256)) * 260  # two chunks
IDENTITIES: list[Identity] = [ALICE, ScryptIdentity("fuzz", max_work_factor=10)]


def _make(plaintext: bytes, recipients: list[Recipient], armor: bool) -> bytes:
    return encrypt(plaintext, recipients, armor=armor, rand=DeterministicRand(b"fuzz"))


BASES = {
    "x25519": (PLAINTEXT, _make(PLAINTEXT, [ALICE.recipient, BOB.recipient], False)),
    "x25519-armor": (PLAINTEXT, _make(PLAINTEXT, [ALICE.recipient], True)),
    "scrypt": (PLAINTEXT, _make(PLAINTEXT, [ScryptRecipient("fuzz", work_factor=10)], False)),
    "scrypt-armor": (PLAINTEXT, _make(PLAINTEXT, [ScryptRecipient("fuzz", work_factor=10)], True)),
    "two-chunks": (BIG_PLAINTEXT, _make(BIG_PLAINTEXT, [ALICE.recipient], False)),
    "empty": (b"", _make(b"", [ALICE.recipient], False)),
}

FUZZ = settings(
    max_examples=200,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)


@st.composite
def mutation(draw: st.DrawFn, data: bytes) -> bytes:
    """Apply 1-3 random edits, biased towards the (small, textual) header."""
    out = bytearray(data)
    for _ in range(draw(st.integers(1, 3))):
        size = len(out)
        hot = min(size, 400)  # header + start of payload, where the parsers live
        pos = draw(st.one_of(st.integers(0, max(hot - 1, 0)), st.integers(0, max(size - 1, 0))))
        kind = draw(st.sampled_from(["flip", "set", "truncate", "insert", "delete", "dup"]))
        if kind == "flip" and size:
            out[pos] ^= 1 << draw(st.integers(0, 7))
        elif kind == "set" and size:
            out[pos] = draw(st.sampled_from(b"\n\r -=>A/+\x00\xff9" + bytes([out[pos] ^ 0x20])))
        elif kind == "truncate":
            del out[pos:]
        elif kind == "insert":
            out[pos:pos] = draw(st.sampled_from([b"\n", b" ", b"=", b"A", b"\r", b"-> ", b"---"]))
        elif kind == "delete" and size:
            del out[pos : pos + draw(st.integers(1, 70))]
        elif kind == "dup" and size:
            out[pos:pos] = out[pos : pos + draw(st.integers(1, 70))]
    return bytes(out)


def _check(original: bytes, mutated: bytes) -> None:
    """``decrypt`` and ``decrypt_file`` agree: the same plaintext, or both raise an AgeError."""
    results = []
    for opening in (decrypt, decrypt_via_file):
        try:
            results.append(opening(mutated, IDENTITIES))
        except AgeError as exc:
            assert isinstance(exc.code, str) and exc.code
            results.append(None)
    assert results[0] == results[1]
    # Only no-op edits may succeed, and they must not change the plaintext.
    assert results[0] is None or results[0] == original


@pytest.mark.parametrize("name", list(BASES))
def test_bases_are_valid(name: str) -> None:
    plaintext, data = BASES[name]
    assert decrypt(data, IDENTITIES) == plaintext


@pytest.mark.parametrize("name", list(BASES))
@FUZZ
@given(data=st.data())
def test_mutated_files_raise_only_age_errors(name: str, data: st.DataObject) -> None:
    plaintext, base = BASES[name]
    _check(plaintext, data.draw(mutation(base)))


@FUZZ
@given(st.binary(max_size=300))
def test_random_bytes(blob: bytes) -> None:
    _check(b"", blob)
    _check(b"", b"age-encryption.org/v1\n" + blob)
    _check(b"", b"-----BEGIN AGE ENCRYPTED FILE-----\n" + blob)


# Header-shaped noise: lines assembled from the grammar's building blocks.
_fragment = st.sampled_from(
    [b"-> ", b"->", b"---", b"--- ", b"X25519", b"scrypt", b" ", b"\n", b"\r\n", b"A" * 43,
     b"A" * 64, b"AAAA", b"==", b"18", b"010", b"\xff", b"\x00", b"+/", b"age-encryption.org/v1"]
)  # fmt: skip


@FUZZ
@given(st.lists(_fragment, max_size=25).map(b"".join))
def test_header_shaped_noise(tail: bytes) -> None:
    _check(b"", b"age-encryption.org/v1\n" + tail)
    with contextlib.suppress(AgeError):
        parse_header(b"age-encryption.org/v1\n" + tail)


@FUZZ
@given(st.text(max_size=120))
def test_key_parsers_raise_only_invalid_key(text: str) -> None:
    for parse in (parse_recipient, X25519Recipient.parse, X25519Identity.parse):
        with contextlib.suppress(InvalidKeyError):
            parse(text)


@FUZZ
@given(st.binary(max_size=400))
def test_armor_decoder_raises_only_age_errors(blob: bytes) -> None:
    with contextlib.suppress(AgeError):
        decode_armor(blob)
