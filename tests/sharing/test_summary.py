"""The payload: what the client chose is in it, what they turned off is absent (not empty)."""

from __future__ import annotations

import copy
import json
from dataclasses import FrozenInstanceError, replace
from datetime import timedelta

import pytest

from bridge.domain.assessment import Assessment
from bridge.domain.goals import Goal, GoalStatus
from bridge.sharing import (
    NewerVersionError,
    NotASummaryError,
    SummaryChoices,
    validate_payload,
)
from bridge.sharing.goal_input import GoalInput, goal_inputs
from bridge.sharing.payload import ALWAYS
from bridge.sharing.payload_types import SummaryPayload
from bridge.sharing.readable import local_day as day

from .helpers import AREAS, CLIENT, GOAL_REASON, NOTE, NOW, T0, snapshot, summary


def test_the_defaults_are_the_products():
    assert SummaryChoices().as_dict() == {
        "bridge": True,
        "stress": True,
        "goals": True,
        "discuss": True,
        "notes": False,
        "consent": False,
    }


def test_the_default_summary_has_every_part_but_notes():
    payload = summary().payload
    assert payload["format"] == "bridge-summary"
    assert payload["version"] == 1
    assert payload["client_id"] == CLIENT.client_id
    assert payload["created_at"] == NOW.isoformat()
    assert payload["language"] == "nl"
    assert set(payload) == {
        *ALWAYS,
        "bridge",
        "priorities",
        "stress",
        "discuss",
        "goals",
        "client_recipient",
    }
    assert payload["consent_programme_figures"] is False


OFF = [
    ("bridge", {"bridge", "priorities"}),
    ("stress", {"stress"}),
    ("goals", {"goals"}),
    ("discuss", {"discuss"}),
]


@pytest.mark.parametrize(("choice", "absent"), OFF, ids=[c for c, _ in OFF])
def test_a_part_turned_off_is_absent_and_the_rest_stays(choice, absent):
    payload = summary(SummaryChoices(**{choice: False})).payload
    assert absent.isdisjoint(payload)
    assert payload["choices"][choice] is False
    others = {f for c, fields in OFF if c != choice for f in fields}
    assert others <= set(payload)


def test_with_everything_off_only_the_frame_is_left():
    choices = SummaryChoices(bridge=False, stress=False, goals=False, discuss=False)
    payload = summary(choices).payload
    assert set(payload) == {*ALWAYS, "client_recipient"}
    for word in ("housing", "debts", NOTE, "Huurachterstand"):
        assert word not in json.dumps(payload)


def test_notes_are_off_by_default_and_nowhere_to_be_found():
    built = summary()
    assert "notes" not in built.payload
    assert NOTE not in json.dumps(built.payload, ensure_ascii=False)
    assert NOTE not in built.text


def test_notes_are_in_only_when_chosen_and_only_areas_with_a_note():
    built = summary(SummaryChoices(notes=True))
    assert built.payload["notes"] == {"health": NOTE}
    assert NOTE in built.text


def test_notes_on_without_notes_is_an_empty_object_not_absent():
    plain = [snapshot(T0)]
    assert summary(SummaryChoices(notes=True), snapshots=plain).payload["notes"] == {}


def test_consent_is_carried_both_ways():
    assert summary(SummaryChoices(consent=True)).payload["consent_programme_figures"] is True
    assert summary().payload["consent_programme_figures"] is False


def test_the_bridge_has_the_latest_and_the_history_by_date():
    bridge = summary().payload["bridge"]
    latest = bridge["latest"]
    assert latest["date"] == day(T0 + timedelta(days=60, minutes=9))
    assert latest["steps"] == {a: {"housing": 4, "debts": 2, "work": 5}.get(a, 3) for a in AREAS}
    assert latest["helpers"] == {"debts": "professional", "work": "network"}
    assert [entry["date"] for entry in bridge["history"]] == [
        day(T0 + timedelta(days=d, minutes=9)) for d in (0, 30, 60)
    ]
    assert [entry["steps"]["housing"] for entry in bridge["history"]] == [1, 2, 4]


