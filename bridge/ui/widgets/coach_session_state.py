"""The joint session being held on screen: the readings and the note as typed, kept per session
of the app so a rebuilt screen (a resize, a save elsewhere) shows exactly what was there. The
store keeps the durable copy; this is only what is on screen. Knows nothing of Flet."""

from __future__ import annotations

import re
import weakref
from dataclasses import dataclass, field
from datetime import date

from bridge.coach.readings import (
    FilledBy,
    SessionReadings,
    start_session,
    with_coach_view,
    with_filled_by,
)
from bridge.coach.sessions import MAX_AGREED, SessionNote
from bridge.coach.types import ClientHistory

_DMY = re.compile(r"\s*([0-9]{1,2})[-/.]([0-9]{1,2})[-/.]([0-9]{4})\s*")


class BadDay(ValueError):
    """A typed date that is no date (``reason`` "bad") or lies before the session (``"past"``);
    a screen shows it with ``message_for`` like every other error."""

    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason

    @property
    def message_key(self) -> str:
        return f"coach_session.meeting_{self.reason}"


def parse_day(text: str, not_before: date) -> date | None:
    """DD-MM-JJJJ (also with / or .) as a date; None for an empty field; BadDay otherwise."""
    if not text.strip():
        return None
    found = _DMY.fullmatch(text)
    if found is None:
        raise BadDay("bad")
    day, month, year = (int(part) for part in found.groups())
    try:
        parsed = date(year, month, day)
    except ValueError:
        raise BadDay("bad") from None
    if parsed < not_before:
        raise BadDay("past")
    return parsed


def day_text(day: date | None) -> str:
    return day.strftime("%d-%m-%Y") if day is not None else ""


@dataclass
class SessionDraft:
    client_id: str
    session_date: date
    readings: SessionReadings
    agreed: list[str] = field(default_factory=lambda: [""])
    recognition: str = ""
    reflection: str = ""
    meeting: date | None = None
    meeting_text: str = ""  # as typed, also while it is no date yet
    share_coach_view: bool = False
    in_view: str | None = None  # the area on screen
    #: The plan made last: (file name, armored text, the note it was made from).
    sealed: tuple[str, str, SessionNote] | None = None

    @classmethod
    def start(cls, client_id: str, today: date, history: ClientHistory) -> SessionDraft:
        latest = history.bridges[-1] if history.bridges else None
        readings = start_session(
            today.isoformat(),
            latest.date if latest is not None else None,
            dict(latest.steps) if latest is not None else {},
        )
        return cls(client_id, today, readings)

    @classmethod
    def of(cls, client_id: str, note: SessionNote) -> SessionDraft:
        return cls(
            client_id,
            note.session_date,
            note.readings,
            agreed=list(note.agreed) or [""],
            recognition=note.recognition,
            reflection=note.client_reflection,
            meeting=note.next_meeting,
            meeting_text=day_text(note.next_meeting),
            share_coach_view=note.share_coach_view,
        )

    def note(self) -> SessionNote:
        return SessionNote(
            session_date=self.session_date,
            readings=self.readings,
            agreed=tuple(self.agreed[:MAX_AGREED]),
            recognition=self.recognition,
            client_reflection=self.reflection,
            next_meeting=self.meeting,
            share_coach_view=self.share_coach_view,
        )

    def set_coach_step(self, area_id: str, step: int | None) -> None:
        self.readings = with_coach_view(self.readings, area_id, step)

    def set_filled_by(self, area_id: str, who: FilledBy) -> None:
        self.readings = with_filled_by(self.readings, area_id, who)

    def coach_view(self) -> dict[str, int]:
        """The coach's steps per area (what goes into the plan if the client wants it)."""
        return {
            area_id: reading.coach_step
            for area_id, reading in self.readings.readings.items()
            if reading.coach_step is not None
        }


@dataclass
class _Held:
    store: weakref.ref[object]
    drafts: dict[str, SessionDraft] = field(default_factory=dict)


_STATES: weakref.WeakKeyDictionary[object, _Held] = weakref.WeakKeyDictionary()


def held_draft(app: object, store: object, client_id: str, today: date) -> SessionDraft | None:
    """This app session's draft for the client, if it belongs to the open store and to today.

    After a lock the store is a new one: what was held for the old one is forgotten (it was
    saved before the lock), so nothing of a client stays in memory past a lock."""
    held = _STATES.get(app)
    if held is None or held.store() is not store:
        _STATES[app] = _Held(weakref.ref(store))
        return None
    draft = held.drafts.get(client_id)
    if draft is None or draft.session_date != today:
        return None
    return draft


def hold_draft(app: object, store: object, draft: SessionDraft) -> None:
    held = _STATES.get(app)
    if held is None or held.store() is not store:
        held = _STATES[app] = _Held(weakref.ref(store))
    held.drafts[draft.client_id] = draft
