"""The coach's key: made once and kept encrypted, the same fingerprint the client's phone shows,
and a passphrase backup that the reference `age` tool opens and a strict restore that stores
nothing on bad input."""

from __future__ import annotations

import base64
import json
import os
import re
import shutil
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest

from bridge.coach import identity as coach_key
from bridge.coach.identity import (
    BACKUP_FORMAT,
    MAX_WORK_FACTOR,
    CoachIdentity,
    IdentityBackupError,
    IdentityRecordError,
    backup_json,
    coach_identity,
    export_identity,
    has_identity,
    restore_identity,
)
from bridge.crypto import ScryptRecipient, X25519Identity, encrypt, fingerprint
from bridge.crypto.armor import BEGIN
from bridge.i18n import Translator, load_catalog
from bridge.sharing import open_summary, pair_coach, seal_summary
from bridge.sharing.pairing_code import pairing_fingerprint
from bridge.storage import backup as client_backup
from bridge.storage.errors import NewerDataError
from bridge.storage.holder import DataHolder
from bridge.storage.record_kinds import KINDS, RecordError, check_record
from bridge.storage.repository import Repository, open_repository
from tests.age_cli import age_with_passphrase
from tests.sharing.helpers import CLIENT, summary
from tests.storage.helpers import FAST, PASSCODE, files_containing

AGE = shutil.which("age")
REQUIRE_TOOLS = os.environ.get("BRIDGE_REQUIRE_TOOLS") == "1"
try:
    import pexpect
except ImportError:  # pragma: no cover - pexpect is in the test extras
    pexpect = None
if REQUIRE_TOOLS and (AGE is None or pexpect is None):
    raise RuntimeError("the age CLI and pexpect are needed (apt-get install age)")
needs_age = pytest.mark.skipif(
    AGE is None or pexpect is None, reason="the age CLI or pexpect is not installed"
)

PASSPHRASE = "coach sleutel ✓ 2026"
WF = 10  # cheap scrypt for the tests; the default is age's own (18)
CATALOG = load_catalog()


@pytest.fixture
def repo(tmp_path: Path) -> Iterator[Repository]:
    repository = open_repository(tmp_path / "coach")
    yield repository
    repository.close()


@pytest.fixture
def other_repo(tmp_path: Path) -> Iterator[Repository]:
    repository = open_repository(tmp_path / "new-laptop")
    yield repository
    repository.close()


@pytest.fixture(scope="module")
def identity() -> CoachIdentity:
    return CoachIdentity.generate()


@pytest.fixture(scope="module")
def exported(identity: CoachIdentity) -> str:
    return export_identity(identity, PASSPHRASE, work_factor=WF)


def _secrets(identity: CoachIdentity) -> tuple[str, str, str]:
    return (
        identity.age.to_string(),
        base64.b64encode(identity.signing_secret).decode(),
        identity.signing_secret.hex(),
    )


# -- made once, kept, never shown ---------------------------------------------------------------


def test_the_identity_is_made_on_first_use_and_then_stays_the_same(tmp_path: Path) -> None:
    repo = open_repository(tmp_path / "coach")
    assert not has_identity(repo)
    first = coach_identity(repo)
    assert has_identity(repo)
    assert coach_identity(repo) == first
    repo.close()
    again = open_repository(tmp_path / "coach")
    assert coach_identity(again) == first
    assert again.get_record(coach_key.TABLE, coach_key.RECORD_ID) is not None
    again.close()
    assert first.recipient_text.startswith("age1")
    assert X25519Identity.parse(first.age.to_string()).recipient == first.age.recipient
    assert len(first.signing_public_key) == 32


def test_many_first_calls_at_once_make_one_identity(repo: Repository) -> None:
    with ThreadPoolExecutor(max_workers=8) as pool:
        made = list(pool.map(lambda _: coach_identity(repo), range(16)))
    assert all(identity == made[0] for identity in made)
    assert len(repo.records(coach_key.TABLE)) == 1


def test_it_is_kept_encrypted_in_the_coach_database(tmp_path: Path) -> None:
    holder = DataHolder(tmp_path / "data", params=FAST)
    identity = coach_identity(holder.set_up(PASSCODE))
    holder.lock()
    assert files_containing(tmp_path, (*_secrets(identity), identity.recipient_text)) == {}
    assert coach_identity(holder.unlock(PASSCODE)) == identity
    holder.close()


