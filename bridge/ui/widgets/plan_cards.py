"""Small pieces of the coach's plan on other screens: the home card "Wat we afspraken", the way
in on the Share tab, and the note on the new-goal screen when an agreed step starts the goal."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

import flet as ft

from bridge.sharing.plans import ReceivedPlan
from bridge.ui import theme
from bridge.ui.formatting import format_date
from bridge.ui.layout import body, muted, secondary_button
from bridge.ui.shell.state import GoalSuggestion
from bridge.ui.widgets.plan_view import long_date

if TYPE_CHECKING:
    from bridge.ui.app import BridgeApp


def plan_home_card(app: BridgeApp, received: ReceivedPlan) -> ft.Control:
    """The newest plan on the home screen: from whom, the next meeting, and the way to it."""
    t = app.t
    plan = received.plan
    parts: list[ft.Control] = [
        ft.Row(
            [
                ft.Icon(ft.Icons.HANDSHAKE_OUTLINED, color=theme.SEED, size=26),
                ft.Text(t("plan.title"), size=20, weight=ft.FontWeight.BOLD, expand=True),
            ]
        ),
        body(
            t(
                "plan.home.text",
                coach=received.coach_name,
                date=format_date(app, plan.session_date),
            ),
            size=16,
        ),
    ]
    if plan.next_meeting is not None:
        parts.append(body(t("plan.next_meeting", date=long_date(app, plan.next_meeting)), size=16))
    parts.append(
        secondary_button(t("plan.home.open"), lambda _: app.go("/plan"), icon=ft.Icons.CHECKLIST)
    )
    return ft.Container(
        bgcolor=theme.PANEL_BG,
        border_radius=12,
        padding=14,
        content=ft.Column(parts, spacing=10, horizontal_alignment=ft.CrossAxisAlignment.STRETCH),
    )


def plan_entry(app: BridgeApp, has_plan: bool) -> list[ft.Control]:
    """On the Share tab: open a plan the coach sent, and see the plans already here."""
    t = app.t
    controls: list[ft.Control] = [
        ft.Divider(),
        ft.Text(t("plan.entry.view"), size=20, weight=ft.FontWeight.BOLD),
        muted(t("plan.entry.help")),
        secondary_button(
            t("plan.entry.open"), lambda _: app.go("/plan/import"), icon=ft.Icons.LOCK_OPEN
        ),
    ]
    if has_plan:
        controls.append(
            secondary_button(
                t("plan.home.open"), lambda _: app.go("/plan"), icon=ft.Icons.CHECKLIST
            )
        )
    return controls


def suggestion_note(
    app: BridgeApp, suggestion: GoalSuggestion, on_drop: Callable[[], None]
) -> ft.Control:
    """Above the areas: which agreed step this goal starts from, and that the words are theirs."""
    t = app.t
    return ft.Container(
        bgcolor=theme.NOTICE_BG,
        border_radius=12,
        padding=14,
        content=ft.Column(
            [
                ft.Text(
                    t("plan.goal.from_plan", step=suggestion.text),
                    size=17,
                    color=theme.NOTICE_TEXT,
                    weight=ft.FontWeight.W_600,
                ),
                ft.Text(t("plan.goal.from_plan_help"), size=16, color=theme.NOTICE_TEXT),
                ft.TextButton(
                    content=t("plan.goal.without"),
                    icon=ft.Icons.CLOSE,
                    on_click=lambda _: on_drop(),
                    height=theme.TAP_HEIGHT,
                ),
            ],
            spacing=8,
        ),
    )


def step_area_mark(app: BridgeApp) -> ft.Control:
    """Over the area the agreed step belongs to, on the new-goal screen."""
    return ft.Row(
        [
            ft.Icon(ft.Icons.HANDSHAKE_OUTLINED, color=theme.SEED, size=16),
            muted(app.t("plan.goal.area_of_step")),
        ],
        spacing=4,
    )
