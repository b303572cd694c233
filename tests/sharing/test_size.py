"""The client's app never seals what the coach's app refuses (issue 10, PRODUCT.md §3 "Size").

A heavy client's summary is summarised to at most a quarter of the coach's
limit and still opens; a 5-year client's keeps everything; a summary that
cannot fit says which choice to switch off.
"""

from __future__ import annotations

import json
from datetime import UTC, datetime

import pytest

from bridge.sharing import SummaryChoices, build_summary, open_summary, seal_summary
from bridge.sharing.envelope import MAX_SIZE
from bridge.sharing.goal_input import GoalInput, SharedCheckIn, SharedStep
from bridge.sharing.readable import summarised
from bridge.sharing.size import SEALED_BUDGET, SLACK, sealed_size
from bridge.sharing.summary import SummaryTooBigError
from bridge.sharing.thinning import DETAILS, FULL

from .helpers import CLIENT, COACH, CONTENT, history, summary, t
from .helpers import NOW as SMALL_NOW

NOW = datetime(2026, 1, 10, 12, 0, tzinfo=UTC)


def built(data, choices=None, language="nl", **kwargs):
    return build_summary(
        data.snapshots,
        data.goals,
        choices or SummaryChoices(),
        CONTENT,
        t(language),
        CLIENT.client_id,
        NOW,
        client_recipient=CLIENT.recipient.to_string(),
        **kwargs,
    )


def test_the_budget_is_a_quarter_of_what_the_coach_opens():
    assert SEALED_BUDGET == MAX_SIZE // 4 == 250_000


@pytest.mark.parametrize("language", ["nl", "en"])
@pytest.mark.parametrize("notes", [False, True], ids=["default", "with-notes"])
def test_a_heavy_clients_summary_fits_a_quarter_and_opens(heavy, language, notes):
    assert (len(heavy.snapshots), len(heavy.goals)) == (240, 100)
    made = built(heavy, SummaryChoices(notes=notes), language)
    sealed = seal_summary(made, CLIENT, COACH.recipient, armor=True)
    assert len(sealed) <= SEALED_BUDGET
    opened = open_summary(sealed, COACH)
    assert opened.payload.as_dict() == made.payload
    assert opened.text == made.text
    assert made.detail != FULL and opened.payload.summarised


def test_a_heavy_clients_summary_keeps_what_the_coach_needs(heavy):
    made = built(heavy)
    payload = made.payload
    days = [s.completed_at.astimezone().date().isoformat() for s in heavy.snapshots]
    history_days = [e["date"] for e in payload["bridge"]["history"]]
    # The latest bridges all, with the latest one in full; before them one per month, every month.
    assert history_days[-24:] == days[-24:]
    assert payload["bridge"]["latest"]["date"] == days[-1]
    assert {d[:7] for d in history_days} == {d[:7] for d in days}
    assert len(history_days) + payload["omitted"]["bridges"] == len(days)
    stress_days = [e["date"] for e in payload["stress"]]
    assert {d[:7] for d in stress_days} == {d[:7] for d in days}
    assert len(stress_days) + payload["omitted"]["stress"] == len(days)
    # Every goal is there; the current ones in full (their latest steps and check-ins).
    goals = payload["goals"]
    assert [(g["title"], g["status"]) for g in goals] == [(g.title, g.status) for g in heavy.goals]
    for goal, given in zip(goals, heavy.goals, strict=True):
        kept = [s["text"] for s in goal["steps"]]
        assert kept == [s.text for s in given.steps][len(given.steps) - len(kept) :]
        assert len(kept) + goal.get("omitted_steps", 0) == len(given.steps)
        if given.status == "active":
            assert kept and kept[-1] == given.steps[-1].text
    titles_only = [g for g in goals if not g["steps"]]
    assert titles_only and all(g["omitted_steps"] > 0 for g in titles_only)


