"""One kept bridge, read-only, with the change since the one before it."""

from __future__ import annotations

from typing import TYPE_CHECKING

import flet as ft

from bridge.domain.assessment import change_since
from bridge.ui.formatting import stress_line
from bridge.ui.layout import heading, muted
from bridge.ui.widgets.area_list import area_list
from bridge.ui.widgets.bridge_drawing import bridge_drawing
from bridge.ui.widgets.scaffold import screen
from bridge.ui.widgets.snapshot_label import snapshot_date

if TYPE_CHECKING:
    from bridge.ui.app import BridgeApp


def build(app: BridgeApp, snapshot_id: str) -> ft.View | None:
    t = app.t
    repo = app.data()
    snap = repo.assessment(snapshot_id)
    if snap is None or snap.completed_at is None:
        return None
    changes = change_since(repo.previous(snap), snap)
    date = snapshot_date(app, snap, repo.snapshots())
    return screen(
        app,
        f"/snapshot/{snapshot_id}",
        date,
        [
            heading(t("snapshot.title", date=date)),
            muted(t("snapshot.read_only") + " · " + stress_line(app, snap)),
            bridge_drawing(app, snap, changes, large=app.wide),
            area_list(app, snap, changes),
        ],
        wide=True,
    )
