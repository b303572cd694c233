"""The app bar every screen shares: its title, quick exit and the way to settings."""

from __future__ import annotations

from typing import TYPE_CHECKING

import flet as ft

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


def app_bar(app: BridgeApp, title: str, *, settings: bool = True) -> ft.AppBar:
    actions: list[ft.Control] = [quick_exit_button(app)]
    if settings:
        actions.append(
            ft.IconButton(
                icon=ft.Icon(ft.Icons.SETTINGS, semantics_label=app.t("settings.title")),
                tooltip=app.t("settings.title"),
                on_click=lambda _: app.go("/settings"),
            )
        )
    return ft.AppBar(title=ft.Text(title), actions=actions)
