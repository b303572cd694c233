"""What a coach can do with one client's data: save it as a file (not encrypted, and said so)
and delete it from this device after a confirmation. The file work runs off the event loop."""

from __future__ import annotations

import asyncio
import logging
import re
from typing import TYPE_CHECKING

import flet as ft

from bridge.i18n import Translator
from bridge.storage import StorageError
from bridge.ui import theme
from bridge.ui.layout import confirm, muted, secondary_button

if TYPE_CHECKING:
    from bridge.ui.app import BridgeApp

log = logging.getLogger(__name__)


def message_for(t: Translator, error: BaseException, fallback_key: str) -> str:
    """The error's own words when the catalog has them, else what this screen was doing."""
    key = getattr(error, "message_key", None)
    if isinstance(key, str) and key in t.catalog.entries:
        return t(key, **dict(getattr(error, "params", None) or {}))
    return t(fallback_key)


def export_name(label: str, day: str) -> str:
    """A file name from the label that any system accepts ("Anna de V." → bridge-anna-de-v-…)."""
    safe = re.sub(r"[^a-z0-9]+", "-", label.casefold()).strip("-")[:40] or "client"
    return f"bridge-{safe}-{day}.json"


class ClientActions:
    """Export and delete; the screen puts `picker` in its view's services (it must live on)."""

    def __init__(self, app: BridgeApp, client_id: str, label: str) -> None:
        self.app = app
        self.client_id = client_id
        self.label = label
        self.picker = ft.FilePicker()

    def controls(self) -> list[ft.Control]:
        t = self.app.t
        return [
            ft.Text(t("coach_client.actions_title"), size=20, weight=ft.FontWeight.BOLD),
            muted(t("coach_client.export_note")),
            secondary_button(t("coach_client.export"), self.export, icon=ft.Icons.SAVE_ALT),
            ft.OutlinedButton(
                content=ft.Text(t("coach_client.delete"), size=17, color=theme.ERROR),
                icon=ft.Icon(ft.Icons.DELETE_OUTLINE, color=theme.ERROR),
                on_click=lambda _: self.ask_delete(),
                height=theme.TAP_HEIGHT,
            ),
        ]

    async def export(self, e: object = None) -> None:
        t = self.app.t
        self.app.ctx.activity.touch()
        try:
            data = await asyncio.to_thread(self.app.coach().export_client, self.client_id)
        except (StorageError, ValueError) as exc:
            log.error("exporting a client failed: %s", exc)
            self.app.notify(message_for(t, exc, "coach_client.export_failed"))
            return
        name = export_name(self.label, self.app.today().isoformat())
        try:
            await self.picker.save_file(file_name=name, src_bytes=data)
        except Exception as exc:  # the browser or the system refused: say so, nothing changed
            log.error("saving the export failed: %s", exc)
            self.app.notify(t("coach_client.export_failed"))
            return
        self.app.notify(t("coach_client.exported", name=name))

    def ask_delete(self) -> None:
        t = self.app.t
        confirm(
            self.app,
            t("coach_client.delete_title", label=self.label),
            t("coach_client.delete_text", label=self.label),
            t("coach_client.delete_yes"),
            lambda: self.app.page.run_task(self.delete),
            danger=True,
        )

    async def delete(self) -> None:
        t = self.app.t
        self.app.ctx.activity.touch()
        try:
            await asyncio.to_thread(self.app.coach().delete_client, self.client_id)
        except (StorageError, ValueError) as exc:
            log.error("deleting a client failed: %s", exc)
            self.app.notify(message_for(t, exc, "coach_client.delete_failed"))
            return
        self.app.notify(t("coach_client.deleted", label=self.label))
        self.app.go("/coach")
