"""The app bar every screen shares: its title, quick exit and the way to settings. On a coach's
screen the title carries the coach badge."""

from __future__ import annotations

from typing import TYPE_CHECKING

import flet as ft

from bridge.ui.widgets.coach_badge import coach_badge

if TYPE_CHECKING:
    from bridge.ui.app import BridgeApp


def quick_exit_button(app: BridgeApp) -> ft.Control:
    """On every screen: one tap hides everything behind a neutral screen and locks the data."""
    return ft.IconButton(
        icon=ft.Icon(ft.Icons.VISIBILITY_OFF, semantics_label=app.t("quick_exit.label")),
        tooltip=app.t("quick_exit.label"),
        on_click=lambda _: app.quick_exit(),
        icon_size=26,
    )


def app_bar(app: BridgeApp, title: str, *, settings: bool = True, coach: bool = False) -> ft.AppBar:
    """`coach`: a coach's screen: the badge before the title, settings go to the coach's."""
    actions: list[ft.Control] = [quick_exit_button(app)]
    if settings:
        target = "/coach/settings" if coach else "/settings"
        actions.append(
            ft.IconButton(
                icon=ft.Icon(ft.Icons.SETTINGS, semantics_label=app.t("settings.title")),
                tooltip=app.t("settings.title"),
                on_click=lambda _: app.go(target),
            )
        )
    heading: ft.Control = ft.Text(title)
    if coach:
        heading = ft.Row(
            [coach_badge(app), ft.Text(title, expand=True, overflow=ft.TextOverflow.ELLIPSIS)],
            spacing=10,
            tight=True,
        )
    return ft.AppBar(title=heading, actions=actions)
