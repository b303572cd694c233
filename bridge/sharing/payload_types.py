"""The summary payload as typed, frozen values: what the client chose, and what an opened summary holds.

:func:`bridge.sharing.payload.validate_payload` checks the JSON shape strictly
and builds a :class:`SummaryPayload` in the same pass (its mappings are read-only
views of copies); :meth:`SummaryPayload.as_dict`
gives back exactly the JSON it was read from.  Dates and times stay the ISO
strings that were signed (so nothing is rewritten on the way); ``day`` and
``moment`` read them as ``date`` and ``datetime``.  A section the client turned
off is ``None``, never empty.  The ``omitted_*`` counts are 0 when nothing was
left out (their keys are then absent from the JSON).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass, fields
from typing import Any

__all__ = [
    "BridgeEntry",
    "BridgeSection",
    "LatestBridge",
    "PayloadCheckIn",
    "PayloadGoal",
    "PayloadStep",
    "StressEntry",
    "SummaryChoices",
    "SummaryPayload",
]


@dataclass(frozen=True)
class SummaryChoices:
    """What goes into the summary; the defaults are the product's (PRODUCT.md §3)."""

    bridge: bool = True
    stress: bool = True
    goals: bool = True
    discuss: bool = True
    notes: bool = False
    consent: bool = False

    def as_dict(self) -> dict[str, bool]:
        return {f.name: bool(getattr(self, f.name)) for f in fields(self)}


@dataclass(frozen=True)
class BridgeEntry:
    date: str
    steps: Mapping[str, int]

    @property
    def day(self) -> dt.date:
        return dt.date.fromisoformat(self.date)


@dataclass(frozen=True)
class LatestBridge:
    date: str
    steps: Mapping[str, int]
    helpers: Mapping[str, str]

    @property
    def day(self) -> dt.date:
        return dt.date.fromisoformat(self.date)


@dataclass(frozen=True)
class BridgeSection:
    latest: LatestBridge | None
    history: tuple[BridgeEntry, ...]


@dataclass(frozen=True)
class StressEntry:
    date: str
    level: int


@dataclass(frozen=True)
class PayloadCheckIn:
    result: str
    at: str

    @property
    def moment(self) -> dt.datetime:
        return dt.datetime.fromisoformat(self.at)


@dataclass(frozen=True)
class PayloadStep:
    text: str
    check_ins: tuple[PayloadCheckIn, ...]
    omitted_check_ins: int = 0  # the step's earliest check-ins, left out of a long history


@dataclass(frozen=True)
class PayloadGoal:
    area_id: str
    title: str
    status: str
    steps: tuple[PayloadStep, ...]
    omitted_steps: int = 0  # the goal's earliest steps, left out (all: title and status only)

    @property
    def summarised(self) -> bool:
        """Only the title and status: every step was left out."""
        return self.omitted_steps > 0 and not self.steps


@dataclass(frozen=True)
class SummaryPayload:
    """An opened summary's content (see :mod:`bridge.sharing.payload` for the JSON)."""

    format: str
    version: int
    client_id: str
    created_at: str
    language: str
    choices: SummaryChoices
    consent_programme_figures: bool
    bridge: BridgeSection | None = None
    priorities: tuple[str, ...] | None = None
    stress: tuple[StressEntry, ...] | None = None
    discuss: tuple[str, ...] | None = None
    notes: Mapping[str, str] | None = None
    goals: tuple[PayloadGoal, ...] | None = None
    omitted_bridges: int = 0  # earlier bridges left out of ``bridge.history``
    omitted_stress: int = 0  # earlier stress entries left out of ``stress``
    #: The client's own age public key (``age1…``); None in summaries made before it existed.
    client_recipient: str | None = None

    @property
    def summarised(self) -> bool:
        """Something was left out to keep the summary small."""
        return bool(
            self.omitted_bridges
            or self.omitted_stress
            or any(
                g.omitted_steps or any(s.omitted_check_ins for s in g.steps)
                for g in self.goals or ()
            )
        )

    def as_dict(self) -> dict[str, Any]:
        """The JSON form, equal to the payload this was read from."""
        out: dict[str, Any] = {
            "format": self.format,
            "version": self.version,
            "client_id": self.client_id,
            "created_at": self.created_at,
            "language": self.language,
            "choices": self.choices.as_dict(),
        }
        if self.bridge is not None:
            latest = self.bridge.latest
            out["bridge"] = {
                "latest": None
                if latest is None
                else {
                    "date": latest.date,
                    "steps": dict(latest.steps),
                    "helpers": dict(latest.helpers),
                },
                "history": [{"date": e.date, "steps": dict(e.steps)} for e in self.bridge.history],
            }
        if self.priorities is not None:
            out["priorities"] = list(self.priorities)
        if self.stress is not None:
            out["stress"] = [{"date": s.date, "level": s.level} for s in self.stress]
        if self.discuss is not None:
            out["discuss"] = list(self.discuss)
        if self.notes is not None:
            out["notes"] = dict(self.notes)
        if self.goals is not None:
            out["goals"] = [_goal_dict(g) for g in self.goals]
        omitted = {
            key: count
            for key, count in (("bridges", self.omitted_bridges), ("stress", self.omitted_stress))
            if count
        }
        if omitted:
            out["omitted"] = omitted
        out["consent_programme_figures"] = self.consent_programme_figures
        if self.client_recipient is not None:
            out["client_recipient"] = self.client_recipient
        return out


def _goal_dict(goal: PayloadGoal) -> dict[str, Any]:
    steps: list[dict[str, Any]] = []
    for s in goal.steps:
        step: dict[str, Any] = {
            "text": s.text,
            "check_ins": [{"result": c.result, "at": c.at} for c in s.check_ins],
        }
        if s.omitted_check_ins:
            step["omitted_check_ins"] = s.omitted_check_ins
        steps.append(step)
    out: dict[str, Any] = {
        "area_id": goal.area_id,
        "title": goal.title,
        "status": goal.status,
        "steps": steps,
    }
    if goal.omitted_steps:
        out["omitted_steps"] = goal.omitted_steps
    return out
