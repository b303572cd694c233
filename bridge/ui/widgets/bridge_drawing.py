"""The bridge drawn: five pillars (domains) under one deck, each area a column of five steps."""

from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING

import flet as ft

from bridge.domain.assessment import MAX_STEP, Assessment, Change
from bridge.ui import theme

if TYPE_CHECKING:
    from bridge.ui.app import BridgeApp

CHANGE_ICONS = {
    Change.UP: (ft.Icons.ARROW_UPWARD, theme.UP),
    Change.SAME: (ft.Icons.ARROW_FORWARD, theme.SAME),
    Change.DOWN: (ft.Icons.ARROW_DOWNWARD, theme.DOWN),
}


def area_summary(
    app: BridgeApp, assessment: Assessment, area_id: str, change: Change | None
) -> str:
    """What a screen reader says for one area, and what tests read."""
    t = app.t
    area = app.content.area(area_id)
    answer = assessment.answer(area_id)
    parts = [t.pick(area.name)]
    if answer.step is None:
        parts.append(t("bridge.not_filled"))
    else:
        parts.append(t("bridge.step_of", step=answer.step, total=MAX_STEP))
    if change is not None:
        parts.append(t(f"change.{change.value}"))
    if answer.priority:
        parts.append(t("flag.priority"))
    if answer.discuss:
        parts.append(t("flag.discuss"))
    return ", ".join(parts)


def _area_column(
    app: BridgeApp,
    assessment: Assessment,
    area_id: str,
    change: Change | None,
    segment_height: int,
    large: bool,
) -> ft.Control:
    area = app.content.area(area_id)
    answer = assessment.answer(area_id)
    step = answer.step or 0
    segments = [
        ft.Container(
            height=segment_height,
            bgcolor=theme.STEP_FILLED if level <= step else theme.STEP_EMPTY,
            border_radius=ft.BorderRadius.all(3),
        )
        for level in range(MAX_STEP, 0, -1)
    ]
    if change is not None:
        icon, colour = CHANGE_ICONS[change]
        change_mark: ft.Control = ft.Icon(icon, color=colour, size=20)
    else:
        change_mark = ft.Container(height=20)
    flags: list[ft.Control] = []
    if answer.priority:
        flags.append(ft.Icon(ft.Icons.STAR, color=theme.PRIORITY, size=16))
    if answer.discuss:
        flags.append(ft.Icon(ft.Icons.CHAT_BUBBLE, color=theme.DISCUSS, size=15))
    # Not interactive, so the inner texts can be dropped for one clear spoken summary.
    return ft.Container(
        expand=True,
        content=ft.Semantics(
            label=area_summary(app, assessment, area_id, change),
            exclude_semantics=True,
            content=ft.Column(
                spacing=3,
                horizontal_alignment=ft.CrossAxisAlignment.STRETCH,
                controls=[
                    ft.Row([change_mark], alignment=ft.MainAxisAlignment.CENTER),
                    ft.Text(
                        str(step) if step else "–",
                        size=18,
                        weight=ft.FontWeight.BOLD,
                        text_align=ft.TextAlign.CENTER,
                    ),
                    ft.Column(
                        segments, spacing=2, horizontal_alignment=ft.CrossAxisAlignment.STRETCH
                    ),
                    ft.Row(
                        [ft.Icon(theme.area_icon(area_id), size=22, color=theme.MUTED)],
                        alignment=ft.MainAxisAlignment.CENTER,
                    ),
                    ft.Text(
                        app.t.pick(area.short),
                        size=12 if not large else 14,
                        text_align=ft.TextAlign.CENTER,
                        max_lines=1,
                        overflow=ft.TextOverflow.ELLIPSIS,
                        visible=large,
                    ),
                    ft.Row(flags, spacing=2, alignment=ft.MainAxisAlignment.CENTER, height=18),
                ],
            ),
        ),
    )


def bridge_drawing(
    app: BridgeApp,
    assessment: Assessment,
    changes: Mapping[str, Change | None],
    *,
    large: bool = False,
) -> ft.Control:
    t = app.t
    segment_height = 30 if large else 22
    pillars: list[ft.Control] = []
    for domain in app.content.domains:
        columns = [
            _area_column(app, assessment, area.id, changes.get(area.id), segment_height, large)
            for area in domain.areas
        ]
        pillars.append(
            ft.Container(
                expand=len(domain.areas),
                padding=ft.Padding.symmetric(horizontal=4, vertical=6),
                bgcolor=theme.PANEL_BG,
                border=ft.Border.all(1, theme.CARD_BORDER),
                border_radius=ft.BorderRadius.only(bottom_left=8, bottom_right=8),
                content=ft.Column(
                    spacing=4,
                    horizontal_alignment=ft.CrossAxisAlignment.CENTER,
                    controls=[
                        ft.Row(columns, spacing=4, vertical_alignment=ft.CrossAxisAlignment.END),
                        ft.Text(
                            t.pick(domain.name if large else domain.short),
                            size=11 if not large else 14,
                            text_align=ft.TextAlign.CENTER,
                            color=theme.MUTED,
                            max_lines=2,
                            weight=ft.FontWeight.W_600,
                        ),
                    ],
                ),
            )
        )
    deck = ft.Container(
        content=ft.Text(
            t("bridge.deck"),
            color=theme.STEP_TEXT,
            size=15 if not large else 18,
            weight=ft.FontWeight.BOLD,
            text_align=ft.TextAlign.CENTER,
        ),
        bgcolor=theme.STEP_FILLED,
        padding=ft.Padding.symmetric(vertical=6, horizontal=8),
        border_radius=ft.BorderRadius.only(top_left=16, top_right=16),
        alignment=ft.Alignment.CENTER,
    )
    return ft.Column(
        spacing=0,
        controls=[
            deck,
            ft.Row(pillars, spacing=4, vertical_alignment=ft.CrossAxisAlignment.START),
            ft.Container(height=3),
            ft.Row(
                wrap=True,
                spacing=14,
                visible=assessment.has_marks,  # the legend only explains marks that are shown
                controls=[
                    _legend(ft.Icons.STAR, theme.PRIORITY, t("flag.priority")),
                    _legend(ft.Icons.CHAT_BUBBLE, theme.DISCUSS, t("flag.discuss")),
                ],
            ),
        ],
    )


def _legend(icon: ft.IconData, colour: str, text: str) -> ft.Control:
    return ft.Row(
        [ft.Icon(icon, color=colour, size=16), ft.Text(text, size=13)], spacing=4, tight=True
    )
