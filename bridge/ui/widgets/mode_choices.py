"""First start: whose device this is, a client's or a coach's. Kept in the plain prefs file
(nothing personal), so the lock screen of a coach's device can show the coach badge."""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING

import flet as ft

from bridge.storage import StorageError
from bridge.storage.prefs import write_pref
from bridge.ui.shell.routing import CLIENT, COACH, valid_mode
from bridge.ui.widgets.choice_card import ChoiceCard

if TYPE_CHECKING:
    from bridge.ui.app import BridgeApp

log = logging.getLogger(__name__)

MODE_TEXTS = (
    (CLIENT, "coach.mode.client", "coach.mode.client_help"),
    (COACH, "coach.mode.coach", "coach.mode.coach_help"),
)


def save_mode(app: BridgeApp, mode: str) -> bool:
    """Stores the mode; False (and told) when it could not be saved."""
    mode = valid_mode(mode)
    try:
        write_pref(app.ctx.data.folder, "mode", mode)
    except StorageError as exc:
        log.error("the mode could not be saved: %s", exc)
        app.notify(app.t("error.save_failed"))
        return False
    app.shell.mode = mode
    return True


def choose_mode(app: BridgeApp, mode: str) -> None:
    if mode != app.mode and save_mode(app, mode):
        app.refresh()  # the coach badge and the texts follow the choice


def mode_choices(app: BridgeApp) -> list[ft.Control]:
    """Two big cards: "Ik ben cliënt" and "Ik ben coach", each saying in plain words what it is."""
    return [
        ChoiceCard(
            app.t(title),
            app.t(help_key),
            selected=app.mode == mode,
            on_select=lambda mode=mode: choose_mode(app, mode),  # type: ignore[misc]
        ).control
        for mode, title, help_key in MODE_TEXTS
    ]
