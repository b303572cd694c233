"""The at-rest file format: known answer, wrong passcode versus damage, every changed byte."""

from __future__ import annotations

import unicodedata

import pytest
from cryptography.hazmat.primitives import hashes, hmac
from cryptography.hazmat.primitives.ciphers.aead import ChaCha20Poly1305
from cryptography.hazmat.primitives.kdf.hkdf import HKDF
from cryptography.hazmat.primitives.kdf.scrypt import Scrypt

from bridge.crypto import at_rest
from bridge.crypto.at_rest import (
    HEADER_SIZE,
    MAGIC,
    DamagedFileError,
    NewerFormatError,
    ScryptParams,
    WrongPasscodeError,
    derive_key,
    make_header,
    open_,
    read_header,
    seal,
)

from .helpers import FAST

KAT_PASSCODE = "246810"
KAT_SALT = bytes(range(16))
KAT_NONCE = bytes(range(100, 112))
KAT_PLAINTEXT = b'{"settings":{"1":{"id":"settings","language":"nl","schema":1}}}'
KAT_KEY = "978f96875756b341052edefe706689357cffa51d93dae9a4e01043e848d9ea85"
KAT_FILE = (
    "4252494447454442010a0801000102030405060708090a0b0c0d0e0ff7bd4cf9d43a47499b1c3d8c09b4e215"
    "6465666768696a6b6c6d6e6f300a632695f4f191a34f3b1866980417230f9935247b6fe18e149bc6c04fe143"
    "6c061aedaa9434ee790841f90b34dac21f1dd4978e40da938c76fe6d36da98b5431ff39580063d12e7dfd50e"
    "996482"
)


def fixed_nonce(n: int) -> bytes:
    assert n == 12
    return KAT_NONCE


def kat_file() -> bytes:
    key = derive_key(KAT_PASSCODE, KAT_SALT, FAST)
    return seal(key, make_header(key, KAT_SALT, FAST), KAT_PLAINTEXT, rand=fixed_nonce)


def test_known_answer() -> None:
    key = derive_key(KAT_PASSCODE, KAT_SALT, FAST)
    assert key.hex() == KAT_KEY
    assert kat_file().hex() == KAT_FILE
    assert open_(key, bytes.fromhex(KAT_FILE)) == KAT_PLAINTEXT


def test_known_answer_from_the_format_description_alone() -> None:
    """Rebuilds the file straight from cryptography's primitives, as the docstring describes."""
    master = Scrypt(
        salt=b"bridge.at-rest.v1/scrypt" + KAT_SALT, length=32, n=2**10, r=8, p=1
    ).derive(KAT_PASSCODE.encode())

    def hkdf(info: bytes) -> bytes:
        return HKDF(algorithm=hashes.SHA256(), length=32, salt=None, info=info).derive(master)

    prefix = b"BRIDGEDB" + bytes([1, 10, 8, 1]) + KAT_SALT
    mac = hmac.HMAC(hkdf(b"bridge.at-rest.v1/key-check"), hashes.SHA256())
    mac.update(prefix)
    header = prefix + mac.finalize()[:16]
    body = ChaCha20Poly1305(hkdf(b"bridge.at-rest.v1/data")).encrypt(
        KAT_NONCE, KAT_PLAINTEXT, header
    )
    assert (header + KAT_NONCE + body).hex() == KAT_FILE


def test_every_write_uses_a_fresh_nonce() -> None:
    key = derive_key(KAT_PASSCODE, KAT_SALT, FAST)
    header = make_header(key, KAT_SALT, FAST)
    one, two = seal(key, header, b"same"), seal(key, header, b"same")
    assert one[:HEADER_SIZE] == two[:HEADER_SIZE]
    assert one[HEADER_SIZE : HEADER_SIZE + 12] != two[HEADER_SIZE : HEADER_SIZE + 12]
    assert open_(key, one) == open_(key, two) == b"same"


