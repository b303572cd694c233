"""After quick exit: a plain, empty notes screen that says nothing about Bridge."""

from __future__ import annotations

from typing import TYPE_CHECKING

import flet as ft

from bridge.ui import theme

if TYPE_CHECKING:
    from bridge.ui.app import BridgeApp


def build(app: BridgeApp) -> ft.View:
    t = app.t
    return ft.View(
        route="/neutral",
        appbar=ft.AppBar(title=ft.Text(t("neutral.title")), automatically_imply_leading=False),
        floating_action_button=ft.FloatingActionButton(
            icon=ft.Icon(ft.Icons.ADD, semantics_label=t("neutral.new")),
            on_click=lambda _: app.leave_neutral(),
        ),
        controls=[
            ft.Container(
                expand=True,
                alignment=ft.Alignment.CENTER,
                content=ft.Text(t("neutral.empty"), size=17, color=theme.NEUTRAL_TEXT),
            )
        ],
    )
