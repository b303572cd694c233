"""The coach's caseload as a lazy list with search, order and filter; the same panel stands
alone on a phone and on the left of a client's page on a laptop."""

from __future__ import annotations

from typing import TYPE_CHECKING

import flet as ft

from bridge.coach.caseload import Flag, SortKey, caseload
from bridge.coach.types import ClientEntry
from bridge.ui import theme
from bridge.ui.layout import body, heading, primary_button, secondary_button
from bridge.ui.widgets.caseload_row import ROW_HEIGHT, caseload_row, flag_text
from bridge.ui.widgets.coach_menu import ChoiceMenu
from bridge.ui.widgets.coach_view_state import view_state

if TYPE_CHECKING:
    from bridge.ui.app import BridgeApp

ALL = "all"
#: Rows built at a time: the list grows as the coach scrolls near its end, so a caseload of
#: 500 opens as fast as one of 40 (building a row's controls costs about half a millisecond).
BATCH = 40
#: The list's width beside a client's page on a laptop.
PANEL_WIDTH = 420


class CaseloadList:
    """Reads nothing itself: the screen hands it the index rows it read once."""

    def __init__(
        self, app: BridgeApp, entries: list[ClientEntry], weeks: int, selected: str | None
    ) -> None:
        self.app = app
        self.entries = entries
        self.weeks = weeks
        self.selected = selected
        self.today = app.today()
        self.state = view_state(app)
        self._rows: dict[str, ft.Control] = {}
        t = app.t
        self.search = ft.TextField(
            label=t("coach_caseload.search"),
            value=self.state.search,
            prefix_icon=ft.Icons.SEARCH,
            on_change=self.searched,
            text_size=17,
        )
        self.sort = ChoiceMenu(
            t("coach_caseload.sort_title"),
            [(k.value, t(f"coach_caseload.sort.{k.value}")) for k in SortKey],
            self.state.sort.value,
            self.sorted,
            expand=True,
        )
        self.only = ChoiceMenu(
            t("coach_caseload.filter_title"),
            [
                (ALL, t("coach_caseload.filter.all")),
                *(
                    (f.value, flag_text(app, f, weeks))
                    for f in (Flag.WANTS_TO_TALK, Flag.WENT_DOWN, Flag.NO_UPDATE)
                ),
            ],
            self.state.only.value if self.state.only else ALL,
            self.filtered,
            expand=True,
        )
        self.count = ft.Text("", size=15, color=theme.MUTED)
        self.no_match = ft.Column(
            [
                body(t("coach_caseload.no_match")),
                secondary_button(t("coach_caseload.clear"), lambda _: self.clear()),
            ],
            visible=False,
        )
        self.shown: list[ClientEntry] = []
        self.list = ft.ListView(
            item_extent=ROW_HEIGHT, expand=True, on_scroll=self.scrolled, scroll_interval=100
        )
        self.show()

    # -- what is shown -------------------------------------------------------------
    def row(self, entry: ClientEntry) -> ft.Control:
        """Each row is built once per screen, then only moved when the order changes."""
        found = self._rows.get(entry.client_id)
        if found is None:
            found = self._rows[entry.client_id] = caseload_row(
                self.app,
                entry,
                today=self.today,
                weeks=self.weeks,
                selected=entry.client_id == self.selected,
                on_open=self.open,
            )
        return found

    def show(self) -> None:
        shown = caseload(
            self.entries,
            today=self.today,
            weeks=self.weeks,
            search=self.state.search,
            sort=self.state.sort,
            only=self.state.only,
        )
        self.shown = shown
        self.list.controls = [self.row(e) for e in shown[:BATCH]]
        total = len(self.entries)
        if len(shown) == total:
            self.count.value = self.app.t.plural("coach_caseload.count", total)
        else:
            self.count.value = self.app.t("coach_caseload.shown", shown=len(shown), total=total)
        self.no_match.visible = not shown
        self.list.visible = bool(shown)

    def more(self) -> None:
        """The next rows, when the list does not show every match yet."""
        have = len(self.list.controls)
        if have < len(self.shown):
            self.list.controls.extend(self.row(e) for e in self.shown[have : have + BATCH])

    # -- what the coach does ---------------------------------------------------------
    def scrolled(self, e: ft.OnScrollEvent) -> None:
        if e.max_scroll_extent - e.pixels < 2 * e.viewport_dimension:
            self.more()

    def searched(self, e: ft.Event[ft.TextField]) -> None:
        self.state.search = self.search.value or ""
        self.show()

    def sorted(self, key: str) -> None:
        self.state.sort = SortKey(key)
        self.show()

    def filtered(self, key: str) -> None:
        self.state.only = None if key == ALL else Flag(key)
        self.show()

    def clear(self) -> None:
        self.state.search = ""
        self.state.only = None
        self.search.value = ""
        self.only.value = ALL
        self.only.show()
        self.show()

    def open(self, client_id: str) -> None:
        self.app.go(f"/coach/client/{client_id}")

    # -- the panel ---------------------------------------------------------------------
    def control(self) -> ft.Control:
        """The list fills what is left under the search and choices, and scrolls on its own."""
        if not self.entries:
            return empty_caseload(self.app)
        return ft.Column(
            expand=True,
            spacing=10,
            controls=[
                ft.Container(
                    padding=ft.Padding.only(left=14, right=14, top=12),
                    content=ft.Column(
                        spacing=10,
                        controls=[
                            self.search,
                            ft.Row([self.sort.button, self.only.button], spacing=10),
                        ],
                        horizontal_alignment=ft.CrossAxisAlignment.STRETCH,
                    ),
                ),
                ft.Container(self.count, padding=ft.Padding.symmetric(horizontal=14)),
                ft.Container(self.no_match, padding=ft.Padding.symmetric(horizontal=14)),
                self.list,
            ],
        )


def empty_caseload(app: BridgeApp) -> ft.Control:
    """No client yet: where they come from."""
    t = app.t
    return ft.Container(
        padding=ft.Padding.all(16),
        content=ft.Column(
            spacing=16,
            horizontal_alignment=ft.CrossAxisAlignment.STRETCH,
            controls=[
                heading(t("coach_caseload.empty_title"), size=22),
                body(t("coach_caseload.empty_text")),
                primary_button(
                    t("coach_caseload.empty_button"),
                    lambda _: app.go("/coach/import"),
                    icon=ft.Icons.DOWNLOAD,
                ),
            ],
        ),
    )
