"""The data folder on a shared or hostile machine: one writer, private files, no old copies.

Issue 9, security and reliability: the lock survives deleting `bridge.lock` and also
guards "start fresh" and "restore the last good copy" (a real second process); stale
temp files go at open; after a passcode change no file opens with the old passcode;
files are 0600 and the folder 0700; a passcode that cannot be stored gets a clear
error; a flipped version byte does not hide the last good copy.
"""

from __future__ import annotations

import os
import stat
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from bridge.crypto import at_rest
from bridge.locations import LOCK_FILE, database_path, last_good_path, temp_path
from bridge.storage.encrypted import unlock
from bridge.storage.errors import (
    DamagedDataError,
    DataInUseError,
    UnreadablePasscodeError,
    WeakPasscodeError,
)
from bridge.storage.holder import DataHolder
from bridge.storage.passcode_policy import check_passcode
from bridge.storage.repository import open_repository

from .helpers import FAST, OTHER_PASSCODE, PASSCODE, SECRET_NOTE, sample

ROOT = Path(__file__).resolve().parents[2]
POSIX = pytest.mark.skipif(os.name != "posix", reason="file modes are POSIX")


class Other:
    """A second app process with the data open (tests/storage/lock_holder.py)."""

    def __init__(self, folder: Path) -> None:
        self.proc = subprocess.Popen(
            [sys.executable, "-m", "tests.storage.lock_holder", str(folder), PASSCODE],
            cwd=ROOT,
            env={**os.environ, "PYTHONPATH": str(ROOT)},
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            text=True,
        )
        assert self._line() == "open"

    def _line(self) -> str:
        assert self.proc.stdout is not None
        line = self.proc.stdout.readline().strip()
        assert line, f"the other process stopped ({self.proc.poll()})"
        return line

    def save(self, record_id: str) -> None:
        assert self.proc.stdin is not None
        self.proc.stdin.write(f"save {record_id}\n")
        self.proc.stdin.flush()
        assert self._line() == f"ack {record_id}"  # acknowledged

    def stop(self) -> None:
        assert self.proc.stdin is not None
        self.proc.stdin.close()
        assert self.proc.wait(timeout=60) == 0


@pytest.fixture
def other(holder: DataHolder, tmp_path: Path) -> Iterator[Other]:
    holder.set_up(PASSCODE).save_assessment(sample())
    holder.close()
    proc = Other(tmp_path)
    yield proc
    if proc.proc.poll() is None:
        proc.proc.kill()
        proc.proc.wait(timeout=60)


def test_deleting_the_lock_file_does_not_let_a_second_process_in(
    holder: DataHolder, other: Other, tmp_path: Path
) -> None:
    (tmp_path / LOCK_FILE).unlink()
    with pytest.raises(DataInUseError):
        holder.open()
    with pytest.raises(DataInUseError):
        open_repository(tmp_path, unlock(tmp_path, PASSCODE))
    other.save("after-the-delete")
    other.stop()
    repo = holder.open()  # now free: the acknowledged write is there
    assert repo.get_record("notes", "after-the-delete") is not None


def test_start_fresh_and_restore_wait_for_the_other_process(
    holder: DataHolder, other: Other, tmp_path: Path
) -> None:
    before = sorted(p.name for p in tmp_path.iterdir())
    healthy = database_path(tmp_path).read_bytes()
    with pytest.raises(DataInUseError):
        holder.start_fresh()
    with pytest.raises(DataInUseError):
        holder.restore_last_good()
    # The healthy file was neither set aside as damaged nor replaced.
    assert sorted(p.name for p in tmp_path.iterdir()) == before
    assert database_path(tmp_path).read_bytes() == healthy
    other.save("still-one-writer")
    other.stop()
    assert holder.open().get_record("notes", "still-one-writer") is not None


def _opens_with(path: Path, passcode: str) -> bool:
    """True when any part of `path` opens with `passcode` (tries every header it could use)."""
    raw = path.read_bytes()
    try:
        header = at_rest.read_header(raw)
        key = at_rest.derive_key(passcode, header.salt, header.params)
        at_rest.open_(key, raw)
    except (ValueError, at_rest.AtRestError):
        return False
    return True


