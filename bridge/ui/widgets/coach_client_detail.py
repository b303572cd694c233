"""One client's page for the coach, as parts: the latest and an earlier bridge side by side with
the change between them, the radar, each area over time, goals with steps and check-ins, and
notes only when the client shared them. Built from the history the screen read once."""

from __future__ import annotations

from datetime import date, datetime
from typing import TYPE_CHECKING

import flet as ft

from bridge.coach.charts_data import (
    Range,
    as_assessment,
    changes_between,
    counted_changes,
    earlier_bridges,
)
from bridge.coach.types import ClientEntry, ClientHistory
from bridge.domain.assessment import Change
from bridge.sharing.payload_types import BridgeEntry, PayloadGoal, SummaryPayload
from bridge.ui import theme
from bridge.ui.formatting import format_date
from bridge.ui.layout import body, heading, muted
from bridge.ui.widgets.bridge_drawing import CHANGE_ICONS, bridge_drawing
from bridge.ui.widgets.caseload_row import area_names
from bridge.ui.widgets.coach_charts import OverTime, radar
from bridge.ui.widgets.coach_menu import ChoiceMenu
from bridge.ui.widgets.coach_view_state import view_state

if TYPE_CHECKING:
    from bridge.ui.app import BridgeApp

HALF = {"xs": 12, "md": 6}


def day_text(app: BridgeApp, iso: str) -> str:
    try:
        return format_date(app, date.fromisoformat(iso[:10]))
    except ValueError:
        return iso


def section_title(text: str) -> ft.Text:
    return ft.Text(text, size=20, weight=ft.FontWeight.BOLD)


def header(app: BridgeApp, entry: ClientEntry, history: ClientHistory) -> list[ft.Control]:
    t = app.t
    latest = history.latest
    controls: list[ft.Control] = [heading(history.label, size=24)]
    if entry.latest_at:
        controls.append(
            muted(
                t.plural(
                    "coach_client.summaries",
                    entry.summaries,
                    date=format_date(app, datetime.fromisoformat(entry.latest_at)),
                )
            )
        )
    if entry.envelope_version < 2:
        controls.append(notice(t("coach_client.old_format")))
    if latest is not None and latest.discuss:
        controls.append(
            ft.Row(
                [
                    ft.Icon(ft.Icons.CHAT_BUBBLE, color=theme.DISCUSS, size=18),
                    body(t("coach_client.discuss", areas=area_names(app, latest.discuss))),
                ],
                wrap=True,
            )
        )
    if latest is not None and latest.priorities:
        controls.append(
            ft.Row(
                [
                    ft.Icon(ft.Icons.STAR, color=theme.PRIORITY, size=18),
                    body(t("coach_client.priorities", areas=area_names(app, latest.priorities))),
                ],
                wrap=True,
            )
        )
    return controls


def notice(text: str) -> ft.Control:
    return ft.Container(
        content=ft.Row(
            [
                ft.Icon(ft.Icons.INFO_OUTLINE, color=theme.NOTICE_ICON),
                ft.Text(text, size=16, color=theme.NOTICE_TEXT, expand=True),
            ],
            vertical_alignment=ft.CrossAxisAlignment.START,
        ),
        bgcolor=theme.NOTICE_BG,
        border_radius=10,
        padding=12,
    )


class BridgePair:
    """The latest bridge beside an earlier one of the coach's choice, and what changed."""

    def __init__(self, app: BridgeApp, history: ClientHistory) -> None:
        self.app = app
        self.history = history
        self.state = view_state(app)
        self.ordered = sorted(history.bridges, key=lambda e: e.date)
        self.earlier = earlier_bridges(self.ordered)
        self.box = ft.Column(spacing=14)
        chosen = self.state.compare.get(history.client_id)
        dates = [e.date for e in self.earlier]
        self.chosen = chosen if chosen in dates else (dates[0] if dates else None)
        self.picker = ChoiceMenu(
            app.t("coach_client.compare_with"),
            [(d, day_text(app, d)) for d in dates],
            self.chosen or "",
            self.picked,
            width=320,
        )
        self.show()

    def picked(self, key: str) -> None:
        self.chosen = key
        self.state.compare[self.history.client_id] = key
        self.show()

    def entry(self, iso: str | None) -> BridgeEntry | None:
        return next((e for e in self.earlier if e.date == iso), None)

    def show(self) -> None:
        app, t = self.app, self.app.t
        if not self.ordered:
            self.box.controls = [body(t("coach_client.no_bridge"))]
            return
        latest = self.ordered[-1]
        earlier = self.entry(self.chosen)
        area_ids = app.content.area_ids
        payload = self.history.latest
        marks = latest_marks(payload, latest)
        changes = changes_between(earlier.steps if earlier else None, latest.steps, area_ids)
        latest_drawing = ft.Column(
            [
                ft.Text(t("coach_client.latest_bridge", date=day_text(app, latest.date)), size=17),
                bridge_drawing(app, as_assessment(latest, area_ids, **marks), changes),
            ],
            col=HALF,
            spacing=6,
        )
        if earlier is None:
            self.box.controls = [
                ft.ResponsiveRow([latest_drawing]),
                muted(t("coach_client.only_one")),
            ]
            return
        earlier_drawing = ft.Column(
            [
                ft.Text(
                    t("coach_client.earlier_bridge", date=day_text(app, earlier.date)), size=17
                ),
                bridge_drawing(app, as_assessment(earlier, area_ids), {}),
            ],
            col=HALF,
            spacing=6,
        )
        self.box.controls = [
            self.picker.button,
            ft.ResponsiveRow([latest_drawing, earlier_drawing], spacing=20, run_spacing=20),
            *change_list(app, earlier, latest, changes),
        ]

    def controls(self) -> list[ft.Control]:
        return [section_title(self.app.t("coach_client.bridge_title")), self.box]


