"""The two views of a joint session: per area the client's step (primary) and the coach's, if any.

A session's readings are made from the client's bridge (:func:`start_session`):
each area keeps a copy of the client's step as it was in that session. The coach
may add the step they see (:func:`with_coach_view`) and say who filled in the
reading (:func:`with_filled_by`); nothing here ever sets or changes the client's
step after the start, so the client's view stays the primary one. A difference
between the two is marked (``differs``) and kept: a later bridge of the client
does not touch an earlier session's readings, and nothing is "corrected".

The record form, ready to be kept in the client's coach file::

    {"format": "bridge-coach-readings", "schema": 1,
     "session_date": "YYYY-MM-DD", "bridge_date": "YYYY-MM-DD" | null,
     "readings": {area_id: {"client": 1..5 | null, "coach": 1..5 | null,
                            "by": "together" | "client" | "coach"}}}

``differs`` is not stored: it follows from the two steps, so it cannot go out of step.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, replace
from datetime import date
from enum import Enum
from types import MappingProxyType
from typing import Any

__all__ = [
    "FORMAT",
    "SCHEMA",
    "AreaViews",
    "FilledBy",
    "Reading",
    "ReadingsError",
    "SessionReadings",
    "from_record",
    "start_session",
    "to_record",
    "two_views",
    "with_coach_view",
    "with_filled_by",
]

FORMAT = "bridge-coach-readings"
SCHEMA = 1
STEPS = range(1, 6)

_DAY = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")
_AREA_ID_MAX = 64
_RECORD_KEYS = frozenset({"format", "schema", "session_date", "bridge_date", "readings"})
_READING_KEYS = frozenset({"client", "coach", "by"})


class ReadingsError(ValueError):
    """A record or a change the readings refuse; the message says what, nothing is changed."""


class FilledBy(Enum):
    """Who filled in the client's reading of an area in this session."""

    TOGETHER = "together"  # client and coach, in the session
    CLIENT = "client"  # the client alone (for example on their phone before the session)
    COACH = "coach"  # the coach, for the client


@dataclass(frozen=True)
class Reading:
    client_step: int | None  # the client's step in this session (None: not filled in)
    coach_step: int | None = None  # the step the coach sees (None: no view recorded)
    filled_by: FilledBy = FilledBy.CLIENT

    @property
    def differs(self) -> bool:
        """Both views are there and they are not the same step."""
        return (
            self.client_step is not None
            and self.coach_step is not None
            and self.client_step != self.coach_step
        )


@dataclass(frozen=True)
class SessionReadings:
    session_date: str  # ISO date of the session
    bridge_date: str | None  # the client's bridge the session looked at
    readings: Mapping[str, Reading]  # per area id (a read-only view)

    def reading(self, area_id: str) -> Reading | None:
        return self.readings.get(area_id)


@dataclass(frozen=True)
class AreaViews:
    """What the session screen shows for one area: the client's view first."""

    area_id: str
    client_step: int | None
    coach_step: int | None
    filled_by: FilledBy
    differs: bool


def _is_step(value: Any) -> bool:
    return isinstance(value, int) and not isinstance(value, bool) and value in STEPS


def _check_day(value: Any, where: str) -> str:
    if not isinstance(value, str) or not _DAY.fullmatch(value):
        raise ReadingsError(f"{where} is not a date (YYYY-MM-DD)")
    try:
        date.fromisoformat(value)
    except ValueError:
        raise ReadingsError(f"{where} is not a real date") from None
    return value


def _check_area(value: Any) -> str:
    if not isinstance(value, str) or not value.isidentifier() or len(value) > _AREA_ID_MAX:
        raise ReadingsError("an area id in the readings is not valid")
    return value


def _check_step(value: Any, where: str) -> int | None:
    if value is None:
        return None
    if not _is_step(value):
        raise ReadingsError(f"{where} is not a step from 1 to 5")
    return int(value)