def test_after_a_passcode_change_nothing_on_disk_opens_with_the_old_one(
    holder: DataHolder, tmp_path: Path
) -> None:
    repo = holder.set_up(PASSCODE)
    repo.save_assessment(sample())
    holder.lock()
    db = database_path(tmp_path)
    # A save killed mid-write left a full copy under a temp name ...
    stale = temp_path(db, 999_999)
    stale.write_bytes(db.read_bytes())
    # ... and a file that opened but held a broken record was set aside as damaged.
    damaged = db.with_name(db.name + ".damaged-20260301-100000")
    damaged.write_bytes(db.read_bytes())
    assert _opens_with(stale, PASSCODE) and _opens_with(damaged, PASSCODE)

    holder.unlock(PASSCODE)
    assert not stale.exists()  # removed at open, under the lock
    holder.change_passcode(PASSCODE, OTHER_PASSCODE)
    holder.close()

    files = [p for p in tmp_path.iterdir() if p.is_file()]
    assert {db, last_good_path(db), damaged} <= set(files)
    assert [p.name for p in files if _opens_with(p, PASSCODE)] == []
    assert _opens_with(db, OTHER_PASSCODE) and _opens_with(damaged, OTHER_PASSCODE)


@POSIX
def test_files_are_private_and_an_old_open_folder_is_tightened(
    holder: DataHolder, tmp_path: Path
) -> None:
    holder.set_up(PASSCODE).save_assessment(sample())
    holder.close()
    os.chmod(tmp_path, 0o755)
    for path in tmp_path.iterdir():
        os.chmod(path, 0o644)  # as an earlier version left them
    holder.unlock(PASSCODE).set_setting("language", "nl")
    holder.close()
    assert stat.S_IMODE(tmp_path.stat().st_mode) == 0o700
    modes = {p.name: stat.S_IMODE(p.stat().st_mode) for p in tmp_path.iterdir()}
    assert modes and set(modes.values()) == {0o600}, modes


@POSIX
def test_new_files_are_private_from_the_start(tmp_path: Path) -> None:
    folder = tmp_path / "new"
    holder = DataHolder(folder, params=FAST)
    holder.set_up(PASSCODE).save_assessment(sample(note=SECRET_NOTE))
    holder.close()
    assert stat.S_IMODE(folder.stat().st_mode) == 0o700
    assert {stat.S_IMODE(p.stat().st_mode) for p in folder.iterdir()} == {0o600}


SURROGATE = "12345\ud800x"


def test_a_passcode_that_cannot_be_stored_gets_a_clear_error(
    holder: DataHolder, tmp_path: Path
) -> None:
    assert check_passcode(SURROGATE) == "unreadable"
    with pytest.raises(UnreadablePasscodeError) as err:
        holder.set_up(SURROGATE)
    assert isinstance(err.value, WeakPasscodeError) and err.value.code == "unreadable"
    assert not holder.is_set_up()
    holder.set_up(PASSCODE)
    with pytest.raises(UnreadablePasscodeError):
        holder.change_passcode(PASSCODE, SURROGATE)
    holder.lock()
    assert holder.unlock(PASSCODE) is not None  # the passcode did not change


def test_a_flipped_version_byte_still_offers_the_last_good_copy(
    holder: DataHolder, tmp_path: Path
) -> None:
    holder.set_up(PASSCODE).save_assessment(sample())
    holder.lock()
    holder.unlock(PASSCODE)
    expected = holder.open().data()
    holder.lock()
    db = database_path(tmp_path)
    data = bytearray(db.read_bytes())
    data[8] ^= 0x80  # the format version: now it claims a newer app wrote it
    db.write_bytes(bytes(data))

    with pytest.raises(DamagedDataError):
        holder.unlock(PASSCODE)
    assert holder.has_last_good()
    moved = holder.restore_last_good()
    assert moved.read_bytes() == bytes(data)  # kept as it was
    assert holder.open().data() == expected
