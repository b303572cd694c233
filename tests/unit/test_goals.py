"""The rules of small goals: the flow, the active limit, status changes, steps and check-ins, texts."""

from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta

import pytest

from bridge.domain.assessment import Assessment
from bridge.domain.goals import (
    FLOW,
    MAX_ACTIVE,
    QUESTION_FIELDS,
    STEP_DAYS,
    TEXT_MAX_CHARS,
    CheckInResult,
    Goal,
    GoalAnswers,
    GoalError,
    GoalStatus,
    StepPlan,
    can_add_active,
    can_change,
    completed_steps_total,
    due_steps,
    flow_progress,
    next_question,
    previous_question,
    suggested_areas,
)
from bridge.i18n import Translator, load_catalog

AREAS = ("housing", "family", "health", "network", "debts", "savings", "education", "work")
T0 = datetime(2026, 3, 2, 10, 0, tzinfo=UTC)  # a Monday
DAY0 = T0.date()
CATALOG = load_catalog()
LANGUAGES = ("nl", "en")

CALL = StepPlan(what="de woningcorporatie bellen", when="maandag om 10 uur", where="thuis")
SMALLER = StepPlan(what="het nummer van de woningcorporatie opzoeken")


def t_for(language: str) -> Translator:
    return Translator(CATALOG, language)


def draft(area: str = "housing", plan: StepPlan | None = CALL) -> Goal:
    goal = Goal.start(area, T0, AREAS).with_answers(desire="een rustiger huis")
    return goal.with_answers(step=plan) if plan is not None else goal


def active(plan: StepPlan | None = CALL, now: datetime = T0) -> Goal:
    return draft(plan=plan).activate([], now)


def in_status(status: GoalStatus) -> Goal:
    goal = draft()
    if status is GoalStatus.DRAFT:
        return goal
    goal = goal.activate([], T0)
    if status is GoalStatus.PAUSED:
        return goal.pause()
    if status is GoalStatus.DONE:
        return goal.finish(T0)
    return goal


def actives(n: int) -> list[Goal]:
    return [draft().activate([], T0) for _ in range(n)]


# -- the flow --------------------------------------------------------------------------


def test_the_flow_follows_the_product_order_and_every_field_has_a_screen():
    assert FLOW == (
        "desire",
        "reasons",
        "importance",
        "confidence",
        "past_success",
        "step",
        "obstacles",
        "helper",
        "reward",
        "summary",
    )
    assert set(QUESTION_FIELDS) == set(FLOW)
    named = [name for q in FLOW for name in QUESTION_FIELDS[q]]
    assert sorted(named) == sorted(GoalAnswers.__dataclass_fields__)


@pytest.mark.parametrize(
    ("question", "after", "before"),
    [
        ("desire", "reasons", None),
        ("reasons", "importance", "desire"),
        ("importance", "confidence", "reasons"),
        ("step", "obstacles", "past_success"),
        ("reward", "summary", "helper"),
        ("summary", None, "reward"),
    ],
)
def test_forward_and_back(question, after, before):
    assert next_question(question) == after
    assert previous_question(question) == before


def test_progress_counts_from_one():
    assert flow_progress("desire") == (1, 10)
    assert flow_progress("summary") == (10, 10)


def test_an_unknown_question_is_refused():
    with pytest.raises(GoalError) as err:
        next_question("nope")
    assert err.value.code == "unknown_question"
    with pytest.raises(GoalError):
        draft().at("nope")


def test_position_is_kept_for_resuming():
    goal = draft().at("obstacles")
    assert goal.position == "obstacles"
    assert Goal.start("work", T0).position == "desire"


def test_every_answer_can_be_skipped_and_empty_text_counts_as_skipped():
    goal = Goal.start("debts", T0).with_answers(desire="  ", reasons="")
    assert goal.answers == GoalAnswers()
    assert goal.answers.is_empty
    assert not goal.answers.is_answered("desire")
    goal = goal.with_answers(importance=4)
    assert goal.answers.is_answered("importance")
    assert goal.with_answers(importance=None).answers.importance is None


def test_answers_are_kept_in_the_clients_own_words():
    text = "Dat mijn kinderen  een eigen kamer hebben!"
    assert Goal.start("housing", T0).with_answers(reasons=f"  {text}\n").answers.reasons == text


def test_a_goal_belongs_to_a_known_area():
    with pytest.raises(GoalError) as err:
        Goal.start("garden", T0, AREAS)
    assert err.value.code == "unknown_area"
    with pytest.raises(GoalError):
        Goal.start("", T0)


