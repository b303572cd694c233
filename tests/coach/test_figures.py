"""Programme figures: the aggregation against a hand-computed fixture, small-cell suppression
(with the second cell), and the months-apart rule at its boundary."""

from __future__ import annotations

import itertools

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from bridge.coach.figures import (
    HIDDEN,
    SMALL,
    Month,
    area_order,
    client_records,
    figures,
    months_between,
    suppress_row,
)

from .figures_helpers import FIXTURE, history


def texts(cells):
    return [c.text for c in cells]


# -- the aggregation -------------------------------------------------------------------------


def test_the_figures_of_the_fixture_are_the_hand_computed_ones():
    result = figures(FIXTURE)
    assert result.months == 6
    assert [a.area_id for a in result.areas] == list(area_order())
    work = next(a for a in result.areas if a.area_id == "work")
    # 12 pairs (client 13 is 5 months apart; 14 did not consent; 15 sent nothing)
    assert work.change.n.text == "12"
    assert texts([work.change.up, work.change.same, work.change.down]) == ["7", "5", "0"]
    assert work.change.share_up == pytest.approx(100 * 7 / 12)
    assert work.change.share_same == pytest.approx(100 * 5 / 12)
    assert work.change.share_down == 0.0
    assert work.change.mean_change == pytest.approx(10 / 12)
    # first steps 1,1,2,2,3,3,4 | 2,3,3,4,5 -> [2,3,4,2,1]; latest -> [0,2,4,3,3]
    assert texts(work.first) == [SMALL] * 5
    assert texts(work.latest) == ["0", SMALL, SMALL, SMALL, SMALL]
    # housing: three clients only -> everything hidden, no share, no mean
    housing = next(a for a in result.areas if a.area_id == "housing")
    assert housing.change.n.text == SMALL
    assert housing.change.n.value is None
    assert texts([housing.change.up, housing.change.same, housing.change.down]) == [SMALL] * 3
    assert housing.change.mean_change is None
    assert housing.change.share_up is None
    # an area nobody filled in shows 0s
    debts = next(a for a in result.areas if a.area_id == "debts")
    assert debts.change.n.text == "0" and texts(debts.first) == ["0"] * 5
    # stress: 6 went down 8->5, 2 stayed 4->4, 1 went up 3->6 (up = more stress)
    stress = result.stress
    assert stress.n.text == "9"
    assert texts([stress.up, stress.same, stress.down]) == [SMALL, SMALL, "6"]
    assert stress.share_up is None and stress.share_same is None
    assert stress.share_down == pytest.approx(100 * 6 / 9)
    assert stress.mean_change == pytest.approx((6 * -3 + 3) / 9)
    assert result.clients.text == "12"


def test_only_the_latest_summarys_consent_counts():
    base = FIXTURE[:12]
    without = figures(base)
    refused = history(
        "client-x",
        consent=False,
        bridges=[("2020-01-01", {"work": 5}), ("2024-01-01", {"work": 1})],
    )
    assert figures([*base, refused]) == without
    agreed = history("client-x", bridges=[("2020-01-01", {"work": 5}), ("2024-01-01", {"work": 1})])
    work = next(a for a in figures([*base, agreed]).areas if a.area_id == "work")
    assert work.change.n.text == "13" and work.change.down.text == SMALL


def test_first_and_latest_are_the_first_and_last_bridge_with_that_area():
    h = history(
        "c",
        bridges=[
            ("2024-03-01", {"work": 4}),
            ("2024-01-01", {"housing": 1}),  # out of order: sorted by date
            ("2024-06-01", {"work": 1, "housing": 5}),
            ("2024-12-01", {"work": 2}),
        ],
        stress=[("2024-01-01", 7), ("2024-12-01", 2)],
    )
    (record,) = client_records([h])
    pairs = dict(record.areas)
    assert (pairs["work"].first, pairs["work"].latest) == (4, 2)
    assert str(pairs["work"].first_month) == "2024-03"
    assert (pairs["housing"].first, pairs["housing"].latest) == (1, 5)
    assert record.stress is not None and record.stress.change == -5


def test_a_record_holds_no_text_and_no_id():
    h = history(
        "secret-client-id",
        label="Label X",
        note="a note",
        goal="a goal",
        bridges=[("2024-01-01", {"work": 1})],
    )
    assert "secret" not in repr(client_records([h])) and "Label" not in repr(client_records([h]))


# -- the months-apart rule -------------------------------------------------------------------


@pytest.mark.parametrize(
    ("first", "latest", "apart"),
    [
        ("2025-01-31", "2025-07-01", 6),  # the day is not looked at
        ("2025-01-01", "2025-06-30", 5),
        ("2024-12-15", "2025-06-15", 6),  # over the year's end
        ("2025-03-10", "2025-03-20", 0),
    ],
)
def test_months_between_counts_calendar_months(first, latest, apart):
    assert months_between(Month.of(first), Month.of(latest)) == apart


