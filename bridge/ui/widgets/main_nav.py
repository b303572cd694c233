"""The bar at the bottom of the main screens: my bridge, my goals, sharing with my coach."""

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


def main_nav(app: BridgeApp, current: str) -> ft.NavigationBar:
    routes = [route for route, _, _ in SECTIONS]

    def changed(e: ft.Event[ft.NavigationBar]) -> None:
        app.go(routes[e.control.selected_index])

    return ft.NavigationBar(
        selected_index=routes.index(current),
        on_change=changed,
        destinations=[
            ft.NavigationBarDestination(icon=icon, label=app.t(key)) for _, icon, key in SECTIONS
        ],
    )
