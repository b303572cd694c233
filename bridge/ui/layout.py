"""Page scaffolding shared by the screens: a centred column that uses the width on a laptop."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

import flet as ft

from bridge.ui import theme

if TYPE_CHECKING:
    from bridge.ui.app import BridgeApp

NARROW = {"xs": 12, "md": 10, "lg": 8, "xl": 6}
WIDE = {"xs": 12, "xl": 11}


def centered(controls: list[ft.Control], *, wide: bool = False) -> ft.ResponsiveRow:
    """Full width on a phone; a readable column on a laptop."""
    return ft.ResponsiveRow(
        alignment=ft.MainAxisAlignment.CENTER,
        controls=[
            ft.Column(
                col=WIDE if wide else NARROW,
                controls=controls,
                spacing=16,
                horizontal_alignment=ft.CrossAxisAlignment.STRETCH,
            ),
        ],
    )


def heading(text: str, size: int = 26) -> ft.Text:
    return ft.Text(text, size=size, weight=ft.FontWeight.BOLD)


def body(text: str, *, size: int = 17, color: str | None = None) -> ft.Text:
    return ft.Text(text, size=size, color=color)


def muted(text: str, size: int = 15) -> ft.Text:
    return ft.Text(text, size=size, color=theme.MUTED)


def primary_button(
    label: str, on_click: object, *, icon: ft.IconData | None = None, disabled: bool = False
) -> ft.FilledButton:
    return ft.FilledButton(
        content=ft.Text(label, size=17),
        icon=icon,
        on_click=on_click,  # type: ignore[arg-type]
        disabled=disabled,
        height=theme.TAP_HEIGHT,
    )


def secondary_button(
    label: str, on_click: object, *, icon: ft.IconData | None = None
) -> ft.OutlinedButton:
    return ft.OutlinedButton(
        content=ft.Text(label, size=17),
        icon=icon,
        on_click=on_click,  # type: ignore[arg-type]
        height=theme.TAP_HEIGHT,
    )


def inline_message(text: str = "", *, error: bool = True) -> ft.Text:
    return ft.Text(text, color=theme.ERROR if error else theme.MUTED, size=15, visible=bool(text))


class Notice(ft.Container):
    """A calm note about a rule (two priorities, three goals): dark text on a soft tint.

    Not red: bumping into a limit is not a mistake, and nothing here should feel like blame.
    """

    def __init__(self) -> None:
        self.text = ft.Text("", size=16, color=theme.NOTICE_TEXT)
        super().__init__(
            content=ft.Row(
                [ft.Icon(ft.Icons.INFO_OUTLINE, color=theme.NOTICE_ICON), self.text],
                vertical_alignment=ft.CrossAxisAlignment.START,
            ),
            bgcolor=theme.NOTICE_BG,
            border_radius=10,
            padding=12,
            visible=False,
        )
        self.text.expand = True

    def show(self, text: str) -> None:
        self.text.value = text
        self.visible = True

    def hide(self) -> None:
        self.visible = False


def confirm(
    app: BridgeApp,
    title: str,
    text: str,
    yes: str,
    on_yes: Callable[[], None],
    *,
    danger: bool = False,
) -> None:
    """Asks before something that cannot be undone; 'cancel' changes nothing.

    The chosen action runs only once the dialog is gone (its dismiss event): an action that
    rebuilds the screen under a dialog still closing left the dialog on screen for good, with
    neither button working (only Escape, which a phone does not have).
    """
    chosen: list[Callable[[], None]] = []

    def agreed(_: object) -> None:
        chosen.append(on_yes)
        app.page.pop_dialog()

    def dismissed(_: object) -> None:
        while chosen:
            chosen.pop()()

    app.page.show_dialog(
        ft.AlertDialog(
            title=ft.Text(title),
            content=ft.Text(text, size=16),
            on_dismiss=dismissed,
            actions=[
                ft.TextButton(
                    content=app.t("common.cancel"), on_click=lambda _: app.page.pop_dialog()
                ),
                ft.FilledButton(
                    content=yes,
                    on_click=agreed,
                    style=ft.ButtonStyle(bgcolor=theme.ERROR) if danger else None,
                ),
            ],
        )
    )
