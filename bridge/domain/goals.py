"""Small goals of the client's own, built with motivational-interviewing questions, and their rules.

A goal belongs to one area of the bridge. The client answers the questions of `FLOW`
(every one may be skipped), then starts the goal: the step they planned becomes the
goal's first step. Each step gets check-ins (done, partly, not yet); after "not yet"
the step can be made smaller. At most `MAX_ACTIVE` goals are active at once.

Pure Python: no Flet, no storage. Every change returns a new object. Texts that need a
language are built in `bridge.domain.goal_texts` with a translator from the catalog.
"""

from __future__ import annotations

import enum
import uuid
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field, replace
from datetime import date, datetime, timedelta
from typing import NamedTuple, Protocol

from bridge.domain.goal_answers import (
    ERROR_CODES,
    FLOW,
    MAX_RULER,
    MIN_RULER,
    QUESTION_FIELDS,
    RULERS,
    STEP_DAYS,
    SUMMARY_MAX_CHARS,
    TEXT_FIELDS,
    TEXT_MAX_CHARS,
    GoalAnswers,
    GoalError,
    StepPlan,
    clean_plan,
    clean_text,
    flow_index,
    flow_progress,
    next_question,
    previous_question,
)

#: Names that live in `goal_answers`, re-exported so `bridge.domain.goals` stays the one import.
__all__ = [
    "ERROR_CODES",
    "FLOW",
    "MAX_RULER",
    "MIN_RULER",
    "QUESTION_FIELDS",
    "RULERS",
    "STEP_DAYS",
    "SUMMARY_MAX_CHARS",
    "TEXT_MAX_CHARS",
    "GoalAnswers",
    "GoalError",
    "StepPlan",
    "flow_progress",
    "next_question",
    "previous_question",
]

MAX_ACTIVE = 3


class GoalStatus(enum.StrEnum):
    DRAFT = "draft"
    ACTIVE = "active"
    PAUSED = "paused"
    DONE = "done"


#: The status changes a goal allows. Nothing changes after DONE.
TRANSITIONS: dict[GoalStatus, frozenset[GoalStatus]] = {
    GoalStatus.DRAFT: frozenset({GoalStatus.ACTIVE}),
    GoalStatus.ACTIVE: frozenset({GoalStatus.PAUSED, GoalStatus.DONE}),
    GoalStatus.PAUSED: frozenset({GoalStatus.ACTIVE, GoalStatus.DONE}),
    GoalStatus.DONE: frozenset(),
}


def can_change(current: GoalStatus, target: GoalStatus) -> bool:
    return target in TRANSITIONS[current]


class CheckInResult(enum.StrEnum):
    DONE = "done"
    PARTLY = "partly"
    NOT_YET = "not_yet"


def _due_for(plan: StepPlan, planned_at: datetime) -> date:
    planned = planned_at.date()
    if plan.due is None:
        return planned + timedelta(days=STEP_DAYS)
    if plan.due < planned:
        raise GoalError("due_in_past", "a step's day is today or later")
    if plan.due > planned + timedelta(days=STEP_DAYS):
        raise GoalError("step_too_long", f"a step fits in {STEP_DAYS} days")
    return plan.due


# -- steps and check-ins ------------------------------------------------------------


@dataclass(frozen=True)
class CheckIn:
    result: CheckInResult
    at: datetime
    note: str | None = None  # what got in the way, in the client's words


@dataclass(frozen=True)
class GoalStep:
    id: str
    planned_at: datetime
    due: date
    what: str | None = None
    when: str | None = None
    where: str | None = None
    if_then: str | None = None
    check_ins: tuple[CheckIn, ...] = ()
    replaces: str | None = None  # the id of the step this smaller one took over from

    @classmethod
    def plan(cls, plan: StepPlan, now: datetime, replaces: str | None = None) -> GoalStep:
        cleaned = clean_plan(plan)
        if cleaned is None or (cleaned.what is None and cleaned.if_then is None):
            raise GoalError("empty_step", "a step says what the client will do")
        return cls(
            id=uuid.uuid4().hex,
            planned_at=now,
            due=_due_for(cleaned, now),
            what=cleaned.what,
            when=cleaned.when,
            where=cleaned.where,
            if_then=cleaned.if_then,
            replaces=replaces,
        )

    @property
    def text(self) -> str:
        """The step in the client's words, for one line: what, or else the if-then sentence."""
        return self.what or self.if_then or ""

    @property
    def result(self) -> CheckInResult | None:
        """The latest check-in's result; None before the first check-in."""
        return self.check_ins[-1].result if self.check_ins else None

    @property
    def is_done(self) -> bool:
        return any(c.result is CheckInResult.DONE for c in self.check_ins)

    @property
    def is_partly(self) -> bool:
        """Partly done, and not (yet) done."""
        return not self.is_done and any(c.result is CheckInResult.PARTLY for c in self.check_ins)

    def is_due(self, today: date) -> bool:
        """Its day has come (or passed) and the client has not checked in on it yet."""
        return not self.check_ins and self.due <= today


