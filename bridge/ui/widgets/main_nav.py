"""The way between the main screens: a bar at the bottom on a phone, a rail at the left on a
laptop. Each side has its own sections: the client's (my bridge, my goals, sharing with my
coach) and the coach's (clients, importing, figures, my key, settings)."""

from __future__ import annotations

from typing import TYPE_CHECKING

import flet as ft

if TYPE_CHECKING:
    from bridge.ui.app import BridgeApp

Section = tuple[str, ft.IconData, str]

SECTIONS: tuple[Section, ...] = (
    ("/", ft.Icons.ACCOUNT_BALANCE, "nav.bridge"),
    ("/goals", ft.Icons.FLAG, "nav.goals"),
    ("/share", ft.Icons.SEND, "nav.share"),
)
COACH_SECTIONS: tuple[Section, ...] = (
    ("/coach", ft.Icons.PEOPLE, "coach.nav.clients"),
    ("/coach/import", ft.Icons.DOWNLOAD, "coach.nav.import"),
    ("/coach/figures", ft.Icons.BAR_CHART, "coach.nav.figures"),
    ("/coach/key", ft.Icons.KEY, "coach.nav.key"),
    ("/coach/settings", ft.Icons.SETTINGS, "coach.nav.settings"),
)
ROUTES = tuple(route for route, _, _ in SECTIONS)


def sections_of(current: str) -> tuple[Section, ...]:
    """The sections `current` (a section's route) is one of."""
    return COACH_SECTIONS if current.startswith("/coach") else SECTIONS


def _go(app: BridgeApp, sections: tuple[Section, ...], index: int | None) -> None:
    if index is not None:
        app.go(sections[index][0])


def _index(sections: tuple[Section, ...], current: str) -> int:
    return [route for route, _, _ in sections].index(current)


def main_nav(app: BridgeApp, current: str) -> ft.NavigationBar:
    sections = sections_of(current)
    return ft.NavigationBar(
        selected_index=_index(sections, current),
        on_change=lambda e: _go(app, sections, e.control.selected_index),
        destinations=[
            ft.NavigationBarDestination(icon=icon, label=app.t(key)) for _, icon, key in sections
        ],
    )


def main_rail(app: BridgeApp, current: str) -> ft.NavigationRail:
    sections = sections_of(current)
    return ft.NavigationRail(
        selected_index=_index(sections, current),
        label_type=ft.NavigationRailLabelType.ALL,
        min_width=96,
        on_change=lambda e: _go(app, sections, e.control.selected_index),
        destinations=[
            ft.NavigationRailDestination(icon=icon, label=app.t(key)) for _, icon, key in sections
        ],
    )