def test_wrong_passcode_is_told_apart_from_a_damaged_body() -> None:
    data = bytes.fromhex(KAT_FILE)
    header = read_header(data)
    wrong = derive_key("135790", header.salt, header.params)
    with pytest.raises(WrongPasscodeError) as err:
        open_(wrong, data)
    assert err.value.code == "wrong_passcode"
    assert not isinstance(err.value, ValueError)  # storage must not take it for damage

    right = derive_key(KAT_PASSCODE, header.salt, header.params)
    damaged = bytearray(data)
    damaged[-20] ^= 0x40
    with pytest.raises(DamagedFileError) as err2:
        open_(right, bytes(damaged))
    assert err2.value.code == "damaged" and isinstance(err2.value, ValueError)


def _expected_for_offset(offset: int) -> type[Exception]:
    """What flipping the lowest bit of the byte at `offset` must give (see the layout)."""
    if offset < 8:
        return DamagedFileError  # magic: not one of our files
    if offset == 8:
        return DamagedFileError  # version 1 -> 0
    if offset in (9, 10):
        return WrongPasscodeError  # log N / r: another key; indistinguishable from a wrong passcode
    if offset == 11:
        return DamagedFileError  # p 1 -> 0: unusable parameters
    if offset < HEADER_SIZE:
        return WrongPasscodeError  # salt and key check
    return DamagedFileError  # nonce, ciphertext, tag


def test_every_changed_byte_is_caught() -> None:
    data = bytes.fromhex(KAT_FILE)
    key = derive_key(KAT_PASSCODE, KAT_SALT, FAST)
    keys = {FAST: key}
    for offset in range(len(data)):
        changed = bytearray(data)
        changed[offset] ^= 0x01
        expected = _expected_for_offset(offset)
        # Use the key a person would get with the right passcode for what the header says.
        try:
            header = read_header(bytes(changed))
            if header.params not in keys:
                keys[header.params] = derive_key(KAT_PASSCODE, header.salt, header.params)
            use = keys[header.params]
        except DamagedFileError:
            use = key
        with pytest.raises(expected):
            open_(use, bytes(changed))


def test_truncated_or_extended_files_are_damaged() -> None:
    data = bytes.fromhex(KAT_FILE)
    key = derive_key(KAT_PASSCODE, KAT_SALT, FAST)
    for length in range(len(data)):
        with pytest.raises(DamagedFileError):
            open_(key, data[:length])
    with pytest.raises(DamagedFileError):
        open_(key, data + b"\x00")


def test_a_newer_format_is_refused_not_guessed_at() -> None:
    data = bytearray(bytes.fromhex(KAT_FILE))
    data[8] = 2
    with pytest.raises(NewerFormatError) as err:
        read_header(bytes(data))
    assert err.value.code == "newer_format"


def test_a_header_asking_for_huge_scrypt_cost_is_refused_before_deriving() -> None:
    data = bytearray(bytes.fromhex(KAT_FILE))
    data[9] = 30  # N = 2**30: gigabytes
    with pytest.raises(DamagedFileError):
        read_header(bytes(data))
    with pytest.raises(ValueError):
        ScryptParams(log_n=21)


def test_plain_json_is_not_taken_for_an_encrypted_file() -> None:
    assert not at_rest.looks_encrypted(b'{"settings": {}}')
    assert at_rest.looks_encrypted(MAGIC + b"rest")
    with pytest.raises(DamagedFileError):
        read_header(b'{"settings": {}}' * 4)


def test_passcodes_are_normalised_and_must_not_be_empty() -> None:
    composed = unicodedata.normalize("NFC", "café geheim")
    decomposed = unicodedata.normalize("NFD", "café geheim")
    assert composed != decomposed
    assert derive_key(composed, KAT_SALT, FAST) == derive_key(decomposed, KAT_SALT, FAST)
    with pytest.raises(ValueError):
        derive_key("", KAT_SALT, FAST)


def test_sealing_under_a_header_of_another_key_is_refused() -> None:
    key = derive_key(KAT_PASSCODE, KAT_SALT, FAST)
    other = derive_key("999999", KAT_SALT, FAST)
    with pytest.raises(ValueError):
        seal(other, make_header(key, KAT_SALT, FAST), b"x")


def test_default_cost_is_two_to_the_fifteen() -> None:
    assert ScryptParams(log_n=15, r=8, p=1) == at_rest.DEFAULT_PARAMS
    assert at_rest.DEFAULT_PARAMS.memory == 32 * 2**20
