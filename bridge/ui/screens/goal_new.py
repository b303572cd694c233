"""A new goal starts from an area of the bridge: the client's priorities are offered first."""

from __future__ import annotations

from typing import TYPE_CHECKING

import flet as ft

from bridge.domain.goals import FLOW, Goal, GoalError, can_add_active, suggested_areas
from bridge.storage import goals_store
from bridge.ui import theme
from bridge.ui.goal_actions import all_goals, error_text
from bridge.ui.layout import body, heading, muted
from bridge.ui.widgets.choice_card import choice_card
from bridge.ui.widgets.scaffold import screen

if TYPE_CHECKING:
    from bridge.ui.app import BridgeApp


def build(app: BridgeApp) -> ft.View:
    t = app.t
    latest = app.data().latest()
    priorities = set(latest.priorities) if latest is not None else set()
    order = suggested_areas(latest) if latest is not None else app.content.area_ids

    def start(area_id: str) -> None:
        try:
            goal = Goal.start(area_id, app.now(), app.content.area_ids)
        except GoalError as exc:
            app.notify(error_text(app, exc))
            return
        if app.save(lambda repo: goals_store.save_goal(repo, goal)):
            app.go(f"/goal/{goal.id}/q/{FLOW[0]}")

    controls: list[ft.Control] = [heading(t("goals.choose_area"))]
    if not can_add_active(all_goals(app)):
        # Said before the client writes anything, not only at the end.
        controls.append(body(t("goals.full_note")))
    for area_id in order:
        area = app.content.area(area_id)
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
            choice_card(
                t.pick(area.name),
                t.pick(area.question),
                selected=False,
                on_select=lambda area_id=area_id: start(area_id),  # type: ignore[misc]
            )
        )
    return screen(
        app,
        "/goals/new",
        t("goals.new"),
        controls,
    )
