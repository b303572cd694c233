"""Settings: the language, and the way to privacy (passcode, auto-lock, backup, delete)."""

from __future__ import annotations

from typing import TYPE_CHECKING

import flet as ft

from bridge.ui.layout import heading, secondary_button
from bridge.ui.widgets.language_choices import language_choices
from bridge.ui.widgets.scaffold import screen

if TYPE_CHECKING:
    from bridge.ui.app import BridgeApp


def build(app: BridgeApp) -> ft.View:
    t = app.t
    return screen(
        app,
        "/settings",
        t("settings.title"),
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
        ],
        settings=False,
    )
