"""Small goals of the client's own, built with motivational-interviewing questions, and their rules.

A goal belongs to one area of the bridge. The client answers the questions of `FLOW`
(every one may be skipped), then starts the goal: the step they planned becomes the
goal's first step. Each step gets check-ins (done, partly, not yet); after "not yet"
the step can be made smaller. At most `MAX_ACTIVE` goals are active at once.

Pure Python: no Flet, no storage. Every change returns a new object. Texts that need a
language are built with a translator `t(key, **params) -> str` from the catalog
(see `bridge.i18n.Translator`), never written here.
"""

from __future__ import annotations

import enum
import uuid
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field, fields, replace
from datetime import date, datetime, timedelta
from typing import NamedTuple, Protocol

MAX_ACTIVE = 3
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
    """A rule of goals was broken; `code` names which, for a translated message."""

    def __init__(self, code: str, message: str) -> None:
        super().__init__(message)
        self.code = code


class Translate(Protocol):
    """The signature of `bridge.i18n.Translator.__call__`."""

    def __call__(self, key: str, /, **params: object) -> str: ...


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


# -- the question flow ---------------------------------------------------------

#: The screens of the goal flow, in order, one question each (PRODUCT.md §2, 1 to 10).
#: A ruler screen asks for the number and then its follow-up (`ruler_follow_up`).
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
    "confidence": ("confidence", "confidence_help"),
    "past_success": ("past_success",),
    "step": ("step",),
    "obstacles": ("obstacles", "obstacle_plan"),
    "helper": ("helper_person",),
    "reward": ("reward",),
    "summary": ("summary",),
}

RULERS: tuple[str, ...] = ("importance", "confidence")


def _flow_index(question_id: str) -> int:
    if question_id not in FLOW:
        raise GoalError("unknown_question", f"unknown question {question_id!r}")
    return FLOW.index(question_id)


def next_question(question_id: str) -> str | None:
    """The question after this one; None after the last."""
    index = _flow_index(question_id) + 1
    return FLOW[index] if index < len(FLOW) else None


def previous_question(question_id: str) -> str | None:
    """The question before this one; None before the first."""
    index = _flow_index(question_id) - 1
    return FLOW[index] if index >= 0 else None


def flow_progress(question_id: str) -> tuple[int, int]:
    """(number of this question counting from 1, number of questions), for "Vraag 3 van 10"."""
    return _flow_index(question_id) + 1, len(FLOW)


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


def _check_ruler(value: int | None, name: str) -> None:
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
    confidence_help: str | None = None
    past_success: str | None = None
    step: StepPlan | None = None
    obstacles: str | None = None
    obstacle_plan: str | None = None
    helper_person: str | None = None
    reward: str | None = None
    summary: str | None = None

    def __post_init__(self) -> None:
        _check_ruler(self.importance, "importance")
        _check_ruler(self.confidence, "confidence")

    def is_answered(self, question_id: str) -> bool:
        """True when the client wrote or chose something on that screen."""
        _flow_index(question_id)
        return any(getattr(self, name) is not None for name in QUESTION_FIELDS[question_id])

    @property
    def is_empty(self) -> bool:
        return all(getattr(self, f.name) is None for f in fields(self))


_TEXT_FIELDS = frozenset(
    f.name for f in fields(GoalAnswers) if f.name not in {"importance", "confidence", "step"}
)


def _clean_text(value: object, name: str, limit: int = TEXT_MAX_CHARS) -> str | None:
    """Strips the client's words; empty means skipped (None). Nothing else is changed."""
    if value is None:
        return None
    if not isinstance(value, str):
        raise GoalError("bad_answer", f"{name} is text")
    value = value.strip()
    if len(value) > limit:
        raise GoalError("text_too_long", f"{name} is at most {limit} characters")
    return value or None


def _clean_plan(plan: object) -> StepPlan | None:
    """The plan with its texts cleaned; None when nothing was filled in."""
    if plan is None:
        return None
    if not isinstance(plan, StepPlan):
        raise GoalError("bad_answer", "a step is a StepPlan")
    if plan.due is not None and (isinstance(plan.due, datetime) or not isinstance(plan.due, date)):
        raise GoalError("bad_answer", "a step's due is a date")
    cleaned = StepPlan(
        what=_clean_text(plan.what, "what"),
        when=_clean_text(plan.when, "when"),
        where=_clean_text(plan.where, "where"),
        if_then=_clean_text(plan.if_then, "if_then"),
        due=plan.due,
    )
    return None if cleaned == StepPlan() else cleaned


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
        cleaned = _clean_plan(plan)
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
                plan = _clean_plan(value)
                if plan is not None and plan.what is None and plan.if_then is None:
                    raise GoalError("empty_step", "a step says what the client will do")
                clean[name] = plan
            elif name == "summary":
                clean[name] = _clean_text(value, name, SUMMARY_MAX_CHARS)
            elif name in _TEXT_FIELDS:
                clean[name] = _clean_text(value, name)
            else:
                raise GoalError("bad_answer", f"no answer called {name!r}")
        answers = replace(self.answers, **clean)  # type: ignore[arg-type]
        return replace(self, answers=answers)

    def at(self, position: str) -> Goal:
        """Remembers the question the client is on."""
        self._check_open()
        _flow_index(position)
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
        entry = CheckIn(result=result, at=now, note=_clean_text(note, "note"))
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


