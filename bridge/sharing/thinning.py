"""How much of a long history a summary keeps in full, so the sealed file stays small.

A summary carries the client's whole history, and the coach's app refuses a
sealed file over ``MAX_SIZE`` (1,000,000 bytes).  :func:`~bridge.sharing.summary.build_summary`
tries each :data:`DETAILS` in turn and keeps the first whose sealed size stays
within :data:`~bridge.sharing.size.SEALED_BUDGET` (a quarter of that limit).
The first is everything; each next one keeps less, always the latest items:

* bridges and stress: the latest ``recent`` in the history, and before them
  the last one of each calendar month (never less: the coach's charts need a
  point per month);
* goals: ``goals_in_full`` goals with their steps (current goals first, then
  those worked on most recently); the others with their title and status only;
* of a goal in full, its latest ``steps_per_goal`` steps, and of each step its
  latest ``check_ins_per_step`` check-ins.

What is left out is counted in the payload (``omitted*``), and the readable
text says so.  The same data always gives the same summary.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import TypeVar

from bridge.domain.goals import GoalStatus
from bridge.sharing.goal_input import GoalInput

__all__ = ["DETAILS", "FULL", "Detail", "full_goals", "kept_by_month", "latest"]

T = TypeVar("T")

#: Goals still being worked on: kept in full before finished ones.
CURRENT = frozenset({GoalStatus.ACTIVE.value, GoalStatus.PAUSED.value})


@dataclass(frozen=True)
class Detail:
    """How much to keep; ``None`` keeps everything of that kind."""

    recent: int | None = None
    goals_in_full: int | None = None
    steps_per_goal: int | None = None
    check_ins_per_step: int | None = None

    @property
    def full(self) -> bool:
        return self == FULL


FULL = Detail()
#: From everything to the least that still tells the story; the last one must do.
DETAILS = (
    FULL,
    Detail(recent=24, goals_in_full=30, steps_per_goal=12, check_ins_per_step=10),
    Detail(recent=24, goals_in_full=20, steps_per_goal=10, check_ins_per_step=10),
    Detail(recent=24, goals_in_full=12, steps_per_goal=8, check_ins_per_step=5),
    Detail(recent=12, goals_in_full=6, steps_per_goal=4, check_ins_per_step=3),
    Detail(recent=0, goals_in_full=3, steps_per_goal=2, check_ins_per_step=1),
    Detail(recent=0, goals_in_full=0, steps_per_goal=0, check_ins_per_step=0),
)


def latest(items: Sequence[T], count: int | None) -> tuple[T, ...]:
    """The last ``count`` items (all for ``None``), in their order."""
    if count is None:
        return tuple(items)
    return tuple(items[max(len(items) - count, 0) :])


def kept_by_month(days: Sequence[str], recent: int | None) -> list[int]:
    """The positions kept of dated entries (ISO days, oldest first).

    The latest ``recent`` entries, and before them the last entry of each
    calendar month.
    """
    if recent is None or len(days) <= recent:
        return list(range(len(days)))
    cut = len(days) - recent
    last_of_month: dict[str, int] = {}
    for position in range(cut):
        last_of_month[days[position][:7]] = position  # oldest first: the last one wins
    return sorted({*last_of_month.values(), *range(cut, len(days))})


def _last_check_in(goal: GoalInput) -> float:
    moments = [c.at.timestamp() for step in goal.steps for c in step.check_ins]
    return max(moments, default=float("-inf"))


def full_goals(goals: Sequence[GoalInput], count: int | None) -> frozenset[int]:
    """The positions of the goals kept with their steps.

    Current goals first, then the one with the latest check-in; on a tie the
    later one in ``goals`` (which come oldest first).
    """
    if count is None:
        return frozenset(range(len(goals)))
    ranked = sorted(
        range(len(goals)),
        key=lambda n: (goals[n].status in CURRENT, _last_check_in(goals[n]), n),
        reverse=True,
    )
    return frozenset(ranked[:count])
