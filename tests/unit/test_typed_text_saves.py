"""Typed text is saved when the person pauses or leaves, not on every keystroke, and nothing
typed is lost: leaving the screen, locking and quick exit run what waits first."""

from __future__ import annotations

from collections.abc import Callable, Hashable
from datetime import UTC, datetime
from typing import Any

from bridge.content import load_bridge
from bridge.domain.assessment import Assessment
from bridge.ui.filling import FillSession
from bridge.ui.shell.pending import PendingSaves

CONTENT = load_bridge()


class Repo:
    def __init__(self, draft: Assessment) -> None:
        self.stored = draft
        self.writes = 0

    def assessment(self, _id: str) -> Assessment:
        return self.stored

    def save_assessment(self, assessment: Assessment) -> None:
        self.writes += 1
        self.stored = assessment


class FakeApp:
    """The parts of the session FillSession uses; the pause timer is left out on purpose."""

    def __init__(self, repo: Repo) -> None:
        self.repo = repo
        self.pending = PendingSaves()

    def data(self) -> Repo:
        return self.repo

    def save(self, action: Callable[[Any], object]) -> bool:
        action(self.repo)
        return True

    def save_later(self, key: Hashable, save: Callable[[], object]) -> None:
        self.pending.defer(key, save)

    def flush(self) -> None:
        self.pending.flush()


def session() -> tuple[FillSession, FakeApp, Repo]:
    draft = Assessment.start(CONTENT.area_ids, datetime(2026, 12, 1, tzinfo=UTC))
    repo = Repo(draft)
    app = FakeApp(repo)
    return FillSession(app, draft), app, repo  # type: ignore[arg-type]


def test_keystrokes_wait_and_the_last_text_is_saved_once() -> None:
    fill, app, repo = session()
    text = ""
    for letter in "Ik zoek een huis":
        text += letter
        assert (
            fill.update_later("note:housing", lambda d, t=text: d.with_note("housing", t)) is None
        )
    assert repo.writes == 0  # nothing written per keystroke
    assert fill.draft.answer("housing").note == "Ik zoek een huis"  # the screen has it all
    app.flush()  # the person paused, left the field, or the screen
    assert repo.writes == 1
    assert repo.stored.answer("housing").note == "Ik zoek een huis"


def test_a_too_long_note_is_refused_at_once_and_the_last_valid_one_waits() -> None:
    fill, app, repo = session()
    fill.update_later("note:housing", lambda d: d.with_note("housing", "kort"))
    problem = fill.update_later("note:housing", lambda d: d.with_note("housing", "x" * 2000))
    assert problem is not None
    app.flush()
    assert repo.stored.answer("housing").note == "kort"


def test_moving_on_saves_what_waits_with_the_new_position() -> None:
    fill, app, repo = session()
    fill.update_later("note:housing", lambda d: d.with_note("housing", "een notitie"))
    fill.update(lambda d: d.at("housing"))
    app.flush()
    assert repo.stored.answer("housing").note == "een notitie"
    assert repo.stored.position == "housing"
