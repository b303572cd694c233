"""The client's route table: every screen, its parent (where "back" goes) and who may see it.

The back stack is derived from the parents (see `bridge.ui.shell.routing`); the guards run once,
in the shell, before any builder here is called. A builder gets the session and the route's
parameters and returns its view, or None when what the route names does not exist (any more).
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import TYPE_CHECKING

import flet as ft

from bridge.domain.assessment import REVIEW_POSITION, STRESS_POSITION, fill_positions
from bridge.ui.filling import FillSession
from bridge.ui.goal_actions import find_goal
from bridge.ui.screens import (
    damaged,
    fill_area,
    fill_review,
    fill_stress,
    goal_detail,
    goal_new,
    goal_question,
    goal_step,
    goals_list,
    history,
    home,
    lock,
    neutral,
    passcode_new,
    plan,
    plan_import,
    privacy,
    settings,
    share,
    share_coach,
    share_ready,
    snapshot,
    welcome,
)
from bridge.ui.shell.routing import Access, Route, RouteTable

if TYPE_CHECKING:
    from bridge.ui.app import BridgeApp

ViewBuilder = Callable[["BridgeApp", Mapping[str, str]], ft.View | None]


def _plain(build: Callable[[BridgeApp], ft.View | None]) -> ViewBuilder:
    return lambda app, _params: build(app)


def _fill(app: BridgeApp, params: Mapping[str, str]) -> ft.View | None:
    position = params["position"]
    draft = app.data().draft()
    if draft is None or position not in fill_positions(draft.area_ids):
        return None
    session = FillSession(app, draft)
    if draft.position != position:
        # Arrived by the browser's back/forward or a link: remember this as the place to resume.
        session.update(lambda d: d.at(position))
    if position == STRESS_POSITION:
        return fill_stress.build(app, session)
    if position == REVIEW_POSITION:
        return fill_review.build(app, session)
    return fill_area.build(app, session, position)


def _goal(app: BridgeApp, params: Mapping[str, str]) -> ft.View | None:
    goal = find_goal(app, params["goal_id"])
    return goal_detail.build(app, goal) if goal is not None else None


def _goal_question(app: BridgeApp, params: Mapping[str, str]) -> ft.View | None:
    goal = find_goal(app, params["goal_id"])
    if goal is None:
        return None
    # A question that does not apply (any more) shows the goal itself.
    return goal_question.build(app, goal, params["question"]) or goal_detail.build(app, goal)


def _goal_step(app: BridgeApp, params: Mapping[str, str]) -> ft.View | None:
    goal = find_goal(app, params["goal_id"])
    return goal_step.build(app, goal, params["kind"]) if goal is not None else None


def _snapshot(app: BridgeApp, params: Mapping[str, str]) -> ft.View | None:
    return snapshot.build(app, params["snapshot_id"])


CLIENT_ROUTES: RouteTable[ViewBuilder] = RouteTable(
    [
        # The guards' own screens: each shows alone, without a stack under it.
        Route("/neutral", _plain(neutral.build), access=Access.GATE),
        Route("/damaged", _plain(damaged.build), access=Access.GATE),
        Route("/unlock", _plain(lock.build), access=Access.GATE),
        Route("/welcome", _plain(welcome.build), access=Access.FIRST_START),
        Route("/passcode/new", _plain(passcode_new.build), access=Access.FIRST_START),
        # My bridge
        Route("/", _plain(home.build)),
        Route("/fill/:position", _fill, parent="/"),
        Route("/history", _plain(history.build), parent="/"),
        Route("/snapshot/:snapshot_id", _snapshot, parent="/history"),
        Route("/settings", _plain(settings.build), parent="/"),
        Route("/settings/privacy", _plain(privacy.build), parent="/settings"),
        # My goals
        Route("/goals", _plain(goals_list.build)),
        Route("/goals/new", _plain(goal_new.build), parent="/goals"),
        Route("/goal/:goal_id", _goal, parent="/goals"),
        Route("/goal/:goal_id/q/:question", _goal_question, parent="/goals"),
        Route("/goal/:goal_id/:kind", _goal_step, parent="/goal/:goal_id"),
        # Share with my coach
        Route("/share", _plain(share.build)),
        Route("/share/coach", _plain(share_coach.build), parent="/share"),
        Route("/share/ready", _plain(share_ready.build), parent="/share"),
        # The coach's plan after a conversation: opened from the Share tab, shown from home
        Route("/plan/import", _plain(plan_import.build), parent="/share"),
        Route("/plan", _plain(plan.build), parent="/"),
    ]
)
