"""Settings: the language, and the way to privacy (passcode, auto-lock, backup, delete)."""

from __future__ import annotations

from typing import TYPE_CHECKING

import flet as ft

from bridge.ui.layout import centered, heading, secondary_button
from bridge.ui.screens.common import app_bar
from bridge.ui.screens.welcome import language_choices

if TYPE_CHECKING:
    from bridge.ui.app import BridgeApp


def build(app: BridgeApp) -> ft.View:
    t = app.t
    return ft.View(
        route="/settings",
        appbar=app_bar(app, t("settings.title"), settings=False),
        scroll=ft.ScrollMode.AUTO,
        padding=ft.Padding.all(16),
        controls=[
            centered(
                [
                    heading(t("settings.language"), size=22),
                    *language_choices(app),
                    ft.Divider(),
                    heading(t("privacy.title"), size=22),
                    secondary_button(
                        t("settings.privacy"),
                        lambda _: app.go("/settings/privacy"),
                        icon=ft.Icons.SHIELD,
                    ),
                ]
            )
        ],
    )
