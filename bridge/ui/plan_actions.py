"""What the plan screens do with the data: open the coach's plan and keep it, show its parts in
the client's language, and let an agreed step start a goal of the client's own.

Knows nothing of Flet, so it is tested without a page. Opening runs in a worker thread (age and
the signature check); `import_plan` stores nothing when the plan is refused.
"""

from __future__ import annotations

import weakref
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime

from bridge.coach.pasted import split_pasted
from bridge.content import BridgeContent
from bridge.domain.goals import Goal
from bridge.i18n import Translator
from bridge.sharing import client_identity, coaches
from bridge.sharing.plan import OpenedPlan, Plan, open_plan
from bridge.sharing.plans import ReceivedPlan, mark_step_used, save_plan
from bridge.storage import goals_store
from bridge.storage.repository import Repository
from bridge.ui.shell.state import GoalSuggestion

__all__ = [
    "ImportState",
    "Imported",
    "coach_view_lines",
    "import_plan",
    "import_state",
    "pasted_plans",
    "save_new_goal",
    "start_goal",
    "suggested_order",
    "suggestion_for",
]


@dataclass(frozen=True)
class Imported:
    opened: OpenedPlan
    new: bool  # False: this plan was here already; nothing changed


def pasted_plans(text: str) -> list[str]:
    """The plans in a paste, each as its armored block (a greeting around them is left out).

    [] when nothing was pasted; text without a whole block comes back as it is, so opening it
    says what is wrong. The screen asks for one plan at a time, so each gets its own answer.
    """
    return split_pasted(text)


def import_plan(repo: Repository, data: bytes | str, now: datetime | None = None) -> Imported:
    """Opens a plan sealed to this client and signed by a paired coach, then keeps it.

    Raises `bridge.sharing.plan.PlanError` (and stores no plan) when it is refused.
    """
    opened = open_plan(data, client_identity(repo), coaches(repo))
    return Imported(opened, save_plan(repo, opened, now))


@dataclass
class ImportState:
    """The import screen's state of one session: what was pasted survives a rebuild."""

    text: str = ""
    message: str | None = None
    source: str = "paste"  # where the message belongs: "paste" or "file"
    busy: bool = False


_STATES: weakref.WeakKeyDictionary[object, ImportState] = weakref.WeakKeyDictionary()


def import_state(owner: object) -> ImportState:
    found = _STATES.get(owner)
    if found is None:
        found = _STATES[owner] = ImportState()
    return found


def coach_view_lines(plan: Plan, content: BridgeContent, t: Translator) -> list[str]:
    """The coach's view per area, in the bridge's order: "Wonen: stap 3, …". Areas or steps this
    version of the bridge does not know are left out rather than shown wrongly."""
    view = plan.coach_view or {}
    lines = []
    for area in content.areas:
        level = view.get(area.id)
        if level is None or not 1 <= level <= len(area.steps):
            continue
        label = t.pick(area.step(level).label)
        lines.append(t("plan.coach_view_line", area=t.pick(area.name), n=level, label=label))
    return lines


def suggestion_for(received: ReceivedPlan, index: int) -> GoalSuggestion:
    step = received.plan.steps[index]
    return GoalSuggestion(received.plan_id, index, step.text, step.area_id)


def suggested_order(order: Sequence[str], suggestion: GoalSuggestion | None) -> list[str]:
    """The areas to choose from, the step's own area first when it has a known one."""
    areas = list(order)
    if suggestion is None or suggestion.area_id not in areas:
        return areas
    return [suggestion.area_id, *(a for a in areas if a != suggestion.area_id)]


def start_goal(goal: Goal, suggestion: GoalSuggestion | None) -> Goal:
    """A new draft, with the agreed step as the starting text of the first question: the client
    sees it there and changes it into their own words (nothing else is filled in)."""
    if suggestion is None:
        return goal
    return goal.with_answers(desire=suggestion.text)


def save_new_goal(repo: Repository, goal: Goal, suggestion: GoalSuggestion | None) -> None:
    """Saves the new goal first; only then is the step marked as turned into a goal."""
    goals_store.save_goal(repo, goal)
    if suggestion is not None:
        mark_step_used(repo, suggestion.plan_id, suggestion.index, goal.id)
