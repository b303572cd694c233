"""Pairing with a coach: the coach's keys, kept with a name the client chooses.

The coach's key screen shows ``"age1… bridgesign1…"``: the age public key
(summaries are sealed to it) and the coach's signing key (plans the coach sends
back are checked with it); see :mod:`bridge.sharing.pairing_code`. An old
``age1…`` key alone still pairs, without a signing key.

Stored in table ``"coaches"``, one record per age key, schema 1::

    {"schema": 1, "name": "Marieke", "recipient": "age1…", "paired_at": <ISO time>,
     "signing_key": <base64, 32 bytes>}          (optional: absent for an old pairing)

The record id is derived from the age key, so pairing the same key again updates
the name instead of adding the coach twice; pairing again with the new text adds
the signing key to an old pairing (an old text keeps the signing key already
known).  Nothing is saved when the key or the name is refused.
"""

from __future__ import annotations

import base64
import binascii
import hashlib
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from bridge.crypto import AgeError, X25519Recipient
from bridge.sharing.errors import PairingError
from bridge.sharing.pairing_code import SIGNING_KEY_SIZE, pairing_fingerprint, parse_pairing_text
from bridge.sharing.store import RecordStore
from bridge.storage.errors import NewerDataError

__all__ = ["NAME_MAX_CHARS", "Coach", "coaches", "pair_coach", "remove_coach"]

TABLE = "coaches"
SCHEMA = 1
NAME_MAX_CHARS = 60


@dataclass(frozen=True)
class Coach:
    id: str
    name: str
    recipient: X25519Recipient
    paired_at: datetime
    #: The coach's Ed25519 public key (checks the plans they send); None for an old pairing.
    signing_key: bytes | None = None

    @property
    def fingerprint(self) -> str:
        """The code client and coach compare aloud (``pairing_fingerprint``)."""
        return pairing_fingerprint(self.recipient, self.signing_key)


def coach_id_for(recipient: X25519Recipient) -> str:
    return hashlib.sha256(recipient.public_bytes).hexdigest()[:16]


def _clean_name(name: str) -> str:
    """Surrounding space removed, inner runs of spaces and line breaks made one space."""
    cleaned = " ".join(name.split())
    if not cleaned:
        raise PairingError("name_missing", "The coach's name is missing.")
    if len(cleaned) > NAME_MAX_CHARS:
        raise PairingError(
            "name_too_long",
            f"The coach's name is longer than {NAME_MAX_CHARS} characters.",
            params={"max": NAME_MAX_CHARS},
        )
    return cleaned


def pair_coach(
    repo: RecordStore, name: str, key_text: str, *, now: datetime | None = None
) -> Coach:
    """Checks the key text (spaces and line breaks are fine) and the name, then saves the coach.

    ``key_text`` is the new ``"age1… bridgesign1…"`` (either order) or an old
    ``age1…`` alone. Raises :class:`PairingError` (and saves nothing) for a bad
    key, a missing name or a name over 60 characters.
    """
    try:
        recipient, signing_key = parse_pairing_text(key_text)
    except AgeError as exc:
        raise PairingError("bad_key", "This is not a valid coach key.", age_code=exc.code) from exc
    coach_id = coach_id_for(recipient)
    cleaned = _clean_name(name)
    if signing_key is None:  # an old text: keep the signing key this coach already gave
        signing_key = _known_signing_key(repo, coach_id)
    coach = Coach(
        id=coach_id,
        name=cleaned,
        recipient=recipient,
        paired_at=now if now is not None else datetime.now(UTC),
        signing_key=signing_key,
    )
    repo.put_record(TABLE, coach.id, coach_to_record(coach))
    return coach


def _known_signing_key(repo: RecordStore, coach_id: str) -> bytes | None:
    known = repo.get_record(TABLE, coach_id)
    if known is None:
        return None
    try:
        return coach_from_record({**known, "id": coach_id}).signing_key
    except (KeyError, TypeError, ValueError, AgeError):  # a record that does not read: none
        return None


def coach_to_record(coach: Coach) -> dict[str, Any]:
    record: dict[str, Any] = {
        "schema": SCHEMA,
        "name": coach.name,
        "recipient": coach.recipient.to_string(),
        "paired_at": coach.paired_at.isoformat(),
    }
    if coach.signing_key is not None:
        record["signing_key"] = base64.b64encode(coach.signing_key).decode("ascii")
    return record


def _signing_key(raw: Any) -> bytes | None:
    if raw is None:
        return None
    if not isinstance(raw, str):
        raise ValueError("a coach's signing key is not text")
    try:
        key = base64.b64decode(raw.encode("ascii"), validate=True)
    except (binascii.Error, UnicodeEncodeError):
        raise ValueError("a coach's signing key is not valid base64") from None
    if len(key) != SIGNING_KEY_SIZE:
        raise ValueError("a coach's signing key has the wrong length")
    return key


def coach_from_record(record: dict[str, Any]) -> Coach:
    schema = record.get("schema")
    if not isinstance(schema, int) or isinstance(schema, bool):
        raise ValueError("a coach record without a schema version")
    if schema > SCHEMA:
        raise NewerDataError("this data was saved by a newer version of the app")
    recipient = X25519Recipient.parse(str(record["recipient"]))
    return Coach(
        id=str(record["id"]),
        name=str(record["name"]),
        recipient=recipient,
        paired_at=datetime.fromisoformat(str(record["paired_at"])),
        signing_key=_signing_key(record.get("signing_key")),
    )


def coaches(repo: RecordStore) -> list[Coach]:
    """Every paired coach, the first paired first."""
    found = [coach_from_record(r) for r in repo.records(TABLE)]
    return sorted(found, key=lambda c: (c.paired_at, c.name))


def remove_coach(repo: RecordStore, coach_id: str) -> bool:
    """Forgets a coach; False when there was no such coach."""
    if repo.get_record(TABLE, coach_id) is None:
        return False
    repo.remove_record(TABLE, coach_id)
    return True
