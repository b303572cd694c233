"""Storage: round trips, reopening, failed writes, damaged files, one writer, migrations."""

import json
import os
from datetime import UTC, datetime, timedelta

import pytest

from bridge.domain.assessment import Assessment, Helper
from bridge.locations import DATA_DIR_ENV, FLET_DATA_ENV, data_dir
from bridge.storage import DamagedDataError, DataInUseError, NewerDataError, StorageError
from bridge.storage.atomic_file import JsonCodec
from bridge.storage.holder import DataHolder
from bridge.storage.records import SCHEMA, assessment_from_record, migrate
from bridge.storage.repository import has_last_good, open_repository, restore_last_good, start_fresh

AREAS = ("housing", "family", "health", "network", "debts", "savings", "education", "work")
T0 = datetime(2026, 3, 1, 10, 0, tzinfo=UTC)


def sample() -> Assessment:
    a = Assessment.start(AREAS, T0).with_stress(7)
    for n, area in enumerate(AREAS):
        a = a.with_step(area, n % 5 + 1)
    a = a.with_priority("debts", True).with_discuss("housing", True)
    return a.with_helper("work", Helper.NETWORK).with_note("health", "Rugpijn, dokter maandag")


@pytest.fixture
def repo(tmp_path):
    r = open_repository(tmp_path)
    yield r
    r.close()


def test_round_trip_keeps_every_answer(tmp_path):
    repo = open_repository(tmp_path)
    original = sample()
    repo.save_assessment(original)
    repo.set_setting("language", "en")
    repo.close()

    again = open_repository(tmp_path)
    assert again.assessment(original.id) == original
    assert again.draft() == original
    assert again.setting("language") == "en"
    again.close()


def test_drafts_and_snapshots(repo):
    first = sample().complete(T0 + timedelta(minutes=5))
    repo.save_assessment(first)
    second = Assessment.start(AREAS, T0 + timedelta(days=30)).with_step("housing", 4)
    repo.save_assessment(second)
    assert repo.snapshots() == [first]
    assert repo.draft() == second
    assert repo.latest() == first
    done = second
    for area in AREAS[1:]:
        done = done.with_step(area, 3)
    done = done.complete(T0 + timedelta(days=30, minutes=8))
    repo.save_assessment(done)
    assert repo.draft() is None
    assert [s.id for s in repo.snapshots()] == [first.id, done.id]
    assert repo.previous(done) == first
    assert repo.previous(first) is None


def test_every_record_carries_its_schema_version(tmp_path):
    repo = open_repository(tmp_path)
    repo.save_assessment(sample())
    repo.set_setting("welcomed", True)
    repo.close()
    data = json.loads((tmp_path / "bridge.db").read_text(encoding="utf-8"))
    records = [r for table in data.values() for r in table.values()]
    assert records and all(r["schema"] == SCHEMA for r in records)


def test_a_write_that_fails_halfway_leaves_the_previous_state(tmp_path, monkeypatch):
    repo = open_repository(tmp_path)
    kept = sample()
    repo.save_assessment(kept)
    before = (tmp_path / "bridge.db").read_bytes()

    real_fsync = os.fsync

    def broken_fsync(fd):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "fsync", broken_fsync)
    with pytest.raises(StorageError):
        repo.save_assessment(kept.with_step("housing", 5))
    monkeypatch.setattr(os, "fsync", real_fsync)

    assert (tmp_path / "bridge.db").read_bytes() == before
    assert not [p for p in tmp_path.iterdir() if p.name.endswith(".tmp")]
    assert repo.assessment(kept.id) == kept  # memory did not move ahead of the disk either
    repo.close()
    again = open_repository(tmp_path)
    assert again.assessment(kept.id) == kept
    again.close()


def test_a_damaged_file_is_never_overwritten(tmp_path):
    (tmp_path / "bridge.db").write_bytes(b'{"assessments": {"1": {"id": "x", ')
    with pytest.raises(DamagedDataError) as err:
        open_repository(tmp_path)
    assert err.value.path == tmp_path / "bridge.db"
    assert (tmp_path / "bridge.db").read_bytes() == b'{"assessments": {"1": {"id": "x", '
    # The lock was released, so recovery can proceed in the same process.
    moved = start_fresh(tmp_path)
    assert moved is not None and moved.read_bytes().startswith(b'{"assessments"')
    fresh = open_repository(tmp_path)
    assert fresh.snapshots() == [] and fresh.draft() is None
    fresh.close()


def test_the_last_good_copy_can_be_put_back(tmp_path):
    repo = open_repository(tmp_path)
    kept = sample()
    repo.save_assessment(kept)
    repo.close()
    open_repository(tmp_path).close()  # opening keeps a last good copy
    (tmp_path / "bridge.db").write_bytes(b"\x00\x01garbage")
    assert has_last_good(tmp_path)
    moved = restore_last_good(tmp_path)
    assert moved.read_bytes() == b"\x00\x01garbage"
    repo = open_repository(tmp_path)
    assert repo.assessment(kept.id) == kept
    repo.close()


def test_only_one_writer_per_folder(tmp_path):
    first = open_repository(tmp_path)
    with pytest.raises(DataInUseError):
        open_repository(tmp_path)
    first.close()
    open_repository(tmp_path).close()


