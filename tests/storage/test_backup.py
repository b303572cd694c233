"""Backups: round trip, the reference `age` tool both ways, and bad backups changing nothing."""

from __future__ import annotations

import json
import os
import shutil
from datetime import UTC, datetime
from pathlib import Path

import pytest

from bridge.crypto import ScryptRecipient, X25519Identity, encrypt
from bridge.crypto.armor import BEGIN, decode_armor
from bridge.i18n import Translator, load_catalog
from bridge.storage.backup import (
    DEFAULT_WORK_FACTOR,
    MAX_BACKUP_FILE_SIZE,
    MAX_BACKUP_SIZE,
    MAX_WORK_FACTOR,
    BackupContents,
    backup_json,
    export_backup,
    parse_backup_json,
    read_backup,
    restore_backup,
    too_large,
)
from bridge.storage.errors import BackupError, LockedError, WeakPasscodeError
from bridge.storage.holder import DataHolder
from bridge.storage.records import SCHEMA
from tests.age_cli import age_with_passphrase

from .helpers import FAST, PASSCODE, SECRET_GOAL, SECRET_SETTING, files_containing, sample

AGE = shutil.which("age")
# The README's test command sets BRIDGE_REQUIRE_TOOLS=1: there a missing tool is a failure,
# not a quiet skip. A bare `pytest` on a machine without them skips with the reason.
REQUIRE_TOOLS = os.environ.get("BRIDGE_REQUIRE_TOOLS") == "1"
try:
    import pexpect
except ImportError:  # pragma: no cover - pexpect is in the test extras
    pexpect = None
if REQUIRE_TOOLS and (AGE is None or pexpect is None):
    raise RuntimeError(
        "the age CLI and pexpect are needed (apt-get install age; pip install pexpect)"
    )
needs_age = pytest.mark.skipif(
    AGE is None or pexpect is None, reason="the age CLI or pexpect is not installed"
)

PASSPHRASE = "back-up zin ✓ 2026"
WF = 10  # cheap scrypt for most tests; the default (18) is checked once
NOW = datetime(2026, 3, 2, 9, 30, tzinfo=UTC)


@pytest.fixture
def source(tmp_path: Path) -> DataHolder:
    holder = DataHolder(tmp_path / "source", params=FAST)
    repo = holder.set_up(PASSCODE)
    first = sample().complete(NOW)
    repo.save_assessment(first)
    repo.save_assessment(sample(when=NOW))  # a draft
    repo.set_setting("coach_note", SECRET_SETTING)
    repo.put_record("journal", "g1", {"schema": 1, "title": SECRET_GOAL})
    return holder


@pytest.fixture
def target(tmp_path: Path) -> DataHolder:
    holder = DataHolder(tmp_path / "target", params=FAST)
    repo = holder.set_up("13579246")
    repo.set_setting("language", "en")
    return holder


def folder_bytes(folder: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in folder.iterdir() if p.is_file()}


def test_round_trip(source: DataHolder, target: DataHolder) -> None:
    data = export_backup(source.open(), PASSPHRASE, work_factor=WF, now=NOW)
    assert data.startswith(BEGIN) and data.isascii()
    contents = read_backup(data, PASSPHRASE)
    assert contents.created_at == NOW and contents.version == 1
    assert contents.snapshot_count == 1 and contents.count("assessments") == 2
    assert contents.tables == source.open().data()

    repo = restore_backup(target, contents)
    assert repo.data() == source.open().data()
    assert repo.snapshots() == source.open().snapshots()
    assert repo.setting("language") is None  # replaced, not merged
    assert files_containing(target.folder) == {}  # restored data is encrypted at rest
    target.lock()
    assert target.unlock("13579246").setting("coach_note") == SECRET_SETTING


def test_backup_json_is_versioned(source: DataHolder) -> None:
    document = json.loads(backup_json(source.open(), now=NOW))
    assert set(document) == {"format", "version", "created_at", "tables"}
    assert document["format"] == "bridge-backup" and document["version"] == 1
    assert document["created_at"] == "2026-03-02T09:30:00+00:00"
    assert set(document["tables"]) == {"assessments", "settings", "journal"}


def _work_factor(data: bytes) -> int:
    stanza = next(
        line for line in decode_armor(data).split(b"\n") if line.startswith(b"-> scrypt ")
    )
    return int(stanza.split()[-1])


def test_default_work_factor_is_what_a_phone_bears(source: DataHolder) -> None:
    # 16: 64 MiB of scrypt memory (age's own 18 needs 256 MiB); older backups at 18 open.
    assert DEFAULT_WORK_FACTOR == 16 and MAX_WORK_FACTOR >= 18
    data = export_backup(source.open(), PASSPHRASE, now=NOW)
    assert _work_factor(data) == 16
    assert read_backup(data, PASSPHRASE).tables == source.open().data()
    older = export_backup(source.open(), PASSPHRASE, work_factor=18, now=NOW)
    assert read_backup(older, PASSPHRASE).tables == source.open().data()


