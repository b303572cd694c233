"""The coach's records in ``bridge.db``: the caseload index, the files key and the settings.

Registered in :mod:`bridge.storage.record_kinds`, so a broken record or one
from a newer app is refused when the data opens, like every other kind.

* table ``coach_clients``: one small record per client: a :class:`ClientEntry`,
  the pinned signing key (``signer``, public) and ``stamp``, the file's
  (inode, size, change time) when the record was computed from it. The client
  files are the truth and are written first, the index after: when the store
  opens, a record whose file has another stamp (a crash came between the two
  writes) is computed again from the file, a record without a file is removed,
  and a file without a record gets one. A write replaces the file by a new one
  (a new inode, made while the old file still exists), so a stamp never
  matches a file written after it;
* table ``coach_meta``: record ``files_key`` (the random 32-byte key that seals
  every ``clients/<client_id>.db``), record ``settings`` and record ``figures``
  (the programme figures' months-apart rule, see :mod:`bridge.coach.settings`).
"""

from __future__ import annotations

import base64
import binascii
from collections.abc import Callable, Mapping
from dataclasses import dataclass, fields
from typing import Any, Protocol

from bridge.coach.types import ClientEntry
from bridge.storage.records import migrate

__all__ = [
    "FIGURES_ID",
    "FILES_KEY_ID",
    "INDEX_TABLE",
    "META_TABLE",
    "SCHEMA",
    "SETTINGS_ID",
    "CoachRecords",
    "IndexRow",
    "check_meta",
    "files_key_from_record",
    "files_key_to_record",
    "months_from_record",
    "months_to_record",
    "row_from_checked",
    "row_from_record",
    "row_to_record",
    "weeks_from_record",
    "weeks_to_record",
]

INDEX_TABLE = "coach_clients"
META_TABLE = "coach_meta"
FILES_KEY_ID = "files_key"
SETTINGS_ID = "settings"
FIGURES_ID = "figures"  # the programme figures' months-apart rule
MONTHS_RANGE = range(1, 121)
SCHEMA = 1
KEY_SIZE = 32

Record = dict[str, Any]


class CoachRecords(Protocol):
    """The part of :class:`bridge.storage.repository.Repository` the coach's store uses."""

    def put_record(self, table: str, record_id: str, record: Record) -> None: ...

    def put_records(self, table: str, records: Mapping[str, Record | None]) -> None: ...

    def get_record(self, table: str, record_id: str) -> Record | None: ...

    def remove_record(self, table: str, record_id: str) -> None: ...

    def parsed(self, table: str, parse: Callable[[Record], Any]) -> list[Any]: ...


@dataclass(frozen=True)
class IndexRow:
    """An index record: the entry, the pinned key, the stamp of the file it was computed from."""

    entry: ClientEntry
    signer: bytes
    stamp: tuple[int, int, int] | None = None  # (inode, size, mtime_ns); None: read the file


_TUPLES = ("stress_levels", "discuss", "areas_down")
_FIELDS = tuple(f.name for f in fields(ClientEntry))
_OPTIONAL_TEXT = ("latest_at", "latest_bridge_date", "previous_bridge_date")


def _text(value: Any, name: str) -> str:
    if not isinstance(value, str):
        raise ValueError(f"{name} is not text")
    return value


def _count(value: Any, name: str) -> int:
    if isinstance(value, bool) or not isinstance(value, int) or value < 0:
        raise ValueError(f"{name} is not a count")
    return value


def row_to_record(row: IndexRow) -> Record:
    # Every field is text, a number, a yes/no, None or a tuple of those (made lists here):
    # a shallow copy is all asdict's deep one would give.
    entry = row.entry
    record: Record = {"schema": SCHEMA}
    for name in _FIELDS:
        record[name] = getattr(entry, name)
    for name in _TUPLES:
        record[name] = list(record[name])
    record["id"] = row.entry.client_id
    record["signer"] = base64.b64encode(row.signer).decode("ascii")
    record["stamp"] = list(row.stamp) if row.stamp is not None else None
    return record


