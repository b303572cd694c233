"""The stress thermometer: 'How much stress do you have this week?', 0 to 10, big buttons."""

from __future__ import annotations

from typing import TYPE_CHECKING

import flet as ft

from bridge.domain.assessment import MAX_STRESS, MIN_STRESS
from bridge.ui.filling import FillSession
from bridge.ui.layout import body, heading, muted
from bridge.ui.widgets.fill_nav import nav_buttons, progress
from bridge.ui.widgets.number_scale import number_scale
from bridge.ui.widgets.scaffold import screen

if TYPE_CHECKING:
    from bridge.ui.app import BridgeApp


def build(app: BridgeApp, session: FillSession) -> ft.View:
    t = app.t
    scale = number_scale(
        session.draft.stress,
        lambda value: session.update(lambda d: d.with_stress(value)),
        label=lambda n: t("stress.button", n=n),
        low=MIN_STRESS,
        high=MAX_STRESS,
    )
    return screen(
        app,
        "/fill/stress",
        t("fill.title"),
        [
            progress(app, session.draft),
            heading(t("stress.question")),
            muted(t("stress.help")),
            scale,
            ft.Row(
                [muted(t("stress.low")), muted(t("stress.high"))],
                alignment=ft.MainAxisAlignment.SPACE_BETWEEN,
            ),
            body(t("stress.skip_ok")),
            nav_buttons(app, session),
        ],
    )
