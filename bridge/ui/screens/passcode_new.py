"""First start: choose a passcode. It cannot be recovered, and the screen says so, and why."""

from __future__ import annotations

import asyncio
import logging
from typing import TYPE_CHECKING

import flet as ft

from bridge.storage import DamagedDataError, StorageError
from bridge.storage.encrypted import check_passcode
from bridge.ui.layout import body, centered, heading, inline_message, muted, primary_button
from bridge.ui.widgets.passcode_field import busy_row, passcode_field

if TYPE_CHECKING:
    from bridge.ui.app import BridgeApp

log = logging.getLogger(__name__)


def build(app: BridgeApp) -> ft.View:
    t = app.t
    first = passcode_field(t("passcode.new_label"))
    again = passcode_field(t("passcode.repeat_label"))
    problem = inline_message()
    busy = busy_row(t("passcode.setting_up"))

    async def save(_: object) -> None:
        code = first.value or ""
        rule = check_passcode(code)
        if rule is not None:
            problem.value = t(f"passcode.error.{rule}")
        elif code != (again.value or ""):
            problem.value = t("passcode.error.different")
        else:
            problem.value = ""
        problem.visible = bool(problem.value)
        if problem.visible:
            return
        busy.visible = True
        button.disabled = True
        app.page.update()
        try:
            await asyncio.to_thread(app.ctx.data.set_up, code)
        except DamagedDataError as exc:
            # Data from before cannot be read: the damaged screen keeps it and offers a way on.
            app.storage_problem = exc
            app.go("/")
            return
        except StorageError as exc:
            log.error("setting up the passcode failed: %s", exc)
            problem.value = t("passcode.error.setup_failed")
            problem.visible = True
            return
        finally:
            busy.visible = False
            button.disabled = False
            app.page.update()
        app.go("/")

    button = primary_button(t("passcode.save"), save, icon=ft.Icons.LOCK)
    return ft.View(
        route="/passcode/new",
        scroll=ft.ScrollMode.AUTO,
        padding=ft.Padding.all(20),
        controls=[
            centered(
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
                ]
            )
        ],
    )
