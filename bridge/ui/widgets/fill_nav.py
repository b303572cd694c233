"""The progress bar and the back / next buttons under every fill-in screen."""

from __future__ import annotations

from typing import TYPE_CHECKING

import flet as ft

from bridge.domain.assessment import Assessment, fill_positions
from bridge.ui import theme
from bridge.ui.layout import primary_button, secondary_button

if TYPE_CHECKING:
    from bridge.ui.app import BridgeApp
    from bridge.ui.filling import FillSession


def progress(app: BridgeApp, draft: Assessment) -> ft.Control:
    order = fill_positions(draft.area_ids)
    index = order.index(draft.position) if draft.position in order else 0
    total = len(order) - 1
    return ft.Column(
        [
            ft.ProgressBar(
                value=index / total,
                bar_height=8,
                border_radius=4,
                color=theme.STEP_FILLED,
                bgcolor=theme.STEP_EMPTY,
                semantics_label=app.t("fill.progress", n=index, total=total),
            ),
        ]
    )


def nav_buttons(
    app: BridgeApp, session: FillSession, *, next_label: str | None = None
) -> ft.Control:
    t = app.t
    return ft.Row(
        alignment=ft.MainAxisAlignment.SPACE_BETWEEN,
        controls=[
            secondary_button(t("fill.back"), lambda _: session.move(-1), icon=ft.Icons.ARROW_BACK),
            primary_button(
                next_label or t("fill.next"), lambda _: session.move(1), icon=ft.Icons.ARROW_FORWARD
            ),
        ],
    )