# -- texts (through the catalog) ------------------------------------------------------

#: Every catalog key this module asks the translator for.
SUMMARY_KEYS: tuple[str, ...] = (
    "goals.summary.want",
    "goals.summary.because",
    "goals.summary.past_success",
    "goals.summary.first_step",
    "goals.summary.when",
    "goals.summary.where",
    "goals.summary.if_then",
    "goals.summary.obstacle",
    "goals.summary.obstacle_plan",
    "goals.summary.helper",
    "goals.summary.reward",
    "goals.summary.empty",
)
RULER_KEYS: tuple[str, ...] = (
    "goals.ruler.importance",
    "goals.ruler.importance_0",
    "goals.ruler.importance_1",
    "goals.ruler.importance_2",
    "goals.ruler.confidence",
    "goals.ruler.confidence_10",
)
RECOGNITION_FIRST_KEY = "goals.recognition.first"
RECOGNITION_KEYS: tuple[str, ...] = tuple(f"goals.recognition.{n}" for n in range(1, 9))
STEPS_DONE_KEYS: tuple[str, ...] = (
    "goals.steps_done_none",
    "goals.steps_done_one",
    "goals.steps_done",
)
IF_THEN_KEY = "goals.if_then_sentence"
USED_KEYS: frozenset[str] = frozenset(
    {
        *SUMMARY_KEYS,
        *RULER_KEYS,
        RECOGNITION_FIRST_KEY,
        *RECOGNITION_KEYS,
        *STEPS_DONE_KEYS,
        IF_THEN_KEY,
    }
)


def ruler_follow_up(kind: str, n: int, t: Translate) -> str:
    """The question after a ruler: it evokes the client's own reasons; it is not a test.

    Importance: "Why a {n} and not a {n - 2}?" (0, 1 and 2 have their own wording).
    Confidence: what would help to get one point higher (10 has its own wording).
    """
    _check_ruler(n, kind)
    if kind == "importance":
        if n <= 2:
            return t(f"goals.ruler.importance_{n}")
        return t("goals.ruler.importance", n=n, m=n - 2)
    if kind == "confidence":
        if n == MAX_RULER:
            return t("goals.ruler.confidence_10")
        return t("goals.ruler.confidence", n=n, m=n + 1)
    raise GoalError("bad_ruler", f"unknown ruler {kind!r}; rulers are {RULERS}")


def _words(text: str) -> str:
    """The client's words as they wrote them, without end punctuation (the template adds it)."""
    return text.strip().rstrip(".!?;:,… \n").strip()


def build_summary(answers: GoalAnswers, t: Translate) -> str:
    """A summary in the client's own words, one idea per line; skipped answers are left out.

    With everything skipped it is a gentle general line.
    """
    lines: list[str] = []

    def add(key: str, param: str, value: str | None) -> None:
        words = _words(value) if value else ""
        if words:
            lines.append(t(key, **{param: words}))

    add("goals.summary.want", "desire", answers.desire)
    add("goals.summary.because", "reasons", answers.reasons)
    add("goals.summary.past_success", "success", answers.past_success)
    step = answers.step
    if step is not None:
        add("goals.summary.first_step", "step", step.what)
        add("goals.summary.when", "when", step.when)
        add("goals.summary.where", "where", step.where)
        add("goals.summary.if_then", "plan", step.if_then)
    add("goals.summary.obstacle", "obstacles", answers.obstacles)
    add("goals.summary.obstacle_plan", "plan", answers.obstacle_plan)
    add("goals.summary.helper", "helper", answers.helper_person)
    add("goals.summary.reward", "reward", answers.reward)
    return "\n".join(lines) if lines else t("goals.summary.empty")


def summary_text(answers: GoalAnswers, t: Translate) -> str:
    """The summary to show: the client's edited one, or else the one built from their answers."""
    return answers.summary or build_summary(answers, t)


def if_then_sentence(when: str, then: str, t: Translate) -> str:
    """Joins the two parts of an if-then plan into one sentence ("Als …, dan …")."""
    return t(IF_THEN_KEY, when=_words(when), then=_words(then))


def recognition(count: int, seed: int, t: Translate) -> str:
    """A message that recognises effort after a step is done; `count` is done steps so far.

    The first done step has its own message. After that, with the same `seed` (for example
    from the goal's id), each next count gets a different message than the one before.
    """
    if count == 1:
        return t(RECOGNITION_FIRST_KEY)
    return t(RECOGNITION_KEYS[(seed + count) % len(RECOGNITION_KEYS)])


def steps_done_text(count: int, t: Translate) -> str:
    """ "{n} stappen gelukt", with its own wording for none and one."""
    if count <= 0:
        return t("goals.steps_done_none")
    if count == 1:
        return t("goals.steps_done_one")
    return t("goals.steps_done", n=count)
