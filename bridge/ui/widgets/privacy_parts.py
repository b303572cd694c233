"""Privacy settings both sides share: change the passcode, the auto-lock time, delete
everything. Slow work (scrypt for the passcode) runs off the event loop."""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING

import flet as ft

from bridge.storage import StorageError
from bridge.ui import theme
from bridge.ui.layout import confirm, inline_message, muted, secondary_button
from bridge.ui.messages import message_for
from bridge.ui.privacy_actions import wipe
from bridge.ui.shell.idle import DEFAULT_LOCK_MINUTES, LOCK_CHOICES
from bridge.ui.widgets.passcode_field import BusyRow, new_secret_problem, passcode_field, updating

if TYPE_CHECKING:
    from bridge.ui.app import BridgeApp

log = logging.getLogger(__name__)


def section(title: str) -> ft.Text:
    return ft.Text(title, size=20, weight=ft.FontWeight.BOLD)


def change_passcode(app: BridgeApp) -> list[ft.Control]:
    t = app.t
    old = passcode_field(t("privacy.old_code"), t)
    new = passcode_field(t("passcode.new_label"), t)
    again = passcode_field(t("passcode.repeat_label"), t)
    message = inline_message()
    busy = BusyRow(t("passcode.setting_up"))

    async def change(_: object) -> None:
        problem = new_secret_problem(t, new.value or "", again.value or "")
        message.value, message.color = problem or "", theme.ERROR
        message.visible = problem is not None
        if problem is not None:
            return
        try:
            await busy.run(
                app, button, lambda: app.ctx.data.change_passcode(old.value or "", new.value or "")
            )
            message.value, message.color = t("privacy.code_changed"), theme.UP
            old.value = new.value = again.value = ""
        except StorageError as exc:  # a wrong current passcode, the wait after tries, a failure
            log.error("changing the passcode failed: %s", exc)
            message.value = message_for(t, exc, "privacy.code_change_failed")
        message.visible = True

    button = secondary_button(
        t("privacy.change_code"), updating(app, change), icon=ft.Icons.PASSWORD
    )
    return [
        section(t("privacy.code_title")),
        muted(t("passcode.rules")),
        old,
        new,
        again,
        message,
        busy,
        button,
    ]


def auto_lock(app: BridgeApp) -> list[ft.Control]:
    t = app.t
    current = app.data().setting("lock_minutes", DEFAULT_LOCK_MINUTES)
    row = ft.Row(wrap=True, spacing=8)

    def choose(minutes: int) -> None:
        if app.save(lambda repo: repo.set_setting("lock_minutes", minutes)):
            row.controls = chips(minutes)

    def chips(chosen: int) -> list[ft.Control]:
        return [
            ft.Chip(
                label=ft.Text(t("privacy.minutes", n=m), size=15),
                selected=m == chosen,
                on_select=lambda _, m=m: choose(m),
                selected_color=theme.SELECTED_BG,
            )
            for m in LOCK_CHOICES
        ]

    row.controls = chips(current)
    return [section(t("privacy.lock_title")), muted(t("privacy.lock_help")), row]


def delete_everything(
    app: BridgeApp,
    *,
    help_key: str = "privacy.delete_help",
    confirm_key: str = "privacy.delete_confirm",
) -> list[ft.Control]:
    """Asks once more, then deletes every file of the app's data and starts at the welcome."""
    t = app.t

    def ask(_: object) -> None:
        confirm(
            app,
            t("privacy.delete_title"),
            t(confirm_key),
            t("privacy.delete_confirm_button"),
            lambda: wipe(app),
            danger=True,
        )

    return [
        section(t("privacy.delete_title")),
        muted(t(help_key)),
        secondary_button(t("privacy.delete_button"), ask, icon=ft.Icons.DELETE_FOREVER),
    ]
