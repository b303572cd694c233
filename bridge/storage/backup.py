"""Backup and restore: all data as versioned JSON inside an age file with a passphrase.

Why age: the client (or an IT person helping them) can open a backup without
the app, with the reference tool: ``age -d bridge-backup.age`` and the
passphrase. Backups are ASCII-armored so they survive being mailed or pasted.
Why a separate passphrase: a backup leaves the phone; its protection must not
depend on the phone's passcode (which may be a 6-digit PIN).

The JSON (``version`` 1)::

    {"format": "bridge-backup", "version": 1, "created_at": "<ISO 8601, UTC>",
     "tables": {"<table>": {"<TinyDB document id>": {<record with "schema">}, ...}, ...}}

`read_backup` validates everything before anything is restored, and
`restore_backup` replaces the data in one atomic write. The UI asks the person
to confirm before calling it.

The scrypt work factor (issue 12). age's own default is 18: 256 MiB of memory,
which a phone with 2 GB of RAM (Android kills apps well before that; the Flet
app already holds a few hundred MB) may not bear. Measured on the 2-core x86
development machine (cryptography 50, load 0.4; memory is the peak RSS above the
interpreter's; a cheap phone taken as 5-8x slower, not measured on a phone)::

    factor   memory    time here   cheap phone (est.)
    15        32 MiB     96 ms     0.5-0.8 s   (the at-rest passcode's, bridge.crypto.at_rest)
    16        64 MiB    188 ms     0.9-1.5 s   <- backups (and the coach's key backup)
    17       128 MiB    390 ms     2.0-3.1 s
    18       256 MiB    799 ms     4.0-6.4 s   (age -p)

16 is the most a backup can cost within 64 MiB: twice the passcode's guessing cost
(a backup leaves the phone, so it may be attacked offline), a quarter of age's
memory. Backups made at 18 (by an older version, or by ``age -p``) still open:
MAX_WORK_FACTOR is 20.

Memory: the backup's JSON is encrypted and decrypted as a stream
(``encrypt_file`` / ``decrypt_file``), one 64 KiB chunk at a time, so the
plaintext and the armored text are each held once rather than in several copies.
"""

from __future__ import annotations

import copy
import io
import json
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import TYPE_CHECKING, Any

from bridge.crypto import ScryptRecipient, encrypt_file
from bridge.crypto import scrypt as _scrypt
from bridge.crypto.passphrase_file import PassphraseFileError, looks_like_age, open_passphrase_file
from bridge.storage.errors import BackupError, NewerDataError, WeakPasscodeError
from bridge.storage.passcode_policy import check_passcode
from bridge.storage.record_kinds import RecordError, check_tables
from bridge.storage.repository import Repository

if TYPE_CHECKING:
    from bridge.storage.holder import DataHolder

__all__ = [
    "BACKUP_FORMAT",
    "BACKUP_VERSION",
    "DEFAULT_WORK_FACTOR",
    "MAX_BACKUP_FILE_SIZE",
    "MAX_BACKUP_SIZE",
    "BackupContents",
    "backup_json",
    "export_backup",
    "parse_backup_json",
    "read_backup",
    "restore_backup",
    "too_large",
    "validate_tables",
]

BACKUP_FORMAT = "bridge-backup"
BACKUP_VERSION = 1
#: 16: 64 MiB of scrypt memory, what a 2 GB phone bears (the table above; age's own is 18).
DEFAULT_WORK_FACTOR = _scrypt.DEFAULT_WORK_FACTOR
#: Refuse files asking for more (1 GiB of memory at 20): a hostile file must not exhaust a phone.
#: Backups made at 18 (age's default, and this app's before issue 12) open.
MAX_WORK_FACTOR = 20
#: The largest decrypted backup (a heavy client's is a few MiB).
MAX_BACKUP_SIZE = 64 * 2**20
#: The largest backup file read at all, checked before anything decodes it: the
#: armored form of MAX_BACKUP_SIZE (base64 adds a third, line ends 1/64) and room.
MAX_BACKUP_FILE_SIZE = MAX_BACKUP_SIZE * 4 // 3 + MAX_BACKUP_SIZE // 32 + 2**20

Tables = dict[str, dict[str, dict[str, Any]]]


@dataclass(frozen=True)
class BackupContents:
    """A backup that passed every check: safe to restore."""

    created_at: datetime
    version: int
    tables: Tables = field(repr=False)

    def count(self, table: str) -> int:
        return len(self.tables.get(table, {}))

    @property
    def snapshot_count(self) -> int:
        """Completed bridges in the backup (for the confirmation question)."""
        return sum(1 for r in self.tables.get("assessments", {}).values() if r.get("completed_at"))


def backup_json(repo: Repository, *, now: datetime | None = None) -> bytes:
    """The backup's plaintext: every table of `repo`, as versioned JSON (UTF-8)."""
    document = {
        "format": BACKUP_FORMAT,
        "version": BACKUP_VERSION,
        "created_at": (now or datetime.now(UTC)).isoformat(),
        "tables": repo.data(),
    }
    return json.dumps(document, ensure_ascii=False, indent=2).encode("utf-8") + b"\n"


