"""A new goal starts from an area of the bridge: the client's priorities are offered first."""

from __future__ import annotations

from typing import TYPE_CHECKING

import flet as ft

from bridge.domain.goals import FLOW, Goal, GoalError, can_add_active, suggested_areas
from bridge.ui import theme
from bridge.ui.goal_actions import all_goals, error_text
from bridge.ui.layout import body, heading, muted
from bridge.ui.plan_actions import save_new_goal, start_goal, suggested_order
from bridge.ui.widgets.choice_card import ChoiceCard
from bridge.ui.widgets.plan_cards import step_area_mark, suggestion_note
from bridge.ui.widgets.scaffold import screen

if TYPE_CHECKING:
    from bridge.ui.app import BridgeApp


def build(app: BridgeApp) -> ft.View:
    t = app.t
    latest = app.data().latest()
    priorities = set(latest.priorities) if latest is not None else set()
    # An agreed step from the coach's plan may start this goal (set by the plan screen).
    suggestion = app.goals.suggestion
    order = suggested_order(
        suggested_areas(latest) if latest is not None else app.content.area_ids, suggestion
    )

    def start(area_id: str) -> None:
        try:
            goal = start_goal(Goal.start(area_id, app.now(), app.content.area_ids), suggestion)
        except GoalError as exc:
            app.notify(error_text(app, exc))
            return
        if app.save(lambda repo: save_new_goal(repo, goal, suggestion)):
            app.goals.suggestion = None
            app.go(f"/goal/{goal.id}/q/{FLOW[0]}")

    def drop_suggestion() -> None:
        app.goals.suggestion = None
        app.refresh()

    controls: list[ft.Control] = [heading(t("goals.choose_area"))]
    if suggestion is not None:
        controls.append(suggestion_note(app, suggestion, drop_suggestion))
    if not can_add_active(all_goals(app)):
        # Said before the client writes anything, not only at the end.
        controls.append(body(t("goals.full_note")))
    for area_id in order:
        area = app.content.area(area_id)
        if suggestion is not None and area_id == suggestion.area_id:
            controls.append(step_area_mark(app))
        if area_id in priorities:
            controls.append(
                ft.Row(
                    [
                        ft.Icon(ft.Icons.STAR, color=theme.PRIORITY, size=16),
                        muted(t("goals.area_suggested")),
                    ],
                    spacing=4,
                )
            )
        controls.append(
            ChoiceCard(
                t.pick(area.name),
                t.pick(area.question),
                selected=False,
                on_select=lambda area_id=area_id: start(area_id),  # type: ignore[misc]
            ).control
        )
    return screen(
        app,
        "/goals/new",
        t("goals.new"),
        controls,
    )
