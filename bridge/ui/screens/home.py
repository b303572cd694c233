"""Home: the latest bridge at a glance with its changes, or an invitation to fill it in."""

from __future__ import annotations

from typing import TYPE_CHECKING

import flet as ft

from bridge.domain.assessment import Assessment, change_since
from bridge.domain.goals import due_steps
from bridge.sharing.plans import plans
from bridge.ui import theme
from bridge.ui.formatting import format_date, stress_line
from bridge.ui.goal_actions import all_goals
from bridge.ui.layout import body, heading, muted, primary_button, secondary_button
from bridge.ui.widgets.area_list import area_list
from bridge.ui.widgets.bridge_drawing import bridge_drawing
from bridge.ui.widgets.checkin_card import checkin_card
from bridge.ui.widgets.plan_cards import plan_home_card
from bridge.ui.widgets.scaffold import screen

if TYPE_CHECKING:
    from bridge.ui.app import BridgeApp


def start_filling(app: BridgeApp) -> None:
    """Continues the bridge being filled in, or starts a new one."""
    repo = app.data()
    draft = repo.draft()
    if draft is None:
        draft = Assessment.start_from(repo.latest(), app.content.area_ids, app.now())
        if not app.save(lambda r: r.save_assessment(draft)):
            return
    app.go(f"/fill/{draft.position}")


def build(app: BridgeApp) -> ft.View:
    t = app.t
    repo = app.data()
    latest = repo.latest()
    draft = repo.draft()
    controls: list[ft.Control] = []
    due = due_steps(all_goals(app), app.today())
    if due:
        # The in-app reminder: shown when the app opens, never pushed.
        controls.extend(checkin_card(app, item.goal, item.step) for item in due)
    received = plans(repo)
    if received:  # what was agreed with the coach, the newest plan
        controls.append(plan_home_card(app, received[0]))
    if draft is not None:
        controls.append(
            ft.Container(
                bgcolor=theme.NOTICE_BG,
                border_radius=12,
                padding=14,
                content=ft.Column(
                    [
                        body(t("home.draft")),
                        primary_button(
                            t("home.continue"), lambda _: start_filling(app), icon=ft.Icons.EDIT
                        ),
                    ]
                ),
            )
        )
    if latest is None:
        controls.extend(
            [
                heading(t("home.empty_title")),
                body(t("home.empty_text")),
            ]
        )
        if draft is None:
            controls.append(
                primary_button(
                    t("home.fill_first"), lambda _: start_filling(app), icon=ft.Icons.ARROW_FORWARD
                )
            )
        if draft is None and not all_goals(app):
            # First start: nothing here yet, so a backup can be put back (welcome promised it).
            controls += [
                ft.Divider(),
                muted(t("home.restore_help")),
                secondary_button(
                    t("home.restore"),
                    lambda _: app.go("/settings/privacy"),
                    icon=ft.Icons.RESTORE,
                ),
            ]
    else:
        changes = change_since(repo.previous(latest), latest)
        controls.extend(
            [
                heading(t("home.title")),
                muted(
                    t(
                        "home.filled_on",
                        date=format_date(app, latest.completed_at or latest.started_at),
                    )
                    + " · "
                    + stress_line(app, latest)
                ),
                bridge_drawing(app, latest, changes, large=app.wide),
                area_list(app, latest, changes),
                ft.Row(
                    wrap=True,
                    spacing=10,
                    run_spacing=10,
                    controls=[
                        *(
                            []
                            if draft is not None
                            else [
                                primary_button(
                                    t("home.fill_again"),
                                    lambda _: start_filling(app),
                                    icon=ft.Icons.REFRESH,
                                )
                            ]
                        ),
                        secondary_button(
                            t("home.history"), lambda _: app.go("/history"), icon=ft.Icons.HISTORY
                        ),
                    ],
                ),
            ]
        )
    return screen(
        app,
        "/",
        t("app.name"),
        controls,
        tab="/",
        wide=latest is not None,
    )
