"""The repository writes only changed records' text, yet the file is always what the codec
would write for the whole data: after every kind of change, after a failed write, after reopening."""

from __future__ import annotations

import os
from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path

import pytest

from bridge.domain.assessment import Assessment
from bridge.storage import StorageError
from bridge.storage.atomic_file import JsonCodec
from bridge.storage.repository import Repository, open_repository

T0 = datetime(2026, 1, 5, 9, 0, tzinfo=UTC)


def bridge(step: int) -> Assessment:
    return Assessment.start(("housing", "health"), T0).with_step("housing", step)


def on_disk_is_the_whole_data(folder: Path, repo: Repository) -> None:
    assert (folder / "bridge.db").read_bytes() == JsonCodec().encode(repo.data())


CHANGES: list[tuple[str, Callable[[Repository], None]]] = [
    ("a bridge", lambda r: r.save_assessment(bridge(1))),
    ("a setting", lambda r: r.set_setting("naam", 'Zoë "de" \\ tester\n✓ \u2028')),
    ("a record", lambda r: r.put_record("journal", "é", {"schema": 1, "n": [1, 2.5, None]})),
    ("another table", lambda r: r.put_record("goals", "g1", {"schema": 1, "t": "x"})),
    ("the same record again", lambda r: r.put_record("journal", "é", {"schema": 1, "n": 2})),
    ("a batch", lambda r: r.put_records("journal", {"a": {"schema": 1}, "é": None})),
    ("the last record of a table", lambda r: r.remove_record("goals", "g1")),
    ("the bridge changed", lambda r: r.save_assessment(bridge(4))),
    ("a setting changed", lambda r: r.set_setting("naam", "Anna")),
]


def test_after_every_change_the_file_is_what_the_codec_writes(tmp_path: Path) -> None:
    repo = open_repository(tmp_path)
    for what, change in CHANGES:
        change(repo)
        try:
            on_disk_is_the_whole_data(tmp_path, repo)
        except AssertionError:
            pytest.fail(f"after {what}")
    data = repo.data()
    repo.close()
    again = open_repository(tmp_path)
    assert again.data() == data
    again.put_record("journal", "b", {"schema": 1})  # the first save after opening
    on_disk_is_the_whole_data(tmp_path, again)
    again.close()


def test_a_failed_write_leaves_no_stale_text_behind(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    repo = open_repository(tmp_path)
    repo.put_record("journal", "j", {"schema": 1, "n": 1})
    repo.put_record("goals", "g", {"schema": 1, "n": 1})
    real_fsync = os.fsync

    def broken_fsync(fd: int) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "fsync", broken_fsync)
    with pytest.raises(StorageError):
        repo.put_record("journal", "j", {"schema": 1, "n": 2})
    monkeypatch.setattr(os, "fsync", real_fsync)

    assert repo.get_record("journal", "j") == {"schema": 1, "n": 1, "id": "j"}
    repo.put_record("goals", "g", {"schema": 1, "n": 3})  # the journal table is written again
    on_disk_is_the_whole_data(tmp_path, repo)
    assert repo.data()["journal"]["1"]["n"] == 1
    repo.close()
