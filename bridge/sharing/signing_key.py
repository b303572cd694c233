"""The client's own keys: Ed25519 to sign summaries, age X25519 to open plans sent back.

The coach's app uses the public key to check that a summary really comes from
the client it names, and pins it on first import (trust on first use).

* ``client_id`` = the first 16 hex digits of SHA-256(raw 32-byte public key).
  The coach files summaries under it; it holds no name.  Because it is derived
  from the key, a summary naming a client is only accepted when signed by that
  client's key (see :func:`bridge.sharing.envelope.open_summary`).
* :func:`signer_fingerprint` gives four groups of four digits to compare aloud,
  made like :func:`bridge.crypto.fingerprint` but over the signing key.

* :attr:`ClientIdentity.age` is the client's own age key: each summary carries
  its public half (``client_recipient``), and the coach seals the agreed plan
  to it (:mod:`bridge.sharing.plan`).

Stored in table ``"keys"``, schema 1: the signing key as record ``"client_signing"``,
the age key as record ``"client_age"``, each made on first use::

    {"schema": 1, "algorithm": "ed25519", "secret_key": <base64, 32 bytes>,
     "public_key": <base64, 32 bytes>}
    {"schema": 1, "algorithm": "x25519", "secret_key": "AGE-SECRET-KEY-1…",
     "recipient": "age1…"}

A key is never replaced silently: a stored record that cannot be read raises
:class:`ClientIdentityError`, because a new signing key would make the coach's
app warn that summaries now come from someone else, and a new age key would
make plans already on their way unreadable.
"""

from __future__ import annotations

import base64
import binascii
import hashlib
import threading
from typing import Any

from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives.asymmetric.ed25519 import (
    Ed25519PrivateKey,
    Ed25519PublicKey,
)

from bridge.crypto import AgeError, X25519Identity, X25519Recipient
from bridge.sharing.store import RecordStore
from bridge.storage.errors import NewerDataError

__all__ = [
    "KEY_SIZE",
    "SIGNATURE_SIZE",
    "ClientIdentity",
    "ClientIdentityError",
    "check_key_record",
    "client_id_for",
    "client_identity",
    "signer_fingerprint",
    "verify_signature",
]

TABLE = "keys"
RECORD_ID = "client_signing"
AGE_RECORD_ID = "client_age"
SCHEMA = 1
ALGORITHM = "ed25519"
AGE_ALGORITHM = "x25519"
KEY_SIZE = 32
SIGNATURE_SIZE = 64
CLIENT_ID_HEX = 16

_create_lock = threading.Lock()


class ClientIdentityError(ValueError):
    """The stored signing key cannot be read. It is left as it is."""

    code = "identity_damaged"


def client_id_for(public_key: bytes) -> str:
    """The client's filing code: first 16 hex digits of SHA-256(public key)."""
    return hashlib.sha256(bytes(public_key)).hexdigest()[:CLIENT_ID_HEX]


def signer_fingerprint(public_key: bytes) -> str:
    """Four groups of four digits, e.g. ``"0193 5521 0087 4410"`` (about 53 bits)."""
    digest = hashlib.sha256(bytes(public_key)).digest()
    groups = (int.from_bytes(digest[5 * i : 5 * i + 5], "big") % 10_000 for i in range(4))
    return " ".join(f"{g:04d}" for g in groups)


def verify_signature(public_key: bytes, signature: bytes, message: bytes) -> bool:
    """True when ``signature`` is a valid Ed25519 signature of ``message``."""
    if len(public_key) != KEY_SIZE or len(signature) != SIGNATURE_SIZE:
        return False
    try:
        Ed25519PublicKey.from_public_bytes(bytes(public_key)).verify(signature, message)
    except (InvalidSignature, ValueError):
        return False
    return True


