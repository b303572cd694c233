"""Bech32 (BIP-173) known answers and properties, as age uses it."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from bridge.crypto import bech32
from bridge.crypto.bech32 import BIP173_MAX_LENGTH, Bech32Error

# BIP-173 "Test vectors": valid Bech32 strings.
BIP173_VALID = [
    "A12UEL5L",
    "a12uel5l",
    "an83characterlonghumanreadablepartthatcontainsthenumber1andtheexcludedcharactersbio1tt5tgs",
    "abcdef1qpzry9x8gf2tvdw0s3jn54khce6mua7lmqqqxw",
    "11" + "q" * 82 + "c8247j",  # 90 characters
    "split1checkupstagehandshakeupstreamerranterredcaperred2y9e3w",
    "?1ezyfcl",
]

# BIP-173 invalid strings, with the reason given by the BIP.
BIP173_INVALID = [
    ("\x201nwldj5", "HRP character out of range"),
    ("\x7f1axkwrx", "HRP character out of range"),
    ("\x801eym55h", "HRP character out of range"),
    (
        "an84characterslonghumanreadablepartthatcontainsthenumber1andtheexcludedcharactersbio1569pvx",
        "overall max length exceeded",
    ),
    ("pzry9x0s0muk", "No separator character"),
    ("1pzry9x0s0muk", "Empty HRP"),
    ("x1b4n0q5v", "Invalid data character"),
    ("li1dgmt3", "Too short checksum"),
    ("de1lg7wt\xff", "Invalid character in checksum"),
    ("A1G7SGD8", "checksum calculated with uppercase form of HRP"),
    ("10a06t8", "empty HRP"),
    ("1qzzfhee", "empty HRP"),
]

# BIP-173 segwit addresses: witness version (first 5-bit group) + program.
# They exercise the 5→8 bit regrouping used for age key bytes.
SEGWIT_VALID = [
    ("BC1QW508D6QEJXTDG4Y5R3ZARVARY0C5XW7KV8F3T4", 0, "751e76e8199196d454941c45d1b3a323f1433bd6"),
    (
        "tb1qrp33g0q5c5txsp9arysrx4k6zdkfs4nce4xj0gdcccefvpysxf3q0sl5k7",
        0,
        "1863143c14c5166804bd19203356da136c985678cd4d27a1b8c6329604903262",
    ),
    ("BC1SW50QA3JX3S", 16, "751e"),
    ("bc1zw508d6qejxtdg4y5r3zarvaryvg6kdaj", 2, "751e76e8199196d454941c45d1b3a323"),
]

SEGWIT_BAD_PADDING = [
    ("bc1zw508d6qejxtdg4y5r3zarvaryvqyzf3du", "zero padding of more than 4 bits"),
    (
        "tb1qrp33g0q5c5txsp9arysrx4k6zdkfs4nce4xj0gdcccefvpysxf3pjxtptv",
        "Non-zero padding in 8-to-5 conversion",
    ),
]


@pytest.mark.parametrize("text", BIP173_VALID)
def test_bip173_valid(text: str) -> None:
    hrp, data = bech32.decode(text, max_length=BIP173_MAX_LENGTH)
    assert bech32.encode(hrp, data) == text.lower()


@pytest.mark.parametrize(("text", "reason"), BIP173_INVALID)
def test_bip173_invalid(text: str, reason: str) -> None:
    with pytest.raises(Bech32Error):
        bech32.decode(text, max_length=BIP173_MAX_LENGTH)


def test_age_has_no_length_limit() -> None:
    # The 84-char-HRP vector is only invalid because of BIP-173's 90 char cap,
    # which age lifts ("without length limits on the data part").
    long_valid = BIP173_INVALID[3][0]
    with pytest.raises(Bech32Error):
        bech32.decode(long_valid, max_length=BIP173_MAX_LENGTH)
    hrp, _ = bech32.decode(long_valid)
    assert len(hrp) == 84
    payload = bytes(range(256)) * 4
    text = bech32.encode_bytes("age", payload)
    assert len(text) > 1000
    assert bech32.decode_bytes(text) == ("age", payload)


@pytest.mark.parametrize(("address", "version", "program"), SEGWIT_VALID)
def test_segwit_regrouping(address: str, version: int, program: str) -> None:
    _, data = bech32.decode(address)
    assert data[0] == version
    assert bytes(bech32.convert_bits(data[1:], 5, 8, pad=False)).hex() == program


@pytest.mark.parametrize(("address", "reason"), SEGWIT_BAD_PADDING)
def test_segwit_bad_padding(address: str, reason: str) -> None:
    _, data = bech32.decode(address)
    with pytest.raises(Bech32Error):
        bech32.convert_bits(data[1:], 5, 8, pad=False)


def test_mixed_case_rejected() -> None:
    with pytest.raises(Bech32Error, match="Mixed"):
        bech32.decode("A12uEL5L")


def test_uppercase_decodes_to_lowercase_hrp() -> None:
    assert bech32.decode("A12UEL5L") == ("a", [])


def test_bech32m_checksum_is_not_accepted() -> None:
    # "a1lqfn3a" is the BIP-350 (Bech32m) encoding of the empty string under "a".
    with pytest.raises(Bech32Error, match="Checksum"):
        bech32.decode("a1lqfn3a")


def test_encode_rejects_bad_input() -> None:
    with pytest.raises(Bech32Error):
        bech32.encode("", [])
    with pytest.raises(Bech32Error):
        bech32.encode("a", [32])


@given(
    hrp=st.text(
        alphabet=st.characters(min_codepoint=33, max_codepoint=126), min_size=1, max_size=20
    ).filter(lambda s: s.lower() == s or s.upper() == s),
    payload=st.binary(max_size=80),
)
def test_roundtrip(hrp: str, payload: bytes) -> None:
    text = bech32.encode_bytes(hrp, payload)
    assert bech32.decode_bytes(text) == (hrp.lower(), payload)
    assert bech32.decode_bytes(text.upper()) == (hrp.lower(), payload)


@given(payload=st.binary(min_size=32, max_size=32), pos=st.integers(min_value=4), data=st.data())
def test_single_substitution_is_detected(payload: bytes, pos: int, data: st.DataObject) -> None:
    # BCH code guarantees detection of any error affecting up to 4 characters.
    text = bech32.encode_bytes("age", payload)
    i = pos % (len(text) - 4) + 4  # somewhere in the data part
    replacement = data.draw(st.sampled_from([c for c in bech32.CHARSET if c != text[i]]))
    mutated = text[:i] + replacement + text[i + 1 :]
    with pytest.raises(Bech32Error):
        bech32.decode(mutated)
