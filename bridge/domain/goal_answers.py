"""The goal flow's questions and the client's answers to them, with their checks.

Pure Python: no Flet, no storage. `bridge.domain.goals` builds goals on these.
"""

from __future__ import annotations

from dataclasses import dataclass, fields
from datetime import date, datetime

MIN_RULER, MAX_RULER = 0, 10
STEP_DAYS = 7  # a step fits in one week
TEXT_MAX_CHARS = 500
SUMMARY_MAX_CHARS = 2000

#: Every `GoalError.code`; each has a catalog text "goals.error.<code>".
ERROR_CODES: tuple[str, ...] = (
    "too_many_active",
    "bad_transition",
    "goal_done",
    "bad_ruler",
    "text_too_long",
    "empty_step",
    "due_in_past",
    "step_too_long",
    "not_active",
    "not_current_step",
    "step_done",
    "step_open",
    "not_after_not_yet",
    "step_planned",
    "unknown_area",
    "unknown_question",
    "bad_answer",
)


class GoalError(ValueError):
    """A rule of goals was broken; `code` (one of ERROR_CODES) names which.

    A screen shows it with `bridge.ui.messages.message_for`: `message_key` is
    "goals.error.<code>"; the texts take no values, so `params` is empty.
    """

    def __init__(self, code: str, message: str) -> None:
        super().__init__(message)
        self.code = code
        self.message_key = f"goals.error.{code}"
        self.params: dict[str, object] = {}


# -- the question flow ---------------------------------------------------------

#: The screens of the goal flow, in order, one question each (PRODUCT.md §2, 1 to 10).
#: A ruler screen asks for the number and then its follow-ups
#: (`bridge.domain.goal_texts.ruler_follow_up` and `ruler_help`).
FLOW: tuple[str, ...] = (
    "desire",
    "reasons",
    "importance",
    "confidence",
    "past_success",
    "step",
    "obstacles",
    "helper",
    "reward",
    "summary",
)

#: Which `GoalAnswers` fields each screen fills in.
QUESTION_FIELDS: dict[str, tuple[str, ...]] = {
    "desire": ("desire",),
    "reasons": ("reasons",),
    "importance": ("importance", "importance_why"),
    "confidence": ("confidence", "confidence_why", "confidence_help"),
    "past_success": ("past_success",),
    "step": ("step",),
    "obstacles": ("obstacles", "obstacle_plan"),
    "helper": ("helper_person",),
    "reward": ("reward",),
    "summary": ("summary",),
}

RULERS: tuple[str, ...] = ("importance", "confidence")


def flow_index(question_id: str) -> int:
    if question_id not in FLOW:
        raise GoalError("unknown_question", f"unknown question {question_id!r}")
    return FLOW.index(question_id)


def next_question(question_id: str) -> str | None:
    """The question after this one; None after the last."""
    index = flow_index(question_id) + 1
    return FLOW[index] if index < len(FLOW) else None


def previous_question(question_id: str) -> str | None:
    """The question before this one; None before the first."""
    index = flow_index(question_id) - 1
    return FLOW[index] if index >= 0 else None


def flow_progress(question_id: str) -> tuple[int, int]:
    """(number of this question counting from 1, number of questions), for "Vraag 3 van 10"."""
    return flow_index(question_id) + 1, len(FLOW)


# -- answers ---------------------------------------------------------------------


@dataclass(frozen=True)
class StepPlan:
    """A step as the client describes it: what, when, where, and an optional if-then sentence.

    `due` is the day it should be done by; when None it is the day planned plus one week.
    """

    what: str | None = None
    when: str | None = None
    where: str | None = None
    if_then: str | None = None
    due: date | None = None


def check_ruler(value: int | None, name: str) -> None:
    if value is None:
        return
    if isinstance(value, bool) or not isinstance(value, int):
        raise GoalError("bad_ruler", f"{name} is a whole number")
    if not MIN_RULER <= value <= MAX_RULER:
        raise GoalError("bad_ruler", f"{name} is {MIN_RULER} to {MAX_RULER}")


@dataclass(frozen=True)
class GoalAnswers:
    """The client's answers, in their own words; None means skipped (or not reached yet)."""

    desire: str | None = None
    reasons: str | None = None
    importance: int | None = None
    importance_why: str | None = None
    confidence: int | None = None
    confidence_why: str | None = None
    confidence_help: str | None = None
    past_success: str | None = None
    step: StepPlan | None = None
    obstacles: str | None = None
    obstacle_plan: str | None = None
    helper_person: str | None = None
    reward: str | None = None
    summary: str | None = None

    def __post_init__(self) -> None:
        check_ruler(self.importance, "importance")
        check_ruler(self.confidence, "confidence")

    def is_answered(self, question_id: str) -> bool:
        """True when the client wrote or chose something on that screen."""
        flow_index(question_id)
        return any(getattr(self, name) is not None for name in QUESTION_FIELDS[question_id])

    @property
    def is_empty(self) -> bool:
        return all(getattr(self, f.name) is None for f in fields(self))


TEXT_FIELDS = frozenset(
    f.name for f in fields(GoalAnswers) if f.name not in {"importance", "confidence", "step"}
)


def clean_text(value: object, name: str, limit: int = TEXT_MAX_CHARS) -> str | None:
    """Strips the client's words; empty means skipped (None). Nothing else is changed."""
    if value is None:
        return None
    if not isinstance(value, str):
        raise GoalError("bad_answer", f"{name} is text")
    value = value.strip()
    if len(value) > limit:
        raise GoalError("text_too_long", f"{name} is at most {limit} characters")
    return value or None


def clean_plan(plan: object) -> StepPlan | None:
    """The plan with its texts cleaned; None when nothing was filled in."""
    if plan is None:
        return None
    if not isinstance(plan, StepPlan):
        raise GoalError("bad_answer", "a step is a StepPlan")
    if plan.due is not None and (isinstance(plan.due, datetime) or not isinstance(plan.due, date)):
        raise GoalError("bad_answer", "a step's due is a date")
    cleaned = StepPlan(
        what=clean_text(plan.what, "what"),
        when=clean_text(plan.when, "when"),
        where=clean_text(plan.where, "where"),
        if_then=clean_text(plan.if_then, "if_then"),
        due=plan.due,
    )
    return None if cleaned == StepPlan() else cleaned