def test_snapshots_given_out_of_order_are_sorted_oldest_first():
    from .helpers import history

    shuffled = list(reversed(history()))
    bridge = summary(snapshots=shuffled).payload["bridge"]
    assert [entry["steps"]["housing"] for entry in bridge["history"]] == [1, 2, 4]


def test_stress_discuss_and_priorities_come_from_the_right_bridges():
    payload = summary().payload
    assert payload["stress"] == [
        {"date": day(T0 + timedelta(minutes=9)), "level": 8},
        {"date": day(T0 + timedelta(days=60, minutes=9)), "level": 5},
    ]  # the middle bridge had no stress filled in
    assert payload["discuss"] == ["housing", "debts"]
    assert payload["priorities"] == ["debts"]


def test_goals_keep_only_what_is_meant_to_be_shared():
    goals = summary().payload["goals"]
    assert goals[0] == {
        "area_id": "housing",
        "title": "Huurachterstand regelen",
        "status": "active",
        "steps": [
            {
                "text": "Maandag de woningcorporatie bellen",
                "check_ins": [{"result": "done", "at": (T0 + timedelta(days=61)).isoformat()}],
            }
        ],
    }
    assert goals[1] == {
        "area_id": "savings",
        "title": "Elke week vijf euro opzij",
        "status": "paused",
        "steps": [],
    }
    assert GOAL_REASON not in json.dumps(summary().payload)


def test_no_bridge_yet_still_makes_a_summary():
    payload = summary(snapshots=[], goal_list=[]).payload
    assert payload["bridge"] == {"latest": None, "history": []}
    assert payload["stress"] == payload["discuss"] == payload["priorities"] == []
    assert payload["goals"] == []


@pytest.mark.parametrize(
    "goal",
    [
        GoalInput(area_id="not an id", title="x"),
        GoalInput(area_id="housing", title="x", status="s" * 41),
    ],
    ids=["bad-area", "status-too-long"],
)
def test_a_goal_the_coach_would_refuse_is_not_built(goal):
    with pytest.raises(ValueError, match="would not open"):
        summary(goal_list=[goal])


def test_goals_from_the_domain_share_only_title_status_and_steps():
    """Reasons and other answers cannot reach the summary: the typed input has no place for them."""
    draft = Goal.start("housing", T0).with_answers(desire="Een rustig huis", reasons=GOAL_REASON)
    shared = goal_inputs([replace(draft, status=GoalStatus.ACTIVE), draft], lambda a: a)
    assert shared == [GoalInput(area_id="housing", title="Een rustig huis", status="active")]
    built = summary(goal_list=shared)
    assert built.payload["goals"][0]["title"] == "Een rustig huis"
    assert GOAL_REASON not in json.dumps(built.payload) and GOAL_REASON not in built.text


def test_a_goal_without_a_desire_takes_the_area_name():
    goal = replace(Goal.start("debts", T0), status=GoalStatus.PAUSED)
    assert goal_inputs([goal], lambda a: f"name of {a}")[0].title == "name of debts"


def test_a_bridge_being_filled_in_cannot_be_shared():
    draft = Assessment.start(AREAS, T0).with_step("housing", 2)
    with pytest.raises(ValueError, match="completed"):
        summary(snapshots=[draft])


def test_the_built_payload_is_plain_json_and_passes_its_own_check():
    for choices in (SummaryChoices(), SummaryChoices(notes=True, consent=True)):
        payload = summary(choices).payload
        assert json.loads(json.dumps(payload)) == payload
        assert validate_payload(copy.deepcopy(payload)).as_dict() == payload


# -- the strict check, one defect at a time --------------------------------------------
def _set(path, value):
    def change(payload):
        *parents, last = path
        target = payload
        for key in parents:
            target = target[key]
        target[last] = value

    return change


def _delete(key):
    return lambda payload: payload.pop(key)


