"""What the client shares: their choices, and the summary built from their own data.

:func:`build_summary` turns completed bridges and goals into the versioned
payload described in :mod:`bridge.sharing.payload`, and renders the same
payload as readable text (:mod:`bridge.sharing.readable`).  The text is made
from the payload only, so it can never show something the payload leaves out.

A long history is summarised (:mod:`bridge.sharing.thinning`) so the sealed
file stays within :data:`~bridge.sharing.size.SEALED_BUDGET`; when even the
shortest form is larger, :class:`SummaryTooBigError` says which choices to
turn off.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, replace
from datetime import datetime
from typing import Any

from bridge.content import BridgeContent
from bridge.domain.assessment import Assessment
from bridge.i18n import Translator
from bridge.sharing.errors import SummaryError
from bridge.sharing.goal_input import GoalInput, SharedStep
from bridge.sharing.payload import PAYLOAD_FORMAT, PAYLOAD_VERSION, validate_payload
from bridge.sharing.payload_types import SummaryChoices
from bridge.sharing.readable import local_day, readable_text
from bridge.sharing.size import SEALED_BUDGET, payload_bytes, sealed_size_of
from bridge.sharing.thinning import DETAILS, FULL, Detail, full_goals, kept_by_month, latest

__all__ = [
    "WAYS_OUT",
    "GoalInput",
    "Summary",
    "SummaryChoices",
    "SummaryTooBigError",
    "build_payload",
    "build_summary",
]

#: The choices that make a summary smaller when turned off, the least missed first.
WAYS_OUT = ("notes", "goals", "stress", "bridge")


class SummaryTooBigError(ValueError):
    """Even summarised as far as it goes, the sealed summary would be over the budget.

    ``ways_out`` are the choices (of :data:`WAYS_OUT`) of which turning off
    any one makes it fit; it is empty when no single one does.  The screen shows
    ``t(error.message_key)`` and offers them.
    """

    code = "too_big"
    message_key = "share.error.too_big"

    def __init__(self, size: int, budget: int, ways_out: tuple[str, ...]) -> None:
        super().__init__(
            f"even summarised, the sealed summary would be about {size} bytes (at most {budget})"
        )
        self.size = size
        self.budget = budget
        self.ways_out = ways_out

    @property
    def params(self) -> dict[str, object]:
        return {}


@dataclass(frozen=True)
class Summary:
    """A built summary: the payload, the same as text, and area names for the preview.

    ``text`` is in the client's language; areas marked *wil ik bespreken* are
    wrapped in ``**…**`` (Markdown bold), which a coach reading the plain
    ``age -d`` output also recognises.
    """

    payload: Mapping[str, Any]
    text: str
    area_names: Mapping[str, str]
    #: How much was kept (:data:`~bridge.sharing.thinning.FULL`: everything).
    detail: Detail = FULL
    #: The armored sealed size, at most a few hundred bytes over (see :mod:`~bridge.sharing.size`).
    sealed_size: int = 0

    @property
    def language(self) -> str:
        return str(self.payload["language"])

    @property
    def choices(self) -> SummaryChoices:
        return SummaryChoices(**self.payload["choices"])


def _step(step: SharedStep, detail: Detail) -> dict[str, Any]:
    kept = latest(step.check_ins, detail.check_ins_per_step)
    out: dict[str, Any] = {
        "text": step.text,
        "check_ins": [{"result": c.result, "at": c.at.isoformat()} for c in kept],
    }
    if len(kept) < len(step.check_ins):
        out["omitted_check_ins"] = len(step.check_ins) - len(kept)
    return out


def _goal(goal: GoalInput, in_full: bool, detail: Detail) -> dict[str, Any]:
    kept = latest(goal.steps, detail.steps_per_goal) if in_full else ()
    out: dict[str, Any] = {
        "area_id": goal.area_id,
        "title": goal.title,
        "status": goal.status,
        "steps": [_step(step, detail) for step in kept],
    }
    if len(kept) < len(goal.steps):
        out["omitted_steps"] = len(goal.steps) - len(kept)
    return out


def _steps(snapshot: Assessment) -> dict[str, int]:
    return {
        area_id: step
        for area_id in snapshot.area_ids
        if (step := snapshot.answer(area_id).step) is not None
    }


def _day_of(snapshot: Assessment) -> str:
    return local_day(snapshot.completed_at or snapshot.started_at)


def _by_month(snaps: Sequence[Assessment], detail: Detail) -> list[Assessment]:
    kept = kept_by_month([_day_of(s) for s in snaps], detail.recent)
    return [snaps[n] for n in kept]


def build_payload(
    snapshots: Sequence[Assessment],
    goals: Sequence[GoalInput],
    choices: SummaryChoices,
    language: str,
    client_id: str,
    now: datetime,
    detail: Detail = FULL,
    *,
    client_recipient: str | None = None,
) -> dict[str, Any]:
    """The payload only (see :mod:`bridge.sharing.payload`); fields turned off are absent.

    ``detail`` says how much of a long history is kept (:mod:`bridge.sharing.thinning`);
    ``client_recipient`` is the client's own ``age1…`` key (the coach seals plans to it).
    """
    if any(s.completed_at is None for s in snapshots):
        raise ValueError("only completed bridges can be shared")
    snaps = sorted(snapshots, key=lambda s: (s.completed_at, s.started_at))
    last = snaps[-1] if snaps else None
    omitted: dict[str, int] = {}
    payload: dict[str, Any] = {
        "format": PAYLOAD_FORMAT,
        "version": PAYLOAD_VERSION,
        "client_id": client_id,
        "created_at": now.isoformat(),
        "language": language,
        "choices": choices.as_dict(),
    }
    if choices.bridge:
        kept = _by_month(snaps, detail)
        if len(kept) < len(snaps):
            omitted["bridges"] = len(snaps) - len(kept)
        payload["bridge"] = {
            "latest": None
            if last is None
            else {
                "date": _day_of(last),
                "steps": _steps(last),
                "helpers": {
                    area_id: helper.value
                    for area_id in last.area_ids
                    if (helper := last.answer(area_id).helper) is not None
                },
            },
            "history": [{"date": _day_of(s), "steps": _steps(s)} for s in kept],
        }
        payload["priorities"] = list(last.priorities) if last else []
    if choices.stress:
        rated = [s for s in snaps if s.stress is not None]
        kept = _by_month(rated, detail)
        if len(kept) < len(rated):
            omitted["stress"] = len(rated) - len(kept)
        payload["stress"] = [{"date": _day_of(s), "level": s.stress} for s in kept]
    if choices.discuss:
        payload["discuss"] = list(last.to_discuss) if last else []
    if choices.notes:
        payload["notes"] = (
            {a: last.answer(a).note for a in last.area_ids if last.answer(a).note} if last else {}
        )
    if choices.goals:
        in_full = full_goals(goals, detail.goals_in_full)
        payload["goals"] = [_goal(g, n in in_full, detail) for n, g in enumerate(goals)]
    if omitted:
        payload["omitted"] = omitted
    payload["consent_programme_figures"] = choices.consent
    if client_recipient is not None:
        payload["client_recipient"] = client_recipient
    return payload


def build_summary(
    snapshots: Sequence[Assessment],
    goals: Sequence[GoalInput],
    choices: SummaryChoices,
    content: BridgeContent,
    translator: Translator,
    client_id: str,
    now: datetime,
    budget: int = SEALED_BUDGET,
    *,
    client_recipient: str | None = None,
) -> Summary:
    """The summary of the client's completed bridges and goals (both oldest first).

    With ``choices.bridge`` the payload holds the latest bridge and the earlier
    ones by date, so the coach sees how each area moved.  The first of
    :data:`~bridge.sharing.thinning.DETAILS` whose sealed size stays within
    ``budget`` is kept: everything, when it fits. ``client_recipient`` (the client's
    ``ClientIdentity.recipient`` as text) goes into the payload; ``seal_summary`` adds it
    when it is not given, so pass it to have the size exact.  Raises
    :class:`SummaryTooBigError` when even the last does not fit, and
    ``ValueError`` for a bridge that is not completed, or a summary that the
    coach's app would refuse (e.g. a goal of an area id that is not a name).
    """

    def fitting(chosen: SummaryChoices) -> tuple[Summary | None, int]:
        """The first detail that fits, else None and the smallest size seen."""
        smallest = None
        for detail in DETAILS:
            payload = build_payload(
                snapshots,
                goals,
                chosen,
                translator.language,
                client_id,
                now,
                detail,
                client_recipient=client_recipient,
            )
            payload_size = payload_bytes(payload)  # encoded once for both sizes
            size = sealed_size_of("", payload_size)
            if size <= budget:  # else the payload alone is too much: no need to write the text
                text = readable_text(payload, content, translator)
                size = sealed_size_of(text, payload_size)
                if size <= budget:
                    return Summary(payload, text, names, detail, size), size
            smallest = size if smallest is None else min(smallest, size)
        return None, smallest or 0

    names = {area.id: translator.pick(area.name) for area in content.areas}
    made, size = fitting(choices)
    if made is None:
        # A summarised history can be larger than the whole of a short one, so each
        # way out is tried at every detail too.
        ways_out = tuple(
            name
            for name in WAYS_OUT
            if getattr(choices, name) and fitting(replace(choices, **{name: False}))[0]
        )
        raise SummaryTooBigError(size, budget, ways_out)
    try:
        validate_payload(made.payload)  # never send what the coach's app would refuse
    except SummaryError as exc:
        raise ValueError(f"this summary would not open: {exc}") from exc
    return made