class ClientIdentity:
    """The client's Ed25519 key pair and age key. ``repr`` shows only the client id.

    Without ``age`` a fresh age key is made (kept by :func:`client_identity`).
    """

    __slots__ = ("_age", "_private", "_public")

    def __init__(self, secret_key: bytes, age: X25519Identity | None = None) -> None:
        if len(secret_key) != KEY_SIZE:
            raise ValueError("an Ed25519 secret key is 32 bytes")
        self._private = Ed25519PrivateKey.from_private_bytes(bytes(secret_key))
        self._public = self._private.public_key().public_bytes_raw()
        self._age = age if age is not None else X25519Identity.generate()

    @classmethod
    def generate(cls) -> ClientIdentity:
        return cls(Ed25519PrivateKey.generate().private_bytes_raw())

    @property
    def age(self) -> X25519Identity:
        """The client's own age key: the coach seals plans to its :attr:`recipient`."""
        return self._age

    @property
    def recipient(self) -> X25519Recipient:
        """The public half of :attr:`age` (``client_recipient`` in every summary)."""
        return self._age.recipient

    @property
    def public_key(self) -> bytes:
        """The raw 32-byte public key (goes into every summary as ``signer``)."""
        return self._public

    @property
    def client_id(self) -> str:
        return client_id_for(self._public)

    @property
    def fingerprint(self) -> str:
        return signer_fingerprint(self._public)

    def secret_bytes(self) -> bytes:
        """The raw 32-byte secret key (secret!), for storage only."""
        return self._private.private_bytes_raw()

    def sign(self, message: bytes) -> bytes:
        return self._private.sign(message)

    def __repr__(self) -> str:
        return f"ClientIdentity(client_id={self.client_id!r})"


def _b64(data: bytes) -> str:
    return base64.b64encode(data).decode("ascii")


def _unb64(value: Any) -> bytes:
    if not isinstance(value, str):
        raise ClientIdentityError("the stored signing key is not text")
    try:
        return base64.b64decode(value.encode("ascii"), validate=True)
    except (binascii.Error, UnicodeEncodeError):
        raise ClientIdentityError("the stored signing key is not valid base64") from None


def identity_to_record(identity: ClientIdentity) -> dict[str, Any]:
    return {
        "schema": SCHEMA,
        "algorithm": ALGORITHM,
        "secret_key": _b64(identity.secret_bytes()),
        "public_key": _b64(identity.public_key),
    }


def identity_from_record(record: dict[str, Any]) -> ClientIdentity:
    schema = record.get("schema")
    if not isinstance(schema, int) or isinstance(schema, bool):
        raise ClientIdentityError("the stored signing key has no schema version")
    if schema > SCHEMA:
        raise NewerDataError("this data was saved by a newer version of the app")
    if record.get("algorithm") != ALGORITHM:
        raise ClientIdentityError("the stored signing key is of an unknown kind")
    secret = _unb64(record.get("secret_key"))
    if len(secret) != KEY_SIZE:
        raise ClientIdentityError("the stored signing key has the wrong length")
    identity = ClientIdentity(secret)
    if _unb64(record.get("public_key")) != identity.public_key:
        raise ClientIdentityError("the stored signing key does not match its public key")
    return identity


def age_to_record(age: X25519Identity) -> dict[str, Any]:
    return {
        "schema": SCHEMA,
        "algorithm": AGE_ALGORITHM,
        "secret_key": age.to_string(),
        "recipient": age.recipient.to_string(),
    }


def age_from_record(record: dict[str, Any]) -> X25519Identity:
    schema = record.get("schema")
    if not isinstance(schema, int) or isinstance(schema, bool):
        raise ClientIdentityError("the stored age key has no schema version")
    if schema > SCHEMA:
        raise NewerDataError("this data was saved by a newer version of the app")
    if record.get("algorithm") != AGE_ALGORITHM or not isinstance(record.get("secret_key"), str):
        raise ClientIdentityError("the stored age key is of an unknown kind")
    try:
        age = X25519Identity.parse(str(record["secret_key"]))
    except AgeError:
        raise ClientIdentityError("the stored age key cannot be read") from None
    if record.get("recipient") != age.recipient.to_string():
        raise ClientIdentityError("the stored age key does not match its public key")
    return age


def check_key_record(record: dict[str, Any]) -> object:
    """The check of a record in table ``"keys"`` (either kind), for the record registry."""
    if record.get("algorithm") == AGE_ALGORITHM:
        return age_from_record(record)
    return identity_from_record(record)


def client_identity(repo: RecordStore) -> ClientIdentity:
    """The client's keys; each is made and saved on the first call that needs it."""
    with _create_lock:
        age_record = repo.get_record(TABLE, AGE_RECORD_ID)
        age = X25519Identity.generate() if age_record is None else age_from_record(age_record)
        record = repo.get_record(TABLE, RECORD_ID)
        if record is not None:
            signing = identity_from_record(record)
            identity = ClientIdentity(signing.secret_bytes(), age)
        else:
            identity = ClientIdentity(ClientIdentity.generate().secret_bytes(), age)
            repo.put_record(TABLE, RECORD_ID, identity_to_record(identity))
        if age_record is None:
            repo.put_record(TABLE, AGE_RECORD_ID, age_to_record(age))
        return identity
