"""One registry of record kinds: opening the data and restoring a backup refuse the same records."""

from __future__ import annotations

import json
from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest

from bridge.coach.identity import CoachIdentity
from bridge.coach.identity import identity_to_record as coach_key_record
from bridge.coach.records import IndexRow, files_key_to_record, row_to_record, weeks_to_record
from bridge.coach.types import ClientEntry
from bridge.crypto import X25519Identity
from bridge.domain.goals import Goal
from bridge.locations import database_path
from bridge.sharing.coaches import Coach, coach_to_record
from bridge.sharing.plan import AgreedStep, Plan
from bridge.sharing.plans import ReceivedPlan, plan_to_record
from bridge.sharing.signing_key import ClientIdentity, age_to_record, identity_to_record
from bridge.storage.backup import BACKUP_FORMAT, BackupContents, parse_backup_json, restore_backup
from bridge.storage.errors import BackupError, DamagedDataError, NewerDataError, StorageError
from bridge.storage.goals_store import goal_to_record
from bridge.storage.holder import DataHolder
from bridge.storage.record_kinds import KINDS, RecordError, check_tables
from bridge.storage.records import assessment_to_record
from bridge.storage.repository import open_repository

from .helpers import FAST, PASSCODE, sample

NOW = datetime(2026, 3, 2, 9, 30, tzinfo=UTC)
Record = dict[str, Any]


def good_tables() -> dict[str, dict[str, Record]]:
    coach = Coach(
        id="c1",
        name="Sam",
        recipient=X25519Identity.generate().recipient,
        paired_at=NOW,
        signing_key=CoachIdentity.generate().signing_public_key,
    )
    return {
        "settings": {"1": {"id": "settings", "schema": 1, "language": "nl"}},
        "assessments": {"1": assessment_to_record(sample())},
        "goals": {"1": goal_to_record(Goal.start("housing", NOW))},
        "coaches": {"1": {**coach_to_record(coach), "id": "c1"}},
        "keys": {
            "1": {**identity_to_record(ClientIdentity.generate()), "id": "client_signing"},
            "2": {**age_to_record(X25519Identity.generate()), "id": "client_age"},
        },
        "plans": {"1": {**plan_to_record(received_plan()), "id": "p1"}},
        "coach_identity": {"1": {**coach_key_record(CoachIdentity.generate()), "id": "coach"}},
        "coach_clients": {"1": coach_index_record()},
        "coach_meta": {
            "1": {**files_key_to_record(bytes(32)), "id": "files_key"},
            "2": {**weeks_to_record(4), "id": "settings"},
        },
    }


def received_plan() -> ReceivedPlan:
    plan = Plan("0123456789abcdef", NOW.date(), (AgreedStep("Bellen", "housing"),))
    return ReceivedPlan("p1", plan, "c1", "Sam", NOW, "# Wat we afspraken\n", frozenset({0}))


def coach_index_record() -> Record:
    entry = ClientEntry(
        "0123456789abcdef", "A", "0001 0002 0003 0004", None, None, None, (), (), (), 0, 1, 2
    )
    return row_to_record(IndexRow(entry, bytes(range(32))))


def _goal_from_the_future(tables: dict[str, dict[str, Record]]) -> None:
    tables["goals"]["1"]["schema"] = 99


def _broken_coach(tables: dict[str, dict[str, Record]]) -> None:
    tables["coaches"]["1"]["recipient"] = "age1 not a key"


def _unknown_key_kind(tables: dict[str, dict[str, Record]]) -> None:
    tables["keys"]["1"]["algorithm"] = "rsa-512"


def _goal_without_area(tables: dict[str, dict[str, Record]]) -> None:
    del tables["goals"]["1"]["area_id"]


def _broken_age_key(tables: dict[str, dict[str, Record]]) -> None:
    tables["keys"]["2"]["recipient"] = "age1 not a key"


def _plan_with_a_long_step(tables: dict[str, dict[str, Record]]) -> None:
    tables["plans"]["1"]["plan"]["steps"][0]["text"] = "x" * 201


