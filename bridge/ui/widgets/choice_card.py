"""A big tappable card for one choice out of several (a step, who helps)."""

from __future__ import annotations

from collections.abc import Callable

import flet as ft

from bridge.ui import theme


class ChoiceCard:
    """Selected cards get a tint, a thick border and a check mark: never colour alone.

    The card's accessible name is its own text (leading label, title, description), so a
    screen reader reads what is written; a tap through the accessibility tree works
    because the tappable Container itself carries the semantics (a Semantics wrapper
    with its own label and excluded children loses the tap action in Flutter web).

    `show(selected)` changes the card in place. Building new cards on every choice gave
    Flutter new accessibility nodes each time, and a tap that arrived while the old ones
    were being replaced (a quick second tap, or a second tab saving) was dropped.
    """

    def __init__(
        self,
        title: str,
        description: str | None,
        *,
        selected: bool,
        on_select: Callable[[], None],
        leading: str | None = None,
        leading_label: str | None = None,
    ) -> None:
        header: list[ft.Control] = []
        if leading is not None:
            header.append(
                ft.Container(
                    content=ft.Text(
                        leading,
                        size=18,
                        weight=ft.FontWeight.BOLD,
                        color=theme.STEP_TEXT,
                        semantics_label=leading_label,
                    ),
                    bgcolor=theme.STEP_FILLED,
                    width=36,
                    height=36,
                    border_radius=18,
                    alignment=ft.Alignment.CENTER,
                )
            )
        header.append(ft.Text(title, size=18, weight=ft.FontWeight.BOLD, expand=True))
        self._check = ft.Icon(ft.Icons.CHECK_CIRCLE, color=theme.STEP_FILLED, size=28)
        header.append(self._check)
        body: list[ft.Control] = [ft.Row(header, spacing=12)]
        if description:
            body.append(ft.Text(description, size=16))
        self._box = ft.Container(
            content=ft.Column(body, spacing=6),
            padding=ft.Padding.all(14),
            border_radius=ft.BorderRadius.all(12),
            on_click=lambda _: on_select(),
            ink=True,
        )
        self.control = ft.Semantics(button=True, content=self._box)
        self.show(selected)

    def show(self, selected: bool) -> None:
        """Marks the card chosen or not, keeping the same controls."""
        self.control.selected = selected
        self._check.visible = selected
        self._box.border = ft.Border.all(
            3 if selected else 1, theme.STEP_FILLED if selected else theme.CARD_BORDER
        )
        self._box.bgcolor = theme.SELECTED_BG if selected else None
