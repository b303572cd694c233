"""History: every kept bridge by date with its stress level, and how each area moved over time."""

from __future__ import annotations

from typing import TYPE_CHECKING

import flet as ft

from bridge.ui import theme
from bridge.ui.layout import body, centered, heading
from bridge.ui.screens.common import app_bar, format_date
from bridge.ui.screens.home import stress_line

if TYPE_CHECKING:
    from bridge.ui.app import BridgeApp


def build(app: BridgeApp) -> ft.View:
    t = app.t
    snapshots = app.data().snapshots()
    controls: list[ft.Control] = [heading(t("history.title"))]
    if not snapshots:
        controls.append(body(t("history.empty")))
    for snap in reversed(snapshots):
        date = format_date(app, snap.completed_at or snap.started_at)
        controls.append(
            ft.ListTile(
                leading=ft.Icon(ft.Icons.CALENDAR_MONTH),
                title=ft.Text(date, size=17),
                subtitle=ft.Text(stress_line(app, snap), size=15),
                trailing=ft.Icon(ft.Icons.CHEVRON_RIGHT),
                on_click=lambda _, sid=snap.id: app.go(f"/snapshot/{sid}"),
                bgcolor="#F1F4F7",
                shape=ft.RoundedRectangleBorder(radius=10),
            )
        )
    if len(snapshots) > 1:
        controls.append(ft.Text(t("history.per_area"), size=20, weight=ft.FontWeight.BOLD))
        for area in app.content.areas:
            steps = [snap.step(area.id) for snap in snapshots]
            path = " → ".join(str(s) if s is not None else "–" for s in steps)
            controls.append(
                ft.Row(
                    [
                        ft.Text(t.pick(area.name), size=16, expand=True),
                        ft.Text(path, size=16, weight=ft.FontWeight.BOLD, color=theme.STEP_FILLED),
                    ]
                )
            )
        stress = " → ".join(str(s.stress) if s.stress is not None else "–" for s in snapshots)
        controls.append(
            ft.Row(
                [
                    ft.Text(t("history.stress"), size=16, expand=True),
                    ft.Text(stress, size=16, weight=ft.FontWeight.BOLD),
                ]
            )
        )
    return ft.View(
        route="/history",
        appbar=app_bar(app, t("history.title")),
        scroll=ft.ScrollMode.AUTO,
        padding=ft.Padding.all(16),
        controls=[centered(controls)],
    )