def _plan_from_the_future(tables: dict[str, dict[str, Record]]) -> None:
    tables["plans"]["1"]["schema"] = 2


# (how the tables are spoilt, what opening raises, the backup error code)
BAD: list[tuple[Callable[[dict[str, dict[str, Record]]], None], type[StorageError], str]] = [
    (_goal_from_the_future, NewerDataError, "newer_version"),
    (_broken_coach, DamagedDataError, "damaged"),
    (_unknown_key_kind, DamagedDataError, "damaged"),
    (_goal_without_area, DamagedDataError, "damaged"),
    (_broken_age_key, DamagedDataError, "damaged"),
    (_plan_with_a_long_step, DamagedDataError, "damaged"),
    (_plan_from_the_future, NewerDataError, "newer_version"),
]
IDS = [
    "goal_schema_99",
    "broken_coach",
    "unknown_key_kind",
    "goal_without_area",
    "broken_age_key",
    "plan_long_step",
    "plan_schema_2",
]


def test_every_kind_the_app_stores_is_registered_and_good_records_pass() -> None:
    tables = good_tables()
    assert set(KINDS) == set(tables)
    assert all(kind.table == name for name, kind in KINDS.items())
    check_tables(tables)
    check_tables({**tables, "some_future_table": {"1": {"schema": 7}}})  # unknown: kept as is


@pytest.mark.parametrize(("spoil", "_error", "_code"), BAD, ids=IDS)
def test_the_registry_refuses_bad_records(
    spoil: Callable[[dict[str, dict[str, Record]]], None], _error: type, _code: str
) -> None:
    tables = good_tables()
    spoil(tables)
    with pytest.raises((NewerDataError, RecordError)):
        check_tables(tables)


@pytest.mark.parametrize(("spoil", "error", "_code"), BAD, ids=IDS)
def test_opening_refuses_a_bad_record_and_leaves_the_file(
    tmp_path: Path,
    spoil: Callable[[dict[str, dict[str, Record]]], None],
    error: type[StorageError],
    _code: str,
) -> None:
    tables = good_tables()
    spoil(tables)
    path = database_path(tmp_path)
    path.write_text(json.dumps(tables), encoding="utf-8")
    before = path.read_bytes()
    with pytest.raises(error):
        open_repository(tmp_path)
    assert path.read_bytes() == before
    assert not path.with_name(path.name + ".last-good").exists()  # not kept as "good"
    path.write_text(json.dumps(good_tables()), encoding="utf-8")
    open_repository(tmp_path).close()  # the lock was released


def _document(tables: dict[str, dict[str, Record]]) -> bytes:
    document = {
        "format": BACKUP_FORMAT,
        "version": 1,
        "created_at": NOW.isoformat(),
        "tables": tables,
    }
    return json.dumps(document).encode()


@pytest.mark.parametrize(("spoil", "_error", "code"), BAD, ids=IDS)
def test_restore_refuses_a_bad_record_and_stores_nothing(
    tmp_path: Path,
    spoil: Callable[[dict[str, dict[str, Record]]], None],
    _error: type,
    code: str,
) -> None:
    assert parse_backup_json(_document(good_tables())).count("goals") == 1
    tables = good_tables()
    spoil(tables)
    with pytest.raises(BackupError) as refused:
        parse_backup_json(_document(tables))
    assert refused.value.code == code

    target = DataHolder(tmp_path / "target", params=FAST)
    target.set_up(PASSCODE).set_setting("language", "en")
    before = {p.name: p.read_bytes() for p in target.folder.iterdir() if p.is_file()}
    forged = BackupContents(created_at=NOW, version=1, tables=tables)  # built by hand
    with pytest.raises(BackupError) as again:
        restore_backup(target, forged)
    assert again.value.code == code
    assert {p.name: p.read_bytes() for p in target.folder.iterdir() if p.is_file()} == before
    assert target.open().setting("language") == "en"
    target.close()
