"""First start: choose a language and read, in plain words, what the app is and where data stays."""

from __future__ import annotations

from typing import TYPE_CHECKING

import flet as ft

from bridge.content import LANGUAGES
from bridge.ui.layout import body, centered, heading, primary_button
from bridge.ui.widgets.choice_card import choice_card

if TYPE_CHECKING:
    from bridge.ui.app import BridgeApp


def language_choices(app: BridgeApp) -> list[ft.Control]:
    return [
        choice_card(
            app.t(f"language.{lang}"),
            None,
            selected=app.language == lang,
            on_select=lambda lang=lang: app.set_language(lang),  # type: ignore[misc]
        )
        for lang in LANGUAGES
    ]


def build(app: BridgeApp) -> ft.View:
    t = app.t

    def begin() -> None:
        # The language is kept where the lock screen can read it; the data itself waits
        # for the passcode, so nothing is ever stored unencrypted.
        app.set_language(app.language)
        app.go("/passcode/new")

    return ft.View(
        route="/welcome",
        scroll=ft.ScrollMode.AUTO,
        padding=ft.Padding.all(20),
        controls=[
            centered(
                [
                    ft.Text(t("welcome.choose_language"), size=16),
                    *language_choices(app),
                    ft.Divider(),
                    heading(t("welcome.title")),
                    body(t("welcome.what")),
                    body(t("welcome.private")),
                    body(t("welcome.pace")),
                    primary_button(
                        t("welcome.start"), lambda _: begin(), icon=ft.Icons.ARROW_FORWARD
                    ),
                ]
            )
        ],
    )
