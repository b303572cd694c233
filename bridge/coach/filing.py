"""What the coach's store files of an opened summary, and nothing more.

An opened summary (:class:`~bridge.sharing.envelope.OpenedSummary`) holds the whole
typed payload: every goal, step and check-in. Filing it (see
:mod:`bridge.coach.history`) needs only a few of its parts: the dated bridges and
stress levels to merge, the few fields the caseload shows, what tells one summary
from another, and the payload's JSON and readable text to keep as the latest.
A :class:`Filing` is those parts, taken from a payload that passed every check.

It is small and made of plain values, so a worker process that opened a summary
(:mod:`bridge.coach.opener`) sends it back cheaply, and the store files it without
parsing and checking the payload a second time.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field

from bridge.sharing.envelope import OpenedSummary

__all__ = ["Filing", "filing_of"]


@dataclass(frozen=True)
class Filing:
    """The parts of a checked summary the store files (see the module docs)."""

    client_id: str
    signer: bytes  # the raw Ed25519 public key that signed it
    envelope_version: int
    created_at: str
    language: str
    choices: tuple[tuple[str, bool], ...]  # (part, shared) as in the payload
    #: (date, ((area, step), ...)) of every bridge the summary holds, oldest first.
    bridges: tuple[tuple[str, tuple[tuple[str, int], ...]], ...]
    stress: tuple[tuple[str, int], ...]  # (date, level), oldest first
    discuss: tuple[str, ...]
    active_goals: int
    client_recipient: str | None
    text: str = field(repr=False)
    payload_json: str = field(repr=False)  # the payload's JSON (version 2: as signed)


def filing_of(opened: OpenedSummary) -> Filing:
    """The parts of ``opened`` (checked when it was opened) that the store files."""
    payload = opened.payload
    bridges = payload.bridge.history if payload.bridge is not None else ()
    payload_json = opened.payload_json or json.dumps(
        payload.as_dict(), ensure_ascii=False, separators=(",", ":")
    )
    return Filing(
        client_id=opened.client_id,
        signer=opened.signer,
        envelope_version=opened.envelope_version,
        created_at=payload.created_at,
        language=payload.language,
        choices=tuple(payload.choices.as_dict().items()),
        bridges=tuple((entry.date, tuple(entry.steps.items())) for entry in bridges),
        stress=tuple((entry.date, entry.level) for entry in payload.stress or ()),
        discuss=tuple(payload.discuss or ()),
        active_goals=sum(1 for goal in payload.goals or () if goal.status == "active"),
        client_recipient=payload.client_recipient,
        text=opened.text,
        payload_json=payload_json,
    )