def test_no_secret_in_repr_or_str(identity: CoachIdentity) -> None:
    for shown in (repr(identity), str(identity)):
        assert identity.recipient_text in shown
        for secret in _secrets(identity):
            assert secret not in shown
        assert str(identity.signing_secret) not in shown


def test_the_stored_record_is_a_checked_kind(repo: Repository) -> None:
    identity = coach_identity(repo)
    record = repo.get_record(coach_key.TABLE, coach_key.RECORD_ID)
    assert record is not None
    assert KINDS[coach_key.TABLE].schema == coach_key.SCHEMA == record["schema"] == 1
    check_record(coach_key.TABLE, record)  # passes
    other = CoachIdentity.generate()
    mismatched = {**record, "recipient": other.recipient_text}
    with pytest.raises(RecordError):
        check_record(coach_key.TABLE, mismatched)
    with pytest.raises(RecordError):
        check_record(coach_key.TABLE, {**record, "signing_secret_key": "bm90IGEga2V5"})
    with pytest.raises(NewerDataError):
        check_record(coach_key.TABLE, {**record, "schema": 2})
    # A broken stored key is refused, never replaced by a new one behind the coach's back.
    repo.put_record(coach_key.TABLE, coach_key.RECORD_ID, mismatched)
    with pytest.raises(IdentityRecordError):
        coach_identity(repo)
    assert repo.get_record(coach_key.TABLE, coach_key.RECORD_ID) == mismatched
    assert identity != other


# -- the fingerprint the client's phone shows ---------------------------------------------------


def test_the_fingerprint_is_the_one_the_clients_pairing_screen_shows(
    identity: CoachIdentity, tmp_path: Path
) -> None:
    client = open_repository(tmp_path / "client")
    # The client pastes the text as it arrived in a chat: wrapped and with spaces around.
    text = identity.pairing_text
    assert re.fullmatch(r"age1[0-9a-z]{58} bridgesign1[0-9a-z]{58}", text)
    pasted = f"  {text[:30]}\n{text[30:90]}\n  {text[90:]}  "
    paired = pair_coach(client, "Marieke", pasted)
    client.close()
    assert paired.signing_key == identity.signing_public_key
    assert paired.fingerprint == identity.fingerprint
    # One code over both keys: not the code of the age key alone (an old pairing).
    assert identity.fingerprint == pairing_fingerprint(
        identity.age.recipient, identity.signing_public_key
    )
    assert identity.fingerprint != fingerprint(identity.recipient_text)
    assert re.fullmatch(r"\d{4} \d{4} \d{4} \d{4}", identity.fingerprint)
    # bridge/ui/widgets/fingerprint.py shows t("share.pair.fingerprint", code=coach.fingerprint).
    for language in ("nl", "en"):
        shown = Translator(CATALOG, language)("share.pair.fingerprint", code=paired.fingerprint)
        assert identity.fingerprint in shown
    assert CoachIdentity.generate().fingerprint != identity.fingerprint


def test_a_summary_sealed_to_the_coach_key_opens_with_it(
    identity: CoachIdentity, tmp_path: Path
) -> None:
    client = open_repository(tmp_path / "client")
    coach = pair_coach(client, "Marieke", identity.recipient_text)
    client.close()
    built = summary()
    sealed = seal_summary(built, CLIENT, coach.recipient)
    opened = open_summary(sealed, identity.age)
    assert opened.client_id == CLIENT.client_id
    assert opened.signer == CLIENT.public_key
    assert opened.text == built.text


# -- backup and restore -------------------------------------------------------------------------


def test_export_then_restore_on_a_new_device_gives_the_same_keys(
    identity: CoachIdentity, exported: str, other_repo: Repository
) -> None:
    assert exported.startswith(BEGIN.decode())
    for secret in _secrets(identity):
        assert secret not in exported
    restored = restore_identity(other_repo, exported, PASSPHRASE)
    assert restored == identity
    assert restored.signing_secret == identity.signing_secret
    assert restored.age.to_string() == identity.age.to_string()
    assert coach_identity(other_repo) == identity  # stored, not made anew
    # bytes work as well as text (a picked file).
    assert restore_identity(other_repo, exported.encode("ascii"), PASSPHRASE) == identity


