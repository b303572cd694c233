"""Summarising a long history: which items are kept, how the payload counts the rest, and the text."""

from __future__ import annotations

import copy
from datetime import timedelta

import pytest

from bridge.sharing import NotASummaryError, SummaryChoices, validate_payload
from bridge.sharing.goal_input import GoalInput, SharedCheckIn, SharedStep
from bridge.sharing.readable import preview_lines, readable_text, summarised
from bridge.sharing.summary import Summary, build_payload
from bridge.sharing.thinning import FULL, Detail, full_goals, kept_by_month, latest

from .helpers import CLIENT, CONTENT, NOW, T0, snapshot, summary, t

DAYS = ["2024-01-03", "2024-01-20", "2024-02-01", "2024-02-27", "2024-03-05", "2024-03-30"]


@pytest.mark.parametrize(
    ("recent", "kept"),
    [
        (None, [0, 1, 2, 3, 4, 5]),
        (6, [0, 1, 2, 3, 4, 5]),
        (10, [0, 1, 2, 3, 4, 5]),
        (2, [1, 3, 4, 5]),  # the last two; before them the last of January and of February
        (1, [1, 3, 4, 5]),  # March's last is the latest; its earlier one is March's "last before"
        (0, [1, 3, 5]),  # one per month, the last of each
    ],
)
def test_the_latest_are_kept_and_before_them_one_per_month(recent, kept):
    assert kept_by_month(DAYS, recent) == kept


def test_one_per_month_never_skips_a_month():
    days = [f"20{y:02d}-{m:02d}-{d:02d}" for y in (21, 22) for m in range(1, 13) for d in (2, 9)]
    kept = kept_by_month(days, 0)
    assert [days[n][:7] for n in kept] == sorted({d[:7] for d in days})
    assert all(days[n].endswith("-09") for n in kept)


def test_latest_keeps_the_end():
    assert latest((1, 2, 3), None) == (1, 2, 3)
    assert latest((1, 2, 3), 2) == (2, 3)
    assert latest((1, 2, 3), 5) == (1, 2, 3)
    assert latest((1, 2, 3), 0) == ()


def _goal(title, status="done", worked_on=None, steps=1):
    check_ins = (
        () if worked_on is None else (SharedCheckIn("done", T0 + timedelta(days=worked_on)),)
    )
    return GoalInput(
        "housing",
        title,
        status,
        tuple(SharedStep(f"{title} {n}", check_ins) for n in range(steps)),
    )


def test_current_goals_come_first_then_the_latest_worked_on():
    goals = [
        _goal("old", worked_on=1),
        _goal("paused", "paused"),
        _goal("recent", worked_on=50),
        _goal("active", "active", worked_on=3),
        _goal("never"),
    ]
    assert full_goals(goals, 3) == {1, 2, 3}
    assert full_goals(goals, 2) == {1, 3}
    assert full_goals(goals, 4) == {0, 1, 2, 3}
    assert full_goals(goals, None) == set(range(5))
    assert full_goals(goals, 0) == set()


# -- the payload counts what was left out, and the coach's check accepts it -----------
MANY = [snapshot(T0 + timedelta(days=7 * n), stress=n % 11) for n in range(20)]
DETAIL = Detail(recent=3, goals_in_full=1, steps_per_goal=2, check_ins_per_step=1)


def _long_goal():
    check_ins = tuple(SharedCheckIn("partly", T0 + timedelta(days=d)) for d in range(4))
    return GoalInput(
        "debts",
        "Schulden op een rij",
        "active",
        (SharedStep("a"), SharedStep("b"), SharedStep("c", check_ins)),
    )


def _thinned(choices=None):
    return build_payload(
        MANY,
        [_goal("oud", steps=3), _long_goal()],
        choices or SummaryChoices(),
        "nl",
        CLIENT.client_id,
        NOW,
        DETAIL,
    )


def test_the_payload_counts_what_it_left_out():
    payload = _thinned()
    days = [e["date"] for e in payload["bridge"]["history"]]
    assert payload["omitted"] == {"bridges": 20 - len(days), "stress": 20 - len(payload["stress"])}
    assert days[-3:] == [s.completed_at.astimezone().date().isoformat() for s in MANY[-3:]]
    old, current = payload["goals"]
    assert old == {
        "area_id": "housing",
        "title": "oud",
        "status": "done",
        "steps": [],
        "omitted_steps": 3,
    }
    assert [s["text"] for s in current["steps"]] == ["b", "c"] and current["omitted_steps"] == 1
    assert current["steps"][1]["omitted_check_ins"] == 3
    assert current["steps"][1]["check_ins"][0]["at"] == (T0 + timedelta(days=3)).isoformat()
    assert "omitted_check_ins" not in current["steps"][0]