BAD = [
    ("not-object", lambda p: p.clear()),
    ("format", _set(["format"], "bridge-summary-2")),
    ("version-text", _set(["version"], "1")),
    ("version-bool", _set(["version"], True)),
    ("version-zero", _set(["version"], 0)),
    ("extra-field", _set(["extra"], 1)),
    ("missing-created", _delete("created_at")),
    ("client-id-upper", _set(["client_id"], CLIENT.client_id.upper())),
    ("client-id-short", _set(["client_id"], "abc")),
    ("created-not-time", _set(["created_at"], "gisteren")),
    ("language", _set(["language"], "Nederlands")),
    ("choice-not-bool", _set(["choices", "notes"], 0)),
    ("choice-missing", lambda p: p["choices"].pop("consent")),
    ("section-off-but-present", _set(["choices", "stress"], False)),
    ("section-on-but-absent", _set(["choices", "notes"], True)),
    ("consent-mismatch", _set(["consent_programme_figures"], True)),
    ("step-too-high", _set(["bridge", "latest", "steps", "housing"], 6)),
    ("step-bool", _set(["bridge", "latest", "steps", "housing"], True)),
    ("step-float", _set(["bridge", "latest", "steps", "housing"], 3.0)),
    ("area-not-id", _set(["bridge", "latest", "steps", "two words"], 3)),
    ("helper", _set(["bridge", "latest", "helpers", "work"], "friends")),
    ("latest-extra", _set(["bridge", "latest", "note"], "x")),
    ("date-basic", _set(["bridge", "latest", "date"], "20260501")),
    ("date-impossible", _set(["bridge", "latest", "date"], "2026-02-30")),
    ("history-not-list", _set(["bridge", "history"], {})),
    ("stress-too-high", _set(["stress", 0, "level"], 11)),
    ("stress-negative", _set(["stress", 0, "level"], -1)),
    ("discuss-twice", _set(["discuss"], ["housing", "housing"])),
    ("discuss-number", _set(["discuss"], [1])),
    ("priorities-not-list", _set(["priorities"], "debts")),
    ("goal-extra", _set(["goals", 0, "reasons"], "x")),
    ("goal-title-number", _set(["goals", 0, "title"], 1)),
    ("check-in-at", _set(["goals", 0, "steps", 0, "check_ins", 0, "at"], "soon")),
    ("check-in-result", _set(["goals", 0, "steps", 0, "check_ins", 0, "result"], None)),
]


@pytest.mark.parametrize("change", [c for _, c in BAD], ids=[i for i, _ in BAD])
def test_the_check_refuses_every_defect(change):
    payload = copy.deepcopy(dict(summary().payload))
    change(payload)
    with pytest.raises(NotASummaryError):
        validate_payload(payload)


@pytest.mark.parametrize("version", [2, 99])
def test_a_later_payload_version_is_named_as_such(version):
    payload = {**summary().payload, "version": version, "whatever": "comes next"}
    with pytest.raises(NewerVersionError):
        validate_payload(payload)


def test_the_checked_payload_is_typed_and_frozen():
    built = summary(SummaryChoices(notes=True))
    typed = validate_payload(copy.deepcopy(built.payload))
    assert isinstance(typed, SummaryPayload)
    assert typed.choices == SummaryChoices(notes=True)
    assert typed.client_id == CLIENT.client_id
    assert typed.bridge is not None and typed.bridge.latest is not None
    assert typed.bridge.latest.steps["housing"] == 4
    assert typed.bridge.latest.day.isoformat() == typed.bridge.latest.date
    assert typed.priorities == ("debts",)
    assert typed.notes == {"health": NOTE}
    assert typed.goals is not None
    check_in = typed.goals[0].steps[0].check_ins[0]
    assert check_in.result == "done" and check_in.moment == T0 + timedelta(days=61)
    with pytest.raises(FrozenInstanceError):
        typed.client_id = "0" * 16  # type: ignore[misc]
    with pytest.raises(TypeError):
        typed.notes["health"] = "changed"  # type: ignore[index]
    off = validate_payload(summary(SummaryChoices(goals=False, stress=False)).payload)
    assert off.goals is None and off.stress is None and off.notes is None
