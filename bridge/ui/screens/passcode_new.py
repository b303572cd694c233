"""First start: choose a passcode. It cannot be recovered, and the screen says so, and why."""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING

import flet as ft

from bridge.storage import DamagedDataError, StorageError
from bridge.ui.layout import body, heading, inline_message, muted, primary_button
from bridge.ui.messages import message_for
from bridge.ui.widgets.passcode_field import BusyRow, new_secret_problem, passcode_field, updating
from bridge.ui.widgets.scaffold import screen

if TYPE_CHECKING:
    from bridge.ui.app import BridgeApp

log = logging.getLogger(__name__)


def build(app: BridgeApp) -> ft.View:
    t = app.t
    first = passcode_field(t("passcode.new_label"), t)
    again = passcode_field(t("passcode.repeat_label"), t)
    problem = inline_message()
    busy = BusyRow(t("passcode.setting_up"))

    async def save(_: object) -> None:
        code = first.value or ""
        rule = new_secret_problem(t, code, again.value or "")
        problem.value, problem.visible = rule or "", rule is not None
        if rule is not None:
            return
        try:
            await busy.run(app, button, lambda: app.ctx.data.set_up(code))
        except DamagedDataError as exc:
            # Data from before cannot be read: the damaged screen keeps it and offers a way on.
            app.storage_problem = exc
            app.go("/")
            return
        except StorageError as exc:
            log.error("setting up the passcode failed: %s", exc)
            problem.value = message_for(t, exc, "passcode.error.setup_failed")
            problem.visible = True
            return
        app.go("/")

    button = primary_button(t("passcode.save"), updating(app, save), icon=ft.Icons.LOCK)
    return screen(
        app,
        "/passcode/new",
        None,
        [
            heading(t("passcode.new_title")),
            body(t("passcode.why")),
            body(t("passcode.no_recovery")),
            muted(t("passcode.rules")),
            first,
            again,
            problem,
            busy,
            button,
        ],
        padding=20,
    )
