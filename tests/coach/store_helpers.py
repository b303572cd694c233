"""Builders for the coach store tests: real sealed summaries from a client identity, a store."""

from __future__ import annotations

import json
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

from bridge.coach.store import CoachStore, Verdict
from bridge.crypto import X25519Identity
from bridge.sharing import ClientIdentity, SummaryChoices, build_summary, seal_summary
from bridge.storage.repository import Repository
from tests.sharing.helpers import (
    COACH,
    CONTENT,
    OTHER_COACH,
    T0,
    plaintext_v2,
    seal_bytes,
    snapshot,
    t,
)

__all__ = ["COACH", "OTHER_COACH", "at", "filed", "make_store", "sealed", "sealed_by_other_key"]


def at(days: int) -> datetime:
    """A moment ``days`` days after T0."""
    return T0 + timedelta(days=days)


def _snapshots(days: int, *, steps: dict[str, int] | None = None, stress: int | None = 5) -> list:
    """A bridge every 30 days up to ``days``; the last gets ``steps`` and ``stress``."""
    marks = list(range(0, days + 1, 30)) or [0]
    snaps = [snapshot(at(d), {"housing": 2, "debts": 3}, stress=4) for d in marks[:-1]]
    snaps.append(snapshot(at(marks[-1]), steps or {"housing": 3, "debts": 3}, stress=stress))
    return snaps


def summary_for(
    client: ClientIdentity,
    days: int,
    *,
    steps: dict[str, int] | None = None,
    stress: int | None = 5,
    discuss: tuple[str, ...] = (),
    choices: SummaryChoices | None = None,
) -> Any:
    snaps = _snapshots(days, steps=steps, stress=stress)
    if discuss:
        last = snaps[-1]
        snaps[-1] = snapshot(
            last.started_at, steps or {"housing": 3, "debts": 3}, stress=stress, discuss=discuss
        )
    return build_summary(
        snaps, [], choices or SummaryChoices(), CONTENT, t(), client.client_id, at(days + 1)
    )


def sealed(
    client: ClientIdentity,
    days: int,
    *,
    coach: X25519Identity = COACH,
    armor: bool = True,
    **kwargs: Any,
) -> bytes:
    """A real summary the client made ``days + 1`` days after T0, sealed for ``coach``."""
    return seal_summary(summary_for(client, days, **kwargs), client, coach.recipient, armor=armor)


def sealed_by_other_key(client: ClientIdentity, signer: ClientIdentity, days: int) -> bytes:
    """A summary that names ``client`` but is validly signed by ``signer``'s key."""
    summary = summary_for(client, days)
    payload = json.loads(json.dumps(summary.payload))
    return seal_bytes(plaintext_v2(payload, summary.text, key=signer))


def make_store(repo: Repository, folder: Path, coach: X25519Identity = COACH) -> CoachStore:
    return CoachStore(repo, folder, lambda: coach, clock=lambda: datetime(2026, 6, 1, tzinfo=UTC))


def filed(store: CoachStore, client: ClientIdentity, label: str, days: int = 0) -> None:
    """Imports a first summary of ``client`` and adds the client under ``label``."""
    first = store.import_one(sealed(client, days), "eerste.age")
    assert first.verdict is Verdict.NEW_CLIENT and first.pending is not None
    assert store.add_client(first.pending, label).verdict is Verdict.ADDED
