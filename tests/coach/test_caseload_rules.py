"""Caseload flags, stress trend, search, sort and filter (pure functions over index rows)."""

from __future__ import annotations

from datetime import date

import pytest

from bridge.coach.caseload import Flag, SortKey, caseload, flags, stress_trend
from bridge.coach.pasted import split_pasted
from bridge.coach.types import ClientEntry
from tests.coach.store_helpers import sealed
from tests.sharing.helpers import CLIENT, OTHER_CLIENT

TODAY = date(2026, 6, 1)


def entry(
    label: str,
    latest_at: str | None = "2026-05-30T10:00:00+02:00",
    *,
    stress: tuple[int, ...] = (),
    discuss: tuple[str, ...] = (),
    down: tuple[str, ...] = (),
) -> ClientEntry:
    return ClientEntry(
        client_id=f"{abs(hash(label)) % 16**16:016x}",
        label=label,
        signer_fingerprint="0000 0000 0000 0000",
        latest_at=latest_at,
        latest_bridge_date=None,
        previous_bridge_date=None,
        stress_levels=stress,
        discuss=discuss,
        areas_down=down,
        active_goals=0,
        summaries=1,
        envelope_version=2,
    )


def test_wants_to_talk_when_the_latest_names_an_area() -> None:
    assert Flag.WANTS_TO_TALK in flags(entry("a", discuss=("housing",)), TODAY, 4)
    assert Flag.WANTS_TO_TALK not in flags(entry("a"), TODAY, 4)


def test_no_update_after_n_weeks_from_the_latest() -> None:
    assert flags(entry("a", "2026-05-05T09:00:00+00:00"), TODAY, 4) == frozenset()  # 27 days
    assert flags(entry("a", "2026-05-04T09:00:00+00:00"), TODAY, 4) == {Flag.NO_UPDATE}  # 4 weeks
    assert flags(entry("a", "2026-05-04T09:00:00+00:00"), TODAY, 5) == frozenset()
    assert Flag.NO_UPDATE in flags(entry("a", None), TODAY, 4)


def test_went_down_when_an_area_went_down() -> None:
    assert flags(entry("a", down=("debts",)), TODAY, 4) == {Flag.WENT_DOWN}


@pytest.mark.parametrize(
    ("levels", "trend"),
    [((), None), ((5,), None), ((3, 5), "up"), ((8, 5, 5), "same"), ((2, 9, 4), "down")],
)
def test_stress_trend_from_the_last_two_levels(levels, trend) -> None:
    assert stress_trend(entry("a", stress=levels)) == trend


def test_search_ignores_case_and_accents() -> None:
    rows = [entry("Émile Dupont"), entry("Zoë"), entry("Anna")]
    assert [e.label for e in caseload(rows, today=TODAY, weeks=4, search="emile")] == [
        "Émile Dupont"
    ]
    assert [e.label for e in caseload(rows, today=TODAY, weeks=4, search=" ZOE ")] == ["Zoë"]
    assert caseload(rows, today=TODAY, weeks=4, search="x") == []


def test_sort_by_latest_label_and_flags() -> None:
    old = entry("Bea", "2026-01-01T10:00:00+00:00", discuss=("housing",), down=("debts",))
    new = entry("anna", "2026-05-31T23:30:00+00:00")
    # Later in UTC, though the text sorts first: the offset counts.
    mid = entry("Cas", "2026-05-31T22:00:00-02:00", discuss=("work",))
    never = entry("Dirk", None)
    rows = [old, never, mid, new]
    latest = caseload(rows, today=TODAY, weeks=4)
    assert [e.label for e in latest] == ["Cas", "anna", "Bea", "Dirk"]
    by_label = caseload(rows, today=TODAY, weeks=4, sort=SortKey.LABEL)
    assert [e.label for e in by_label] == ["anna", "Bea", "Cas", "Dirk"]
    by_flags = caseload(rows, today=TODAY, weeks=4, sort=SortKey.FLAGS)
    assert [e.label for e in by_flags] == ["Bea", "Cas", "Dirk", "anna"]


def test_filter_on_a_flag() -> None:
    rows = [entry("a", discuss=("housing",)), entry("b"), entry("c", down=("work",))]
    only = caseload(rows, today=TODAY, weeks=4, only=Flag.WANTS_TO_TALK)
    assert [e.label for e in only] == ["a"]
    assert [e.label for e in caseload(rows, today=TODAY, weeks=4, only=Flag.WENT_DOWN)] == ["c"]
    assert caseload(rows, today=TODAY, weeks=4, only=Flag.NO_UPDATE) == []


def test_a_paste_holds_one_or_several_summaries() -> None:
    one = sealed(CLIENT, 0).decode("ascii")
    two = sealed(OTHER_CLIENT, 0).decode("ascii")
    assert split_pasted(one) == [one.strip()]
    assert split_pasted(f"Hoi, hier zijn ze:\n{one}\nen\r\n{two}\nGroet") == [
        one.strip(),
        two.strip(),
    ]
    assert split_pasted("  \n ") == []
    assert split_pasted("geen samenvatting") == ["geen samenvatting"]
