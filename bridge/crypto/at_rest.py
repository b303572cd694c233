"""The encrypted database file ("at rest"): one passcode, one AEAD, a small header.

Why our own small format and not age: the database is rewritten on every save.
age derives its key with scrypt *per file*, so every save would cost a full
scrypt (hundreds of milliseconds on a phone, see flet-notes pitfall 11). Here
scrypt runs once per unlock; each write afterwards costs one AEAD pass (about
0.4 ms for 760 KB).

Layout (all integers are single unsigned bytes)::

    offset  size  field
    0       8     magic  b"BRIDGEDB"          -- tells an encrypted file from old plain JSON
    8       1     format version (1)          -- a newer app's file is refused, never guessed at
    9       1     scrypt log2(N)              -- the cost travels with the file, so it can
    10      1     scrypt r                       be raised later without breaking old files
    11      1     scrypt p
    12      16    salt                        -- random per passcode (new on every change)
    28      16    key check                   -- see below
    --- end of the header (44 bytes) ---
    44      12    nonce                       -- random, new on every write
    56      ...   ChaCha20-Poly1305(data key, nonce, plaintext, associated data = header)

Keys::

    master    = scrypt(P = NFC(passcode) as UTF-8, S = "bridge.at-rest.v1/scrypt" || salt,
                       N, r, p, dkLen = 32)                       -- derive_key(), once per unlock
    data key  = HKDF-SHA-256(master, salt = none, info = "bridge.at-rest.v1/data")
    check key = HKDF-SHA-256(master, salt = none, info = "bridge.at-rest.v1/key-check")
    key check = HMAC-SHA-256(check key, header bytes 0..27)[:16]

Why a key check: with an AEAD alone, a wrong passcode and a damaged body look
the same (the tag fails). The key check is verified first: if it fails, the
passcode is wrong (:class:`WrongPasscodeError`); if it passes and the AEAD
fails, the body is damaged (:class:`DamagedFileError`). The check key is a
separate HKDF subkey, so the check value says nothing about the data key; and
it gives an attacker nothing new: anyone holding the file can already test a
passcode guess by trying the AEAD, and every guess costs a full scrypt either
way. What it cannot tell: a header whose *salt, cost or check value* was
changed also reads as "wrong passcode" (the key depends on them). A changed
magic or version byte reads as damaged. The whole header is the AEAD's
associated data, so no header change goes unnoticed.

Why ChaCha20-Poly1305 with random 96-bit nonces: it is in cryptography 43.0.1
with OpenSSL 3.0 (AES-GCM-SIV and XChaCha are not). The key stays the same
between passcode changes, so the number of writes under one key matters: with
random nonces the chance of a repeat stays below 2^-32 up to 2^32 writes, far
beyond what a person's phone will ever save.

Passcodes are normalised to Unicode NFC before use, so the same passcode typed
on two keyboards that compose accents differently still unlocks (this is not
age, there is no other implementation to agree with).
"""

from __future__ import annotations

import os
import unicodedata
from dataclasses import dataclass

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives.ciphers.aead import ChaCha20Poly1305
from cryptography.hazmat.primitives.kdf.scrypt import Scrypt

from .primitives import RandFunc, checked_random, constant_time_equal, hkdf_sha256, hmac_sha256

__all__ = [
    "DEFAULT_PARAMS",
    "FORMAT_VERSION",
    "HEADER_SIZE",
    "MAGIC",
    "AtRestError",
    "DamagedFileError",
    "Header",
    "NewerFormatError",
    "ScryptParams",
    "WrongPasscodeError",
    "derive_key",
    "key_matches",
    "looks_encrypted",
    "make_header",
    "new_salt",
    "open_",
    "problem_with_params",
    "read_header",
    "seal",
]

MAGIC = b"BRIDGEDB"
FORMAT_VERSION = 1
SALT_SIZE = 16
KEY_SIZE = 32
KEY_CHECK_SIZE = 16
NONCE_SIZE = 12
TAG_SIZE = 16
_PREFIX_SIZE = len(MAGIC) + 4 + SALT_SIZE  # the bytes the key check covers
HEADER_SIZE = _PREFIX_SIZE + KEY_CHECK_SIZE
MIN_FILE_SIZE = HEADER_SIZE + NONCE_SIZE + TAG_SIZE