def test_the_default_work_factor_is_the_one_client_backups_use() -> None:
    assert coach_key.DEFAULT_WORK_FACTOR == client_backup.DEFAULT_WORK_FACTOR
    assert MAX_WORK_FACTOR == client_backup.MAX_WORK_FACTOR


def test_the_backup_holds_versioned_json_with_both_secrets(identity: CoachIdentity) -> None:
    document = json.loads(backup_json(identity))
    assert document["format"] == BACKUP_FORMAT == "bridge-coach-identity"
    assert document["version"] == 1
    assert document["age_secret_key"] == identity.age.to_string()
    assert base64.b64decode(document["signing_secret_key"]) == identity.signing_secret
    assert document["recipient"] == identity.recipient_text


@pytest.mark.parametrize(
    ("passphrase", "code"),
    [
        ("", "empty_passphrase"),
        ("   ", "empty_passphrase"),
        ("kort", "too_short"),
        ("12345", "too_short"),
        ("half \ud83d emoji", "bad_passphrase"),
    ],
)
def test_export_refuses_a_weak_passphrase(
    identity: CoachIdentity, passphrase: str, code: str
) -> None:
    with pytest.raises(IdentityBackupError) as err:
        export_identity(identity, passphrase, work_factor=WF)
    assert err.value.code == code


def _seal(document: object, passphrase: str = PASSPHRASE) -> bytes:
    plain = document if isinstance(document, bytes) else json.dumps(document).encode()
    return encrypt(plain, [ScryptRecipient(passphrase, work_factor=WF)], armor=True)


def _flip_middle(text: str) -> str:
    lines = text.splitlines()
    middle = len(lines) // 2
    line = lines[middle]
    lines[middle] = ("B" if line[10] == "A" else "A").join((line[:10], line[11:]))
    return "\n".join(lines) + "\n"


def _truncated(text: str) -> str:
    lines = text.splitlines()
    return "\n".join([*lines[:-3], lines[-1]]) + "\n"


