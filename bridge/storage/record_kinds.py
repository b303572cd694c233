"""The one registry of record kinds: which tables exist, their schema versions and checks.

Opening the data (`bridge.storage.repository.open_repository`) and restoring a
backup (`bridge.storage.backup`) both call `check_tables`, so a record this
version cannot use is refused the same way in both places: a record from a
newer app raises NewerDataError, a broken one RecordError, and nothing is
stored. Tables this version does not know are kept as they are, unchecked.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any

from bridge.coach import identity as coach_identity
from bridge.coach import records as coach_records
from bridge.crypto import AgeError
from bridge.sharing import plans as received_plans
from bridge.sharing import signing_key
from bridge.sharing.coaches import SCHEMA as COACH_SCHEMA
from bridge.sharing.coaches import TABLE as COACHES
from bridge.sharing.coaches import coach_from_record
from bridge.storage import goals_store, records
from bridge.storage.errors import NewerDataError

__all__ = ["KINDS", "RecordError", "RecordKind", "check_record", "check_tables"]

Record = dict[str, Any]

#: What a check may raise for a broken record (besides NewerDataError).
_BROKEN = (KeyError, TypeError, ValueError, AttributeError, AgeError)


class RecordError(ValueError):
    """A stored record is broken: `table` says which kind."""

    def __init__(self, table: str, reason: str) -> None:
        super().__init__(f"a record in {table!r} is broken: {reason}")
        self.table = table


@dataclass(frozen=True)
class RecordKind:
    """One kind of record: its table, its current schema version and its check.

    `check` turns a stored record into its domain object (or raises), so the
    check is exactly what reading the record later does.
    """

    table: str
    schema: int
    check: Callable[[Record], object]


def _check_settings(record: Record) -> object:
    schema = record.get("schema", 0)
    if isinstance(schema, bool) or not isinstance(schema, int):
        raise ValueError("the settings have no valid schema version")
    if schema > records.SCHEMA:
        raise NewerDataError("these settings were saved by a newer version of the app")
    return record


KINDS: Mapping[str, RecordKind] = {
    kind.table: kind
    for kind in (
        RecordKind("settings", records.SCHEMA, _check_settings),
        RecordKind("assessments", records.SCHEMA, records.assessment_from_record),
        RecordKind(goals_store.TABLE, goals_store.SCHEMA, goals_store.goal_from_record),
        RecordKind(COACHES, COACH_SCHEMA, coach_from_record),
        RecordKind(signing_key.TABLE, signing_key.SCHEMA, signing_key.check_key_record),
        RecordKind(received_plans.TABLE, received_plans.SCHEMA, received_plans.plan_from_record),
        RecordKind(
            coach_identity.TABLE, coach_identity.SCHEMA, coach_identity.identity_from_record
        ),
        RecordKind(coach_records.INDEX_TABLE, coach_records.SCHEMA, coach_records.row_from_record),
        RecordKind(coach_records.META_TABLE, coach_records.SCHEMA, coach_records.check_meta),
    )
}


def check_record(table: str, record: Any, kinds: Mapping[str, RecordKind] = KINDS) -> None:
    """Raises NewerDataError or RecordError unless `record` is usable; unknown tables pass."""
    if not isinstance(record, dict):
        raise RecordError(table, "not an object")
    kind = kinds.get(table)
    if kind is None:
        return
    try:
        kind.check(record)
    except NewerDataError:
        raise
    except _BROKEN as exc:
        raise RecordError(table, type(exc).__name__) from None


def check_tables(tables: Mapping[str, Any], kinds: Mapping[str, RecordKind] = KINDS) -> None:
    """Checks every record of every known table (TinyDB layout: table -> id -> record)."""
    for table, documents in tables.items():
        if not isinstance(documents, dict):
            raise RecordError(str(table), "the table is not an object")
        for record in documents.values():
            check_record(table, record, kinds)
