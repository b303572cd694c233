"""Whole-file encryption and decryption (c2sp.org/age, "Encrypted file format").

    age file = header || payload nonce (16 bytes) || STREAM chunks

*"Each file is encrypted with a 128-bit symmetric file key ... generated as 16
bytes of CSPRNG output."*  Every recipient wraps that same file key in its own
stanza; decryption tries every identity against every stanza, checks the header
MAC with the recovered key, then decrypts the payload.

Two forms: :func:`encrypt` / :func:`decrypt` on bytes, and
:func:`encrypt_file` / :func:`decrypt_file` from one file object to another,
one 64 KiB chunk at a time (memory stays O(64 KiB) whatever the size).

Order of checks when decrypting (cheap and structural first, so a hostile file
cannot make us run scrypt before being rejected): armor → header grammar →
scrypt-alone rule → ``max_size`` → identities → header MAC → payload.
"""

from __future__ import annotations

import io
import os
from collections.abc import Sequence
from typing import BinaryIO

from . import armor as _armor
from . import header as _header
from . import scrypt as _scrypt
from . import stream as _stream
from .armor_stream import ArmorReader, ArmorWriter
from .errors import (
    AgeError,
    ArmorError,
    HeaderMacError,
    InvalidRecipientsError,
    MalformedHeaderError,
    NoMatchingIdentityError,
    PayloadError,
    TooLargeError,
    WrongPassphraseError,
)
from .header import Header, Stanza
from .primitives import FILE_KEY_SIZE, RandFunc, checked_random
from .protocols import Identity, Recipient

__all__ = ["MAX_HEADER_SIZE", "decrypt", "decrypt_file", "encrypt", "encrypt_file"]

MAX_HEADER_SIZE = 1 << 20
"""A streamed header longer than this is refused (one stanza is about 200 bytes)."""
_HEADER_BLOCK = 4096


def _check_scrypt_alone(stanzas: Sequence[Stanza]) -> bool:
    """True if there is an scrypt stanza, and it is alone (else raise)."""
    has_scrypt = any(s.type == _scrypt.STANZA_TYPE for s in stanzas)
    if has_scrypt and len(stanzas) != 1:
        # "The identity implementation MUST reject headers where an scrypt
        # stanza is present alongside any other stanza."
        raise MalformedHeaderError("A passphrase-protected file must not have other recipients.")
    return has_scrypt


def _header_and_key(recipients: Sequence[Recipient], rand: RandFunc) -> tuple[bytes, bytes]:
    """The header (MAC line included) and the payload key's inputs: file key, then nonce."""
    recipients = list(recipients)
    if not recipients:
        raise InvalidRecipientsError("There is no one to encrypt to.", code="no_recipients")
    file_key = checked_random(rand, FILE_KEY_SIZE)
    stanzas = [s for r in recipients for s in r.wrap_file_key(file_key, rand)]
    if any(s.type == _scrypt.STANZA_TYPE for s in stanzas) and len(stanzas) != 1:
        raise InvalidRecipientsError(
            "A passphrase cannot be combined with other recipients.", code="scrypt_not_alone"
        )
    return _header.encode_header(stanzas, file_key), file_key


def encrypt_file(
    src: BinaryIO,
    dst: BinaryIO,
    recipients: Sequence[Recipient],
    *,
    armor: bool = False,
    rand: RandFunc = os.urandom,
) -> int:
    """Encrypt everything ``src`` holds (read to its end) into ``dst``; return the plaintext size.

    One 64 KiB chunk is held at a time.  ``armor=True`` writes the PEM-like
    text form.  ``rand`` is the randomness source; only tests pass anything
    but the default.  ``dst`` is written as it goes: on an error it holds a
    partial file, which the caller removes.
    """
    head, file_key = _header_and_key(recipients, rand)
    nonce = checked_random(rand, _stream.NONCE_SIZE)
    key = _stream.payload_key(file_key, nonce)
    if not armor:
        dst.write(head + nonce)
        return _stream.encrypt_stream(key, src.read, dst.write)
    writer = ArmorWriter(dst.write)
    writer.write(head + nonce)
    size = _stream.encrypt_stream(key, src.read, writer.write)
    writer.close()
    return size


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
    out = io.BytesIO()
    encrypt_file(io.BytesIO(plaintext), out, recipients, armor=armor, rand=rand)
    return out.getvalue()


def _open_payload(
    hdr: Header, identities: Sequence[Identity], is_scrypt: bool, read: _stream.ReadFunc
) -> bytes:
    """Unwrap the file key, check the header MAC, read the nonce: the payload key."""
    file_key = _unwrap(hdr.stanzas, identities, is_scrypt)
    if not hdr.verify_mac(file_key):
        raise HeaderMacError("The file header was modified or damaged.")
    nonce = _stream.read_full(read, _stream.NONCE_SIZE)
    if len(nonce) < _stream.NONCE_SIZE:
        raise PayloadError("The encrypted file is incomplete (truncated).", code="truncated")
    return _stream.payload_key(file_key, nonce)


