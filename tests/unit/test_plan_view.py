"""'Wat we afspraken' as built, without a page: the coach's view only when it was sent, a step
made into a goal says so instead of offering it again, and each step's button names its step."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, date, datetime
from types import SimpleNamespace

import flet as ft

from bridge.content import load_bridge
from bridge.i18n import Translator, load_catalog
from bridge.sharing.plan import AgreedStep, Plan
from bridge.sharing.plans import ReceivedPlan
from bridge.ui.widgets.plan_view import plan_details

CONTENT = load_bridge()
T = Translator(load_catalog(), "nl")
APP = SimpleNamespace(t=T, content=CONTENT)


def received(**changes: object) -> ReceivedPlan:
    fields: dict[str, object] = {
        "client_id": "0123456789abcdef",
        "session_date": date(2026, 12, 1),
        "steps": (AgreedStep("Bellen", "housing"), AgreedStep("Wandelen")),
    }
    used = changes.pop("used", frozenset())
    fields.update(changes)
    return ReceivedPlan(
        plan_id="p1",
        plan=Plan(**fields),  # type: ignore[arg-type]
        coach_id="c1",
        coach_name="Marieke",
        received_at=datetime(2026, 12, 2, 9, 0, tzinfo=UTC),
        text="# Wat we afspraken",
        used=used,  # type: ignore[arg-type]
    )


def walk(control: object) -> Iterator[object]:
    yield control
    for child in getattr(control, "controls", None) or []:
        yield from walk(child)
    inner = getattr(control, "content", None)
    if isinstance(inner, ft.Control):
        yield from walk(inner)


def texts(controls: list[ft.Control]) -> list[str]:
    return [str(c.value) for top in controls for c in walk(top) if isinstance(c, ft.Text)]


def buttons(controls: list[ft.Control]) -> list[ft.OutlinedButton]:
    return [c for top in controls for c in walk(top) if isinstance(c, ft.OutlinedButton)]


def test_the_coachs_view_shows_only_when_it_was_sent() -> None:
    without = texts(plan_details(APP, received(), lambda i: None))  # type: ignore[arg-type]
    assert "Hoe Marieke het ziet" not in without
    assert not any(line.startswith("Wonen: stap") for line in without)
    with_view = texts(
        plan_details(APP, received(coach_view={"housing": 2}), lambda i: None)  # type: ignore[arg-type]
    )
    assert "Hoe Marieke het ziet" in with_view
    label = T.pick(CONTENT.area("housing").step(2).label)
    assert f"Wonen: stap 2, {label}" in with_view


def test_recognition_and_the_next_meeting_show_when_there_are_any() -> None:
    bare = texts(plan_details(APP, received(), lambda i: None))  # type: ignore[arg-type]
    assert "Marieke wil je dit zeggen" not in bare
    assert not any(line.startswith("Jullie volgende afspraak") for line in bare)
    full = texts(
        plan_details(
            APP,  # type: ignore[arg-type]
            received(recognition="Goed gedaan.", next_meeting=date(2026, 12, 15)),
            lambda i: None,
        )
    )
    assert "Goed gedaan." in full
    assert "Jullie volgende afspraak: di 15 december 2026" in full
    assert "Van Marieke, na jullie gesprek op 1 december 2026." in full


def test_a_step_made_into_a_goal_is_not_offered_again() -> None:
    chosen: list[int] = []
    controls = plan_details(APP, received(used=frozenset({0})), chosen.append)  # type: ignore[arg-type]
    assert texts(controls).count("Je hebt hier een doel van gemaakt") == 1
    [button] = buttons(controls)  # only the second step still has one
    assert button.content.value == "Maak hier een eigen doel van"  # type: ignore[union-attr]
    button.on_click(None)  # type: ignore[misc]
    assert chosen == [1]