def latest_marks(payload: SummaryPayload | None, latest: BridgeEntry) -> dict[str, tuple[str, ...]]:
    """The latest summary's marks, drawn only on the bridge they belong to."""
    if payload is None or payload.bridge is None or payload.bridge.latest is None:
        return {}
    if payload.bridge.latest.date != latest.date:
        return {}
    return {"discuss": payload.discuss or (), "priorities": payload.priorities or ()}


def change_list(
    app: BridgeApp,
    earlier: BridgeEntry,
    latest: BridgeEntry,
    changes: dict[str, Change | None],
) -> list[ft.Control]:
    """Per area in words (up, same, down, with the steps), the counts first."""
    t = app.t
    counts = counted_changes(changes)
    rows: list[ft.Control] = [
        ft.Text(
            t(
                "coach_client.change_title",
                earlier=day_text(app, earlier.date),
                latest=day_text(app, latest.date),
            ),
            size=17,
            weight=ft.FontWeight.BOLD,
        ),
        muted(
            t(
                "coach_client.change_counts",
                up=counts[Change.UP],
                same=counts[Change.SAME],
                down=counts[Change.DOWN],
            )
        ),
    ]
    lines: list[ft.Control] = []
    for area in app.content.areas:
        change = changes.get(area.id)
        name = t.pick(area.name)
        if change is None:
            text = t("coach_client.change_unknown", area=name)
            icon: ft.Control = ft.Icon(ft.Icons.REMOVE, color=theme.MUTED, size=18)
        else:
            text = t(
                "coach_client.change_line",
                area=name,
                change=t(f"change.{change.value}"),
                before=earlier.steps[area.id],
                after=latest.steps[area.id],
            )
            glyph, colour = CHANGE_ICONS[change]
            icon = ft.Icon(glyph, color=colour, size=18)
        lines.append(ft.Row([icon, ft.Text(text, size=15, expand=True)], spacing=6, col=HALF))
    rows.append(ft.ResponsiveRow(lines, spacing=8, run_spacing=4))
    return rows


def goals_section(app: BridgeApp, payload: SummaryPayload | None) -> list[ft.Control]:
    t = app.t
    controls: list[ft.Control] = [section_title(t("coach_client.goals_title"))]
    goals = payload.goals if payload is not None else None
    if not goals:
        controls.append(body(t("coach_client.no_goals")))
        return controls
    controls += [goal_card(app, goal) for goal in goals]
    return controls


def goal_card(app: BridgeApp, goal: PayloadGoal) -> ft.Control:
    t = app.t
    status_key = f"goals.status.{goal.status}"
    status = t(status_key) if status_key in app.ctx.catalog.entries else goal.status
    parts: list[ft.Control] = [
        ft.Text(goal.title, size=17, weight=ft.FontWeight.BOLD),
        muted(t("coach_client.goal_meta", area=area_names(app, (goal.area_id,)), status=status)),
    ]
    if not goal.steps:
        parts.append(muted(t("coach_client.no_steps")))
    for step in goal.steps:
        parts.append(ft.Text(t("coach_client.step", text=step.text), size=16))
        if not step.check_ins:
            parts.append(muted(t("coach_client.no_checkins"), size=14))
        for check in step.check_ins:
            result_key = f"goals.checkin_{check.result}"
            result = t(result_key) if result_key in app.ctx.catalog.entries else check.result
            parts.append(
                muted(
                    t("coach_client.checkin", date=day_text(app, check.at), result=result),
                    size=14,
                )
            )
    return ft.Container(
        content=ft.Column(parts, spacing=4),
        bgcolor=theme.PANEL_BG,
        border_radius=10,
        padding=12,
    )


def notes_section(app: BridgeApp, payload: SummaryPayload | None) -> list[ft.Control]:
    """Only what the client chose to share: nothing at all when notes were not shared."""
    if payload is None or not payload.notes:
        return []
    t = app.t
    controls: list[ft.Control] = [section_title(t("coach_client.notes_title"))]
    for area_id, note in payload.notes.items():
        controls.append(
            body(t("coach_client.note", area=area_names(app, (area_id,)), note=note), size=16)
        )
    return controls


def client_detail(app: BridgeApp, entry: ClientEntry, history: ClientHistory) -> list[ft.Control]:
    """Every part of the page, top to bottom (the screen adds export and delete after it)."""
    state = view_state(app)
    over_time = OverTime(
        app, history.bridges, history.stress, state.range, on_range=lambda r: _keep(app, r)
    )
    radar_chart = radar(app, history.bridges)
    controls = [*header(app, entry, history), *BridgePair(app, history).controls()]
    if radar_chart is not None:
        controls += [section_title(app.t("coach_client.radar_title")), radar_chart]
    controls += over_time.controls()
    controls += goals_section(app, history.latest)
    controls += notes_section(app, history.latest)
    return controls


def _keep(app: BridgeApp, chosen: Range) -> None:
    view_state(app).range = chosen
