"""The key as a QR code: a real PNG that reads back to exactly the text, read by our own small
reader (tests/coach/qr_reader.py, no segno) the way a phone camera would read it."""

from __future__ import annotations

import struct
import zlib

import pytest

from bridge.coach.identity import CoachIdentity
from bridge.coach.qr import BORDER, SCALE, qr_png
from tests.coach.qr_reader import PNG_SIGNATURE, ReadError, read_png, read_qr

_IDENTITY = CoachIdentity.generate()
KEY = _IDENTITY.pairing_text  # what the coach's key screen encodes: "age1… bridgesign1…"
TEXTS = [
    KEY,
    _IDENTITY.recipient_text,
    "age1" + "q" * 58,
    "Bridge ✓ coach Marieke – sleutel",
    "HELLO 123",
    "0123456789",
    "x" * 150,
]


@pytest.mark.parametrize("text", TEXTS, ids=range(len(TEXTS)))
def test_the_png_reads_back_to_exactly_the_text(text: str) -> None:
    png = qr_png(text)
    assert png.startswith(PNG_SIGNATURE)
    code = read_qr(png)
    assert code.text == text
    assert code.level in ("M", "Q", "H")  # at least level M, as asked
    assert code.border == BORDER and code.scale == SCALE


def test_the_coach_key_is_a_full_qr_code_a_phone_reads() -> None:
    code = read_qr(qr_png(KEY))
    assert code.text == KEY
    assert code.version >= 1  # a full QR code, never a Micro QR (its grid would be < 21)
    picture = read_png(qr_png(KEY))
    assert picture.width == picture.height == (17 + 4 * code.version + 2 * BORDER) * SCALE


def test_more_text_makes_a_bigger_picture() -> None:
    small, large = qr_png("age1"), qr_png(_IDENTITY.recipient_text * 2)
    assert read_png(large).width > read_png(small).width
    assert len(large) > len(small)
    assert read_qr(small).version < read_qr(large).version


def test_the_reader_is_not_fooled_by_a_changed_module() -> None:
    """The reader checks what it reads: one module flipped makes it refuse, not guess."""
    png = qr_png(KEY)
    picture = read_png(png)
    width = picture.width
    rows = [list(row) for row in picture.dark]
    # Flip one data module near the bottom right (outside every function pattern).
    y0 = x0 = (BORDER + len(rows) // SCALE - 2 * BORDER - 2) * SCALE
    for dy in range(SCALE):
        for dx in range(SCALE):
            rows[y0 + dy][x0 + dx] = not rows[y0 + dy][x0 + dx]
    with pytest.raises(ReadError):
        read_qr(_png_from(rows, width))
    assert read_qr(_png_from([list(r) for r in picture.dark], width)).text == KEY


def _png_from(rows: list[list[bool]], width: int) -> bytes:
    """A 1-bit grey PNG of `rows` (True = dark), for the reader test above."""
    raw = b""
    for row in rows:
        bits = "".join("0" if dark else "1" for dark in row).ljust((width + 7) // 8 * 8, "0")
        raw += b"\x00" + int(bits, 2).to_bytes(len(bits) // 8, "big")

    def chunk(kind: bytes, body: bytes) -> bytes:
        return (
            struct.pack(">I", len(body)) + kind + body + struct.pack(">I", zlib.crc32(kind + body))
        )

    header = struct.pack(">IIBBBBB", width, len(rows), 1, 0, 0, 0, 0)
    return (
        PNG_SIGNATURE
        + chunk(b"IHDR", header)
        + chunk(b"IDAT", zlib.compress(raw))
        + chunk(b"IEND", b"")
    )


@pytest.mark.parametrize("text", ["", "x" * 5000])
def test_no_text_or_too_much_text_is_a_clear_error(text: str) -> None:
    with pytest.raises(ValueError):
        qr_png(text)
