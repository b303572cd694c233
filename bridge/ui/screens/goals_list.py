"""My goals: steps due for a check-in first, then active, paused, unfinished and finished goals."""

from __future__ import annotations

from typing import TYPE_CHECKING

import flet as ft

from bridge.domain.goal_texts import steps_done_text
from bridge.domain.goals import GoalStatus, completed_steps_total, due_steps
from bridge.ui import theme
from bridge.ui.goal_actions import all_goals
from bridge.ui.layout import body, heading, muted, primary_button
from bridge.ui.widgets.checkin_card import checkin_card
from bridge.ui.widgets.goal_card import goal_card
from bridge.ui.widgets.psychoeducation import cards_button
from bridge.ui.widgets.scaffold import screen

if TYPE_CHECKING:
    from bridge.ui.app import BridgeApp

SECTIONS = (
    (GoalStatus.ACTIVE, "goals.list_active"),
    (GoalStatus.DRAFT, "goals.list_drafts"),
    (GoalStatus.PAUSED, "goals.list_paused"),
    (GoalStatus.DONE, "goals.list_done"),
)


def build(app: BridgeApp) -> ft.View:
    t = app.t
    goals = all_goals(app)
    controls: list[ft.Control] = [heading(t("goals.title")), muted(t("goals.intro"))]
    due = due_steps(goals, app.today())
    if due:
        controls.append(ft.Text(t("goals.due_title"), size=20, weight=ft.FontWeight.BOLD))
        controls.extend(checkin_card(app, item.goal, item.step) for item in due)
    if not goals:
        controls.append(body(t("goals.empty")))
    else:
        total = completed_steps_total(goals)
        controls.append(
            ft.Row(
                [
                    ft.Icon(ft.Icons.CHECK_CIRCLE, color=theme.UP),
                    ft.Text(
                        steps_done_text(total, t),
                        size=17,
                        color=theme.UP,
                        weight=ft.FontWeight.BOLD,
                    ),
                ]
            )
        )
    for status, key in SECTIONS:
        group = [g for g in goals if g.status is status]
        if group:
            controls.append(ft.Text(t(key), size=18, weight=ft.FontWeight.BOLD))
            controls.extend(goal_card(app, g) for g in group)
    controls.append(
        primary_button(t("goals.new"), lambda _: app.go("/goals/new"), icon=ft.Icons.ADD)
    )
    controls.append(cards_button(app))
    return screen(
        app,
        "/goals",
        t("goals.title"),
        controls,
        tab="/goals",
    )
