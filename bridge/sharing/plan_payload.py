"""The plan as JSON (the signed payload of a plan envelope, and what the client's store keeps).

Version 1, exactly these keys (no others at any level)::

    {
      "format": "bridge-plan",
      "version": 1,
      "client_id": "<16 lowercase hex digits>",
      "session_date": "YYYY-MM-DD",
      "language": "nl" | "en",
      "steps": [{"text": "...", "area_id": area_id | null}, ...],     (1 to 5)
      "recognition": "...",                                          (may be "")
      "next_meeting": "YYYY-MM-DD" | null,
      "coach_view": {area_id: 1..5} | null           (only when the client wanted it)
    }

Reading checks ``format`` first (else ``not_a_plan``), then ``version`` (a later
one is ``newer_version``), then the keys and every value: a payload that breaks a
rule of :func:`~bridge.sharing.plan_types.check_plan`, or is not already in the
tidy form that check gives, is ``invalid``.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from bridge.sharing.plan_types import AgreedStep, Plan, PlanError, check_plan

__all__ = ["PLAN_FORMAT", "PLAN_VERSION", "plan_from_payload", "plan_to_payload"]

PLAN_FORMAT = "bridge-plan"
PLAN_VERSION = 1
_KEYS = frozenset(
    {
        "format",
        "version",
        "client_id",
        "session_date",
        "language",
        "steps",
        "recognition",
        "next_meeting",
        "coach_view",
    }
)
_STEP_KEYS = frozenset({"text", "area_id"})


def plan_to_payload(plan: Plan) -> dict[str, Any]:
    """The JSON form of a plan that passed :func:`check_plan`."""
    return {
        "format": PLAN_FORMAT,
        "version": PLAN_VERSION,
        "client_id": plan.client_id,
        "session_date": plan.session_date.isoformat(),
        "language": plan.language,
        "steps": [{"text": s.text, "area_id": s.area_id} for s in plan.steps],
        "recognition": plan.recognition,
        "next_meeting": None if plan.next_meeting is None else plan.next_meeting.isoformat(),
        "coach_view": None if plan.coach_view is None else dict(plan.coach_view),
    }


def _invalid(where: str) -> PlanError:
    return PlanError("invalid", f"The plan breaks a rule ({where}).", field=where)


def _day(raw: Any, where: str) -> date:
    if not isinstance(raw, str) or len(raw) != 10:
        raise _invalid(where)
    try:
        return date.fromisoformat(raw)
    except ValueError:
        raise _invalid(where) from None


def _step(raw: Any) -> AgreedStep:
    if not isinstance(raw, dict) or raw.keys() != _STEP_KEYS:
        raise _invalid("steps")
    return AgreedStep(raw["text"], raw["area_id"])


def plan_from_payload(raw: Any) -> Plan:
    """The plan in a payload, if it is a version-1 plan in every detail (else PlanError)."""
    if not isinstance(raw, dict) or raw.get("format") != PLAN_FORMAT:
        raise PlanError("not_a_plan", "This is not a plan from the Bridge app (format).")
    version = raw.get("version")
    if isinstance(version, bool) or not isinstance(version, int) or version < 1:
        raise PlanError("not_a_plan", "This is not a plan from the Bridge app (version).")
    if version > PLAN_VERSION:
        raise PlanError("newer_version", "This plan was made by a newer version of the app.")
    if raw.keys() != _KEYS:
        raise _invalid("fields")
    steps = raw["steps"]
    if not isinstance(steps, list):
        raise _invalid("steps")
    view = raw["coach_view"]
    if view is not None and (not isinstance(view, dict) or not view):
        raise _invalid("coach_view")
    plan = Plan(
        client_id=raw["client_id"],
        session_date=_day(raw["session_date"], "session_date"),
        steps=tuple(_step(step) for step in steps),
        recognition=raw["recognition"],
        next_meeting=None
        if raw["next_meeting"] is None
        else _day(raw["next_meeting"], "next_meeting"),
        coach_view=view,
        language=raw["language"],
    )
    checked = check_plan(plan)
    if checked != plan:  # signed in another form than the app writes: not ours
        raise _invalid("tidy")
    return checked
