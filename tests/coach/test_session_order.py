"""The joint session's order of areas: discuss, priorities, went down, the rest; and each situation."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from bridge.coach.readings import start_session, with_coach_view
from bridge.coach.session_order import (
    MOVEMENTS,
    Group,
    Situation,
    latest_stress,
    session_order,
)
from tests.coach.session_helpers import AREAS, history

F, P, V = Situation.FLAGGED, Situation.PRIORITY, Situation.VIEWS_DIFFER
UP, DOWN, SAME = Situation.WENT_UP, Situation.WENT_DOWN, Situation.SAME

PREVIOUS = dict(housing=3, family=4, health=2, network=3, debts=4, savings=2, education=3, work=3)
LATEST = dict(housing=3, family=2, health=3, network=2, debts=2, savings=2, education=4)  # no work


def test_the_order_and_the_situations_of_a_full_history():
    got = session_order(
        history(
            PREVIOUS, LATEST, discuss=("debts", "housing"), priorities=("work", "debts", "health")
        ),
        AREAS,
    )
    assert [(a.area_id, a.group, a.situations) for a in got] == [
        ("debts", Group.DISCUSS, (F, P, DOWN)),  # wanted to talk first, in the client's order
        ("housing", Group.DISCUSS, (F, SAME)),
        ("work", Group.PRIORITY, (P, Situation.NOT_FILLED)),  # priorities in the client's order
        ("health", Group.PRIORITY, (P, UP)),
        ("family", Group.WENT_DOWN, (DOWN,)),  # down 2 steps
        ("network", Group.WENT_DOWN, (DOWN,)),  # down 1 step
        ("savings", Group.REST, (SAME,)),  # the rest in the bridge's order
        ("education", Group.REST, (UP,)),
    ]
    by_id = {a.area_id: a for a in got}
    assert (by_id["family"].step, by_id["family"].previous_step) == (2, 4)
    assert (by_id["work"].step, by_id["work"].previous_step) == (None, 3)
    assert by_id["debts"].movement is DOWN and by_id["debts"].has(F)


def test_the_biggest_drop_comes_first_then_the_bridges_order():
    before = dict.fromkeys(AREAS, 4)
    after = {**before, "housing": 3, "health": 3, "work": 1, "debts": 2}
    got = [a.area_id for a in session_order(history(before, after), AREAS)]
    assert got[:4] == ["work", "debts", "housing", "health"]
    assert got[4:] == ["family", "network", "savings", "education"]


def test_only_the_previous_bridge_counts_for_went_down():
    """Like the caseload's flag: the latest bridge against the one before it, not the first."""
    first, previous, latest = dict(housing=5), dict(housing=2), dict(housing=3)
    (housing,) = [
        a for a in session_order(history(first, previous, latest), AREAS) if a.area_id == "housing"
    ]
    assert housing.situations == (UP,) and housing.group is Group.REST


def test_one_bridge_only_has_no_earlier_bridge_and_no_bridge_is_not_filled():
    one = session_order(history(dict.fromkeys(AREAS, 3)), AREAS)
    assert {a.situations for a in one} == {(Situation.NO_EARLIER,)}
    assert [a.area_id for a in one] == list(AREAS)
    none = session_order(history(), AREAS)
    assert {a.situations for a in none} == {(Situation.NOT_FILLED,)}


def test_an_area_new_in_the_latest_bridge_has_no_earlier_step():
    got = {
        a.area_id: a
        for a in session_order(history({"family": 2}, {"family": 2, "debts": 1}), AREAS)
    }
    assert got["debts"].situations == (Situation.NO_EARLIER,)
    assert got["family"].situations == (SAME,)


def test_no_summary_or_sections_turned_off_give_no_flags():
    bridges = (PREVIOUS, LATEST)
    for made in (
        history(*bridges, with_payload=False),
        history(*bridges, discuss=None, priorities=None),
    ):
        got = session_order(made, AREAS)
        assert not any(a.has(F) or a.has(P) for a in got)
        assert [a.area_id for a in got][:3] == ["family", "debts", "network"]


def test_unknown_and_repeated_ids_are_left_out_once():
    got = session_order(
        history(LATEST, discuss=("savings", "nope", "savings"), priorities=("savings", "zz")), AREAS
    )
    assert [a.area_id for a in got] == ["savings", *[a for a in AREAS if a != "savings"]]
    assert got[0].situations == (F, P, Situation.NO_EARLIER)


def test_the_coachs_different_view_is_a_situation_but_does_not_move_the_area():
    made = history(PREVIOUS, LATEST)
    readings = start_session("2026-02-10", "2026-02-01", LATEST)
    readings = with_coach_view(readings, "savings", 4)  # client 2, coach 4
    readings = with_coach_view(readings, "housing", 3)  # the same step: no difference
    got = {a.area_id: a for a in session_order(made, AREAS, readings)}
    assert got["savings"].situations == (V, SAME) and got["savings"].group is Group.REST
    assert got["housing"].situations == (SAME,)
    plain = session_order(made, AREAS)
    assert [a.area_id for a in session_order(made, AREAS, readings)] == [a.area_id for a in plain]


def test_latest_stress():
    assert latest_stress(history(stress=(3, 8))) == 8
    assert latest_stress(history()) is None


steps = st.dictionaries(st.sampled_from(AREAS), st.integers(1, 5))
ids = st.lists(st.sampled_from([*AREAS, "unknown"]), max_size=10)


@settings(max_examples=200, deadline=None)
@given(st.lists(steps, max_size=4), ids, ids)
def test_every_area_once_with_exactly_one_movement_and_the_same_answer_twice(
    bridges, discuss, prios
):
    made = history(*bridges, discuss=discuss, priorities=prios)
    got = session_order(made, AREAS)
    assert sorted(a.area_id for a in got) == sorted(AREAS)
    assert all(sum(s in MOVEMENTS for s in a.situations) == 1 for a in got)
    assert session_order(made, AREAS) == got
    groups = [a.group for a in got]
    order = list(Group)
    assert groups == sorted(groups, key=order.index)  # the groups never mix
    flagged = [a.area_id for a in got if a.group is Group.DISCUSS]
    assert flagged == list(dict.fromkeys(d for d in discuss if d in AREAS))


@pytest.mark.parametrize(("before", "after", "movement"), [(2, 3, UP), (3, 2, DOWN), (3, 3, SAME)])
def test_the_movement_of_one_area(before, after, movement):
    (area,) = [
        a
        for a in session_order(history({"work": before}, {"work": after}), AREAS)
        if a.area_id == "work"
    ]
    assert area.movement is movement
