"""Owns every path the app writes to: the data folder and the files in it."""

from __future__ import annotations

import os
import sys
from collections.abc import Mapping
from pathlib import Path

#: Set this to put the data somewhere else (tests use a temporary folder).
DATA_DIR_ENV = "BRIDGE_DATA_DIR"
#: Set by `flet run` and by phone builds: the one folder the app may write to on a phone.
FLET_DATA_ENV = "FLET_APP_STORAGE_DATA"

APP_FOLDER = "bridge"

# -- every file the storage writes in the data folder ---------------------------------
#: The encrypted database (TinyDB's layout inside the at-rest AEAD).
DATABASE_FILE = "bridge.db"
#: The byte copy of the last file that opened well, next to the database.
LAST_GOOD_SUFFIX = ".last-good"
#: A damaged database set aside (never deleted) is renamed to `bridge.db.damaged-<stamp>`.
DAMAGED_INFIX = ".damaged-"
#: Wrong-passcode counter; plaintext on purpose, it holds no secret (a count and a time).
ATTEMPTS_FILE = "unlock-attempts.json"
#: The few preferences needed before unlocking (the lock screen's language).
PREFS_FILE = "prefs.json"
#: The one-writer lock.
LOCK_FILE = "bridge.lock"
#: Coach mode: one encrypted file per client, `clients/<client_id>.db`, in the data folder.
CLIENTS_FOLDER = "clients"
CLIENT_FILE_SUFFIX = ".db"
#: Data files are readable by this account only, and so is the folder.
FILE_MODE = 0o600
FOLDER_MODE = 0o700


def data_dir(env: Mapping[str, str] | None = None) -> Path:
    """The folder that holds this person's data.

    Order: our own override, then the folder Flet gives us on phones, then the
    usual per-user data folder of the desktop platform.
    """
    env = os.environ if env is None else env
    if env.get(DATA_DIR_ENV):
        return Path(env[DATA_DIR_ENV]).expanduser()
    if env.get(FLET_DATA_ENV):
        return Path(env[FLET_DATA_ENV]).expanduser()
    home = Path(env.get("HOME") or Path.home())
    if sys.platform == "win32":
        base = Path(env.get("APPDATA") or home / "AppData" / "Roaming")
    elif sys.platform == "darwin":
        base = home / "Library" / "Application Support"
    else:
        base = Path(env.get("XDG_DATA_HOME") or home / ".local" / "share")
    return base / APP_FOLDER


def database_path(folder: Path) -> Path:
    return folder / DATABASE_FILE


def clients_folder(folder: Path) -> Path:
    """Where coach mode keeps one encrypted file per client."""
    return folder / CLIENTS_FOLDER


def client_file_path(folder: Path, client_id: str) -> Path:
    """The encrypted file of one client; `client_id` is 16 lowercase hex digits."""
    if len(client_id) != 16 or any(c not in "0123456789abcdef" for c in client_id):
        raise ValueError("a client id is 16 lowercase hex digits")
    return clients_folder(folder) / f"{client_id}{CLIENT_FILE_SUFFIX}"


def last_good_path(path: Path) -> Path:
    """The last good copy of the data file at `path`."""
    return path.with_name(path.name + LAST_GOOD_SUFFIX)


def temp_path(path: Path, pid: int) -> Path:
    """Where process `pid` writes a new `path` before renaming it into place."""
    return path.with_name(f".{path.name}.{pid}.tmp")


def is_temp_of(name: str, file_name: str) -> bool:
    """True when `name` is a temp file written for `file_name` (see `temp_path`)."""
    return name.startswith(f".{file_name}.") and name.endswith(".tmp")


def is_damaged_copy(name: str) -> bool:
    """True when `name` is a damaged database set aside."""
    return name.startswith(DATABASE_FILE + DAMAGED_INFIX)
