"""ASCII armor for age files (c2sp.org/age, "ASCII armor").

*"age files that need to be transmitted as 7-bit ASCII SHOULD be encoded
according to the strict PEM encoding specified in RFC 7468, Section 3
(Figure 3), with case-sensitive label "AGE ENCRYPTED FILE".  Note that this
encoding employs base64 with = padding characters ...  age implementations
SHOULD reject non-canonical ASCII armor encodings except for whitespace before
and after the PEM block, and MAY choose to accept both LF and CRLF line
endings."*

So, when decoding: optional whitespace, the exact BEGIN line, base64 lines of
exactly 64 columns except the last (1–64 columns), canonical padded base64,
the exact END line, optional whitespace — nothing else (no PEM headers, no
blank lines, no trailing spaces).  LF or CRLF line endings are accepted.

Why strict: armored text is what people copy/paste around; rejecting every
variant we did not write keeps the encoding non-malleable.
"""

from __future__ import annotations

import base64
import binascii

from .errors import ArmorError

__all__ = ["BEGIN", "END", "decode_armor", "encode_armor", "looks_armored"]

BEGIN = b"-----BEGIN AGE ENCRYPTED FILE-----"
END = b"-----END AGE ENCRYPTED FILE-----"
COLUMNS = 64
_WHITESPACE = b" \t\r\n"
_ALPHABET = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/"


def looks_armored(data: bytes) -> bool:
    """True if ``data`` starts (after whitespace) like a PEM block.

    Any ``-----`` counts, so a wrong or mangled BEGIN line is reported as bad
    armor rather than as "not an age file".
    """
    return data.lstrip(_WHITESPACE).startswith(b"-----")


def encode_armor(data: bytes) -> bytes:
    """Wrap a binary age file in ASCII armor (64-column lines, LF endings)."""
    text = base64.b64encode(data)
    lines = [text[i : i + COLUMNS] for i in range(0, len(text), COLUMNS)]
    return b"\n".join([BEGIN, *lines, END]) + b"\n"


def _bad(reason: str) -> ArmorError:
    return ArmorError(f"The armored (text) file is malformed: {reason}.")


def _body(text: bytes) -> bytes:
    """The base64 lines between BEGIN and END (LF endings), each rule checked on whole bytes.

    Every step is a bytes method (C speed, linear): no Python loop over lines or
    characters, so a huge hostile file costs a few passes over its bytes.
    """
    if text.count(b"\r") != text.count(b"\r\n"):
        raise _bad("a line does not end in LF or CRLF")
    text = text.replace(b"\r\n", b"\n")
    if not text.startswith(BEGIN + b"\n"):
        raise _bad("the first line is not the age BEGIN line")
    if not text.endswith(b"\n" + END):
        raise _bad("it does not end with the age END line")
    body = text[len(BEGIN) + 1 : -len(END) - 1]
    if not body:
        raise _bad("it contains no data")
    check_last_lines(body)
    return body


def check_last_lines(body: bytes) -> None:
    """k full lines of 64 columns plus LF, then one last line of 1-64 columns (no LF)."""
    full, last = divmod(len(body), COLUMNS + 1)
    if last == 0 or body[COLUMNS :: COLUMNS + 1] != b"\n" * full or body.count(b"\n") != full:
        raise _bad("a line is not 64 columns long (the last one 1-64), or a line is empty")


def strict_base64(joined: bytes) -> bytes:
    """Decodes padded, canonical base64 (the last part of an armor), or raises."""
    content = joined.rstrip(b"=")
    if len(joined) - len(content) > 2 or content.translate(None, _ALPHABET):
        raise _bad("it contains characters that are not base64")
    if len(joined) % 4:
        raise _bad("the base64 padding is missing")
    try:
        decoded = binascii.a2b_base64(joined, strict_mode=True)
    except binascii.Error:
        raise _bad("the base64 is invalid") from None
    if binascii.b2a_base64(decoded, newline=False) != joined:
        raise _bad("the base64 is not canonical")
    return decoded


def decode_armor(data: bytes) -> bytes:
    """Strictly decode armored ``data`` back to the binary age file, in linear time."""
    return strict_base64(_body(bytes(data).strip(_WHITESPACE)).replace(b"\n", b""))
