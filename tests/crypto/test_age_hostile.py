"""Hostile and broken inputs: each must raise its specific AgeError subclass."""

from __future__ import annotations

import pytest
from cryptography.hazmat.primitives.ciphers.aead import ChaCha20Poly1305

from bridge.crypto import (
    AgeError,
    ArmorError,
    HeaderMacError,
    InvalidKeyError,
    MalformedHeaderError,
    NoMatchingIdentityError,
    PayloadError,
    ScryptIdentity,
    ScryptRecipient,
    TooLargeError,
    UnsupportedVersionError,
    WorkFactorTooHighError,
    WrongPassphraseError,
    X25519Identity,
    X25519Recipient,
    decrypt,
    encrypt,
    parse_recipient,
)
from bridge.crypto.armor import encode_armor
from bridge.crypto.stream import ENCRYPTED_CHUNK_SIZE, payload_key

from .age_helpers import (
    ALICE,
    BOB,
    FILE_KEY,
    NONCE,
    b64raw,
    build_file,
    decrypt_via_file,
    scrypt_stanza_text,
    split_file,
    x25519_stanza_text,
)

ALICE_STANZA = x25519_stanza_text(ALICE)
SHARE = ALICE_STANZA.split(b"\n")[0].split(b" ")[2]
BODY = ALICE_STANZA.split(b"\n")[1]
KIB64 = 64 * 1024


def _raises(exc: type[AgeError], data: bytes, identities: object = (ALICE,), **kw: object) -> str:
    """The error of ``decrypt``; ``decrypt_file`` (whole and trickled reads) raises the same.

    A pipe cannot tell its size: there ``max_size`` is checked while decrypting (see
    test_max_size_of_a_pipe), after the key, so only a seekable file is compared.
    """
    with pytest.raises(exc) as info:
        decrypt(data, identities, **kw)  # type: ignore[arg-type]
    assert isinstance(info.value, AgeError)
    for trickle in (False, True) if "max_size" not in kw else (False,):
        with pytest.raises(exc) as streamed:
            decrypt_via_file(data, identities, trickle=trickle, **kw)  # type: ignore[arg-type]
        assert streamed.value.code == info.value.code
    return info.value.code


def test_sanity_the_builders_make_valid_files() -> None:
    assert decrypt(build_file(ALICE_STANZA), [ALICE]) == b"hello"
    assert decrypt(build_file(scrypt_stanza_text()), [ScryptIdentity("pass")]) == b"hello"


# --- header MAC -------------------------------------------------------------


def test_wrong_header_mac() -> None:
    assert _raises(HeaderMacError, build_file(ALICE_STANZA, mac=bytes(32))) == "header_mac"


def test_header_mac_over_modified_header() -> None:
    data = encrypt(b"hi", [ALICE.recipient, BOB.recipient])
    header, payload = split_file(data)
    # Drop Bob's stanza but keep the MAC: the header no longer matches.
    lines = header.split(b"\n")
    tampered = b"\n".join(lines[:3] + lines[5:]) + payload
    assert _raises(HeaderMacError, tampered) == "header_mac"


def test_header_mac_with_wrong_file_key() -> None:
    # The stanza wraps FILE_KEY, the MAC is made with another key.
    data = build_file(ALICE_STANZA, mac=b"\x01" * 32)
    _raises(HeaderMacError, data)


# --- base64 and line rules in the header -------------------------------------


@pytest.mark.parametrize(
    "share",
    [
        SHARE + b"=",  # padding
        SHARE[:-1] + b"!",  # not base64
        SHARE[:-2],  # 31 bytes
        SHARE + b"AAAA",  # 35 bytes
    ],
)
def test_bad_base64_in_stanza_argument(share: bytes) -> None:
    stanza = b"-> X25519 " + share + b"\n" + BODY + b"\n"
    _raises(MalformedHeaderError, build_file(stanza))


def test_non_canonical_base64_in_stanza_argument() -> None:
    # The share ends in a character with 2 unused low bits; flipping one of
    # them gives a non-canonical encoding of the same 32 bytes.
    alphabet = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/"
    last = alphabet.index(SHARE[-1:])
    assert last % 4 == 0  # canonical: low bits zero
    share = SHARE[:-1] + alphabet[last + 1 : last + 2]
    stanza = b"-> X25519 " + share + b"\n" + BODY + b"\n"
    _raises(MalformedHeaderError, build_file(stanza))


