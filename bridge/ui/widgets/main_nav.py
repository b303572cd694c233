"""The way between the main screens (my bridge, my goals, sharing with my coach): a bar at the
bottom on a phone, a rail at the left on a laptop."""

from __future__ import annotations

from typing import TYPE_CHECKING

import flet as ft

if TYPE_CHECKING:
    from bridge.ui.app import BridgeApp

SECTIONS = (
    ("/", ft.Icons.ACCOUNT_BALANCE, "nav.bridge"),
    ("/goals", ft.Icons.FLAG, "nav.goals"),
    ("/share", ft.Icons.SEND, "nav.share"),
)
ROUTES = tuple(route for route, _, _ in SECTIONS)


def _go(app: BridgeApp, index: int | None) -> None:
    if index is not None:
        app.go(ROUTES[index])


def main_nav(app: BridgeApp, current: str) -> ft.NavigationBar:
    return ft.NavigationBar(
        selected_index=ROUTES.index(current),
        on_change=lambda e: _go(app, e.control.selected_index),
        destinations=[
            ft.NavigationBarDestination(icon=icon, label=app.t(key)) for _, icon, key in SECTIONS
        ],
    )


def main_rail(app: BridgeApp, current: str) -> ft.NavigationRail:
    return ft.NavigationRail(
        selected_index=ROUTES.index(current),
        label_type=ft.NavigationRailLabelType.ALL,
        min_width=96,
        on_change=lambda e: _go(app, e.control.selected_index),
        destinations=[
            ft.NavigationRailDestination(icon=icon, label=app.t(key)) for _, icon, key in SECTIONS
        ],
    )
