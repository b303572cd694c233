"""Maps a route to the stack of screens it shows (the bottom one is where 'back' ends)."""

from __future__ import annotations

from typing import TYPE_CHECKING

import flet as ft

from bridge.ui.goal_actions import find_goal
from bridge.ui.screens import (
    damaged,
    fill,
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
    privacy,
    settings,
    share,
    share_coach,
    share_ready,
    snapshot,
    welcome,
)

if TYPE_CHECKING:
    from bridge.ui.app import BridgeApp


def views_for(app: BridgeApp, route: str) -> list[ft.View]:
    """The passcode comes before everything: nothing of the data shows while it is locked."""
    if app.neutral:
        return [neutral.build(app)]
    if app.storage_problem is not None:
        return [damaged.build(app)]
    holder = app.ctx.data
    if not holder.is_set_up():
        # First start: language and welcome, then a passcode; only then is data kept.
        return [passcode_new.build(app)] if route == "/passcode/new" else [welcome.build(app)]
    if not holder.is_unlocked():
        return [lock.build(app)]
    path = ft.TemplateRoute(route)
    goals = goal_views(app, path)
    if goals is not None:
        return goals
    if path.match("/share"):
        return [share.build(app)]
    if path.match("/share/coach"):
        return [share.build(app), share_coach.build(app)]
    if path.match("/share/ready"):
        ready = share_ready.build(app)
        return [share.build(app), *([ready] if ready is not None else [])]
    stack = [home.build(app)]
    if path.match("/fill/:position"):
        view = fill.build(app, path.position)  # type: ignore[attr-defined]
        if view is not None:
            stack.append(view)
    elif path.match("/history"):
        stack.append(history.build(app))
    elif path.match("/snapshot/:snapshot_id"):
        view = snapshot.build(app, path.snapshot_id)  # type: ignore[attr-defined]
        if view is not None:
            stack.extend([history.build(app), view])
    elif path.match("/settings"):
        stack.append(settings.build(app))
    elif path.match("/settings/privacy"):
        stack.extend([settings.build(app), privacy.build(app)])
    return stack


def goal_views(app: BridgeApp, path: ft.TemplateRoute) -> list[ft.View] | None:
    """The goals tab: its list at the bottom of the stack. None for routes outside it."""
    if path.match("/goals"):
        return [goals_list.build(app)]
    if path.match("/goals/new"):
        return [goals_list.build(app), goal_new.build(app)]
    for pattern in ("/goal/:goal_id", "/goal/:goal_id/q/:question", "/goal/:goal_id/:kind"):
        if path.match(pattern):
            break
    else:
        return None
    stack = [goals_list.build(app)]
    goal = find_goal(app, path.goal_id)  # type: ignore[attr-defined]
    if goal is None:
        return stack
    question = getattr(path, "question", None)
    kind = getattr(path, "kind", None)
    if question is not None:
        view = goal_question.build(app, goal, question)
        return stack + ([view] if view is not None else [goal_detail.build(app, goal)])
    stack.append(goal_detail.build(app, goal))
    if kind is not None:
        view = goal_step.build(app, goal, kind)
        if view is not None:
            stack.append(view)
    return stack
