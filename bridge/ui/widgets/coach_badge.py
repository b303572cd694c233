"""The coach badge: on every screen of a coach's device, so a coach never mistakes their own
app for a client's (and a client never thinks they are in the coach's app)."""

from __future__ import annotations

from typing import TYPE_CHECKING

import flet as ft

from bridge.ui import theme
from bridge.ui.shell.routing import COACH, Access

if TYPE_CHECKING:
    from bridge.ui.app import BridgeApp

BADGE_BG = "#5B3F9A"  # the same calm violet as 'wil bespreken', white text: contrast 8.6:1
BADGE_TEXT = "#FFFFFF"


def is_coach_screen(app: BridgeApp, route: str) -> bool:
    """A coach route, or a shared screen (lock, first start) on a coach's device."""
    found = app.routes.match(route)
    if found is None:
        return False
    if found.route.side == COACH:
        return True
    return found.route.access is not Access.DATA and app.mode == COACH


def coach_badge(app: BridgeApp, *, size: int = 15) -> ft.Control:
    """A label (not a button): an icon and "Coach", read out as "Coachmodus"."""
    label = app.t("coach.badge")
    badge = ft.Container(
        content=ft.Row(
            [
                ft.Icon(ft.Icons.SUPERVISOR_ACCOUNT, color=BADGE_TEXT, size=size + 5),
                ft.Text(label, color=BADGE_TEXT, size=size, weight=ft.FontWeight.BOLD),
            ],
            spacing=6,
            tight=True,
        ),
        bgcolor=BADGE_BG,
        border_radius=16,
        padding=ft.Padding.symmetric(horizontal=10, vertical=4),
    )
    return ft.Semantics(label=app.t("coach.badge_label"), content=badge)


def coach_banner(app: BridgeApp) -> ft.Control:
    """For a coach's screen without an app bar (lock, first start): the badge and one line."""
    return ft.Row(
        [coach_badge(app, size=16), ft.Text(app.t("coach.banner"), size=15, color=theme.MUTED)],
        wrap=True,
        spacing=10,
        vertical_alignment=ft.CrossAxisAlignment.CENTER,
    )
