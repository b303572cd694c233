"""Builders for the programme-figures tests: client histories as the coach store hands them out."""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from bridge.coach.types import ClientHistory
from bridge.sharing.payload_types import (
    BridgeEntry,
    PayloadGoal,
    PayloadStep,
    StressEntry,
    SummaryChoices,
    SummaryPayload,
)

__all__ = ["FIXTURE", "history"]


def history(
    client_id: str,
    *,
    consent: bool | None = True,
    bridges: Sequence[tuple[str, Mapping[str, int]]] = (),
    stress: Sequence[tuple[str, int]] = (),
    label: str = "Cliënt",
    note: str = "",
    goal: str = "",
) -> ClientHistory:
    """A history; ``consent=None`` means no summary is held (``latest`` is None)."""
    latest = None
    if consent is not None:
        latest = SummaryPayload(
            format="bridge-summary",
            version=2,
            client_id=client_id,
            created_at="2025-12-01T10:00:00+00:00",
            language="nl",
            choices=SummaryChoices(notes=bool(note), consent=consent),
            consent_programme_figures=consent,
            notes={"housing": note} if note else None,
            goals=(PayloadGoal("housing", goal, "active", (PayloadStep(goal, ()),)),)
            if goal
            else None,
        )
    return ClientHistory(
        client_id=client_id,
        label=label,
        bridges=tuple(BridgeEntry(d, dict(s)) for d, s in bridges),
        stress=tuple(StressEntry(d, level) for d, level in stress),
        latest=latest,
        latest_text=f"{label} {note} {goal}",
        imports=(),
    )


def _work_client(number: int, first: int, latest: int, months: int = 12) -> ClientHistory:
    """Work from ``first`` (2024-01-10) to ``latest`` ``months`` months later."""
    year, month0 = divmod(2024 * 12 + months, 12)  # January 2024 plus ``months``
    later = f"{year:04d}-{month0 + 1:02d}-10"
    bridges: list[tuple[str, dict[str, int]]] = [
        ("2024-01-10", {"work": first}),
        (later, {"work": latest}),
    ]
    if number <= 3:  # housing too, for three clients only: a row under 5
        bridges[0][1]["housing"] = 2
        bridges[1][1]["housing"] = 3
    stress: list[tuple[str, int]] = []
    if number <= 6:
        stress = [("2024-01-10", 8), (later, 5)]
    elif number <= 8:
        stress = [("2024-01-10", 4), (later, 4)]
    elif number == 9:
        stress = [("2024-01-10", 3), (later, 6)]
    return history(f"client-{number:02d}", bridges=bridges, stress=stress)


#: Work, months >= 6 (hand-computed in test_figures.py):
#: clients 1..7 went up (changes 1,2,1,2,1,2,1), clients 8..12 stayed, client 13 is only
#: 5 months apart; clients 14 and 15 did not consent / sent no summary.
FIXTURE: tuple[ClientHistory, ...] = (
    _work_client(1, 1, 2),
    _work_client(2, 1, 3),
    _work_client(3, 2, 3),
    _work_client(4, 2, 4),
    _work_client(5, 3, 4),
    _work_client(6, 3, 5),
    _work_client(7, 4, 5),
    _work_client(8, 2, 2),
    _work_client(9, 3, 3),
    _work_client(10, 3, 3),
    _work_client(11, 4, 4),
    _work_client(12, 5, 5),
    _work_client(13, 1, 5, months=5),
    history(
        "client-14",
        consent=False,
        bridges=[("2020-01-01", {"work": 1}), ("2025-01-01", {"work": 5})],
        stress=[("2020-01-01", 10), ("2025-01-01", 0)],
    ),
    history("client-15", consent=None, bridges=[("2020-01-01", {"work": 5})]),
)
