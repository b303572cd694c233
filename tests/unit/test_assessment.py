"""The rules of filling in a bridge."""

from datetime import UTC, datetime, timedelta

import pytest

from bridge.domain.assessment import (
    NOTE_MAX_CHARS,
    Assessment,
    AssessmentError,
    Change,
    Helper,
    change_since,
    fill_positions,
    next_position,
)

AREAS = ("housing", "family", "health", "network", "debts", "savings", "education", "work")
T0 = datetime(2026, 3, 1, 10, 0, tzinfo=UTC)


def fresh() -> Assessment:
    return Assessment.start(AREAS, T0)


def filled(steps: dict[str, int]) -> Assessment:
    a = fresh()
    for area, step in steps.items():
        a = a.with_step(area, step)
    return a


def test_one_step_per_area_choosing_again_replaces_it():
    a = fresh().with_step("housing", 2).with_step("housing", 4)
    assert a.step("housing") == 4
    assert a.step("debts") is None


@pytest.mark.parametrize("step", [0, 6, -1, 99])
def test_steps_outside_one_to_five_are_refused(step):
    with pytest.raises(AssessmentError) as err:
        fresh().with_step("housing", step)
    assert err.value.code == "bad_step"


def test_unknown_area_is_refused():
    with pytest.raises(AssessmentError) as err:
        fresh().with_step("garden", 3)
    assert err.value.code == "unknown_area"


def test_at_most_two_priorities():
    a = fresh().with_priority("housing", True).with_priority("debts", True)
    with pytest.raises(AssessmentError) as err:
        a.with_priority("work", True)
    assert err.value.code == "too_many_priorities"
    # Setting one of the two again is fine, and turning one off frees a place.
    a = a.with_priority("debts", True).with_priority("housing", False).with_priority("work", True)
    assert a.priorities == ("debts", "work")


def test_complete_only_when_every_area_has_a_step():
    a = filled({area: 3 for area in AREAS[:-1]})
    assert not a.is_complete
    assert a.missing_areas == ("work",)
    with pytest.raises(AssessmentError) as err:
        a.complete(T0)
    assert err.value.code == "incomplete"
    done = a.with_step("work", 1).complete(T0 + timedelta(minutes=9))
    assert done.is_completed and done.position == "done"


def test_a_completed_bridge_cannot_change():
    done = filled({area: 2 for area in AREAS}).complete(T0)
    with pytest.raises(AssessmentError):
        done.with_step("housing", 5)
    with pytest.raises(AssessmentError):
        done.with_stress(3)


def test_note_limit_and_flags():
    a = fresh().with_note("health", "  Ik slaap slecht  ").with_discuss("health", True)
    a = a.with_helper("health", Helper.PROFESSIONAL)
    answer = a.answer("health")
    assert (answer.note, answer.discuss, answer.helper) == (
        "Ik slaap slecht",
        True,
        Helper.PROFESSIONAL,
    )
    assert a.to_discuss == ("health",)
    with pytest.raises(AssessmentError) as err:
        a.with_note("health", "x" * (NOTE_MAX_CHARS + 1))
    assert err.value.code == "note_too_long"
    assert a.answer("health").note == "Ik slaap slecht"


@pytest.mark.parametrize("stress", [0, 5, 10, None])
def test_stress_zero_to_ten_or_skipped(stress):
    assert fresh().with_stress(stress).stress == stress


@pytest.mark.parametrize("stress", [-1, 11])
def test_stress_out_of_range(stress):
    with pytest.raises(AssessmentError):
        fresh().with_stress(stress)


def test_change_since_last_snapshot():
    before = filled({"housing": 2, "debts": 3, "work": 4})
    after = filled({"housing": 3, "debts": 3, "work": 2, "health": 1})
    changes = change_since(before, after)
    assert changes["housing"] is Change.UP
    assert changes["debts"] is Change.SAME
    assert changes["work"] is Change.DOWN
    assert changes["health"] is None  # nothing to compare with
    assert set(change_since(None, after).values()) == {None}


def test_fill_order_and_moving_through_it():
    order = fill_positions(AREAS)
    assert order[0] == "stress" and order[-1] == "review" and order[1:-1] == AREAS
    assert next_position(AREAS, "stress") == "housing"
    assert next_position(AREAS, "housing", -1) == "stress"
    assert next_position(AREAS, "work") == "review"
    assert next_position(AREAS, "review") is None
    assert next_position(AREAS, "stress", -1) is None
    assert next_position(AREAS, "nonsense") == "stress"


def test_a_new_bridge_starts_from_last_times_marks_but_not_its_steps():
    before = (
        filled({a: 3 for a in AREAS})
        .with_priority("debts", True)
        .with_discuss("work", True)
        .with_helper("health", Helper.NETWORK)
        .with_note("health", "mijn eigen tekst")
        .with_stress(7)
        .complete(T0)
    )
    new = Assessment.start_from(before, AREAS, T0 + timedelta(days=7))
    assert new.id != before.id and not new.is_completed
    assert new.priorities == ("debts",)
    assert new.to_discuss == ("work",)
    assert new.answer("health").helper == Helper.NETWORK
    assert all(new.step(a) is None for a in AREAS)
    assert new.answer("health").note == "" and new.stress is None
    assert new.position == "stress"
    # The carried marks are a starting point: they can be changed like any other.
    assert new.with_priority("debts", False).priorities == ()


def test_a_new_bridge_without_a_previous_one_is_bare_and_drops_unknown_areas():
    assert Assessment.start_from(None, AREAS, T0).answers == {}
    before = Assessment.start(("old", "debts"), T0).with_priority("old", True)
    before = before.with_priority("debts", True)
    new = Assessment.start_from(before, AREAS, T0)
    assert new.priorities == ("debts",)
    assert "old" not in new.answers
    assert not Assessment.start_from(None, AREAS, T0).has_marks
    assert new.has_marks
