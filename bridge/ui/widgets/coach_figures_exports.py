"""The figures screen's files: the overview as CSV, the anonymous per-client export for the
organisation, and merging several such exports into one overview shown on the same screen.

Every file is made or read in a worker thread. A merge that refuses a file shows why (the
FiguresCsvError's words) and shows no overview: never half of one.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Awaitable, Callable
from typing import TYPE_CHECKING

import flet as ft

from bridge.coach.figures import Figures
from bridge.coach.figures_csv import FiguresCsvError, figures_csv
from bridge.storage import StorageError
from bridge.storage.errors import LockedError
from bridge.ui import theme
from bridge.ui.layout import inline_message, muted, secondary_button
from bridge.ui.messages import message_for
from bridge.ui.widgets.coach_figures_data import (
    FiguresSession,
    Merged,
    export_records,
    merge_files,
)
from bridge.ui.widgets.coach_figures_view import figures_parts
from bridge.ui.widgets.file_pick import pick_files

if TYPE_CHECKING:
    from bridge.coach.store import CoachStore
    from bridge.ui.app import BridgeApp

log = logging.getLogger(__name__)
PICK_EXTENSIONS = ["csv"]


def section(title: str) -> ft.Text:
    return ft.Text(title, size=20, weight=ft.FontWeight.BOLD)


class Saver:
    """Downloads a file and says where it went (or why it could not be made)."""

    def __init__(self, app: BridgeApp, picker: ft.FilePicker) -> None:
        self.app, self.picker = app, picker
        self.message = inline_message()

    async def save(self, name: str, make: Callable[[], bytes]) -> None:
        t = self.app.t
        self.app.ctx.activity.touch()
        try:
            data = await asyncio.to_thread(make)
        except LockedError:
            self.app.refresh()
            return
        except StorageError as exc:
            log.error("an export could not be made: %s", exc)
            self.say(message_for(t, exc, "coach.figures.export_failed"), error=True)
            return
        await self.picker.save_file(file_name=name, src_bytes=data)
        self.say(t("coach.figures.saved", name=name), error=False)

    def say(self, text: str, *, error: bool) -> None:
        self.message.value, self.message.visible = text, True
        self.message.color = theme.ERROR if error else theme.UP
        self.app.page.update()


class ExportsPart:
    """ "Cijfers als CSV" and "Anonieme export voor de organisatie"."""

    def __init__(
        self,
        app: BridgeApp,
        store: CoachStore,
        picker: ft.FilePicker,
        current: Callable[[], Figures | None],
    ) -> None:
        t = app.t
        self.app, self.store, self.current = app, store, current
        self.saver = Saver(app, picker)
        self.csv_button = secondary_button(
            t("coach.figures.csv_button"), self.save_figures, icon=ft.Icons.TABLE_CHART
        )
        self.records_button = secondary_button(
            t("coach.figures.records_button"), self.save_records, icon=ft.Icons.SAVE_ALT
        )
        self.set_enabled(False)

    def set_enabled(self, enabled: bool) -> None:
        self.csv_button.disabled = self.records_button.disabled = not enabled

    def stamp(self) -> str:
        return self.app.today().isoformat()

    async def save_figures(self, _: object) -> None:
        figures = self.current()
        if figures is None:
            return
        await self.saver.save(f"bridge-cijfers-{self.stamp()}.csv", lambda: figures_csv(figures))

    async def save_records(self, _: object) -> None:
        store = self.store
        await self.saver.save(f"bridge-export-{self.stamp()}.csv", lambda: export_records(store))

    def controls(self) -> list[ft.Control]:
        t = self.app.t
        return [
            section(t("coach.figures.exports_title")),
            muted(t("coach.figures.csv_help")),
            self.csv_button,
            muted(t("coach.figures.records_help")),
            self.records_button,
            self.saver.message,
        ]


class MergePart:
    """Pick several exports, see the merged overview here, download it as CSV."""

    def __init__(
        self,
        app: BridgeApp,
        picker: ft.FilePicker,
        state: FiguresSession,
        months: Callable[[], int],
    ) -> None:
        t = app.t
        self.app, self.picker, self.state, self.months = app, picker, state, months
        self.saver = Saver(app, picker)
        self.button = secondary_button(
            t("coach.figures.merge_button"), self.pick, icon=ft.Icons.MERGE
        )
        self.busy = ft.Row(
            [ft.ProgressRing(width=22, height=22), ft.Text(t("coach.figures.merging"), size=16)],
            visible=False,
        )
        self.error = inline_message()
        self.result = ft.Column(spacing=16, horizontal_alignment=ft.CrossAxisAlignment.STRETCH)
        self.csv_button = secondary_button(
            t("coach.figures.merged_csv_button"), self.save_merged, icon=ft.Icons.TABLE_CHART
        )
        self.show()

    def show(self) -> None:
        t, state = self.app.t, self.state
        self.error.value = state.merge_error or ""
        self.error.visible = state.merge_error is not None
        merged = state.merged
        if merged is None:
            self.result.controls = []
            return
        self.result.controls = [
            section(t("coach.figures.merged_title")),
            ft.Text(
                t.plural(
                    "coach.figures.merged_files", len(merged.names), names=", ".join(merged.names)
                ),
                size=16,
            ),
            ft.Text(t("coach.figures.merged_clients", n=merged.figures.clients.text), size=16),
            *figures_parts(self.app, merged.figures),
            self.csv_button,
            self.saver.message,
        ]

    async def run(self, work: Callable[[], Awaitable[Merged]]) -> None:
        self.busy.visible, self.button.disabled = True, True
        self.app.page.update()
        try:
            with self.app.ctx.activity.busy():
                self.state.merged = await work()
            self.state.merge_error = None
        except FiguresCsvError as exc:
            self.state.merged = None  # nothing of a refused merge is shown
            self.state.merge_error = message_for(self.app.t, exc, "coach.figures.merge_failed")
        except Exception:  # said on the screen, never half an overview
            log.exception("merging exports failed")
            self.state.merged = None
            self.state.merge_error = self.app.t("coach.figures.merge_failed")
        finally:
            self.busy.visible, self.button.disabled = False, False
            self.saver.message.visible = False
            self.show()
            self.app.page.update()

    async def pick(self, _: object) -> None:
        title = self.app.t("coach.figures.merge_button")
        picked = await pick_files(self.picker, title, PICK_EXTENSIONS, multiple=True)
        if not picked:
            return
        months = self.months()
        await self.run(lambda: asyncio.to_thread(merge_files, picked, months))

    async def remerge(self) -> None:
        """The months rule changed: the same files, merged again under the new rule."""
        merged = self.state.merged
        if merged is None:
            return
        picked = list(zip(merged.names, merged.files, strict=True))
        months = self.months()
        await self.run(lambda: asyncio.to_thread(merge_files, picked, months))

    async def save_merged(self, _: object) -> None:
        merged = self.state.merged
        if merged is None:
            return
        name = f"bridge-cijfers-samengevoegd-{self.app.today().isoformat()}.csv"
        await self.saver.save(name, lambda: figures_csv(merged.figures))

    def controls(self) -> list[ft.Control]:
        t = self.app.t
        return [
            section(t("coach.figures.merge_title")),
            muted(t("coach.figures.merge_help")),
            self.button,
            self.busy,
            self.error,
            self.result,
        ]
