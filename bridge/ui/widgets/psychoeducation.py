"""'Good to know': the short psycho-education cards, reachable from the goal screens."""

from __future__ import annotations

from typing import TYPE_CHECKING

import flet as ft

from bridge.ui import theme

if TYPE_CHECKING:
    from bridge.ui.app import BridgeApp


def show_cards(app: BridgeApp) -> None:
    t = app.t
    cards: list[ft.Control] = []
    for card in app.prompts.by_kind("psychoeducation"):
        title = t.pick(card.title) if card.title is not None else ""
        cards.append(
            ft.Container(
                bgcolor=theme.SELECTED_BG,
                border_radius=12,
                padding=14,
                content=ft.Column(
                    [
                        ft.Text(title, size=18, weight=ft.FontWeight.BOLD),
                        ft.Text(t.pick(card.text), size=16),
                    ],
                    spacing=6,
                ),
            )
        )
    sheet = ft.AlertDialog(
        title=ft.Text(t("goals.psychoeducation")),
        content=ft.Column(cards, spacing=12, tight=True),
        actions=[
            ft.TextButton(content=t("common.close"), on_click=lambda _: app.page.pop_dialog())
        ],
        scrollable=True,
    )
    app.page.show_dialog(sheet)


def cards_button(app: BridgeApp) -> ft.Control:
    return ft.TextButton(
        content=app.t("goals.psychoeducation"),
        icon=ft.Icons.LIGHTBULB_OUTLINE,
        on_click=lambda _: show_cards(app),
    )
