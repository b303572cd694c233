"""The lock screen: the passcode opens the data (slowly, off the event loop); a wrong one says so
and waits longer after repeated tries."""

from __future__ import annotations

import logging
import math
from typing import TYPE_CHECKING

import flet as ft

from bridge.storage import DamagedDataError, StorageError
from bridge.storage.errors import TooManyAttemptsError, WrongPasscodeError
from bridge.ui.layout import body, centered, confirm, heading, inline_message, primary_button
from bridge.ui.screens.privacy import wipe
from bridge.ui.screens.welcome import language_choices
from bridge.ui.widgets.passcode_field import BusyRow, passcode_field, updating

if TYPE_CHECKING:
    from bridge.ui.app import BridgeApp

log = logging.getLogger(__name__)


def wait_text(app: BridgeApp, seconds: float) -> str:
    return app.t("lock.wait", n=max(1, math.ceil(seconds)))


def forgot(app: BridgeApp) -> None:
    t = app.t
    confirm(
        app,
        t("lock.forgot_title"),
        t("lock.forgot_text"),
        t("privacy.delete_confirm_button"),
        lambda: wipe(app),
        danger=True,
    )


def build(app: BridgeApp) -> ft.View:
    t = app.t
    holder = app.ctx.data
    code = passcode_field(t("lock.label"), t)
    problem = inline_message()
    busy = BusyRow(t("lock.opening"))
    waiting = holder.seconds_to_wait()
    if waiting > 0:
        problem.value = wait_text(app, waiting)
        problem.visible = True

    async def open_data(_: object) -> None:
        problem.visible = False
        try:
            await busy.run(app, button, lambda: holder.unlock(code.value or ""))
        except WrongPasscodeError:
            wait = holder.seconds_to_wait()
            problem.value = t("lock.wrong") + (" " + wait_text(app, wait) if wait > 0 else "")
            problem.visible = True
            code.value = ""
            return
        except TooManyAttemptsError as exc:
            problem.value = wait_text(app, exc.seconds)
            problem.visible = True
            return
        except DamagedDataError as exc:
            app.storage_problem = exc
            app.go("/")
            return
        except StorageError as exc:
            log.error("opening failed: %s", exc)
            problem.value = t("lock.failed")
            problem.visible = True
            return
        app.storage_problem = None
        app.go("/")

    code.on_submit = updating(app, open_data)
    button = primary_button(t("lock.open"), updating(app, open_data), icon=ft.Icons.LOCK_OPEN)
    return ft.View(
        route="/unlock",
        scroll=ft.ScrollMode.AUTO,
        padding=ft.Padding.all(20),
        controls=[
            centered(
                [
                    heading(t("lock.title")),
                    body(t("lock.text")),
                    code,
                    problem,
                    busy,
                    button,
                    ft.TextButton(content=t("lock.forgot"), on_click=lambda _: forgot(app)),
                    ft.Divider(),
                    *language_choices(app),
                ]
            )
        ],
    )
