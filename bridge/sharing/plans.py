"""The plans a client received from their coach, kept on the phone.

Stored in table ``"plans"``, one record per plan (the id is the plan's
:attr:`~bridge.sharing.plan_types.OpenedPlan.plan_id`, so the same plan imported
twice is kept once), schema 1::

    {"schema": 1, "plan": { ... the signed payload, see bridge.sharing.plan_payload ... },
     "coach_id": "<16 hex>", "coach_name": "Marieke", "received_at": <ISO time>,
     "text": "# Wat we afspraken …", "used": [0, 2], "goals": {"0": "<goal id>"}}

``coach_name`` is the name the client gave the coach when the plan came in (it
stays when the coach is removed later); ``used`` holds the steps (counted from
0) the client turned into a goal of their own, and ``goals`` (optional; records
kept before it was added have none) which goal each became: a step whose goal
was dropped can be made into a goal again (:meth:`ReceivedPlan.steps_in_use`).
Only plans that passed :func:`~bridge.sharing.plan_envelope.open_plan` are saved.
"""

from __future__ import annotations

import threading
from collections.abc import Container, Mapping
from dataclasses import dataclass, field, replace
from datetime import UTC, datetime
from typing import Any

from bridge.sharing.coaches import coaches
from bridge.sharing.plan_payload import plan_from_payload, plan_to_payload
from bridge.sharing.plan_types import OpenedPlan, Plan
from bridge.sharing.store import RecordStore
from bridge.storage.errors import NewerDataError

__all__ = ["SCHEMA", "TABLE", "ReceivedPlan", "mark_step_used", "plans", "save_plan"]

TABLE = "plans"
SCHEMA = 1

_lock = threading.Lock()


@dataclass(frozen=True)
class ReceivedPlan:
    """A plan on the client's phone, as the plan screens show it."""

    plan_id: str
    plan: Plan
    coach_id: str
    coach_name: str
    received_at: datetime
    text: str
    used: frozenset[int] = frozenset()  # steps (from 0) the client made into a goal
    goal_of_step: Mapping[int, str] = field(default_factory=dict)  # the goal each one became

    def steps_in_use(self, goal_ids: Container[str]) -> frozenset[int]:
        """The used steps whose goal is still there (a step marked before goals were linked
        stays used)."""
        return frozenset(
            i for i in self.used if i not in self.goal_of_step or self.goal_of_step[i] in goal_ids
        )


def plan_to_record(received: ReceivedPlan) -> dict[str, Any]:
    return {
        "schema": SCHEMA,
        "plan": plan_to_payload(received.plan),
        "coach_id": received.coach_id,
        "coach_name": received.coach_name,
        "received_at": received.received_at.isoformat(),
        "text": received.text,
        "used": sorted(received.used),
        "goals": {str(i): goal_id for i, goal_id in sorted(received.goal_of_step.items())},
    }


def _text(record: dict[str, Any], name: str) -> str:
    value = record[name]
    if not isinstance(value, str):
        raise ValueError(f"a plan record's {name} is not text")
    return value


def plan_from_record(record: dict[str, Any]) -> ReceivedPlan:
    """The kept plan (the check of record kind ``plans``); ValueError when broken."""
    schema = record.get("schema")
    if not isinstance(schema, int) or isinstance(schema, bool):
        raise ValueError("a plan record without a schema version")
    if schema > SCHEMA:
        raise NewerDataError("this data was saved by a newer version of the app")
    plan = plan_from_payload(record["plan"])  # PlanError is a ValueError
    used = record["used"]
    if not isinstance(used, list) or any(
        isinstance(n, bool) or not isinstance(n, int) or not 0 <= n < len(plan.steps) for n in used
    ):
        raise ValueError("a plan record's used steps are not steps of the plan")
    goal_of_step = _goal_links(record.get("goals", {}), frozenset(used))
    received_at = datetime.fromisoformat(_text(record, "received_at"))
    if received_at.tzinfo is None:
        raise ValueError("a plan record's time has no time zone")
    return ReceivedPlan(
        plan_id=_text(record, "id"),
        plan=plan,
        coach_id=_text(record, "coach_id"),
        coach_name=_text(record, "coach_name"),
        received_at=received_at,
        text=_text(record, "text"),
        used=frozenset(used),
        goal_of_step=goal_of_step,
    )


def _goal_links(links: object, used: frozenset[int]) -> dict[int, str]:
    if not isinstance(links, dict):
        raise ValueError("a plan record's goals are not a mapping")
    found: dict[int, str] = {}
    for key, goal_id in links.items():
        if not (isinstance(key, str) and key.isdigit() and int(key) in used):
            raise ValueError("a plan record links a goal to a step it did not use")
        if not isinstance(goal_id, str) or not goal_id:
            raise ValueError("a plan record's goal id is not text")
        found[int(key)] = goal_id
    return found


def save_plan(repo: RecordStore, opened: OpenedPlan, now: datetime | None = None) -> bool:
    """Keeps an opened plan; False (and nothing changed) when it is here already."""
    name = next((c.name for c in coaches(repo) if c.id == opened.coach_id), "")
    received = ReceivedPlan(
        plan_id=opened.plan_id,
        plan=opened.plan,
        coach_id=opened.coach_id,
        coach_name=name,
        received_at=now if now is not None else datetime.now(UTC),
        text=opened.text,
    )
    with _lock:
        if repo.get_record(TABLE, opened.plan_id) is not None:
            return False
        repo.put_record(TABLE, opened.plan_id, plan_to_record(received))
        return True


def plans(repo: RecordStore) -> list[ReceivedPlan]:
    """Every kept plan, the newest session first (of one day: the last received first)."""
    found = [plan_from_record(r) for r in repo.records(TABLE)]
    return sorted(found, key=lambda p: (p.plan.session_date, p.received_at), reverse=True)


def mark_step_used(repo: RecordStore, plan_id: str, index: int, goal_id: str) -> ReceivedPlan:
    """Notes that step ``index`` (from 0) became the client's goal ``goal_id``; the updated
    plan.

    Marking a step twice for the same goal changes nothing; for another goal (the first was
    dropped) the new goal is linked. KeyError for a plan that is not here, IndexError for a
    step the plan does not have.
    """
    with _lock:
        record = repo.get_record(TABLE, plan_id)
        if record is None:
            raise KeyError(plan_id)
        received = plan_from_record(record)
        if isinstance(index, bool) or not 0 <= index < len(received.plan.steps):
            raise IndexError(index)
        if index in received.used and received.goal_of_step.get(index) == goal_id:
            return received
        links = {**received.goal_of_step, index: goal_id}
        marked = replace(received, used=received.used | {index}, goal_of_step=links)
        repo.put_record(TABLE, plan_id, plan_to_record(marked))
        return marked
