"""The bridge in words: per area its step, label, change and flags (readable without the drawing)."""

from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING

import flet as ft

from bridge.domain.assessment import MAX_STEP, Assessment, Change
from bridge.ui import theme
from bridge.ui.widgets.bridge_drawing import CHANGE_ICONS

if TYPE_CHECKING:
    from bridge.ui.app import BridgeApp


def _chip(text: str, icon: ft.IconData, colour: str) -> ft.Control:
    return ft.Container(
        content=ft.Row(
            [
                ft.Icon(icon, size=15, color=colour),
                ft.Text(text, size=14, color=colour, weight=ft.FontWeight.W_600),
            ],
            spacing=4,
            tight=True,
        ),
        border=ft.Border.all(1, colour),
        border_radius=ft.BorderRadius.all(14),
        padding=ft.Padding.symmetric(horizontal=8, vertical=3),
    )


def area_row(
    app: BridgeApp, assessment: Assessment, area_id: str, change: Change | None, *, show_note: bool
) -> ft.Control:
    t = app.t
    area = app.content.area(area_id)
    answer = assessment.answer(area_id)
    if answer.step is None:
        step_text = t("bridge.not_filled")
    else:
        step_text = t(
            "bridge.step_label",
            step=answer.step,
            total=MAX_STEP,
            label=t.pick(area.step(answer.step).label),
        )
    title: list[ft.Control] = [
        ft.Icon(theme.area_icon(area_id), size=22, color=theme.MUTED),
        ft.Text(
            t.pick(area.name),
            size=17,
            expand=True,
            weight=ft.FontWeight.BOLD if answer.discuss else ft.FontWeight.W_500,
        ),
    ]
    if change is not None:
        icon, colour = CHANGE_ICONS[change]
        title.append(
            ft.Row(
                [
                    ft.Icon(icon, color=colour, size=18),
                    ft.Text(t(f"change.{change.value}"), color=colour, size=14),
                ],
                spacing=2,
                tight=True,
            )
        )
    chips: list[ft.Control] = []
    if answer.priority:
        chips.append(_chip(t("flag.priority"), ft.Icons.STAR, theme.PRIORITY))
    if answer.discuss:
        chips.append(_chip(t("flag.discuss"), ft.Icons.CHAT_BUBBLE, theme.DISCUSS))
    if answer.helper is not None:
        chips.append(_chip(t(f"helper.{answer.helper.value}"), ft.Icons.PEOPLE, theme.MUTED))
    lines: list[ft.Control] = [ft.Row(title), ft.Text(step_text, size=16)]
    if chips:
        lines.append(ft.Row(chips, wrap=True, spacing=6, run_spacing=6))
    if show_note and answer.note:
        lines.append(
            ft.Text(t("bridge.note", note=answer.note), size=15, italic=True, color=theme.MUTED)
        )
    return ft.Container(
        col={"xs": 12, "md": 6},
        content=ft.Column(lines, spacing=4),
        padding=ft.Padding.symmetric(vertical=8, horizontal=4),
        border=ft.Border.only(bottom=ft.BorderSide(1, theme.STEP_EMPTY)),
    )


def area_list(
    app: BridgeApp,
    assessment: Assessment,
    changes: Mapping[str, Change | None],
    *,
    show_notes: bool = True,
) -> ft.Control:
    rows: list[ft.Control] = []
    for domain in app.content.domains:
        rows.append(
            ft.Text(
                app.t.pick(domain.name),
                size=14,
                color=theme.MUTED,
                col=12,
                weight=ft.FontWeight.BOLD,
            )
        )
        rows.extend(
            area_row(app, assessment, area.id, changes.get(area.id), show_note=show_notes)
            for area in domain.areas
        )
    return ft.ResponsiveRow(rows, spacing=8, run_spacing=2)
