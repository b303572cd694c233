"""The plans kept on the client's phone: one per plan, the newest session first, steps that became
a goal remembered, and all of it still there after the app opens the data again."""

from __future__ import annotations

from datetime import UTC, date, datetime

import pytest

from bridge.sharing import pair_coach, remove_coach
from bridge.sharing.plan import open_plan, seal_plan
from bridge.sharing.plans import TABLE, mark_step_used, plans, save_plan
from bridge.storage.repository import open_repository

from .plan_helpers import CLIENT, COACH_ID, paired, plan_for, text_of

RECEIVED = datetime(2026, 5, 4, 8, 0, tzinfo=UTC)


def _opened(**changes):
    plan = plan_for(**changes)
    return open_plan(seal_plan(plan, COACH_ID, CLIENT.recipient, text_of(plan)), CLIENT, [paired()])


def test_a_plan_is_kept_once_with_the_coachs_name(repo):
    pair_coach(repo, "Marieke", COACH_ID.pairing_text)
    opened = _opened()
    assert save_plan(repo, opened, RECEIVED) is True
    assert save_plan(repo, _opened(), RECEIVED) is False  # the same plan, sealed again
    (kept,) = plans(repo)
    assert kept.plan_id == opened.plan_id
    assert kept.plan == opened.plan
    assert kept.coach_id == opened.coach_id
    assert kept.coach_name == "Marieke"
    assert kept.received_at == RECEIVED
    assert kept.text == opened.text
    assert kept.used == frozenset()
    # The name stays with the plan when the coach is removed later.
    remove_coach(repo, opened.coach_id)
    assert plans(repo)[0].coach_name == "Marieke"


def test_plans_come_newest_session_first(repo):
    older = _opened(session_date=date(2026, 4, 1), next_meeting=None)
    newer = _opened(session_date=date(2026, 6, 1), next_meeting=None)
    save_plan(repo, newer, RECEIVED)
    save_plan(repo, older, datetime(2026, 7, 1, tzinfo=UTC))
    assert [p.plan_id for p in plans(repo)] == [newer.plan_id, older.plan_id]


def test_a_step_made_into_a_goal_is_remembered_and_kept(tmp_path):
    repo = open_repository(tmp_path)
    try:
        opened = _opened()
        save_plan(repo, opened, RECEIVED)
        assert mark_step_used(repo, opened.plan_id, 1, "g1").used == frozenset({1})
        assert mark_step_used(repo, opened.plan_id, 1, "g1").used == frozenset({1})  # once
        with pytest.raises(IndexError):
            mark_step_used(repo, opened.plan_id, 2, "g2")
        with pytest.raises(KeyError):
            mark_step_used(repo, "no such plan", 0, "g3")
    finally:
        repo.close()
    again = open_repository(tmp_path)
    try:
        (kept,) = plans(again)
        assert kept.used == frozenset({1})
        assert kept.goal_of_step == {1: "g1"}
        assert kept.plan == opened.plan
    finally:
        again.close()


def test_a_step_whose_goal_was_dropped_can_become_a_goal_again(repo):
    opened = _opened()
    save_plan(repo, opened, RECEIVED)
    marked = mark_step_used(repo, opened.plan_id, 0, "first")
    assert marked.steps_in_use({"first", "other"}) == frozenset({0})
    assert marked.steps_in_use({"other"}) == frozenset()  # the goal was dropped
    again = mark_step_used(repo, opened.plan_id, 0, "second")
    assert again.goal_of_step == {0: "second"}
    assert plans(repo)[0].steps_in_use({"second"}) == frozenset({0})


def test_a_step_marked_before_goals_were_linked_stays_used(repo):
    opened = _opened()
    save_plan(repo, opened, RECEIVED)
    record = dict(repo.get_record(TABLE, opened.plan_id))
    del record["goals"]
    repo.put_record(TABLE, opened.plan_id, {**record, "used": [1]})
    (kept,) = plans(repo)
    assert kept.goal_of_step == {} and kept.steps_in_use(set()) == frozenset({1})


def test_a_goal_link_to_a_step_that_was_not_used_is_refused(repo):
    opened = _opened()
    save_plan(repo, opened, RECEIVED)
    record = dict(repo.get_record(TABLE, opened.plan_id))
    repo.put_record(TABLE, opened.plan_id, {**record, "goals": {"0": "g"}})
    with pytest.raises(ValueError):
        plans(repo)