def test_weak_backup_passphrase_is_refused(source: DataHolder) -> None:
    with pytest.raises(WeakPasscodeError) as err:
        export_backup(source.open(), "kort", work_factor=WF)
    assert err.value.code == "too_short"


def _error(data: bytes, passphrase: str = PASSPHRASE) -> str:
    with pytest.raises(BackupError) as err:
        read_backup(data, passphrase)
    return err.value.code


def test_bad_backups_are_refused_with_clear_codes(source: DataHolder) -> None:
    good = export_backup(source.open(), PASSPHRASE, work_factor=WF, now=NOW)
    assert _error(good, "niet de goede zin") == "wrong_passphrase"
    assert _error(good, "") == "wrong_passphrase"

    lines = good.split(b"\n")
    middle = bytearray(lines[3])
    middle[10] = ord("A") if middle[10] != ord("A") else ord("B")
    assert _error(b"\n".join([*lines[:3], bytes(middle), *lines[4:]])) == "damaged"
    assert _error(b"\n".join(lines[:4] + lines[-2:])) == "damaged"  # lines cut out
    assert _error(decode_armor(good)[:-10]) == "damaged"  # truncated binary
    assert _error(good.replace(b"END AGE", b"END AGX")) == "damaged"

    assert _error(b"") == "not_a_backup"
    assert _error(b"%PDF-1.7 just some file") == "not_a_backup"
    assert _error(backup_json(source.open())) == "not_a_backup"  # plain JSON: not encrypted
    someone = X25519Identity.generate()
    assert _error(encrypt(b"{}", [someone.recipient], armor=True)) == "not_a_backup"
    other_json = json.dumps({"hello": "world"}).encode()
    assert _error(encrypt(other_json, [ScryptRecipient(PASSPHRASE, WF)])) == "not_a_backup"
    assert _error(encrypt(b"\xff\xfe binary", [ScryptRecipient(PASSPHRASE, WF)])) == "not_a_backup"


def _sealed(document: dict[str, object]) -> bytes:
    return encrypt(json.dumps(document).encode(), [ScryptRecipient(PASSPHRASE, WF)], armor=True)


def test_backups_from_a_newer_app_or_malformed_ones_are_refused(source: DataHolder) -> None:
    document = json.loads(backup_json(source.open(), now=NOW))
    assert _error(_sealed({**document, "version": 2})) == "newer_version"
    assert _error(_sealed({**document, "version": "1"})) == "damaged"
    assert _error(_sealed({**document, "created_at": "yesterday"})) == "damaged"
    assert _error(_sealed({**document, "tables": []})) == "damaged"
    assert _error(_sealed({**document, "tables": {"goals": {"one": {}}}})) == "damaged"
    newer = json.loads(json.dumps(document))
    next(iter(newer["tables"]["assessments"].values()))["schema"] = SCHEMA + 1
    assert _error(_sealed(newer)) == "newer_version"
    broken = json.loads(json.dumps(document))
    del next(iter(broken["tables"]["assessments"].values()))["started_at"]
    assert _error(_sealed(broken)) == "damaged"


def test_a_refused_backup_changes_nothing(source: DataHolder, target: DataHolder) -> None:
    before = folder_bytes(target.folder)
    data = export_backup(source.open(), PASSPHRASE, work_factor=WF)
    for attempt in (
        lambda: read_backup(data, "niet de goede zin"),
        lambda: read_backup(data[:-80], PASSPHRASE),
    ):
        with pytest.raises(BackupError):
            attempt()
    # Contents built by hand are checked again before anything is written.
    forged = BackupContents(created_at=NOW, version=1, tables={"assessments": {"1": {"x": 1}}})
    with pytest.raises(BackupError):
        restore_backup(target, forged)
    assert folder_bytes(target.folder) == before
    assert target.open().setting("language") == "en"


def test_restore_needs_the_data_unlocked(source: DataHolder, target: DataHolder) -> None:
    contents = read_backup(export_backup(source.open(), PASSPHRASE, work_factor=WF), PASSPHRASE)
    target.lock()
    before = folder_bytes(target.folder)
    with pytest.raises(LockedError):
        restore_backup(target, contents)
    assert folder_bytes(target.folder) == before


def test_restore_over_a_damaged_file_keeps_the_damaged_file(
    source: DataHolder, target: DataHolder
) -> None:
    contents = read_backup(export_backup(source.open(), PASSPHRASE, work_factor=WF), PASSPHRASE)
    target.close()
    path = target.folder / "bridge.db"
    broken = path.read_bytes()[:-1]
    path.write_bytes(broken)
    repo = restore_backup(target, contents)
    assert repo.data() == source.open().data()
    kept = [p for p in target.folder.iterdir() if p.name.startswith("bridge.db.damaged-")]
    assert [p.read_bytes() for p in kept] == [broken]


