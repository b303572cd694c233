"""One goal: the plan in the client's words, the step now with its check-in, past steps, and
pause / resume / finish."""

from __future__ import annotations

from typing import TYPE_CHECKING

import flet as ft

from bridge.domain.goal_texts import summary_text
from bridge.domain.goals import (
    CheckInResult,
    Goal,
    GoalError,
    GoalStatus,
)
from bridge.ui import theme
from bridge.ui.formatting import format_date
from bridge.ui.goal_actions import all_goals, change_goal, error_text
from bridge.ui.layout import (
    Notice,
    body,
    confirm,
    heading,
    muted,
    primary_button,
    secondary_button,
)
from bridge.ui.widgets.checkin_card import checkin_card
from bridge.ui.widgets.goal_card import goal_title, progress_line
from bridge.ui.widgets.psychoeducation import cards_button
from bridge.ui.widgets.scaffold import screen

if TYPE_CHECKING:
    from bridge.ui.app import BridgeApp

RESULT_ICONS = {
    CheckInResult.DONE: (ft.Icons.CHECK_CIRCLE, theme.UP),
    CheckInResult.PARTLY: (ft.Icons.TIMELAPSE, theme.SAME),
    CheckInResult.NOT_YET: (ft.Icons.HOURGLASS_EMPTY, theme.SAME),
}


def past_steps(app: BridgeApp, goal: Goal) -> list[ft.Control]:
    t = app.t
    rows: list[ft.Control] = []
    current = goal.current_step
    # The step now is shown with its check-in above, until it has one.
    open_step = current is not None and not current.check_ins
    for step in reversed(goal.steps[:-1] if open_step else goal.steps):
        result = step.result
        icon, colour = (
            RESULT_ICONS.get(result, (ft.Icons.RADIO_BUTTON_UNCHECKED, theme.MUTED))
            if result is not None
            else (ft.Icons.RADIO_BUTTON_UNCHECKED, theme.MUTED)
        )
        label = t(f"goals.checkin_{result.value}") if result is not None else ""
        later = next((s for s in goal.steps if s.replaces == step.id), None)
        extra = f" · {t('goals.step_replaced')}" if later is not None else ""
        rows.append(
            ft.Row(
                [
                    ft.Icon(icon, color=colour, size=20),
                    ft.Text(f"{step.text} · {label}{extra}", size=16, expand=True),
                ],
            )
        )
    return rows


def celebration_card(app: BridgeApp, goal: Goal, message: str) -> ft.Control:
    t = app.t
    lines: list[ft.Control] = [
        ft.Row(
            [
                ft.Icon(ft.Icons.CELEBRATION, color=theme.UP, size=28),
                ft.Text(t("goals.checkin_done"), size=20, weight=ft.FontWeight.BOLD),
            ]
        ),
        body(message),
    ]
    if goal.answers.reward:
        lines.append(body(t("goals.reward_reminder", reward=goal.answers.reward)))
    lines.append(
        primary_button(
            t("goals.next_step"),
            lambda _: app.go(f"/goal/{goal.id}/next"),
            icon=ft.Icons.ARROW_FORWARD,
        )
    )
    return ft.Container(
        content=ft.Column(lines, spacing=10), bgcolor=theme.SUCCESS_BG, border_radius=12, padding=14
    )


def build(app: BridgeApp, goal: Goal) -> ft.View:
    t = app.t
    problem = Notice()

    def act(change_name: str) -> None:
        changes = {
            "pause": lambda g: g.pause(),
            "resume": lambda g: g.resume(all_goals(app)),
            "finish": lambda g: g.finish(app.now()),
        }
        outcome = change_goal(app, goal, changes[change_name])
        if isinstance(outcome, GoalError):
            problem.show(error_text(app, outcome))
            return
        app.go(f"/goal/{goal.id}")

    def confirm_finish() -> None:
        confirm(
            app,
            t("goals.finish"),
            t("goals.finish_confirm"),
            t("goals.finish"),
            lambda: act("finish"),
        )

    area = app.content.area(goal.area_id)
    controls: list[ft.Control] = [
        ft.Row(
            [
                ft.Icon(theme.area_icon(goal.area_id), color=theme.MUTED),
                muted(t.pick(area.name)),
                muted("·"),
                muted(t(f"goals.status.{goal.status.value}")),
            ],
            spacing=6,
        ),
        heading(goal_title(app, goal), size=24),
        progress_line(app, goal, size=17),
    ]
    message = app.take_celebration(goal.id)
    if message is not None:
        controls.append(celebration_card(app, goal, message))
    step = goal.current_step
    if goal.status is GoalStatus.ACTIVE and message is None:
        if step is not None and not step.check_ins:
            controls.append(ft.Text(t("goals.current_step"), size=18, weight=ft.FontWeight.BOLD))
            controls.append(muted(t("goals.step_due_on", date=format_date(app, step.due))))
            controls.append(checkin_card(app, goal, step))
        elif step is not None and step.result is CheckInResult.NOT_YET:
            controls.append(body(t("goals.not_yet_message")))
            controls.append(
                primary_button(
                    t("goals.make_smaller"),
                    lambda _: app.go(f"/goal/{goal.id}/smaller"),
                    icon=ft.Icons.COMPRESS,
                )
            )
        else:
            controls.append(
                primary_button(
                    t("goals.next_step"),
                    lambda _: app.go(f"/goal/{goal.id}/next"),
                    icon=ft.Icons.ADD,
                )
            )
    history = past_steps(app, goal)
    if history:
        controls.append(ft.Text(t("goals.history"), size=18, weight=ft.FontWeight.BOLD))
        controls.extend(history)
    controls.append(ft.Text(t("goals.summary_title"), size=18, weight=ft.FontWeight.BOLD))
    controls.append(body(summary_text(goal.answers, t)))
    controls.append(problem)
    actions: list[ft.Control] = []
    if goal.status is GoalStatus.ACTIVE:
        actions.append(
            secondary_button(t("goals.pause"), lambda _: act("pause"), icon=ft.Icons.PAUSE)
        )
    if goal.status is GoalStatus.PAUSED:
        controls.append(muted(t("goals.pause_help")))
        actions.append(
            primary_button(t("goals.resume"), lambda _: act("resume"), icon=ft.Icons.PLAY_ARROW)
        )
    if goal.status in (GoalStatus.ACTIVE, GoalStatus.PAUSED):
        actions.append(
            secondary_button(t("goals.finish"), lambda _: confirm_finish(), icon=ft.Icons.DONE_ALL)
        )
    controls.append(ft.Row(actions, wrap=True, spacing=8, run_spacing=8))
    controls.append(cards_button(app))
    return screen(
        app,
        f"/goal/{goal.id}",
        t("goals.title"),
        controls,
    )