@pytest.mark.parametrize("value", [0, 5, 10, None])
def test_rulers_take_zero_to_ten(value):
    goal = draft().with_answers(importance=value, confidence=value)
    assert goal.answers.importance == value
    assert goal.answers.confidence == value


@pytest.mark.parametrize("value", [-1, 11, 99, True, 5.5, "7"])
@pytest.mark.parametrize("ruler", ["importance", "confidence"])
def test_rulers_outside_zero_to_ten_are_refused(ruler, value):
    with pytest.raises(GoalError) as err:
        draft().with_answers(**{ruler: value})
    assert err.value.code == "bad_ruler"


def test_too_long_text_and_unknown_answers_are_refused():
    with pytest.raises(GoalError) as err:
        draft().with_answers(desire="x" * (TEXT_MAX_CHARS + 1))
    assert err.value.code == "text_too_long"
    with pytest.raises(GoalError) as err:
        draft().with_answers(colour="blue")
    assert err.value.code == "bad_answer"
    with pytest.raises(GoalError) as err:
        draft().with_answers(desire=42)
    assert err.value.code == "bad_answer"


def test_a_step_needs_what_or_an_if_then_sentence():
    with pytest.raises(GoalError) as err:
        draft(plan=StepPlan(when="maandag"))
    assert err.value.code == "empty_step"
    only_if_then = StepPlan(if_then="Als het maandag is, dan bel ik.")
    assert draft(plan=only_if_then).activate([], T0).current_step.text == only_if_then.if_then
    assert draft(plan=StepPlan(what=" ")).answers.step is None  # nothing filled in: skipped


# -- status --------------------------------------------------------------------------

ALLOWED = {
    (GoalStatus.DRAFT, GoalStatus.ACTIVE),
    (GoalStatus.ACTIVE, GoalStatus.PAUSED),
    (GoalStatus.ACTIVE, GoalStatus.DONE),
    (GoalStatus.PAUSED, GoalStatus.ACTIVE),
    (GoalStatus.PAUSED, GoalStatus.DONE),
}


def change_to(goal: Goal, target: GoalStatus) -> Goal:
    if target is GoalStatus.ACTIVE:
        return goal.activate([], T0) if goal.status is GoalStatus.DRAFT else goal.resume([])
    if target is GoalStatus.PAUSED:
        return goal.pause()
    if target is GoalStatus.DONE:
        return goal.finish(T0)
    raise AssertionError("nothing turns a goal back into a draft")


@pytest.mark.parametrize("source", list(GoalStatus))
@pytest.mark.parametrize("target", [s for s in GoalStatus if s is not GoalStatus.DRAFT])
def test_status_changes(source, target):
    goal = in_status(source)
    assert can_change(source, target) == ((source, target) in ALLOWED)
    if (source, target) in ALLOWED:
        assert change_to(goal, target).status is target
    else:
        with pytest.raises(GoalError) as err:
            change_to(goal, target)
        expected = "goal_done" if source is GoalStatus.DONE else "bad_transition"
        assert err.value.code == expected


@pytest.mark.parametrize("source", list(GoalStatus))
def test_nothing_goes_back_to_draft(source):
    assert not can_change(source, GoalStatus.DRAFT)


@pytest.mark.parametrize(
    ("already_active", "allowed"), [(0, True), (1, True), (2, True), (3, False), (4, False)]
)
def test_at_most_three_active_goals(already_active, allowed):
    others = [*actives(already_active), in_status(GoalStatus.PAUSED), in_status(GoalStatus.DONE)]
    assert can_add_active(others) == allowed
    if allowed:
        assert draft().activate(others, T0).is_active
    else:
        with pytest.raises(GoalError) as err:
            draft().activate(others, T0)
        assert err.value.code == "too_many_active"
    assert MAX_ACTIVE == 3


@pytest.mark.parametrize(("already_active", "allowed"), [(2, True), (3, False)])
def test_resume_is_refused_when_three_are_active(already_active, allowed):
    paused = in_status(GoalStatus.PAUSED)
    others = [*actives(already_active), paused]  # the goal itself may be in the list
    if allowed:
        assert paused.resume(others).is_active
    else:
        with pytest.raises(GoalError) as err:
            paused.resume(others)
        assert err.value.code == "too_many_active"


def test_a_goal_in_the_list_does_not_count_against_itself():
    goals = actives(2)
    third = draft()
    assert third.activate([*goals, third], T0).is_active


