"""Small client histories for the joint-session tests, built from typed values (no files)."""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from bridge.coach.types import ClientHistory
from bridge.content import load_bridge
from bridge.sharing.payload_types import (
    BridgeEntry,
    BridgeSection,
    StressEntry,
    SummaryChoices,
    SummaryPayload,
)

AREAS = load_bridge().area_ids  # housing family health network debts savings education work


def history(
    *bridges: Mapping[str, int],
    discuss: Sequence[str] | None = (),
    priorities: Sequence[str] | None = (),
    stress: Sequence[int] = (),
    with_payload: bool = True,
) -> ClientHistory:
    """A history with one bridge per month from January 2026, oldest first."""
    entries = tuple(
        BridgeEntry(f"2026-{n:02d}-01", dict(steps)) for n, steps in enumerate(bridges, 1)
    )
    levels = tuple(StressEntry(f"2026-{n:02d}-01", level) for n, level in enumerate(stress, 1))
    payload = SummaryPayload(
        format="bridge-summary",
        version=1,
        client_id="0123456789abcdef",
        created_at="2026-06-01T10:00:00+00:00",
        language="nl",
        choices=SummaryChoices(),
        consent_programme_figures=False,
        bridge=BridgeSection(None, entries),
        priorities=None if priorities is None else tuple(priorities),
        stress=levels,
        discuss=None if discuss is None else tuple(discuss),
    )
    return ClientHistory(
        client_id="0123456789abcdef",
        label="Client A",
        bridges=entries,
        stress=levels,
        latest=payload if with_payload else None,
        latest_text="",
        imports=(),
    )
