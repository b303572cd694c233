"""The short code client and coach compare aloud: big, in groups, easy to read out."""

from __future__ import annotations

from typing import TYPE_CHECKING

import flet as ft

from bridge.sharing import Coach
from bridge.ui import theme
from bridge.ui.layout import muted

if TYPE_CHECKING:
    from bridge.ui.app import BridgeApp


def code_box(text: str, help_text: str, *, size: int = 20, title: str | None = None) -> ft.Control:
    """A code to compare aloud (`text` holds it), with one plain line on what to do.

    `title`: a line above, so the code itself stands alone in large type."""
    lines: list[ft.Control] = [ft.Text(title, size=17)] if title is not None else []
    lines += [ft.Text(text, size=size, weight=ft.FontWeight.BOLD), muted(help_text)]
    return ft.Container(
        bgcolor=theme.SELECTED_BG,
        border_radius=12,
        padding=14,
        content=ft.Column(lines, spacing=6),
    )


def fingerprint_box(app: BridgeApp, coach: Coach) -> ft.Control:
    """The short code both compare aloud in a session: big, in groups, easy to read out."""
    t = app.t
    return code_box(
        t("share.pair.fingerprint", code=coach.fingerprint), t("share.pair.fingerprint_help")
    )
