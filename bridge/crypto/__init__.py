"""age v1 file encryption (https://c2sp.org/age) for Bridge.

A self-contained implementation of the age format on top of ``cryptography``
(only primitives present in 43.0.1).  Interoperable with the ``age`` CLI.

Typical use::

    from bridge import crypto

    me = crypto.X25519Identity.generate()
    coach = crypto.parse_recipient(pasted_text)
    blob = crypto.encrypt(b"...", [me.recipient, coach], armor=True)
    plain = crypto.decrypt(blob, [me], max_size=10 * 2**20)

Large files go as a stream, one 64 KiB chunk at a time::

    with open(src, "rb") as plain, open(tmp, "wb") as sealed:
        crypto.encrypt_file(plain, sealed, [coach])
    with open(sealed_path, "rb") as sealed, open(tmp, "wb") as plain:
        crypto.decrypt_file(sealed, plain, [me])  # raises: tmp holds nothing usable
    os.replace(tmp, final)  # only after decrypt_file returned

Every problem with *input* raises an :class:`AgeError` subclass carrying a
stable ``code`` for the UI to translate; see :mod:`bridge.crypto.errors`.
"""

from __future__ import annotations

from .age import decrypt, decrypt_file, encrypt, encrypt_file, looks_like_age
from .errors import (
    AgeError,
    ArmorError,
    HeaderMacError,
    InvalidKeyError,
    InvalidRecipientsError,
    MalformedHeaderError,
    NoMatchingIdentityError,
    PayloadError,
    TooLargeError,
    UnsupportedVersionError,
    WorkFactorTooHighError,
    WrongPassphraseError,
)
from .protocols import Identity, Recipient
from .scrypt import ScryptIdentity, ScryptRecipient
from .userkeys import fingerprint, parse_recipient
from .x25519 import X25519Identity, X25519Recipient

__all__ = [
    "AgeError",
    "ArmorError",
    "HeaderMacError",
    "Identity",
    "InvalidKeyError",
    "InvalidRecipientsError",
    "MalformedHeaderError",
    "NoMatchingIdentityError",
    "PayloadError",
    "Recipient",
    "ScryptIdentity",
    "ScryptRecipient",
    "TooLargeError",
    "UnsupportedVersionError",
    "WorkFactorTooHighError",
    "WrongPassphraseError",
    "X25519Identity",
    "X25519Recipient",
    "decrypt",
    "decrypt_file",
    "encrypt",
    "encrypt_file",
    "fingerprint",
    "looks_like_age",
    "parse_recipient",
]
