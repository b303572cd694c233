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
                            "check_ins": [{"result": str, "at": "<ISO date and time>"}],
                            "omitted_check_ins": n}],                 (optional)
                 "omitted_steps": n}],                                 (optional)
      "omitted": {"bridges": n, "stress": n},      (optional; each key optional)
      "consent_programme_figures": bool,
      "client_recipient": "age1…"                  (optional; every new summary has it)
    }

``client_recipient`` is the client's own age public key
(:attr:`bridge.sharing.signing_key.ClientIdentity.recipient`): the coach seals
the agreed plan to it (:mod:`bridge.sharing.plan`). Summaries made before it
existed do not have it, and still open.

Dates are the client's local calendar dates.  No other keys are allowed at any
level: version 1 is exactly this shape, and anything else is a new version.

**Summarised (optional keys).** A long history is summarised so the sealed file
stays small (:mod:`bridge.sharing.thinning`); what was left out is counted, so
it is never silently gone.  Each count is an integer of at least 1 and its key
is absent when nothing was left out, so a summary with nothing left out has
none of them.  ``omitted.bridges``: earlier bridges left out of
``bridge.history`` (which then keeps the latest ones and one per month before
them); ``omitted.stress``: the same for ``stress``; a goal's ``omitted_steps``:
its earliest steps left out (all of them for a goal shown as title and status
only); a step's ``omitted_check_ins``: its earliest check-ins left out.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping
from types import MappingProxyType
from typing import Any

from bridge.crypto import AgeError, X25519Recipient
from bridge.domain.assessment import MAX_STEP, MAX_STRESS, MIN_STEP, MIN_STRESS, Helper
from bridge.sharing.errors import NewerVersionError
from bridge.sharing.payload_fields import GOOD_AREAS as _GOOD_AREAS
from bridge.sharing.payload_fields import GOOD_DAYS as _GOOD_DAYS
from bridge.sharing.payload_fields import GOOD_MOMENTS as _GOOD_MOMENTS
from bridge.sharing.payload_fields import area_id as _area_id
from bridge.sharing.payload_fields import bad as _bad
from bridge.sharing.payload_fields import day as _day
from bridge.sharing.payload_fields import integer as _int
from bridge.sharing.payload_fields import moment as _moment
from bridge.sharing.payload_fields import text as _text
from bridge.sharing.payload_types import (
    BridgeEntry,
    BridgeSection,
    LatestBridge,
    PayloadCheckIn,
    PayloadGoal,
    PayloadStep,
    StressEntry,
    SummaryChoices,
    SummaryPayload,
)

