"""The two views: the client's step stays primary, the coach's is kept beside it, never corrected."""

from __future__ import annotations

import copy
import json

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from bridge.coach.readings import (
    FORMAT,
    SCHEMA,
    AreaViews,
    FilledBy,
    ReadingsError,
    from_record,
    start_session,
    to_record,
    two_views,
    with_coach_view,
    with_filled_by,
)
from tests.coach.session_helpers import AREAS

BRIDGE = dict(housing=3, family=2, health=4, debts=1, savings=2)  # no network, education, work


def session():
    return start_session("2026-03-10", "2026-03-01", BRIDGE)


def test_a_new_session_copies_the_clients_steps_and_has_no_coach_view():
    views = {v.area_id: v for v in two_views(session(), AREAS)}
    assert views["family"] == AreaViews("family", 2, None, FilledBy.CLIENT, False)
    assert views["work"] == AreaViews("work", None, None, FilledBy.CLIENT, False)
    assert [v.area_id for v in two_views(session(), AREAS)] == list(AREAS)


def test_the_coachs_view_is_kept_beside_the_clients_and_the_difference_marked():
    made = with_filled_by(with_coach_view(session(), "debts", 3), "debts", FilledBy.TOGETHER)
    (debts,) = two_views(made, ["debts"])
    assert debts == AreaViews("debts", 1, 3, FilledBy.TOGETHER, True)
    same = with_coach_view(made, "housing", 3)
    assert two_views(same, ["housing"])[0].differs is False
    cleared = with_coach_view(made, "debts", None)
    assert two_views(cleared, ["debts"])[0] == AreaViews("debts", 1, None, FilledBy.TOGETHER, False)
    assert two_views(session(), ["debts"])[0].coach_step is None  # the original is unchanged


def test_a_coach_view_where_the_client_has_no_step_is_kept_and_does_not_differ():
    made = with_coach_view(session(), "work", 2)
    assert two_views(made, ["work"])[0] == AreaViews("work", None, 2, FilledBy.CLIENT, False)


def test_the_record_has_the_documented_form_and_comes_back_the_same():
    made = with_filled_by(with_coach_view(session(), "debts", 3), "savings", FilledBy.COACH)
    record = to_record(made)
    assert record["format"] == FORMAT and record["schema"] == SCHEMA
    assert record["readings"]["debts"] == {"client": 1, "coach": 3, "by": "client"}
    assert record["readings"]["savings"] == {"client": 2, "coach": None, "by": "coach"}
    assert "differs" not in json.dumps(record)  # follows from the steps, never stored apart
    back = from_record(json.loads(json.dumps(record)))
    assert back == made
    assert two_views(back, AREAS) == two_views(made, AREAS)
    assert to_record(back) == record


def test_a_session_without_a_bridge_round_trips():
    empty = start_session("2026-03-10", None, {})
    assert from_record(to_record(empty)) == empty


def _mutations():
    good = to_record(with_coach_view(session(), "debts", 3))

    def changed(**parts):
        record = copy.deepcopy(good)
        for key, value in parts.items():
            if value is KeyError:
                del record[key]
            else:
                record[key] = value
        return record

    def reading(**parts):
        record = copy.deepcopy(good)
        item = record["readings"]["debts"]
        for key, value in parts.items():
            if value is KeyError:
                del item[key]
            else:
                item[key] = value
        return record

    return [
        ("not an object", [good]),
        ("another format", changed(format="bridge-coach-client")),
        ("no schema", changed(schema=KeyError)),
        ("schema as text", changed(schema="1")),
        ("schema as bool", changed(schema=True)),
        ("schema 0", changed(schema=0)),
        ("a newer schema", changed(schema=SCHEMA + 1)),
        ("an unknown field", changed(notes="x")),
        ("no session date", changed(session_date=KeyError)),
        ("no bridge date field", changed(bridge_date=KeyError)),
        ("a month 13", changed(session_date="2026-13-01")),
        ("a short date", changed(session_date="2026-3-1")),
        ("a date with time", changed(bridge_date="2026-03-01T10:00")),
        ("a date as number", changed(bridge_date=20260301)),
        ("readings as list", changed(readings=[])),
        (
            "a bad area id",
            changed(readings={"not an id": {"client": 1, "coach": None, "by": "client"}}),
        ),
        ("a reading as list", changed(readings={"debts": [1, 3, "client"]})),
        ("no client step", reading(client=KeyError)),
        ("no coach step", reading(coach=KeyError)),
        ("no who", reading(by=KeyError)),
        ("an extra field", reading(differs=True)),
        ("step 0", reading(client=0)),
        ("step 6", reading(coach=6)),
        ("step as bool", reading(client=True)),
        ("step as text", reading(coach="3")),
        ("step as float", reading(client=1.0)),
        ("who unknown", reading(by="worker")),
        ("who missing value", reading(by=None)),
        ("who as enum name", reading(by="TOGETHER")),
    ]


