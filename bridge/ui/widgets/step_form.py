"""The smallest step: what, where, by which day (within a week), and an if-then sentence.

"When" is asked once: the day chips. A time, if the client wants one, goes in the if-then
sentence ("Als het maandag 10 uur is, …"). A `when` saved by an older version is kept.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from datetime import date, timedelta
from typing import TYPE_CHECKING

import flet as ft

from bridge.domain.goal_texts import if_then_sentence
from bridge.domain.goals import STEP_DAYS, StepPlan
from bridge.ui import theme
from bridge.ui.layout import muted

if TYPE_CHECKING:
    from bridge.ui.app import BridgeApp


def day_label(app: BridgeApp, day: date, today: date) -> str:
    if day == today:
        return app.t("day.today")
    if day == today + timedelta(days=1):
        return app.t("day.tomorrow")
    return app.t(
        "date.short",
        weekday=app.t(f"weekday.{day.weekday()}"),
        day=day.day,
        month=app.t(f"month.{day.month}"),
    )


def text_field(
    label: str, value: str | None, on_change: Callable[[str], None], *, multiline: bool = True
) -> ft.TextField:
    return ft.TextField(
        label=label,
        value=value or "",
        multiline=multiline,
        min_lines=1,
        max_lines=4,
        text_size=17,
        on_change=lambda e: on_change(e.control.value or ""),
    )


class StepForm:
    """Calls `on_change` with the whole plan after every edit (the caller saves it)."""

    def __init__(
        self,
        app: BridgeApp,
        plan: StepPlan | None,
        on_change: Callable[[StepPlan], None],
        *,
        with_details: bool = True,
    ) -> None:
        self.app = app
        self.plan = plan or StepPlan()
        self.on_change = on_change
        self.today = app.today()
        self.if_part = ""
        self.then_part = ""
        self.days = ft.Row(wrap=True, spacing=8, run_spacing=8)
        self.days.controls = self.day_chips()
        self.sentence = ft.Text(
            self.plan.if_then or "", size=16, italic=True, visible=bool(self.plan.if_then)
        )
        self.control = self.build(with_details)

    def update(self, **changes: object) -> None:
        self.plan = replace(self.plan, **changes)  # type: ignore[arg-type]
        self.on_change(self.plan)

    def choose_day(self, day: date) -> None:
        self.update(due=None if self.plan.due == day else day)
        self.days.controls = self.day_chips()

    def day_chips(self) -> list[ft.Control]:
        chips: list[ft.Control] = []
        for n in range(STEP_DAYS + 1):
            day = self.today + timedelta(days=n)
            chips.append(
                ft.Chip(
                    label=ft.Text(day_label(self.app, day, self.today), size=15),
                    selected=self.plan.due == day,
                    on_select=lambda _, d=day: self.choose_day(d),
                    selected_color=theme.SELECTED_BG,
                )
            )
        return chips

    def if_then_changed(self, part: str, value: str) -> None:
        if part == "if":
            self.if_part = value
        else:
            self.then_part = value
        both = self.if_part.strip() and self.then_part.strip()
        text = if_then_sentence(self.if_part, self.then_part, self.app.t) if both else None
        self.sentence.value = text or ""
        self.sentence.visible = bool(text)
        self.update(if_then=text)

    def build(self, with_details: bool) -> ft.Column:
        t = self.app.t
        plan = self.plan
        controls: list[ft.Control] = [
            text_field(t("goals.step_what"), plan.what, lambda v: self.update(what=v)),
        ]
        if with_details:
            controls += [
                text_field(t("goals.step_where"), plan.where, lambda v: self.update(where=v)),
            ]
        controls += [
            ft.Text(t("goals.step_due"), size=17, weight=ft.FontWeight.W_600),
            muted(t("goals.step_due_help")),
            self.days,
        ]
        if with_details:
            controls += [
                ft.Text(t("goals.if_then_label"), size=17, weight=ft.FontWeight.W_600),
                muted(t("goals.if_then_example")),
                text_field(
                    t("goals.if_then_when"),
                    None,
                    lambda v: self.if_then_changed("if", v),
                    multiline=False,
                ),
                text_field(
                    t("goals.if_then_then"),
                    None,
                    lambda v: self.if_then_changed("then", v),
                    multiline=False,
                ),
                self.sentence,
            ]
        return ft.Column(controls, spacing=12, horizontal_alignment=ft.CrossAxisAlignment.STRETCH)
