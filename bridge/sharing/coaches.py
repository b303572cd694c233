"""Pairing with a coach: the coach's age public key, kept with a name the client chooses.

Stored in table ``"coaches"``, one record per key, schema 1::

    {"schema": 1, "name": "Marieke", "recipient": "age1…", "paired_at": <ISO time>}

The record id is derived from the key, so pairing the same key again updates
the name instead of adding the coach twice.  Nothing is saved when the key or
the name is refused.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from bridge.crypto import AgeError, X25519Recipient, fingerprint, parse_recipient
from bridge.sharing.errors import PairingError
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

    @property
    def fingerprint(self) -> str:
        """The code client and coach compare aloud (``bridge.crypto.fingerprint``)."""
        return fingerprint(self.recipient)


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
    """Checks the key (spaces and line breaks are fine) and the name, then saves the coach.

    Raises :class:`PairingError` (and saves nothing) for a bad key, a missing
    name or a name over 60 characters.
    """
    try:
        recipient = parse_recipient(key_text)
    except AgeError as exc:
        raise PairingError("bad_key", "This is not a valid coach key.", age_code=exc.code) from exc
    coach = Coach(
        id=coach_id_for(recipient),
        name=_clean_name(name),
        recipient=recipient,
        paired_at=now if now is not None else datetime.now(UTC),
    )
    repo.put_record(TABLE, coach.id, coach_to_record(coach))
    return coach


def coach_to_record(coach: Coach) -> dict[str, Any]:
    return {
        "schema": SCHEMA,
        "name": coach.name,
        "recipient": coach.recipient.to_string(),
        "paired_at": coach.paired_at.isoformat(),
    }


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