def export_backup(
    repo: Repository,
    passphrase: str,
    *,
    work_factor: int = DEFAULT_WORK_FACTOR,
    now: datetime | None = None,
) -> bytes:
    """All data, encrypted to `passphrase` as an armored age file (slow: scrypt).

    Raises WeakPasscodeError ("empty", "too_short") for a passphrase that does not
    follow the passcode rules, BackupError "bad_passphrase" for one that is not
    text (an unpaired surrogate).
    """
    _require_text(passphrase)
    problem = check_passcode(passphrase)
    if problem is not None:
        raise WeakPasscodeError(problem)
    recipient = ScryptRecipient(passphrase, work_factor=work_factor)
    sealed = io.BytesIO()
    encrypt_file(io.BytesIO(backup_json(repo, now=now)), sealed, [recipient], armor=True)
    return sealed.getvalue()


def _require_text(passphrase: str) -> None:
    """Refuses a passphrase that cannot be UTF-8 (an unpaired surrogate, e.g. half an emoji)."""
    try:
        passphrase.encode("utf-8")
    except UnicodeEncodeError:
        raise BackupError(
            "bad_passphrase", "the password holds a character that is not text"
        ) from None


def too_large(size: int) -> bool:
    """True for a file too large to be a backup: check this before reading it whole."""
    return size > MAX_BACKUP_FILE_SIZE


_OPEN_CODES = {
    "wrong_passphrase": "wrong_passphrase",
    "no_passphrase": "not_a_backup",
    "too_large": "too_large",
    "damaged": "damaged",
}


def read_backup(
    data: bytes,
    passphrase: str,
    *,
    max_work_factor: int = MAX_WORK_FACTOR,
    max_size: int = MAX_BACKUP_SIZE,
    max_file_size: int = MAX_BACKUP_FILE_SIZE,
) -> BackupContents:
    """Decrypts and fully validates a backup (slow: scrypt). Nothing is changed.

    Raises BackupError with code "not_a_backup", "wrong_passphrase", "damaged",
    "newer_version", "too_large" (checked first, before any decoding) or
    "bad_passphrase".
    """
    if len(data) > max_file_size:
        raise BackupError("too_large", "this file is larger than a backup can be")
    data = bytes(data)
    if not looks_like_age(data):
        raise BackupError("not_a_backup", "this is not a backup file")
    if not isinstance(passphrase, str) or not passphrase:
        raise BackupError("wrong_passphrase", "the passphrase is not correct")
    _require_text(passphrase)
    try:
        plaintext = open_passphrase_file(
            data, passphrase, max_work_factor=max_work_factor, max_size=max_size
        )
    except PassphraseFileError as exc:
        # An age file made for someone's key, not with a passphrase, is not one of ours.
        raise BackupError(_OPEN_CODES[exc.code], f"the backup cannot be opened ({exc})") from None
    return parse_backup_json(plaintext)


def parse_backup_json(plaintext: bytes) -> BackupContents:
    """Validates a decrypted backup; raises BackupError like `read_backup`."""
    try:
        document = json.loads(plaintext.decode("utf-8"))
    except (UnicodeDecodeError, ValueError):
        raise BackupError("not_a_backup", "the file does not hold a Bridge backup") from None
    if not isinstance(document, dict) or document.get("format") != BACKUP_FORMAT:
        raise BackupError("not_a_backup", "the file does not hold a Bridge backup")
    version = document.get("version")
    if isinstance(version, bool) or not isinstance(version, int) or version < 1:
        raise BackupError("damaged", "the backup has no valid version")
    if version > BACKUP_VERSION:
        raise BackupError("newer_version", "this backup was made by a newer version of the app")
    try:
        created_at = datetime.fromisoformat(document["created_at"])
    except (KeyError, TypeError, ValueError):
        raise BackupError("damaged", "the backup has no valid date") from None
    tables = document.get("tables")
    validate_tables(tables)
    if not isinstance(tables, dict):  # validate_tables refuses this already; this narrows the type
        raise BackupError("damaged", "the backup has no tables")
    return BackupContents(created_at=created_at, version=version, tables=tables)


def validate_tables(tables: Any) -> None:
    """Raises BackupError unless `tables` is TinyDB data this version can use."""
    if not isinstance(tables, dict):
        raise BackupError("damaged", "the backup holds no tables")
    for name, documents in tables.items():
        if not isinstance(name, str) or not name or not isinstance(documents, dict):
            raise BackupError("damaged", "a table in the backup is malformed")
        for doc_id, record in documents.items():
            if not (isinstance(doc_id, str) and doc_id.isascii() and doc_id.isdigit()):
                raise BackupError("damaged", "a record in the backup has an invalid id")
            if not isinstance(record, dict):
                raise BackupError("damaged", "a record in the backup is malformed")
    try:
        check_tables(tables)
    except NewerDataError:
        raise BackupError(
            "newer_version", "this backup was made by a newer version of the app"
        ) from None
    except RecordError as exc:
        raise BackupError("damaged", f"the backup holds a broken record ({exc.table})") from None


def restore_backup(holder: DataHolder, contents: BackupContents) -> Repository:
    """Replaces all current data by the backup's, in one atomic write; returns the repository.

    Validates again first (contents may have been built by hand). Ask the
    person to confirm before calling this: the current data is replaced.
    """
    validate_tables(contents.tables)
    return holder.replace_data(copy.deepcopy(contents.tables))
