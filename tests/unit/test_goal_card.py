"""The steps line on a goal card and goal page: a check only for a step done; finished says so."""

from collections.abc import Iterator
from datetime import UTC, datetime
from types import SimpleNamespace

import flet as ft
import pytest

from bridge.domain.goals import CheckInResult, Goal, StepPlan
from bridge.i18n import Translator, load_catalog
from bridge.ui.widgets.goal_card import progress_line

T0 = datetime(2026, 3, 2, 10, 0, tzinfo=UTC)
AREAS = ("housing", "family")


@pytest.fixture
def app() -> SimpleNamespace:
    return SimpleNamespace(t=Translator(load_catalog(), "nl"))


def walk(control: ft.Control) -> Iterator[ft.Control]:
    yield control
    for child in getattr(control, "controls", None) or []:
        yield from walk(child)


def icons(control: ft.Control) -> set[object]:
    return {c.icon for c in walk(control) if isinstance(c, ft.Icon)}


def texts(control: ft.Control) -> list[str]:
    return [str(c.value) for c in walk(control) if isinstance(c, ft.Text)]


def started() -> Goal:
    goal = Goal.start("housing", T0, AREAS).with_answers(step=StepPlan(what="bellen"))
    return goal.activate([], T0)


def test_a_new_goal_has_no_check(app):
    line = progress_line(app, started())
    assert ft.Icons.CHECK_CIRCLE not in icons(line)
    assert texts(line) == ["Je eerste stap komt nog"]


def test_a_done_step_gets_the_check_and_the_count(app):
    goal = started()
    goal = goal.check_in(goal.current_step.id, CheckInResult.DONE, T0)
    line = progress_line(app, goal)
    assert ft.Icons.CHECK_CIRCLE in icons(line)
    assert texts(line) == ["1 stap gelukt"]


def test_a_finished_goal_says_it_is_finished(app):
    line = progress_line(app, started().finish(T0))
    assert ft.Icons.CHECK_CIRCLE not in icons(line)
    assert texts(line) == ["Dit doel is afgerond."]
    done = started()
    done = done.check_in(done.current_step.id, CheckInResult.DONE, T0).finish(T0)
    assert texts(progress_line(app, done)) == ["Dit doel is afgerond.", "1 stap gelukt"]
