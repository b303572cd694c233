"""The streaming API: encrypt_file / decrypt_file, one 64 KiB chunk at a time."""

from __future__ import annotations

import io
import tracemalloc
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from bridge.crypto import (
    PayloadError,
    ScryptIdentity,
    ScryptRecipient,
    decrypt,
    decrypt_file,
    encrypt,
    encrypt_file,
)
from bridge.crypto.armor import encode_armor

from .age_helpers import ALICE, BOB, DeterministicRand, Trickle, decrypt_via_file

KIB64 = 64 * 1024
# Around every boundary: empty, one byte, a chunk less one, exactly full (the last chunk
# full, never followed by an empty one), one more, and the same a chunk later.
SIZES = [0, 1, KIB64 - 1, KIB64, KIB64 + 1, 2 * KIB64 - 1, 2 * KIB64, 2 * KIB64 + 1, 5 * KIB64]


def _plaintext(size: int) -> bytes:
    return bytes((i * 31 + 7) % 256 for i in range(size))


@pytest.mark.parametrize("armor", [False, True], ids=["binary", "armor"])
@pytest.mark.parametrize("size", SIZES)
def test_file_to_file_round_trip(size: int, armor: bool, tmp_path: Path) -> None:
    plaintext = _plaintext(size)
    source, sealed, opened = tmp_path / "in", tmp_path / "in.age", tmp_path / "out"
    source.write_bytes(plaintext)
    with source.open("rb") as src, sealed.open("wb") as dst:
        assert encrypt_file(src, dst, [ALICE.recipient, BOB.recipient], armor=armor) == size
    with sealed.open("rb") as src, opened.open("wb") as dst:
        assert decrypt_file(src, dst, [BOB]) == size
    assert opened.read_bytes() == plaintext
    assert decrypt(sealed.read_bytes(), [ALICE]) == plaintext  # the bytes API agrees


@pytest.mark.parametrize("armor", [False, True], ids=["binary", "armor"])
@pytest.mark.parametrize("size", SIZES)
def test_stream_writes_exactly_what_encrypt_returns(size: int, armor: bool) -> None:
    plaintext = _plaintext(size)
    expected = encrypt(plaintext, [ALICE.recipient], armor=armor, rand=DeterministicRand(b"s"))
    out = io.BytesIO()
    # Short reads from the source (a pipe) change nothing in the output.
    encrypt_file(Trickle(plaintext, 1000), out, [ALICE.recipient], armor=armor,  # type: ignore[arg-type]
                 rand=DeterministicRand(b"s"))  # fmt: skip
    assert out.getvalue() == expected
    chunks = max(1, -(-size // KIB64))
    if not armor:
        header_len = expected.index(b"\n", expected.index(b"\n---") + 1) + 1
        assert len(expected) == header_len + 16 + size + 16 * chunks


FILES = settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])


@FILES
@given(
    size=st.one_of(st.integers(0, 3 * KIB64 + 5), st.sampled_from(SIZES)),
    step=st.integers(1, 70_000),
    armor=st.booleans(),
)
def test_any_size_read_in_any_pieces(size: int, step: int, armor: bool) -> None:
    plaintext = _plaintext(size)
    data = encrypt(plaintext, [ALICE.recipient], armor=armor)
    out = io.BytesIO()
    decrypt_file(Trickle(data, step), out, [ALICE])  # type: ignore[arg-type]
    assert out.getvalue() == plaintext


def test_scrypt_file_round_trip() -> None:
    out = io.BytesIO()
    encrypt_file(io.BytesIO(b"notes"), out, [ScryptRecipient("zin", work_factor=10)])
    assert decrypt_via_file(out.getvalue(), [ScryptIdentity("zin")]) == b"notes"


@pytest.mark.parametrize("armor", [False, True], ids=["binary", "armor"])
@pytest.mark.parametrize(
    "spoil",
    [
        lambda d: d[:-1],  # the final chunk cut
        lambda d: d[: len(d) - KIB64 - 16],  # the final chunk gone: the file looks whole
        lambda d: d + b"\x00",  # data after the final chunk
        lambda d: d[:-5] + bytes([d[-5] ^ 1]) + d[-4:],  # a changed byte at the end
    ],
    ids=["cut", "last-chunk-gone", "appended", "changed"],
)
def test_a_damaged_file_leaves_nothing_usable(spoil: object, armor: bool) -> None:
    # Three chunks: the first two are written before the damage at the end is found.
    binary = encrypt(_plaintext(2 * KIB64 + 100), [ALICE.recipient])
    damaged = spoil(binary)  # type: ignore[operator]
    if armor:
        damaged = encode_armor(damaged)
    out = io.BytesIO()
    out.write(b"kept")
    with pytest.raises(PayloadError):
        decrypt_file(io.BytesIO(damaged), out, [ALICE])
    assert out.getvalue() == b"kept"  # cut back to where decryption began
    with pytest.raises(PayloadError):
        decrypt(damaged, [ALICE])


@pytest.mark.parametrize("armor", [False, True], ids=["binary", "armor"])
def test_memory_stays_about_one_chunk(armor: bool) -> None:
    # 8 MiB through each: Python allocations stay far below the file (a few chunks).
    plaintext = _plaintext(KIB64) * 128
    sealed = encrypt(plaintext, [ALICE.recipient], armor=armor)
    source, sealed_source = io.BytesIO(plaintext), io.BytesIO(sealed)
    tracemalloc.start()
    try:
        sink = _Sink()
        encrypt_file(source, sink, [ALICE.recipient], armor=armor)  # type: ignore[arg-type]
        _, encrypt_peak = tracemalloc.get_traced_memory()
        tracemalloc.reset_peak()
        opened = _Sink()
        decrypt_file(sealed_source, opened, [ALICE])  # type: ignore[arg-type]
        _, decrypt_peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert sink.size == len(sealed) and opened.size == len(plaintext)
    assert encrypt_peak < 1 * 2**20
    assert decrypt_peak < 1 * 2**20


class _Sink:
    """A dst that keeps only the size of what it is given."""

    size = 0

    def write(self, data: bytes) -> int:
        self.size += len(data)
        return len(data)

    def seekable(self) -> bool:
        return False
