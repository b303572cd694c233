"""The coach's charts of one client (flet_charts): the radar of first, previous and latest
bridge, a line per area over time, and stress over time. Each chart has a spoken name that
says what it shows, since a chart's drawing is not read out."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import date
from typing import TYPE_CHECKING

import flet as ft
import flet_charts as fch

from bridge.coach.charts_data import (
    ChartPoint,
    RadarPick,
    Range,
    Window,
    area_points,
    month_ticks,
    radar_picks,
    stress_points,
    window,
)
from bridge.domain.assessment import MAX_STEP, MAX_STRESS, MIN_STEP, MIN_STRESS
from bridge.sharing.payload_types import BridgeEntry, StressEntry
from bridge.ui import theme
from bridge.ui.formatting import format_date

if TYPE_CHECKING:
    from bridge.ui.app import BridgeApp

#: first, previous, latest: grey, violet, the bridge's own blue (the latest is the boldest).
ROLE_COLOURS = {"first": "#7A8793", "previous": theme.DISCUSS, "latest": theme.STEP_FILLED}
RADAR_SIZE = 340
#: On a phone the radar leaves room at both sides for its longest titles ("Gezondheid").
PHONE_RADAR_SIZE = 280
LINE_HEIGHT = 190


def _colour(pick: RadarPick) -> str:
    return ROLE_COLOURS[pick.roles[-1]]


def roles_text(app: BridgeApp, roles: tuple[str, ...]) -> str:
    names = [app.t(f"coach_client.role.{role}") for role in roles]
    if len(names) == 1:
        return names[0]
    return app.t("coach_client.roles", first=names[0], second=names[1].lower())


def short_date(app: BridgeApp, iso: str) -> str:
    return format_date(app, date.fromisoformat(iso))


def radar(app: BridgeApp, bridges: Sequence[BridgeEntry]) -> ft.Control | None:
    """First, previous and latest over the eight areas on one fixed 1–5 scale, with a legend."""
    picks = radar_picks(bridges)
    if not picks:
        return None
    areas = app.content.areas
    if len(areas) < 3:  # a radar needs three axes
        return None
    sets = [
        fch.RadarDataSet(
            entries=[fch.RadarDataSetEntry(p.entry.steps.get(a.id, 0)) for a in areas],
            fill_color=ft.Colors.with_opacity(0.12, _colour(p)),
            border_color=_colour(p),
            border_width=3 if "latest" in p.roles else 2,
            entry_radius=3,
        )
        for p in picks
    ]
    # The radar scales to its own values; two invisible frames keep 0 in the centre and
    # step 5 at the edge, so one client's radar reads like any other's.
    for value in (0, MAX_STEP):
        sets.append(
            fch.RadarDataSet(
                entries=[fch.RadarDataSetEntry(value) for _ in areas],
                fill_color=ft.Colors.TRANSPARENT,
                border_color=ft.Colors.TRANSPARENT,
                border_width=0,
                entry_radius=0,
            )
        )
    described = [
        app.t(
            "coach_client.radar_set",
            role=roles_text(app, p.roles),
            date=short_date(app, p.entry.date),
        )
        for p in picks
    ]
    chart = fch.RadarChart(
        data_sets=sets,
        # Without an angle the chart turns each title with its axis (upside down at the
        # bottom); an angle is the title's own turn, but 0 is the default and never sent, so
        # one full turn keeps every title upright.
        titles=[fch.RadarChartTitle(text=app.t.pick(a.short), angle=360) for a in areas],
        tick_count=MAX_STEP,
        center_min_value=True,
        title_text_style=ft.TextStyle(size=13, color=theme.MUTED),
        # Its tick numbers read "0.0 … 4.0"; the scale is said in words under the chart instead.
        ticks_text_style=ft.TextStyle(size=1, color=ft.Colors.TRANSPARENT),
        radar_border_side=ft.BorderSide(1, theme.CARD_BORDER),
        tick_border_side=ft.BorderSide(1, theme.STEP_EMPTY),
        grid_border_side=ft.BorderSide(1, theme.STEP_EMPTY),
        interactive=False,
        title_position_percentage_offset=0.12,
        width=RADAR_SIZE if app.wide else PHONE_RADAR_SIZE,
        height=RADAR_SIZE if app.wide else PHONE_RADAR_SIZE,
    )
    legend = ft.Row(
        wrap=True,
        spacing=16,
        alignment=ft.MainAxisAlignment.CENTER,
        controls=[_legend(_colour(p), text) for p, text in zip(picks, described, strict=True)],
    )
    return ft.Column(
        horizontal_alignment=ft.CrossAxisAlignment.CENTER,
        spacing=8,
        controls=[
            ft.Semantics(
                label=app.t("coach_client.radar_label", sets="; ".join(described)),
                exclude_semantics=True,
                content=ft.Container(chart, alignment=ft.Alignment.CENTER),
            ),
            legend,
            ft.Text(app.t("coach_client.radar_scale"), size=14, color=theme.MUTED),
        ],
    )


def _legend(colour: str, text: str) -> ft.Control:
    return ft.Row(
        [ft.Container(width=22, height=6, bgcolor=colour, border_radius=3), ft.Text(text, size=14)],
        spacing=6,
        tight=True,
    )


def _bottom_axis(app: BridgeApp, win: Window) -> fch.ChartAxis:
    labels = []
    for day in month_ticks(win, most=4):
        month = app.t(f"month.{day.month}")[:3]
        labels.append(
            fch.ChartAxisLabel(
                value=win.x(day),
                label=ft.Text(f"{month} {day.year % 100:02d}", size=11, color=theme.MUTED),
            )
        )
    # label_spacing 1: the chart asks for a label at every day, so each month's label shows
    # (with its own spacing it asked only at round numbers, and most months had none).
    return fch.ChartAxis(
        labels=labels, label_size=26, label_spacing=1, show_min=False, show_max=False
    )


def _left_axis(low: int, high: int, every: int) -> fch.ChartAxis:
    return fch.ChartAxis(
        labels=[
            fch.ChartAxisLabel(value=v, label=ft.Text(str(v), size=11, color=theme.MUTED))
            for v in range(low, high + 1, every)
        ],
        label_size=24,
        label_spacing=every,
    )


def _line(
    points: list[ChartPoint],
    tooltips: list[str],
    win: Window,
    low: int,
    high: int,
    every: int,
    colour: str,
    app: BridgeApp,
) -> fch.LineChart:
    return fch.LineChart(
        data_series=[
            fch.LineChartData(
                points=[
                    fch.LineChartDataPoint(p.x, p.y, tooltip=tip)
                    for p, tip in zip(points, tooltips, strict=True)
                ],
                color=colour,
                stroke_width=3,
                point=True,
            )
        ],
        min_x=0,
        max_x=win.width,
        min_y=low,
        max_y=high,
        left_axis=_left_axis(low, high, every),
        bottom_axis=_bottom_axis(app, win),
        horizontal_grid_lines=fch.ChartGridLines(interval=every, color=theme.STEP_EMPTY, width=1),
        tooltip=fch.LineChartTooltip(bgcolor=theme.STEP_FILLED, max_width=220),
        height=LINE_HEIGHT,
        expand=True,
    )


def area_chart(
    app: BridgeApp, bridges: Sequence[BridgeEntry], area_id: str, win: Window
) -> ft.Control:
    """One area over the window; each point's tooltip says the step and its label."""
    t = app.t
    area = app.content.area(area_id)
    name = t.pick(area.name)
    points = area_points(bridges, area_id, win)
    tips = [
        t(
            "coach_client.point_tooltip",
            date=format_date(app, p.day),
            step=p.y,
            label=t.pick(area.step(p.y).label),
        )
        for p in points
    ]
    readings = ", ".join(
        t("coach_client.reading", date=format_date(app, p.day), step=p.y) for p in points
    )
    title = ft.Row(
        [ft.Icon(theme.area_icon(area_id), size=20, color=theme.MUTED), ft.Text(name, size=16)],
        spacing=6,
    )
    if not points:
        return ft.Column([title, ft.Text(t("coach_client.range_empty"), size=15)], spacing=4)
    chart = _line(points, tips, win, MIN_STEP, MAX_STEP, 1, theme.STEP_FILLED, app)
    return ft.Column(
        spacing=4,
        controls=[
            title,
            ft.Semantics(
                label=t("coach_client.line_label", area=name, readings=readings),
                exclude_semantics=True,
                content=ft.Container(chart, padding=ft.Padding.only(right=12, top=10)),
            ),
        ],
    )


