"""Planning a step on an active goal: the next one, the same one again, or a smaller one."""

from __future__ import annotations

from typing import TYPE_CHECKING

import flet as ft

from bridge.domain.goals import Goal, GoalError, GoalStatus, StepPlan
from bridge.ui.goal_actions import change_goal, error_text
from bridge.ui.layout import heading, inline_message, muted, primary_button
from bridge.ui.widgets.psychoeducation import cards_button
from bridge.ui.widgets.scaffold import screen
from bridge.ui.widgets.step_form import StepForm

if TYPE_CHECKING:
    from bridge.ui.app import BridgeApp

KINDS = ("next", "again", "smaller")


def build(app: BridgeApp, goal: Goal, kind: str) -> ft.View | None:
    if kind not in KINDS or goal.status is not GoalStatus.ACTIVE:
        return None
    t = app.t
    current = goal.current_step
    start = None
    if kind == "again" and current is not None:
        start = StepPlan(what=current.what, when=current.when, where=current.where)
    state = {"plan": start or StepPlan()}
    problem = inline_message()

    def changed(plan: StepPlan) -> None:
        state["plan"] = plan
        problem.visible = False

    def save() -> None:
        plan = state["plan"]
        if kind == "smaller":
            outcome = change_goal(app, goal, lambda g: g.make_smaller(plan, app.now()))
        else:
            outcome = change_goal(app, goal, lambda g: g.plan_step(plan, app.now()))
        if isinstance(outcome, GoalError):
            problem.value = error_text(app, outcome)
            problem.visible = True
            return
        app.go(f"/goal/{goal.id}")

    title = {"next": "goals.next_step", "again": "goals.try_again", "smaller": "goals.make_smaller"}
    controls: list[ft.Control] = [heading(t(title[kind]), size=24)]
    if kind == "smaller" and current is not None:
        controls.append(muted(t("goals.smaller_than", step=current.text)))
        controls.append(muted(t("goals.make_smaller_help")))
    else:
        controls.append(muted(t("goals.step_help")))
    form = StepForm(app, start, changed, with_details=kind != "smaller")
    controls += [
        form.control,
        problem,
        primary_button(t("goals.save"), lambda _: save(), icon=ft.Icons.CHECK),
        cards_button(app),
    ]
    return screen(
        app,
        f"/goal/{goal.id}/{kind}",
        t(title[kind]),
        controls,
    )
