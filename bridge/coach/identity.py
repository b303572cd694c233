"""The coach's own keys: an age X25519 identity (clients seal summaries to it) and an Ed25519
signing key (for plans sent back to clients, issue 11). Made on first use, kept in ``bridge.db``.

Stored as record ``"coach"`` in table ``"coach_identity"``, schema 1::

    {"schema": 1, "age_secret_key": "AGE-SECRET-KEY-1…", "recipient": "age1…",
     "signing_secret_key": <base64, 32 bytes>, "signing_public_key": <base64, 32 bytes>}

The public halves are kept too, and must match the secrets: a record that does
not is refused rather than quietly replaced, because a new key would make every
paired client's phone show another fingerprint.

A backup (a coach gets a new laptop) is an armored age file protected by a
passphrase, which ``age -d`` opens as well, holding versioned JSON::

    {"format": "bridge-coach-identity", "version": 1, "recipient": "age1…",
     "age_secret_key": "AGE-SECRET-KEY-1…", "signing_secret_key": <base64>,
     "signing_public_key": <base64>}

:func:`restore_identity` checks everything before it stores anything, and never
replaces a different identity unless asked to (``replace=True``).
"""

from __future__ import annotations

import base64
import binascii
import hmac
import json
import threading
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

from bridge.crypto import (
    AgeError,
    ScryptRecipient,
    X25519Identity,
    encrypt,
)
from bridge.crypto.passphrase_file import PassphraseFileError, looks_like_age, open_passphrase_file
from bridge.crypto.scrypt import DEFAULT_WORK_FACTOR
from bridge.sharing.pairing_code import pairing_fingerprint, pairing_text
from bridge.sharing.store import RecordStore
from bridge.storage.errors import NewerDataError
from bridge.storage.passcode_policy import MIN_DIGITS, MIN_PHRASE_LENGTH, check_passcode

__all__ = [
    "BACKUP_FORMAT",
    "BACKUP_VERSION",
    "DEFAULT_WORK_FACTOR",
    "MAX_WORK_FACTOR",
    "CoachIdentity",
    "IdentityBackupError",
    "IdentityRecordError",
    "coach_identity",
    "export_identity",
    "has_identity",
    "restore_identity",
]

TABLE = "coach_identity"
RECORD_ID = "coach"
SCHEMA = 1
BACKUP_FORMAT = "bridge-coach-identity"
BACKUP_VERSION = 1
#: Files asking for more are refused (as ``bridge.storage.backup.MAX_WORK_FACTOR``).
MAX_WORK_FACTOR = 20
#: An identity backup is about 700 bytes armored: anything far larger is not one.
MAX_FILE_SIZE = 64 * 1024
MAX_PLAINTEXT_SIZE = 16 * 1024
SIGNING_KEY_SIZE = 32

_lock = threading.Lock()


class IdentityBackupError(ValueError):
    """Exporting or restoring the coach's identity was refused; nothing was stored.

    ``code`` is one of ``empty_passphrase``, ``too_short``, ``bad_passphrase``,
    ``wrong_passphrase``, ``damaged``, ``not_an_identity``, ``newer_version``,
    ``too_large`` or ``would_replace`` (params ``current`` and ``new``: the two
    fingerprints). A screen shows ``t(error.message_key, **error.params)``.
    """

    def __init__(
        self, code: str, message: str, *, params: Mapping[str, object] | None = None
    ) -> None:
        super().__init__(message)
        self.code = code
        self.params: Mapping[str, object] = dict(params or {})

    @property
    def message_key(self) -> str:
        return f"coach.identity.error.{self.code}"


class IdentityRecordError(ValueError):
    """The stored identity cannot be read. It is left as it is (never replaced silently)."""

    code = "identity_damaged"
    message_key = "coach.identity.error.identity_damaged"
    params: Mapping[str, object] = {}


