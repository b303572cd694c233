"""One area of the bridge: its open question, five steps to choose from, and optional marks."""

from __future__ import annotations

from typing import TYPE_CHECKING

import flet as ft

from bridge.domain.assessment import NOTE_MAX_CHARS, Helper
from bridge.ui import theme
from bridge.ui.filling import FillSession
from bridge.ui.layout import Notice, heading, muted, primary_button, secondary_button
from bridge.ui.widgets.choice_card import ChoiceCard
from bridge.ui.widgets.fill_nav import progress
from bridge.ui.widgets.labelled_switch import labelled_switch
from bridge.ui.widgets.scaffold import screen

if TYPE_CHECKING:
    from bridge.ui.app import BridgeApp


def step_picker(app: BridgeApp, session: FillSession, area_id: str) -> ft.Column:
    t = app.t
    area = app.content.area(area_id)
    chosen = session.draft.step(area_id)

    def choose(level: int) -> None:
        session.update(lambda d: d.with_step(area_id, level))
        now = session.draft.step(area_id)
        for step_level, card in cards.items():
            card.show(step_level == now)

    cards = {
        step.level: ChoiceCard(
            t.pick(step.label),
            t.pick(step.descriptor),
            leading=str(step.level),
            selected=chosen == step.level,
            on_select=lambda level=step.level: choose(level),  # type: ignore[misc]
            leading_label=t("fill.step_number", step=step.level),
        )
        for step in area.steps
    }
    return ft.Column([card.control for card in cards.values()], spacing=10)


def helper_picker(app: BridgeApp, session: FillSession, area_id: str) -> ft.Column:
    t = app.t
    chosen = session.draft.answer(area_id).helper

    def choose(helper: Helper) -> None:
        current = session.draft.answer(area_id).helper
        session.update(lambda d: d.with_helper(area_id, None if current == helper else helper))
        now = session.draft.answer(area_id).helper
        for option, card in cards.items():
            card.show(option == now)

    cards = {
        helper: ChoiceCard(
            t(f"helper.{helper.value}"),
            None,
            selected=chosen == helper,
            on_select=lambda helper=helper: choose(helper),  # type: ignore[misc]
        )
        for helper in Helper
    }
    return ft.Column([card.control for card in cards.values()], spacing=8)


def note_field(app: BridgeApp, session: FillSession, area_id: str) -> ft.TextField:
    """The note; a too long one stays whole in the field (never cut) with a wrapping message."""
    t = app.t
    note = ft.TextField(
        label=t("fill.note_label"),
        helper=t("fill.note_help"),
        value=session.draft.answer(area_id).note,
        multiline=True,
        min_lines=2,
        max_lines=5,
        text_size=16,
        helper_max_lines=4,
        error_max_lines=6,
    )

    def note_changed(e: ft.Event[ft.TextField]) -> None:
        text = e.control.value or ""
        problem = session.update_later(f"note:{area_id}", lambda d: d.with_note(area_id, text))
        if problem is not None:
            # Keep the text in the field (nothing lost); the saved note stays the last valid one,
            # and the buttons below do not move on until the note fits.
            note.error = t("fill.note_too_long", n=len(text.strip()), max=NOTE_MAX_CHARS)
        else:
            note.error = None

    note.on_change = note_changed
    note.on_blur = lambda _: app.flush()
    return note


def guarded_nav(app: BridgeApp, session: FillSession, note: ft.TextField) -> list[ft.Control]:
    """Back and next; neither moves on while the note holds more than can be saved."""
    t = app.t
    stop = Notice()

    def move(step: int) -> None:
        if note.error is not None:
            stop.show(t("fill.note_first"))
            return
        session.move(step)

    return [
        stop,
        ft.Row(
            alignment=ft.MainAxisAlignment.SPACE_BETWEEN,
            controls=[
                secondary_button(t("fill.back"), lambda _: move(-1), icon=ft.Icons.ARROW_BACK),
                primary_button(t("fill.next"), lambda _: move(1), icon=ft.Icons.ARROW_FORWARD),
            ],
        ),
    ]


def carried_line(app: BridgeApp, session: FillSession, area_id: str) -> list[ft.Control]:
    """Says so when this area's marks were carried over from the last bridge."""
    previous = app.data().latest()
    if previous is None or area_id not in previous.area_ids:
        return []
    if previous.id == session.draft.id:
        return []
    before = previous.answer(area_id)
    if before.discuss or before.priority or before.helper is not None:
        return [muted(app.t("fill.marks_from_last_time"))]
    return []


def marks(
    app: BridgeApp, session: FillSession, area_id: str, note: ft.TextField
) -> list[ft.Control]:
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

    return [
        ft.Text(t("fill.more_title"), size=20, weight=ft.FontWeight.BOLD),
        muted(t("fill.more_help")),
        *carried_line(app, session, area_id),
        labelled_switch(t("fill.discuss"), answer.discuss, discuss_changed),
        labelled_switch(t("fill.priority"), answer.priority, priority_changed),
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
    note = note_field(app, session, area_id)
    hint: list[ft.Control] = []
    if previous is not None and previous.step(area_id) is not None:
        hint.append(muted(t("fill.last_time", step=previous.step(area_id))))
    return screen(
        app,
        f"/fill/{area_id}",
        t("fill.title"),
        [
            progress(app, session.draft),
            ft.Text(t.pick(domain.name), size=15, color=theme.MUTED, weight=ft.FontWeight.W_600),
            heading(t.pick(area.name)),
            ft.Text(t.pick(area.question), size=19),
            muted(t("fill.choose_step")),
            *hint,
            step_picker(app, session, area_id),
            ft.Divider(),
            *marks(app, session, area_id, note),
            ft.Container(height=8),
            *guarded_nav(app, session, note),
        ],
    )
