"""The coach's settings: language, when a client counts as "no update", the auto-lock, the
passcode, and deleting everything on this device."""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING

import flet as ft

from bridge.coach.types import CoachStoreError
from bridge.storage import StorageError
from bridge.ui import theme
from bridge.ui.layout import heading, inline_message, muted
from bridge.ui.messages import message_for
from bridge.ui.widgets.language_choices import language_choices
from bridge.ui.widgets.privacy_parts import auto_lock, change_passcode, delete_everything, section
from bridge.ui.widgets.scaffold import screen

if TYPE_CHECKING:
    from bridge.ui.app import BridgeApp

log = logging.getLogger(__name__)

ROUTE = "/coach/settings"
WEEK_CHOICES = (2, 3, 4, 6, 8, 12)


def weeks_without_update(app: BridgeApp) -> list[ft.Control]:
    """The "no update in N weeks" flag of the caseload: after how many weeks."""
    t = app.t
    store = app.coach()
    row = ft.Row(wrap=True, spacing=8)
    message = inline_message()

    def choose(weeks: int) -> None:
        app.ctx.activity.touch()
        try:
            store.set_weeks_without_update(weeks)
        except (CoachStoreError, StorageError) as exc:
            log.error("the weeks could not be saved: %s", exc)
            message.value, message.visible = message_for(t, exc, "error.save_failed"), True
            return
        message.visible = False
        row.controls = chips(weeks)

    def chips(chosen: int) -> list[ft.Control]:
        choices = sorted({*WEEK_CHOICES, chosen})  # a value set elsewhere still shows
        return [
            ft.Chip(
                label=ft.Text(t.plural("coach.settings.weeks", n), size=15),
                selected=n == chosen,
                on_select=lambda _, n=n: choose(n),
                selected_color=theme.SELECTED_BG,
            )
            for n in choices
        ]

    row.controls = chips(store.weeks_without_update())
    return [
        section(t("coach.settings.weeks_title")),
        muted(t("coach.settings.weeks_help")),
        row,
        message,
    ]


def build(app: BridgeApp) -> ft.View:
    t = app.t
    controls: list[ft.Control] = [
        heading(t("coach.nav.settings")),
        section(t("settings.language")),
        *language_choices(app),
        ft.Divider(),
    ]
    for part in (
        weeks_without_update(app),
        auto_lock(app),
        change_passcode(app),
        delete_everything(
            app, help_key="coach.settings.delete_help", confirm_key="coach.settings.delete_confirm"
        ),
    ):
        controls.extend(part)
        controls.append(ft.Divider())
    return screen(app, ROUTE, t("coach.nav.settings"), controls, tab=ROUTE, settings=False)