_SCRYPT_LABEL = b"bridge.at-rest.v1/scrypt"
_DATA_INFO = b"bridge.at-rest.v1/data"
_CHECK_INFO = b"bridge.at-rest.v1/key-check"

# A file states its own scrypt cost; a hostile or damaged header must not make the
# phone allocate gigabytes. 128 * r * N bytes are needed: at most 256 MiB here.
MAX_LOG_N = 20
MAX_R = 32
MAX_P = 16
MAX_SCRYPT_MEMORY = 256 * 2**20


class AtRestError(Exception):
    """Base class; ``code`` is stable for the UI to translate."""

    code = "at_rest_error"


class WrongPasscodeError(AtRestError):
    """The key derived from the passcode does not match the file's key check.

    Deliberately *not* a ValueError: storage code treats ValueError as
    "damaged file", and a wrong passcode is not damage.
    """

    code = "wrong_passcode"


class DamagedFileError(AtRestError, ValueError):
    """The file is not a readable encrypted database (truncated, changed, not ours)."""

    code = "damaged"


class NewerFormatError(AtRestError):
    """The file was written in a newer format version by a newer app."""

    code = "newer_format"


@dataclass(frozen=True)
class ScryptParams:
    """scrypt cost: N = 2**log_n, memory 128 * r * N (32 MiB for the default).

    Measured on the 2-core x86 development machine (cryptography 48, OpenSSL 3):
    log_n 14: 36 ms, 15: 95 ms, 16: 187 ms, 17: 372 ms. Phones were not measured;
    expect them to be several times slower, which is why 15 and not more.
    """

    log_n: int = 15
    r: int = 8
    p: int = 1

    def __post_init__(self) -> None:
        problem = problem_with_params(self)
        if problem is not None:
            raise ValueError(f"unusable scrypt parameters: {problem}")

    @property
    def memory(self) -> int:
        """Bytes scrypt needs (roughly)."""
        return 128 * self.r * (1 << self.log_n)


def problem_with_params(params: ScryptParams) -> str | None:
    for name, value, top in (("log_n", params.log_n, MAX_LOG_N), ("r", params.r, MAX_R)):
        if isinstance(value, bool) or not isinstance(value, int) or not 1 <= value <= top:
            return f"{name} must be from 1 to {top}"
    if isinstance(params.p, bool) or not isinstance(params.p, int) or not 1 <= params.p <= MAX_P:
        return f"p must be from 1 to {MAX_P}"
    if params.memory > MAX_SCRYPT_MEMORY:
        return "needs too much memory"
    return None


DEFAULT_PARAMS = ScryptParams()


@dataclass(frozen=True)
class Header:
    """The 44 bytes in front of every encrypted database file."""

    params: ScryptParams
    salt: bytes
    key_check: bytes
    version: int = FORMAT_VERSION

    def prefix(self) -> bytes:
        """The bytes the key check covers (everything but the key check itself)."""
        p = self.params
        return MAGIC + bytes([self.version, p.log_n, p.r, p.p]) + self.salt

    def to_bytes(self) -> bytes:
        return self.prefix() + self.key_check


def _normalise(passcode: str) -> bytes:
    if not isinstance(passcode, str) or not passcode:
        raise ValueError("the passcode must be a non-empty string")
    return unicodedata.normalize("NFC", passcode).encode("utf-8")


def new_salt(rand: RandFunc = os.urandom) -> bytes:
    """16 fresh random bytes: a new salt for every passcode set or changed."""
    return checked_random(rand, SALT_SIZE)


def derive_key(passcode: str, salt: bytes, params: ScryptParams = DEFAULT_PARAMS) -> bytes:
    """The 32-byte master key. This is the slow part: run it once per unlock, off the UI loop."""
    if len(salt) != SALT_SIZE:
        raise ValueError("the salt must be 16 bytes")
    kdf = Scrypt(
        salt=_SCRYPT_LABEL + salt, length=KEY_SIZE, n=1 << params.log_n, r=params.r, p=params.p
    )
    return kdf.derive(_normalise(passcode))


