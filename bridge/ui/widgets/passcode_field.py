"""Passcode fields, their rules, and the 'one moment…' state while scrypt runs off the loop."""

from __future__ import annotations

import asyncio
from collections.abc import Awaitable, Callable
from typing import TYPE_CHECKING, TypeVar

import flet as ft

from bridge.i18n import Translator
from bridge.storage.encrypted import check_passcode

if TYPE_CHECKING:
    from bridge.ui.app import BridgeApp

T = TypeVar("T")


def passcode_field(label: str) -> ft.TextField:
    """Hidden by default with a show button; numbers and letters both allowed."""
    return ft.TextField(
        label=label,
        password=True,
        can_reveal_password=True,
        autocorrect=False,
        enable_suggestions=False,
        text_size=20,
    )


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
            return await asyncio.to_thread(work)
        finally:
            self.visible, button.disabled = False, False
            app.page.update()