def _check_size(payload_len: int, max_size: int | None) -> None:
    if max_size is not None:
        size = _stream.plaintext_size(payload_len - _stream.NONCE_SIZE)
        if size is not None and size > max_size:
            raise TooLargeError("The file is larger than allowed.")


def looks_like_age(data: bytes) -> bool:
    """Whether ``data`` starts like an age file (binary, or armored) or holds an armored one.

    False for anything else (a text, a photo, random bytes): that is not a damaged age file
    but some other file."""
    data = bytes(data)
    return (
        data.startswith(_header.VERSION_PREFIX)
        or _armor.looks_armored(data)
        or _armor.BEGIN in data
    )


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
    Nothing is returned until the whole payload is authenticated.
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
    _check_size(len(data) - payload_start, max_size)
    source = io.BytesIO(data)  # shares the bytes: no copy of the payload
    source.seek(payload_start)
    key = _open_payload(hdr, identities, is_scrypt, source.read)
    out: list[bytes] = []
    _stream.decrypt_stream(key, source.read, out.append)
    return b"".join(out)


def _prefixed(prefix: bytes, read: _stream.ReadFunc) -> _stream.ReadFunc:
    """``read``, with ``prefix`` (bytes already read from it) handed out first."""
    pending = [prefix]

    def read_more(n: int) -> bytes:
        if pending[0]:
            data, pending[0] = pending[0][:n], pending[0][n:]
            return data
        return read(n)

    return read_more


def _peek_start(read: _stream.ReadFunc) -> bytes:
    """The first block of the input, past any leading whitespace (to tell armor from binary)."""
    start = b""
    while True:
        block = _stream.read_full(read, _HEADER_BLOCK)
        start += block
        if len(block) < _HEADER_BLOCK or start.lstrip(_armor._WHITESPACE):
            return start
        if len(start) > MAX_HEADER_SIZE:
            raise MalformedHeaderError("This is not an age-encrypted file.")


def _read_header(read: _stream.ReadFunc) -> tuple[Header, bytes]:
    """Read and parse the header; return it with the payload bytes read past it."""
    buf = b""
    searched = 0
    while True:
        block = read(_HEADER_BLOCK)
        buf += block
        if not block:
            break
        probe = buf[: len(_header.VERSION_PREFIX)]
        if not _header.VERSION_PREFIX.startswith(probe):
            break  # not age: parse_header says so
        mark = buf.find(b"\n---", max(0, searched - 4))
        searched = len(buf)
        if mark >= 0 and buf.find(b"\n", mark + 1) >= 0:
            break
        if len(buf) > MAX_HEADER_SIZE:
            raise MalformedHeaderError("The header is too long.")
    hdr, payload_start = _header.parse_header(buf)
    return hdr, buf[payload_start:]


def _discard(dst: BinaryIO, start: int | None) -> None:
    """Best effort: cut what a failed decryption wrote (the caller still must not use it)."""
    if start is None:
        return
    try:
        dst.seek(start)
        dst.truncate()
    except (OSError, ValueError):
        pass


def _position(stream: BinaryIO) -> int | None:
    try:
        return stream.tell() if stream.seekable() else None
    except (OSError, ValueError):
        return None


def _remaining(src: BinaryIO) -> int | None:
    """Bytes left in a seekable ``src`` (for ``max_size`` before any key derivation)."""
    here = _position(src)
    if here is None:
        return None
    end = src.seek(0, io.SEEK_END)
    src.seek(here)
    return end - here


def decrypt_file(
    src: BinaryIO,
    dst: BinaryIO,
    identities: Sequence[Identity],
    *,
    max_size: int | None = None,
) -> int:
    """Decrypt the age file ``src`` (binary or armored) into ``dst``; return the plaintext size.

    One 64 KiB chunk is held at a time.  Raises the same errors as
    :func:`decrypt`.  ``dst`` receives each chunk once that chunk is
    authenticated, but it holds UNAUTHENTICATED data until this function
    returns: a file cut short or with data appended is only found out at the
    end.  So write to a temporary file and rename it only after a return.  On
    an error a seekable ``dst`` is cut back to where it started (best effort).

    ``max_size`` is checked before any key derivation when ``src`` is a
    seekable binary file; otherwise (armored, a pipe) while decrypting.
    """
    if max_size is not None and max_size < 0:
        raise ValueError("max_size must not be negative.")
    start = _peek_start(src.read)
    read: _stream.ReadFunc = _prefixed(start, src.read)
    armored = _armor.looks_armored(start)
    if armored:
        read = ArmorReader(read).read
    elif not start.startswith(_header.VERSION_PREFIX) and _armor.BEGIN in start:
        # Only the first block is searched (decrypt searches all of its bytes).
        raise ArmorError("There is unexpected text before the armored file.")

    hdr, after_header = _read_header(read)
    is_scrypt = _check_scrypt_alone(hdr.stanzas)
    remaining = None if armored else _remaining(src)
    if remaining is not None:
        _check_size(remaining + len(after_header), max_size)
    read = _prefixed(after_header, read)
    key = _open_payload(hdr, identities, is_scrypt, read)
    began = _position(dst)
    try:
        return _stream.decrypt_stream(key, read, dst.write, max_size=max_size)
    except AgeError:
        _discard(dst, began)
        raise


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
