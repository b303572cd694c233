"""A small pure-Python PNG and QR reader for the tests (no dependency, no segno): it reads back
what a phone camera would, so a test can check the picture really holds the text.

Only what a clean, computer-drawn QR code needs: PNG without interlacing; QR versions 1-10,
numeric, alphanumeric and byte segments, no damage (the Reed-Solomon check bytes are verified,
not used to repair). Positions and tables follow ISO/IEC 18004 as written out in Project Nayuki's
QR code generator (https://www.nayuki.io/page/qr-code-generator-library).
"""

from __future__ import annotations

import struct
import zlib
from dataclasses import dataclass

PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"

# ECC codewords per block and number of blocks, index [level][version]; versions 1-10.
_ECC_PER_BLOCK = {
    "L": (-1, 7, 10, 15, 20, 26, 18, 20, 24, 30, 18),
    "M": (-1, 10, 16, 26, 18, 24, 16, 18, 22, 22, 26),
    "Q": (-1, 13, 22, 18, 26, 18, 24, 18, 22, 20, 24),
    "H": (-1, 17, 28, 22, 16, 22, 28, 26, 26, 24, 28),
}
_BLOCKS = {
    "L": (-1, 1, 1, 1, 1, 1, 2, 2, 2, 2, 4),
    "M": (-1, 1, 1, 1, 2, 2, 4, 4, 4, 5, 5),
    "Q": (-1, 1, 1, 2, 2, 4, 4, 6, 6, 8, 8),
    "H": (-1, 1, 1, 2, 4, 4, 4, 5, 6, 8, 8),
}
_FORMAT_LEVEL = {1: "L", 0: "M", 3: "Q", 2: "H"}
_ALNUM = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ $%*+-./:"


class ReadError(AssertionError):
    """The picture is not a readable QR code."""


# -- PNG --------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Picture:
    width: int
    height: int
    dark: tuple[tuple[bool, ...], ...]  # [row][column]


def _paeth(a: int, b: int, c: int) -> int:
    p = a + b - c
    pa, pb, pc = abs(p - a), abs(p - b), abs(p - c)
    if pa <= pb and pa <= pc:
        return a
    return b if pb <= pc else c


