"""Header grammar, serialization and MAC (c2sp.org/age, "Header")."""

from __future__ import annotations

import hashlib
import hmac

import pytest
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.kdf.hkdf import HKDF
from hypothesis import given
from hypothesis import strategies as st

from bridge.crypto import MalformedHeaderError, UnsupportedVersionError
from bridge.crypto.header import (
    Stanza,
    compute_mac,
    encode_header,
    encode_stanza,
    parse_header,
)

from .age_helpers import FILE_KEY, b64raw, x25519_stanza_text

V1 = b"age-encryption.org/v1\n"
MAC = b64raw(bytes(32)).encode()  # any well-formed MAC; parsing does not check it
ALICE_STANZA = x25519_stanza_text()


def _hdr(*parts: bytes, mac_line: bytes = b"--- " + MAC + b"\n") -> bytes:
    return b"".join(parts) + mac_line


# The example header from the spec (its keys are not published, so only parse it).
SPEC_HEADER = (
    b"age-encryption.org/v1\n"
    b"-> X25519 XEl0dJ6y3C7KZkgmgWUicg63EyXJiwBJW8PdYJ/cYBE\n"
    b"qRS0AMjdjPvZ/WT08U2KL4G+PIooA3hy38SvLpvaC1E\n"
    b"--- HK2NmOBN9Dpq0Gw6xMCuhFcQlQLvZ/wQUi/2scLG75s\n"
)


def test_parse_spec_example() -> None:
    header, end = parse_header(SPEC_HEADER + b"PAYLOAD")
    assert end == len(SPEC_HEADER)
    (stanza,) = header.stanzas
    assert stanza.type == "X25519"
    assert stanza.args == ("XEl0dJ6y3C7KZkgmgWUicg63EyXJiwBJW8PdYJ/cYBE",)
    assert len(stanza.body) == 32
    assert b64raw(header.mac) == "HK2NmOBN9Dpq0Gw6xMCuhFcQlQLvZ/wQUi/2scLG75s"
    assert header.mac_input == SPEC_HEADER[: SPEC_HEADER.index(b"---") + 3]


def test_mac_formula() -> None:
    # HMAC key = HKDF-SHA-256(ikm = file key, salt = empty, info = "header"),
    # computed here independently of bridge.crypto.primitives.
    text = V1 + ALICE_STANZA + b"---"
    key = HKDF(algorithm=hashes.SHA256(), length=32, salt=b"", info=b"header").derive(FILE_KEY)
    expected = hmac.new(key, text, hashlib.sha256).digest()
    assert compute_mac(FILE_KEY, text) == expected
    full = encode_header([parse_header(_hdr(V1, ALICE_STANZA))[0].stanzas[0]], FILE_KEY)
    assert full == text + b" " + b64raw(expected).encode() + b"\n"
    header, _ = parse_header(full)
    assert header.verify_mac(FILE_KEY)
    assert not header.verify_mac(b"another file key")


@pytest.mark.parametrize(
    ("body_len", "line_lengths"),
    # 48 bytes = one full 64-column line; a full last line needs an empty line after it.
    [(0, [0]), (1, [2]), (47, [63]), (48, [64, 0]), (49, [64, 2]), (96, [64, 64, 0])],
)
def test_body_wrapping(body_len: int, line_lengths: list[int]) -> None:
    body = bytes([1]) * body_len
    text = encode_stanza(Stanza("t", (), body))
    assert text.endswith(b"\n")
    body_lines = text.split(b"\n")[1:-1]
    assert [len(line) for line in body_lines] == line_lengths
    header, _ = parse_header(_hdr(V1, text))
    assert header.stanzas[0].body == body


_args = st.text(
    alphabet=st.characters(min_codepoint=0x21, max_codepoint=0x7E), min_size=1, max_size=12
)


@given(
    stanzas=st.lists(
        st.builds(Stanza, _args, st.lists(_args, max_size=4).map(tuple), st.binary(max_size=200)),
        min_size=1,
        max_size=5,
    ),
    payload=st.binary(max_size=20),
)
def test_roundtrip(stanzas: list[Stanza], payload: bytes) -> None:
    data = encode_header(stanzas, FILE_KEY)
    header, end = parse_header(data + payload)
    assert list(header.stanzas) == stanzas
    assert (data + payload)[end:] == payload
    assert header.verify_mac(FILE_KEY)


def test_encode_rejects_bad_arguments() -> None:
    for bad in ["", "a b", "é", "\x7f"]:
        with pytest.raises(ValueError):
            encode_stanza(Stanza("x", (bad,), b""))
    with pytest.raises(ValueError):
        encode_header([], FILE_KEY)