def test_the_coachs_check_accepts_the_counts_and_gives_them_back():
    payload = _thinned()
    typed = validate_payload(copy.deepcopy(payload))
    assert typed.as_dict() == payload
    assert (typed.omitted_bridges, typed.omitted_stress) == (
        payload["omitted"]["bridges"],
        payload["omitted"]["stress"],
    )
    assert typed.goals[0].summarised and not typed.goals[1].summarised
    assert typed.goals[1].omitted_steps == 1 and typed.goals[1].steps[1].omitted_check_ins == 3
    assert typed.summarised


def test_nothing_left_out_means_no_counts_at_all():
    payload = dict(summary().payload)
    typed = validate_payload(copy.deepcopy(payload))
    assert not typed.summarised and typed.omitted_bridges == typed.omitted_stress == 0
    assert typed.as_dict() == payload


def test_a_count_only_comes_with_its_section():
    payload = _thinned(SummaryChoices(stress=False))
    assert payload["omitted"] == {"bridges": payload["omitted"]["bridges"]}
    validate_payload(payload)


def _set(path, value):
    def change(payload):
        *parents, last = path
        target = payload
        for key in parents:
            target = target[key]
        target[last] = value

    return change


BAD = [
    ("omitted-empty", _set(["omitted"], {})),
    ("omitted-zero", _set(["omitted", "bridges"], 0)),
    ("omitted-negative", _set(["omitted", "stress"], -2)),
    ("omitted-bool", _set(["omitted", "bridges"], True)),
    ("omitted-text", _set(["omitted", "bridges"], "3")),
    ("omitted-unknown", _set(["omitted", "goals"], 1)),
    ("omitted-not-object", _set(["omitted"], 3)),
    ("steps-zero", _set(["goals", 0, "omitted_steps"], 0)),
    ("steps-float", _set(["goals", 0, "omitted_steps"], 1.0)),
    ("check-ins-zero", _set(["goals", 1, "steps", 1, "omitted_check_ins"], 0)),
    ("check-ins-huge", _set(["goals", 1, "steps", 1, "omitted_check_ins"], 10**12)),
    ("goal-other-count", _set(["goals", 0, "omitted_check_ins"], 1)),
    ("step-other-count", _set(["goals", 1, "steps", 0, "omitted_steps"], 1)),
]


@pytest.mark.parametrize("change", [c for _, c in BAD], ids=[i for i, _ in BAD])
def test_the_check_refuses_a_bad_count(change):
    payload = _thinned()
    change(payload)
    with pytest.raises(NotASummaryError):
        validate_payload(payload)


def test_a_count_for_a_section_turned_off_is_refused():
    payload = _thinned(SummaryChoices(stress=False))
    payload["omitted"]["stress"] = 4
    with pytest.raises(NotASummaryError):
        validate_payload(payload)


# -- the text says what was summarised -------------------------------------------------
@pytest.mark.parametrize("language", ["nl", "en"])
def test_the_text_says_what_was_left_out(language):
    tr = t(language)
    payload = _thinned()
    text = readable_text(payload, CONTENT, tr)
    bridges, stress = payload["omitted"]["bridges"], payload["omitted"]["stress"]
    for line in (
        tr("share.text.shortened"),
        tr("share.text.history_thinned.other", count=bridges),
        tr("share.text.stress_thinned.other", count=stress),
        "  - " + tr("share.text.goal_title_only.other", count=3),
        "  - " + tr("share.text.steps_omitted.one", count=1),
        "    - " + tr("share.text.check_ins_omitted.other", count=3),
    ):
        assert line in text.splitlines()
    if language == "nl":
        assert f"Oudere bruggen: alleen de stappen, één per maand. {bridges} bruggen" in text


def test_the_preview_tells_the_client_too():
    built = summary(snapshots=MANY)
    assert not summarised(built.payload)
    shortened = t()("share.preview.shortened")
    assert shortened not in [line.text for line in preview_lines(built, t())]
    thinned = Summary(_thinned(), "", built.area_names, DETAIL)
    line = next(line for line in preview_lines(thinned, t()) if line.text == shortened)
    assert line.shared


def test_the_full_detail_is_the_whole_history():
    assert FULL.full and not DETAIL.full
    full = build_payload(MANY, [_long_goal()], SummaryChoices(), "nl", CLIENT.client_id, NOW)
    assert len(full["bridge"]["history"]) == 20 and "omitted" not in full
    assert [len(s["check_ins"]) for s in full["goals"][0]["steps"]] == [0, 0, 4]
