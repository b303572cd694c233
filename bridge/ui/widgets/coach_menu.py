"""A choice from a short list as a button that opens a menu: what is chosen shows on the button
and in its spoken name. (Flet's Dropdown gives Flutter web a nameless, untappable node.)"""

from __future__ import annotations

from collections.abc import Callable, Sequence

import flet as ft

from bridge.ui import theme


class ChoiceMenu:
    def __init__(
        self,
        label: str,
        options: Sequence[tuple[str, str]],
        value: str,
        on_pick: Callable[[str], None],
        *,
        expand: bool = False,
        width: int | None = None,
    ) -> None:
        """`options`: (key, text) pairs; `value` the chosen key."""
        self.label = label
        self.options = list(options)
        self.value = value
        self.on_pick = on_pick
        self.chosen = ft.Text("", size=16, max_lines=1, overflow=ft.TextOverflow.ELLIPSIS)
        drawn = ft.Container(
            content=ft.Row(
                [
                    ft.Column(
                        [ft.Text(label, size=12, color=theme.MUTED), self.chosen],
                        spacing=0,
                        expand=True,
                    ),
                    ft.Icon(ft.Icons.ARROW_DROP_DOWN, color=theme.MUTED),
                ],
                spacing=4,
            ),
            border=ft.Border.all(1, theme.CARD_BORDER),
            border_radius=6,
            padding=ft.Padding.symmetric(horizontal=12, vertical=6),
            height=theme.TAP_HEIGHT + 4,
        )
        self.button = ft.PopupMenuButton(
            # The tooltip names the button once ("Order: Newest first"); the drawn words not again.
            content=ft.Semantics(exclude_semantics=True, content=drawn),
            menu_position=ft.PopupMenuPosition.UNDER,
            expand=expand,
            width=width,
        )
        self.show()

    def text_of(self, key: str) -> str:
        return next((text for k, text in self.options if k == key), "")

    def show(self) -> None:
        self.chosen.value = self.text_of(self.value)
        self.button.tooltip = f"{self.label}: {self.chosen.value}"
        self.button.items = [
            ft.PopupMenuItem(
                content=ft.Text(text, size=16),
                # A plain item with a check picture: Flutter web gives a "checked" item no tap
                # for a screen reader (seen: no flt-tappable on its node).
                icon=ft.Icons.CHECK if key == self.value else None,
                on_click=lambda _, k=key: self.pick(k),
            )
            for key, text in self.options
        ]

    def pick(self, key: str) -> None:
        self.value = key
        self.show()
        self.on_pick(key)
