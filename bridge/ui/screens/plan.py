"""'Wat we afspraken': the plans the coach sent after a conversation, the newest first. Each
agreed step can start a goal of the client's own, through the usual goal screens."""

from __future__ import annotations

from typing import TYPE_CHECKING

import flet as ft

from bridge.sharing.plans import ReceivedPlan, plans
from bridge.ui.formatting import format_date
from bridge.ui.goal_actions import all_goals
from bridge.ui.layout import heading, secondary_button
from bridge.ui.plan_actions import suggestion_for
from bridge.ui.widgets.plan_view import plan_details, section
from bridge.ui.widgets.scaffold import screen

if TYPE_CHECKING:
    from bridge.ui.app import BridgeApp

ROUTE = "/plan"


def make_goal(app: BridgeApp, received: ReceivedPlan, index: int) -> None:
    """The step waits in the session's state (not in the address) for the new goal to start."""
    app.goals.suggestion = suggestion_for(received, index)
    app.go("/goals/new")


def build(app: BridgeApp) -> ft.View | None:
    found = plans(app.data())
    if not found:
        return None
    t = app.t
    goal_ids = {g.id for g in all_goals(app)}  # a dropped goal's step can be chosen again
    latest, *earlier = found
    controls: list[ft.Control] = [
        heading(t("plan.title")),
        *plan_details(
            app, latest, lambda i: make_goal(app, latest, i), latest.steps_in_use(goal_ids)
        ),
    ]
    if earlier:
        controls += [ft.Divider(), heading(t("plan.earlier"), size=22)]
    for received in earlier:
        day = format_date(app, received.plan.session_date)
        controls += [
            section(t("plan.earlier_title", date=day)),
            *plan_details(
                app,
                received,
                lambda i, r=received: make_goal(app, r, i),
                received.steps_in_use(goal_ids),
            ),
            ft.Divider(),
        ]
    controls.append(
        secondary_button(
            t("plan.open_other"), lambda _: app.go("/plan/import"), icon=ft.Icons.LOCK_OPEN
        )
    )
    return screen(app, ROUTE, t("plan.title"), controls)
