"""First start: choose a language and read, in plain words, what the app is and where data stays."""

from __future__ import annotations

from typing import TYPE_CHECKING

import flet as ft

from bridge.ui.layout import body, heading, muted, primary_button, secondary_button
from bridge.ui.widgets.language_choices import language_choices
from bridge.ui.widgets.scaffold import screen

if TYPE_CHECKING:
    from bridge.ui.app import BridgeApp


def build(app: BridgeApp) -> ft.View:
    t = app.t

    def begin() -> None:
        # The language is kept where the lock screen can read it; the data itself waits
        # for the passcode, so nothing is ever stored unencrypted.
        app.set_language(app.language)
        app.go("/passcode/new")

    return screen(
        app,
        "/welcome",
        None,
        [
            ft.Text(t("welcome.choose_language"), size=16),
            *language_choices(app),
            ft.Divider(),
            heading(t("welcome.title")),
            body(t("welcome.what")),
            body(t("welcome.private")),
            body(t("welcome.pace")),
            primary_button(t("welcome.start"), lambda _: begin(), icon=ft.Icons.ARROW_FORWARD),
            ft.Divider(),
            # A backup is restored into data that has a passcode: the code comes first, then home
            # offers the restore while there is nothing yet (never a readable copy on disk).
            muted(t("welcome.backup_help")),
            secondary_button(t("welcome.backup"), lambda _: begin(), icon=ft.Icons.RESTORE),
        ],
        padding=20,
    )