@dataclass(frozen=True, eq=False)
class CoachIdentity:
    """The coach's key pair(s). ``repr`` shows only the public key."""

    age: X25519Identity
    signing_secret: bytes = field(repr=False)

    def __post_init__(self) -> None:
        if not isinstance(self.signing_secret, bytes) or len(self.signing_secret) != 32:
            raise ValueError("an Ed25519 secret key is 32 bytes")

    @classmethod
    def generate(cls) -> CoachIdentity:
        return cls(X25519Identity.generate(), Ed25519PrivateKey.generate().private_bytes_raw())

    @property
    def recipient_text(self) -> str:
        """The public key clients pair with: ``"age1…"``."""
        return self.age.recipient.to_string()

    @property
    def pairing_text(self) -> str:
        """What clients pair with: ``"age1… bridgesign1…"`` (both public keys; the QR code)."""
        return pairing_text(self.age.recipient, self.signing_public_key)

    @property
    def fingerprint(self) -> str:
        """Exactly what a client's pairing screen shows after pairing with :attr:`pairing_text`
        (``Coach.fingerprint``): one code over both public keys."""
        return pairing_fingerprint(self.age.recipient, self.signing_public_key)

    @property
    def signing_public_key(self) -> bytes:
        """The raw 32-byte Ed25519 public key."""
        return _signing_key(self.signing_secret).public_key().public_bytes_raw()

    def sign(self, message: bytes) -> bytes:
        return _signing_key(self.signing_secret).sign(message)

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, CoachIdentity):
            return NotImplemented
        return hmac.compare_digest(
            self.age.to_string().encode("ascii"), other.age.to_string().encode("ascii")
        ) and hmac.compare_digest(self.signing_secret, other.signing_secret)

    def __hash__(self) -> int:
        return hash((CoachIdentity, self.recipient_text))

    def __repr__(self) -> str:
        return f"CoachIdentity(recipient={self.recipient_text!r})"


def _signing_key(secret: bytes) -> Ed25519PrivateKey:
    return Ed25519PrivateKey.from_private_bytes(secret)


def _b64(data: bytes) -> str:
    return base64.b64encode(data).decode("ascii")


def _unb64(value: Any) -> bytes:
    if not isinstance(value, str):
        raise ValueError("a key is not text")
    try:
        return base64.b64decode(value.encode("ascii"), validate=True)
    except (binascii.Error, UnicodeEncodeError):
        raise ValueError("a key is not valid base64") from None


def _key_fields(identity: CoachIdentity) -> dict[str, Any]:
    return {
        "recipient": identity.recipient_text,
        "age_secret_key": identity.age.to_string(),
        "signing_secret_key": _b64(identity.signing_secret),
        "signing_public_key": _b64(identity.signing_public_key),
    }


def _from_key_fields(document: Mapping[str, Any]) -> CoachIdentity:
    """The identity in `document`, every public half checked against its secret (or raise)."""
    age_text = document.get("age_secret_key")
    if not isinstance(age_text, str):
        raise ValueError("the age secret key is missing")
    age = X25519Identity.parse(age_text)  # InvalidKeyError is an AgeError
    secret = _unb64(document.get("signing_secret_key"))
    if len(secret) != SIGNING_KEY_SIZE:
        raise ValueError("the signing key has the wrong length")
    identity = CoachIdentity(age, secret)
    if document.get("recipient") != identity.recipient_text:
        raise ValueError("the public key does not match the secret key")
    if _unb64(document.get("signing_public_key")) != identity.signing_public_key:
        raise ValueError("the public signing key does not match the secret one")
    return identity


def identity_to_record(identity: CoachIdentity) -> dict[str, Any]:
    return {"schema": SCHEMA, **_key_fields(identity)}


def identity_from_record(record: dict[str, Any]) -> CoachIdentity:
    """The stored identity (the check of record kind ``coach_identity``)."""
    schema = record.get("schema")
    if not isinstance(schema, int) or isinstance(schema, bool):
        raise IdentityRecordError("the stored coach key has no schema version")
    if schema > SCHEMA:
        raise NewerDataError("this data was saved by a newer version of the app")
    try:
        return _from_key_fields(record)
    except (ValueError, AgeError) as exc:
        raise IdentityRecordError(f"the stored coach key cannot be read ({exc})") from None


def has_identity(repo: RecordStore) -> bool:
    return repo.get_record(TABLE, RECORD_ID) is not None


def coach_identity(repo: RecordStore) -> CoachIdentity:
    """The coach's identity; made and stored on the first call (raises IdentityRecordError when
    the stored one cannot be read: it is never replaced by a new one)."""
    with _lock:
        record = repo.get_record(TABLE, RECORD_ID)
        if record is not None:
            return identity_from_record(record)
        identity = CoachIdentity.generate()
        repo.put_record(TABLE, RECORD_ID, identity_to_record(identity))
        return identity


# -- backup and restore ------------------------------------------------------------------


def _check_text(passphrase: object) -> str:
    if not isinstance(passphrase, str) or not passphrase:
        raise IdentityBackupError("empty_passphrase", "no passphrase was given")
    try:
        passphrase.encode("utf-8")
    except UnicodeEncodeError:
        raise IdentityBackupError(
            "bad_passphrase", "the passphrase holds a character that is not text"
        ) from None
    return passphrase


def backup_json(identity: CoachIdentity) -> bytes:
    """The backup's plaintext (secret!): versioned JSON, UTF-8."""
    document = {"format": BACKUP_FORMAT, "version": BACKUP_VERSION, **_key_fields(identity)}
    return json.dumps(document, indent=2).encode("utf-8") + b"\n"


