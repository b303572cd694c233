"""Encryption at rest in the data folder: no plaintext on disk, tampering, migration,
changing the passcode (the holder's states and deleting everything: test_encrypted_holder.py)."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

from bridge.crypto import at_rest
from bridge.storage.encrypted import create, unlock
from bridge.storage.errors import (
    AlreadySetUpError,
    DamagedDataError,
    LockedError,
    NewerDataError,
    NotSetUpError,
    StorageError,
    WeakPasscodeError,
    WrongCurrentPasscodeError,
    WrongPasscodeError,
)
from bridge.storage.folder_lock import FolderLock
from bridge.storage.holder import DataHolder
from bridge.storage.passcode_policy import check_passcode
from bridge.storage.repository import open_repository

from .helpers import (
    FAST,
    OTHER_PASSCODE,
    PASSCODE,
    SECRET_NOTE,
    SECRET_SETTING,
    files_containing,
    fill,
    sample,
    snapshot,
)

DB = "bridge.db"
LAST_GOOD = "bridge.db.last-good"


# -- the codec under a repository ----------------------------------------------------


def test_no_plaintext_on_disk(tmp_path: Path) -> None:
    codec = create(tmp_path, PASSCODE, params=FAST)
    repo = open_repository(tmp_path, codec)
    fill(repo)
    repo.close()
    repo = open_repository(tmp_path, unlock(tmp_path, PASSCODE))  # writes .last-good again
    assert repo.setting("coach_note") == SECRET_SETTING
    repo.save_assessment(sample(note=SECRET_NOTE + " derde"))
    repo.close()

    # A save cut off before its rename leaves a temp file: it must be ciphertext too.
    leftover = tmp_path / f".{DB}.99999.tmp"
    leftover.write_bytes(codec.encode(repo.data()))

    names = {p.name for p in tmp_path.iterdir()}
    assert {DB, LAST_GOOD, leftover.name} <= names
    assert files_containing(tmp_path) == {}
    for name in names:
        raw = (tmp_path / name).read_bytes()
        for marker in (b'"schema"', b"assessments", b"settings", b"journal"):
            assert marker not in raw, (name, marker)
    assert (tmp_path / DB).read_bytes().startswith(at_rest.MAGIC)
    assert (tmp_path / LAST_GOOD).read_bytes().startswith(at_rest.MAGIC)


def test_last_good_copy_is_encrypted_and_opens_with_the_key(tmp_path: Path) -> None:
    codec = create(tmp_path, PASSCODE, params=FAST)
    repo = open_repository(tmp_path, codec)
    fill(repo)
    repo.close()
    open_repository(tmp_path, codec).close()
    last_good = (tmp_path / LAST_GOOD).read_bytes()
    assert last_good == (tmp_path / DB).read_bytes()
    assert codec.decode(last_good)["settings"]["1"]["coach_note"] == SECRET_SETTING


def test_wrong_passcode_is_its_own_error(tmp_path: Path) -> None:
    create(tmp_path, PASSCODE, params=FAST)
    with pytest.raises(WrongPasscodeError) as err:
        unlock(tmp_path, "135790")
    assert err.value.code == "wrong_passcode" and not isinstance(err.value, ValueError)
    with pytest.raises(WrongPasscodeError):
        unlock(tmp_path, "")


def test_a_codec_for_another_passcode_is_wrong_passcode_not_damage(tmp_path: Path) -> None:
    create(tmp_path, PASSCODE, params=FAST)
    other = create(tmp_path / "other", PASSCODE, params=FAST)  # same passcode, other salt
    with pytest.raises(WrongPasscodeError):
        open_repository(tmp_path, other)
    open_repository(tmp_path, unlock(tmp_path, PASSCODE)).close()  # the lock was released


@pytest.mark.parametrize(
    ("where", "expected"),
    [
        ("magic", DamagedDataError),
        ("salt", WrongPasscodeError),
        ("key_check", WrongPasscodeError),
        ("nonce", DamagedDataError),
        ("body", DamagedDataError),
        ("tag", DamagedDataError),
        ("truncated", DamagedDataError),
        ("empty", DamagedDataError),
        ("plain_json", DamagedDataError),
    ],
)
def test_a_changed_file_gives_a_clear_error_and_is_never_overwritten(
    tmp_path: Path, where: str, expected: type[Exception]
) -> None:
    codec = create(tmp_path, PASSCODE, params=FAST)
    repo = open_repository(tmp_path, codec)
    fill(repo)
    repo.close()
    path = tmp_path / DB
    data = bytearray(path.read_bytes())
    offsets = {"magic": 0, "salt": 14, "key_check": 30, "nonce": 46, "body": 80, "tag": -1}
    if where in offsets:
        data[offsets[where]] ^= 0x01
        changed = bytes(data)
    elif where == "truncated":
        changed = bytes(data[: len(data) // 2])
    elif where == "empty":
        changed = b""
    else:
        changed = b'{"settings": {}}'
    path.write_bytes(changed)
    before = snapshot(tmp_path)

    with pytest.raises(expected) as err:
        open_repository(tmp_path, codec)
    assert err.value.code in ("damaged", "wrong_passcode")
    assert snapshot(tmp_path) == before  # nothing written, nothing moved
    # The lock was released: recovery can go on in this process.
    assert FolderLock(tmp_path).acquire()


def test_a_file_from_a_newer_app_is_refused_and_left_alone(tmp_path: Path) -> None:
    codec = create(tmp_path, PASSCODE, params=FAST)
    path = tmp_path / DB
    data = bytearray(path.read_bytes())
    data[8] = 2
    path.write_bytes(bytes(data))
    (tmp_path / LAST_GOOD).write_bytes(bytes(data))
    with pytest.raises(NewerDataError):
        open_repository(tmp_path, codec)
    with pytest.raises(NewerDataError):
        unlock(tmp_path, PASSCODE)
    assert path.read_bytes() == bytes(data)


# -- passcode rules --------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "problem"),
    [
        ("", "empty"),
        ("   ", "empty"),
        ("12345", "too_short"),
        ("123456", None),
        ("0000000000", None),
        ("abc1234", "too_short"),
        ("abcd1234", None),
        ("geheime zin", None),
        ("١٢٣٤٥٦", None),  # digits from another script count as digits
    ],
)
def test_passcode_rules(text: str, problem: str | None) -> None:
    assert check_passcode(text) == problem


def test_a_weak_passcode_is_refused_before_anything_is_written(tmp_path: Path) -> None:
    with pytest.raises(WeakPasscodeError) as err:
        create(tmp_path, "1234", params=FAST)
    assert err.value.code == "too_short"
    assert not (tmp_path / DB).exists()


# -- migration from plain JSON -------------------------------------------------------


def make_plain_folder(folder: Path) -> dict[str, object]:
    repo = open_repository(folder)
    fill(repo)
    expected = repo.data()
    repo.close()
    open_repository(folder).close()  # a plain .last-good copy
    damaged = folder / f"{DB}.damaged-20260101-120000"
    damaged.write_bytes(b'{"assessments": {"1": {"note": "' + SECRET_NOTE.encode() + b'", ')
    (folder / f".{DB}.4242.tmp").write_text(json.dumps({"x": SECRET_SETTING}))
    assert set(files_containing(folder)) >= {DB, LAST_GOOD, damaged.name, f".{DB}.4242.tmp"}
    return expected


def test_plain_data_is_encrypted_on_set_up_and_nothing_plain_is_kept(
    holder: DataHolder, tmp_path: Path
) -> None:
    expected = make_plain_folder(tmp_path)
    assert not holder.is_set_up() and not holder.needs_passcode()
    damaged_before = (tmp_path / f"{DB}.damaged-20260101-120000").read_bytes()

    repo = holder.set_up(PASSCODE)
    assert repo.data() == expected
    assert repo.setting("coach_note") == SECRET_SETTING
    assert holder.is_set_up() and holder.is_unlocked()
    assert files_containing(tmp_path) == {}
    assert not (tmp_path / f".{DB}.4242.tmp").exists()

    # The damaged copy is kept for an IT person, encrypted under the same passcode.
    sealed = (tmp_path / f"{DB}.damaged-20260101-120000").read_bytes()
    header = at_rest.read_header(sealed)
    key = at_rest.derive_key(PASSCODE, header.salt, header.params)
    assert at_rest.open_(key, sealed) == damaged_before

    holder.lock()
    assert holder.unlock(PASSCODE).data() == expected


def test_set_up_on_a_fresh_folder(holder: DataHolder, tmp_path: Path) -> None:
    assert not holder.is_set_up()
    repo = holder.set_up(PASSCODE)
    assert repo.data() == {}
    assert sorted(p.name for p in tmp_path.iterdir()) == [DB, LAST_GOOD, "bridge.lock"]
    with pytest.raises(AlreadySetUpError):
        holder.set_up(OTHER_PASSCODE)
    assert holder.unlock(PASSCODE) is not None


def test_a_damaged_plain_file_stops_set_up_and_stays_as_it_was(
    holder: DataHolder, tmp_path: Path
) -> None:
    (tmp_path / DB).write_bytes(b'{"assessments": {"1": ')
    with pytest.raises(DamagedDataError):
        holder.set_up(PASSCODE)
    assert (tmp_path / DB).read_bytes() == b'{"assessments": {"1": '
    assert not holder.is_set_up()
    # The damaged screen's "start fresh" moves it aside; set-up then encrypts that copy too.
    assert holder.start_fresh() is not None
    holder.set_up(PASSCODE)
    assert files_containing(tmp_path, ("assessments",)) == {}


# -- changing the passcode -----------------------------------------------------------


def test_change_passcode(holder: DataHolder, tmp_path: Path) -> None:
    repo = holder.set_up(PASSCODE)
    fill(repo)
    holder.lock()
    holder.unlock(PASSCODE)  # the last good copy now holds the data too
    before = holder.open().data()
    old_header = at_rest.read_header((tmp_path / DB).read_bytes())

    holder.change_passcode(PASSCODE, OTHER_PASSCODE)
    assert holder.open().data() == before
    holder.open().set_setting("after", "change")  # keeps saving under the new key

    new_header = at_rest.read_header((tmp_path / DB).read_bytes())
    assert new_header.salt != old_header.salt
    old_key = at_rest.derive_key(PASSCODE, old_header.salt, old_header.params)
    for name in (DB, LAST_GOOD):  # the old passcode opens neither file
        with pytest.raises(at_rest.WrongPasscodeError):
            at_rest.open_(old_key, (tmp_path / name).read_bytes())
    assert files_containing(tmp_path) == {}

    holder.lock()
    with pytest.raises(WrongPasscodeError):
        holder.unlock(PASSCODE)
    repo = holder.unlock(OTHER_PASSCODE)
    assert repo.setting("after") == "change"
    assert {k: v for k, v in repo.data().items() if k != "settings"} == {
        k: v for k, v in before.items() if k != "settings"
    }
    assert holder.has_last_good()


def test_change_passcode_refuses_a_wrong_old_or_weak_new_passcode(holder: DataHolder) -> None:
    holder.set_up(PASSCODE)
    # Its own error, so the screen says "your current passcode is not right", not the lock's text.
    with pytest.raises(WrongCurrentPasscodeError):
        holder.change_passcode("135790", OTHER_PASSCODE)
    with pytest.raises(WeakPasscodeError) as err:
        holder.change_passcode(PASSCODE, "12")
    assert err.value.code == "too_short"
    holder.lock()
    with pytest.raises(LockedError):
        holder.change_passcode(PASSCODE, OTHER_PASSCODE)
    holder.unlock(PASSCODE)


def test_change_passcode_needs_a_passcode_set_up(holder: DataHolder) -> None:
    holder.open()
    with pytest.raises(NotSetUpError):
        holder.change_passcode(PASSCODE, OTHER_PASSCODE)


@pytest.mark.parametrize("fail_at", ["stage_main", "stage_last_good", "rename_main"])
def test_a_passcode_change_that_fails_halfway_leaves_the_old_one_working(
    holder: DataHolder, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, fail_at: str
) -> None:
    repo = holder.set_up(PASSCODE)
    fill(repo)
    holder.lock()
    holder.unlock(PASSCODE)
    before_files = snapshot(tmp_path)
    before_data = holder.open().data()

    real_fsync, real_replace = os.fsync, os.replace
    calls = {"fsync": 0}

    def failing_fsync(fd: int) -> None:
        calls["fsync"] += 1
        if (fail_at, calls["fsync"]) in (("stage_main", 1), ("stage_last_good", 2)):
            raise OSError(28, "No space left on device")
        real_fsync(fd)

    def failing_replace(src: object, dst: object) -> None:
        if fail_at == "rename_main":
            raise OSError(5, "Input/output error")
        real_replace(src, dst)  # type: ignore[arg-type]

    monkeypatch.setattr(os, "fsync", failing_fsync)
    monkeypatch.setattr(os, "replace", failing_replace)
    with pytest.raises(StorageError):
        holder.change_passcode(PASSCODE, OTHER_PASSCODE)
    monkeypatch.undo()

    assert snapshot(tmp_path) == before_files  # no temp files left, nothing replaced
    assert holder.open().data() == before_data
    holder.open().set_setting("still", "saving")  # the old key is still in use
    holder.lock()
    with pytest.raises(WrongPasscodeError):
        holder.unlock(OTHER_PASSCODE)
    assert holder.unlock(PASSCODE).setting("still") == "saving"


def test_a_passcode_change_cut_off_after_the_rename(holder: DataHolder, tmp_path: Path) -> None:
    """bridge.db under the new passcode, .last-good still under the old one (a kill in between)."""
    repo = holder.set_up(PASSCODE)
    fill(repo)
    holder.lock()
    holder.unlock(PASSCODE)
    old_last_good = (tmp_path / LAST_GOOD).read_bytes()
    holder.change_passcode(PASSCODE, OTHER_PASSCODE)
    holder.close()
    (tmp_path / LAST_GOOD).write_bytes(old_last_good)

    fresh = DataHolder(tmp_path, params=FAST)
    fresh.unlock(OTHER_PASSCODE)  # opening replaces the old copy
    fresh.lock()
    header = at_rest.read_header((tmp_path / LAST_GOOD).read_bytes())
    old_key = at_rest.derive_key(PASSCODE, header.salt, header.params)
    assert not at_rest.key_matches(old_key, header)
