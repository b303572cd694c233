"""One set of programme figures on screen: a bar chart of up / same / down per area (with its
text alternative), a card per area and one for stress. Used for the coach's own figures and
for an overview merged from several exports. Every number shown is a suppressed Count."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

import flet as ft
import flet_charts as fch

from bridge.coach.figures import AreaFigures, ChangeFigures, Count, Figures
from bridge.domain.assessment import MAX_STEP, MIN_STEP
from bridge.ui import theme
from bridge.ui.widgets.coach_figures_data import bar_values, enough, share_text, signed

if TYPE_CHECKING:
    from bridge.ui.app import BridgeApp

#: up, same, down: the app's own colours for higher, the same and lower.
COLOURS = (theme.UP, theme.SAME, theme.DOWN)
KINDS = ("up", "same", "down")
CHART_HEIGHT = 260
CARD_COLS = {"xs": 12, "md": 6, "xl": 4}


def _area_name(app: BridgeApp, area_id: str) -> str:
    return app.t.pick(app.content.area(area_id).name)


def _short_name(app: BridgeApp, area_id: str) -> str:
    return app.t.pick(app.content.area(area_id).short)


def change_words(app: BridgeApp, change: ChangeFigures, *, stress: bool = False) -> list[str]:
    """ "Omhoog: 7 (58%)" and so on; for stress up is "hoger" (more stress)."""
    t, lang = app.t, app.t.language
    prefix = "coach.figures.stress_" if stress else "coach.figures."
    counts = (change.up, change.same, change.down)
    shares = (change.share_up, change.share_same, change.share_down)
    return [
        t(f"{prefix}{kind}", value=share_text(count, share, lang))
        for kind, count, share in zip(KINDS, counts, shares, strict=True)
    ]


def mean_words(app: BridgeApp, change: ChangeFigures, *, stress: bool = False) -> str:
    t = app.t
    if change.mean_change is None:
        return t("coach.figures.no_mean")
    value = signed(change.mean_change, 2, t.language)
    return t("coach.figures.stress_mean" if stress else "coach.figures.mean", value=value)


def _steps_row(label: str, counts: Sequence[Count], width: int) -> ft.Control:
    cells: list[ft.Control] = [ft.Container(ft.Text(label, size=14), width=width)]
    cells += [
        ft.Container(ft.Text(c.text, size=14, text_align=ft.TextAlign.CENTER), width=40, padding=2)
        for c in counts
    ]
    return ft.Row(cells, spacing=2)


def distribution(app: BridgeApp, area: AreaFigures) -> ft.Control:
    """Steps 1..5 at the first and at the latest bridge: a small grid, read out as sentences."""
    t = app.t
    steps = range(MIN_STEP, MAX_STEP + 1)
    width = 70
    head = _steps_row(t("coach.figures.step"), [Count.shown(s) for s in steps], width)
    first = _steps_row(t("coach.figures.first"), area.first, width)
    latest = _steps_row(t("coach.figures.latest"), area.latest, width)

    def said(counts: Sequence[Count]) -> str:
        return ", ".join(
            t("coach.figures.step_count", step=s, count=c.text)
            for s, c in zip(steps, counts, strict=True)
        )

    label = t("coach.figures.distribution_label", first=said(area.first), latest=said(area.latest))
    return ft.Semantics(
        label=label,
        exclude_semantics=True,
        content=ft.Column([head, first, latest], spacing=2),
    )


def _card(title: ft.Control, lines: list[ft.Control]) -> ft.Control:
    return ft.Container(
        ft.Column([title, *lines], spacing=6),
        padding=14,
        border=ft.Border.all(1, theme.CARD_BORDER),
        border_radius=10,
        col=CARD_COLS,
    )


def _title(icon: ft.IconData, name: str, n: Count, app: BridgeApp) -> ft.Control:
    return ft.Row(
        [
            ft.Icon(icon, size=22, color=theme.MUTED),
            ft.Text(name, size=18, weight=ft.FontWeight.BOLD, expand=True),
            ft.Text(app.t("coach.figures.n", n=n.text), size=16),
        ],
        spacing=8,
    )


def area_card(app: BridgeApp, area: AreaFigures) -> ft.Control:
    change = area.change
    lines: list[ft.Control] = [ft.Text(w, size=15) for w in change_words(app, change)]
    lines.append(ft.Text(mean_words(app, change), size=15, color=theme.MUTED))
    lines.append(distribution(app, area))
    name = _area_name(app, area.area_id)
    return _card(_title(theme.area_icon(area.area_id), name, change.n, app), lines)


def stress_card(app: BridgeApp, stress: ChangeFigures) -> ft.Control:
    lines: list[ft.Control] = [ft.Text(w, size=15) for w in change_words(app, stress, stress=True)]
    lines.append(ft.Text(mean_words(app, stress, stress=True), size=15, color=theme.MUTED))
    title = _title(ft.Icons.MONITOR_HEART, app.t("coach.figures.stress"), stress.n, app)
    return _card(title, lines)


def cards(app: BridgeApp, figures: Figures) -> ft.Control:
    return ft.ResponsiveRow(
        [*(area_card(app, a) for a in figures.areas), stress_card(app, figures.stress)],
        spacing=12,
        run_spacing=12,
    )


def chart_text(app: BridgeApp, figures: Figures) -> str:
    """The chart said in words: per area its up / same / down, or why it has no bars."""
    t = app.t
    parts = []
    for area in figures.areas:
        name = _area_name(app, area.area_id)
        if enough(area.change):
            parts.append(f"{name}: " + ", ".join(change_words(app, area.change)))
        else:
            parts.append(t("coach.figures.chart_too_few", area=name, n=area.change.n.text))
    return t("coach.figures.chart_label", months=figures.months, areas="; ".join(parts))


def _axis_label(app: BridgeApp, area_id: str) -> ft.Control:
    if app.wide:
        return ft.Text(_short_name(app, area_id), size=12, color=theme.MUTED)
    return ft.Icon(theme.area_icon(area_id), size=18, color=theme.MUTED)


def bar_chart(app: BridgeApp, figures: Figures) -> ft.Control:
    """Per area three bars: the share (%) that went up, stayed, went down. A share that is not
    shown (a hidden count, or n under 5) has no bar; the text alternative says why."""
    groups = []
    for x, area in enumerate(figures.areas):
        values = bar_values(area.change) if enough(area.change) else (None, None, None)
        groups.append(
            fch.BarChartGroup(
                x=x,
                rods=[
                    fch.BarChartRod(
                        to_y=value or 0,
                        width=10 if app.wide else 6,
                        color=colour,
                        border_radius=2,
                        show_tooltip=False,
                    )
                    for value, colour in zip(values, COLOURS, strict=True)
                ],
                spacing=2,
            )
        )
    chart = fch.BarChart(
        groups=groups,
        min_y=0,
        max_y=100,
        interactive=False,
        left_axis=fch.ChartAxis(
            labels=[
                fch.ChartAxisLabel(value=v, label=ft.Text(f"{v}%", size=11, color=theme.MUTED))
                for v in (0, 25, 50, 75, 100)
            ],
            label_size=40,
            label_spacing=25,
        ),
        bottom_axis=fch.ChartAxis(
            labels=[
                fch.ChartAxisLabel(value=x, label=_axis_label(app, a.area_id))
                for x, a in enumerate(figures.areas)
            ],
            label_size=28,
        ),
        horizontal_grid_lines=fch.ChartGridLines(interval=25, color=theme.STEP_EMPTY, width=1),
        height=CHART_HEIGHT,
        expand=True,
    )
    legend = ft.Row(
        [
            _legend(colour, app.t(f"coach.figures.legend_{kind}"))
            for kind, colour in zip(KINDS, COLOURS, strict=True)
        ],
        wrap=True,
        spacing=16,
    )
    return ft.Column(
        [
            ft.Semantics(
                label=chart_text(app, figures),
                exclude_semantics=True,
                content=ft.Container(chart, padding=ft.Padding.only(right=12, top=10)),
            ),
            legend,
        ],
        spacing=8,
    )


def _legend(colour: str, text: str) -> ft.Control:
    return ft.Row(
        [
            ft.Container(width=14, height=14, bgcolor=colour, border_radius=3),
            ft.Text(text, size=14),
        ],
        spacing=6,
        tight=True,
    )


def figures_parts(app: BridgeApp, figures: Figures) -> list[ft.Control]:
    """The chart, the legend of the marks, and the cards."""
    return [
        bar_chart(app, figures),
        ft.Text(app.t("coach.figures.marks"), size=14, color=theme.MUTED),
        cards(app, figures),
    ]