def test_unsupported_version() -> None:
    with pytest.raises(UnsupportedVersionError) as info:
        parse_header(_hdr(b"age-encryption.org/v2\n", ALICE_STANZA))
    assert info.value.code == "unsupported_version"


def test_empty_input() -> None:
    with pytest.raises(MalformedHeaderError) as info:
        parse_header(b"")
    assert info.value.code == "empty_input"


FULL = b"A" * 64 + b"\n"

MALFORMED = [
    (b"AGE-ENCRYPTION.ORG/v1\n" + ALICE_STANZA + b"--- " + MAC + b"\n", "wrong intro"),
    (b"age-encryption.org/v1", "version line without LF"),
    (b"age-encryption.org/v1\r\n" + ALICE_STANZA + b"--- " + MAC + b"\n", "CRLF version"),
    (b"age-encryption.org/v1 \n" + ALICE_STANZA + b"--- " + MAC + b"\n", "space in version"),
    (b"age-encryption.org/\n" + ALICE_STANZA + b"--- " + MAC + b"\n", "empty version"),
    (_hdr(V1), "no stanzas"),
    (_hdr(V1, b"->X25519 abc\n\n"), "no space after ->"),
    (_hdr(V1, b"-> \n\n"), "no arguments"),
    (_hdr(V1, b"->\n\n"), "no arguments, no space"),
    (_hdr(V1, b"-> a  b\n\n"), "empty argument"),
    (_hdr(V1, b"-> a \n\n"), "trailing space"),
    (_hdr(V1, "-> caf\u00e9\n\n".encode()), "non-ASCII argument"),
    (_hdr(V1, b"-> a\x7f\n\n"), "DEL in argument"),
    (_hdr(V1, b"-> a\tb\n\n"), "tab in argument"),
    (_hdr(V1, b"-> a\n" + b"A" * 65 + b"\n\n"), "65-column body line"),
    (_hdr(V1, b"-> a\n" + FULL), "64-column last body line without short line"),
    (_hdr(V1, b"-> a\n" + FULL + FULL), "two full lines, no short line"),
    (_hdr(V1, b"-> a\nAAAA\nAAAA\n"), "two short lines"),
    (_hdr(V1, b"-> a\nAA==\n"), "padded body"),
    (_hdr(V1, b"-> a\nAB\n"), "non-canonical body (unused bits set)"),
    (_hdr(V1, b"-> a\nA\n"), "impossible base64 length"),
    (_hdr(V1, b"-> a\nAAAA\r\n"), "CR in body line"),
    (_hdr(V1, b"-> a\nAA-A\n"), "non-base64 body character"),
    (_hdr(V1, b"-> a\n \n"), "space as body"),
    (_hdr(V1, b"-> a\n"), "stanza without body line (--- read as body)"),
    (_hdr(V1, ALICE_STANZA, b"garbage\n"), "unexpected line"),
    (_hdr(V1, b"\n", ALICE_STANZA), "empty line before stanza"),
    (V1 + ALICE_STANZA, "no MAC line (truncated)"),
    (V1 + ALICE_STANZA + b"--- " + MAC, "MAC line without LF"),
    (_hdr(V1, ALICE_STANZA, mac_line=b"---\n"), "MAC missing"),
    (_hdr(V1, ALICE_STANZA, mac_line=b"---" + MAC + b"\n"), "no space before MAC"),
    (_hdr(V1, ALICE_STANZA, mac_line=b"---  " + MAC + b"\n"), "two spaces before MAC"),
    (_hdr(V1, ALICE_STANZA, mac_line=b"--- " + MAC + b" \n"), "trailing space after MAC"),
    (_hdr(V1, ALICE_STANZA, mac_line=b"--- " + MAC[:-1] + b"\n"), "truncated MAC"),
    (_hdr(V1, ALICE_STANZA, mac_line=b"--- " + MAC + b"A\n"), "MAC too long"),
    (_hdr(V1, ALICE_STANZA, mac_line=b"--- " + MAC[:-1] + b"B\n"), "non-canonical MAC"),
    (_hdr(V1, ALICE_STANZA, mac_line=b"---- " + MAC + b"\n"), "four dashes"),
    (_hdr(V1, ALICE_STANZA, mac_line=b"--- " + MAC + b"=\n"), "padded MAC"),
]


@pytest.mark.parametrize(("data", "why"), MALFORMED, ids=[w for _, w in MALFORMED])
def test_malformed(data: bytes, why: str) -> None:
    with pytest.raises(MalformedHeaderError):
        parse_header(data)


def test_empty_body_and_empty_last_line_are_valid() -> None:
    header, _ = parse_header(_hdr(V1, b"-> a\n\n"))
    assert header.stanzas[0].body == b""
    header, _ = parse_header(_hdr(V1, b"-> a\n" + FULL + b"\n"))
    assert len(header.stanzas[0].body) == 48