def test_a_finished_goal_keeps_everything_as_it_was():
    done = in_status(GoalStatus.DONE)
    assert done.finished_at == T0
    for change in (
        lambda g: g.with_answers(desire="iets anders"),
        lambda g: g.at("reward"),
        lambda g: g.check_in(g.current_step.id, CheckInResult.DONE, T0),
        lambda g: g.plan_step(SMALLER, T0),
    ):
        with pytest.raises(GoalError) as err:
            change(done)
        assert err.value.code == "goal_done"


def test_activating_turns_the_planned_step_into_the_first_step():
    goal = active(now=T0)
    step = goal.current_step
    assert goal.activated_at == T0
    assert (step.what, step.when, step.where) == (CALL.what, CALL.when, CALL.where)
    assert step.planned_at == T0
    assert step.due == DAY0 + timedelta(days=STEP_DAYS)
    assert step.check_ins == ()


def test_a_goal_without_a_step_can_start_and_plan_one_later():
    goal = active(plan=None)
    assert goal.steps == ()
    assert goal.plan_step(CALL, T0).current_step.what == CALL.what


def test_the_planned_step_cannot_be_changed_through_the_answers_once_started():
    with pytest.raises(GoalError) as err:
        active().with_answers(step=SMALLER)
    assert err.value.code == "step_planned"
    assert active().with_answers(summary="Mijn eigen zin.").answers.summary == "Mijn eigen zin."


@pytest.mark.parametrize(
    ("due", "code"),
    [
        (DAY0, None),
        (DAY0 + timedelta(days=3), None),
        (DAY0 + timedelta(days=STEP_DAYS), None),
        (DAY0 + timedelta(days=STEP_DAYS + 1), "step_too_long"),
        (DAY0 - timedelta(days=1), "due_in_past"),
    ],
)
def test_a_chosen_day_fits_in_one_week(due, code):
    plan = StepPlan(what="bellen", due=due)
    if code is None:
        assert active(plan=plan).current_step.due == due
    else:
        with pytest.raises(GoalError) as err:
            active(plan=plan)
        assert err.value.code == code


# -- check-ins ---------------------------------------------------------------------


def test_check_in_only_on_the_current_step():
    goal = active()
    first = goal.current_step
    goal = goal.check_in(first.id, CheckInResult.NOT_YET, T0, note="Ik was ziek")
    goal = goal.make_smaller(SMALLER, T0)
    with pytest.raises(GoalError) as err:
        goal.check_in(first.id, CheckInResult.DONE, T0)
    assert err.value.code == "not_current_step"
    assert goal.check_in(goal.current_step.id, CheckInResult.DONE, T0).completed_steps == 1


def test_check_in_needs_an_active_goal_with_a_step():
    paused = active().pause()
    with pytest.raises(GoalError) as err:
        paused.check_in(paused.current_step.id, CheckInResult.DONE, T0)
    assert err.value.code == "not_active"
    no_step = active(plan=None)
    with pytest.raises(GoalError) as err:
        no_step.check_in("x", CheckInResult.DONE, T0)
    assert err.value.code == "not_current_step"


def test_a_done_step_takes_no_more_check_ins():
    goal = active()
    goal = goal.check_in(goal.current_step.id, CheckInResult.DONE, T0)
    with pytest.raises(GoalError) as err:
        goal.check_in(goal.current_step.id, CheckInResult.DONE, T0)
    assert err.value.code == "step_done"


def test_partly_then_done_counts_once_as_done():
    goal = active()
    sid = goal.current_step.id
    goal = goal.check_in(sid, CheckInResult.PARTLY, T0)
    assert (goal.completed_steps, goal.partly_steps) == (0, 1)
    goal = goal.check_in(sid, CheckInResult.DONE, T0 + timedelta(days=2))
    assert (goal.completed_steps, goal.partly_steps) == (1, 0)


@pytest.mark.parametrize(
    ("results", "done", "partly"),
    [
        ([], 0, 0),
        ([CheckInResult.DONE], 1, 0),
        ([CheckInResult.PARTLY], 0, 1),
        ([CheckInResult.NOT_YET], 0, 0),
        ([CheckInResult.DONE, CheckInResult.DONE, CheckInResult.PARTLY], 2, 1),
        ([CheckInResult.NOT_YET, CheckInResult.DONE, CheckInResult.DONE], 2, 0),
    ],
)
def test_completed_steps_are_counted(results, done, partly):
    goal = active()
    for n, result in enumerate(results):
        if n:
            goal = goal.plan_step(StepPlan(what=f"stap {n + 1}"), T0)
        goal = goal.check_in(goal.current_step.id, result, T0)
    assert goal.completed_steps == done
    assert goal.partly_steps == partly
    assert completed_steps_total([goal, goal]) == 2 * done


