"""Shared pieces for the storage tests: cheap scrypt, sample data with words to look for."""

from __future__ import annotations

import json
from datetime import UTC, datetime
from pathlib import Path

from bridge.crypto.at_rest import ScryptParams
from bridge.domain.assessment import Assessment, Helper
from bridge.storage.repository import Repository

#: scrypt N = 2**10 (about 2 ms): the format is the same, only the cost differs.
FAST = ScryptParams(log_n=10)
PASSCODE = "246810"
OTHER_PASSCODE = "lange zin met spaties"

AREAS = ("housing", "family", "health", "network", "debts", "savings", "education", "work")
T0 = datetime(2026, 3, 1, 10, 0, tzinfo=UTC)

#: Words that must never be found in any file on disk once a passcode is set.
SECRET_NOTE = "Zwanenburgsteeg-geheim"
SECRET_SETTING = "Schuldhulp-Xq7-afspraak"
SECRET_GOAL = "Ærøskøbing-café-spaarpot"
SECRET_WORDS = (SECRET_NOTE, SECRET_SETTING, SECRET_GOAL)


def sample(note: str = SECRET_NOTE, when: datetime = T0) -> Assessment:
    a = Assessment.start(AREAS, when).with_stress(7)
    for n, area in enumerate(AREAS):
        a = a.with_step(area, n % 5 + 1)
    a = a.with_priority("debts", True).with_discuss("housing", True)
    return a.with_helper("work", Helper.NETWORK).with_note("health", note)


def forms_of(word: str) -> list[bytes]:
    """How a word could appear in a file: UTF-8, JSON's ASCII escapes, UTF-16."""
    return sorted(
        {
            word.encode("utf-8"),
            json.dumps(word)[1:-1].encode("ascii"),
            word.encode("utf-16-le"),
        }
    )


def files_containing(folder: Path, words: tuple[str, ...] = SECRET_WORDS) -> dict[str, str]:
    """Every file under `folder` (hidden temp files too) that holds one of `words`."""
    found: dict[str, str] = {}
    for path in folder.rglob("*"):
        if path.is_file():
            raw = path.read_bytes()
            for word in words:
                if any(form in raw for form in forms_of(word)):
                    found[path.name] = word
    return found


class Clock:
    """A clock the tests move by hand."""

    def __init__(self, now: float = 1_800_000_000.0) -> None:
        self.now = now

    def __call__(self) -> float:
        return self.now


def fill(repo: Repository) -> None:
    """Saves data that holds every secret word."""
    repo.save_assessment(sample())
    repo.save_assessment(sample(note=SECRET_NOTE + " tweede", when=sample().started_at))
    repo.set_setting("coach_note", SECRET_SETTING)
    repo.put_record("journal", "g1", {"schema": 1, "title": SECRET_GOAL})


def snapshot(folder: Path) -> dict[str, bytes]:
    """Every file in `folder`, by name, with its bytes."""
    return {p.name: p.read_bytes() for p in folder.iterdir() if p.is_file()}