def export_identity(
    identity: CoachIdentity, passphrase: str, *, work_factor: int = DEFAULT_WORK_FACTOR
) -> str:
    """Both secrets as an armored age file protected by `passphrase` (slow: scrypt).

    The passphrase follows the passcode rules (``bridge.storage.passcode_policy``):
    else IdentityBackupError ``empty_passphrase``, ``too_short`` or ``bad_passphrase``.
    """
    _check_text(passphrase)
    problem = check_passcode(passphrase)
    if problem == "empty":
        raise IdentityBackupError("empty_passphrase", "no passphrase was given")
    if problem is not None:
        raise IdentityBackupError(
            "too_short",
            "the passphrase is too short",
            params={"digits": MIN_DIGITS, "chars": MIN_PHRASE_LENGTH},
        )
    recipient = ScryptRecipient(passphrase, work_factor=work_factor)
    return encrypt(backup_json(identity), [recipient], armor=True).decode("ascii")


def _as_bytes(data: bytes | str) -> bytes:
    if isinstance(data, str):
        try:
            return data.encode("utf-8")
        except UnicodeEncodeError:
            raise IdentityBackupError("not_an_identity", "this is not a key backup") from None
    if isinstance(data, bytes | bytearray | memoryview):
        return bytes(data)
    raise IdentityBackupError("not_an_identity", "this is not a key backup")


_OPEN_CODES = {
    "wrong_passphrase": "wrong_passphrase",
    "no_passphrase": "not_an_identity",
    "too_large": "too_large",
    "damaged": "damaged",
}


def read_identity_backup(
    data: bytes | str, passphrase: str, *, max_work_factor: int = MAX_WORK_FACTOR
) -> CoachIdentity:
    """Decrypts and checks a backup (slow: scrypt); stores nothing. Raises IdentityBackupError."""
    raw = _as_bytes(data)
    if len(raw) > MAX_FILE_SIZE:
        raise IdentityBackupError("too_large", "this file is too large to be a key backup")
    if not looks_like_age(raw):
        raise IdentityBackupError("not_an_identity", "this is not a key backup")
    secret = _check_text(passphrase)
    try:
        plaintext = open_passphrase_file(
            raw, secret, max_work_factor=max_work_factor, max_size=MAX_PLAINTEXT_SIZE
        )
    except PassphraseFileError as exc:  # sealed to someone's key: not a key backup
        raise IdentityBackupError(
            _OPEN_CODES[exc.code], f"the key backup cannot be opened ({exc})"
        ) from None
    return parse_backup_json(plaintext)


def parse_backup_json(plaintext: bytes) -> CoachIdentity:
    """The identity in a decrypted backup, strictly checked (raises IdentityBackupError)."""
    try:
        document = json.loads(plaintext.decode("utf-8"))
    except (UnicodeDecodeError, ValueError, RecursionError):
        raise IdentityBackupError("not_an_identity", "the file holds no key backup") from None
    if not isinstance(document, dict) or document.get("format") != BACKUP_FORMAT:
        raise IdentityBackupError("not_an_identity", "the file holds no key backup")
    version = document.get("version")
    if isinstance(version, bool) or not isinstance(version, int) or version < 1:
        raise IdentityBackupError("damaged", "the key backup has no valid version")
    if version > BACKUP_VERSION:
        raise IdentityBackupError("newer_version", "made by a newer version of the app")
    try:
        return _from_key_fields(document)
    except (ValueError, AgeError):
        raise IdentityBackupError("damaged", "the keys in the backup do not fit") from None


def restore_identity(
    repo: RecordStore, data: bytes | str, passphrase: str, *, replace: bool = False
) -> CoachIdentity:
    """Checks a backup fully, then stores its identity (slow: scrypt).

    An existing *different* identity is only replaced with ``replace=True``; else
    IdentityBackupError ``would_replace``. Restoring the identity already stored
    changes nothing. On any error nothing is stored.
    """
    restored = read_identity_backup(data, passphrase)
    with _lock:
        record = repo.get_record(TABLE, RECORD_ID)
        if record is not None:
            try:
                current: CoachIdentity | None = identity_from_record(record)
            except (IdentityRecordError, NewerDataError):
                current = None
            if current == restored:
                return restored
            if not replace:
                raise IdentityBackupError(
                    "would_replace",
                    "this device already has another coach key",
                    params={
                        "current": current.fingerprint if current is not None else "?",
                        "new": restored.fingerprint,
                    },
                )
        repo.put_record(TABLE, RECORD_ID, identity_to_record(restored))
        return restored
