"""Filling in the bridge, one thing per screen: stress first, then each area, then a review."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

import flet as ft

from bridge.domain.assessment import (
    REVIEW_POSITION,
    STRESS_POSITION,
    Assessment,
    AssessmentError,
    fill_positions,
    next_position,
)
from bridge.storage import StorageError
from bridge.ui import theme
from bridge.ui.layout import primary_button, secondary_button

if TYPE_CHECKING:
    from bridge.ui.app import BridgeApp


class FillSession:
    """The draft being filled in on this screen; every change is saved at once."""

    def __init__(self, app: BridgeApp, draft: Assessment) -> None:
        self.app = app
        self.draft = draft

    def update(self, change: Callable[[Assessment], Assessment]) -> AssessmentError | None:
        """Applies and saves a change; returns the broken rule instead of raising."""
        try:
            # Apply the change to what is stored now, not to this screen's copy: another
            # session (a second browser tab) may have saved other answers meanwhile.
            stored = self.app.data().assessment(self.draft.id)
            changed = change(stored if stored is not None else self.draft)
        except AssessmentError as exc:
            return exc
        except StorageError:
            self.app.route_changed()  # locked or unreadable: the guard screens take over
            return None
        if self.app.save(lambda repo: repo.save_assessment(changed)):
            self.draft = changed
        return None

    def move(self, step: int) -> None:
        target = next_position(self.draft.area_ids, self.draft.position, step)
        if target is None:
            self.app.go("/")
            return
        self.update(lambda d: d.at(target))
        self.app.go(f"/fill/{target}")


def progress(app: BridgeApp, draft: Assessment) -> ft.Control:
    order = fill_positions(draft.area_ids)
    index = order.index(draft.position) if draft.position in order else 0
    total = len(order) - 1
    return ft.Column(
        [
            ft.ProgressBar(
                value=index / total,
                bar_height=8,
                border_radius=4,
                color=theme.STEP_FILLED,
                bgcolor=theme.STEP_EMPTY,
                semantics_label=app.t("fill.progress", n=index, total=total),
            ),
        ]
    )


def nav_buttons(
    app: BridgeApp, session: FillSession, *, next_label: str | None = None
) -> ft.Control:
    t = app.t
    return ft.Row(
        alignment=ft.MainAxisAlignment.SPACE_BETWEEN,
        controls=[
            secondary_button(t("fill.back"), lambda _: session.move(-1), icon=ft.Icons.ARROW_BACK),
            primary_button(
                next_label or t("fill.next"), lambda _: session.move(1), icon=ft.Icons.ARROW_FORWARD
            ),
        ],
    )


def build(app: BridgeApp, position: str) -> ft.View | None:
    from bridge.ui.screens import fill_area, fill_review, fill_stress

    draft = app.data().draft()
    if draft is None or position not in fill_positions(draft.area_ids):
        return None
    session = FillSession(app, draft)
    if draft.position != position:
        # Arrived by the browser's back/forward or a link: remember this as the place to resume.
        session.update(lambda d: d.at(position))
    if position == STRESS_POSITION:
        return fill_stress.build(app, session)
    if position == REVIEW_POSITION:
        return fill_review.build(app, session)
    return fill_area.build(app, session, position)