def test_not_yet_then_smaller_keeps_the_old_step_in_the_history():
    goal = active()
    old = goal.current_step
    goal = goal.check_in(old.id, CheckInResult.NOT_YET, T0 + timedelta(days=7), note="Te druk")
    goal = goal.make_smaller(SMALLER, T0 + timedelta(days=7))
    assert len(goal.steps) == 2
    kept = goal.step(old.id)
    assert kept.result is CheckInResult.NOT_YET
    assert kept.check_ins[0].note == "Te druk"
    assert goal.current_step.what == SMALLER.what
    assert goal.current_step.replaces == old.id
    assert goal.current_step.due == DAY0 + timedelta(days=14)
    assert goal.completed_steps == 0


@pytest.mark.parametrize("result", [None, CheckInResult.DONE, CheckInResult.PARTLY])
def test_make_smaller_only_after_not_yet(result):
    goal = active()
    if result is not None:
        goal = goal.check_in(goal.current_step.id, result, T0)
    with pytest.raises(GoalError) as err:
        goal.make_smaller(SMALLER, T0)
    assert err.value.code == "not_after_not_yet"


def test_a_next_step_waits_for_a_check_in_on_the_current_one():
    goal = active()
    with pytest.raises(GoalError) as err:
        goal.plan_step(SMALLER, T0)
    assert err.value.code == "step_open"
    goal = goal.check_in(goal.current_step.id, CheckInResult.DONE, T0)
    assert len(goal.plan_step(SMALLER, T0).steps) == 2


def test_changes_return_new_goals():
    goal = draft()
    goal.with_answers(desire="anders")
    goal.activate([], T0)
    assert goal.answers.desire == "een rustiger huis"
    assert goal.status is GoalStatus.DRAFT


# -- due steps -------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("days_later", "is_due"),
    [(0, False), (6, False), (7, True), (8, True), (30, True)],
)
def test_due_steps_by_date(days_later, is_due):
    goal = active()
    due = due_steps([goal], DAY0 + timedelta(days=days_later))
    assert [d.step.id for d in due] == ([goal.current_step.id] if is_due else [])


def test_due_steps_leave_out_checked_in_paused_done_and_draft_goals():
    later = DAY0 + timedelta(days=10)
    checked = active()
    checked = checked.check_in(checked.current_step.id, CheckInResult.PARTLY, T0)
    candidates = [
        checked,
        active().pause(),
        active().finish(T0),
        draft(),
        active(plan=None),
    ]
    assert due_steps(candidates, later) == []


def test_due_steps_oldest_day_first():
    early = active(plan=StepPlan(what="vroeg", due=DAY0 + timedelta(days=1)))
    late = active()
    due = due_steps([late, early], DAY0 + timedelta(days=9))
    assert [d.step.what for d in due] == ["vroeg", CALL.what]
    goal, step = due[0]
    assert goal is early and step is early.current_step


# -- suggested areas ---------------------------------------------------------------


@dataclass
class FakeBridge:
    priorities: tuple[str, ...]
    area_ids: tuple[str, ...] = AREAS


@pytest.mark.parametrize(
    ("priorities", "first"),
    [
        ((), AREAS[:2]),
        (("debts",), ("debts", "housing")),
        (("work", "family"), ("family", "work", "housing")),
    ],
)
def test_suggested_areas_put_priorities_first_then_bridge_order(priorities, first):
    areas = suggested_areas(FakeBridge(priorities))
    assert areas[: len(first)] == first
    assert sorted(areas) == sorted(AREAS)
    rest = [a for a in areas if a not in priorities]
    assert rest == [a for a in AREAS if a not in priorities]


def test_suggested_areas_take_a_real_assessment():
    bridge = Assessment.start(AREAS, T0).with_priority("savings", True)
    assert suggested_areas(bridge)[0] == "savings"


def test_status_and_check_in_labels_exist():
    for status in GoalStatus:
        assert f"goals.status.{status.value}" in CATALOG.entries
    for result in CheckInResult:
        assert f"goals.checkin_{result.value}" in CATALOG.entries
    assert CATALOG.text("goals.too_many_active", "nl", n=MAX_ACTIVE).startswith(
        "Je werkt al aan 3 doelen."
    )


def test_the_due_date_example_is_a_week_after_planning():
    assert active(now=datetime(2026, 3, 6, 18, 0, tzinfo=UTC)).current_step.due == date(2026, 3, 13)
