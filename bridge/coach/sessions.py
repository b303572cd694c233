"""A joint session as the coach keeps it: the two views of each area and the session note.

A :class:`SessionNote` holds the session's readings (:mod:`bridge.coach.readings`:
the client's step, the coach's, who filled it in) and what the coach wrote down:
the agreed next steps, a sentence of recognition, the client's own reflection
("Wat neem je mee van vandaag?"), the next meeting, and whether the coach's view
may go into the plan sent back to the client.

Notes live in the client's own coach file (``document["sessions"]``, see
:mod:`bridge.coach.history`), one per session day: saving the same day again
replaces it, so the screen can save after every pause without piling up copies.
The record form::

    {"format": "bridge-coach-session", "schema": 1, "session_date": "YYYY-MM-DD",
     "readings": {readings record}, "agreed": ["...", ...], "recognition": "...",
     "client_reflection": "...", "next_meeting": "YYYY-MM-DD" | null,
     "share_coach_view": true | false}

Reading is strict (:func:`from_record`): a missing, unknown or wrong field raises
:class:`SessionError` and nothing is half read. The note keeps text as typed (an
agreed step may still be empty or longer than a plan allows while the coach
writes); the plan's own rules are checked when it is sealed.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from typing import Any

from bridge.coach import readings as readings_record
from bridge.coach.readings import ReadingsError, SessionReadings
from bridge.coach.types import CoachStoreError

__all__ = [
    "FORMAT",
    "MAX_AGREED",
    "SCHEMA",
    "TEXT_MAX_CHARS",
    "SessionError",
    "SessionNote",
    "check_note",
    "file_session",
    "from_record",
    "session_on",
    "sessions_of",
    "to_record",
]

FORMAT = "bridge-coach-session"
SCHEMA = 1
#: At most this many agreed next steps (the plan takes 1 to 5).
MAX_AGREED = 5
#: No text of a note is longer than this: a bound on what a file holds, far above what a
#: conversation writes down (the plan's limits are lower and are checked when sealing).
TEXT_MAX_CHARS = 4000
#: The key of the sessions in a client's document.
SESSIONS = "sessions"

_DAY = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")
_KEYS = frozenset(
    {
        "format",
        "schema",
        "session_date",
        "readings",
        "agreed",
        "recognition",
        "client_reflection",
        "next_meeting",
        "share_coach_view",
    }
)

Document = dict[str, Any]


class SessionError(CoachStoreError):
    """A note or record the sessions refuse; nothing is stored or changed (a refusal of the
    store like any other, with texts of its own).

    Codes: ``invalid`` (a note breaks a rule; the message says which), ``damaged``
    (a stored record is not one of ours), ``newer_version``.
    """

    @property
    def message_key(self) -> str:
        return f"coach_session.error.{self.code}"


@dataclass(frozen=True)
class SessionNote:
    session_date: date
    readings: SessionReadings
    agreed: tuple[str, ...] = ()  # the agreed next steps as typed (0..5)
    recognition: str = ""  # a sentence of recognition from the coach
    client_reflection: str = ""  # "Wat neem je mee van vandaag?", in the client's words
    next_meeting: date | None = None
    share_coach_view: bool = False  # the coach's view goes into the plan (the client wants it)

    @property
    def steps_to_agree(self) -> tuple[str, ...]:
        """The agreed steps that hold words, trimmed (what a plan takes)."""
        return tuple(text.strip() for text in self.agreed if text.strip())


def _invalid(message: str) -> SessionError:
    return SessionError("invalid", message)


def _check_text(value: Any, where: str) -> str:
    if not isinstance(value, str):
        raise _invalid(f"{where} is not text")
    if len(value) > TEXT_MAX_CHARS:
        raise _invalid(f"{where} is longer than {TEXT_MAX_CHARS} characters")
    return value


def check_note(note: SessionNote) -> SessionNote:
    """The note itself when it keeps every rule; SessionError('invalid') says which it breaks."""
    if not isinstance(note.session_date, date):
        raise _invalid("the session date is not a date")
    if not isinstance(note.readings, SessionReadings):
        raise _invalid("the readings are missing")
    if note.readings.session_date != note.session_date.isoformat():
        raise _invalid("the readings belong to another session date")
    if not isinstance(note.agreed, tuple) or len(note.agreed) > MAX_AGREED:
        raise _invalid(f"at most {MAX_AGREED} agreed steps")
    for n, text in enumerate(note.agreed, start=1):
        _check_text(text, f"agreed step {n}")
    _check_text(note.recognition, "the recognition")
    _check_text(note.client_reflection, "the client's reflection")
    if note.next_meeting is not None and not isinstance(note.next_meeting, date):
        raise _invalid("the next meeting is not a date")
    if not isinstance(note.share_coach_view, bool):
        raise _invalid("sharing the coach's view is not yes or no")
    return note


def to_record(note: SessionNote) -> dict[str, Any]:
    check_note(note)
    return {
        "format": FORMAT,
        "schema": SCHEMA,
        "session_date": note.session_date.isoformat(),
        "readings": readings_record.to_record(note.readings),
        "agreed": list(note.agreed),
        "recognition": note.recognition,
        "client_reflection": note.client_reflection,
        "next_meeting": note.next_meeting.isoformat() if note.next_meeting else None,
        "share_coach_view": note.share_coach_view,
    }


def _damaged(message: str) -> SessionError:
    return SessionError("damaged", message)


def _day(value: Any, where: str) -> date:
    if not isinstance(value, str) or not _DAY.fullmatch(value):
        raise _damaged(f"{where} is not a date (YYYY-MM-DD)")
    try:
        return date.fromisoformat(value)
    except ValueError:
        raise _damaged(f"{where} is not a real date") from None


def from_record(raw: Any) -> SessionNote:
    """The note from its record; SessionError for anything that is not exactly one."""
    if not isinstance(raw, dict) or raw.get("format") != FORMAT:
        raise _damaged("this is not a record of a session")
    schema = raw.get("schema")
    if not isinstance(schema, int) or isinstance(schema, bool) or schema < 1:
        raise _damaged("the session record has no valid schema version")
    if schema > SCHEMA:
        raise SessionError("newer_version", "the session was saved by a newer version of the app")
    if set(raw) != _KEYS:
        raise _damaged("the session record has missing or unknown fields")
    session_date = _day(raw["session_date"], "the session date")
    try:
        readings = readings_record.from_record(raw["readings"])
    except ReadingsError as exc:
        raise _damaged(f"the session's readings: {exc}") from None
    agreed = raw["agreed"]
    if not isinstance(agreed, list):
        raise _damaged("the agreed steps are not a list")
    share = raw["share_coach_view"]
    if not isinstance(share, bool):
        raise _damaged("sharing the coach's view is not yes or no")
    meeting = raw["next_meeting"]
    note = SessionNote(
        session_date=session_date,
        readings=readings,
        agreed=tuple(agreed),
        recognition=raw["recognition"],
        client_reflection=raw["client_reflection"],
        next_meeting=_day(meeting, "the next meeting") if meeting is not None else None,
        share_coach_view=share,
    )
    try:
        return check_note(note)
    except SessionError as exc:
        raise _damaged(str(exc)) from None


def _records(document: Document) -> list[Any]:
    held = document.get(SESSIONS, [])
    if not isinstance(held, list):
        raise _damaged("the client's sessions are not a list")
    return held


def sessions_of(document: Document) -> list[SessionNote]:
    """Every session in the client's document, newest first; SessionError if one is damaged."""
    notes = [from_record(raw) for raw in _records(document)]
    return sorted(notes, key=lambda note: note.session_date, reverse=True)


def session_on(document: Document, day: date) -> SessionNote | None:
    """The session of that day, if one was saved."""
    return next((note for note in sessions_of(document) if note.session_date == day), None)


def file_session(document: Document, note: SessionNote) -> None:
    """Puts the note in the document, replacing the one of the same day.

    Every session already held is read first: when one does not read, SessionError
    is raised and the document stays as it was (a damaged record is never written over).
    """
    record = to_record(note)
    kept = [
        to_record(held) for held in sessions_of(document) if held.session_date != note.session_date
    ]
    document[SESSIONS] = sorted([*kept, record], key=lambda item: str(item["session_date"]))
