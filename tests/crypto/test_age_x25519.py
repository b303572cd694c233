"""X25519 known answers (RFC 7748) and age key encodings."""

from __future__ import annotations

import pytest

from bridge.crypto import InvalidKeyError, X25519Identity, X25519Recipient
from bridge.crypto.x25519 import x25519, x25519_base

# RFC 7748 §5.2: scalar, input u-coordinate, output u-coordinate.
RFC7748_5_2 = [
    (
        "a546e36bf0527c9d3b16154b82465edd62144c0ac1fc5a18506a2244ba449ac4",
        "e6db6867583030db3594c1a424b15f7c726624ec26b3353b10a903a6d0ab1c4c",
        "c3da55379de9c6908e94ea4df28d084f32eccf03491c71f754b4075577a28552",
    ),
    (
        # The input u has its top bit set: implementations must mask it.
        "4b66e9d4d1b4673c5ad22691957d6af5c11b6421e0ea01d42ca4169e7918ba0d",
        "e5210f12786811d3f4b7959d0538ae2c31dbe7106fc03c3efc4cd549c715a493",
        "95cbde9476e8907d7aade45cb4b873f88b595a68799fa152e6f8f7647aac7957",
    ),
]

# RFC 7748 §5.2 iterated test: k = u = 9, then k, u = X25519(k, u), k.
RFC7748_ITERATED = [
    (1, "422c8e7a6227d7bca1350b3e2bb7279f7897b87bb6854b783c60e80311ae3079"),
    (1000, "684cf59ba83309552800ef566f2f4d3c1c3887c49360e3875f2eb94d99532c51"),
]

# RFC 7748 §6.1 Diffie-Hellman.
ALICE_PRIV = "77076d0a7318a57d3c16c17251b26645df4c2f87ebc0992ab177fba51db92c2a"
ALICE_PUB = "8520f0098930a754748b7ddcb43ef75a0dbf3a0d26381af4eba4a98eaa9b4e6a"
BOB_PRIV = "5dab087e624a8a4b79e17f8b83800ee66f3bb1292618b6fd1c2f8b27ff88e0eb"
BOB_PUB = "de9edb7d7b7dc1b4d35b61c2ece435373f8343c85b78674dadfc7e146f882b4f"
SHARED = "4a5d9d5ba4ce2de1728e3bf480350f25e07e21c947d19e3376f09b3c1e161742"

# Points of small order (u-coordinates, little-endian) and a non-canonical alias.
LOW_ORDER = [
    "00" * 32,
    "01" + "00" * 31,
    "e0eb7a7c3b41b8ae1656e3faf19fc46ada098deb9c32b1fd866205165f49b800",
    "5f9c95bca3508c24b1d0b1559c83ef5b04445cc4581c8e86d8224eddd09f1157",
    "ec" + "ff" * 30 + "7f",  # p - 1 (order 2)
    "ed" + "ff" * 30 + "7f",  # p, i.e. 0 again
]

# The example keys of the age spec (c2sp.org/age, "The X25519 recipient type").
SPEC_IDENTITY = "AGE-SECRET-KEY-1GFPYYSJZGFPYYSJZGFPYYSJZGFPYYSJZGFPYYSJZGFPYYSJZGFPQ4EGAEX"
SPEC_RECIPIENT = "age1zvkyg2lqzraa2lnjvqej32nkuu0ues2s82hzrye869xeexvn73equnujwj"


@pytest.mark.parametrize(("scalar", "u", "expected"), RFC7748_5_2)
def test_rfc7748_section_5_2(scalar: str, u: str, expected: str) -> None:
    assert x25519(bytes.fromhex(scalar), bytes.fromhex(u)).hex() == expected


@pytest.mark.parametrize(("iterations", "expected"), RFC7748_ITERATED)
def test_rfc7748_section_5_2_iterated(iterations: int, expected: str) -> None:
    k = u = (9).to_bytes(32, "little")
    for _ in range(iterations):
        k, u = x25519(k, u), k
    assert k.hex() == expected


