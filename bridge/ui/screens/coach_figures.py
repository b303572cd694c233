"""The programme figures (/coach/figures): how the consenting clients' bridges and stress
changed between their first and latest bridge, at least N months apart (a setting).

Only clients whose latest summary consents count; how many are left out is said, hidden as
every small count is. Reading every client's file is slow with a long caseload: it runs in
a worker thread after the screen shows, and the figures fill in when it is done. Exports
and merging several coaches' exports are in :mod:`bridge.ui.widgets.coach_figures_exports`.
"""

from __future__ import annotations

import asyncio
import logging
from typing import TYPE_CHECKING

import flet as ft

from bridge.coach.figures import Figures
from bridge.coach.settings import months_apart, set_months_apart
from bridge.coach.types import CoachStoreError
from bridge.storage import StorageError
from bridge.storage.errors import LockedError
from bridge.ui import theme
from bridge.ui.layout import body, heading, inline_message, muted
from bridge.ui.messages import message_for
from bridge.ui.widgets.coach_figures_data import (
    Caseload,
    consent_note,
    figures_session,
    read_caseload,
)
from bridge.ui.widgets.coach_figures_exports import ExportsPart, MergePart, section
from bridge.ui.widgets.coach_figures_view import figures_parts
from bridge.ui.widgets.scaffold import screen

if TYPE_CHECKING:
    from bridge.ui.app import BridgeApp

log = logging.getLogger(__name__)
ROUTE = "/coach/figures"
MONTH_CHOICES = (3, 6, 9, 12, 18, 24)


class FiguresScreen:
    def __init__(self, app: BridgeApp) -> None:
        t = app.t
        self.app = app
        self.store = app.coach()  # LockedError: the shell shows the lock screen
        self.months = months_apart(app.data())
        self.caseload: Caseload | None = None
        self.figures: Figures | None = None
        self.picker = ft.FilePicker()  # a service: kept referenced while the screen lives
        self.busy = ft.Row(
            [ft.ProgressRing(width=22, height=22), ft.Text(t("coach.figures.busy"), size=16)]
        )
        self.message = inline_message()
        self.months_row = ft.Row(wrap=True, spacing=8)
        self.months_message = inline_message()
        self.note = ft.Text("", size=16)
        self.own = ft.Column(spacing=16, horizontal_alignment=ft.CrossAxisAlignment.STRETCH)
        self.exports = ExportsPart(app, self.store, self.picker, lambda: self.figures)
        self.merge = MergePart(app, self.picker, figures_session(app), lambda: self.months)
        self.show_months()

    # -- the months-apart rule ------------------------------------------------------------
    def show_months(self) -> None:
        t = self.app.t
        choices = sorted({*MONTH_CHOICES, self.months})  # a value set elsewhere still shows
        self.months_row.controls = [
            ft.Chip(
                label=ft.Text(t.plural("coach.figures.months", n), size=15),
                selected=n == self.months,
                on_select=lambda _, n=n: self.app.page.run_task(self.choose, n),
                selected_color=theme.SELECTED_BG,
            )
            for n in choices
        ]

    async def choose(self, months: int) -> None:
        app = self.app
        app.ctx.activity.touch()
        try:
            set_months_apart(app.data(), months)
        except LockedError:
            app.refresh()
            return
        except (CoachStoreError, StorageError) as exc:
            log.error("the months could not be saved: %s", exc)
            self.months_message.value = message_for(app.t, exc, "error.save_failed")
            self.months_message.visible = True
            app.page.update()
            return
        self.months, self.months_message.visible = months, False
        self.show_months()
        if self.caseload is not None:
            caseload = self.caseload
            self.figures = await asyncio.to_thread(caseload.figures, months)
            self.show_own()
        app.page.update()
        await self.merge.remerge()

    # -- the coach's own figures -------------------------------------------------------------
    async def load(self) -> None:
        app = self.app
        try:
            caseload = await asyncio.to_thread(self.store_caseload)
            months = -1
            while months != self.months:  # the rule may change while the files are read
                months = self.months
                figures = await asyncio.to_thread(caseload.figures, months)
        except LockedError:
            app.refresh()
            return
        except StorageError as exc:
            log.error("the figures could not be read: %s", exc)
            self.message.value = message_for(app.t, exc, "coach.figures.read_failed")
            self.message.visible = True
        else:
            self.caseload, self.figures = caseload, figures
            self.show_own()
        finally:
            self.busy.visible = False
        try:
            app.page.update()
        except RuntimeError:  # the screen is gone
            return

    def store_caseload(self) -> Caseload:
        return read_caseload(self.store)

    def show_own(self) -> None:
        t = self.app.t
        caseload, figures = self.caseload, self.figures
        if caseload is None or figures is None:
            return
        note = consent_note(caseload)
        counts = t(
            "coach.figures.consent_counts",
            consenting=note.consenting.text,
            total=note.total.text,
            left_out=note.left_out.text,
        )
        self.note.value = counts + (" " + t("coach.figures.unreadable") if note.unreadable else "")
        has_figures = caseload.consenting > 0 and bool(caseload.records)
        self.exports.set_enabled(has_figures)
        if not has_figures:
            self.own.controls = [
                ft.Container(
                    ft.Column(
                        [
                            ft.Icon(ft.Icons.BAR_CHART, size=40, color=theme.MUTED),
                            body(t("coach.figures.empty")),
                            muted(t("coach.figures.empty_help")),
                        ],
                        spacing=8,
                    ),
                    padding=16,
                    bgcolor=theme.PANEL_BG,
                    border_radius=10,
                )
            ]
            return
        self.own.controls = figures_parts(self.app, figures)

    # -- the view ------------------------------------------------------------------------
    def view(self) -> ft.View:
        app, t = self.app, self.app.t
        controls: list[ft.Control] = [
            heading(t("coach.nav.figures")),
            body(t("coach.figures.intro")),
            section(t("coach.figures.months_title")),
            muted(t("coach.figures.months_help")),
            self.months_row,
            self.months_message,
            muted(t("coach.figures.consent_rule")),
            self.note,
            self.busy,
            self.message,
            self.own,
            ft.Divider(),
            *self.exports.controls(),
            ft.Divider(),
            *self.merge.controls(),
        ]
        app.page.run_task(self.load)
        return screen(
            app, ROUTE, t("coach.nav.figures"), controls, tab=ROUTE, services=[self.picker]
        )


def build(app: BridgeApp) -> ft.View:
    return FiguresScreen(app).view()