@pytest.mark.parametrize(
    "body_line",
    [BODY + b"=", BODY[:-1] + b"!", BODY[:-1] + b"\x00", BODY + b"\r", b"=" + BODY[1:]],
)
def test_bad_base64_in_body(body_line: bytes) -> None:
    stanza = b"-> X25519 " + SHARE + b"\n" + body_line + b"\n"
    _raises(MalformedHeaderError, build_file(stanza))


def test_non_canonical_body() -> None:
    alphabet = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/"
    last = alphabet.index(BODY[-1:])
    body = BODY[:-1] + alphabet[last + 1 : last + 2]
    _raises(MalformedHeaderError, build_file(b"-> X25519 " + SHARE + b"\n" + body + b"\n"))


def test_body_line_of_65_columns() -> None:
    stanza = b"-> grease\n" + b"A" * 65 + b"\n\n"
    _raises(MalformedHeaderError, build_file(stanza, ALICE_STANZA))


def test_final_body_line_of_exactly_64_columns() -> None:
    # 48 bytes -> one full 64-column line; without the empty line after it,
    # the "---" line is read as body and the header is rejected.
    stanza = b"-> grease\n" + b64raw(bytes(48)).encode() + b"\n"
    _raises(MalformedHeaderError, build_file(ALICE_STANZA, stanza))
    # With the empty final line it is fine (and the grease stanza is ignored).
    assert decrypt(build_file(ALICE_STANZA, stanza + b"\n"), [ALICE]) == b"hello"


def test_unknown_version_line() -> None:
    data = build_file(ALICE_STANZA).replace(b"/v1\n", b"/v2\n", 1)
    assert _raises(UnsupportedVersionError, data) == "unsupported_version"


@pytest.mark.parametrize("data", [b"", b"\n", b"not an age file", bytes(100)])
def test_empty_or_foreign_input(data: bytes) -> None:
    code = _raises(MalformedHeaderError, data)
    assert code == ("empty_input" if not data else "malformed_header")


def test_whitespace_only_input() -> None:
    _raises(MalformedHeaderError, b"  \r\n\t\n")


# --- X25519 stanza rules ------------------------------------------------------


@pytest.mark.parametrize(
    "stanza",
    [
        b"-> X25519\n" + BODY + b"\n",  # no share
        b"-> X25519 " + SHARE + b" extra\n" + BODY + b"\n",  # 3 arguments
        b"-> X25519 " + SHARE + b"\n" + b64raw(bytes(33)).encode() + b"\n",  # body length
        b"-> X25519 " + SHARE + b"\n\n",  # empty body
        b"-> X25519 " + b64raw(bytes(32)).encode() + b"\n" + BODY + b"\n",  # low order
    ],
)
def test_malformed_x25519_stanza(stanza: bytes) -> None:
    _raises(MalformedHeaderError, build_file(stanza))


def test_long_file_key_rejected() -> None:
    stanza = x25519_stanza_text(ALICE, file_key=b"A LONGER YELLOW SUBMARINE")
    _raises(MalformedHeaderError, build_file(stanza))


def test_wrong_x25519_key() -> None:
    other = X25519Identity.generate()
    assert _raises(NoMatchingIdentityError, build_file(ALICE_STANZA), [other]) == (
        "no_identity_matched"
    )


def test_stanza_type_is_case_sensitive() -> None:
    stanza = ALICE_STANZA.replace(b"X25519", b"x25519", 1)
    _raises(NoMatchingIdentityError, build_file(stanza))


def test_only_unknown_stanzas() -> None:
    data = build_file(b"-> unknown-type arg\nAAAA\n", b"-> another.example/x\n\n")
    _raises(NoMatchingIdentityError, data)


def test_no_identities() -> None:
    _raises(NoMatchingIdentityError, build_file(ALICE_STANZA), [])


# --- scrypt stanza rules ------------------------------------------------------

SCRYPT = scrypt_stanza_text("pass", 10)
SALT = SCRYPT.split(b"\n")[0].split(b" ")[2]
SCRYPT_BODY = SCRYPT.split(b"\n")[1]


def _scrypt(*args: bytes, body: bytes = SCRYPT_BODY) -> bytes:
    return b" ".join([b"-> scrypt", *args]) + b"\n" + body + b"\n"