def test_rfc7748_section_6_1() -> None:
    a, b = bytes.fromhex(ALICE_PRIV), bytes.fromhex(BOB_PRIV)
    assert x25519_base(a).hex() == ALICE_PUB
    assert x25519_base(b).hex() == BOB_PUB
    assert x25519(a, bytes.fromhex(BOB_PUB)).hex() == SHARED
    assert x25519(b, bytes.fromhex(ALICE_PUB)).hex() == SHARED
    # Same through the age key objects.
    assert X25519Identity(a).recipient.public_bytes.hex() == ALICE_PUB


@pytest.mark.parametrize("u", LOW_ORDER)
def test_low_order_points_rejected(u: str) -> None:
    with pytest.raises(ValueError):
        x25519(bytes.fromhex(ALICE_PRIV), bytes.fromhex(u))
    with pytest.raises(InvalidKeyError):
        X25519Recipient(bytes.fromhex(u))


def test_spec_example_keys() -> None:
    identity = X25519Identity.parse(SPEC_IDENTITY)
    assert identity.to_string() == SPEC_IDENTITY
    assert identity.recipient.to_string() == SPEC_RECIPIENT
    assert X25519Recipient.parse(SPEC_RECIPIENT) == identity.recipient


def test_generate_roundtrip() -> None:
    identity = X25519Identity.generate()
    text = identity.to_string()
    assert text.startswith("AGE-SECRET-KEY-1") and text == text.upper()
    again = X25519Identity.parse(text)
    assert again.recipient == identity.recipient
    recipient = identity.recipient.to_string()
    assert recipient.startswith("age1") and len(recipient) == 62
    assert X25519Recipient.parse(recipient) == identity.recipient
    assert hash(X25519Recipient.parse(recipient)) == hash(identity.recipient)
    assert str(identity.recipient) == recipient


def test_repr_does_not_leak_secret() -> None:
    identity = X25519Identity.parse(SPEC_IDENTITY)
    assert SPEC_IDENTITY not in repr(identity)
    assert SPEC_IDENTITY.lower() not in repr(identity).lower()
    assert SPEC_RECIPIENT in repr(identity)


@pytest.mark.parametrize(
    "text",
    [
        SPEC_RECIPIENT.upper(),  # uppercase recipients are refused, like the age CLI
        SPEC_RECIPIENT[:10] + SPEC_RECIPIENT[10:].upper(),  # mixed case
        SPEC_RECIPIENT[:-1] + ("q" if SPEC_RECIPIENT[-1] != "q" else "p"),  # checksum
        SPEC_RECIPIENT[:20] + SPEC_RECIPIENT[21:],  # a character missing
        "age1" + SPEC_RECIPIENT[4:].replace("z", "b", 1),  # 'b' is not in the charset
        " " + SPEC_RECIPIENT,  # strict parse: no whitespace (parse_recipient allows it)
        "",
        "age1",
        SPEC_IDENTITY,  # a secret key is not a recipient
        SPEC_IDENTITY.lower(),
    ],
)
def test_bad_recipient_strings(text: str) -> None:
    with pytest.raises(InvalidKeyError) as info:
        X25519Recipient.parse(text)
    assert info.value.code == "bad_key"


@pytest.mark.parametrize(
    "text",
    [
        SPEC_IDENTITY.lower(),  # identities must be uppercase
        SPEC_IDENTITY[:20] + SPEC_IDENTITY[20:].lower(),
        SPEC_IDENTITY[:-1] + ("Q" if SPEC_IDENTITY[-1] != "Q" else "P"),
        SPEC_RECIPIENT,
        SPEC_RECIPIENT.upper(),
    ],
)
def test_bad_identity_strings(text: str) -> None:
    with pytest.raises(InvalidKeyError) as info:
        X25519Identity.parse(text)
    # Never echo a (possibly real) secret key back in the message.
    assert SPEC_IDENTITY.lower() not in str(info.value).lower()


def test_wrong_key_lengths() -> None:
    from bridge.crypto import bech32

    with pytest.raises(InvalidKeyError):
        X25519Recipient.parse(bech32.encode_bytes("age", bytes(range(31))))
    with pytest.raises(InvalidKeyError):
        X25519Identity.parse(bech32.encode_bytes("age-secret-key-", bytes(33)).upper())
    with pytest.raises(InvalidKeyError):
        X25519Identity(bytes(31))
