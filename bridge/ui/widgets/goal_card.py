"""A goal at a glance: its area, the client's own words, the step now and the steps done."""

from __future__ import annotations

from typing import TYPE_CHECKING

import flet as ft

from bridge.domain.goal_texts import steps_done_text
from bridge.domain.goals import Goal, GoalStatus
from bridge.ui import theme

if TYPE_CHECKING:
    from bridge.ui.app import BridgeApp


def goal_title(app: BridgeApp, goal: Goal) -> str:
    """The client's desire in their words, or the area's name when they skipped it."""
    return goal.answers.desire or app.t.pick(app.content.area(goal.area_id).name)


def progress_line(app: BridgeApp, goal: Goal, size: int = 15) -> ft.Control:
    """Steps done, with a check only when a step is done; a finished goal says it is finished."""
    t = app.t
    done = goal.completed_steps
    parts: list[ft.Control] = []
    if goal.status is GoalStatus.DONE:
        parts.append(ft.Icon(ft.Icons.FLAG, color=theme.UP, size=size + 3))
        parts.append(ft.Text(t("goals.card_finished"), size=size, color=theme.UP))
        if done:
            parts.append(ft.Text(steps_done_text(done, t), size=size, color=theme.UP))
    elif done:
        parts.append(ft.Icon(ft.Icons.CHECK_CIRCLE, color=theme.UP, size=size + 3))
        parts.append(ft.Text(steps_done_text(done, t), size=size, color=theme.UP))
    else:
        parts.append(ft.Icon(ft.Icons.SCHEDULE, color=theme.MUTED, size=size + 3))
        parts.append(ft.Text(steps_done_text(done, t), size=size, color=theme.MUTED))
    return ft.Row(parts, spacing=6, wrap=True)


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
        lines.append(progress_line(app, goal))
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
