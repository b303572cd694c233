"""One client in the coach's caseload: label, latest summary, stress trend, what they want to
talk about, active goals, and the flags as words. Built from the index row alone (no file)."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, datetime
from typing import TYPE_CHECKING

import flet as ft

from bridge.coach.caseload import Flag, flags, stress_trend
from bridge.coach.types import ClientEntry
from bridge.ui import theme
from bridge.ui.formatting import format_date

if TYPE_CHECKING:
    from bridge.ui.app import BridgeApp

#: Every row has this height, so the list can be lazy (ListView.item_extent): label, two lines
#: of facts and up to two lines of flags fit at 390 px.
ROW_HEIGHT = 160
FLAG_ORDER = (Flag.WANTS_TO_TALK, Flag.WENT_DOWN, Flag.NO_UPDATE)
TREND_ICONS = {
    "up": ft.Icons.ARROW_UPWARD,
    "same": ft.Icons.ARROW_FORWARD,
    "down": ft.Icons.ARROW_DOWNWARD,
}
FLAG_ICONS = {
    Flag.WANTS_TO_TALK: (ft.Icons.CHAT_BUBBLE, theme.DISCUSS),
    Flag.WENT_DOWN: (ft.Icons.ARROW_DOWNWARD, theme.DOWN),
    Flag.NO_UPDATE: (ft.Icons.SCHEDULE, theme.MUTED),
}


def flag_text(app: BridgeApp, flag: Flag, weeks: int) -> str:
    if flag is Flag.NO_UPDATE:
        return app.t.plural("coach_caseload.flag.no_update", weeks)
    return app.t(f"coach_caseload.flag.{flag.value}")


def latest_text(app: BridgeApp, entry: ClientEntry) -> str:
    if not entry.latest_at:
        return app.t("coach_caseload.never")
    try:
        moment = datetime.fromisoformat(entry.latest_at)
    except ValueError:
        return app.t("coach_caseload.never")
    return app.t("coach_caseload.latest", date=format_date(app, moment))


def stress_text(app: BridgeApp, entry: ClientEntry) -> str:
    """The trend in a word ("Stress hoger (7)"); the row draws the arrow beside it."""
    if not entry.stress_levels:
        return app.t("coach_caseload.stress.none")
    level = entry.stress_levels[-1]
    trend = stress_trend(entry)
    if trend is None:
        return app.t("coach_caseload.stress.only", level=level)
    return app.t(f"coach_caseload.stress.{trend}", level=level)


def goals_text(app: BridgeApp, entry: ClientEntry) -> str:
    if entry.active_goals == 0:
        return app.t("coach_caseload.goals.none")
    return app.t.plural("coach_caseload.goals", entry.active_goals)


def area_names(app: BridgeApp, area_ids: tuple[str, ...]) -> str:
    names = []
    for area_id in area_ids:
        try:
            names.append(app.t.pick(app.content.area(area_id).short))
        except KeyError:  # an area this app's content does not have: shown as sent
            names.append(area_id)
    return ", ".join(names)


def _tag(icon: ft.IconData, colour: str, text: str) -> ft.Control:
    """A flag in words with its picture: not a button, so not a chip."""
    return ft.Container(
        content=ft.Row(
            [ft.Icon(icon, color=colour, size=16), ft.Text(text, size=14)],
            spacing=4,
            tight=True,
        ),
        bgcolor=theme.PANEL_BG,
        border=ft.Border.all(1, theme.CARD_BORDER),
        border_radius=14,
        padding=ft.Padding.symmetric(horizontal=8, vertical=3),
    )


def row_texts(
    app: BridgeApp, entry: ClientEntry, today: date, weeks: int, latest: str | None = None
) -> list[str]:
    """Everything the row says, in reading order: the row's spoken name, and what tests read."""
    parts = [entry.label]
    if entry.damaged:
        parts.append(app.t("coach_caseload.damaged"))
    parts += [latest or latest_text(app, entry), stress_text(app, entry), goals_text(app, entry)]
    if entry.discuss:
        parts.append(app.t("coach_caseload.discuss", areas=area_names(app, entry.discuss)))
    marks = flags(entry, today, weeks)
    parts += [flag_text(app, f, weeks) for f in FLAG_ORDER if f in marks]
    if entry.envelope_version < 2:
        parts.append(app.t("coach_caseload.old_format"))
    return parts


def caseload_row(
    app: BridgeApp,
    entry: ClientEntry,
    *,
    today: date,
    weeks: int,
    selected: bool,
    on_open: Callable[[str], None],
) -> ft.Control:
    t = app.t
    marks = flags(entry, today, weeks)
    latest = latest_text(app, entry)  # a date in local time: worked out once per row
    tags: list[ft.Control] = []
    if entry.damaged:
        tags.append(_tag(ft.Icons.WARNING_AMBER, theme.ERROR, t("coach_caseload.damaged")))
    for flag in FLAG_ORDER:
        if flag in marks:
            icon, colour = FLAG_ICONS[flag]
            tags.append(_tag(icon, colour, flag_text(app, flag, weeks)))
    if entry.envelope_version < 2:
        tags.append(_tag(ft.Icons.HISTORY, theme.MUTED, t("coach_caseload.old_format")))
    trend = stress_trend(entry)
    arrow = [ft.Icon(TREND_ICONS[trend], size=18, color=theme.SAME)] if trend else []
    facts: list[ft.Control] = [
        ft.Text(latest, size=15, color=theme.MUTED),
        ft.Row(
            [
                *arrow,
                ft.Text(stress_text(app, entry), size=15),
                ft.Text("·", size=15, color=theme.MUTED),
                ft.Text(goals_text(app, entry), size=15),
            ],
            spacing=6,
            tight=True,
        ),
    ]
    if entry.discuss:
        facts.append(
            ft.Text(
                t("coach_caseload.discuss", areas=area_names(app, entry.discuss)),
                size=15,
                color=theme.DISCUSS,
                max_lines=1,
                overflow=ft.TextOverflow.ELLIPSIS,
            )
        )
    content = ft.Column(
        spacing=4,
        controls=[
            ft.Row(
                [
                    ft.Text(
                        entry.label,
                        size=18,
                        weight=ft.FontWeight.BOLD,
                        max_lines=1,
                        overflow=ft.TextOverflow.ELLIPSIS,
                        expand=True,
                    ),
                    ft.Icon(ft.Icons.CHEVRON_RIGHT, color=theme.MUTED),
                ]
            ),
            *facts,
            ft.Row(tags, wrap=True, spacing=6, run_spacing=4),
        ],
    )
    # One button with one spoken name (every fact in words); the drawn texts are not read twice.
    # The tap sits outside the Semantics, so the button's node keeps it (inside, it was dropped).
    return ft.Container(
        content=ft.Semantics(
            button=True,
            selected=selected,
            label=", ".join(row_texts(app, entry, today, weeks, latest)),
            exclude_semantics=True,
            content=content,
        ),
        height=ROW_HEIGHT,
        padding=ft.Padding.symmetric(horizontal=14, vertical=10),
        bgcolor=theme.SELECTED_BG if selected else None,
        border=ft.Border.only(bottom=ft.BorderSide(1, theme.CARD_BORDER)),
        on_click=lambda _: on_open(entry.client_id),
        ink=True,
        clip_behavior=ft.ClipBehavior.HARD_EDGE,
    )
