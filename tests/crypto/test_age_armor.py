"""ASCII armor: round trips and strictness (c2sp.org/age, "ASCII armor")."""

from __future__ import annotations

import base64
import io

import pytest
from hypothesis import given
from hypothesis import strategies as st

from bridge.crypto import ArmorError
from bridge.crypto.armor import BEGIN, END, decode_armor, encode_armor, looks_armored
from bridge.crypto.armor_stream import ArmorReader, ArmorWriter

from .age_helpers import Trickle


def _stream_decode(text: bytes, *, step: int | None = None) -> bytes:
    """What ArmorReader gives for ``text``, read in odd-sized pieces (trickled, if ``step``)."""
    source = Trickle(text, step) if step else io.BytesIO(text)
    reader = ArmorReader(source.read)
    out = []
    while piece := reader.read(1000):
        out.append(piece)
    return b"".join(out)


def _stream_encode(data: bytes, cuts: list[int]) -> bytes:
    out = io.BytesIO()
    writer = ArmorWriter(out.write)
    at = 0
    for cut in sorted(cuts):
        writer.write(data[at:cut])
        at = cut
    writer.write(data[at:])
    writer.close()
    return out.getvalue()


def _armor(lines: list[bytes], *, eol: bytes = b"\n") -> bytes:
    return eol.join([BEGIN, *lines, END]) + eol


@pytest.mark.parametrize("size", [1, 2, 3, 47, 48, 49, 95, 96, 97, 1000])
def test_encode_layout(size: int) -> None:
    data = bytes(range(256)) * (size // 256 + 1)
    data = data[:size]
    text = encode_armor(data)
    lines = text.split(b"\n")
    assert lines[0] == BEGIN and lines[-2] == END and lines[-1] == b""
    body = lines[1:-2]
    assert all(len(line) == 64 for line in body[:-1])
    assert 0 < len(body[-1]) <= 64
    assert decode_armor(text) == data


@given(st.binary(min_size=1, max_size=500))
def test_roundtrip(data: bytes) -> None:
    assert decode_armor(encode_armor(data)) == data


@given(st.binary(min_size=1, max_size=3000), st.lists(st.integers(0, 3000), max_size=6))
def test_stream_writer_and_reader_match_the_whole_forms(data: bytes, cuts: list[int]) -> None:
    text = encode_armor(data)
    assert _stream_encode(data, cuts) == text
    assert _stream_decode(text) == data
    assert _stream_decode(text.replace(b"\n", b"\r\n"), step=61) == data


def test_stream_reader_over_many_blocks() -> None:
    data = bytes(range(256)) * 2**10 * 3  # 768 KiB: many 64 KiB text blocks
    text = encode_armor(data)
    assert _stream_decode(text) == data
    assert _stream_decode(b"\n \t" + text.replace(b"\n", b"\r\n") + b"\r\n ") == data


def test_crlf_and_outer_whitespace_accepted() -> None:
    data = bytes(range(100))
    text = encode_armor(data)
    assert decode_armor(text.replace(b"\n", b"\r\n")) == data
    assert decode_armor(b" \t\r\n\n" + text + b"\n\t \r\n") == data
    assert decode_armor(text.rstrip(b"\n")) == data


def test_full_last_line_accepted() -> None:
    data = bytes(96)  # 128 base64 chars: two full lines, no short line
    text = encode_armor(data)
    assert text.count(b"\n") == 4
    assert decode_armor(text) == data


B64_LINE = base64.b64encode(bytes(48))  # one full 64-column line
TAIL = base64.b64encode(b"tail")  # "dGFpbA==" (padded)


@pytest.mark.parametrize(
    ("text", "why"),
    [
        (b"", "empty"),
        (BEGIN + b"\n", "no END"),
        (BEGIN + b"\n" + END + b"\n", "no data"),
        (_armor([B64_LINE, TAIL]) + b"garbage\n", "garbage after END"),
        (_armor([B64_LINE, TAIL]) + END + b"\n", "two END lines"),
        (b"garbage\n" + _armor([B64_LINE, TAIL]), "garbage before BEGIN"),
        (_armor([B64_LINE + b"A", TAIL]), "line of 65 columns"),
        (_armor([B64_LINE[:-4], B64_LINE[-4:] + TAIL]), "short line that is not last"),
        (_armor([B64_LINE, b"", TAIL]), "empty line"),
        (_armor([B64_LINE, TAIL, b""]), "empty line before END"),
        (_armor([B64_LINE, TAIL.rstrip(b"=")]), "missing padding"),
        (_armor([B64_LINE, b"dGFpbB=="]), "non-canonical last character"),
        (_armor([B64_LINE, TAIL + b" "]), "trailing space"),
        (_armor([b" " + B64_LINE[1:], TAIL]), "leading space"),
        (_armor([B64_LINE, b"dGFp=bA="]), "padding in the middle"),
        (_armor([B64_LINE, b"dGFpbA==", b"===="]), "padding-only line"),
        (_armor([B64_LINE.replace(b"A", b"-", 1), TAIL]), "non-base64 character"),
        (_armor([B64_LINE, TAIL]).replace(b"AGE ENCRYPTED FILE", b"PGP MESSAGE"), "wrong label"),
        (_armor([B64_LINE, TAIL]).replace(b"AGE ENCRYPTED FILE", b"age encrypted file"), "case"),
        (_armor([b"Comment: hi", b"", B64_LINE, TAIL]), "PEM headers"),
        (_armor([B64_LINE, TAIL], eol=b"\r\r\n"), "double CR"),
        (_armor([B64_LINE, TAIL], eol=b"\n").replace(b"\n", b"\r"), "CR only"),
    ],
)
def test_strictness(text: bytes, why: str) -> None:
    with pytest.raises(ArmorError) as info:
        decode_armor(text)
    assert info.value.code == "bad_armor"
    for step in (None, 5):
        with pytest.raises(ArmorError) as streamed:
            _stream_decode(text, step=step)
        assert streamed.value.code == "bad_armor"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (BEGIN, True),
        (b"\n\t " + BEGIN, True),
        (b"-----BEGIN PGP MESSAGE-----", True),
        (b"----- BEGIN AGE ENCRYPTED FILE -----", True),
        (b"age-encryption.org/v1\n", False),
        (b"x" + BEGIN, False),
        (b"", False),
    ],
)
def test_looks_armored(text: bytes, expected: bool) -> None:
    assert looks_armored(text) is expected


