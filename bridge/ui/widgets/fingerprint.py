"""The short code client and coach compare aloud: big, in groups, easy to read out."""

from __future__ import annotations

from typing import TYPE_CHECKING

import flet as ft

from bridge.sharing import Coach
from bridge.ui import theme
from bridge.ui.layout import muted

if TYPE_CHECKING:
    from bridge.ui.app import BridgeApp


def fingerprint_box(app: BridgeApp, coach: Coach) -> ft.Control:
    """The short code both compare aloud in a session: big, in groups, easy to read out."""
    t = app.t
    return ft.Container(
        bgcolor=theme.SELECTED_BG,
        border_radius=12,
        padding=14,
        content=ft.Column(
            [
                ft.Text(
                    t("share.pair.fingerprint", code=coach.fingerprint),
                    size=20,
                    weight=ft.FontWeight.BOLD,
                ),
                muted(t("share.pair.fingerprint_help")),
            ],
            spacing=6,
        ),
    )
