"""The coach's settings kept in ``bridge.db`` (table ``coach_meta``, see
:mod:`bridge.coach.records`), sealed with the rest of the coach's data and checked when it opens:

* the N of "no update in N weeks" on the caseload (record ``settings``);
* for the programme figures, how many months apart a client's first and latest bridge must be
  to count (record ``figures``; :data:`bridge.coach.figures.DEFAULT_MONTHS` until set).

``repo`` is the open data (the repository the coach's store writes to). Each is one quick
record read or write: fine on the event loop.
"""

from __future__ import annotations

from bridge.coach.figures import DEFAULT_MONTHS
from bridge.coach.records import (
    FIGURES_ID,
    META_TABLE,
    MONTHS_RANGE,
    SETTINGS_ID,
    CoachRecords,
    months_from_record,
    months_to_record,
    weeks_from_record,
    weeks_to_record,
)
from bridge.coach.types import CoachStoreError

__all__ = [
    "DEFAULT_WEEKS",
    "MONTHS_RANGE",
    "WEEKS_RANGE",
    "months_apart",
    "read_weeks",
    "set_months_apart",
    "write_weeks",
]

#: "No update in N weeks": the default N, and the range a coach may set.
DEFAULT_WEEKS = 4
WEEKS_RANGE = range(1, 521)


def _in_range(value: int, allowed: range, code: str, message: str) -> int:
    """`value` itself, or CoachStoreError `code` (nothing is stored then)."""
    if isinstance(value, bool) or not isinstance(value, int) or value not in allowed:
        raise CoachStoreError(code, message, params={"min": allowed.start, "max": allowed.stop - 1})
    return value


def read_weeks(repo: CoachRecords) -> int:
    record = repo.get_record(META_TABLE, SETTINGS_ID)
    return weeks_from_record(record) if record is not None else DEFAULT_WEEKS


def write_weeks(repo: CoachRecords, weeks: int) -> None:
    """Raises CoachStoreError ('weeks_out_of_range') for a number outside WEEKS_RANGE."""
    checked = _in_range(
        weeks, WEEKS_RANGE, "weeks_out_of_range", "The number of weeks is out of range."
    )
    repo.put_record(META_TABLE, SETTINGS_ID, weeks_to_record(checked))


def months_apart(repo: CoachRecords) -> int:
    """The rule the coach chose, or the default (a damaged record is refused when the data
    opens, so one read here is well formed)."""
    record = repo.get_record(META_TABLE, FIGURES_ID)
    return months_from_record(record) if record is not None else DEFAULT_MONTHS


def set_months_apart(repo: CoachRecords, months: int) -> None:
    """Stores the rule; CoachStoreError ``months_out_of_range`` (nothing stored) when bad."""
    checked = _in_range(
        months, MONTHS_RANGE, "months_out_of_range", "The number of months is out of range."
    )
    repo.put_record(META_TABLE, FIGURES_ID, months_to_record(checked))