def read_png(data: bytes) -> Picture:
    """Every pixel as dark or light; checks the signature, every chunk's CRC, and the filters."""
    if not data.startswith(PNG_SIGNATURE):
        raise ReadError("no PNG signature")
    pos, chunks = len(PNG_SIGNATURE), []
    while pos < len(data):
        (length,) = struct.unpack(">I", data[pos : pos + 4])
        kind, body = data[pos + 4 : pos + 8], data[pos + 8 : pos + 8 + length]
        (crc,) = struct.unpack(">I", data[pos + 8 + length : pos + 12 + length])
        if zlib.crc32(kind + body) != crc:
            raise ReadError(f"bad CRC in chunk {kind!r}")
        chunks.append((kind, body))
        pos += 12 + length
    if chunks[0][0] != b"IHDR" or chunks[-1][0] != b"IEND":
        raise ReadError("chunks out of order")
    width, height, depth, color, _, _, interlace = struct.unpack(">IIBBBBB", chunks[0][1])
    if interlace:
        raise ReadError("interlaced PNG is not supported here")
    channels = {0: 1, 2: 3, 3: 1, 4: 2, 6: 4}[color]
    palette = b"".join(body for kind, body in chunks if kind == b"PLTE")
    raw = zlib.decompress(b"".join(body for kind, body in chunks if kind == b"IDAT"))
    stride = (width * channels * depth + 7) // 8
    bpp = max(1, channels * depth // 8)
    rows: list[bytearray] = []
    previous = bytearray(stride)
    for y in range(height):
        start = y * (stride + 1)
        kind, line = raw[start], bytearray(raw[start + 1 : start + 1 + stride])
        for i in range(stride):
            a = line[i - bpp] if i >= bpp else 0
            b, c = previous[i], previous[i - bpp] if i >= bpp else 0
            line[i] = (line[i] + (0, a, b, (a + b) // 2, _paeth(a, b, c))[kind]) & 0xFF
        rows.append(line)
        previous = line
    if len(raw) != height * (stride + 1):
        raise ReadError("the image data has the wrong length")
    if color in (4, 6) or depth == 16:
        raise ReadError("only grey, colour or palette PNG of 1-8 bits is supported here")
    top = (1 << depth) - 1

    def sample(row: bytearray, index: int) -> int:
        bit = index * depth
        return (row[bit // 8] >> (8 - depth - bit % 8)) & top

    def light(row: bytearray, x: int) -> bool:
        if color == 3:
            entry = sample(row, x)
            return sum(palette[3 * entry : 3 * entry + 3]) / 3 > 127
        values = [sample(row, x * channels + k) for k in range(channels)]
        return sum(values) / len(values) > top / 2

    dark = tuple(tuple(not light(row, x) for x in range(width)) for row in rows)
    return Picture(width, height, dark)


# -- QR ---------------------------------------------------------------------------------------


@dataclass(frozen=True)
class QrCode:
    text: str
    version: int
    level: str
    mask: int
    border: int  # quiet zone, in modules
    scale: int  # pixels per module


def _grid(picture: Picture) -> tuple[list[list[bool]], int, int]:
    """The modules, the quiet zone (modules) and the pixels per module."""
    dark = picture.dark
    first = next((y, row.index(True)) for y, row in enumerate(dark) if True in row)
    y0, x0 = first
    run = 0
    while dark[y0][x0 + run]:
        run += 1
    if run % 7:
        raise ReadError("the finder pattern is not 7 modules wide")
    scale = run // 7
    if x0 != y0 or x0 % scale or (picture.width - 2 * x0) % scale:
        raise ReadError("the quiet zone is not whole modules")
    size = (picture.width - 2 * x0) // scale
    if picture.width != picture.height or (size - 17) % 4 or size < 21:
        raise ReadError("not a square QR code of a known size")
    grid = []
    for r in range(size):
        row = []
        for c in range(size):
            block = {
                dark[y0 + r * scale + dy][x0 + c * scale + dx]
                for dy in range(scale)
                for dx in range(scale)
            }
            if len(block) != 1:
                raise ReadError("a module is not one colour")
            row.append(block.pop())
        grid.append(row)
    if any(any(row) for row in dark[:y0]) or any(any(row[:x0]) for row in dark):
        raise ReadError("the quiet zone is not empty")
    return grid, x0 // scale, scale


def _alignment(version: int, size: int) -> list[int]:
    if version == 1:
        return []
    count = version // 7 + 2
    step = (version * 8 + count * 3 + 5) // (count * 4 - 4) * 2
    return [6, *reversed([size - 7 - i * step for i in range(count - 1)])]


def _function_modules(version: int, size: int) -> list[list[bool]]:
    f = [[False] * size for _ in range(size)]

    def area(top: int, left: int, height: int, width: int) -> None:
        for r in range(max(0, top), min(size, top + height)):
            for c in range(max(0, left), min(size, left + width)):
                f[r][c] = True

    area(0, 0, 9, 9)
    area(0, size - 8, 9, 8)
    area(size - 8, 0, 8, 9)
    area(6, 0, 1, size)
    area(0, 6, size, 1)
    centres = _alignment(version, size)
    last = len(centres) - 1
    for i, r in enumerate(centres):
        for j, c in enumerate(centres):
            if (i, j) not in ((0, 0), (0, last), (last, 0)):
                area(r - 2, c - 2, 5, 5)
    if version >= 7:
        area(0, size - 11, 6, 3)
        area(size - 11, 0, 3, 6)
    return f


def _format_bits(level_bits: int, mask: int) -> int:
    data = level_bits << 3 | mask
    rem = data
    for _ in range(10):
        rem = (rem << 1) ^ ((rem >> 9) * 0x537)
    return (data << 10 | rem) ^ 0x5412


def _read_format(grid: list[list[bool]]) -> tuple[str, int]:
    size = len(grid)
    # (column, row) of bit i, first copy and second copy.
    first = [(8, i) for i in range(6)] + [(8, 7), (8, 8), (7, 8)]
    first += [(14 - i, 8) for i in range(9, 15)]
    second = [(size - 1 - i, 8) for i in range(8)] + [(8, size - 15 + i) for i in range(8, 15)]
    for places in (first, second):
        bits = sum(1 << i for i, (x, y) in enumerate(places) if grid[y][x])
        for level_bits, level in _FORMAT_LEVEL.items():
            for mask in range(8):
                if _format_bits(level_bits, mask) == bits:
                    return level, mask
    raise ReadError("the format information is unreadable")


def _masked(mask: int, x: int, y: int) -> bool:
    return (
        (x + y) % 2 == 0,
        y % 2 == 0,
        x % 3 == 0,
        (x + y) % 3 == 0,
        (x // 3 + y // 2) % 2 == 0,
        x * y % 2 + x * y % 3 == 0,
        (x * y % 2 + x * y % 3) % 2 == 0,
        ((x + y) % 2 + x * y % 3) % 2 == 0,
    )[mask]


def _gf_multiply(x: int, y: int) -> int:
    z = 0
    for i in reversed(range(8)):
        z = (z << 1) ^ ((z >> 7) * 0x11D)
        z ^= ((y >> i) & 1) * x
    return z


def _rs_remainder(data: list[int], degree: int) -> list[int]:
    divisor = [0] * (degree - 1) + [1]
    root = 1
    for _ in range(degree):
        for j in range(degree):
            divisor[j] = _gf_multiply(divisor[j], root)
            if j + 1 < degree:
                divisor[j] ^= divisor[j + 1]
        root = _gf_multiply(root, 0x02)
    result = [0] * degree
    for byte in data:
        factor = byte ^ result.pop(0)
        result.append(0)
        for i, coef in enumerate(divisor):
            result[i] ^= _gf_multiply(coef, factor)
    return result


def _raw_modules(version: int) -> int:
    result = (16 * version + 128) * version + 64
    if version >= 2:
        count = version // 7 + 2
        result -= (25 * count - 10) * count - 55
        if version >= 7:
            result -= 36
    return result


def _data_codewords(codewords: list[int], version: int, level: str) -> list[int]:
    blocks, ecc = _BLOCKS[level][version], _ECC_PER_BLOCK[level][version]
    total = _raw_modules(version) // 8
    short = blocks - total % blocks
    short_len = total // blocks
    parts: list[list[int]] = [[] for _ in range(blocks)]
    it = iter(codewords)
    for i in range(short_len + 1):
        for j in range(blocks):
            if i == short_len - ecc and j < short:
                continue
            parts[j].append(next(it))
    data: list[int] = []
    for part in parts:
        body, check = part[: len(part) - ecc], part[len(part) - ecc :]
        if _rs_remainder(body, ecc) != check:
            raise ReadError("a Reed-Solomon check does not match")
        data += body
    return data


def _segments(data: list[int], version: int) -> str:
    bits = "".join(f"{b:08b}" for b in data)
    pos, text = 0, []

    def take(n: int) -> int:
        nonlocal pos
        if pos + n > len(bits):
            raise ReadError("the data ends in the middle of a segment")
        value = int(bits[pos : pos + n], 2)
        pos += n
        return value

    while pos + 4 <= len(bits):
        mode = take(4)
        if mode == 0:
            break
        if mode == 0b0100:
            count = take(8 if version < 10 else 16)
            text.append(bytes(take(8) for _ in range(count)).decode("utf-8"))
        elif mode == 0b0010:
            count = take(9 if version < 10 else 11)
            for _ in range(count // 2):
                pair = take(11)
                text.append(_ALNUM[pair // 45] + _ALNUM[pair % 45])
            if count % 2:
                text.append(_ALNUM[take(6)])
        elif mode == 0b0001:
            count = take(10 if version < 10 else 12)
            while count >= 3:
                text.append(f"{take(10):03d}")
                count -= 3
            if count:
                text.append(f"{take(3 * count + 1):0{count}d}")
        else:
            raise ReadError(f"segment mode {mode:04b} is not supported here")
    return "".join(text)


def read_qr(png: bytes) -> QrCode:
    """The text in a QR code drawn as PNG (raises ReadError when it cannot be read)."""
    grid, border, scale = _grid(read_png(png))
    size = len(grid)
    version = (size - 17) // 4
    if version > 10:
        raise ReadError("versions above 10 are not supported here")
    level, mask = _read_format(grid)
    function = _function_modules(version, size)
    bits: list[int] = []
    right = size - 1
    while right >= 1:
        if right == 6:
            right = 5
        for vert in range(size):
            for j in range(2):
                x = right - j
                upward = ((right + 1) & 2) == 0
                y = size - 1 - vert if upward else vert
                if not function[y][x]:
                    bits.append(int(grid[y][x] != _masked(mask, x, y)))
        right -= 2
    codewords = [int("".join(map(str, bits[i : i + 8])), 2) for i in range(0, len(bits) - 7, 8)][
        : _raw_modules(version) // 8
    ]
    text = _segments(_data_codewords(codewords, version, level), version)
    return QrCode(text, version, level, mask, border, scale)
