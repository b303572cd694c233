"""The caseload as the coach sees it: flags, stress trend, search, sort and filter.

Pure functions over :class:`~bridge.coach.types.ClientEntry` rows; no file is opened.
"""

from __future__ import annotations

import functools
import unicodedata
from collections.abc import Iterable
from datetime import UTC, date, datetime, timedelta
from enum import Enum

from bridge.coach.types import ClientEntry

__all__ = ["Flag", "SortKey", "caseload", "flags", "fold", "stress_trend"]


class Flag(Enum):
    WANTS_TO_TALK = "wants_to_talk"
    NO_UPDATE = "no_update"
    WENT_DOWN = "went_down"


class SortKey(Enum):
    LATEST = "latest"
    LABEL = "label"
    FLAGS = "flags"


def _day(iso: str) -> date | None:
    try:
        return datetime.fromisoformat(iso).date()
    except ValueError:
        return None


@functools.lru_cache(maxsize=4096)
def _moment(iso: str | None) -> float:
    """Seconds since 1970 (UTC) for sorting; never updated or unreadable sorts last."""
    if not iso:
        return float("-inf")
    try:
        moment = datetime.fromisoformat(iso)
    except ValueError:
        return float("-inf")
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=UTC)
    return moment.timestamp()


def flags(entry: ClientEntry, today: date, weeks: int) -> frozenset[Flag]:
    """Wants to talk (latest discuss not empty), no update in ``weeks`` weeks, went down."""
    found: set[Flag] = set()
    if entry.discuss:
        found.add(Flag.WANTS_TO_TALK)
    latest = _day(entry.latest_at) if entry.latest_at else None
    if latest is None or today - latest >= timedelta(weeks=weeks):
        found.add(Flag.NO_UPDATE)
    if entry.areas_down:
        found.add(Flag.WENT_DOWN)
    return frozenset(found)


def stress_trend(entry: ClientEntry) -> str | None:
    """``"up"`` | ``"same"`` | ``"down"`` from the last two stress levels; None with fewer."""
    if len(entry.stress_levels) < 2:
        return None
    before, last = entry.stress_levels[-2], entry.stress_levels[-1]
    if last > before:
        return "up"
    if last < before:
        return "down"
    return "same"


@functools.lru_cache(maxsize=4096)
def fold(text: str) -> str:
    """Lower case without accents, for searching ("Émile" finds "emile")."""
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    return "".join(c for c in decomposed if not unicodedata.combining(c))


def caseload(
    entries: Iterable[ClientEntry],
    *,
    today: date,
    weeks: int,
    search: str = "",
    sort: SortKey = SortKey.LATEST,
    only: Flag | None = None,
) -> list[ClientEntry]:
    """The rows to show: matching ``search`` (part of the label), with flag ``only``, sorted.

    LATEST: newest update first (never updated last); LABEL: alphabetical
    (accents and case ignored); FLAGS: most flags first, then newest update.
    Ties are broken by label, then client id, so the order is stable.
    """
    needle = fold(search.strip())
    rows = [e for e in entries if not needle or needle in fold(e.label)]
    marks = {e.client_id: flags(e, today, weeks) for e in rows}
    if only is not None:
        rows = [e for e in rows if only in marks[e.client_id]]

    def by_label(e: ClientEntry) -> tuple[str, str]:
        return (fold(e.label), e.client_id)

    rows.sort(key=by_label)
    if sort is SortKey.LATEST:
        rows.sort(key=lambda e: -_moment(e.latest_at))
    elif sort is SortKey.FLAGS:
        rows.sort(key=lambda e: (-len(marks[e.client_id]), -_moment(e.latest_at)))
    return rows
