"""The end of filling in: what is still open, then keep this bridge as a dated snapshot."""

from __future__ import annotations

from typing import TYPE_CHECKING

import flet as ft

from bridge.ui.filling import FillSession
from bridge.ui.layout import body, heading, primary_button, secondary_button
from bridge.ui.widgets.fill_nav import progress
from bridge.ui.widgets.scaffold import screen

if TYPE_CHECKING:
    from bridge.ui.app import BridgeApp


def build(app: BridgeApp, session: FillSession) -> ft.View:
    t = app.t
    draft = session.draft

    def finish() -> None:
        if session.update(lambda d: d.complete(app.now())) is None:
            app.go("/")

    controls: list[ft.Control] = [progress(app, draft)]
    if draft.is_complete:
        controls.extend(
            [
                heading(t("review.done_title")),
                body(t("review.done_text")),
                primary_button(t("review.save"), lambda _: finish(), icon=ft.Icons.CHECK),
            ]
        )
    else:
        controls.extend([heading(t("review.missing_title")), body(t("review.missing_text"))])
        controls.extend(
            secondary_button(
                t.pick(app.content.area(area_id).name),
                lambda _, a=area_id: app.go(f"/fill/{a}"),
                icon=ft.Icons.EDIT,
            )
            for area_id in draft.missing_areas
        )
    controls.append(
        ft.Row(
            [secondary_button(t("fill.back"), lambda _: session.move(-1), icon=ft.Icons.ARROW_BACK)]
        )
    )
    return screen(
        app,
        "/fill/review",
        t("fill.title"),
        controls,
    )
