"""Converts domain objects to stored records and back; every record carries a schema version."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from typing import Any

from bridge.domain.assessment import AreaAnswer, Assessment, Helper
from bridge.storage.errors import NewerDataError

SCHEMA = 1

Record = dict[str, Any]

#: MIGRATIONS[n] turns a record of schema n into schema n + 1. Records stored
#: before versioning existed count as schema 0.
MIGRATIONS: dict[int, Callable[[Record], Record]] = {
    0: lambda r: {**r, "position": r.get("position", "stress")},
}


Migrations = dict[int, Callable[[Record], Record]]


def migrate(
    record: Record, migrations: Migrations = MIGRATIONS, schema: int = SCHEMA, what: str = "data"
) -> Record:
    """Brings a stored record up to `schema`, one step at a time; refuses newer ones."""
    version = record.get("schema", 0)
    if not isinstance(version, int) or version > schema:
        raise NewerDataError(f"this {what} was saved by a newer version of the app")
    while version < schema:
        record = migrations[version](dict(record))
        version += 1
        record["schema"] = version
    return record


def _time(value: datetime | None) -> str | None:
    return value.isoformat() if value is not None else None


def _parse_time(value: Any) -> datetime | None:
    return datetime.fromisoformat(value) if isinstance(value, str) else None


def assessment_to_record(assessment: Assessment) -> Record:
    return {
        "schema": SCHEMA,
        "id": assessment.id,
        "started_at": _time(assessment.started_at),
        "completed_at": _time(assessment.completed_at),
        "area_ids": list(assessment.area_ids),
        "stress": assessment.stress,
        "position": assessment.position,
        "answers": {
            area_id: {
                "step": answer.step,
                "discuss": answer.discuss,
                "priority": answer.priority,
                "helper": answer.helper.value if answer.helper else None,
                "note": answer.note,
            }
            for area_id, answer in assessment.answers.items()
        },
    }


def assessment_from_record(record: Record) -> Assessment:
    record = migrate(record)
    started = _parse_time(record["started_at"])
    if started is None:
        raise ValueError("an assessment without a start date")
    answers = {
        area_id: AreaAnswer(
            step=raw.get("step"),
            discuss=bool(raw.get("discuss", False)),
            priority=bool(raw.get("priority", False)),
            helper=Helper(raw["helper"]) if raw.get("helper") else None,
            note=str(raw.get("note", "")),
        )
        for area_id, raw in record.get("answers", {}).items()
    }
    return Assessment(
        id=str(record["id"]),
        started_at=started,
        completed_at=_parse_time(record.get("completed_at")),
        area_ids=tuple(record["area_ids"]),
        stress=record.get("stress"),
        position=str(record.get("position", "stress")),
        answers=answers,
    )
