"""A switch with a long label that wraps: the label expands and wraps, the switch sits beside it.

The switch keeps the label as its accessible name (Flet's Switch has no separate one), drawn
transparent so it is not shown twice; the visible text is the wrapping one.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import flet as ft


def labelled_switch(
    label: str, value: bool, on_change: Callable[[ft.Event[ft.Switch]], Any], *, size: int = 17
) -> ft.Row:
    switch = ft.Switch(
        label=ft.Text(label, size=1, color=ft.Colors.TRANSPARENT, width=1, max_lines=1),
        value=value,
        on_change=on_change,
    )
    text = ft.Text(label, size=size, no_wrap=False)
    return ft.Row(
        [ft.Semantics(content=text, exclude_semantics=True, expand=True), switch],
        vertical_alignment=ft.CrossAxisAlignment.CENTER,
    )
