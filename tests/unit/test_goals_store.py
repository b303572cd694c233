"""Goals in storage: round trips through a real repository, reopening, schema versions."""

import json
from datetime import UTC, date, datetime, timedelta

import pytest

from bridge.domain.goals import CheckInResult, Goal, GoalAnswers, GoalStatus, StepPlan
from bridge.storage import NewerDataError, goals_store
from bridge.storage.goals_store import (
    SCHEMA,
    TABLE,
    goal,
    goal_from_record,
    goal_to_record,
    goals,
    migrate_goal,
    remove_goal,
    save_goal,
)
from bridge.storage.repository import open_repository

T0 = datetime(2026, 3, 2, 10, 0, tzinfo=UTC)


def full_goal() -> Goal:
    g = Goal.start("housing", T0).with_answers(
        desire="een huis zonder schimmel",
        reasons="mijn zoon heeft astma",
        importance=8,
        importance_why="ik slaap er slecht van",
        confidence=0,
        confidence_help="als mijn zus meegaat",
        past_success="mijn energierekening geregeld",
        step=StepPlan(
            what="de woningcorporatie bellen",
            when="maandag om 10 uur",
            where="thuis",
            if_then="Als het maandag 10 uur is, dan bel ik.",
            due=date(2026, 3, 5),
        ),
        obstacles="niemand neemt op",
        obstacle_plan="mailen",
        helper_person="Fatima",
        reward="een wandeling",
        summary="Mijn eigen samenvatting.\nMet een tweede regel.",
    )
    g = g.at("summary").activate([], T0)
    g = g.check_in(g.current_step.id, CheckInResult.NOT_YET, T0 + timedelta(days=3), "ziek")
    g = g.make_smaller(StepPlan(what="het nummer opzoeken"), T0 + timedelta(days=3))
    g = g.check_in(g.current_step.id, CheckInResult.PARTLY, T0 + timedelta(days=5))
    return g.check_in(g.current_step.id, CheckInResult.DONE, T0 + timedelta(days=6))


@pytest.fixture
def repo(tmp_path):
    r = open_repository(tmp_path)
    yield r
    r.close()


def test_round_trip_keeps_every_answer_step_and_check_in(tmp_path):
    repo = open_repository(tmp_path)
    original = full_goal()
    draft = (
        Goal.start("debts", T0 + timedelta(hours=1)).with_answers(desire="overzicht").at("reasons")
    )
    paused = Goal.start("work", T0 - timedelta(days=1)).activate([], T0).pause()
    for g in (original, draft, paused):
        save_goal(repo, g)
    repo.close()

    again = open_repository(tmp_path)
    assert goal(again, original.id) == original
    assert goals(again) == [paused, original, draft]  # oldest first
    assert goal(again, draft.id).position == "reasons"
    assert goal(again, "nope") is None
    kept = goal(again, original.id)
    assert kept.completed_steps == 1
    assert kept.steps[0].result is CheckInResult.NOT_YET
    assert kept.steps[1].replaces == kept.steps[0].id
    again.close()


def test_saving_again_replaces_the_goal(repo):
    g = Goal.start("health", T0)
    save_goal(repo, g)
    save_goal(repo, g.with_answers(desire="beter slapen"))
    assert [x.answers.desire for x in goals(repo)] == ["beter slapen"]


def test_a_goal_is_parsed_once_until_it_changes(repo, monkeypatch):
    first, second = Goal.start("health", T0), Goal.start("work", T0 + timedelta(hours=1))
    save_goal(repo, first)
    save_goal(repo, second)
    parsed = []
    real = goals_store.goal_from_record

    def counting(record):
        parsed.append(record["id"])
        return real(record)

    monkeypatch.setattr(goals_store, "goal_from_record", counting)
    assert goals(repo) == [first, second]
    assert goals(repo) == [first, second]
    assert goal(repo, first.id) == first
    assert sorted(parsed) == sorted([first.id, second.id])  # once each, not per read
    changed = first.with_answers(desire="beter slapen")
    save_goal(repo, changed)
    assert goals(repo) == [changed, second]
    assert parsed[2:] == [first.id]  # only the changed goal is parsed again


def test_remove_goal(repo):
    g = Goal.start("health", T0)
    save_goal(repo, g)
    remove_goal(repo, g.id)
    assert goals(repo) == []


def test_records_are_plain_json_with_iso_dates_and_a_schema(repo):
    record = goal_to_record(full_goal())
    assert record["schema"] == SCHEMA == 1
    assert json.loads(json.dumps(record)) == record
    assert record["created_at"] == T0.isoformat()
    assert record["answers"]["step"]["due"] == "2026-03-05"
    assert record["steps"][0]["check_ins"][0] == {
        "result": "not_yet",
        "at": (T0 + timedelta(days=3)).isoformat(),
        "note": "ziek",
    }
    save_goal(repo, full_goal())
    assert all(r["schema"] == SCHEMA for r in repo.records(TABLE))


@pytest.mark.parametrize(
    "g",
    [
        Goal.start("family", T0),
        Goal.start("family", T0).with_answers(importance=0, confidence=10),
        Goal.start("family", T0).activate([], T0),
        Goal.start("family", T0).activate([], T0).finish(T0),
        full_goal(),
    ],
    ids=["empty", "rulers", "active-no-step", "done", "full"],
)
def test_conversion_round_trips(g):
    assert goal_from_record(goal_to_record(g)) == g


def test_a_newer_record_is_refused():
    record = {**goal_to_record(full_goal()), "schema": SCHEMA + 1}
    with pytest.raises(NewerDataError):
        goal_from_record(record)


def test_a_record_without_a_schema_is_migrated_up_to_date():
    def rename_state(r):
        return {**{k: v for k, v in r.items() if k != "state"}, "status": r["state"]}

    migrations = {0: rename_state}
    old = {"id": "x", "state": "active"}
    assert migrate_goal(old, migrations) == {"id": "x", "status": "active", "schema": 1}


def test_an_unknown_position_resumes_at_the_start():
    record = {**goal_to_record(Goal.start("savings", T0)), "position": "gone"}
    assert goal_from_record(record).position == "desire"


def test_a_stored_status_is_read_back():
    g = Goal.start("education", T0).activate([], T0).pause()
    assert goal_from_record(goal_to_record(g)).status is GoalStatus.PAUSED
    assert goal_from_record(goal_to_record(g)).answers == GoalAnswers()
