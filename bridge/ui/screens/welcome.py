"""First start: choose a language, whose device this is (a client's or a coach's), and read, in
plain words, what the app is and where data stays."""

from __future__ import annotations

from typing import TYPE_CHECKING

import flet as ft

from bridge.ui.layout import body, heading, muted, primary_button, secondary_button
from bridge.ui.shell.routing import COACH
from bridge.ui.widgets.language_choices import language_choices
from bridge.ui.widgets.mode_choices import mode_choices, save_mode
from bridge.ui.widgets.scaffold import screen

if TYPE_CHECKING:
    from bridge.ui.app import BridgeApp


def build(app: BridgeApp) -> ft.View:
    t = app.t
    coach = app.mode == COACH

    def begin() -> None:
        # The language and the mode are kept where the lock screen can read them; the data
        # itself waits for the passcode, so nothing is ever stored unencrypted.
        app.set_language(app.language)
        if save_mode(app, app.mode):
            app.go("/passcode/new")

    about: list[ft.Control] = (
        [body(t("coach.welcome.what")), body(t("coach.welcome.private"))]
        if coach
        else [body(t("welcome.what")), body(t("welcome.private")), body(t("welcome.pace"))]
    )
    controls: list[ft.Control] = [
        ft.Text(t("welcome.choose_language"), size=16),
        *language_choices(app),
        ft.Divider(),
        heading(t("welcome.title")),
        body(t("coach.mode.question")),
        *mode_choices(app),
        *about,
        primary_button(t("welcome.start"), lambda _: begin(), icon=ft.Icons.ARROW_FORWARD),
    ]
    if not coach:
        controls += [
            ft.Divider(),
            # A backup is restored into data that has a passcode: the code comes first, then
            # home offers the restore while there is nothing yet (never a readable copy on disk).
            muted(t("welcome.backup_help")),
            secondary_button(t("welcome.backup"), lambda _: begin(), icon=ft.Icons.RESTORE),
        ]
    return screen(app, "/welcome", None, controls, padding=20)
