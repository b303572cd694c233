"""The sealed summary: copy it into a message, share it, or save it as a .age file."""

from __future__ import annotations

from typing import TYPE_CHECKING

import flet as ft

from bridge.sharing import client_identity
from bridge.ui import theme
from bridge.ui.layout import body, heading, muted, secondary_button
from bridge.ui.widgets.armored_text import armored_text
from bridge.ui.widgets.fingerprint import code_box
from bridge.ui.widgets.scaffold import screen

if TYPE_CHECKING:
    from bridge.ui.app import BridgeApp


def build(app: BridgeApp) -> ft.View | None:
    if app.sharing.sealed is None:
        return None
    t = app.t
    name, armored = app.sharing.sealed
    picker = ft.FilePicker()  # kept by the view: services live while referenced
    file_name = f"bridge-{app.today().isoformat()}.age"
    saved = muted("")

    async def save_file(_: object) -> None:
        await picker.save_file(file_name=file_name, src_bytes=armored.encode("ascii"))
        saved.value = t("share.saved_file", file=file_name)
        app.page.update()

    copied = muted("")
    # The share sheet is the phone's; many browsers have none and show nothing at all, so the
    # person always hears what else works.
    shared = muted("")

    def after_share(_: object) -> None:
        shared.value = t("share.share_hint")

    def after_copy(_: object) -> None:
        copied.value = t("share.copied")

    controls: list[ft.Control] = [
        ft.Row(
            [
                ft.Icon(ft.Icons.LOCK, color=theme.UP, size=28),
                heading(t("share.done_title"), size=24),
            ]
        ),
        body(t("share.done_text", name=name)),
        # The first time, the coach's app shows the code of the key that signed this summary:
        # they compare it with this one, so nobody else can pass for this client later.
        code_box(
            client_identity(app.data()).fingerprint,
            t("share.own_code_help", name=name),
            size=24,
            title=t("share.own_code"),
        ),
        ft.Button(
            content=ft.Text(t("share.copy"), size=17),
            icon=ft.Icons.COPY,
            action=ft.CopyToClipboard(armored),  # inside the tap, as iOS Safari requires
            on_click=after_copy,
            height=theme.TAP_HEIGHT,
        ),
        copied,
        ft.Button(
            content=ft.Text(t("share.share"), size=17),
            icon=ft.Icons.SHARE,
            action=ft.ShareText(armored, title=t("share.title")),
            on_click=after_share,
            height=theme.TAP_HEIGHT,
        ),
        shared,
        secondary_button(t("share.save_file"), save_file, icon=ft.Icons.SAVE_ALT),
        saved,
        armored_text(t("share.text_label"), armored),
        secondary_button(t("share.again"), lambda _: app.go("/share"), icon=ft.Icons.ARROW_BACK),
    ]
    return screen(
        app,
        "/share/ready",
        t("share.title"),
        controls,
        services=[picker],
    )