# -- the goal -----------------------------------------------------------------------


@dataclass(frozen=True)
class Goal:
    """One goal of the client's, for one area of the bridge.

    `position` is the flow question the client was on, so a draft continues there.
    `steps` is the history of steps, oldest first; the last one is the current step.
    """

    id: str
    area_id: str
    created_at: datetime
    status: GoalStatus = GoalStatus.DRAFT
    answers: GoalAnswers = field(default_factory=GoalAnswers)
    steps: tuple[GoalStep, ...] = ()
    position: str = FLOW[0]
    activated_at: datetime | None = None
    finished_at: datetime | None = None

    @classmethod
    def start(cls, area_id: str, now: datetime, areas: Iterable[str] | None = None) -> Goal:
        """A new draft goal. With `areas` (the bridge's area ids) the area is checked."""
        if not area_id or (areas is not None and area_id not in tuple(areas)):
            raise GoalError("unknown_area", f"unknown area {area_id!r}")
        return cls(id=uuid.uuid4().hex, area_id=area_id, created_at=now)

    # -- reading -------------------------------------------------------------------
    @property
    def current_step(self) -> GoalStep | None:
        return self.steps[-1] if self.steps else None

    @property
    def completed_steps(self) -> int:
        """Steps checked in as done."""
        return sum(1 for s in self.steps if s.is_done)

    @property
    def partly_steps(self) -> int:
        """Steps checked in as partly done (and not done), counted apart from done ones."""
        return sum(1 for s in self.steps if s.is_partly)

    @property
    def is_active(self) -> bool:
        return self.status is GoalStatus.ACTIVE

    def step(self, step_id: str) -> GoalStep:
        for s in self.steps:
            if s.id == step_id:
                return s
        raise KeyError(step_id)

    # -- the flow --------------------------------------------------------------------
    def _check_open(self) -> None:
        if self.status is GoalStatus.DONE:
            raise GoalError("goal_done", "a finished goal is kept as it was")

    def with_answers(self, **changes: object) -> Goal:
        """New answers for some fields of `GoalAnswers`; empty text or None means skipped.

        The step (`step=StepPlan(...)`) can be changed here until the goal has steps;
        after that, use `plan_step` or `make_smaller`.
        """
        self._check_open()
        clean: dict[str, object] = {}
        for name, value in changes.items():
            if name in ("importance", "confidence"):
                clean[name] = value  # checked by GoalAnswers
            elif name == "step":
                if self.steps:
                    raise GoalError("step_planned", "the goal already has steps")
                plan = clean_plan(value)
                if plan is not None and plan.what is None and plan.if_then is None:
                    raise GoalError("empty_step", "a step says what the client will do")
                clean[name] = plan
            elif name == "summary":
                clean[name] = clean_text(value, name, SUMMARY_MAX_CHARS)
            elif name in TEXT_FIELDS:
                clean[name] = clean_text(value, name)
            else:
                raise GoalError("bad_answer", f"no answer called {name!r}")
        answers = replace(self.answers, **clean)  # type: ignore[arg-type]
        return replace(self, answers=answers)

    def at(self, position: str) -> Goal:
        """Remembers the question the client is on."""
        self._check_open()
        flow_index(position)
        return replace(self, position=position)

    # -- status ------------------------------------------------------------------------
    def _check_from(self, source: GoalStatus, target: GoalStatus) -> None:
        self._check_open()
        if self.status is not source:
            raise GoalError("bad_transition", f"only a {source} goal can become {target}")

    def _change(self, target: GoalStatus, **changes: object) -> Goal:
        self._check_open()
        if not can_change(self.status, target):
            raise GoalError("bad_transition", f"a goal cannot go from {self.status} to {target}")
        return replace(self, status=target, **changes)  # type: ignore[arg-type]

    def _check_room(self, goals: Iterable[Goal]) -> None:
        if not can_add_active(goals, except_id=self.id):
            raise GoalError(
                "too_many_active", f"at most {MAX_ACTIVE} goals are active at the same time"
            )

    def activate(self, goals: Iterable[Goal], now: datetime) -> Goal:
        """Starts a draft goal; the step planned in the flow becomes the first step.

        `goals` are all the client's goals (this one may be among them).
        """
        self._check_from(GoalStatus.DRAFT, GoalStatus.ACTIVE)
        self._check_room(goals)
        steps = self.steps
        if not steps and self.answers.step is not None:
            steps = (GoalStep.plan(self.answers.step, now),)
        return self._change(GoalStatus.ACTIVE, steps=steps, activated_at=now)

    def pause(self) -> Goal:
        return self._change(GoalStatus.PAUSED)

    def resume(self, goals: Iterable[Goal]) -> Goal:
        """A paused goal becomes active again, if there is room."""
        self._check_from(GoalStatus.PAUSED, GoalStatus.ACTIVE)
        self._check_room(goals)
        return self._change(GoalStatus.ACTIVE)

    def finish(self, now: datetime) -> Goal:
        return self._change(GoalStatus.DONE, finished_at=now)

    # -- steps -----------------------------------------------------------------------
    def _check_active(self) -> None:
        self._check_open()
        if self.status is not GoalStatus.ACTIVE:
            raise GoalError("not_active", "steps change only on an active goal")

    def check_in(
        self, step_id: str, result: CheckInResult, now: datetime, note: str | None = None
    ) -> Goal:
        """Records how the current step went. `note`: what got in the way, in their words."""
        self._check_active()
        current = self.current_step
        if current is None or current.id != step_id:
            raise GoalError("not_current_step", "check in on the current step only")
        if current.is_done:
            raise GoalError("step_done", "this step is already done")
        if not isinstance(result, CheckInResult):
            raise GoalError("bad_answer", "a check-in is done, partly or not yet")
        entry = CheckIn(result=result, at=now, note=clean_text(note, "note"))
        updated = replace(current, check_ins=(*current.check_ins, entry))
        return replace(self, steps=(*self.steps[:-1], updated))

    def plan_step(self, plan: StepPlan, now: datetime) -> Goal:
        """A next step, once the current one (if any) has been checked in."""
        self._check_active()
        current = self.current_step
        if current is not None and not current.check_ins:
            raise GoalError("step_open", "check in on the current step first")
        return replace(self, steps=(*self.steps, GoalStep.plan(plan, now)))

    def make_smaller(self, plan: StepPlan, now: datetime) -> Goal:
        """After "not yet": a new, smaller step takes over; the old one stays in the history."""
        self._check_active()
        current = self.current_step
        if current is None or current.result is not CheckInResult.NOT_YET:
            raise GoalError("not_after_not_yet", "a step is made smaller after 'not yet'")
        return replace(self, steps=(*self.steps, GoalStep.plan(plan, now, replaces=current.id)))


