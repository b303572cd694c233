"""What the client shares: their choices, and the summary built from their own data.

:func:`build_summary` turns completed bridges and goals into the versioned
payload described in :mod:`bridge.sharing.payload`, and renders the same
payload as readable text (:mod:`bridge.sharing.readable`).  The text is made
from the payload only, so it can never show something the payload leaves out.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from bridge.content import BridgeContent
from bridge.domain.assessment import Assessment
from bridge.i18n import Translator
from bridge.sharing.errors import SummaryError
from bridge.sharing.goal_input import GoalInput
from bridge.sharing.payload import PAYLOAD_FORMAT, PAYLOAD_VERSION, validate_payload
from bridge.sharing.payload_types import SummaryChoices
from bridge.sharing.readable import local_day, readable_text

__all__ = ["GoalInput", "Summary", "SummaryChoices", "build_payload", "build_summary"]


@dataclass(frozen=True)
class Summary:
    """A built summary: the payload, the same as text, and area names for the preview.

    ``text`` is in the client's language; areas marked *wil ik bespreken* are
    wrapped in ``**…**`` (Markdown bold), which a coach reading the plain
    ``age -d`` output also recognises.
    """

    payload: Mapping[str, Any]
    text: str
    area_names: Mapping[str, str]

    @property
    def language(self) -> str:
        return str(self.payload["language"])

    @property
    def choices(self) -> SummaryChoices:
        return SummaryChoices(**self.payload["choices"])


def _goal(goal: GoalInput) -> dict[str, Any]:
    return {
        "area_id": goal.area_id,
        "title": goal.title,
        "status": goal.status,
        "steps": [
            {
                "text": step.text,
                "check_ins": [{"result": c.result, "at": c.at.isoformat()} for c in step.check_ins],
            }
            for step in goal.steps
        ],
    }


def _steps(snapshot: Assessment) -> dict[str, int]:
    return {
        area_id: step
        for area_id in snapshot.area_ids
        if (step := snapshot.answer(area_id).step) is not None
    }


def _day_of(snapshot: Assessment) -> str:
    return local_day(snapshot.completed_at or snapshot.started_at)


def build_payload(
    snapshots: Sequence[Assessment],
    goals: Sequence[GoalInput],
    choices: SummaryChoices,
    language: str,
    client_id: str,
    now: datetime,
) -> dict[str, Any]:
    """The payload only (see :mod:`bridge.sharing.payload`); fields turned off are absent."""
    if any(s.completed_at is None for s in snapshots):
        raise ValueError("only completed bridges can be shared")
    snaps = sorted(snapshots, key=lambda s: (s.completed_at, s.started_at))
    latest = snaps[-1] if snaps else None
    payload: dict[str, Any] = {
        "format": PAYLOAD_FORMAT,
        "version": PAYLOAD_VERSION,
        "client_id": client_id,
        "created_at": now.isoformat(),
        "language": language,
        "choices": choices.as_dict(),
    }
    if choices.bridge:
        payload["bridge"] = {
            "latest": None
            if latest is None
            else {
                "date": _day_of(latest),
                "steps": _steps(latest),
                "helpers": {
                    area_id: helper.value
                    for area_id in latest.area_ids
                    if (helper := latest.answer(area_id).helper) is not None
                },
            },
            "history": [{"date": _day_of(s), "steps": _steps(s)} for s in snaps],
        }
        payload["priorities"] = list(latest.priorities) if latest else []
    if choices.stress:
        payload["stress"] = [
            {"date": _day_of(s), "level": s.stress} for s in snaps if s.stress is not None
        ]
    if choices.discuss:
        payload["discuss"] = list(latest.to_discuss) if latest else []
    if choices.notes:
        payload["notes"] = (
            {a: latest.answer(a).note for a in latest.area_ids if latest.answer(a).note}
            if latest
            else {}
        )
    if choices.goals:
        payload["goals"] = [_goal(g) for g in goals]
    payload["consent_programme_figures"] = choices.consent
    return payload


def build_summary(
    snapshots: Sequence[Assessment],
    goals: Sequence[GoalInput],
    choices: SummaryChoices,
    content: BridgeContent,
    translator: Translator,
    client_id: str,
    now: datetime,
) -> Summary:
    """The summary of the client's completed bridges (oldest first) and goals.

    With ``choices.bridge`` the payload holds the latest bridge and every
    earlier one by date, so the coach sees how each area moved.  Raises
    ``ValueError`` for a bridge that is not completed, or a summary that the
    coach's app would refuse (e.g. a goal of an area id that is not a name).
    """
    payload = build_payload(snapshots, goals, choices, translator.language, client_id, now)
    try:
        validate_payload(payload)  # never send what the coach's app would refuse
    except SummaryError as exc:
        raise ValueError(f"this summary would not open: {exc}") from exc
    names = {area.id: translator.pick(area.name) for area in content.areas}
    return Summary(
        payload=payload, text=readable_text(payload, content, translator), area_names=names
    )