def test_records_from_a_newer_app_are_refused_and_left_alone(tmp_path):
    record = {"schema": SCHEMA + 1, "id": "a"}
    (tmp_path / "bridge.db").write_text(json.dumps({"assessments": {"1": record}}))
    with pytest.raises(NewerDataError):
        open_repository(tmp_path)
    assert json.loads((tmp_path / "bridge.db").read_text())["assessments"]["1"] == record


def test_old_records_are_migrated():
    old = {"id": "a", "started_at": T0.isoformat(), "area_ids": list(AREAS), "answers": {}}
    migrated = migrate(old)
    assert migrated["schema"] == SCHEMA and migrated["position"] == "stress"
    assert assessment_from_record(old).position == "stress"
    custom = migrate({"id": "b"}, {0: lambda r: {**r, "added": True}})
    assert custom == {"id": "b", "added": True, "schema": SCHEMA}


def test_threads_writing_at_once_lose_nothing(tmp_path):
    import threading

    repo = open_repository(tmp_path)

    def writer(n: int) -> None:
        for i in range(40):
            repo.save_assessment(Assessment.start(AREAS, T0).with_step("housing", (n + i) % 5 + 1))

    threads = [threading.Thread(target=writer, args=(n,)) for n in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    repo.close()
    data = json.loads((tmp_path / "bridge.db").read_text(encoding="utf-8"))
    assert len(data["assessments"]) == 160


def test_holder_opens_once_and_recovers(tmp_path):
    holder = DataHolder(tmp_path)
    assert holder.open() is holder.open()
    holder.close()
    (tmp_path / "bridge.db").write_text("not json")
    with pytest.raises(DamagedDataError):
        holder.open()
    assert holder.start_fresh() is not None
    assert holder.open().snapshots() == []
    holder.close()


def test_data_folder_order(tmp_path):
    assert data_dir({DATA_DIR_ENV: str(tmp_path), FLET_DATA_ENV: "/x"}) == tmp_path
    assert data_dir({FLET_DATA_ENV: "/phone/data", "HOME": "/home/a"}) == __import__(
        "pathlib"
    ).Path("/phone/data")
    assert data_dir({"HOME": "/home/a"}).name == "bridge"


def test_records_of_other_kinds_round_trip_and_need_a_schema(tmp_path):
    repo = open_repository(tmp_path)
    repo.put_record("journal", "g1", {"schema": 1, "title": "Bellen"})
    repo.put_record("journal", "g2", {"schema": 1, "title": "Sparen"})
    repo.put_record("journal", "g1", {"schema": 1, "title": "Bellen met de woningcorporatie"})
    with pytest.raises(ValueError):
        repo.put_record("journal", "g3", {"title": "no schema"})
    repo.remove_record("journal", "g2")
    repo.close()
    again = open_repository(tmp_path)
    assert again.records("journal") == [
        {"schema": 1, "title": "Bellen met de woningcorporatie", "id": "g1"}
    ]
    assert again.get_record("journal", "g1")["title"].startswith("Bellen")
    assert again.get_record("journal", "nope") is None
    again.close()


def test_reads_hand_out_copies_and_a_closed_repository_refuses(tmp_path):
    repo = open_repository(tmp_path)
    repo.set_setting("language", "nl")
    repo.put_record("journal", "j1", {"schema": 1, "lines": ["een"]})
    repo.settings()["language"] = "en"
    repo.get_record("journal", "j1")["lines"].append("twee")
    repo.records("journal")[0]["lines"].append("drie")
    repo.data()["journal"].clear()
    assert repo.setting("language") == "nl"
    assert repo.get_record("journal", "j1") == {"schema": 1, "lines": ["een"], "id": "j1"}
    repo.close()
    with pytest.raises(StorageError):  # memory was dropped with the lock: no stale reads
        repo.settings()
    with pytest.raises(StorageError):
        repo.save_assessment(sample())


def test_a_record_that_is_not_json_is_refused_and_nothing_changes(tmp_path):
    repo = open_repository(tmp_path)
    repo.put_record("journal", "j1", {"schema": 1, "n": 1})
    before = (tmp_path / "bridge.db").read_bytes()
    with pytest.raises(ValueError):
        repo.put_record("journal", "j1", {"schema": 1, "n": {1, 2}})
    assert (tmp_path / "bridge.db").read_bytes() == before
    assert repo.get_record("journal", "j1")["n"] == 1
    repo.close()


def test_the_file_keeps_tinydbs_layout(tmp_path):
    repo = open_repository(tmp_path)
    repo.put_record("journal", "a", {"schema": 1})
    repo.put_record("journal", "b", {"schema": 1})
    repo.remove_record("journal", "a")
    repo.put_record("journal", "c", {"schema": 1})
    repo.close()
    stored = json.loads((tmp_path / "bridge.db").read_text(encoding="utf-8"))
    assert stored["journal"] == {"2": {"schema": 1, "id": "b"}, "3": {"schema": 1, "id": "c"}}


def test_a_save_writes_exactly_what_the_codec_would_write(tmp_path):
    repo = open_repository(tmp_path)
    repo.save_assessment(sample())
    repo.set_setting("naam", 'Zoë "de" \\ tester\n✓ \u2028')
    repo.put_record("journal", "é", {"schema": 1, "lijst": [1, 2.5, None, True, {"a": "b"}]})
    repo.put_record("journal", "x", {"schema": 1})
    repo.remove_record("journal", "é")
    repo.save_assessment(sample().with_step("housing", 1))
    assert (tmp_path / "bridge.db").read_bytes() == JsonCodec().encode(repo.data())
    repo.close()
