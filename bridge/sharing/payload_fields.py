"""The strict checks of single payload values (see :mod:`bridge.sharing.payload`).

Each raises :class:`~bridge.sharing.errors.NotASummaryError` naming the field
(``where``), never the value. Strings that passed the check of an area id, a day
or a moment are remembered (see :data:`GOOD_AREAS`).
"""

from __future__ import annotations

import re
from datetime import date, datetime
from typing import Any

from bridge.sharing.errors import NotASummaryError

__all__ = [
    "GOOD_AREAS",
    "GOOD_DAYS",
    "GOOD_MOMENTS",
    "area_id",
    "bad",
    "day",
    "integer",
    "is_int",
    "moment",
    "text",
]

_DAY = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")
_AREA_ID_MAX = 64

#: Strings that passed the check of an area id, a day or a moment: each summary carries
#: the whole history, so the same ones come again and again. Only exact ``str`` values
#: are kept, and a string is only ever looked up for the same check it passed (the
#: checks depend on nothing but the string), so a hit is the check's own answer.
GOOD_AREAS: set[str] = set()
GOOD_DAYS: set[str] = set()
GOOD_MOMENTS: set[str] = set()
_GOOD_MAX = 50_000


def _remember(good: set[str], value: Any) -> None:
    if value.__class__ is str:
        if len(good) >= _GOOD_MAX:
            good.clear()
        good.add(value)


def bad(where: str) -> NotASummaryError:
    # Names the field only, never its value: the message may end up in a log.
    return NotASummaryError(f"This is not a summary from the Bridge app ({where}).")


def is_int(value: Any) -> bool:
    return isinstance(value, int) and not isinstance(value, bool)


def text(raw: Any, where: str, max_len: int | None = None) -> str:
    if not isinstance(raw, str) or (max_len is not None and len(raw) > max_len):
        raise bad(where)
    return raw


def integer(raw: Any, where: str, low: int, high: int) -> int:
    if not is_int(raw) or not low <= raw <= high:
        raise bad(where)
    return int(raw)


def area_id(raw: Any, where: str) -> str:
    if raw.__class__ is str and raw in GOOD_AREAS:
        return raw
    if not isinstance(raw, str) or not raw.isidentifier() or len(raw) > _AREA_ID_MAX:
        raise bad(where)
    _remember(GOOD_AREAS, raw)
    return raw


def day(raw: Any, where: str) -> str:
    if raw.__class__ is str and raw in GOOD_DAYS:
        return raw
    if not isinstance(raw, str) or not _DAY.fullmatch(raw):
        raise bad(where)
    try:
        date.fromisoformat(raw)
    except ValueError:
        raise bad(where) from None
    _remember(GOOD_DAYS, raw)
    return str(raw)


def moment(raw: Any, where: str) -> str:
    if raw.__class__ is str and raw in GOOD_MOMENTS:
        return raw
    try:
        datetime.fromisoformat(text(raw, where, 40))
    except ValueError:
        raise bad(where) from None
    _remember(GOOD_MOMENTS, raw)
    return str(raw)