__all__ = [
    "CHOICE_NAMES",
    "OMITTED_SECTIONS",
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
_SHORT_MAX = 40
_HELPERS = frozenset(h.value for h in Helper)
_COUNT_MAX = 10**9
#: The optional ``omitted`` counts, each allowed only with its section.
OMITTED_SECTIONS = {"bridges": "bridge", "stress": "stress"}
_CHOICE_KEYS = frozenset(CHOICE_NAMES)
_BRIDGE_KEYS = frozenset({"latest", "history"})
_LATEST_KEYS = frozenset({"date", "steps", "helpers"})
_ENTRY_KEYS = frozenset({"date", "steps"})
_STRESS_KEYS = frozenset({"date", "level"})
_GOAL_KEYS = frozenset({"area_id", "title", "status", "steps"})
_STEP_KEYS = frozenset({"text", "check_ins"})
_CHECK_IN_KEYS = frozenset({"result", "at"})
_GOAL_OPTIONAL = frozenset({"omitted_steps"})
_STEP_OPTIONAL = frozenset({"omitted_check_ins"})
_NO_KEYS: frozenset[str] = frozenset()
_OPTIONAL = frozenset({"omitted", "client_recipient"})


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


def _object(raw: Any, where: str, keys: frozenset[str]) -> dict[str, Any]:
    if not isinstance(raw, dict) or raw.keys() != keys:
        raise _bad(where)
    return raw


def _object_with(
    raw: Any, where: str, keys: frozenset[str], optional: frozenset[str]
) -> dict[str, Any]:
    """Like :func:`_object`, with some keys allowed to be absent."""
    if not isinstance(raw, dict) or not keys <= raw.keys() <= keys | optional:
        raise _bad(where)
    return raw


def _count(raw: Any, where: str) -> int:
    """A count of left-out items: present only when something was left out."""
    return _int(raw, where, 1, _COUNT_MAX)


def _list(raw: Any, where: str) -> list[Any]:
    if not isinstance(raw, list):
        raise _bad(where)
    return raw


def _frozen(raw: dict[str, Any]) -> Mapping[str, Any]:
    return MappingProxyType(dict(raw))


def _area_map(raw: Any, where: str, check: Callable[[Any, str], object]) -> Mapping[str, Any]:
    if not isinstance(raw, dict):
        raise _bad(where)
    for key, value in raw.items():
        _area_id(key, where)
        check(value, where)
    return _frozen(raw)


def _steps(raw: Any, where: str) -> Mapping[str, int]:
    """``{area_id: step}``: :func:`_area_map` with :func:`_step`, the usual case inlined."""
    if not isinstance(raw, dict):
        raise _bad(where)
    for key, value in raw.items():
        if key.__class__ is not str or key not in _GOOD_AREAS:
            _area_id(key, where)
        if value.__class__ is not int or not MIN_STEP <= value <= MAX_STEP:
            _step(value, where)
    return _frozen(raw)


def _area_list(raw: Any, where: str) -> tuple[str, ...]:
    items = [_area_id(item, where) for item in _list(raw, where)]
    if len(set(items)) != len(items):
        raise _bad(where)
    return tuple(raw)


def _step(raw: Any, where: str) -> int:
    return _int(raw, where, MIN_STEP, MAX_STEP)


def _helper(raw: Any, where: str) -> None:
    if raw not in _HELPERS:
        raise _bad(where)


def _check_bridge(raw: Any) -> BridgeSection:
    bridge = _object(raw, "bridge", _BRIDGE_KEYS)
    latest = bridge["latest"]
    typed_latest = None
    if latest is not None:
        _object(latest, "bridge.latest", _LATEST_KEYS)
        day = _day(latest["date"], "bridge.latest.date")
        steps = _steps(latest["steps"], "bridge.latest.steps")
        helpers = _area_map(latest["helpers"], "bridge.latest.helpers", _helper)
        typed_latest = LatestBridge(day, steps, helpers)
    history = []
    for entry in _list(bridge["history"], "bridge.history"):
        if not isinstance(entry, dict) or entry.keys() != _ENTRY_KEYS:
            raise _bad("bridge.history")
        if entry["date"].__class__ is not str or entry["date"] not in _GOOD_DAYS:
            _day(entry["date"], "bridge.history.date")
        history.append(BridgeEntry(entry["date"], _steps(entry["steps"], "bridge.history.steps")))
    return BridgeSection(latest=typed_latest, history=tuple(history))


def _check_stress(raw: Any) -> tuple[StressEntry, ...]:
    stress = []
    for entry in _list(raw, "stress"):
        if not isinstance(entry, dict) or entry.keys() != _STRESS_KEYS:
            raise _bad("stress")
        if entry["date"].__class__ is not str or entry["date"] not in _GOOD_DAYS:
            _day(entry["date"], "stress.date")
        level = entry["level"]
        if level.__class__ is not int or not MIN_STRESS <= level <= MAX_STRESS:
            _int(level, "stress.level", MIN_STRESS, MAX_STRESS)
        stress.append(StressEntry(entry["date"], entry["level"]))
    return tuple(stress)


def _check_step(step: Any) -> PayloadStep:
    _object_with(step, "goals.steps", _STEP_KEYS, _STEP_OPTIONAL)
    _text(step["text"], "goals.steps.text")
    if "omitted_check_ins" in step:
        _count(step["omitted_check_ins"], "goals.steps.omitted_check_ins")
    check_ins = []
    for check_in in _list(step["check_ins"], "goals.steps.check_ins"):
        # _object, _text and _moment, with their usual case inlined (a summary has hundreds).
        if not isinstance(check_in, dict) or check_in.keys() != _CHECK_IN_KEYS:
            raise _bad("goals.steps.check_ins")
        result, at = check_in["result"], check_in["at"]
        if result.__class__ is not str or len(result) > _SHORT_MAX:
            _text(result, "goals.steps.check_ins.result", _SHORT_MAX)
        if at.__class__ is not str or at not in _GOOD_MOMENTS:
            _moment(at, "goals.steps.check_ins.at")
        check_ins.append(PayloadCheckIn(result, at))
    return PayloadStep(step["text"], tuple(check_ins), step.get("omitted_check_ins", 0))


def _check_goals(raw: Any) -> tuple[PayloadGoal, ...]:
    goals = []
    for goal in _list(raw, "goals"):
        _object_with(goal, "goals", _GOAL_KEYS, _GOAL_OPTIONAL)
        _area_id(goal["area_id"], "goals.area_id")
        _text(goal["title"], "goals.title")
        _text(goal["status"], "goals.status", _SHORT_MAX)
        if "omitted_steps" in goal:
            _count(goal["omitted_steps"], "goals.omitted_steps")
        steps = tuple(_check_step(step) for step in _list(goal["steps"], "goals.steps"))
        goals.append(
            PayloadGoal(
                area_id=goal["area_id"],
                title=goal["title"],
                status=goal["status"],
                steps=steps,
                omitted_steps=goal.get("omitted_steps", 0),
            )
        )
    return tuple(goals)


def _check_omitted(raw: Any, payload: dict[str, Any]) -> dict[str, Any]:
    allowed = frozenset(k for k, section in OMITTED_SECTIONS.items() if section in payload)
    counts = _object_with(raw, "omitted", _NO_KEYS, allowed)
    if not counts:
        raise _bad("omitted")
    for key, value in counts.items():
        _count(value, f"omitted.{key}")
    return counts


def _check_recipient(raw: Any) -> None:
    """A canonical ``age1…`` public key that a plan can be sealed to."""
    if not isinstance(raw, str) or len(raw) > _SHORT_MAX * 2:
        raise _bad("client_recipient")
    try:
        X25519Recipient.parse(raw)
    except AgeError:
        raise _bad("client_recipient") from None


def validate_payload(raw: Any) -> SummaryPayload:
    """The typed payload, if ``raw`` is a version-1 payload in every detail.

    Raises :class:`NewerVersionError` for a later version and
    :class:`NotASummaryError` for anything else that is not exactly right. Each
    part is checked and made into its typed value in the same pass.
    """
    payload = check_format(raw, PAYLOAD_FORMAT, PAYLOAD_VERSION, "payload")
    choices = _object(payload.get("choices"), "choices", _CHOICE_KEYS)
    if not all(isinstance(choices[name], bool) for name in CHOICE_NAMES):
        raise _bad("choices")
    expected = set(ALWAYS)
    for choice, fields in SECTIONS.items():
        if choices[choice]:
            expected.update(fields)
    _object_with(payload, "fields", frozenset(expected), _OPTIONAL)

    if not isinstance(payload["client_id"], str) or not _CLIENT_ID.fullmatch(payload["client_id"]):
        raise _bad("client_id")
    _moment(payload["created_at"], "created_at")
    if not isinstance(payload["language"], str) or not _LANGUAGE.fullmatch(payload["language"]):
        raise _bad("language")
    if payload["consent_programme_figures"] is not choices["consent"]:
        raise _bad("consent_programme_figures")

    bridge = priorities = stress = discuss = notes = goals = None
    if "bridge" in payload:
        bridge = _check_bridge(payload["bridge"])
        priorities = _area_list(payload["priorities"], "priorities")
    if "stress" in payload:
        stress = _check_stress(payload["stress"])
    if "discuss" in payload:
        discuss = _area_list(payload["discuss"], "discuss")
    if "notes" in payload:
        notes = _area_map(payload["notes"], "notes", _text)
    if "goals" in payload:
        goals = _check_goals(payload["goals"])
    omitted = _check_omitted(payload["omitted"], payload) if "omitted" in payload else {}
    recipient = payload.get("client_recipient")
    if "client_recipient" in payload:  # optional, but never null
        _check_recipient(recipient)
    return SummaryPayload(
        format=payload["format"],
        version=payload["version"],
        client_id=payload["client_id"],
        created_at=payload["created_at"],
        language=payload["language"],
        choices=SummaryChoices(**choices),
        consent_programme_figures=payload["consent_programme_figures"],
        bridge=bridge,
        priorities=priorities,
        stress=stress,
        discuss=discuss,
        notes=notes,
        goals=goals,
        omitted_bridges=omitted.get("bridges", 0),
        omitted_stress=omitted.get("stress", 0),
        client_recipient=recipient,
    )
