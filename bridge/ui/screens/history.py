"""History: every kept bridge by date with its stress level, and how each area moved over time."""

from __future__ import annotations

from typing import TYPE_CHECKING

import flet as ft

from bridge.ui import theme
from bridge.ui.formatting import stress_line
from bridge.ui.layout import body, heading
from bridge.ui.widgets.scaffold import screen
from bridge.ui.widgets.snapshot_label import snapshot_date

if TYPE_CHECKING:
    from bridge.ui.app import BridgeApp


SHOWN = 6  # the latest values that fit on a phone's width


def over_time(
    app: BridgeApp, name: str, values: list[int | None], colour: str | None
) -> ft.Control:
    """One line: a name and its values from old to new, joined by arrow icons.

    Arrow icons, not the '→' character: the offline web font has no glyph for it.
    """
    shown = values[-SHOWN:]
    texts = [str(v) if v is not None else "–" for v in shown]
    parts: list[ft.Control] = []
    if len(values) > SHOWN:
        parts.append(ft.Text("…", size=16))
    for index, text in enumerate(texts):
        if index:
            parts.append(ft.Icon(ft.Icons.ARROW_FORWARD, size=14, color=theme.MUTED))
        parts.append(ft.Text(text, size=16, weight=ft.FontWeight.BOLD, color=colour))
    return ft.Row(
        [
            ft.Text(name, size=16, expand=True),
            ft.Semantics(
                label=app.t("history.values", name=name, values=", ".join(texts)),
                exclude_semantics=True,
                content=ft.Row(parts, spacing=4, tight=True),
            ),
        ]
    )


def build(app: BridgeApp) -> ft.View:
    t = app.t
    snapshots = app.data().snapshots()
    controls: list[ft.Control] = [heading(t("history.title"))]
    if not snapshots:
        controls.append(body(t("history.empty")))
    for snap in reversed(snapshots):
        date = snapshot_date(app, snap, snapshots)  # with the time when a day has two
        controls.append(
            ft.ListTile(
                leading=ft.Icon(ft.Icons.CALENDAR_MONTH),
                title=ft.Text(date, size=17),
                subtitle=ft.Text(stress_line(app, snap), size=15),
                trailing=ft.Icon(ft.Icons.CHEVRON_RIGHT),
                on_click=lambda _, sid=snap.id: app.go(f"/snapshot/{sid}"),
                bgcolor=theme.PANEL_BG,
                shape=ft.RoundedRectangleBorder(radius=10),
            )
        )
    if len(snapshots) > 1:
        controls.append(ft.Text(t("history.per_area"), size=20, weight=ft.FontWeight.BOLD))
        for area in app.content.areas:
            steps = [snap.step(area.id) for snap in snapshots]
            controls.append(over_time(app, t.pick(area.name), steps, theme.STEP_FILLED))
        stresses = [snap.stress for snap in snapshots]
        controls.append(over_time(app, t("history.stress"), stresses, None))
    return screen(
        app,
        "/history",
        t("history.title"),
        controls,
    )