@pytest.mark.parametrize("work_factor", [b"23", b"30", b"99999999999999999999999999", b"9" * 5000])
def test_excessive_work_factor(work_factor: bytes) -> None:
    data = build_file(_scrypt(SALT, work_factor))
    assert _raises(WorkFactorTooHighError, data, [ScryptIdentity("pass")]) == (
        "work_factor_too_high"
    )


def test_work_factor_cap_is_configurable() -> None:
    data = build_file(scrypt_stanza_text("pass", 11))
    _raises(WorkFactorTooHighError, data, [ScryptIdentity("pass", max_work_factor=10)])
    assert decrypt(data, [ScryptIdentity("pass", max_work_factor=11)]) == b"hello"


@pytest.mark.parametrize(
    "args",
    [
        (SALT,),  # missing work factor
        (SALT, b"10", b"extra"),
        (SALT[:-2], b"10"),  # salt too short
        (SALT + b"AAAA", b"10"),  # salt too long
        (SALT + b"=", b"10"),
        (SALT, b"010"),  # leading zero
        (SALT, b"+10"),
        (SALT, b"0xa"),
        (SALT, b"-10"),
        (SALT, b"0"),
        (SALT, b"1e1"),
        (SALT, "１０".encode()),  # full-width digits
    ],
)
def test_malformed_scrypt_stanza(args: tuple[bytes, ...]) -> None:
    _raises(MalformedHeaderError, build_file(_scrypt(*args)), [ScryptIdentity("pass")])


def test_scrypt_body_length_checked() -> None:
    data = build_file(_scrypt(SALT, b"10", body=b64raw(bytes(33)).encode()))
    _raises(MalformedHeaderError, data, [ScryptIdentity("pass")])


@pytest.mark.parametrize(
    "stanzas",
    [(SCRYPT, ALICE_STANZA), (ALICE_STANZA, SCRYPT), (SCRYPT, SCRYPT), (SCRYPT, b"-> grease\n\n")],
)
def test_scrypt_must_be_alone(stanzas: tuple[bytes, ...]) -> None:
    data = build_file(*stanzas)
    _raises(MalformedHeaderError, data, [ScryptIdentity("pass")])
    _raises(MalformedHeaderError, data, [ALICE])  # rejected whatever the identities


def test_wrong_passphrase() -> None:
    data = encrypt(b"secret", [ScryptRecipient("hunter2-right", work_factor=10)])
    with pytest.raises(WrongPassphraseError) as info:
        decrypt(data, [ScryptIdentity("hunter2-typo")])
    assert info.value.code == "wrong_passphrase"
    assert "hunter2" not in str(info.value)
    # Without a passphrase identity it is just "no match".
    assert _raises(NoMatchingIdentityError, data, [ALICE]) == "no_identity_matched"


# --- payload ------------------------------------------------------------------


def _file(plaintext: bytes) -> bytes:
    return encrypt(plaintext, [ALICE.recipient])


def test_empty_last_chunk() -> None:
    aead = ChaCha20Poly1305(payload_key(FILE_KEY, NONCE))
    chunks = aead.encrypt(bytes(12), bytes(KIB64), None)
    chunks += aead.encrypt((1).to_bytes(11, "big") + b"\x01", b"", None)
    data = build_file(ALICE_STANZA, payload=NONCE + chunks)
    assert _raises(PayloadError, data) == "payload_damaged"


@pytest.mark.parametrize("size", [5, KIB64])
def test_trailing_data(size: int) -> None:
    code = _raises(PayloadError, _file(bytes(size)) + b"\x00")
    assert code == ("trailing_data" if size == KIB64 else "payload_damaged")


def test_trailing_data_after_armor_payload() -> None:
    data = _file(bytes(KIB64)) + b"extra"
    assert _raises(PayloadError, encode_armor(data)) == "trailing_data"


def test_truncated_missing_last_chunk() -> None:
    data = _file(bytes(KIB64 + 10))
    assert _raises(PayloadError, data[:-26]) == "truncated"  # cut the whole 2nd chunk


@pytest.mark.parametrize("cut", [1, 10, 16, 17, 32])
def test_truncated_payload(cut: int) -> None:
    _raises(PayloadError, _file(b"some plaintext")[:-cut])


def test_payload_nonce_missing() -> None:
    header, _ = split_file(_file(b"x"))
    assert _raises(PayloadError, header) == "truncated"
    assert _raises(PayloadError, header + bytes(10)) == "truncated"


