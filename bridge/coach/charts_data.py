"""What the coach's client page draws, computed from a client's history: the bridges to compare,
the radar's data sets, chart points over a date range and the change between two dates. No Flet."""

from __future__ import annotations

import enum
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta

from bridge.domain.assessment import MAX_PRIORITIES, MAX_STEP, MIN_STEP, Assessment, Change
from bridge.sharing.payload_types import BridgeEntry, StressEntry

__all__ = [
    "ChartPoint",
    "RadarPick",
    "Range",
    "Window",
    "area_points",
    "as_assessment",
    "changes_between",
    "counted_changes",
    "earlier_bridges",
    "month_ticks",
    "radar_picks",
    "stress_points",
    "window",
]


class Range(enum.Enum):
    """How far back a chart over time looks."""

    YEAR = "year"  #: the last 12 months up to today
    ALL = "all"  #: from the first reading to the last


@dataclass(frozen=True)
class ChartPoint:
    """One reading on a chart: x is days since the window's start, y the step or stress level."""

    x: int
    y: int
    day: date


@dataclass(frozen=True)
class Window:
    """The days a chart shows, both ends included; x = days since `start`."""

    start: date
    end: date

    def x(self, day: date) -> int:
        return (day - self.start).days

    @property
    def width(self) -> int:
        return max(1, (self.end - self.start).days)

    def holds(self, day: date) -> bool:
        return self.start <= day <= self.end


def _year_before(day: date) -> date:
    try:
        return day.replace(year=day.year - 1)
    except ValueError:  # 29 February
        return day.replace(year=day.year - 1, day=28)


def window(days: Iterable[date], chosen: Range, today: date) -> Window | None:
    """The window for `chosen`; None when there is nothing to draw in it.

    "All" runs from the first reading to the last (or today, if later readings are absent);
    "the last 12 months" always ends today, so two clients' charts read the same way.
    """
    known = sorted(days)
    if chosen is Range.YEAR:
        win = Window(_year_before(today), max(today, known[-1]) if known else today)
        return win if any(win.holds(d) for d in known) else None
    if not known:
        return None
    start, end = known[0], known[-1]
    if start == end:  # one reading: give it some room on both sides
        start, end = start - timedelta(days=15), end + timedelta(days=15)
    return Window(start, end)


def area_points(bridges: Sequence[BridgeEntry], area_id: str, win: Window) -> list[ChartPoint]:
    """The steps of one area inside the window, oldest first (bridges without it are skipped)."""
    points = []
    for entry in bridges:
        step = entry.steps.get(area_id)
        if step is not None and win.holds(entry.day):
            points.append(ChartPoint(win.x(entry.day), step, entry.day))
    return sorted(points, key=lambda p: p.day)


def stress_points(stress: Sequence[StressEntry], win: Window) -> list[ChartPoint]:
    points = []
    for entry in stress:
        day = date.fromisoformat(entry.date)
        if win.holds(day):
            points.append(ChartPoint(win.x(day), entry.level, day))
    return sorted(points, key=lambda p: p.day)


def month_ticks(win: Window, most: int = 6) -> list[date]:
    """First days of months inside the window, thinned to at most `most` evenly spread ones."""
    firsts = []
    day = win.start.replace(day=1)
    if day < win.start:
        day = _next_month(day)
    while day <= win.end:
        firsts.append(day)
        day = _next_month(day)
    if not firsts:
        return [win.start]
    every = -(-len(firsts) // most)  # ceiling division
    return firsts[::every]


def _next_month(day: date) -> date:
    return (
        day.replace(year=day.year + 1, month=1)
        if day.month == 12
        else day.replace(month=day.month + 1)
    )


@dataclass(frozen=True)
class RadarPick:
    """A bridge on the radar and what it is to the coach: ("first",), ("previous",), ("latest",),
    or two roles at once when one bridge is both (two bridges: the first is also the previous)."""

    roles: tuple[str, ...]
    entry: BridgeEntry


def radar_picks(bridges: Sequence[BridgeEntry]) -> list[RadarPick]:
    """First, previous and latest bridge (at most three, each bridge once), oldest first."""
    ordered = sorted(bridges, key=lambda e: e.date)
    if not ordered:
        return []
    named: list[tuple[str, BridgeEntry]] = [("first", ordered[0])]
    if len(ordered) >= 2:
        named.append(("previous", ordered[-2]))
    named.append(("latest", ordered[-1]))
    picks: list[RadarPick] = []
    for role, entry in named:
        if picks and picks[-1].entry is entry:
            picks[-1] = RadarPick((*picks[-1].roles, role), entry)
        else:
            picks.append(RadarPick((role,), entry))
    return picks


def earlier_bridges(bridges: Sequence[BridgeEntry]) -> list[BridgeEntry]:
    """Every bridge before the latest, newest first: the dates the coach can compare with."""
    ordered = sorted(bridges, key=lambda e: e.date)
    return list(reversed(ordered[:-1]))


def changes_between(
    earlier: Mapping[str, int] | None, later: Mapping[str, int], area_ids: Sequence[str]
) -> dict[str, Change | None]:
    """Per area: up, same or down from `earlier` to `later` (None: one of them has no step)."""
    out: dict[str, Change | None] = {}
    for area_id in area_ids:
        now = later.get(area_id)
        before = earlier.get(area_id) if earlier is not None else None
        if now is None or before is None:
            out[area_id] = None
        elif now > before:
            out[area_id] = Change.UP
        elif now < before:
            out[area_id] = Change.DOWN
        else:
            out[area_id] = Change.SAME
    return out


def counted_changes(changes: Mapping[str, Change | None]) -> dict[Change, int]:
    """How many areas went up, stayed and went down (areas without a comparison not counted)."""
    counts = dict.fromkeys(Change, 0)
    for change in changes.values():
        if change is not None:
            counts[change] += 1
    return counts


def as_assessment(
    entry: BridgeEntry,
    area_ids: Sequence[str],
    *,
    discuss: Iterable[str] = (),
    priorities: Iterable[str] = (),
) -> Assessment:
    """An imported bridge as the client's own kind of bridge, so the same drawing shows it.

    Areas this app's content does not know, and steps outside 1..5, are left out rather than
    guessed; marks (talk about, priority) belong to the latest bridge only.
    """
    moment = datetime.combine(entry.day, datetime.min.time(), tzinfo=UTC)
    bridge = Assessment.start(area_ids, moment)
    for area_id, step in entry.steps.items():
        if area_id in area_ids and MIN_STEP <= step <= MAX_STEP:
            bridge = bridge.with_step(area_id, step)
    for area_id in discuss:
        if area_id in area_ids:
            bridge = bridge.with_discuss(area_id, True)
    for area_id in priorities:
        if area_id in area_ids and len(bridge.priorities) < MAX_PRIORITIES:
            bridge = bridge.with_priority(area_id, True)
    return bridge
