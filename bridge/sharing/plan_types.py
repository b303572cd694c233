"""The agreed plan as values: what the coach sends back after a joint session, and its rules.

:func:`check_plan` is the one place the rules live: the coach's screen calls it
before sealing (through :func:`~bridge.sharing.plan_envelope.seal_plan`), and
the client's app applies it again to every plan it opens. Texts are tidied the
way names are (surrounding space removed, runs of spaces and line breaks made
one space), never cut: a text over its limit is refused with
:class:`PlanError` ``invalid``, naming the field.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from datetime import date, datetime
from types import MappingProxyType

from bridge.content import LANGUAGES
from bridge.domain.assessment import MAX_STEP, MIN_STEP

__all__ = [
    "AREA_ID_MAX_CHARS",
    "ERROR_CODES",
    "MAX_STEPS",
    "RECOGNITION_MAX_CHARS",
    "STEP_MAX_CHARS",
    "AgreedStep",
    "OpenedPlan",
    "Plan",
    "PlanError",
    "check_plan",
]

STEP_MAX_CHARS = 200
RECOGNITION_MAX_CHARS = 400
MAX_STEPS = 5
AREA_ID_MAX_CHARS = 64
#: Every :attr:`PlanError.code`; each has the catalog text ``plan.error.<code>``.
ERROR_CODES = (
    "empty",
    "too_large",
    "not_for_you",
    "damaged",
    "not_a_plan",
    "newer_version",
    "unsigned",
    "unknown_coach",
    "coach_without_signing_key",
    "wrong_client",
    "bad_signature",
    "invalid",
)
_CLIENT_ID = re.compile(r"[0-9a-f]{16}")


class PlanError(ValueError):
    """A plan was refused (sealing or opening it); nothing was stored.

    ``code`` is one of :data:`ERROR_CODES`; a screen shows
    ``t(error.message_key, **error.params)``. For ``invalid``, ``field`` names
    the part that breaks a rule (``steps``, ``recognition``, ``next_meeting``, …)
    and ``params`` may hold ``max`` and ``number`` (the step, counted from 1).
    The English ``str(error)`` is for logs and never holds the plan's text.
    """

    def __init__(
        self,
        code: str,
        message: str,
        *,
        field: str | None = None,
        params: Mapping[str, object] | None = None,
    ) -> None:
        if code not in ERROR_CODES:
            raise ValueError(f"unknown plan error code {code!r}")
        super().__init__(message)
        self.code = code
        self.field = field
        self.params: dict[str, object] = dict(params or {})

    @property
    def message_key(self) -> str:
        return f"plan.error.{self.code}"


@dataclass(frozen=True)
class AgreedStep:
    """One step coach and client agreed on, in the client's words where they can."""

    text: str  # 1..200 characters after tidying
    area_id: str | None = None


@dataclass(frozen=True)
class Plan:
    """What the coach seals for the client after a session (see :mod:`bridge.sharing.plan`)."""

    client_id: str
    session_date: date
    steps: tuple[AgreedStep, ...]  # 1..5
    recognition: str = ""  # a sentence of recognition from the coach; may be empty
    next_meeting: date | None = None
    coach_view: Mapping[str, int] | None = None  # area_id -> 1..5, only if the client wants it
    language: str = "nl"


@dataclass(frozen=True)
class OpenedPlan:
    """A plan that passed every check: made for this client, signed by a paired coach."""

    plan: Plan
    coach_id: str  # the paired coach (bridge.sharing.coaches) whose signing key verified it
    text: str  # the readable text, as signed
    plan_id: str  # stable: a hash of the signature, so importing twice keeps one
    signer: bytes = field(default=b"", repr=False)


def _invalid(where: str, message: str, **params: object) -> PlanError:
    return PlanError("invalid", f"The plan breaks a rule: {message}.", field=where, params=params)


def _tidy(text: object, where: str, max_chars: int, *, required: bool, **params: object) -> str:
    if not isinstance(text, str):
        raise _invalid(where, f"{where} is not text", **params)
    cleaned = " ".join(text.split())
    if required and not cleaned:
        raise _invalid(where, f"{where} is empty", **params)
    if len(cleaned) > max_chars:
        raise _invalid(where, f"{where} is over {max_chars} characters", max=max_chars, **params)
    # Lone surrogates cannot be written as UTF-8, control characters only hide things.
    if any(unicodedata.category(ch) in ("Cs", "Cc") for ch in cleaned):
        raise _invalid(where, f"{where} holds characters that are not text", **params)
    return cleaned


def _area_id(raw: object, where: str, **params: object) -> str:
    if not isinstance(raw, str) or not raw.isidentifier() or len(raw) > AREA_ID_MAX_CHARS:
        raise _invalid(where, "an area id is not a name", **params)
    return raw


def _is_day(value: object) -> bool:
    return isinstance(value, date) and not isinstance(value, datetime)


def _coach_view(raw: object) -> Mapping[str, int] | None:
    if raw is None:
        return None
    if not isinstance(raw, Mapping):
        raise _invalid("coach_view", "the coach's view is not per area")
    view: dict[str, int] = {}
    for area_id, step in raw.items():
        _area_id(area_id, "coach_view")
        if isinstance(step, bool) or not isinstance(step, int) or not MIN_STEP <= step <= MAX_STEP:
            raise _invalid("coach_view", "a step of the coach's view is not 1 to 5")
        view[area_id] = step
    return MappingProxyType(dict(sorted(view.items()))) if view else None


def check_plan(plan: Plan) -> Plan:
    """The plan with its texts tidied, if it keeps every rule; else PlanError ``invalid``.

    Rules: a client id of 16 hex digits; a session date (a day, not a moment);
    1 to :data:`MAX_STEPS` steps of 1 to :data:`STEP_MAX_CHARS` characters, each
    with no area or an area id; recognition of at most
    :data:`RECOGNITION_MAX_CHARS`; a next meeting not before the session; the
    coach's view, if any, a step 1..5 per area; a language the app speaks.
    """
    if not isinstance(plan, Plan):
        raise TypeError("check_plan takes a Plan")
    if not isinstance(plan.client_id, str) or not _CLIENT_ID.fullmatch(plan.client_id):
        raise _invalid("client_id", "the client id is not 16 hex digits")
    if not _is_day(plan.session_date):
        raise _invalid("session_date", "the session date is not a day")
    if not isinstance(plan.steps, tuple | list) or not plan.steps:
        raise _invalid("steps", "there is no step", max=MAX_STEPS)
    if len(plan.steps) > MAX_STEPS:
        raise _invalid("steps", f"there are over {MAX_STEPS} steps", max=MAX_STEPS)
    steps = []
    for number, step in enumerate(plan.steps, start=1):
        if not isinstance(step, AgreedStep):
            raise _invalid("steps", "a step is not an agreed step", number=number)
        text = _tidy(step.text, "steps", STEP_MAX_CHARS, required=True, number=number)
        area = None if step.area_id is None else _area_id(step.area_id, "steps", number=number)
        steps.append(AgreedStep(text, area))
    recognition = _tidy(plan.recognition, "recognition", RECOGNITION_MAX_CHARS, required=False)
    if plan.next_meeting is not None and (
        not _is_day(plan.next_meeting) or plan.next_meeting < plan.session_date
    ):
        raise _invalid("next_meeting", "the next meeting is not a day from the session on")
    if plan.language not in LANGUAGES:
        raise _invalid("language", "the language is not one the app speaks")
    return replace(
        plan,
        steps=tuple(steps),
        recognition=recognition,
        coach_view=_coach_view(plan.coach_view),
    )
