"""The few preferences needed before the data is unlocked (the language of the lock screen,
and whether this is a client's or a coach's device).

They live in a small plain file next to the encrypted database, so the lock screen can
speak the person's language and show the coach badge. Nothing personal goes here: only the
language code and the mode ("client" or "coach").
"""

from __future__ import annotations

import json
from pathlib import Path

from bridge.locations import FOLDER_MODE, PREFS_FILE
from bridge.storage.atomic_file import write_atomic
from bridge.storage.errors import StorageError

__all__ = ["ALLOWED", "PREFS_FILE", "read_prefs", "write_pref"]

ALLOWED = {"language", "mode"}


def read_prefs(folder: Path) -> dict[str, str]:
    try:
        raw = json.loads((folder / PREFS_FILE).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}  # missing or unreadable: the defaults do
    if not isinstance(raw, dict):
        return {}
    return {k: v for k, v in raw.items() if k in ALLOWED and isinstance(v, str)}


def write_pref(folder: Path, key: str, value: str) -> None:
    if key not in ALLOWED:
        raise ValueError(f"{key!r} is not a preference that may be stored unencrypted")
    prefs = read_prefs(folder)
    prefs[key] = value
    try:
        folder.mkdir(parents=True, exist_ok=True, mode=FOLDER_MODE)
    except OSError as exc:
        raise StorageError(f"cannot create the data folder: {exc}") from exc
    write_atomic(folder / PREFS_FILE, json.dumps(prefs).encode("utf-8"))
