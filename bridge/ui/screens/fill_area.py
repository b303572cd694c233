"""One area of the bridge: its open question, five steps to choose from, and optional marks."""

from __future__ import annotations

from typing import TYPE_CHECKING

import flet as ft

from bridge.domain.assessment import NOTE_MAX_CHARS, Helper
from bridge.ui import theme
from bridge.ui.layout import Notice, centered, heading, muted
from bridge.ui.screens.common import app_bar
from bridge.ui.screens.fill import FillSession, nav_buttons, progress
from bridge.ui.widgets.choice_card import choice_card

if TYPE_CHECKING:
    from bridge.ui.app import BridgeApp


def step_picker(app: BridgeApp, session: FillSession, area_id: str) -> ft.Column:
    t = app.t
    area = app.content.area(area_id)
    column = ft.Column(spacing=10)

    def choose(level: int) -> None:
        session.update(lambda d: d.with_step(area_id, level))
        column.controls = cards()

    def cards() -> list[ft.Control]:
        chosen = session.draft.step(area_id)
        return [
            choice_card(
                t.pick(step.label),
                t.pick(step.descriptor),
                leading=str(step.level),
                selected=chosen == step.level,
                on_select=lambda level=step.level: choose(level),  # type: ignore[misc]
                leading_label=t("fill.step_number", step=step.level),
            )
            for step in area.steps
        ]

    column.controls = cards()
    return column


def helper_picker(app: BridgeApp, session: FillSession, area_id: str) -> ft.Column:
    t = app.t
    column = ft.Column(spacing=8)

    def choose(helper: Helper) -> None:
        current = session.draft.answer(area_id).helper
        session.update(lambda d: d.with_helper(area_id, None if current == helper else helper))
        column.controls = cards()

    def cards() -> list[ft.Control]:
        chosen = session.draft.answer(area_id).helper
        return [
            choice_card(
                t(f"helper.{helper.value}"),
                None,
                selected=chosen == helper,
                on_select=lambda helper=helper: choose(helper),  # type: ignore[misc]
            )
            for helper in Helper
        ]

    column.controls = cards()
    return column


def marks(app: BridgeApp, session: FillSession, area_id: str) -> list[ft.Control]:
    t = app.t
    answer = session.draft.answer(area_id)
    priority_message = Notice()

    def discuss_changed(e: ft.Event[ft.Switch]) -> None:
        session.update(lambda d: d.with_discuss(area_id, bool(e.control.value)))

    def priority_changed(e: ft.Event[ft.Switch]) -> None:
        problem = session.update(lambda d: d.with_priority(area_id, bool(e.control.value)))
        if problem is not None:
            e.control.value = False
            names = ", ".join(t.pick(app.content.area(a).name) for a in session.draft.priorities)
            priority_message.show(t("fill.too_many_priorities", areas=names))
        else:
            priority_message.hide()

    note = ft.TextField(
        label=t("fill.note_label"),
        helper=t("fill.note_help"),
        value=answer.note,
        multiline=True,
        min_lines=2,
        max_lines=5,
        text_size=16,
    )

    def note_changed(e: ft.Event[ft.TextField]) -> None:
        text = e.control.value or ""
        problem = session.update(lambda d: d.with_note(area_id, text))
        if problem is not None:
            # Keep the text in the field (nothing lost); the saved note stays the last valid one.
            note.error = t("fill.note_too_long", n=len(text.strip()), max=NOTE_MAX_CHARS)
        else:
            note.error = None

    note.on_change = note_changed

    return [
        ft.Text(t("fill.more_title"), size=20, weight=ft.FontWeight.BOLD),
        muted(t("fill.more_help")),
        ft.Switch(
            label=t("fill.discuss"),
            value=answer.discuss,
            on_change=discuss_changed,
            label_text_style=ft.TextStyle(size=17),
        ),
        ft.Switch(
            label=t("fill.priority"),
            value=answer.priority,
            on_change=priority_changed,
            label_text_style=ft.TextStyle(size=17),
        ),
        priority_message,
        ft.Text(t("fill.helper_question"), size=17, weight=ft.FontWeight.W_600),
        helper_picker(app, session, area_id),
        note,
    ]


def build(app: BridgeApp, session: FillSession, area_id: str) -> ft.View:
    t = app.t
    area = app.content.area(area_id)
    domain = app.content.domain_of(area_id)
    previous = app.data().latest()
    hint: list[ft.Control] = []
    if previous is not None and previous.step(area_id) is not None:
        hint.append(muted(t("fill.last_time", step=previous.step(area_id))))
    return ft.View(
        route=f"/fill/{area_id}",
        appbar=app_bar(app, t("fill.title")),
        scroll=ft.ScrollMode.AUTO,
        padding=ft.Padding.all(16),
        controls=[
            centered(
                [
                    progress(app, session.draft),
                    ft.Text(
                        t.pick(domain.name), size=15, color=theme.MUTED, weight=ft.FontWeight.W_600
                    ),
                    heading(t.pick(area.name)),
                    ft.Text(t.pick(area.question), size=19),
                    muted(t("fill.choose_step")),
                    *hint,
                    step_picker(app, session, area_id),
                    ft.Divider(),
                    *marks(app, session, area_id),
                    ft.Container(height=8),
                    nav_buttons(app, session),
                ]
            )
        ],
    )
