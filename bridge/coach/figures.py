"""Programme figures: how the consenting clients' bridges and stress changed, with small cells hidden.

Who counts: only clients whose **latest** summary says ``consent_programme_figures``
(:func:`client_records`). Of each client only this is used, per area and for stress:
the first and the latest reading, each with its month (a :class:`Pair`). No label,
no note, no free text and no client id is read into a :class:`ClientRecord`.

**Months apart.** A pair counts when ``months_between(first, latest) >= months``
(default :data:`DEFAULT_MONTHS`, 6). ``months_between`` counts calendar months and
ignores the day: ``(latest.year * 12 + latest.month) - (first.year * 12 +
first.month)``. So 31 January and 1 July are 6 months apart, and 1 January and
30 June are 5. The rule is this coarse on purpose: the anonymous per-client
export keeps only the month of each date (:mod:`bridge.coach.figures_csv`), and
the figures over merged exports must be the same as over the histories.

**Up / same / down.** For an area "up" is a higher step (1..5) at the latest
bridge than at the first. For stress "up" is a higher stress level (0..10), so
for stress "up" means *more* stress. The mean change is latest minus first.

**Small-cell suppression** (:func:`suppress_row`) is applied inside
:func:`figures_of_records`, before anything leaves this module: a
:class:`Figures` holds only :class:`Count` values that may be shown. A row is a
set of counts that add up to a shown total (up/same/down adds up to n; the steps
1..5 at first add up to n; so do the steps at latest):

- a count of 1..4 is shown as ``"<5"`` (:data:`SMALL`); 0 is shown as 0: that
  "nobody" is in a cell says nothing about any one person, and hiding every zero
  would hide most of a small programme's table;
- a row whose total is 1..4 shows its total and every cell as ``"<5"`` (zeros
  too, or the shape of so small a group would show);
- complementary (secondary) suppression: while a hidden cell could still be
  worked out from the total and the shown cells, one more cell is hidden. A zero
  is taken first (shown as ``"<5"``, which is true of 0), else the smallest
  count of 5 or more, shown as ``"x"`` (:data:`HIDDEN`, as CBS marks a hidden
  figure). "Worked out" is checked exactly: a reader knows ``"<5"`` is 0..4 and
  ``"x"`` is 5..total; a cell whose value is then the only one possible is
  disclosed. If every cell is hidden and one still is, the total is hidden too.
- shares (percentages) and the mean change are shown only when n >= 5, and a
  share only next to a count that is shown (else it would give the count back).

Each row is protected against its own total; what several rows tell together
(an area's first and latest distributions next to its up/same/down) is not
checked jointly.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from bridge.coach.types import ClientHistory
from bridge.content import load_bridge
from bridge.domain.assessment import MAX_STEP, MIN_STEP

__all__ = [
    "DEFAULT_MONTHS",
    "HIDDEN",
    "MIN_CELL",
    "SMALL",
    "AreaFigures",
    "ChangeFigures",
    "ClientRecord",
    "Count",
    "Figures",
    "Month",
    "Pair",
    "area_order",
    "client_records",
    "figures",
    "figures_of_records",
    "months_between",
    "suppress_row",
]

#: A pair of first and latest readings counts when at least this many months apart.
DEFAULT_MONTHS = 6
#: Counts under this (but above 0) are never shown.
MIN_CELL = 5
#: How a hidden count of 0..4 is shown.
SMALL = "<5"
#: How a count of 5 or more that is hidden to protect another cell is shown.
HIDDEN = "x"


@dataclass(frozen=True, order=True)
class Month:
    year: int
    month: int  # 1..12

    @classmethod
    def of(cls, iso_date: str) -> Month:
        """The month of an ISO date (``YYYY-MM-DD``) or month (``YYYY-MM``)."""
        year, month = iso_date[:7].split("-")
        value = cls(int(year), int(month))
        if not 1 <= value.month <= 12:
            raise ValueError(f"not a month: {iso_date!r}")
        return value

    @property
    def index(self) -> int:
        return self.year * 12 + self.month

    def __str__(self) -> str:
        return f"{self.year:04d}-{self.month:02d}"


def months_between(first: Month, latest: Month) -> int:
    """Calendar months from ``first`` to ``latest`` (the day is not looked at)."""
    return latest.index - first.index


@dataclass(frozen=True)
class Pair:
    """A first and a latest reading (a step 1..5 or a stress level 0..10) and their months."""

    first_month: Month
    first: int
    latest_month: Month
    latest: int

    @property
    def change(self) -> int:
        return self.latest - self.first


@dataclass(frozen=True)
class ClientRecord:
    """All of one client that the figures use: no id, no label, no text."""

    areas: tuple[tuple[str, Pair], ...]  # (area id, pair), in the content's area order
    stress: Pair | None


@dataclass(frozen=True)
class Count:
    """A count as it may be shown: ``value`` is None when hidden; ``text`` is what to show."""

    value: int | None
    text: str

    @classmethod
    def shown(cls, value: int) -> Count:
        return cls(value, str(value))

    @property
    def hidden(self) -> bool:
        return self.value is None


@dataclass(frozen=True)
class ChangeFigures:
    """How many first-latest pairs counted (n), and how many went up, stayed, went down."""

    n: Count
    up: Count
    same: Count
    down: Count
    share_up: float | None  # percent 0..100; None when not shown
    share_same: float | None
    share_down: float | None
    mean_change: float | None  # None when n < 5


@dataclass(frozen=True)
class AreaFigures:
    area_id: str
    change: ChangeFigures  # of the steps
    first: tuple[Count, ...]  # how many were at step 1..5 at the first bridge
    latest: tuple[Count, ...]  # and at the latest


@dataclass(frozen=True)
class Figures:
    months: int  # the months-apart rule used
    clients: Count  # consenting clients with anything counted
    areas: tuple[AreaFigures, ...]  # in the content's area order
    stress: ChangeFigures


def area_order() -> tuple[str, ...]:
    return load_bridge().area_ids


# -- from the histories ---------------------------------------------------------------


def _pair(readings: Iterable[tuple[str, int]]) -> Pair | None:
    ordered = sorted(readings)
    if not ordered:
        return None
    (first_date, first), (latest_date, latest) = ordered[0], ordered[-1]
    return Pair(Month.of(first_date), first, Month.of(latest_date), latest)


def client_records(histories: Iterable[ClientHistory]) -> list[ClientRecord]:
    """One record per client whose latest summary consents, with a first and latest reading.

    Per area the first and latest bridge that have a step for it (they are the same
    bridge when there is one); for stress the first and latest level.
    """
    order = area_order()
    records: list[ClientRecord] = []
    for history in histories:
        if history.latest is None or history.latest.consent_programme_figures is not True:
            continue
        areas: list[tuple[str, Pair]] = []
        for area_id in order:
            pair = _pair((b.date, b.steps[area_id]) for b in history.bridges if area_id in b.steps)
            if pair is not None:
                areas.append((area_id, pair))
        stress = _pair((s.date, s.level) for s in history.stress)
        if areas or stress is not None:
            records.append(ClientRecord(tuple(areas), stress))
    return records


def figures(histories: Iterable[ClientHistory], months: int = DEFAULT_MONTHS) -> Figures:
    """The suppressed figures of the consenting clients among ``histories``."""
    return figures_of_records(client_records(histories), months)


# -- suppression ----------------------------------------------------------------------


def _bounds(count: Count, value: int, total: int) -> tuple[int, int]:
    """What a reader knows of a cell: its value when shown, else the range its mark says."""
    if not count.hidden:
        return value, value
    return (0, MIN_CELL - 1) if count.text == SMALL else (MIN_CELL, total)


def _disclosed(cells: Sequence[Count], values: Sequence[int], total: int) -> bool:
    """Whether some hidden cell has only one value that fits the total and the other cells."""
    bounds = [_bounds(c, v, total) for c, v in zip(cells, values, strict=True)]
    low_sum = sum(lo for lo, _ in bounds)
    high_sum = sum(hi for _, hi in bounds)
    for cell, (lo, hi) in zip(cells, bounds, strict=True):
        if not cell.hidden:
            continue
        least = max(lo, total - (high_sum - hi))
        most = min(hi, total - (low_sum - lo))
        if least >= most:
            return True
    return False


def suppress_row(values: Sequence[int]) -> tuple[Count, tuple[Count, ...]]:
    """The row's total and cells as they may be shown (see the module's docstring).

    >>> total, cells = suppress_row([7, 3, 0])
    >>> total.text, [c.text for c in cells]
    ('10', ['7', '<5', '<5'])
    """
    if any(v < 0 for v in values):
        raise ValueError("a count is never negative")
    total = sum(values)
    if total == 0:
        return Count.shown(0), tuple(Count.shown(0) for _ in values)
    if total < MIN_CELL:
        return Count(None, SMALL), tuple(Count(None, SMALL) for _ in values)
    cells = [Count(None, SMALL) if 0 < v < MIN_CELL else Count.shown(v) for v in values]
    while any(c.hidden for c in cells) and _disclosed(cells, values, total):
        candidates = [i for i, c in enumerate(cells) if not c.hidden]
        if not candidates:
            return Count(None, HIDDEN), tuple(cells)
        pick = min(candidates, key=lambda i: (values[i] != 0, values[i], i))
        cells[pick] = Count(None, SMALL if values[pick] == 0 else HIDDEN)
    return Count.shown(total), tuple(cells)


def _share(count: Count, n: int) -> float | None:
    if count.value is None or n < MIN_CELL:
        return None
    return 100.0 * count.value / n


def _change_figures(pairs: Sequence[Pair]) -> ChangeFigures:
    changes = [p.change for p in pairs]
    up = sum(1 for c in changes if c > 0)
    same = sum(1 for c in changes if c == 0)
    down = sum(1 for c in changes if c < 0)
    n, (up_c, same_c, down_c) = suppress_row([up, same, down])
    count = len(changes)
    return ChangeFigures(
        n=n,
        up=up_c,
        same=same_c,
        down=down_c,
        share_up=_share(up_c, count),
        share_same=_share(same_c, count),
        share_down=_share(down_c, count),
        mean_change=sum(changes) / count if count >= MIN_CELL else None,
    )


def _distribution(steps: Iterable[int]) -> tuple[Count, ...]:
    values = list(steps)
    counts = [values.count(step) for step in range(MIN_STEP, MAX_STEP + 1)]
    return suppress_row(counts)[1]


def _counted(pair: Pair, months: int) -> bool:
    return months_between(pair.first_month, pair.latest_month) >= months


def figures_of_records(records: Iterable[ClientRecord], months: int = DEFAULT_MONTHS) -> Figures:
    """The suppressed figures over ``records``: only pairs at least ``months`` apart count."""
    if isinstance(months, bool) or not isinstance(months, int) or months < 0:
        raise ValueError("months is a whole number, 0 or more")
    by_area: dict[str, list[Pair]] = {area_id: [] for area_id in area_order()}
    stress: list[Pair] = []
    clients = 0
    for record in records:
        counted = False
        for area_id, pair in record.areas:
            if _counted(pair, months):
                by_area.setdefault(area_id, []).append(pair)
                counted = True
        if record.stress is not None and _counted(record.stress, months):
            stress.append(record.stress)
            counted = True
        clients += counted
    areas = tuple(
        AreaFigures(
            area_id=area_id,
            change=_change_figures(pairs),
            first=_distribution(p.first for p in pairs),
            latest=_distribution(p.latest for p in pairs),
        )
        for area_id, pairs in by_area.items()
    )
    shown_clients = suppress_row([clients])[0]
    return Figures(months, shown_clients, areas, _change_figures(stress))
