"""'You wanted to do this week: …' — done / partly / not yet, without blame, with recognition."""

from __future__ import annotations

from typing import TYPE_CHECKING

import flet as ft

from bridge.domain.goal_texts import recognition
from bridge.domain.goals import CheckInResult, Goal, GoalError, GoalStep
from bridge.ui import theme
from bridge.ui.goal_actions import change_goal, error_text
from bridge.ui.layout import body, inline_message, primary_button, secondary_button

if TYPE_CHECKING:
    from bridge.ui.app import BridgeApp


def checkin_card(app: BridgeApp, goal: Goal, step: GoalStep) -> ft.Container:
    t = app.t
    card = ft.Container(
        bgcolor=theme.NOTICE_BG,
        border_radius=12,
        padding=14,
    )
    problem = inline_message()

    def record(result: CheckInResult, note: str | None = None) -> Goal | None:
        outcome = change_goal(app, goal, lambda g: g.check_in(step.id, result, app.now(), note))
        if isinstance(outcome, GoalError):
            problem.value = error_text(app, outcome)
            problem.visible = True
            return None
        return outcome

    def done() -> None:
        updated = record(CheckInResult.DONE)
        if updated is not None:
            # Shown on the goal's own screen, where the steps done are counted too.
            app.celebrate(goal.id, recognition(updated.completed_steps, int(goal.id[:6], 16), t))

    def partly() -> None:
        if record(CheckInResult.PARTLY) is None:
            return
        card.content = ft.Column(
            [
                body(t("goals.partly_message")),
                primary_button(
                    t("goals.next_step"),
                    lambda _: app.go(f"/goal/{goal.id}/next"),
                    icon=ft.Icons.ARROW_FORWARD,
                ),
                secondary_button(
                    t("goals.try_again"),
                    lambda _: app.go(f"/goal/{goal.id}/again"),
                    icon=ft.Icons.REPLAY,
                ),
            ],
            spacing=10,
        )

    def not_yet() -> None:
        note = ft.TextField(
            label=t("goals.not_yet_question"),
            multiline=True,
            min_lines=2,
            max_lines=4,
            text_size=17,
        )

        def smaller(_: object) -> None:
            if record(CheckInResult.NOT_YET, note.value) is not None:
                app.go(f"/goal/{goal.id}/smaller")

        def later(_: object) -> None:
            if record(CheckInResult.NOT_YET, note.value) is not None:
                app.go(f"/goal/{goal.id}")

        card.content = ft.Column(
            [
                body(t("goals.not_yet_message")),
                note,
                primary_button(t("goals.make_smaller"), smaller, icon=ft.Icons.COMPRESS),
                secondary_button(t("goals.not_yet_keep"), later),
                problem,
            ],
            spacing=10,
        )

    card.content = ft.Column(
        [
            ft.Text(t("goals.checkin_title", step=step.text), size=18, weight=ft.FontWeight.BOLD),
            body(t("goals.checkin_question")),
            ft.Row(
                wrap=True,
                spacing=8,
                run_spacing=8,
                controls=[
                    primary_button(t("goals.checkin_done"), lambda _: done(), icon=ft.Icons.CHECK),
                    secondary_button(
                        t("goals.checkin_partly"), lambda _: partly(), icon=ft.Icons.TIMELAPSE
                    ),
                    secondary_button(
                        t("goals.checkin_not_yet"),
                        lambda _: not_yet(),
                        icon=ft.Icons.HOURGLASS_EMPTY,
                    ),
                ],
            ),
            problem,
        ],
        spacing=10,
    )
    return card
