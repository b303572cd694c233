"""The name of a kept bridge: its date, and its time when another bridge has the same date."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from bridge.domain.assessment import Assessment
from bridge.ui.formatting import format_date

if TYPE_CHECKING:
    from bridge.ui.app import BridgeApp


def snapshot_date(app: BridgeApp, snap: Assessment, snapshots: Sequence[Assessment]) -> str:
    """'1 maart 2026', or '1 maart 2026, 10:05 uur' when two bridges share that day."""
    moment = snap.completed_at or snap.started_at
    day = format_date(app, moment)
    same_day = [s for s in snapshots if format_date(app, s.completed_at or s.started_at) == day]
    if len(same_day) < 2:
        return day
    local = moment.astimezone()
    return app.t("history.date_time", date=day, time=f"{local.hour:02d}:{local.minute:02d}")
