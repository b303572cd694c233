"""Pairing with a coach: paste or type the coach's key once, give a name, compare the code aloud."""

from __future__ import annotations

from typing import TYPE_CHECKING

import flet as ft

from bridge.sharing import NAME_MAX_CHARS, Coach, PairingError, pair_coach
from bridge.ui.layout import Notice, body, heading, inline_message, primary_button
from bridge.ui.messages import message_for
from bridge.ui.widgets.fingerprint import fingerprint_box
from bridge.ui.widgets.scaffold import screen

if TYPE_CHECKING:
    from bridge.ui.app import BridgeApp


def build(app: BridgeApp) -> ft.View:
    t = app.t
    key = ft.TextField(
        label=t("share.pair.key_label"),
        helper=t("share.pair.key_help"),
        helper_max_lines=4,
        error_max_lines=4,
        multiline=True,
        min_lines=2,
        max_lines=4,
        text_size=16,
        autocorrect=False,
        enable_suggestions=False,
    )
    name = ft.TextField(
        label=t("share.pair.name_label"),
        helper=t("share.pair.name_help", max=NAME_MAX_CHARS),
        helper_max_lines=3,
        error_max_lines=3,
        text_size=17,
    )
    problem = inline_message()
    done = ft.Column(visible=False, spacing=12, horizontal_alignment=ft.CrossAxisAlignment.STRETCH)

    def save(_: object) -> None:
        result: dict[str, Coach] = {}

        def pair(repo: object) -> None:
            result["coach"] = pair_coach(repo, name.value or "", key.value or "")  # type: ignore[arg-type]

        try:
            if not app.save(pair):
                return
        except PairingError as exc:
            problem.value = message_for(t, exc, "share.error.bad_key")
            problem.visible = True
            return
        coach = result["coach"]
        problem.visible = False
        form.visible = False
        done.controls = [
            Notice(),
            body(t("share.pair.saved", name=coach.name)),
            fingerprint_box(app, coach),
            primary_button(t("share.pair.done"), lambda _: app.go("/share"), icon=ft.Icons.CHECK),
        ]
        done.controls[0].show(t("share.pair.compare_now"))  # type: ignore[attr-defined]
        done.visible = True

    form = ft.Column(
        [
            body(t("share.pair.intro")),
            key,
            name,
            problem,
            primary_button(t("share.pair.save"), save, icon=ft.Icons.PERSON_ADD),
        ],
        spacing=14,
    )
    return screen(
        app,
        "/share/coach",
        t("share.pair.title"),
        [heading(t("share.pair.title"), size=24), form, done],
        settings=False,
    )
