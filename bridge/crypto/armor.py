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
_B64_CHARS = frozenset(b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/")


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


def decode_armor(data: bytes) -> bytes:
    """Strictly decode armored ``data`` back to the binary age file."""
    text = data.strip(_WHITESPACE)
    lines = text.split(b"\n")
    # CRLF: drop one CR at the end of each line (the last line has none left).
    lines = [line[:-1] if line.endswith(b"\r") else line for line in lines]
    if lines[0] != BEGIN:
        raise _bad("the first line is not the age BEGIN line")
    if len(lines) < 2 or lines[-1] != END:
        raise _bad("it does not end with the age END line")
    body = lines[1:-1]
    if not body:
        raise _bad("it contains no data")
    for i, line in enumerate(body):
        is_last = i == len(body) - 1
        if len(line) > COLUMNS:
            raise _bad("a line is longer than 64 characters")
        if not is_last and len(line) != COLUMNS:
            raise _bad("a line other than the last is shorter than 64 characters")
        if not line:
            raise _bad("it contains an empty line")
        content = line.rstrip(b"=") if is_last else line
        if len(line) - len(content) > 2 or any(c not in _B64_CHARS for c in content):
            raise _bad("it contains characters that are not base64")
    joined = b"".join(body)
    if len(joined) % 4:
        raise _bad("the base64 padding is missing")
    try:
        decoded = base64.b64decode(joined, validate=True)
    except binascii.Error:
        raise _bad("the base64 is invalid") from None
    if base64.b64encode(decoded) != joined:
        raise _bad("the base64 is not canonical")
    return decoded