# -- across goals ------------------------------------------------------------------


def active_count(goals: Iterable[Goal], except_id: str | None = None) -> int:
    return sum(1 for g in goals if g.status is GoalStatus.ACTIVE and g.id != except_id)


def can_add_active(goals: Iterable[Goal], except_id: str | None = None) -> bool:
    """Whether one more goal may become active (for greying out a button beforehand)."""
    return active_count(goals, except_id) < MAX_ACTIVE


def completed_steps_total(goals: Iterable[Goal]) -> int:
    return sum(g.completed_steps for g in goals)


class DueStep(NamedTuple):
    goal: Goal
    step: GoalStep


def due_steps(goals: Iterable[Goal], today: date) -> list[DueStep]:
    """Active goals whose current step's day has come or passed and has no check-in yet.

    Oldest day first: these are the in-app reminders shown when the app opens.
    """
    found = [
        DueStep(g, g.current_step)
        for g in goals
        if g.status is GoalStatus.ACTIVE
        and g.current_step is not None
        and g.current_step.is_due(today)
    ]
    return sorted(found, key=lambda d: (d.step.due, d.goal.created_at))


class HasPriorities(Protocol):
    @property
    def priorities(self) -> Sequence[str]: ...

    @property
    def area_ids(self) -> Sequence[str]: ...


def suggested_areas(assessment: HasPriorities) -> tuple[str, ...]:
    """The areas to choose from: the client's priorities first, then the rest in bridge order."""
    priorities = set(assessment.priorities)
    first = [a for a in assessment.area_ids if a in priorities]
    return (*first, *(a for a in assessment.area_ids if a not in priorities))
