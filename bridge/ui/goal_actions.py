"""What the goal screens do with the data: load, change by a rule, save, and say what went wrong."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from bridge.domain.goals import Goal, GoalError
from bridge.storage import StorageError, goals_store
from bridge.ui.messages import message_for

if TYPE_CHECKING:
    from bridge.ui.app import BridgeApp


def all_goals(app: BridgeApp) -> list[Goal]:
    return goals_store.goals(app.data())


def find_goal(app: BridgeApp, goal_id: str) -> Goal | None:
    return goals_store.goal(app.data(), goal_id)


def change_goal(app: BridgeApp, goal: Goal, change: Callable[[Goal], Goal]) -> Goal | GoalError:
    """Applies a rule-checked change and saves it; returns the broken rule instead of raising."""
    try:
        # Apply the change to what is stored now (another session may have changed it).
        stored = goals_store.goal(app.data(), goal.id)
        changed = change(stored if stored is not None else goal)
    except GoalError as exc:
        return exc
    except StorageError:
        app.refresh()  # locked or unreadable: the guard screens take over
        return goal
    if app.save(lambda repo: goals_store.save_goal(repo, changed)):
        return changed
    return goal


def error_text(app: BridgeApp, error: GoalError) -> str:
    return message_for(app.t, error, "goals.error.unknown_question")
