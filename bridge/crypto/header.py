"""The age v1 header: parsing, serialization and the header MAC.

The header (c2sp.org/age, "Header")::

    header = v1-line 1*stanza end
    v1-line = %s"age-encryption.org/v1" LF
    end = "--- " 43base64char LF
    stanza = arg-line *full-line final-line
    arg-line = "-> " argument *(SP argument) LF
    argument = 1*VCHAR
    full-line = 64base64char LF
    final-line = *63base64char LF

*"The body MUST end with a line shorter than 64 characters, which MAY be
empty."*  The MAC: *"computed with HMAC-SHA-256 over the whole header up to and
including the --- mark (excluding the space following it)"* with
``HMAC key = HKDF-SHA-256(ikm = file key, salt = empty, info = "header")``.

Why the parser is so strict (and re-serializes to double-check): the MAC covers
the header *text*, and identities act on the *parsed* header, so any two texts
that parse the same would make the header malleable.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from . import b64
from .errors import MalformedHeaderError, UnsupportedVersionError
from .primitives import constant_time_equal, hkdf_sha256, hmac_sha256

__all__ = [
    "COLUMNS",
    "Header",
    "Stanza",
    "compute_mac",
    "encode_header",
    "encode_header_without_mac",
    "encode_stanza",
    "parse_header",
]

VERSION_PREFIX = b"age-encryption.org/"
V1_LINE = b"age-encryption.org/v1"
COLUMNS = 64
_STANZA_PREFIX = b"->"
_MAC_PREFIX = b"---"
_MAC_B64_LEN = 43  # 32 bytes, unpadded


def _is_argument(arg: bytes) -> bool:
    """``argument = 1*VCHAR`` (printable ASCII, no space)."""
    return len(arg) > 0 and all(0x21 <= c <= 0x7E for c in arg)


@dataclass(frozen=True)
class Stanza:
    """One recipient stanza: ``-> type args...`` plus a binary body.

    ``type`` is the first argument (e.g. ``"X25519"``), ``args`` the rest.
    """

    type: str
    args: tuple[str, ...]
    body: bytes


@dataclass(frozen=True)
class Header:
    """A parsed header: its stanzas, MAC, and the exact bytes the MAC covers."""

    stanzas: tuple[Stanza, ...]
    mac: bytes
    mac_input: bytes

    def verify_mac(self, file_key: bytes) -> bool:
        """True if the header MAC is valid under ``file_key``."""
        return constant_time_equal(compute_mac(file_key, self.mac_input), self.mac)


def compute_mac(file_key: bytes, header_without_mac: bytes) -> bytes:
    """``HMAC-SHA-256(HKDF(file key, salt = empty, info = "header"), header...---)``."""
    hmac_key = hkdf_sha256(file_key, b"", b"header")
    return hmac_sha256(hmac_key, header_without_mac)


def encode_stanza(stanza: Stanza) -> bytes:
    """Serialize a stanza; the body always ends with a short (maybe empty) line."""
    args = [stanza.type, *stanza.args]
    bad = ValueError("Stanza arguments must be non-empty printable ASCII without spaces.")
    try:
        encoded_args = [a.encode("ascii") for a in args]
    except UnicodeEncodeError:
        raise bad from None
    if not all(_is_argument(a) for a in encoded_args):
        raise bad
    out = [_STANZA_PREFIX + b" " + b" ".join(encoded_args)]
    text = b64.encode(stanza.body)
    # Full 64-column lines, then the final line shorter than 64 (possibly empty).
    full = len(text) // COLUMNS
    out.extend(text[i * COLUMNS : (i + 1) * COLUMNS] for i in range(full))
    out.append(text[full * COLUMNS :])
    return b"\n".join(out) + b"\n"


def encode_header_without_mac(stanzas: Sequence[Stanza]) -> bytes:
    """The bytes covered by the MAC: version line, stanzas, and ``---``."""
    if not stanzas:
        raise ValueError("A header needs at least one stanza.")
    return V1_LINE + b"\n" + b"".join(encode_stanza(s) for s in stanzas) + _MAC_PREFIX


def encode_header(stanzas: Sequence[Stanza], file_key: bytes) -> bytes:
    """The complete header, MAC line included, ending with LF."""
    without_mac = encode_header_without_mac(stanzas)
    mac = compute_mac(file_key, without_mac)
    return without_mac + b" " + b64.encode(mac) + b"\n"


class _Lines:
    """Cursor over LF-terminated lines; a missing LF means a truncated header."""

    def __init__(self, data: bytes, pos: int) -> None:
        self.data = data
        self.pos = pos

    def next(self) -> tuple[int, bytes]:
        start = self.pos
        end = self.data.find(b"\n", start)
        if end < 0:
            raise MalformedHeaderError("The header ends unexpectedly (the file may be truncated).")
        self.pos = end + 1
        return start, self.data[start:end]


def _parse_version(data: bytes) -> int:
    """Check the version line; return the offset just after it."""
    end = data.find(b"\n")
    first = data if end < 0 else data[:end]
    if not first.startswith(VERSION_PREFIX):
        raise MalformedHeaderError("This is not an age-encrypted file.")
    if end < 0:
        raise MalformedHeaderError("The header ends unexpectedly (the file may be truncated).")
    if first != V1_LINE:
        version = first[len(VERSION_PREFIX) :]
        if _is_argument(version):  # version = 1*VCHAR
            raise UnsupportedVersionError(
                "This file uses a version of the age format this app does not support."
            )
        raise MalformedHeaderError("The age version line is malformed.")
    return end + 1


def _parse_stanza(arg_line: bytes, lines: _Lines) -> Stanza:
    parts = arg_line.split(b" ")
    if parts[0] != _STANZA_PREFIX or len(parts) < 2:
        raise MalformedHeaderError("A recipient stanza line is malformed.")
    if not all(_is_argument(p) for p in parts[1:]):
        raise MalformedHeaderError("A recipient stanza has an empty or invalid argument.")
    body_lines: list[bytes] = []
    while True:
        _, line = lines.next()
        if len(line) > COLUMNS:
            raise MalformedHeaderError("A recipient stanza body line is longer than 64 columns.")
        body_lines.append(line)
        if len(line) < COLUMNS:
            break  # the final line, shorter than 64 and possibly empty
    body = b64.decode(b"".join(body_lines), "recipient stanza body")
    args = tuple(p.decode("ascii") for p in parts[1:])
    return Stanza(type=args[0], args=args[1:], body=body)


def parse_header(data: bytes) -> tuple[Header, int]:
    """Parse the header at the start of ``data``.

    Returns the header and the offset where the binary payload begins.
    Raises :class:`MalformedHeaderError` / :class:`UnsupportedVersionError`.
    """
    if not data:
        raise MalformedHeaderError("The input is empty.", code="empty_input")
    lines = _Lines(data, _parse_version(data))
    stanzas: list[Stanza] = []
    while True:
        start, line = lines.next()
        if line.startswith(_MAC_PREFIX):
            if not stanzas:
                raise MalformedHeaderError("The header has no recipient stanzas.")
            if not line.startswith(b"--- ") or len(line) != 4 + _MAC_B64_LEN:
                raise MalformedHeaderError("The header MAC line is malformed.")
            mac = b64.decode(line[4:], "header MAC")
            mac_input = data[: start + len(_MAC_PREFIX)]
            break
        if line.startswith(_STANZA_PREFIX):
            stanzas.append(_parse_stanza(line, lines))
            continue
        raise MalformedHeaderError("The header contains an unexpected line.")

    # Defence in depth: the text must be exactly what we would have written.
    if encode_header_without_mac(stanzas) != mac_input:
        raise MalformedHeaderError("The header is not in canonical form.")
    return Header(stanzas=tuple(stanzas), mac=mac, mac_input=mac_input), lines.pos
