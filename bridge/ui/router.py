"""Maps a route to the stack of screens it shows (the bottom one is where 'back' ends)."""

from __future__ import annotations

from typing import TYPE_CHECKING

import flet as ft

from bridge.ui.screens import damaged, fill, history, home, settings, snapshot, welcome

if TYPE_CHECKING:
    from bridge.ui.app import BridgeApp


def views_for(app: BridgeApp, route: str) -> list[ft.View]:
    if app.storage_problem is not None:
        return [damaged.build(app)]
    if not app.data().setting("welcomed"):
        return [welcome.build(app)]
    stack = [home.build(app)]
    path = ft.TemplateRoute(route)
    if path.match("/fill/:position"):
        view = fill.build(app, path.position)  # type: ignore[attr-defined]
        if view is not None:
            stack.append(view)
    elif path.match("/history"):
        stack.append(history.build(app))
    elif path.match("/snapshot/:snapshot_id"):
        view = snapshot.build(app, path.snapshot_id)  # type: ignore[attr-defined]
        if view is not None:
            stack.extend([history.build(app), view])
    elif path.match("/settings"):
        stack.append(settings.build(app))
    return stack
