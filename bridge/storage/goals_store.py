"""Keeps the client's goals in the repository's "goals" table, one record per goal.

Records are plain JSON (dates and times as ISO text) and carry a schema version;
`MIGRATIONS` brings an older record up to date when it is read, like records.py.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, datetime
from typing import Any, Protocol, TypeVar

from bridge.domain.goals import (
    FLOW,
    CheckIn,
    CheckInResult,
    Goal,
    GoalAnswers,
    GoalStatus,
    GoalStep,
    StepPlan,
)
from bridge.storage.records import Migrations, migrate

TABLE = "goals"
SCHEMA = 1

Record = dict[str, Any]
T = TypeVar("T")

#: MIGRATIONS[n] turns a goal record of schema n into schema n + 1. Goals were
#: versioned from the start, so there are none yet.
MIGRATIONS: Migrations = {}


class RecordStore(Protocol):
    """The part of `bridge.storage.repository.Repository` this module uses."""

    def put_record(self, table: str, record_id: str, record: dict[str, Any]) -> None: ...

    def get_record(self, table: str, record_id: str) -> dict[str, Any] | None: ...

    def records(self, table: str) -> list[dict[str, Any]]: ...

    def remove_record(self, table: str, record_id: str) -> None: ...

    def parsed(self, table: str, parse: Callable[[Record], T]) -> list[T]: ...

    def parsed_record(
        self, table: str, record_id: str, parse: Callable[[Record], T]
    ) -> T | None: ...


def migrate_goal(record: Record, migrations: Migrations = MIGRATIONS) -> Record:
    return migrate(record, migrations, SCHEMA, "goal")


# -- to and from plain values ---------------------------------------------------------


def _time(value: datetime | None) -> str | None:
    return value.isoformat() if value is not None else None


def _parse_time(value: Any) -> datetime | None:
    return datetime.fromisoformat(value) if isinstance(value, str) else None


def _required_time(value: Any, what: str) -> datetime:
    parsed = _parse_time(value)
    if parsed is None:
        raise ValueError(f"a goal record without {what}")
    return parsed


def _day(value: date | None) -> str | None:
    return value.isoformat() if value is not None else None


def _parse_day(value: Any) -> date | None:
    return date.fromisoformat(value) if isinstance(value, str) else None


def _text(value: Any) -> str | None:
    return value if isinstance(value, str) and value else None


def _plan_to_record(plan: StepPlan | None) -> Record | None:
    if plan is None:
        return None
    return {
        "what": plan.what,
        "when": plan.when,
        "where": plan.where,
        "if_then": plan.if_then,
        "due": _day(plan.due),
    }


def _plan_from_record(raw: Any) -> StepPlan | None:
    if not isinstance(raw, dict):
        return None
    return StepPlan(
        what=_text(raw.get("what")),
        when=_text(raw.get("when")),
        where=_text(raw.get("where")),
        if_then=_text(raw.get("if_then")),
        due=_parse_day(raw.get("due")),
    )


def _answers_to_record(answers: GoalAnswers) -> Record:
    return {
        "desire": answers.desire,
        "reasons": answers.reasons,
        "importance": answers.importance,
        "importance_why": answers.importance_why,
        "confidence": answers.confidence,
        "confidence_why": answers.confidence_why,
        "confidence_help": answers.confidence_help,
        "past_success": answers.past_success,
        "step": _plan_to_record(answers.step),
        "obstacles": answers.obstacles,
        "obstacle_plan": answers.obstacle_plan,
        "helper_person": answers.helper_person,
        "reward": answers.reward,
        "summary": answers.summary,
    }


def _ruler(value: Any) -> int | None:
    return value if isinstance(value, int) and not isinstance(value, bool) else None


def _answers_from_record(raw: Any) -> GoalAnswers:
    raw = raw if isinstance(raw, dict) else {}
    return GoalAnswers(
        desire=_text(raw.get("desire")),
        reasons=_text(raw.get("reasons")),
        importance=_ruler(raw.get("importance")),
        importance_why=_text(raw.get("importance_why")),
        confidence=_ruler(raw.get("confidence")),
        confidence_why=_text(raw.get("confidence_why")),
        confidence_help=_text(raw.get("confidence_help")),
        past_success=_text(raw.get("past_success")),
        step=_plan_from_record(raw.get("step")),
        obstacles=_text(raw.get("obstacles")),
        obstacle_plan=_text(raw.get("obstacle_plan")),
        helper_person=_text(raw.get("helper_person")),
        reward=_text(raw.get("reward")),
        summary=_text(raw.get("summary")),
    )


def _step_to_record(step: GoalStep) -> Record:
    return {
        "id": step.id,
        "planned_at": _time(step.planned_at),
        "due": _day(step.due),
        "what": step.what,
        "when": step.when,
        "where": step.where,
        "if_then": step.if_then,
        "replaces": step.replaces,
        "check_ins": [
            {"result": c.result.value, "at": _time(c.at), "note": c.note} for c in step.check_ins
        ],
    }


def _step_from_record(raw: Record) -> GoalStep:
    due = _parse_day(raw.get("due"))
    if due is None:
        raise ValueError("a goal step without a due date")
    return GoalStep(
        id=str(raw["id"]),
        planned_at=_required_time(raw.get("planned_at"), "a step's planned time"),
        due=due,
        what=_text(raw.get("what")),
        when=_text(raw.get("when")),
        where=_text(raw.get("where")),
        if_then=_text(raw.get("if_then")),
        replaces=_text(raw.get("replaces")),
        check_ins=tuple(
            CheckIn(
                result=CheckInResult(c["result"]),
                at=_required_time(c.get("at"), "a check-in time"),
                note=_text(c.get("note")),
            )
            for c in raw.get("check_ins", [])
        ),
    )


def goal_to_record(goal: Goal) -> Record:
    return {
        "schema": SCHEMA,
        "id": goal.id,
        "area_id": goal.area_id,
        "created_at": _time(goal.created_at),
        "status": goal.status.value,
        "position": goal.position,
        "activated_at": _time(goal.activated_at),
        "finished_at": _time(goal.finished_at),
        "answers": _answers_to_record(goal.answers),
        "steps": [_step_to_record(s) for s in goal.steps],
    }


def goal_from_record(record: Record) -> Goal:
    record = migrate_goal(record)
    position = record.get("position")
    return Goal(
        id=str(record["id"]),
        area_id=str(record["area_id"]),
        created_at=_required_time(record.get("created_at"), "a creation time"),
        status=GoalStatus(record.get("status", GoalStatus.DRAFT.value)),
        answers=_answers_from_record(record.get("answers")),
        steps=tuple(_step_from_record(s) for s in record.get("steps", [])),
        position=position if position in FLOW else FLOW[0],
        activated_at=_parse_time(record.get("activated_at")),
        finished_at=_parse_time(record.get("finished_at")),
    )


# -- the repository -----------------------------------------------------------------


def save_goal(repo: RecordStore, goal: Goal) -> None:
    repo.put_record(TABLE, goal.id, goal_to_record(goal))


def goals(repo: RecordStore) -> list[Goal]:
    """All goals, oldest first."""
    found = repo.parsed(TABLE, goal_from_record)  # parsed once per change, not per read
    return sorted(found, key=lambda g: (g.created_at, g.id))


def goal(repo: RecordStore, goal_id: str) -> Goal | None:
    return repo.parsed_record(TABLE, goal_id, goal_from_record)


def remove_goal(repo: RecordStore, goal_id: str) -> None:
    """Removes a goal for good (for a draft the client throws away)."""
    repo.remove_record(TABLE, goal_id)