def stress_chart(app: BridgeApp, stress: Sequence[StressEntry], win: Window) -> ft.Control:
    t = app.t
    points = stress_points(stress, win)
    if not points:
        return ft.Text(t("coach_client.range_empty"), size=15)
    tips = [
        t("coach_client.stress_tooltip", date=format_date(app, p.day), level=p.y) for p in points
    ]
    readings = ", ".join(
        t("coach_client.stress_reading", date=format_date(app, p.day), level=p.y) for p in points
    )
    chart = _line(points, tips, win, MIN_STRESS, MAX_STRESS, 2, theme.DISCUSS, app)
    return ft.Semantics(
        label=t("coach_client.stress_label", readings=readings),
        exclude_semantics=True,
        content=ft.Container(chart, padding=ft.Padding.only(right=12, top=10)),
    )


class OverTime:
    """Every area's chart and the stress chart, for the range the coach chose."""

    def __init__(
        self,
        app: BridgeApp,
        bridges: Sequence[BridgeEntry],
        stress: Sequence[StressEntry],
        chosen: Range,
        on_range: Callable[[Range], None] | None = None,
    ) -> None:
        self.app = app
        self.bridges = bridges
        self.stress = stress
        self.chosen = chosen
        self.on_range = on_range
        self.chips = ft.Row(wrap=True, spacing=8)
        self.areas = ft.ResponsiveRow(spacing=16, run_spacing=16)
        self.stress_box = ft.Column(spacing=6)
        self.show()

    def choose(self, chosen: Range) -> None:
        self.chosen = chosen
        if self.on_range is not None:
            self.on_range(chosen)
        self.show()

    def show(self) -> None:
        t = self.app.t
        self.chips.controls = [
            ft.Chip(
                label=ft.Text(t(f"coach_client.range.{r.value}"), size=15),
                selected=r is self.chosen,
                on_select=lambda _, r=r: self.choose(r),
                selected_color=theme.SELECTED_BG,
            )
            for r in Range
        ]
        today = self.app.today()
        days = [b.day for b in self.bridges]
        win = window(days, self.chosen, today)
        if win is None:
            self.areas.controls = [ft.Text(t("coach_client.range_empty"), size=15)]
        else:
            self.areas.controls = [
                ft.Container(area_chart(self.app, self.bridges, a.id, win), col={"xs": 12, "lg": 6})
                for a in self.app.content.areas
            ]
        stress_days = [date.fromisoformat(s.date) for s in self.stress]
        stress_win = window(stress_days, self.chosen, today)
        if not self.stress:
            self.stress_box.controls = [ft.Text(t("coach_client.no_stress"), size=15)]
        elif stress_win is None:
            self.stress_box.controls = [ft.Text(t("coach_client.range_empty"), size=15)]
        else:
            self.stress_box.controls = [stress_chart(self.app, self.stress, stress_win)]

    def controls(self) -> list[ft.Control]:
        t = self.app.t
        return [
            ft.Text(t("coach_client.over_time"), size=20, weight=ft.FontWeight.BOLD),
            self.chips,
            self.areas,
            ft.Text(t("coach_client.stress_title"), size=20, weight=ft.FontWeight.BOLD),
            self.stress_box,
        ]