def test_large_inputs_are_judged_whole_in_linear_passes() -> None:
    # 2 MiB of armored data: decoded exactly, and a single bad byte anywhere is refused.
    data = bytes(range(256)) * 2**13
    text = encode_armor(data)
    assert decode_armor(text) == data
    assert decode_armor(text.replace(b"\n", b"\r\n")) == data
    for at in (len(BEGIN) + 5, len(text) // 2, len(text) - len(END) - 5):
        spoilt = text[:at] + b"*" + text[at + 1 :]
        with pytest.raises(ArmorError):
            decode_armor(spoilt)
        with pytest.raises(ArmorError):
            _stream_decode(spoilt)
    body = text.split(b"\n")[1:-2]
    moved = _armor([body[0][:-1], body[1] + body[0][-1:], *body[2:]])  # a line break moved
    with pytest.raises(ArmorError):
        decode_armor(moved)


def test_large_garbage_is_refused() -> None:
    garbage = bytes(range(256)) * 2**12  # 1 MiB, newlines and CRs included
    for text in (garbage, BEGIN + b"\n" + garbage + b"\n" + END, _armor([garbage])):
        with pytest.raises(ArmorError) as info:
            decode_armor(text)
        assert info.value.code == "bad_armor"
        with pytest.raises(ArmorError):
            _stream_decode(text)
    with pytest.raises(ArmorError):  # one endless line is refused before it is gathered
        _stream_decode(BEGIN + b"\n" + b"A" * 2**20)
