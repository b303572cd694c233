"""A client whose summary cannot fit (hundreds of goals with the longest titles) is told so on the
share screen, takes the way out it offers, and shares a summary the coach's app opens."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from bridge.crypto import X25519Identity
from bridge.domain.goal_answers import TEXT_MAX_CHARS
from bridge.domain.goals import Goal, StepPlan
from bridge.sharing import open_summary, pair_coach
from bridge.sharing.size import SEALED_BUDGET
from bridge.storage import goals_store
from bridge.storage.holder import DataHolder
from tests.e2e.harness import AppServer, Person
from tests.e2e.steps import PASSCODE, unlock_app
from tests.sharing.helpers import snapshot

COACH = X25519Identity.generate()
WHEN = datetime.now(UTC) - timedelta(days=400)
TITLE = ("Ik wil mijn huis en mijn geld op orde, stap voor stap. " * 10)[:TEXT_MAX_CHARS]


def seed_client(folder: Path) -> None:
    """A client with a bridge, a paired coach and 220 finished goals of the longest title."""
    holder = DataHolder(folder)
    repo = holder.set_up(PASSCODE)
    repo.save_assessment(snapshot(WHEN, stress=6))
    pair_coach(repo, "Marieke", COACH.recipient.to_string())
    records = {}
    for n in range(220):
        at = WHEN + timedelta(days=n)
        goal = (
            Goal.start("housing", at)
            .with_answers(desire=f"{n} {TITLE}"[:TEXT_MAX_CHARS], step=StepPlan(what="Bellen"))
            .activate([], at)
            .finish(at + timedelta(days=1))
        )
        records[goal.id] = goals_store.goal_to_record(goal)
    repo.put_records(goals_store.TABLE, records)
    holder.lock()
    holder.close()


@pytest.fixture
def server(data_dir: Path, shots_dir: Path) -> Iterator[AppServer]:
    seed_client(data_dir)
    app = AppServer(data_dir, shots_dir).start()
    yield app
    app.stop()


def test_a_summary_that_does_not_fit_says_so_and_the_way_out_shares_it(phone: Person):
    phone.open()
    unlock_app(phone)
    phone.tab("Delen")
    phone.see("Deze samenvatting is te groot om te delen, ook ingekort. Er is niets gemaakt.")
    phone.see("Deel minder, dan wordt het bestand kleiner.")
    phone.page.mouse.move(195, 500)
    phone.page.mouse.wheel(0, 3000)  # the notice stands where the preview would
    phone.frames(4)
    phone.shot("does-not-fit")

    phone.tap("Deel zonder doelen")
    phone.see("Je doelen deel je niet.")
    phone.see("Je brug van " + f"{WHEN.astimezone().day} ", timeout=10_000)
    phone.shot("without-goals")
    phone.context.grant_permissions(["clipboard-read", "clipboard-write"])
    phone.tap("Maak de samenvatting")
    phone.see("Je samenvatting is klaar")
    phone.tap("Kopiëren")
    phone.see("Gekopieerd. Plak het in een bericht aan je coach.")
    armored = phone.page.evaluate("navigator.clipboard.readText()")
    assert len(armored.encode()) <= SEALED_BUDGET
    opened = open_summary(armored, COACH)
    assert opened.payload.goals is None and opened.payload.bridge is not None
