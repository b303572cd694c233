"""Passcode fields, their rules, and the 'one moment…' state while scrypt runs off the loop."""

from __future__ import annotations

import asyncio
from collections.abc import Awaitable, Callable
from typing import TYPE_CHECKING, TypeVar

import flet as ft

from bridge.i18n import Translator
from bridge.storage.passcode_policy import check_passcode

if TYPE_CHECKING:
    from bridge.ui.app import BridgeApp

T = TypeVar("T")


def passcode_field(label: str, t: Translator | None = None) -> ft.TextField:
    """Hidden by default with a show button; numbers and letters both allowed.

    With `t`, the show button is named ("Toon code"/"Verberg code") and tells a screen reader
    whether the code is shown; Flutter's own button (without `t`) has no name.
    """
    field = ft.TextField(
        label=label,
        password=True,
        can_reveal_password=t is None,
        autocorrect=False,
        enable_suggestions=False,
        text_size=20,
    )
    if t is not None:
        field.suffix_icon = reveal_button(field, t)
    return field


def reveal_button(field: ft.TextField, t: Translator) -> ft.IconButton:
    """Shows or hides the code; selected while the code is shown."""

    def toggle(_: object) -> None:
        field.password = not field.password
        button.selected = not field.password
        button.tooltip = t("passcode.hide") if button.selected else t("passcode.show")

    # A tooltip alone gives no name inside a text field's decoration: the icons carry it.
    button = ft.IconButton(
        icon=ft.Icon(ft.Icons.VISIBILITY, semantics_label=t("passcode.show")),
        selected_icon=ft.Icon(ft.Icons.VISIBILITY_OFF, semantics_label=t("passcode.hide")),
        selected=False,
        tooltip=t("passcode.show"),
        on_click=toggle,
    )
    return button


def new_secret_problem(t: Translator, first: str, again: str) -> str | None:
    """What is wrong with a new passcode or backup password typed twice, in the person's words."""
    rule = check_passcode(first)
    if rule is not None:
        return t(f"passcode.error.{rule}")
    if first != again:
        return t("passcode.error.different")
    return None


def updating(
    app: BridgeApp, handler: Callable[[object], Awaitable[None]]
) -> Callable[[object], Awaitable[None]]:
    """Wraps an async handler that shows a BusyRow: the row pushes updates itself, and Flet
    skips its automatic update after a handler that did so, so this pushes the last one."""

    async def wrapped(e: object) -> None:
        try:
            await handler(e)
        finally:
            app.page.update()

    return wrapped


class BusyRow(ft.Row):
    """'Opening…': shown while slow work (scrypt) runs in a thread, with the button disabled."""

    def __init__(self, text: str) -> None:
        super().__init__(
            [ft.ProgressRing(width=22, height=22), ft.Text(text, size=16)], visible=False
        )

    async def run(self, app: BridgeApp, button: ft.Control, work: Callable[[], T]) -> T:
        self.visible, button.disabled = True, True
        app.page.update()
        try:
            with app.ctx.activity.busy():
                return await asyncio.to_thread(work)
        finally:
            self.visible, button.disabled = False, False
            app.page.update()
