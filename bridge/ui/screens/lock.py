"""The lock screen: the passcode opens the data (slowly, off the event loop); a wrong one says so
and waits longer after repeated tries."""

from __future__ import annotations

import asyncio
import logging
import math
from typing import TYPE_CHECKING

import flet as ft

from bridge.storage import DamagedDataError, StorageError
from bridge.storage.errors import TooManyAttemptsError, WrongPasscodeError
from bridge.ui.layout import body, centered, heading, inline_message, primary_button
from bridge.ui.screens.privacy import wipe
from bridge.ui.screens.welcome import language_choices
from bridge.ui.widgets.passcode_field import busy_row, passcode_field

if TYPE_CHECKING:
    from bridge.ui.app import BridgeApp

log = logging.getLogger(__name__)


def wait_text(app: BridgeApp, seconds: float) -> str:
    return app.t("lock.wait", n=max(1, math.ceil(seconds)))


def forgot(app: BridgeApp) -> None:
    t = app.t

    app.page.show_dialog(
        ft.AlertDialog(
            title=ft.Text(t("lock.forgot_title")),
            content=ft.Text(t("lock.forgot_text"), size=16),
            actions=[
                ft.TextButton(content=t("common.cancel"), on_click=lambda _: app.page.pop_dialog()),
                ft.FilledButton(
                    content=t("privacy.delete_confirm_button"), on_click=lambda _: wipe(app)
                ),
            ],
        )
    )


def build(app: BridgeApp) -> ft.View:
    t = app.t
    holder = app.ctx.data
    code = passcode_field(t("lock.label"))
    problem = inline_message()
    busy = busy_row(t("lock.opening"))
    waiting = holder.seconds_to_wait()
    if waiting > 0:
        problem.value = wait_text(app, waiting)
        problem.visible = True

    async def open_data(_: object) -> None:
        busy.visible = True
        button.disabled = True
        problem.visible = False
        app.page.update()
        try:
            await asyncio.to_thread(holder.unlock, code.value or "")
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
        finally:
            busy.visible = False
            button.disabled = False
            app.page.update()
        app.storage_problem = None
        app.go("/")

    code.on_submit = open_data
    button = primary_button(t("lock.open"), open_data, icon=ft.Icons.LOCK_OPEN)
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
