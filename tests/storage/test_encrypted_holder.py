"""The holder's lock states, recovering from a damaged encrypted file, deleting everything."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from bridge.crypto import at_rest
from bridge.locations import ATTEMPTS_FILE
from bridge.storage.encrypted import is_set_up, unlock
from bridge.storage.encrypted_codec import EncryptedCodec
from bridge.storage.errors import (
    DamagedDataError,
    DataInUseError,
    LockedError,
    NotSetUpError,
    WrongPasscodeError,
)
from bridge.storage.folder_lock import FolderLock
from bridge.storage.holder import DataHolder
from bridge.storage.repository import start_fresh

from .helpers import (
    FAST,
    PASSCODE,
    files_containing,
    fill,
)

DB = "bridge.db"
LAST_GOOD = "bridge.db.last-good"


# -- the holder: lock states, throttle, damage -----------------------------------------


def test_holder_states(holder: DataHolder, tmp_path: Path) -> None:
    assert (holder.is_set_up(), holder.is_unlocked(), holder.needs_passcode()) == (
        False,
        False,
        False,
    )
    with pytest.raises(NotSetUpError):
        holder.unlock(PASSCODE)
    holder.set_up(PASSCODE)
    assert (holder.is_set_up(), holder.is_unlocked(), holder.needs_passcode()) == (
        True,
        True,
        False,
    )
    holder.lock()
    assert holder.needs_passcode() and not holder.is_unlocked()
    with pytest.raises(LockedError) as err:
        holder.open()
    assert err.value.code == "locked"
    # A second holder (the app restarted) sees the same.
    again = DataHolder(tmp_path, params=FAST)
    assert again.needs_passcode()
    with pytest.raises(LockedError):
        again.open()
    assert holder.unlock(PASSCODE) is holder.open()


def test_lock_forgets_the_key(holder: DataHolder) -> None:
    stale = holder.set_up(PASSCODE)  # a screen may still hold this after lock()
    stale.set_setting("language", "nl")
    holder.lock()
    assert holder._unlocked is None and holder._repo is None
    with pytest.raises(LockedError):
        stale.settings()  # the closed repository's codec forgot the key: no reads…
    with pytest.raises(LockedError):
        stale.set_setting("language", "en")  # …and no writes
    codec = unlock(holder.folder, PASSCODE)
    assert isinstance(codec, EncryptedCodec)
    assert codec._key.hex() not in repr(codec) and str(codec._key) not in repr(codec)


def test_damaged_body_after_unlock_offers_the_last_good_copy(
    holder: DataHolder, tmp_path: Path
) -> None:
    repo = holder.set_up(PASSCODE)
    fill(repo)
    holder.lock()
    holder.unlock(PASSCODE)
    expected = holder.open().data()
    holder.lock()
    path = tmp_path / DB
    data = bytearray(path.read_bytes())
    data[-5] ^= 0xFF
    path.write_bytes(bytes(data))

    with pytest.raises(DamagedDataError):
        holder.unlock(PASSCODE)
    assert path.read_bytes() == bytes(data)
    assert holder.is_unlocked() and holder.has_last_good()
    moved = holder.restore_last_good()
    assert moved.read_bytes() == bytes(data)  # the damaged file is kept, as it was
    assert holder.open().data() == expected


def test_damaged_header_salt_is_reported_as_damage_when_the_copy_opens(
    holder: DataHolder, tmp_path: Path
) -> None:
    holder.set_up(PASSCODE)
    holder.lock()
    path = tmp_path / DB
    data = bytearray(path.read_bytes())
    data[20] ^= 0x01  # in the salt
    path.write_bytes(bytes(data))
    with pytest.raises(DamagedDataError):
        holder.unlock(PASSCODE)
    assert holder.seconds_to_wait() == 0
    holder.restore_last_good()
    holder.open()


def test_first_bytes_damaged_still_known_as_encrypted(holder: DataHolder, tmp_path: Path) -> None:
    holder.set_up(PASSCODE)
    holder.lock()
    path = tmp_path / DB
    path.write_bytes(b"\x00" * 8 + path.read_bytes()[8:])
    assert is_set_up(tmp_path)  # the last good copy says so
    with pytest.raises(DamagedDataError):
        holder.unlock(PASSCODE)
    holder.restore_last_good()
    holder.open()


def test_start_fresh_while_encrypted_keeps_it_encrypted(holder: DataHolder, tmp_path: Path) -> None:
    repo = holder.set_up(PASSCODE)
    fill(repo)
    holder.lock()
    (tmp_path / LAST_GOOD).unlink()
    (tmp_path / DB).write_bytes((tmp_path / DB).read_bytes()[:-3])
    with pytest.raises(DamagedDataError):
        holder.unlock(PASSCODE)
    assert not holder.has_last_good()
    moved = holder.start_fresh()
    assert moved is not None and moved.read_bytes().startswith(at_rest.MAGIC)
    assert holder.open().data() == {}
    # The new, empty file is written at once, encrypted, so the folder stays set up.
    assert (tmp_path / DB).read_bytes().startswith(at_rest.MAGIC)
    holder.lock()
    assert holder.needs_passcode()
    assert holder.unlock(PASSCODE).data() == {}
    assert files_containing(tmp_path) == {}


def test_plain_folders_still_work_as_before(tmp_path: Path) -> None:
    holder = DataHolder(tmp_path)
    repo = holder.open()
    repo.set_setting("language", "en")
    holder.close()
    assert json.loads((tmp_path / DB).read_text())["settings"]["1"]["language"] == "en"
    assert not holder.needs_passcode()


# -- deleting everything -------------------------------------------------------------


def test_delete_everything(holder: DataHolder, tmp_path: Path) -> None:
    repo = holder.set_up(PASSCODE)
    fill(repo)
    holder.lock()
    with pytest.raises(WrongPasscodeError):
        holder.unlock("135790")  # leaves unlock-attempts.json
    (tmp_path / f"{DB}.damaged-20260101-120000").write_bytes(b"old")
    (tmp_path / f".{DB}.777.tmp").write_bytes(b"left over")
    (tmp_path / "not-ours.txt").write_text("someone else's file")
    assert (tmp_path / ATTEMPTS_FILE).exists()

    removed = holder.delete_everything()  # no passcode needed: the way out for a forgotten one
    assert {p.name for p in removed} >= {DB, LAST_GOOD, ATTEMPTS_FILE, "bridge.lock"}
    assert sorted(p.name for p in tmp_path.iterdir()) == ["not-ours.txt"]
    assert not holder.is_set_up() and not holder.is_unlocked() and not holder.needs_passcode()
    assert holder.seconds_to_wait() == 0
    assert holder.open().data() == {}  # a first start again


def test_delete_everything_refuses_while_another_process_has_the_data(
    holder: DataHolder, tmp_path: Path
) -> None:
    holder.set_up(PASSCODE)
    holder.close()
    other = FolderLock(tmp_path)
    assert other.acquire()  # flock: a second open file counts as another process
    try:
        with pytest.raises(DataInUseError):
            holder.delete_everything()
        assert (tmp_path / DB).exists()
    finally:
        other.release()


def test_start_fresh_on_plain_folder_unchanged(tmp_path: Path) -> None:
    (tmp_path / DB).write_text("not json")
    assert start_fresh(tmp_path) is not None
