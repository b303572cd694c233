"""The order in which areas come up in a joint session, and the situation of each area.

From a client's history (:class:`~bridge.coach.types.ClientHistory`): first the
areas the client wants to talk about (in the client's order), then the client's
priorities (in the client's order), then the areas that went down since the
previous bridge (the biggest drop first), then the rest (in the bridge's order).
Each area comes once, in the first group it belongs to.

"Went down" compares the latest bridge with the one before it, as the caseload's
flag does (:func:`bridge.coach.history.entry_of`). The result depends only on
its inputs: the same history gives the same order.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from enum import Enum

from bridge.coach.readings import SessionReadings
from bridge.coach.types import ClientHistory

__all__ = [
    "MOVEMENTS",
    "Group",
    "SessionArea",
    "Situation",
    "latest_stress",
    "session_order",
]


class Group(Enum):
    """Why an area comes where it does in the session."""

    DISCUSS = "discuss"  # the client wants to talk about it
    PRIORITY = "priority"  # one of the client's priorities
    WENT_DOWN = "went_down"  # its step went down since the previous bridge
    REST = "rest"


class Situation(Enum):
    """What is going on with an area; the prompt cards are chosen by these."""

    FLAGGED = "flagged"  # the client marked it: "dit wil ik bespreken"
    PRIORITY = "priority"
    VIEWS_DIFFER = "views_differ"  # the coach sees another step than the client
    WENT_UP = "went_up"
    WENT_DOWN = "went_down"
    SAME = "same"
    NO_EARLIER = "no_earlier"  # no earlier bridge with a step for this area
    NOT_FILLED = "not_filled"  # the latest bridge has no step for this area


#: The situations that say how the step moved; every area has exactly one of them.
MOVEMENTS: tuple[Situation, ...] = (
    Situation.WENT_UP,
    Situation.WENT_DOWN,
    Situation.SAME,
    Situation.NO_EARLIER,
    Situation.NOT_FILLED,
)


@dataclass(frozen=True)
class SessionArea:
    area_id: str
    group: Group
    step: int | None  # the client's step in the latest bridge
    previous_step: int | None  # the client's step in the bridge before it
    situations: tuple[Situation, ...]  # flagged, priority, views differ (if so), then the movement

    @property
    def movement(self) -> Situation:
        return next(s for s in self.situations if s in MOVEMENTS)

    def has(self, situation: Situation) -> bool:
        return situation in self.situations


def _movement(step: int | None, previous: int | None) -> Situation:
    if step is None:
        return Situation.NOT_FILLED
    if previous is None:
        return Situation.NO_EARLIER
    if step > previous:
        return Situation.WENT_UP
    if step < previous:
        return Situation.WENT_DOWN
    return Situation.SAME


def _known_once(ids: Sequence[str] | None, known: Sequence[str]) -> list[str]:
    """The ids in their own order, each once, leaving out ids the content does not know."""
    out: list[str] = []
    for area_id in ids or ():
        if area_id in known and area_id not in out:
            out.append(area_id)
    return out


def latest_stress(history: ClientHistory) -> int | None:
    """The client's latest stress level (0..10), None when the client shared none."""
    return history.stress[-1].level if history.stress else None


def session_order(
    history: ClientHistory,
    area_ids: Sequence[str],
    readings: SessionReadings | None = None,
) -> tuple[SessionArea, ...]:
    """Every area of ``area_ids`` once, in session order, with its situations.

    ``area_ids`` is the bridge's order (``load_bridge().area_ids``); ids in the
    history that it does not know are left out. ``readings`` (the session's two
    views) marks the areas where the coach's view differs.
    """
    latest: Mapping[str, int] = history.bridges[-1].steps if history.bridges else {}
    previous: Mapping[str, int] = history.bridges[-2].steps if len(history.bridges) >= 2 else {}
    payload = history.latest
    discuss = _known_once(payload.discuss if payload else None, area_ids)
    priorities = _known_once(payload.priorities if payload else None, area_ids)
    moves = {area_id: _movement(latest.get(area_id), previous.get(area_id)) for area_id in area_ids}
    position = {area_id: n for n, area_id in enumerate(area_ids)}
    down = sorted(
        (a for a in area_ids if moves[a] is Situation.WENT_DOWN),
        key=lambda a: (latest[a] - previous[a], position[a]),
    )
    groups: dict[str, Group] = {}
    for group, members in (
        (Group.DISCUSS, discuss),
        (Group.PRIORITY, priorities),
        (Group.WENT_DOWN, down),
        (Group.REST, area_ids),
    ):
        for area_id in members:
            groups.setdefault(area_id, group)
    out = []
    for area_id in groups:  # dicts keep the order the areas were put in
        situations: list[Situation] = []
        if area_id in discuss:
            situations.append(Situation.FLAGGED)
        if area_id in priorities:
            situations.append(Situation.PRIORITY)
        held = readings.reading(area_id) if readings is not None else None
        if held is not None and held.differs:
            situations.append(Situation.VIEWS_DIFFER)
        situations.append(moves[area_id])
        out.append(
            SessionArea(
                area_id=area_id,
                group=groups[area_id],
                step=latest.get(area_id),
                previous_step=previous.get(area_id),
                situations=tuple(situations),
            )
        )
    return tuple(out)
