"""List and detail side by side on a laptop: the caseload on the left (its own lazy scrolling),
a client's page on the right (scrolling on its own)."""

from __future__ import annotations

import flet as ft

from bridge.ui.widgets.coach_caseload_list import PANEL_WIDTH


def detail_column(controls: list[ft.Control], *, padding: int = 20) -> ft.Control:
    return ft.Column(
        [
            ft.Container(
                ft.Column(controls, spacing=16, horizontal_alignment=ft.CrossAxisAlignment.STRETCH),
                padding=ft.Padding.all(padding),
            )
        ],
        scroll=ft.ScrollMode.AUTO,
        expand=True,
    )


def list_and_detail(panel: ft.Control, detail: list[ft.Control]) -> ft.Control:
    return ft.Row(
        [
            ft.Container(panel, width=PANEL_WIDTH),
            ft.VerticalDivider(width=1),
            detail_column(detail),
        ],
        expand=True,
        spacing=0,
        vertical_alignment=ft.CrossAxisAlignment.STRETCH,
    )
