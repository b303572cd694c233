"""Whole-file encryption and decryption (c2sp.org/age, "Encrypted file format").

    age file = header || payload nonce (16 bytes) || STREAM chunks

*"Each file is encrypted with a 128-bit symmetric file key ... generated as 16
bytes of CSPRNG output."*  Every recipient wraps that same file key in its own
stanza; decryption tries every identity against every stanza, checks the header
MAC with the recovered key, then decrypts the payload.

Order of checks in :func:`decrypt` (cheap and structural first, so a hostile
file cannot make us run scrypt before being rejected): armor → header grammar →
scrypt-alone rule → ``max_size`` → identities → header MAC → payload.
"""

from __future__ import annotations

import os
from collections.abc import Sequence

from . import armor as _armor
from . import header as _header
from . import scrypt as _scrypt
from . import stream as _stream
from .errors import (
    ArmorError,
    HeaderMacError,
    InvalidRecipientsError,
    MalformedHeaderError,
    NoMatchingIdentityError,
    PayloadError,
    TooLargeError,
    WrongPassphraseError,
)
from .header import Stanza
from .primitives import FILE_KEY_SIZE, RandFunc, checked_random
from .protocols import Identity, Recipient

__all__ = ["decrypt", "encrypt"]


def _check_scrypt_alone(stanzas: Sequence[Stanza]) -> bool:
    """True if there is an scrypt stanza, and it is alone (else raise)."""
    has_scrypt = any(s.type == _scrypt.STANZA_TYPE for s in stanzas)
    if has_scrypt and len(stanzas) != 1:
        # "The identity implementation MUST reject headers where an scrypt
        # stanza is present alongside any other stanza."
        raise MalformedHeaderError("A passphrase-protected file must not have other recipients.")
    return has_scrypt


def encrypt(
    plaintext: bytes,
    recipients: Sequence[Recipient],
    *,
    armor: bool = False,
    rand: RandFunc = os.urandom,
) -> bytes:
    """Encrypt ``plaintext`` to ``recipients`` as an age v1 file.

    ``armor=True`` returns the PEM-like text form (still ``bytes``, ASCII).
    ``rand`` is the randomness source; only tests pass anything but the default.
    """
    recipients = list(recipients)
    if not recipients:
        raise InvalidRecipientsError("There is no one to encrypt to.", code="no_recipients")
    file_key = checked_random(rand, FILE_KEY_SIZE)
    stanzas = [s for r in recipients for s in r.wrap_file_key(file_key, rand)]
    if any(s.type == _scrypt.STANZA_TYPE for s in stanzas) and len(stanzas) != 1:
        raise InvalidRecipientsError(
            "A passphrase cannot be combined with other recipients.", code="scrypt_not_alone"
        )
    head = _header.encode_header(stanzas, file_key)
    nonce = checked_random(rand, _stream.NONCE_SIZE)
    body = _stream.encrypt_payload(_stream.payload_key(file_key, nonce), bytes(plaintext))
    out = head + nonce + body
    return _armor.encode_armor(out) if armor else out


def decrypt(
    data: bytes,
    identities: Sequence[Identity],
    *,
    max_size: int | None = None,
) -> bytes:
    """Decrypt an age v1 file (binary or armored, auto-detected).

    ``max_size`` caps the plaintext length; a larger file raises
    :class:`TooLargeError` before any key derivation.  Only
    :class:`~bridge.crypto.errors.AgeError` subclasses are raised for bad input.
    """
    if max_size is not None and max_size < 0:
        raise ValueError("max_size must not be negative.")
    data = bytes(data)
    if _armor.looks_armored(data):
        data = _armor.decode_armor(data)
    elif not data.startswith(_header.VERSION_PREFIX) and _armor.BEGIN in data:
        raise ArmorError("There is unexpected text before the armored file.")

    hdr, payload_start = _header.parse_header(data)
    is_scrypt = _check_scrypt_alone(hdr.stanzas)

    payload = data[payload_start:]
    if max_size is not None:
        size = _stream.plaintext_size(len(payload) - _stream.NONCE_SIZE)
        if size is not None and size > max_size:
            raise TooLargeError("The file is larger than allowed.")

    file_key = _unwrap(hdr.stanzas, identities, is_scrypt)
    if not hdr.verify_mac(file_key):
        raise HeaderMacError("The file header was modified or damaged.")

    if len(payload) < _stream.NONCE_SIZE:
        raise PayloadError("The encrypted file is incomplete (truncated).", code="truncated")
    nonce, ciphertext = payload[: _stream.NONCE_SIZE], payload[_stream.NONCE_SIZE :]
    return _stream.decrypt_payload(_stream.payload_key(file_key, nonce), ciphertext)


def _unwrap(stanzas: Sequence[Stanza], identities: Sequence[Identity], is_scrypt: bool) -> bytes:
    for identity in identities:
        file_key = identity.unwrap_file_key(stanzas)
        if file_key is not None:
            if len(file_key) != FILE_KEY_SIZE:  # an identity plugin misbehaving
                raise MalformedHeaderError("A recipient stanza holds a file key of wrong size.")
            return file_key
    if is_scrypt and any(isinstance(i, _scrypt.ScryptIdentity) for i in identities):
        raise WrongPassphraseError("The passphrase is not correct.")
    raise NoMatchingIdentityError("None of your keys can open this file.")