def row_from_record(record: Record) -> IndexRow:
    """The row of a stored record (raises ValueError/KeyError/TypeError when broken)."""
    record = migrate(record, {}, SCHEMA, "caseload entry")
    for name in _OPTIONAL_TEXT:
        if record[name] is not None:
            _text(record[name], name)
    levels = tuple(_count(v, "stress_levels") for v in record["stress_levels"])
    discuss = tuple(_text(v, "discuss") for v in record["discuss"])
    down = tuple(_text(v, "areas_down") for v in record["areas_down"])
    damaged = record["damaged"]
    if not isinstance(damaged, bool):
        raise ValueError("damaged is not a yes/no")
    signer = _key(record["signer"], "signer")
    stamp = record["stamp"]
    found: tuple[int, int, int] | None = None
    if stamp is not None:
        inode, size, moment = stamp
        found = (_count(inode, "stamp"), _count(size, "stamp"), _count(moment, "stamp"))
    entry = ClientEntry(
        client_id=_text(record["client_id"], "client_id"),
        label=_text(record["label"], "label"),
        signer_fingerprint=_text(record["signer_fingerprint"], "signer_fingerprint"),
        latest_at=record["latest_at"],
        latest_bridge_date=record["latest_bridge_date"],
        previous_bridge_date=record["previous_bridge_date"],
        stress_levels=levels,
        discuss=discuss,
        areas_down=down,
        active_goals=_count(record["active_goals"], "active_goals"),
        summaries=_count(record["summaries"], "summaries"),
        envelope_version=_count(record["envelope_version"], "envelope_version"),
        damaged=damaged,
    )
    return IndexRow(entry, signer, found)


def row_from_checked(record: Record) -> IndexRow:
    """The row of a record that already passed :func:`row_from_record` when the data opened.

    The caseload reads 500 of these at once; the checks ran at open (the registry
    of record kinds), so this only builds the values.
    """
    stamp = record["stamp"]
    entry = ClientEntry(
        client_id=record["client_id"],
        label=record["label"],
        signer_fingerprint=record["signer_fingerprint"],
        latest_at=record["latest_at"],
        latest_bridge_date=record["latest_bridge_date"],
        previous_bridge_date=record["previous_bridge_date"],
        stress_levels=tuple(record["stress_levels"]),
        discuss=tuple(record["discuss"]),
        areas_down=tuple(record["areas_down"]),
        active_goals=record["active_goals"],
        summaries=record["summaries"],
        envelope_version=record["envelope_version"],
        damaged=record["damaged"],
    )
    return IndexRow(
        entry,
        base64.b64decode(record["signer"]),
        (stamp[0], stamp[1], stamp[2]) if stamp is not None else None,
    )


def files_key_to_record(key: bytes) -> Record:
    return {"schema": SCHEMA, "key": base64.b64encode(key).decode("ascii")}


def _key(value: Any, name: str) -> bytes:
    try:
        key = base64.b64decode(_text(value, name).encode("ascii"), validate=True)
    except (binascii.Error, UnicodeEncodeError) as exc:
        raise ValueError(f"the {name} is not readable") from exc
    if len(key) != KEY_SIZE:
        raise ValueError(f"the {name} is not 32 bytes")
    return key


def files_key_from_record(record: Record) -> bytes:
    record = migrate(record, {}, SCHEMA, "coach files key")
    return _key(record["key"], "files key")


def weeks_to_record(weeks: int) -> Record:
    return {"schema": SCHEMA, "weeks_without_update": weeks}


def weeks_from_record(record: Record) -> int:
    record = migrate(record, {}, SCHEMA, "coach settings")
    weeks = _count(record["weeks_without_update"], "weeks_without_update")
    if not 1 <= weeks <= 520:
        raise ValueError("weeks without update out of range")
    return weeks


def months_to_record(months: int) -> Record:
    return {"schema": SCHEMA, "months_apart": months}


def months_from_record(record: Record) -> int:
    record = migrate(record, {}, SCHEMA, "coach figures settings")
    months = _count(record["months_apart"], "months_apart")
    if months not in MONTHS_RANGE:
        raise ValueError("months apart out of range")
    return months


def check_meta(record: Record) -> object:
    """The check of a ``coach_meta`` record (for the registry of record kinds)."""
    if record.get("id") == FILES_KEY_ID:
        return files_key_from_record(record)
    if record.get("id") == SETTINGS_ID:
        return weeks_from_record(record)
    if record.get("id") == FIGURES_ID:
        return months_from_record(record)
    return migrate(record, {}, SCHEMA, "coach record")
