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
from bridge.ui.layout import body, confirm, heading, inline_message, primary_button
from bridge.ui.messages import message_for
from bridge.ui.privacy_actions import wipe
from bridge.ui.widgets.language_choices import language_choices
from bridge.ui.widgets.passcode_field import BusyRow, passcode_field, updating
from bridge.ui.widgets.scaffold import screen

if TYPE_CHECKING:
    from bridge.ui.app import BridgeApp

log = logging.getLogger(__name__)


def wait_text(app: BridgeApp, seconds: float) -> str:
    return app.t.plural("lock.wait", max(1, math.ceil(seconds)))


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
    runs = [0]  # the newest countdown; an older one stops

    def count_down(prefix: str) -> None:
        """Shows the wait, counts it down each second and clears it when the wait is over."""
        runs[0] += 1
        run = runs[0]

        async def tick() -> None:
            while runs[0] == run:
                left = holder.seconds_to_wait()
                problem.value = (prefix + " " if prefix else "") + wait_text(app, left)
                if left <= 0:
                    problem.value = prefix
                    problem.visible = bool(prefix)
                problem.visible = problem.visible and bool(problem.value)
                try:
                    problem.update()
                except RuntimeError:  # the screen is gone
                    return
                if left <= 0:
                    return
                await asyncio.sleep(min(1.0, left - math.floor(left) or 1.0))

        problem.value = (prefix + " " if prefix else "") + wait_text(app, holder.seconds_to_wait())
        problem.visible = True
        app.page.run_task(tick)

    if holder.seconds_to_wait() > 0:
        count_down("")

    async def open_data(_: object) -> None:
        runs[0] += 1  # a new try: an old countdown stops
        problem.visible = False
        try:
            await busy.run(app, button, lambda: holder.unlock(code.value or ""))
        except WrongPasscodeError as exc:
            # The wait after repeated tries counts down behind the message; the field empties.
            wrong = message_for(t, exc, "lock.failed")
            problem.value = wrong
            problem.visible = True
            if holder.seconds_to_wait() > 0:
                count_down(wrong)
            code.value = ""
            return
        except TooManyAttemptsError:
            count_down("")  # the wait itself, counted down each second
            return
        except DamagedDataError as exc:
            app.storage_problem = exc  # the damaged screen keeps the file and offers a way on
            app.go("/")
            return
        except StorageError as exc:
            log.error("opening failed: %s", exc)
            problem.value = message_for(t, exc, "lock.failed")
            problem.visible = True
            return
        app.storage_problem = None
        app.go("/")

    code.on_submit = updating(app, open_data)
    button = primary_button(t("lock.open"), updating(app, open_data), icon=ft.Icons.LOCK_OPEN)
    return screen(
        app,
        "/unlock",
        None,
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
        ],
        padding=20,
    )