def _check_value(key: bytes, prefix: bytes) -> bytes:
    return hmac_sha256(hkdf_sha256(key, b"", _CHECK_INFO), prefix)[:KEY_CHECK_SIZE]


def _data_key(key: bytes) -> bytes:
    return hkdf_sha256(key, b"", _DATA_INFO)


def make_header(key: bytes, salt: bytes, params: ScryptParams = DEFAULT_PARAMS) -> Header:
    """The header for files sealed with `key` (derived from a passcode with `salt`, `params`)."""
    _check_key_size(key)
    draft = Header(params=params, salt=salt, key_check=b"")
    return Header(params=params, salt=salt, key_check=_check_value(key, draft.prefix()))


def _check_key_size(key: bytes) -> None:
    if not isinstance(key, bytes) or len(key) != KEY_SIZE:
        raise ValueError("the key must be 32 bytes")


def key_matches(key: bytes, header: Header) -> bool:
    """True when `key` is the one this header's key check was made with."""
    _check_key_size(key)
    return constant_time_equal(_check_value(key, header.prefix()), header.key_check)


def looks_encrypted(data: bytes) -> bool:
    """True if `data` starts like an encrypted database (plain JSON never does)."""
    return data[: len(MAGIC)] == MAGIC


def read_header(data: bytes) -> Header:
    """Parses the header at the start of `data` (which may be just the first 44 bytes).

    Raises DamagedFileError when it is not one of our files or is unusable,
    NewerFormatError when a newer app wrote it.
    """
    if not looks_encrypted(data):
        raise DamagedFileError("this is not an encrypted Bridge database")
    if len(data) < HEADER_SIZE:
        raise DamagedFileError("the file is too short (truncated)")
    version = data[8]
    if version == 0:
        raise DamagedFileError("the format version is not valid")
    if version > FORMAT_VERSION:
        raise NewerFormatError("this file was written by a newer version of the app")
    try:
        params = ScryptParams(log_n=data[9], r=data[10], p=data[11])
    except ValueError:
        raise DamagedFileError("the file asks for unusable scrypt parameters") from None
    salt = data[12 : 12 + SALT_SIZE]
    key_check = data[_PREFIX_SIZE:HEADER_SIZE]
    return Header(params=params, salt=bytes(salt), key_check=bytes(key_check), version=version)


def seal(key: bytes, header: Header, plaintext: bytes, *, rand: RandFunc = os.urandom) -> bytes:
    """The whole file: header, a fresh random nonce, and the AEAD ciphertext of `plaintext`.

    `rand` is only replaced in tests (known-answer vectors).
    """
    if not key_matches(key, header):
        # Sealing under a header made for another key would write a file that
        # later reads as "wrong passcode": a programming error, caught here.
        raise ValueError("the key does not belong to this header")
    head = header.to_bytes()
    nonce = checked_random(rand, NONCE_SIZE)
    return head + nonce + ChaCha20Poly1305(_data_key(key)).encrypt(nonce, bytes(plaintext), head)


def open_(key: bytes, data: bytes) -> bytes:
    """The plaintext of a sealed file.

    Raises WrongPasscodeError when `key` does not match the key check (see the
    module docstring for what that can and cannot tell), DamagedFileError when
    the file is truncated or changed, NewerFormatError for a newer format.
    """
    data = bytes(data)
    header = read_header(data)
    if not key_matches(key, header):
        raise WrongPasscodeError("the passcode is not correct")
    if len(data) < MIN_FILE_SIZE:
        raise DamagedFileError("the file is too short (truncated)")
    head = data[:HEADER_SIZE]
    nonce = data[HEADER_SIZE : HEADER_SIZE + NONCE_SIZE]
    try:
        return ChaCha20Poly1305(_data_key(key)).decrypt(
            nonce, data[HEADER_SIZE + NONCE_SIZE :], head
        )
    except InvalidTag:
        raise DamagedFileError("the encrypted data was changed or damaged") from None