def start_session(
    session_date: str, bridge_date: str | None, client_steps: Mapping[str, int]
) -> SessionReadings:
    """A session's readings from the client's bridge: every step copied, no coach views yet."""
    _check_day(session_date, "the session date")
    if bridge_date is not None:
        _check_day(bridge_date, "the bridge date")
    readings: dict[str, Reading] = {}
    for area_id, step in client_steps.items():
        readings[_check_area(area_id)] = Reading(
            _check_step(step, f"the client's step of {area_id}")
        )
    return SessionReadings(session_date, bridge_date, MappingProxyType(readings))


def _changed(session: SessionReadings, area_id: str, reading: Reading) -> SessionReadings:
    readings = dict(session.readings)
    readings[area_id] = reading
    return replace(session, readings=MappingProxyType(readings))


def with_coach_view(session: SessionReadings, area_id: str, step: int | None) -> SessionReadings:
    """The session with the coach's view of one area set (None takes it away).

    The client's step of the area stays exactly as it was. An area the client's
    bridge has no step for can still get the coach's view (it then does not differ).
    """
    _check_area(area_id)
    checked = _check_step(step, "the coach's step")
    held = session.reading(area_id) or Reading(None)
    return _changed(session, area_id, replace(held, coach_step=checked))


def with_filled_by(session: SessionReadings, area_id: str, who: FilledBy) -> SessionReadings:
    """The session with who filled in one area's reading; the steps stay as they were."""
    _check_area(area_id)
    if not isinstance(who, FilledBy):
        raise ReadingsError("who filled in the reading is not together, client or coach")
    held = session.reading(area_id) or Reading(None)
    return _changed(session, area_id, replace(held, filled_by=who))


def two_views(session: SessionReadings, area_ids: Sequence[str]) -> tuple[AreaViews, ...]:
    """Per area (in the order given): client step, coach step or None, who, differs.

    An area without a reading in this session shows no step, no coach view, and the
    client as the one who fills it in.
    """
    out = []
    for area_id in area_ids:
        held = session.reading(area_id) or Reading(None)
        out.append(
            AreaViews(area_id, held.client_step, held.coach_step, held.filled_by, held.differs)
        )
    return tuple(out)


def to_record(session: SessionReadings) -> dict[str, Any]:
    return {
        "format": FORMAT,
        "schema": SCHEMA,
        "session_date": session.session_date,
        "bridge_date": session.bridge_date,
        "readings": {
            area_id: {
                "client": reading.client_step,
                "coach": reading.coach_step,
                "by": reading.filled_by.value,
            }
            for area_id, reading in sorted(session.readings.items())
        },
    }


def _reading_of(raw: Any, area_id: str) -> Reading:
    if not isinstance(raw, dict) or set(raw) != _READING_KEYS:
        raise ReadingsError(f"the reading of {area_id} needs exactly client, coach and by")
    by = raw["by"]
    if not isinstance(by, str) or by not in {who.value for who in FilledBy}:
        raise ReadingsError(f"who filled in {area_id} is not together, client or coach")
    return Reading(
        client_step=_check_step(raw["client"], f"the client's step of {area_id}"),
        coach_step=_check_step(raw["coach"], f"the coach's step of {area_id}"),
        filled_by=FilledBy(by),
    )


def from_record(raw: Any) -> SessionReadings:
    """The readings from their record; ReadingsError for anything that is not exactly one."""
    if not isinstance(raw, dict) or raw.get("format") != FORMAT:
        raise ReadingsError("this is not a record of session readings")
    schema = raw.get("schema")
    if not isinstance(schema, int) or isinstance(schema, bool) or schema < 1:
        raise ReadingsError("the readings record has no valid schema version")
    if schema > SCHEMA:
        raise ReadingsError("the readings record is from a newer version of the app")
    if set(raw) != _RECORD_KEYS:
        raise ReadingsError("the readings record has missing or unknown fields")
    bridge_date = raw["bridge_date"]
    if bridge_date is not None:
        _check_day(bridge_date, "the bridge date")
    readings_raw = raw["readings"]
    if not isinstance(readings_raw, dict):
        raise ReadingsError("the readings are not a table per area")
    readings = {
        _check_area(area_id): _reading_of(item, area_id) for area_id, item in readings_raw.items()
    }
    session_date = _check_day(raw["session_date"], "the session date")
    return SessionReadings(session_date, bridge_date, MappingProxyType(readings))
