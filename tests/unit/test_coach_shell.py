"""The coach's side of the shell, built without a browser: which screens carry the coach badge,
the coach's own navigation, and the app bar of a coach's screen."""

from __future__ import annotations

from collections.abc import Iterator
from types import SimpleNamespace

import flet as ft
import pytest

from bridge.i18n import Translator, load_catalog
from bridge.ui.coach_routes import ALL_ROUTES
from bridge.ui.widgets.coach_badge import is_coach_screen
from bridge.ui.widgets.main_nav import COACH_SECTIONS, SECTIONS, sections_of
from bridge.ui.widgets.scaffold import screen, section_of

BADGE = "Coachmodus: dit is de app van de coach"


def fake_app(mode: str, *, wide: bool = False) -> SimpleNamespace:
    gone: list[str] = []
    return SimpleNamespace(
        t=Translator(load_catalog(), "nl"),
        routes=ALL_ROUTES,
        mode=mode,
        wide=wide,
        went=gone,
        go=gone.append,
        quick_exit=lambda: gone.append("quick exit"),
    )


def walk(control: object) -> Iterator[object]:
    yield control
    for name in ("controls", "content", "title", "actions", "destinations"):
        child = getattr(control, name, None)
        if isinstance(child, list):
            for c in child:
                yield from walk(c)
        elif isinstance(child, ft.Control):
            yield from walk(child)


def labels(view: ft.View) -> set[str]:
    found = set()
    for part in (view.appbar, *view.controls):
        for c in walk(part):
            if isinstance(c, ft.Semantics) and c.label:
                found.add(c.label)
    return found


@pytest.mark.parametrize(
    ("mode", "route", "coach"),
    [
        ("coach", "/coach", True),
        ("coach", "/coach/client/c1", True),
        ("client", "/coach/key", True),  # a coach route is a coach's screen on any device
        ("coach", "/unlock", True),  # the lock screen of a coach's device
        ("coach", "/welcome", True),
        ("coach", "/damaged", True),
        ("client", "/unlock", False),
        ("client", "/", False),
        ("client", "/goals", False),
        ("coach", "/nowhere", False),
    ],
)
def test_which_screens_carry_the_badge(mode: str, route: str, coach: bool) -> None:
    assert is_coach_screen(fake_app(mode), route) is coach


def test_the_coach_has_its_own_sections() -> None:
    assert [route for route, _, _ in COACH_SECTIONS] == [
        "/coach",
        "/coach/import",
        "/coach/figures",
        "/coach/key",
        "/coach/settings",
    ]
    assert sections_of("/coach/key") is COACH_SECTIONS and sections_of("/goals") is SECTIONS
    assert section_of("/coach/client/c1") == "/coach"  # the client page is under Cliënten
    assert section_of("/coach/import") == "/coach/import"
    assert section_of("/coach/figures") == "/coach/figures"
    assert section_of("/goal/g1") == "/goals"


def test_a_coach_screen_on_a_phone_has_the_badge_and_the_coach_bar() -> None:
    app = fake_app("coach")
    view = screen(app, "/coach/key", "Mijn sleutel", [ft.Text("x")], tab="/coach/key")
    assert BADGE in labels(view)
    bar = view.navigation_bar
    assert isinstance(bar, ft.NavigationBar) and bar.selected_index == 3
    assert [d.label for d in bar.destinations] == [
        "Cliënten",
        "Importeren",
        "Cijfers",
        "Mijn sleutel",
        "Instellingen",
    ]
    bar.on_change(SimpleNamespace(control=SimpleNamespace(selected_index=4)))
    assert app.went == ["/coach/settings"]
    # Settings in the app bar of a coach's screen go to the coach's settings.
    sub = screen(app, "/coach/client/c1", "Cliënt", [ft.Text("x")])
    settings = [a for a in sub.appbar.actions if a.tooltip == "Instellingen"]
    settings[0].on_click(None)
    assert app.went[-1] == "/coach/settings"
    # Quick exit is there too.
    assert [a for a in sub.appbar.actions if a.tooltip == "Snel weg"]


def test_a_coach_screen_on_a_laptop_has_the_rail() -> None:
    view = screen(fake_app("coach", wide=True), "/coach", "Cliënten", [ft.Text("x")], tab="/coach")
    rails = [c for c in walk(view.controls[0]) if isinstance(c, ft.NavigationRail)]
    assert len(rails) == 1 and rails[0].selected_index == 0
    assert len(rails[0].destinations) == 5
    assert view.navigation_bar is None


def test_the_lock_screen_of_a_coach_device_shows_the_badge_and_a_client_device_does_not() -> None:
    coach = screen(fake_app("coach"), "/unlock", None, [ft.Text("x")])
    client = screen(fake_app("client"), "/unlock", None, [ft.Text("x")])
    assert coach.appbar is None and BADGE in labels(coach)
    assert BADGE not in labels(client)
    home = screen(fake_app("client"), "/", "Jouw brug", [ft.Text("x")], tab="/")
    assert BADGE not in labels(home)
