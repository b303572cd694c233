"""Privacy settings: change the passcode, the auto-lock time, backup and restore, delete everything.

Slow work (scrypt for the passcode and the backup passphrase) runs off the event loop. The parts
the coach's settings share (passcode, auto-lock, delete) live in `widgets/privacy_parts.py`.
"""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING

import flet as ft

from bridge.storage import StorageError
from bridge.storage.backup import (
    BackupContents,
    export_backup,
    read_backup,
    restore_backup,
    too_large,
)
from bridge.ui import theme
from bridge.ui.formatting import format_date
from bridge.ui.layout import (
    confirm,
    heading,
    inline_message,
    muted,
    secondary_button,
)
from bridge.ui.messages import message_for
from bridge.ui.widgets.passcode_field import BusyRow, new_secret_problem, passcode_field, updating
from bridge.ui.widgets.privacy_parts import auto_lock, change_passcode, delete_everything, section
from bridge.ui.widgets.scaffold import screen

if TYPE_CHECKING:
    from bridge.ui.app import BridgeApp

log = logging.getLogger(__name__)


def backup(app: BridgeApp, picker: ft.FilePicker) -> list[ft.Control]:
    t = app.t
    first = passcode_field(t("privacy.backup_phrase"), t)
    again = passcode_field(t("privacy.backup_phrase_again"), t)
    message = inline_message()
    busy = BusyRow(t("privacy.backup_making"))

    async def make(_: object) -> None:
        # (make_button is assigned below, before any tap can call this)
        problem = new_secret_problem(t, first.value or "", again.value or "")
        message.value, message.color = problem or "", theme.ERROR
        message.visible = problem is not None
        if problem is not None:
            return
        try:
            data = await busy.run(
                app, make_button, lambda: export_backup(app.data(), first.value or "")
            )
        except StorageError as exc:  # e.g. a password that is not text
            log.error("making a backup failed: %s", exc)
            message.value, message.visible = message_for(t, exc, "privacy.backup_failed"), True
            return
        name = f"bridge-backup-{app.today().isoformat()}.age"
        await picker.save_file(file_name=name, src_bytes=data)
        message.value, message.color, message.visible = (
            t("privacy.backup_saved", name=name),
            theme.UP,
            True,
        )
        first.value = again.value = ""
        app.page.update()

    make_button = secondary_button(
        t("privacy.backup_make"), updating(app, make), icon=ft.Icons.SAVE_ALT
    )
    return [
        section(t("privacy.backup_title")),
        muted(t("privacy.backup_help")),
        first,
        again,
        message,
        busy,
        make_button,
    ]


def restore(app: BridgeApp, picker: ft.FilePicker) -> list[ft.Control]:
    t = app.t
    phrase = passcode_field(t("privacy.restore_phrase"), t)
    chosen = muted("")
    message = inline_message()
    busy = BusyRow(t("privacy.restore_reading"))
    state: dict[str, bytes] = {}

    async def pick(_: object) -> None:
        files = await picker.pick_files(allow_multiple=False, with_data=True)
        if files and too_large(files[0].size):  # refused before anything decodes it
            state.pop("data", None)
            message.value, message.visible = t("privacy.backup_error.too_large"), True
            app.page.update()
            return
        if files and files[0].bytes is not None:
            state["data"] = files[0].bytes
            chosen.value = t("privacy.restore_chosen", name=files[0].name)
            message.visible = False
            app.page.update()

    def ask_to_replace(contents: BackupContents) -> None:
        def replace() -> None:
            try:
                restore_backup(app.ctx.data, contents)
            except StorageError as exc:
                log.error("restoring failed: %s", exc)
                message.value = message_for(t, exc, "privacy.restore_failed")
                message.visible = True
                app.page.update()
                return
            app.notify(t("privacy.restored"))
            app.go("/")

        text = t.plural(
            "privacy.restore_confirm",
            contents.snapshot_count,
            date=format_date(app, contents.created_at),
        )
        confirm(app, t("privacy.restore_title"), text, t("privacy.restore_button"), replace)

    async def check(_: object) -> None:
        data = state.get("data")
        if data is None:
            message.value, message.visible = t("privacy.restore_no_file"), True
            return
        message.visible = False
        try:
            contents = await busy.run(
                app, check_button, lambda: read_backup(data, phrase.value or "")
            )
        except StorageError as exc:  # wrong password, damaged, not a backup, newer, too large
            message.value, message.visible = message_for(t, exc, "privacy.restore_failed"), True
            return
        ask_to_replace(contents)

    check_button = secondary_button(
        t("privacy.restore_check"), updating(app, check), icon=ft.Icons.RESTORE
    )
    return [
        section(t("privacy.restore_title")),
        muted(t("privacy.restore_help")),
        secondary_button(t("privacy.restore_pick"), pick, icon=ft.Icons.FOLDER_OPEN),
        chosen,
        phrase,
        message,
        busy,
        check_button,
    ]


def build(app: BridgeApp) -> ft.View:
    t = app.t
    # Services register when made and must stay referenced while in use (flet-notes).
    picker = ft.FilePicker()
    controls: list[ft.Control] = [heading(t("privacy.title"))]
    for part in (
        change_passcode(app),
        auto_lock(app),
        backup(app, picker),
        restore(app, picker),
        delete_everything(app),
    ):
        controls.extend(part)
        controls.append(ft.Divider())
    view = screen(
        app,
        "/settings/privacy",
        t("privacy.title"),
        controls,
        services=[picker],
    )
    return view