@pytest.mark.parametrize("offset_from_end", [1, 16, 17, 100, ENCRYPTED_CHUNK_SIZE + 20])
def test_tampered_payload_byte(offset_from_end: int) -> None:
    data = bytearray(_file(bytes(KIB64 + 200)))
    data[-offset_from_end] ^= 0x80
    assert _raises(PayloadError, bytes(data)) == "payload_damaged"


def test_tampered_payload_nonce() -> None:
    header, payload = split_file(_file(b"x" * 50))
    tampered = header + bytes([payload[0] ^ 1]) + payload[1:]
    _raises(PayloadError, tampered)


# --- armor ---------------------------------------------------------------------


def _armored() -> bytes:
    return encrypt(b"armored" * 20, [ALICE.recipient], armor=True)


def test_bad_armor_line_length() -> None:
    lines = _armored().split(b"\n")
    lines[1] = lines[1] + lines[2][:1]
    lines[2] = lines[2][1:]
    assert _raises(ArmorError, b"\n".join(lines)) == "bad_armor"


def test_armor_garbage_after_end() -> None:
    _raises(ArmorError, _armored() + b"garbage")
    _raises(ArmorError, _armored() + b"\n-----BEGIN AGE ENCRYPTED FILE-----\n")


def test_armor_garbage_before_begin() -> None:
    _raises(ArmorError, b"Here is my file:\n" + _armored())


def test_armor_wrong_label() -> None:
    _raises(ArmorError, _armored().replace(b"AGE ENCRYPTED FILE", b"PGP MESSAGE"))


def test_armored_header_is_checked_too() -> None:
    data = build_file(ALICE_STANZA, mac=bytes(32))
    _raises(HeaderMacError, encode_armor(data))


# --- keys typed by people -------------------------------------------------------


def test_mistyped_recipient() -> None:
    good = ALICE.recipient.to_string()
    for i in range(4, len(good)):
        replacement = "q" if good[i] != "q" else "p"
        with pytest.raises(InvalidKeyError) as info:
            parse_recipient(good[:i] + replacement + good[i + 1 :])
        assert info.value.code == "bad_key"


@pytest.mark.parametrize(
    "transform",
    [str.upper, lambda s: s[:8] + s[8:].upper(), lambda s: s[:-3] + s[-3:].upper()],
)
def test_uppercase_or_mixed_case_recipient(transform: object) -> None:
    text = transform(ALICE.recipient.to_string())  # type: ignore[operator]
    with pytest.raises(InvalidKeyError):
        parse_recipient(text)
    with pytest.raises(InvalidKeyError):
        X25519Recipient.parse(text)


def test_lowercase_or_mixed_case_identity() -> None:
    text = ALICE.to_string()
    for bad in (text.lower(), text[:20] + text[20:].lower()):
        with pytest.raises(InvalidKeyError):
            X25519Identity.parse(bad)


# --- size limits -----------------------------------------------------------------


@pytest.mark.parametrize("size", [0, 1, KIB64, KIB64 + 1])
def test_max_size(size: int) -> None:
    data = _file(bytes(size))
    assert decrypt(data, [ALICE], max_size=size) == bytes(size)
    if size:
        assert _raises(TooLargeError, data, max_size=size - 1) == "too_large"


def test_max_size_checked_before_passphrase_work() -> None:
    data = encrypt(bytes(1000), [ScryptRecipient("pw", work_factor=10)])
    # Wrong passphrase *and* too large: the cheap size check wins.
    _raises(TooLargeError, data, [ScryptIdentity("nope")], max_size=999)


def test_max_size_armored() -> None:
    data = encrypt(bytes(5000), [ALICE.recipient], armor=True)
    _raises(TooLargeError, data, max_size=4999)


@pytest.mark.parametrize("armor", [False, True], ids=["binary", "armor"])
@pytest.mark.parametrize("size", [1, KIB64, KIB64 + 1, 3 * KIB64])
def test_max_size_of_a_pipe(size: int, armor: bool) -> None:
    data = encrypt(bytes(size), [ALICE.recipient], armor=armor)
    assert decrypt_via_file(data, [ALICE], trickle=True, max_size=size) == bytes(size)
    with pytest.raises(TooLargeError):
        decrypt_via_file(data, [ALICE], trickle=True, max_size=size - 1)
