"""The summary payload, version 1: its shape, and a strict check of that shape.

The payload is JSON.  Fields marked *(choice)* are present only when the client
chose to share them, and then always present (possibly empty); a field the
client turned off is absent, never empty::

    {
      "format": "bridge-summary",
      "version": 1,
      "client_id": "<16 lowercase hex digits>",
      "created_at": "<ISO 8601 date and time>",
      "language": "nl" | "en",
      "choices": {"bridge": bool, "stress": bool, "goals": bool,
                  "discuss": bool, "notes": bool, "consent": bool},
      "bridge": {                                           (choice bridge)
        "latest": null | {"date": "YYYY-MM-DD",
                          "steps": {area_id: 1..5},
                          "helpers": {area_id: "alone" | "network" | "professional"}},
        "history": [{"date": "YYYY-MM-DD", "steps": {area_id: 1..5}}, ...]  (oldest first,
                                                                              latest included)
      },
      "priorities": [area_id, ...],                         (choice bridge)
      "stress": [{"date": "YYYY-MM-DD", "level": 0..10}, ...],  (choice stress)
      "discuss": [area_id, ...],                            (choice discuss)
      "notes": {area_id: "note text"},                      (choice notes; only areas with a note)
      "goals": [{"area_id": area_id, "title": str, "status": str,     (choice goals)
                 "steps": [{"text": str,
                            "check_ins": [{"result": str, "at": "<ISO date and time>"}]}]}],
      "consent_programme_figures": bool
    }

Dates are the client's local calendar dates.  No other keys are allowed at any
level: version 1 is exactly this shape, and anything else is a new version.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from datetime import date, datetime
from typing import Any

from bridge.domain.assessment import MAX_STEP, MAX_STRESS, MIN_STEP, MIN_STRESS, Helper
from bridge.sharing.errors import NewerVersionError, NotASummaryError
from bridge.sharing.payload_types import SummaryPayload, payload_from_checked

__all__ = [
    "CHOICE_NAMES",
    "PAYLOAD_FORMAT",
    "PAYLOAD_VERSION",
    "SECTIONS",
    "check_format",
    "validate_payload",
]

PAYLOAD_FORMAT = "bridge-summary"
PAYLOAD_VERSION = 1
CHOICE_NAMES = ("bridge", "stress", "goals", "discuss", "notes", "consent")
#: The top-level fields each choice switches on (consent is a bool that is always there).
SECTIONS: dict[str, tuple[str, ...]] = {
    "bridge": ("bridge", "priorities"),
    "stress": ("stress",),
    "goals": ("goals",),
    "discuss": ("discuss",),
    "notes": ("notes",),
}
ALWAYS = (
    "format",
    "version",
    "client_id",
    "created_at",
    "language",
    "choices",
    "consent_programme_figures",
)
_CLIENT_ID = re.compile(r"[0-9a-f]{16}")
_LANGUAGE = re.compile(r"[a-z]{2,3}")
_DAY = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")
_AREA_ID_MAX = 64
_SHORT_MAX = 40
_HELPERS = frozenset(h.value for h in Helper)


def _bad(where: str) -> NotASummaryError:
    # Names the field only, never its value: the message may end up in a log.
    return NotASummaryError(f"This is not a summary from the Bridge app ({where}).")


def _is_int(value: Any) -> bool:
    return isinstance(value, int) and not isinstance(value, bool)


def check_format(raw: Any, expected: str, version: int, what: str) -> dict[str, Any]:
    """Checks ``format`` and ``version`` first, so a newer file is named as such."""
    if not isinstance(raw, dict) or raw.get("format") != expected:
        raise _bad(f"{what} format")
    found = raw.get("version")
    if not isinstance(found, int) or isinstance(found, bool) or found < 1:
        raise _bad(f"{what} version")
    if found > version:
        raise NewerVersionError(
            "This summary was made by a newer version of the app. Please update the app."
        )
    if found != version:
        raise _bad(f"{what} version")
    return raw


def _object(raw: Any, where: str, keys: set[str] | frozenset[str]) -> dict[str, Any]:
    if not isinstance(raw, dict) or set(raw) != set(keys):
        raise _bad(where)
    return raw


def _list(raw: Any, where: str) -> list[Any]:
    if not isinstance(raw, list):
        raise _bad(where)
    return raw


def _text(raw: Any, where: str, max_len: int | None = None) -> str:
    if not isinstance(raw, str) or (max_len is not None and len(raw) > max_len):
        raise _bad(where)
    return raw


def _int(raw: Any, where: str, low: int, high: int) -> int:
    if not _is_int(raw) or not low <= raw <= high:
        raise _bad(where)
    return int(raw)


def _area_id(raw: Any, where: str) -> str:
    if not isinstance(raw, str) or not raw.isidentifier() or len(raw) > _AREA_ID_MAX:
        raise _bad(where)
    return raw


def _day(raw: Any, where: str) -> str:
    if not isinstance(raw, str) or not _DAY.fullmatch(raw):
        raise _bad(where)
    try:
        date.fromisoformat(raw)
    except ValueError:
        raise _bad(where) from None
    return str(raw)


def _moment(raw: Any, where: str) -> str:
    try:
        datetime.fromisoformat(_text(raw, where, 40))
    except ValueError:
        raise _bad(where) from None
    return str(raw)


def _area_map(raw: Any, where: str, check: Callable[[Any, str], object]) -> None:
    if not isinstance(raw, dict):
        raise _bad(where)
    for key, value in raw.items():
        _area_id(key, where)
        check(value, where)


def _area_list(raw: Any, where: str) -> None:
    items = [_area_id(item, where) for item in _list(raw, where)]
    if len(set(items)) != len(items):
        raise _bad(where)


def _step(raw: Any, where: str) -> int:
    return _int(raw, where, MIN_STEP, MAX_STEP)


def _helper(raw: Any, where: str) -> None:
    if raw not in _HELPERS:
        raise _bad(where)


def _check_bridge(raw: Any) -> None:
    bridge = _object(raw, "bridge", {"latest", "history"})
    latest = bridge["latest"]
    if latest is not None:
        _object(latest, "bridge.latest", {"date", "steps", "helpers"})
        _day(latest["date"], "bridge.latest.date")
        _area_map(latest["steps"], "bridge.latest.steps", _step)
        _area_map(latest["helpers"], "bridge.latest.helpers", _helper)
    for entry in _list(bridge["history"], "bridge.history"):
        _object(entry, "bridge.history", {"date", "steps"})
        _day(entry["date"], "bridge.history.date")
        _area_map(entry["steps"], "bridge.history.steps", _step)


def _check_stress(raw: Any) -> None:
    for entry in _list(raw, "stress"):
        _object(entry, "stress", {"date", "level"})
        _day(entry["date"], "stress.date")
        _int(entry["level"], "stress.level", MIN_STRESS, MAX_STRESS)


def _check_goals(raw: Any) -> None:
    for goal in _list(raw, "goals"):
        _object(goal, "goals", {"area_id", "title", "status", "steps"})
        _area_id(goal["area_id"], "goals.area_id")
        _text(goal["title"], "goals.title")
        _text(goal["status"], "goals.status", _SHORT_MAX)
        for step in _list(goal["steps"], "goals.steps"):
            _object(step, "goals.steps", {"text", "check_ins"})
            _text(step["text"], "goals.steps.text")
            for check_in in _list(step["check_ins"], "goals.steps.check_ins"):
                _object(check_in, "goals.steps.check_ins", {"result", "at"})
                _text(check_in["result"], "goals.steps.check_ins.result", _SHORT_MAX)
                _moment(check_in["at"], "goals.steps.check_ins.at")


def validate_payload(raw: Any) -> SummaryPayload:
    """The typed payload, if ``raw`` is a version-1 payload in every detail.

    Raises :class:`NewerVersionError` for a later version and
    :class:`NotASummaryError` for anything else that is not exactly right.
    """
    payload = check_format(raw, PAYLOAD_FORMAT, PAYLOAD_VERSION, "payload")
    choices = _object(payload.get("choices"), "choices", set(CHOICE_NAMES))
    if not all(isinstance(choices[name], bool) for name in CHOICE_NAMES):
        raise _bad("choices")
    expected = set(ALWAYS)
    for choice, fields in SECTIONS.items():
        if choices[choice]:
            expected.update(fields)
    _object(payload, "fields", expected)

    if not isinstance(payload["client_id"], str) or not _CLIENT_ID.fullmatch(payload["client_id"]):
        raise _bad("client_id")
    _moment(payload["created_at"], "created_at")
    if not isinstance(payload["language"], str) or not _LANGUAGE.fullmatch(payload["language"]):
        raise _bad("language")
    if payload["consent_programme_figures"] is not choices["consent"]:
        raise _bad("consent_programme_figures")

    if "bridge" in payload:
        _check_bridge(payload["bridge"])
        _area_list(payload["priorities"], "priorities")
    if "stress" in payload:
        _check_stress(payload["stress"])
    if "discuss" in payload:
        _area_list(payload["discuss"], "discuss")
    if "notes" in payload:
        _area_map(payload["notes"], "notes", _text)
    if "goals" in payload:
        _check_goals(payload["goals"])
    return payload_from_checked(payload)
