"""The summary payload as typed, frozen values: what the client chose, and what an opened summary holds.

:func:`bridge.sharing.payload.validate_payload` checks the JSON shape strictly
and then returns a :class:`SummaryPayload`; :meth:`SummaryPayload.as_dict`
gives back exactly the JSON it was read from.  Dates and times stay the ISO
strings that were signed (so nothing is rewritten on the way); ``day`` and
``moment`` read them as ``date`` and ``datetime``.  A section the client turned
off is ``None``, never empty.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import asdict, dataclass
from types import MappingProxyType
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
    "payload_from_checked",
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
        return {name: bool(value) for name, value in asdict(self).items()}


def _frozen(mapping: Mapping[str, Any]) -> Mapping[str, Any]:
    return MappingProxyType(dict(mapping))


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


@dataclass(frozen=True)
class PayloadGoal:
    area_id: str
    title: str
    status: str
    steps: tuple[PayloadStep, ...]


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
            out["goals"] = [
                {
                    "area_id": g.area_id,
                    "title": g.title,
                    "status": g.status,
                    "steps": [
                        {
                            "text": s.text,
                            "check_ins": [{"result": c.result, "at": c.at} for c in s.check_ins],
                        }
                        for s in g.steps
                    ],
                }
                for g in self.goals
            ]
        out["consent_programme_figures"] = self.consent_programme_figures
        return out


def _bridge(raw: Mapping[str, Any]) -> BridgeSection:
    latest = raw["latest"]
    return BridgeSection(
        latest=None
        if latest is None
        else LatestBridge(latest["date"], _frozen(latest["steps"]), _frozen(latest["helpers"])),
        history=tuple(BridgeEntry(e["date"], _frozen(e["steps"])) for e in raw["history"]),
    )


def _goal(raw: Mapping[str, Any]) -> PayloadGoal:
    return PayloadGoal(
        area_id=raw["area_id"],
        title=raw["title"],
        status=raw["status"],
        steps=tuple(
            PayloadStep(
                s["text"], tuple(PayloadCheckIn(c["result"], c["at"]) for c in s["check_ins"])
            )
            for s in raw["steps"]
        ),
    )


def payload_from_checked(raw: Mapping[str, Any]) -> SummaryPayload:
    """Typed values of a payload that already passed the strict check (never call it before)."""
    stress = raw.get("stress")
    goals = raw.get("goals")
    notes = raw.get("notes")
    return SummaryPayload(
        format=raw["format"],
        version=raw["version"],
        client_id=raw["client_id"],
        created_at=raw["created_at"],
        language=raw["language"],
        choices=SummaryChoices(**raw["choices"]),
        consent_programme_figures=raw["consent_programme_figures"],
        bridge=_bridge(raw["bridge"]) if "bridge" in raw else None,
        priorities=tuple(raw["priorities"]) if "priorities" in raw else None,
        stress=None
        if stress is None
        else tuple(StressEntry(s["date"], s["level"]) for s in stress),
        discuss=tuple(raw["discuss"]) if "discuss" in raw else None,
        notes=None if notes is None else _frozen(notes),
        goals=None if goals is None else tuple(_goal(g) for g in goals),
    )
