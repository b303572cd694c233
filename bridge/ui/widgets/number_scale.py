"""A row of big round number buttons (0 to 10): the stress thermometer and the MI rulers."""

from __future__ import annotations

from collections.abc import Callable

import flet as ft

from bridge.ui import theme


def number_scale(
    chosen: int | None,
    on_choose: Callable[[int | None], None],
    *,
    label: Callable[[int], str],
    low: int = 0,
    high: int = 10,
) -> ft.Row:
    """Tapping the chosen number again clears it (every answer may be skipped)."""
    row = ft.Row(wrap=True, spacing=8, run_spacing=8)
    state = {"chosen": chosen}

    def choose(n: int) -> None:
        value = None if state["chosen"] == n else n
        state["chosen"] = value
        on_choose(value)
        row.controls = buttons()

    def buttons() -> list[ft.Control]:
        out: list[ft.Control] = []
        for n in range(low, high + 1):
            selected = state["chosen"] == n
            out.append(
                ft.Semantics(
                    button=True,
                    selected=selected,
                    content=ft.Container(
                        width=52,
                        height=52,
                        alignment=ft.Alignment.CENTER,
                        border_radius=26,
                        bgcolor=theme.STEP_FILLED if selected else None,
                        border=ft.Border.all(
                            2, theme.STEP_FILLED if selected else theme.CARD_BORDER
                        ),
                        content=ft.Text(
                            str(n),
                            semantics_label=label(n),
                            size=20,
                            weight=ft.FontWeight.BOLD,
                            color=theme.STEP_TEXT if selected else None,
                        ),
                        on_click=lambda _, n=n: choose(n),
                    ),
                )
            )
        return out

    row.controls = buttons()
    return row