def test_a_five_year_clients_summary_keeps_everything(five_years):
    data = five_years
    assert (len(data.snapshots), len(data.goals)) == (60, 30)
    assert sum(len(s.check_ins) for g in data.goals for s in g.steps) == 300
    for language in ("nl", "en"):
        for choices in (SummaryChoices(), SummaryChoices(notes=True, consent=True)):
            made = built(data, choices, language)
            payload = made.payload
            assert made.detail == FULL and not summarised(payload)
            assert "omitted" not in payload
            assert len(payload["bridge"]["history"]) == 60
            assert len(payload["stress"]) == sum(s.stress is not None for s in data.snapshots)
            assert [len(g["steps"]) for g in payload["goals"]] == [len(g.steps) for g in data.goals]
            check_ins = [c for g in payload["goals"] for s in g["steps"] for c in s["check_ins"]]
            assert len(check_ins) == 300
            assert "omitted" not in json.dumps(payload)
            sealed = seal_summary(made, CLIENT, COACH.recipient)
            assert len(sealed) <= SEALED_BUDGET
            assert open_summary(sealed, COACH).payload.as_dict() == payload


def test_the_summarising_is_the_same_every_time(heavy):
    first, again = built(heavy), built(heavy)
    assert first.payload == again.payload and first.text == again.text


@pytest.mark.parametrize("armor", [True, False], ids=["armor", "binary"])
def test_the_size_is_known_before_sealing(heavy, five_years, armor):
    for made in (summary(), built(five_years), built(heavy), built(heavy, language="en")):
        real = len(seal_summary(made, CLIENT, COACH.recipient, armor=armor))
        assert made.sealed_size == sealed_size(made.text, made.payload)
        assert real <= made.sealed_size
        if armor:
            assert made.sealed_size - real <= SLACK


def test_a_smaller_budget_keeps_less_but_still_the_latest(heavy):
    levels = []
    for budget in (SEALED_BUDGET, 150_000, 100_000):
        made = built(heavy, budget=budget)
        assert made.sealed_size <= budget
        bridge = made.payload["bridge"]
        assert bridge["latest"]["date"] == bridge["history"][-1]["date"]
        levels.append(DETAILS.index(made.detail))
    assert levels == sorted(levels) and levels[0] < levels[-1]


# -- a summary that cannot fit ---------------------------------------------------------
LONG = "Ik wil mijn huis op orde en mijn geld ook. " * 12  # about 500 characters, the most


def _many_long_goals(count: int) -> list[GoalInput]:
    step = SharedStep(LONG, (SharedCheckIn("done", NOW),))
    return [GoalInput("housing", f"{n} {LONG}", "done", (step,)) for n in range(count)]


def test_a_summary_that_cannot_fit_says_so_and_what_to_switch_off():
    with pytest.raises(SummaryTooBigError) as caught:
        summary(goal_list=_many_long_goals(400))
    error = caught.value
    assert error.message_key == "share.error.too_big"
    assert error.ways_out == ("goals",)
    assert error.size > SEALED_BUDGET == error.budget
    for language in ("nl", "en"):
        assert "{" not in t(language)(error.message_key)
        assert t(language)("share.way_out.goals") in ("Deel zonder doelen", "Share without goals")
    # The way out works: without goals it fits.
    assert summary(SummaryChoices(goals=False), goal_list=_many_long_goals(400)).sealed_size


def test_notes_are_offered_as_a_way_out_when_they_are_what_does_not_fit():
    with_notes = SummaryChoices(notes=True)
    without = summary(SummaryChoices(), snapshots=history(), goal_list=[])
    noted = summary(with_notes, snapshots=history(), goal_list=[])
    assert noted.sealed_size > without.sealed_size
    with pytest.raises(SummaryTooBigError) as caught:
        summary_with_budget(with_notes, without.sealed_size)
    assert "notes" in caught.value.ways_out
    assert "discuss" not in caught.value.ways_out


def summary_with_budget(choices, budget):
    return build_summary(
        history(), [], choices, CONTENT, t("nl"), CLIENT.client_id, SMALL_NOW, budget=budget
    )
