"""The client page's numbers: which bridges the radar shows, chart points per range, the change."""

from __future__ import annotations

from datetime import date

import pytest

from bridge.coach.charts_data import (
    ChartPoint,
    Range,
    Window,
    area_points,
    as_assessment,
    changes_between,
    counted_changes,
    earlier_bridges,
    month_ticks,
    radar_picks,
    stress_points,
    window,
)
from bridge.content import load_bridge
from bridge.domain.assessment import Change
from bridge.sharing.payload_types import BridgeEntry, StressEntry

AREAS = load_bridge().area_ids


def bridge(day: str, **steps: int) -> BridgeEntry:
    return BridgeEntry(day, {area: steps.get(area, 3) for area in AREAS})


def test_radar_shows_first_previous_and_latest_each_once():
    a, b, c, d = (bridge(f"2026-0{m}-01") for m in (1, 2, 3, 4))
    picks = radar_picks([d, b, a, c])  # arrival order does not matter
    assert [(p.roles, p.entry.date) for p in picks] == [
        (("first",), "2026-01-01"),
        (("previous",), "2026-03-01"),
        (("latest",), "2026-04-01"),
    ]


@pytest.mark.parametrize(
    ("count", "expected"),
    [
        (0, []),
        (1, [("first", "latest")]),
        (2, [("first", "previous"), ("latest",)]),
        (3, [("first",), ("previous",), ("latest",)]),
    ],
)
def test_radar_never_draws_one_bridge_twice(count, expected):
    bridges = [bridge(f"2026-0{m}-01") for m in range(1, count + 1)]
    assert [p.roles for p in radar_picks(bridges)] == [tuple(e) for e in expected]


def test_earlier_dates_are_every_bridge_but_the_latest_newest_first():
    bridges = [bridge("2026-01-01"), bridge("2026-03-01"), bridge("2026-02-01")]
    assert [e.date for e in earlier_bridges(bridges)] == ["2026-02-01", "2026-01-01"]
    assert earlier_bridges(bridges[:1]) == []


def test_change_between_two_dates_per_area():
    earlier = {"housing": 2, "debts": 4, "work": 3}
    later = {"housing": 4, "debts": 1, "work": 3, "health": 2}
    changes = changes_between(earlier, later, ("housing", "debts", "work", "health"))
    assert changes == {
        "housing": Change.UP,
        "debts": Change.DOWN,
        "work": Change.SAME,
        "health": None,  # nothing to compare with
    }
    assert counted_changes(changes) == {Change.UP: 1, Change.SAME: 1, Change.DOWN: 1}
    assert set(changes_between(None, later, ("housing",)).values()) == {None}


def test_last_twelve_months_ends_today_and_drops_older_readings():
    bridges = [bridge("2024-05-01", housing=1), bridge("2025-06-01", housing=2)]
    bridges.append(bridge("2026-04-01", housing=4))
    win = window([b.day for b in bridges], Range.YEAR, date(2026, 5, 1))
    assert win == Window(date(2025, 5, 1), date(2026, 5, 1))
    points = area_points(bridges, "housing", win)
    assert [(p.y, p.day) for p in points] == [(2, date(2025, 6, 1)), (4, date(2026, 4, 1))]
    assert points[0].x == 31 and points[1].x == (date(2026, 4, 1) - date(2025, 5, 1)).days


def test_all_runs_from_first_to_last_reading():
    days = [date(2024, 5, 1), date(2026, 4, 1)]
    assert window(days, Range.ALL, date(2026, 5, 1)) == Window(date(2024, 5, 1), date(2026, 4, 1))


def test_nothing_in_range_gives_no_window():
    assert window([date(2020, 1, 1)], Range.YEAR, date(2026, 5, 1)) is None
    assert window([], Range.ALL, date(2026, 5, 1)) is None


def test_one_reading_gets_room_on_both_sides():
    win = window([date(2026, 3, 1)], Range.ALL, date(2026, 5, 1))
    assert win is not None and win.start < date(2026, 3, 1) < win.end


def test_a_year_back_from_29_february():
    assert window([date(2024, 1, 1)], Range.YEAR, date(2024, 2, 29)) == Window(
        date(2023, 2, 28), date(2024, 2, 29)
    )


def test_stress_points_and_bridges_without_the_area():
    win = Window(date(2026, 1, 1), date(2026, 12, 31))
    stress = [StressEntry("2026-03-01", 8), StressEntry("2026-02-01", 5)]
    assert stress_points(stress, win) == [
        ChartPoint(31, 5, date(2026, 2, 1)),
        ChartPoint(59, 8, date(2026, 3, 1)),
    ]
    partial = [BridgeEntry("2026-02-01", {"debts": 2})]
    assert area_points(partial, "housing", win) == []


def test_month_ticks_are_firsts_of_months_and_thinned():
    win = Window(date(2025, 5, 10), date(2026, 5, 10))
    ticks = month_ticks(win, most=6)
    assert all(t.day == 1 and win.holds(t) for t in ticks)
    assert ticks[0] == date(2025, 6, 1) and len(ticks) <= 6
    assert month_ticks(Window(date(2026, 3, 5), date(2026, 3, 20))) == [date(2026, 3, 5)]


def test_an_imported_bridge_becomes_a_drawable_bridge():
    entry = BridgeEntry("2026-03-01", {"housing": 4, "debts": 2, "unknown_area": 3, "work": 9})
    drawn = as_assessment(entry, AREAS, discuss=("debts", "nope"), priorities=("housing",))
    assert drawn.step("housing") == 4 and drawn.step("debts") == 2
    assert drawn.step("work") is None  # a step outside 1..5 is not guessed
    assert drawn.to_discuss == ("debts",) and drawn.priorities == ("housing",)
    assert drawn.started_at.date() == date(2026, 3, 1)
