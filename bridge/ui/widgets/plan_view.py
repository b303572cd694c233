"""One plan from the coach, as the client reads it: who it came from and when, the coach's words
of recognition, the agreed steps (each can become a goal of the client's own), the next meeting,
and the coach's view per area only when the client wanted it sent."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from typing import TYPE_CHECKING

import flet as ft

from bridge.sharing.plans import ReceivedPlan
from bridge.ui import theme
from bridge.ui.formatting import format_date
from bridge.ui.layout import body, muted, secondary_button
from bridge.ui.plan_actions import coach_view_lines

if TYPE_CHECKING:
    from bridge.ui.app import BridgeApp


def long_date(app: BridgeApp, day: date) -> str:
    """'ma 14 december 2026': a meeting day with its weekday, in the person's language."""
    t = app.t
    return t(
        "plan.date_long",
        weekday=t(f"weekday.{day.weekday()}"),
        day=day.day,
        month=t(f"month.{day.month}"),
        year=day.year,
    )


def section(title: str) -> ft.Text:
    return ft.Text(title, size=20, weight=ft.FontWeight.BOLD)


def step_card(
    app: BridgeApp,
    received: ReceivedPlan,
    index: int,
    on_make_goal: Callable[[int], None],
    in_use: frozenset[int],
) -> ft.Control:
    t = app.t
    step = received.plan.steps[index]
    parts: list[ft.Control] = [
        muted(t("plan.step_number", n=index + 1)),
        ft.Text(step.text, size=18, weight=ft.FontWeight.W_600),
    ]
    if step.area_id in app.content.area_ids:
        area = app.content.area(step.area_id)  # type: ignore[arg-type]
        parts.append(
            ft.Row(
                [
                    ft.Icon(theme.area_icon(area.id), color=theme.MUTED, size=18),
                    muted(t.pick(area.name)),
                ],
                spacing=6,
            )
        )
    if index in in_use:
        parts.append(
            ft.Row(
                [
                    ft.Icon(ft.Icons.CHECK_CIRCLE, color=theme.UP, size=22),
                    ft.Text(t("plan.goal_made"), size=16, color=theme.UP, expand=True),
                ],
                vertical_alignment=ft.CrossAxisAlignment.START,
            )
        )
    else:
        parts.append(
            secondary_button(
                t("plan.make_goal"), lambda _: on_make_goal(index), icon=ft.Icons.FLAG_OUTLINED
            )
        )
    return ft.Container(
        content=ft.Column(parts, spacing=8, horizontal_alignment=ft.CrossAxisAlignment.STRETCH),
        border=ft.Border.all(1, theme.CARD_BORDER),
        border_radius=12,
        padding=14,
    )


def recognition_box(app: BridgeApp, received: ReceivedPlan) -> ft.Control:
    return ft.Container(
        bgcolor=theme.SUCCESS_BG,
        border_radius=12,
        padding=14,
        content=ft.Column(
            [
                ft.Text(
                    app.t("plan.recognition_title", coach=received.coach_name),
                    size=16,
                    weight=ft.FontWeight.W_600,
                ),
                ft.Text(received.plan.recognition, size=18, italic=True),
            ],
            spacing=6,
        ),
    )


def plan_details(
    app: BridgeApp,
    received: ReceivedPlan,
    on_make_goal: Callable[[int], None],
    in_use: frozenset[int] | None = None,
) -> list[ft.Control]:
    """The plan's parts, top to bottom, for the screen's column. `in_use`: the steps shown as
    made into a goal (the screen passes those whose goal is still there; default: every step
    marked used)."""
    in_use = received.used if in_use is None else in_use
    t = app.t
    plan = received.plan
    controls: list[ft.Control] = [
        body(t("plan.from", coach=received.coach_name, date=format_date(app, plan.session_date)))
    ]
    if plan.recognition:
        controls.append(recognition_box(app, received))
    controls.append(section(t("plan.steps_title")))
    controls += [step_card(app, received, i, on_make_goal, in_use) for i in range(len(plan.steps))]
    if plan.next_meeting is not None:
        controls.append(
            ft.Row(
                [
                    ft.Icon(ft.Icons.EVENT, color=theme.SEED, size=24),
                    ft.Text(
                        t("plan.next_meeting", date=long_date(app, plan.next_meeting)),
                        size=18,
                        weight=ft.FontWeight.W_600,
                        expand=True,
                    ),
                ],
                vertical_alignment=ft.CrossAxisAlignment.START,
            )
        )
    lines = coach_view_lines(plan, app.content, t) if plan.coach_view else []
    if lines:
        controls += [
            section(t("plan.coach_view_title", coach=received.coach_name)),
            muted(t("plan.coach_view_help")),
            *(body(line, size=16) for line in lines),
        ]
    controls.append(muted(t("plan.received", date=format_date(app, received.received_at))))
    return controls
