"""The coach's key: a backup as a passphrase-protected .age file, and putting one back (a coach
gets a new laptop). scrypt runs off the event loop; nothing is stored unless all is right, and
another key on this device is only replaced after the coach said yes."""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import TYPE_CHECKING

import flet as ft

from bridge.coach.identity import (
    MAX_FILE_SIZE,
    CoachIdentity,
    IdentityBackupError,
    IdentityRecordError,
    coach_identity,
    export_identity,
    has_identity,
    read_identity_backup,
    restore_identity,
)
from bridge.storage import StorageError
from bridge.storage.errors import NewerDataError
from bridge.ui import theme
from bridge.ui.layout import confirm, inline_message, muted, secondary_button
from bridge.ui.messages import message_for
from bridge.ui.widgets.passcode_field import BusyRow, new_secret_problem, passcode_field, updating

if TYPE_CHECKING:
    from bridge.ui.app import BridgeApp

log = logging.getLogger(__name__)


def section(title: str) -> ft.Text:
    return ft.Text(title, size=20, weight=ft.FontWeight.BOLD)


def say(message: ft.Text, text: str, *, good: bool = False) -> None:
    message.value, message.color, message.visible = text, theme.UP if good else theme.ERROR, True


def key_backup(
    app: BridgeApp, picker: ft.FilePicker, identity: Callable[[], CoachIdentity]
) -> list[ft.Control]:
    """Passphrase twice, then the browser saves `bridge-coach-key-<date>.age`."""
    t = app.t
    first = passcode_field(t("privacy.backup_phrase"), t)
    again = passcode_field(t("privacy.backup_phrase_again"), t)
    message = inline_message()
    busy = BusyRow(t("coach.key.backup_making"))

    async def make(_: object) -> None:
        problem = new_secret_problem(t, first.value or "", again.value or "")
        if problem is not None:
            say(message, problem)
            return
        message.visible = False
        phrase = first.value or ""
        try:
            armored = await busy.run(app, button, lambda: export_identity(identity(), phrase))
        except (IdentityBackupError, IdentityRecordError, StorageError) as exc:
            log.error("making the key backup failed: %s", exc)
            say(message, message_for(t, exc, "coach.key.backup_failed"))
            return
        name = f"bridge-coach-key-{app.today().isoformat()}.age"
        await picker.save_file(file_name=name, src_bytes=armored.encode("ascii"))
        first.value = again.value = ""
        say(message, t("coach.key.backup_saved", name=name), good=True)

    button = secondary_button(
        t("coach.key.backup_make"), updating(app, make), icon=ft.Icons.SAVE_ALT
    )
    return [
        section(t("coach.key.backup_title")),
        muted(t("coach.key.backup_help")),
        first,
        again,
        message,
        busy,
        button,
    ]


def key_restore(
    app: BridgeApp, picker: ft.FilePicker, restored: Callable[[CoachIdentity], None]
) -> list[ft.Control]:
    """Pick the file, type its passphrase; a different key here is replaced only after a yes."""
    t = app.t
    phrase = passcode_field(t("privacy.restore_phrase"), t)
    phrase.on_submit = updating(app, lambda _: check(None))
    chosen = muted("")
    chosen.visible = False  # shown once a file is chosen (a text that was empty stays unread)
    message = inline_message()
    busy = BusyRow(t("coach.key.restore_reading"))
    picked: dict[str, bytes] = {}

    async def pick(_: object) -> None:
        files = await picker.pick_files(allow_multiple=False, with_data=True)
        if not files:
            return  # cancelled: what was chosen before stays
        file = files[0]
        if file.size > MAX_FILE_SIZE or file.bytes is None:
            picked.clear()
            chosen.value, chosen.visible = "", False
            say(message, t("coach.identity.error.too_large" if file.bytes else "coach.key.no_file"))
        else:
            picked["data"] = file.bytes
            chosen.value = t("coach.key.restore_chosen", name=file.name)
            chosen.visible = True
            message.visible = False
        app.page.update()

    def examine(data: bytes, secret: str) -> tuple[CoachIdentity, str | None]:
        """The backup's key (slow: scrypt), and the fingerprint of another key that it would
        replace here ("?" when the key here cannot be read), or None: nothing to replace."""
        backup = read_identity_backup(data, secret)
        repo = app.data()
        if not has_identity(repo):
            return backup, None
        try:
            here = coach_identity(repo)
        except (IdentityRecordError, NewerDataError):
            return backup, "?"
        return backup, None if here == backup else here.fingerprint

    async def put_back(data: bytes, secret: str, *, replace: bool) -> None:
        try:
            identity = await busy.run(
                app, button, lambda: restore_identity(app.data(), data, secret, replace=replace)
            )
        except (IdentityBackupError, StorageError) as exc:
            log.error("restoring the coach key failed: %s", exc)
            say(message, message_for(t, exc, "coach.key.restore_failed"))
            return
        phrase.value = ""
        picked.clear()
        chosen.value, chosen.visible = "", False
        say(message, t("coach.key.restored", code=identity.fingerprint), good=True)
        restored(identity)

    def ask_to_replace(data: bytes, secret: str, here: str, new: str) -> None:
        async def yes() -> None:
            await put_back(data, secret, replace=True)
            app.page.update()

        confirm(
            app,
            t("coach.key.replace_title"),
            t("coach.key.replace_text", current=here, new=new),
            t("coach.key.replace_button"),
            lambda: app.page.run_task(yes),
            danger=True,
        )

    async def check(_: object) -> None:
        data = picked.get("data")
        if data is None:
            say(message, t("coach.key.no_file"))
            return
        secret = phrase.value or ""
        message.visible = False
        try:
            backup, other = await busy.run(app, button, lambda: examine(data, secret))
        except (IdentityBackupError, StorageError) as exc:
            say(message, message_for(t, exc, "coach.key.restore_failed"))
            phrase.value = ""  # as on the lock screen: the field empties for the next try
            return
        if other is not None:
            ask_to_replace(data, secret, other, backup.fingerprint)  # nothing stored before a yes
            return
        await put_back(data, secret, replace=False)

    button = secondary_button(
        t("coach.key.restore_check"), updating(app, check), icon=ft.Icons.RESTORE
    )
    return [
        section(t("coach.key.restore_title")),
        muted(t("coach.key.restore_help")),
        secondary_button(t("coach.key.restore_pick"), pick, icon=ft.Icons.FOLDER_OPEN),
        chosen,
        phrase,
        message,
        busy,
        button,
    ]
