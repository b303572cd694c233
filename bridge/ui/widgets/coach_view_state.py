"""What the coach chose on the caseload and a client page (search, order, filter, range, the
date to compare with), kept per session so list and detail keep it between screens."""

from __future__ import annotations

import weakref
from dataclasses import dataclass, field

from bridge.coach.caseload import Flag, SortKey
from bridge.coach.charts_data import Range


@dataclass
class CoachViewState:
    search: str = ""
    sort: SortKey = SortKey.LATEST
    only: Flag | None = None
    range: Range = Range.YEAR
    #: Per client: the date of the earlier bridge the coach compares the latest with.
    compare: dict[str, str] = field(default_factory=dict)


# Keyed by the session object itself: the state goes when the session goes.
_STATES: weakref.WeakKeyDictionary[object, CoachViewState] = weakref.WeakKeyDictionary()


def view_state(app: object) -> CoachViewState:
    state = _STATES.get(app)
    if state is None:
        state = _STATES[app] = CoachViewState()
    return state
