"""The stress thermometer: 'How much stress do you have this week?', 0 to 10, big buttons."""

from __future__ import annotations

from typing import TYPE_CHECKING

import flet as ft

from bridge.domain.assessment import MAX_STRESS, MIN_STRESS
from bridge.ui import theme
from bridge.ui.layout import body, centered, heading, muted
from bridge.ui.screens.common import app_bar
from bridge.ui.screens.fill import FillSession, nav_buttons, progress

if TYPE_CHECKING:
    from bridge.ui.app import BridgeApp


def stress_scale(app: BridgeApp, session: FillSession) -> ft.Control:
    buttons: list[ft.Control] = []
    holder = ft.Row(wrap=True, spacing=8, run_spacing=8)

    def choose(n: int) -> None:
        value = None if session.draft.stress == n else n
        session.update(lambda d: d.with_stress(value))
        holder.controls = make()

    def make() -> list[ft.Control]:
        chosen = session.draft.stress
        out: list[ft.Control] = []
        for n in range(MIN_STRESS, MAX_STRESS + 1):
            selected = chosen == n
            out.append(
                ft.Semantics(
                    button=True,
                    selected=selected,
                    content=ft.Container(
                        width=52,
                        height=52,
                        alignment=ft.Alignment.CENTER,
                        border_radius=26,
                        bgcolor=theme.STEP_FILLED if selected else None,
                        border=ft.Border.all(
                            2, theme.STEP_FILLED if selected else theme.CARD_BORDER
                        ),
                        content=ft.Text(
                            str(n),
                            semantics_label=app.t("stress.button", n=n),
                            size=20,
                            weight=ft.FontWeight.BOLD,
                            color=theme.STEP_TEXT if selected else None,
                        ),
                        on_click=lambda _, n=n: choose(n),
                    ),
                )
            )
        return out

    buttons = make()
    holder.controls = buttons
    return holder


def build(app: BridgeApp, session: FillSession) -> ft.View:
    t = app.t
    return ft.View(
        route="/fill/stress",
        appbar=app_bar(app, t("fill.title")),
        scroll=ft.ScrollMode.AUTO,
        padding=ft.Padding.all(16),
        controls=[
            centered(
                [
                    progress(app, session.draft),
                    heading(t("stress.question")),
                    muted(t("stress.help")),
                    stress_scale(app, session),
                    ft.Row(
                        [muted(t("stress.low")), muted(t("stress.high"))],
                        alignment=ft.MainAxisAlignment.SPACE_BETWEEN,
                    ),
                    body(t("stress.skip_ok")),
                    nav_buttons(app, session),
                ]
            )
        ],
    )