def _one_pair(first: str, latest: str):
    return history("c", bridges=[(first, {"work": 1}), (latest, {"work": 3})])


def _work_n(histories, months):
    work = next(a for a in figures(histories, months).areas if a.area_id == "work")
    return work.change.n


@pytest.mark.parametrize(
    ("latest", "months", "counted"),
    [
        ("2025-07-01", 6, True),  # exactly 6 months: counts
        ("2025-06-30", 6, False),  # 5 months: does not
        ("2025-06-30", 5, True),
        ("2026-01-01", 12, True),
        ("2025-12-31", 12, False),
    ],
)
def test_pairs_count_from_exactly_n_months_apart(latest, months, counted):
    five = [_one_pair("2025-01-01", latest) for _ in range(5)]
    assert _work_n(five, months).text == ("5" if counted else "0")


def test_a_single_bridge_counts_only_with_a_zero_month_rule():
    one = [history(f"c{i}", bridges=[("2025-01-01", {"work": 2})]) for i in range(5)]
    assert _work_n(one, 6).text == "0"
    assert _work_n(one, 0).text == "5"


def test_a_bad_months_setting_is_refused():
    with pytest.raises(ValueError, match="months"):
        figures(FIXTURE, -1)


# -- suppression -----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("values", "total", "cells"),
    [
        ([7, 8, 9], "24", ["7", "8", "9"]),  # nothing small
        ([5, 0, 0], "5", ["5", "0", "0"]),  # zeros are shown
        ([0, 0, 0], "0", ["0", "0", "0"]),
        ([2, 1, 1], SMALL, [SMALL, SMALL, SMALL]),  # a total under 5 hides the whole row
        ([3, 0, 1], SMALL, [SMALL, SMALL, SMALL]),
        ([3, 2], "5", [SMALL, SMALL]),  # two hidden cells: 3+2, 2+3, 1+4 or 4+1
        ([4, 1, 1], "6", [SMALL, SMALL, SMALL]),
    ],
)
def test_small_counts_are_hidden(values, total, cells):
    shown_total, shown = suppress_row(values)
    assert shown_total.text == total
    assert texts(shown) == cells


def test_a_second_cell_is_hidden_when_one_alone_could_be_worked_out():
    # up=7, same=3, down=0 with n=10: "3" alone would be 10 - 7 - 0. The zero goes too.
    total, cells = suppress_row([7, 3, 0])
    assert total.text == "10"
    assert texts(cells) == ["7", SMALL, SMALL]
    # no zero to take: the smallest count of 5 or more is hidden, shown as "x"
    total, cells = suppress_row([10, 3, 6])
    assert (total.text, texts(cells)) == ("19", ["10", SMALL, HIDDEN])
    assert [c.value for c in cells] == [10, None, None]


def test_two_fours_are_protected_too():
    # 4 + 4 + 7 = 15: with 7 shown, two "<5" cells adding up to 8 can only be 4 and 4
    assert texts(suppress_row([4, 4, 7])[1]) == [SMALL, SMALL, HIDDEN]
    # 4 + 4 + 4 = 12 can only be 4, 4, 4: the total goes too
    total, cells = suppress_row([4, 4, 4])
    assert total.text == HIDDEN and texts(cells) == [SMALL] * 3


def test_negative_counts_are_refused():
    with pytest.raises(ValueError):
        suppress_row([-1, 6])


def _reader_can_work_out(total: int, cells) -> bool:
    """Brute force: some hidden cell has only one value that fits what is shown."""
    ranges = []
    for c in cells:
        if c.value is not None:
            ranges.append(range(c.value, c.value + 1))
        elif c.text == SMALL:
            ranges.append(range(0, 5))
        else:
            ranges.append(range(5, total + 1))
    possible: list[set[int]] = [set() for _ in cells]
    for combo in itertools.product(*ranges):
        if sum(combo) == total:
            for i, v in enumerate(combo):
                possible[i].add(v)
    return any(c.value is None and len(p) < 2 for c, p in zip(cells, possible, strict=True))


@settings(max_examples=300, deadline=None)
@given(st.lists(st.integers(0, 12), min_size=1, max_size=4))
def test_no_hidden_cell_can_be_worked_out_and_no_small_count_is_shown(values):
    total, cells = suppress_row(values)
    for value, cell in zip(values, cells, strict=True):
        assert cell.value in (None, value)
        assert cell.text == (str(value) if cell.value is not None else cell.text)
        if 0 < value < 5:
            assert cell.hidden and cell.text == SMALL
        if cell.text == SMALL:
            assert value < 5  # "<5" is never a lie
    if 0 < sum(values) < 5:
        assert total.text == SMALL
    elif total.value is not None:
        assert total.value == sum(values)
        assert not _reader_can_work_out(total.value, cells)
