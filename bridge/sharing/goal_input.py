"""Turns the client's goals into the plain shape the summary takes (see summary.GoalInput)."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import Any

from bridge.domain.goals import Goal, GoalStatus

#: Drafts are the client's own thinking, not yet a goal: they are never shared.
SHARED_STATUSES = frozenset({GoalStatus.ACTIVE, GoalStatus.PAUSED, GoalStatus.DONE})


def goal_inputs(goals: Iterable[Goal], area_name: Callable[[str], str]) -> list[dict[str, Any]]:
    """`area_name` gives the title of a goal whose desire the client skipped."""
    return [
        {
            "area_id": goal.area_id,
            "title": goal.answers.desire or area_name(goal.area_id),
            "status": goal.status.value,
            "steps": [
                {
                    "text": step.text,
                    "check_ins": [{"result": c.result.value, "at": c.at} for c in step.check_ins],
                }
                for step in goal.steps
            ],
        }
        for goal in goals
        if goal.status in SHARED_STATUSES
    ]
