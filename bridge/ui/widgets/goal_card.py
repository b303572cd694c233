"""A goal at a glance: its area, the client's own words, the step now and the steps done."""

from __future__ import annotations

from typing import TYPE_CHECKING

import flet as ft

from bridge.domain.goals import Goal, GoalStatus, steps_done_text
from bridge.ui import theme

if TYPE_CHECKING:
    from bridge.ui.app import BridgeApp


def goal_title(app: BridgeApp, goal: Goal) -> str:
    """The client's desire in their words, or the area's name when they skipped it."""
    return goal.answers.desire or app.t.pick(app.content.area(goal.area_id).name)


def goal_card(app: BridgeApp, goal: Goal) -> ft.Control:
    t = app.t
    area = app.content.area(goal.area_id)
    lines: list[ft.Control] = [
        ft.Row(
            [
                ft.Icon(theme.area_icon(goal.area_id), color=theme.MUTED, size=20),
                ft.Text(t.pick(area.name), size=14, color=theme.MUTED, expand=True),
                ft.Text(t(f"goals.status.{goal.status.value}"), size=14, color=theme.MUTED),
            ]
        ),
        ft.Text(goal_title(app, goal), size=18, weight=ft.FontWeight.BOLD),
    ]
    step = goal.current_step
    if goal.status is not GoalStatus.DRAFT and step is not None:
        lines.append(ft.Text(t("goals.card_step", step=step.text), size=16))
    if goal.status is not GoalStatus.DRAFT:
        lines.append(
            ft.Row(
                [
                    ft.Icon(ft.Icons.CHECK_CIRCLE, color=theme.UP, size=18),
                    ft.Text(steps_done_text(goal.completed_steps, t), size=15, color=theme.UP),
                ],
                spacing=6,
            )
        )
    target = (
        f"/goal/{goal.id}/q/{goal.position}"
        if goal.status is GoalStatus.DRAFT
        else f"/goal/{goal.id}"
    )
    return ft.Container(
        content=ft.Column(lines, spacing=6),
        padding=14,
        border=ft.Border.all(1, theme.CARD_BORDER),
        border_radius=12,
        on_click=lambda _: app.go(target),
        ink=True,
    )
