"""The goals as the summary takes them: typed values made from the client's domain goals.

Only what is listed here is shared; the rest of a goal (reasons, rulers,
obstacles, rewards, check-in notes, …) cannot even be handed over.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import datetime

from bridge.domain.goals import Goal, GoalStatus

__all__ = ["SHARED_STATUSES", "GoalInput", "SharedCheckIn", "SharedStep", "goal_inputs"]

#: Drafts are the client's own thinking, not yet a goal: they are never shared.
SHARED_STATUSES = frozenset({GoalStatus.ACTIVE, GoalStatus.PAUSED, GoalStatus.DONE})


@dataclass(frozen=True)
class SharedCheckIn:
    result: str  # a CheckInResult value: "done" | "partly" | "not_yet"
    at: datetime


@dataclass(frozen=True)
class SharedStep:
    text: str
    check_ins: tuple[SharedCheckIn, ...] = ()


@dataclass(frozen=True)
class GoalInput:
    """One goal for the summary: its area, title in the client's words, status and steps."""

    area_id: str
    title: str
    status: str = GoalStatus.ACTIVE.value
    steps: tuple[SharedStep, ...] = ()


def goal_inputs(goals: Iterable[Goal], area_name: Callable[[str], str]) -> list[GoalInput]:
    """`area_name` gives the title of a goal whose desire the client skipped."""
    return [
        GoalInput(
            area_id=goal.area_id,
            title=goal.answers.desire or area_name(goal.area_id),
            status=goal.status.value,
            steps=tuple(
                SharedStep(
                    text=step.text,
                    check_ins=tuple(SharedCheckIn(c.result.value, c.at) for c in step.check_ins),
                )
                for step in goal.steps
            ),
        )
        for goal in goals
        if goal.status in SHARED_STATUSES
    ]
