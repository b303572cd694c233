"""Steps several end-to-end tests share, written as a person would do them."""

from __future__ import annotations

import json
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from bridge.locations import database_path
from bridge.storage.encrypted import unlock
from bridge.storage.errors import StorageError
from tests.e2e.harness import Person

PASSCODE = "246810"


def first_start(person: Person, passcode: str = PASSCODE) -> None:
    """Welcome, then the passcode: the way every new client begins."""
    person.open()
    person.tap("Beginnen")
    person.see("Kies een code")
    person.type_into("Nieuwe code", passcode)
    person.type_into("Nog een keer dezelfde code", passcode)
    person.tap("Bewaar mijn code")
    person.see("Vul je brug in")


def unlock_app(person: Person, passcode: str = PASSCODE) -> None:
    person.see("Welkom terug")
    person.type_into("Je code", passcode)
    person.tap("Openen")


def stored(folder: Path, passcode: str = PASSCODE) -> dict[str, Any]:
    """What the app saved, read the only way it can be: with the passcode."""
    codec = unlock(folder, passcode)
    return codec.decode(database_path(folder).read_bytes())


def draft_when(
    folder: Path, check: Callable[[dict[str, Any]], bool], timeout: float = 30.0
) -> dict[str, Any]:
    """Waits until the bridge being filled in, as saved, passes `check` (a save lands a round
    trip after the tap); polls with a deadline instead of hoping a fixed pause was enough."""
    deadline = time.monotonic() + timeout
    while True:
        try:
            drafts = [
                a for a in stored(folder)["assessments"].values() if not a.get("completed_at")
            ]
            if drafts and check(drafts[-1]):
                return drafts[-1]
        except (StorageError, OSError, ValueError, KeyError):
            pass  # not written yet
        if time.monotonic() > deadline:
            raise AssertionError("the app did not save what the test waited for")
        time.sleep(0.1)  # a poll interval, bounded by the deadline above


def plain_json_files(folder: Path) -> list[Path]:
    """Files in the data folder that are readable JSON (only the language preference may be)."""
    found = []
    for path in folder.iterdir():
        try:
            json.loads(path.read_text(encoding="utf-8"))
        except (UnicodeDecodeError, ValueError, IsADirectoryError):
            continue
        found.append(path)
    return found