def test_restore_into_plain_data_before_a_passcode_exists(
    source: DataHolder, tmp_path: Path
) -> None:
    contents = read_backup(export_backup(source.open(), PASSPHRASE, work_factor=WF), PASSPHRASE)
    plain = DataHolder(tmp_path / "plain")
    assert restore_backup(plain, contents).data() == contents.tables
    plain.close()


# -- the reference age tool ------------------------------------------------------------


@needs_age
def test_age_opens_our_backup(source: DataHolder, tmp_path: Path) -> None:
    backup, out = tmp_path / "bridge-backup.age", tmp_path / "backup.json"
    backup.write_bytes(export_backup(source.open(), PASSPHRASE, work_factor=WF, now=NOW))
    age_with_passphrase(["-d", "-o", str(out), str(backup)], PASSPHRASE, confirm=False)
    assert out.read_bytes() == backup_json(source.open(), now=NOW)
    assert parse_backup_json(out.read_bytes()).tables == source.open().data()


@needs_age
def test_age_opens_a_backup_at_the_default_work_factor(source: DataHolder, tmp_path: Path) -> None:
    backup, out = tmp_path / "bridge-backup.age", tmp_path / "backup.json"
    backup.write_bytes(export_backup(source.open(), PASSPHRASE, now=NOW))
    assert _work_factor(backup.read_bytes()) == DEFAULT_WORK_FACTOR
    age_with_passphrase(["-d", "-o", str(out), str(backup)], PASSPHRASE, confirm=False)
    assert out.read_bytes() == backup_json(source.open(), now=NOW)


@needs_age
@pytest.mark.parametrize("size", [2**16 - 200, 5 * 2**16])
def test_age_opens_a_backup_of_several_chunks(
    source: DataHolder, tmp_path: Path, size: int
) -> None:
    # Around the 64 KiB chunk boundary and over several chunks, through the armor stream.
    repo = source.open()
    repo.put_record("journal", "big", {"schema": 1, "title": "x" * size})
    backup, out = tmp_path / "bridge-backup.age", tmp_path / "backup.json"
    backup.write_bytes(export_backup(repo, PASSPHRASE, work_factor=WF, now=NOW))
    age_with_passphrase(["-d", "-o", str(out), str(backup)], PASSPHRASE, confirm=False)
    assert out.read_bytes() == backup_json(repo, now=NOW)
    assert read_backup(backup.read_bytes(), PASSPHRASE).tables == repo.data()


@needs_age
@pytest.mark.parametrize("armor", [True, False], ids=["armor", "binary"])
def test_a_backup_made_by_age_restores(
    source: DataHolder, target: DataHolder, tmp_path: Path, armor: bool
) -> None:
    plain, backup = tmp_path / "backup.json", tmp_path / "backup.age"
    plain.write_bytes(backup_json(source.open(), now=NOW))
    args = ["-p", *(["-a"] if armor else []), "-o", str(backup), str(plain)]
    age_with_passphrase(args, PASSPHRASE, confirm=True)  # age's default work factor, 18
    contents = read_backup(backup.read_bytes(), PASSPHRASE)
    assert restore_backup(target, contents).data() == source.open().data()
    if armor:  # costs another scrypt at 18: once is enough
        with pytest.raises(BackupError) as err:
            read_backup(backup.read_bytes(), "niet de goede zin")
        assert err.value.code == "wrong_passphrase"


def test_an_oversized_file_is_refused_before_it_is_decoded() -> None:
    from_the_size = BEGIN + b"\n" + b"A" * 4096  # would be "damaged" if it were decoded
    assert _error(from_the_size) == "damaged"
    with pytest.raises(BackupError) as refused:
        read_backup(from_the_size, PASSPHRASE, max_file_size=4096)
    assert refused.value.code == "too_large"
    assert too_large(MAX_BACKUP_FILE_SIZE + 1) and not too_large(MAX_BACKUP_FILE_SIZE)
    # Generous: the armored form of the largest plaintext a backup may hold still fits.
    assert MAX_BACKUP_FILE_SIZE > MAX_BACKUP_SIZE * 4 // 3 + MAX_BACKUP_SIZE // 48 + 1024
    huge = bytes(MAX_BACKUP_FILE_SIZE + 1)  # about 90 MB of garbage
    with pytest.raises(BackupError) as refused:
        read_backup(huge, PASSPHRASE)
    assert refused.value.code == "too_large"


@pytest.mark.parametrize("broken", ["\udc80abcdefgh", "wacht\ud83dwoord"])
def test_a_password_that_is_not_text_gets_a_clear_error(source: DataHolder, broken: str) -> None:
    with pytest.raises(BackupError) as making:
        export_backup(source.open(), broken, work_factor=WF)
    assert making.value.code == "bad_passphrase"
    good = export_backup(source.open(), PASSPHRASE, work_factor=WF)
    with pytest.raises(BackupError) as reading:
        read_backup(good, broken)
    assert reading.value.code == "bad_passphrase"
    catalog = load_catalog()
    for language in ("nl", "en"):
        assert Translator(catalog, language)("privacy.backup_error.bad_passphrase") != (
            "privacy.backup_error.bad_passphrase"
        )
