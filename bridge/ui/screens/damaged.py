"""Shown when the saved data cannot be read: the file is kept, the person chooses what next."""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING

import flet as ft

from bridge.storage import DamagedDataError, DataInUseError, NewerDataError, StorageError
from bridge.ui.layout import body, confirm, heading, primary_button, secondary_button
from bridge.ui.messages import message_for
from bridge.ui.widgets.language_choices import language_choices
from bridge.ui.widgets.scaffold import screen

if TYPE_CHECKING:
    from bridge.ui.app import BridgeApp

log = logging.getLogger(__name__)


def build(app: BridgeApp) -> ft.View:
    t = app.t
    problem = app.storage_problem
    holder = app.ctx.data

    def recover(action: str) -> None:
        try:
            moved = holder.restore_last_good() if action == "restore" else holder.start_fresh()
            if holder.is_unlocked():
                holder.open()  # writes the new, empty file sealed with the same passcode
        except StorageError as exc:
            log.error("recovery failed: %s", exc)
            app.notify(message_for(t, exc, "damaged.recover_failed"))
            return
        app.storage_problem = None
        if moved is not None:
            app.notify(t("damaged.kept_at", path=str(moved)))
        app.go("/")

    def confirm_fresh() -> None:
        confirm(
            app,
            t("damaged.confirm_title"),
            t("damaged.confirm_text"),
            t("damaged.start_fresh"),
            lambda: recover("fresh"),
        )

    controls: list[ft.Control] = []
    if isinstance(problem, DataInUseError):
        controls += [heading(t("damaged.in_use_title")), body(t("damaged.in_use_text"))]
    elif isinstance(problem, NewerDataError):
        controls += [heading(t("damaged.newer_title")), body(t("damaged.newer_text"))]
    else:
        path = problem.path if isinstance(problem, DamagedDataError) else holder.folder
        controls += [
            heading(t("damaged.title")),
            body(t("damaged.text")),
            body(t("damaged.where", path=str(path))),
        ]
        if holder.has_last_good():
            controls.append(
                primary_button(
                    t("damaged.restore"), lambda _: recover("restore"), icon=ft.Icons.RESTORE
                )
            )
        controls.append(
            secondary_button(
                t("damaged.start_fresh"), lambda _: confirm_fresh(), icon=ft.Icons.NOTE_ADD
            )
        )
    controls += [ft.Divider(), *language_choices(app)]
    return screen(
        app,
        "/damaged",
        None,
        controls,
        padding=20,
    )