@pytest.mark.parametrize(("case", "record"), _mutations(), ids=[c for c, _ in _mutations()])
def test_a_bad_record_is_refused_with_a_message(case, record):
    with pytest.raises(ReadingsError) as caught:
        from_record(record)
    assert str(caught.value)


@pytest.mark.parametrize("step", [0, 6, True, "2", 2.5])
def test_bad_steps_are_refused_and_nothing_changes(step):
    start = session()
    with pytest.raises(ReadingsError):
        with_coach_view(start, "debts", step)
    with pytest.raises(ReadingsError):
        start_session("2026-03-10", "2026-03-01", {"debts": step})
    assert start == session()


def test_bad_who_dates_and_areas_are_refused():
    with pytest.raises(ReadingsError):
        with_filled_by(session(), "debts", "together")  # type: ignore[arg-type]
    with pytest.raises(ReadingsError):
        with_coach_view(session(), "two words", 3)
    with pytest.raises(ReadingsError):
        start_session("2026-02-30", None, {})
    with pytest.raises(ReadingsError):
        start_session("2026-03-10", "yesterday", {})


def test_the_difference_is_kept_when_the_clients_later_bridge_changes():
    march = with_coach_view(session(), "savings", 4)  # client 2, coach 4: the views differ
    kept = to_record(march)
    april_bridge = {**BRIDGE, "savings": 4}  # later the client moves to the coach's step
    april = start_session("2026-04-10", "2026-04-01", april_bridge)
    # The March session still shows both views as they were, marked as different.
    assert two_views(march, ["savings"])[0] == AreaViews("savings", 2, 4, FilledBy.CLIENT, True)
    assert to_record(march) == kept
    # The new session holds the client's new step and no coach view carried over.
    assert two_views(april, ["savings"])[0] == AreaViews("savings", 4, None, FilledBy.CLIENT, False)
    assert april_bridge["savings"] == 4 and BRIDGE["savings"] == 2  # nothing written back


def test_the_readings_cannot_be_changed_in_place():
    made = session()
    with pytest.raises(TypeError):
        made.readings["debts"] = made.readings["housing"]  # type: ignore[index]
    with pytest.raises(AttributeError):
        made.readings["debts"].client_step = 5  # type: ignore[misc]


operations = st.lists(
    st.one_of(
        st.tuples(
            st.just("coach"), st.sampled_from(AREAS), st.one_of(st.none(), st.integers(1, 5))
        ),
        st.tuples(st.just("who"), st.sampled_from(AREAS), st.sampled_from(list(FilledBy))),
    ),
    max_size=30,
)


@settings(max_examples=200, deadline=None)
@given(operations)
def test_nothing_ever_overwrites_the_clients_step(ops):
    made = session()
    for what, area_id, value in ops:
        made = (
            with_coach_view(made, area_id, value)
            if what == "coach"
            else with_filled_by(made, area_id, value)
        )
        made = from_record(to_record(made))  # through the record as well
    for view in two_views(made, AREAS):
        assert view.client_step == BRIDGE.get(view.area_id)
        assert view.differs == (
            view.coach_step is not None
            and view.client_step is not None
            and view.coach_step != view.client_step
        )
