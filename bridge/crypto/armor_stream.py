"""ASCII armor as a stream: the same strict rules as :mod:`bridge.crypto.armor`, block by block.

:class:`ArmorWriter` writes exactly what :func:`~bridge.crypto.armor.encode_armor`
returns; :class:`ArmorReader` accepts exactly what
:func:`~bridge.crypto.armor.decode_armor` accepts (optional whitespace, the BEGIN
line, 64-column base64 lines with a last line of 1-64 columns, canonical
padding, the END line, optional whitespace; LF or CRLF), raising
:class:`~bridge.crypto.errors.ArmorError` (``bad_armor``).  Why a stream: a
backup of several MiB is decoded without holding its text, the joined base64
and the binary side by side.

The reader works on blocks of many lines with bytes methods (C speed), holding
back the last complete line until it knows whether the END line follows it:
only the last line may be short or padded.  An error may show only once the
reader gets there, after earlier bytes were handed out; the age layer above
treats it like any other damage.
"""

from __future__ import annotations

import binascii

from .armor import (
    _ALPHABET,
    _WHITESPACE,
    BEGIN,
    COLUMNS,
    END,
    _bad,
    check_last_lines,
    strict_base64,
)
from .stream import ReadFunc, WriteFunc

__all__ = ["ArmorReader", "ArmorWriter"]

_LINE_BYTES = COLUMNS // 4 * 3  # 48 bytes make one 64-column line
_BLOCK = 64 * 1024
_HELD_BACK = 2 * (COLUMNS + 2)  # one complete line (CRLF) and a partial one


class ArmorWriter:
    """Armors what is written to it; ``close()`` writes the last line and the END line."""

    def __init__(self, write: WriteFunc) -> None:
        self._write = write
        self._pending = b""
        write(BEGIN + b"\n")

    def write(self, data: bytes) -> None:
        pending = self._pending + data
        whole = len(pending) // _LINE_BYTES * _LINE_BYTES
        if whole:
            b2a = binascii.b2a_base64
            self._write(
                b"".join(b2a(pending[i : i + _LINE_BYTES]) for i in range(0, whole, _LINE_BYTES))
            )
        self._pending = pending[whole:]

    def close(self) -> None:
        if self._pending:
            self._write(binascii.b2a_base64(self._pending))
        self._pending = b""
        self._write(END + b"\n")


def _lf_only(text: bytes) -> bytes:
    """``text`` with CRLF turned into LF; a CR anywhere else is bad armor."""
    if b"\r" not in text:
        return text
    if text.count(b"\r") != text.count(b"\r\n"):
        raise _bad("a line does not end in LF or CRLF")
    return text.replace(b"\r\n", b"\n")


def _full_lines(text: bytes) -> bytes:
    """Decode lines that are not the last one: each exactly 64 base64 columns, no padding."""
    text = _lf_only(text)
    count = len(text) // (COLUMNS + 1)
    if (
        len(text) != count * (COLUMNS + 1)
        or text[COLUMNS :: COLUMNS + 1] != b"\n" * count
        or text.count(b"\n") != count
    ):
        raise _bad("a line is not 64 columns long (the last one 1-64), or a line is empty")
    joined = text.replace(b"\n", b"")
    if joined.translate(None, _ALPHABET):
        raise _bad("it contains characters that are not base64")
    return binascii.a2b_base64(joined)


def _last_lines(text: bytes, seen_body: bool) -> bytes:
    """Decode the lines up to the END line: the last may be short and padded."""
    text = _lf_only(text)
    if not text:
        if not seen_body:
            raise _bad("it contains no data")
        raise _bad("a line is not 64 columns long (the last one 1-64), or a line is empty")
    if not text.endswith(b"\n"):
        raise _bad("it does not end with the age END line")
    body = text[:-1]
    check_last_lines(body)
    return strict_base64(body.replace(b"\n", b""))


class ArmorReader:
    """Reads armored text from ``read`` and gives the binary age file through :meth:`read`."""

    def __init__(self, read: ReadFunc) -> None:
        self._source = read
        self._text = b""  # text read but not decoded yet
        self._out = bytearray()  # decoded, not handed out yet
        self._began = False
        self._seen_body = False
        self._done = False

    def read(self, n: int) -> bytes:
        while len(self._out) < n and not self._done:
            self._fill()
        data = bytes(self._out[:n])
        del self._out[:n]
        return data

    def _more(self) -> bool:
        block = self._source(_BLOCK)
        self._text += block
        return bool(block)

    def _fill(self) -> None:
        more = self._more()
        if not self._began:
            self._begin(more)
            return
        dash = self._text.find(b"-")
        if dash >= 0:
            self._end(dash)
            return
        if not more:
            raise _bad("it does not end with the age END line")
        # Decode every complete line but the last one: it may be the short final line.
        last = self._text.rfind(b"\n")
        cut = self._text.rfind(b"\n", 0, last) + 1 if last >= 0 else 0
        if cut:
            self._out += _full_lines(self._text[:cut])
            self._text = self._text[cut:]
            self._seen_body = True
        if len(self._text) > _HELD_BACK:  # a line far too long: do not gather it
            raise _bad("a line is not 64 columns long (the last one 1-64), or a line is empty")

    def _begin(self, more: bool) -> None:
        text = self._text.lstrip(_WHITESPACE)
        for eol in (b"\n", b"\r\n"):
            if text.startswith(BEGIN + eol):
                self._text = text[len(BEGIN) + len(eol) :]
                self._began = True
                return
        if more and len(text) < len(BEGIN) + 2 and (BEGIN + b"\r\n").startswith(text):
            self._text = text
            return  # not enough text yet
        raise _bad("the first line is not the age BEGIN line")

    def _end(self, dash: int) -> None:
        self._out += _last_lines(self._text[:dash], self._seen_body)
        self._seen_body = True
        tail = self._text[dash:]
        while len(tail) < len(END) and END.startswith(tail):
            block = self._source(_BLOCK)
            if not block:
                break
            tail += block
        if not tail.startswith(END):
            raise _bad("it does not end with the age END line")
        rest = tail[len(END) :]
        while True:
            if rest.strip(_WHITESPACE):
                raise _bad("it does not end with the age END line")
            rest = self._source(_BLOCK)
            if not rest:
                break
        self._text = b""
        self._done = True