def _bad_inputs(identity: CoachIdentity, exported: str) -> dict[str, tuple[bytes | str, str, str]]:
    """name -> (data, passphrase, expected code)."""
    good = json.loads(backup_json(identity))
    other = CoachIdentity.generate()
    return {
        "wrong passphrase": (exported, "niet de goede zin", "wrong_passphrase"),
        "empty passphrase": (exported, "", "empty_passphrase"),
        "surrogate passphrase": (exported, "\udc80abcdefgh", "bad_passphrase"),
        "damaged": (_flip_middle(exported), PASSPHRASE, "damaged"),
        "truncated": (_truncated(exported), PASSPHRASE, "damaged"),
        "cut in half": (exported[: len(exported) // 2], PASSPHRASE, "damaged"),
        "empty file": (b"", PASSPHRASE, "not_an_identity"),
        "plain text": ("Hallo, hier is mijn sleutel", PASSPHRASE, "not_an_identity"),
        "a secret key pasted": (identity.age.to_string(), PASSPHRASE, "not_an_identity"),
        "sealed to a key": (
            encrypt(backup_json(identity), [identity.age.recipient], armor=True),
            PASSPHRASE,
            "not_an_identity",
        ),
        "other json": (
            _seal({"format": "bridge-backup", "version": 1}),
            PASSPHRASE,
            "not_an_identity",
        ),
        "not json": (_seal(b"\x00\xffgeen json"), PASSPHRASE, "not_an_identity"),
        "newer version": (_seal({**good, "version": 2, "new": "x"}), PASSPHRASE, "newer_version"),
        "no version": (_seal({**good, "version": "1"}), PASSPHRASE, "damaged"),
        "keys that do not fit": (
            _seal({**good, "recipient": other.recipient_text}),
            PASSPHRASE,
            "damaged",
        ),
        "signing key that does not fit": (
            _seal(
                {**good, "signing_public_key": base64.b64encode(other.signing_public_key).decode()}
            ),
            PASSPHRASE,
            "damaged",
        ),
        "a bad secret key": (
            _seal({**good, "age_secret_key": "AGE-SECRET-KEY-1XYZ"}),
            PASSPHRASE,
            "damaged",
        ),
        "too large": (exported + " " * 70_000, PASSPHRASE, "too_large"),
    }


BAD_NAMES = list(_bad_inputs(CoachIdentity.generate(), "x" * 200))


@pytest.mark.parametrize("name", BAD_NAMES)
def test_a_bad_backup_is_refused_and_nothing_is_stored(
    name: str, identity: CoachIdentity, exported: str, repo: Repository
) -> None:
    data, passphrase, code = _bad_inputs(identity, exported)[name]
    before = repo.revision
    with pytest.raises(IdentityBackupError) as err:
        restore_identity(repo, data, passphrase)
    assert err.value.code == code
    assert err.value.message_key == f"coach.identity.error.{code}"
    assert repo.revision == before
    assert not has_identity(repo)
    for secret in _secrets(identity):
        assert secret not in str(err.value)


def test_restoring_over_another_identity_needs_replace(
    identity: CoachIdentity, exported: str, repo: Repository
) -> None:
    current = coach_identity(repo)
    before = repo.revision
    with pytest.raises(IdentityBackupError) as err:
        restore_identity(repo, exported, PASSPHRASE)
    assert err.value.code == "would_replace"
    assert err.value.params == {"current": current.fingerprint, "new": identity.fingerprint}
    assert repo.revision == before
    assert coach_identity(repo) == current
    assert restore_identity(repo, exported, PASSPHRASE, replace=True) == identity
    assert coach_identity(repo) == identity
    # The same identity again changes nothing, with or without replace.
    before = repo.revision
    assert restore_identity(repo, exported, PASSPHRASE) == identity
    assert repo.revision == before


def test_restoring_over_an_unreadable_stored_key_also_needs_replace(
    identity: CoachIdentity, exported: str, repo: Repository
) -> None:
    repo.put_record(coach_key.TABLE, coach_key.RECORD_ID, {"schema": 1, "recipient": "kapot"})
    with pytest.raises(IdentityBackupError) as err:
        restore_identity(repo, exported, PASSPHRASE)
    assert err.value.code == "would_replace"
    assert restore_identity(repo, exported, PASSPHRASE, replace=True) == identity


def test_every_error_has_a_message_in_both_languages(
    identity: CoachIdentity, exported: str
) -> None:
    errors: list[IdentityBackupError | IdentityRecordError] = [IdentityRecordError("x")]
    for data, passphrase, _code in _bad_inputs(identity, exported).values():
        try:
            coach_key.read_identity_backup(data, passphrase)
        except IdentityBackupError as exc:
            errors.append(exc)
    for passphrase in ("", "kort"):
        try:
            export_identity(identity, passphrase)
        except IdentityBackupError as exc:
            errors.append(exc)
    errors.append(IdentityBackupError("would_replace", "x", params={"current": "1", "new": "2"}))
    codes = {e.code for e in errors}
    assert codes >= {
        "empty_passphrase",
        "too_short",
        "bad_passphrase",
        "wrong_passphrase",
        "damaged",
        "not_an_identity",
        "newer_version",
        "too_large",
        "would_replace",
        "identity_damaged",
    }
    part = json.loads(Path("bridge/content/strings_coach_identity.json").read_text("utf-8"))
    assert {f"coach.identity.error.{code}" for code in codes} == set(part)
    for language in ("nl", "en"):
        t = Translator(CATALOG, language)
        for error in errors:
            text = t(error.message_key, **error.params)
            assert text and "{" not in text and error.message_key not in text


# -- the reference age tool ---------------------------------------------------------------------


@needs_age
def test_age_opens_the_identity_backup(
    identity: CoachIdentity, exported: str, tmp_path: Path
) -> None:
    backup, out = tmp_path / "coach-key.age", tmp_path / "coach-key.json"
    backup.write_text(exported, encoding="ascii")
    age_with_passphrase(["-d", "-o", str(out), str(backup)], PASSPHRASE)
    assert out.read_bytes() == backup_json(identity)
    document = json.loads(out.read_bytes())
    assert document["age_secret_key"] == identity.age.to_string()


@needs_age
def test_a_backup_made_by_age_restores(
    identity: CoachIdentity, tmp_path: Path, other_repo: Repository
) -> None:
    plain, backup = tmp_path / "coach-key.json", tmp_path / "coach-key.age"
    plain.write_bytes(backup_json(identity))
    age_with_passphrase(["-p", "-a", "-o", str(backup), str(plain)], PASSPHRASE, confirm=True)
    assert restore_identity(other_repo, backup.read_bytes(), PASSPHRASE) == identity
