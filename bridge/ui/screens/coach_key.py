"""The coach's key: the public key as text (copy), as a QR code, and the fingerprint in large
type to compare aloud with the client's phone. The key pair is made on the first visit (off the
event loop); a backup and putting one back sit below."""

from __future__ import annotations

import asyncio
import logging
from typing import TYPE_CHECKING

import flet as ft

from bridge.coach.identity import (
    CoachIdentity,
    IdentityRecordError,
    coach_identity,
    has_identity,
)
from bridge.coach.qr import qr_png
from bridge.storage import StorageError
from bridge.storage.errors import LockedError
from bridge.ui import theme
from bridge.ui.layout import body, heading, inline_message, muted
from bridge.ui.messages import message_for
from bridge.ui.widgets.coach_key_backup import key_backup, key_restore
from bridge.ui.widgets.fingerprint import code_box
from bridge.ui.widgets.passcode_field import BusyRow
from bridge.ui.widgets.scaffold import screen

if TYPE_CHECKING:
    from bridge.ui.app import BridgeApp

log = logging.getLogger(__name__)

ROUTE = "/coach/key"
QR_SIZE = 240  # px: big enough for a phone camera across a table


def key_parts(app: BridgeApp, identity: CoachIdentity) -> list[ft.Control]:
    """The fingerprint first (what the two read aloud), then the key as text and as a QR code.

    The key is the pairing text: the age key and the signing key (``age1… bridgesign1…``)."""
    t = app.t
    key = identity.pairing_text
    copied = muted(t("coach.key.copied"))
    copied.visible = False

    def after_copy(_: object) -> None:
        copied.visible = True

    # Read-only, so the coach can also select it by hand; the button copies it in one tap.
    key_text = ft.TextField(
        label=t("coach.key.text_label"),
        value=key,
        read_only=True,
        multiline=True,
        text_size=15,
    )
    qr = ft.Image(
        src=qr_png(key),
        width=QR_SIZE,
        height=QR_SIZE,
        fit=ft.BoxFit.CONTAIN,
        semantics_label=t("coach.key.qr_label"),
    )
    text_part = ft.Column(
        [
            heading(t("coach.key.text_title"), size=20),
            muted(t("coach.key.text_help")),
            key_text,
            ft.Button(
                content=ft.Text(t("coach.key.copy"), size=17),
                icon=ft.Icons.COPY,
                action=ft.CopyToClipboard(key),  # inside the tap, as iOS Safari requires
                on_click=after_copy,
                height=theme.TAP_HEIGHT,
            ),
            copied,
        ],
        col={"xs": 12, "lg": 7},
        spacing=16,
        horizontal_alignment=ft.CrossAxisAlignment.STRETCH,
    )
    qr_part = ft.Column(
        [
            heading(t("coach.key.qr_title"), size=20),
            muted(t("coach.key.qr_help")),
            ft.Row([qr], alignment=ft.MainAxisAlignment.CENTER),
        ],
        col={"xs": 12, "lg": 5},
        spacing=16,
    )
    return [
        code_box(
            identity.fingerprint,
            t("coach.key.fingerprint_help"),
            size=34,
            title=t("coach.key.fingerprint_title"),
        ),
        # On a laptop the key as text and the QR code sit side by side.
        ft.ResponsiveRow([text_part, qr_part], spacing=24, run_spacing=16),
    ]


def build(app: BridgeApp) -> ft.View:
    t = app.t
    repo = app.data()  # LockedError: the shell shows the lock screen
    picker = ft.FilePicker()  # kept by the view: services live while referenced
    shown = ft.Column(spacing=16, horizontal_alignment=ft.CrossAxisAlignment.STRETCH)
    problem = inline_message()
    making = BusyRow(t("coach.key.making"))
    current: list[CoachIdentity] = []

    def show_key(identity: CoachIdentity) -> None:
        current[:] = [identity]
        shown.controls = key_parts(app, identity)
        problem.visible = False

    def identity() -> CoachIdentity:
        return current[0] if current else coach_identity(app.data())

    async def make_key() -> None:
        making.visible = True
        try:
            made = await asyncio.to_thread(lambda: coach_identity(app.data()))
        except LockedError:
            app.refresh()
            return
        except (IdentityRecordError, StorageError) as exc:
            log.error("the coach key could not be made or read: %s", exc)
            problem.value = message_for(t, exc, "coach.key.failed")
            problem.visible = True
        else:
            show_key(made)
        finally:
            making.visible = False
        try:
            app.page.update()
        except RuntimeError:  # the screen is gone
            return

    try:
        if has_identity(repo):
            show_key(coach_identity(repo))  # a record read: quick
        else:
            making.visible = True
            app.page.run_task(make_key)  # the first visit makes the key pair, off the loop
    except (IdentityRecordError, StorageError) as exc:
        log.error("the coach key could not be read: %s", exc)
        problem.value = message_for(t, exc, "coach.key.failed")
        problem.visible = True

    def restored(identity: CoachIdentity) -> None:
        show_key(identity)

    controls: list[ft.Control] = [
        heading(t("coach.nav.key")),
        body(t("coach.key.intro")),
        making,
        problem,
        shown,
        ft.Divider(),
        *key_backup(app, picker, identity),
        ft.Divider(),
        *key_restore(app, picker, restored),
    ]
    return screen(
        app, ROUTE, t("coach.nav.key"), controls, tab=ROUTE, services=[picker], settings=False
    )
