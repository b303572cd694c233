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
DATABASE_FILE = "bridge.db"


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
