"""The session note as a form: the agreed next steps (1 to 5 fields), a sentence of recognition,
the client's own reflection, the next meeting as DD-MM-JJJJ, and whether the coach's view goes
into the plan. Every change goes into the draft at once and is saved when the coach pauses or
leaves the field; a text too long stays whole in its field, with a message."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

import flet as ft

from bridge.coach.sessions import MAX_AGREED, TEXT_MAX_CHARS
from bridge.ui import theme
from bridge.ui.layout import Notice, secondary_button
from bridge.ui.messages import message_for
from bridge.ui.widgets.coach_session_state import BadDay, SessionDraft, parse_day
from bridge.ui.widgets.labelled_switch import labelled_switch

if TYPE_CHECKING:
    from bridge.ui.app import BridgeApp


class SessionNoteForm:
    """`on_change` saves later; `plan_limits` (step, recognition) are the plan's sizes."""

    def __init__(
        self,
        app: BridgeApp,
        draft: SessionDraft,
        on_change: Callable[[], None],
        plan_limits: tuple[int, int],
    ) -> None:
        self.app = app
        self.draft = draft
        self.on_change = on_change
        self.step_max, self.recognition_max = plan_limits
        self.agreed_box = ft.Column(spacing=10)
        self.full = Notice()
        self.problems: set[str] = set()  # fields whose text cannot be saved as it is
        self.show_agreed()

    def field(
        self,
        label: str,
        value: str,
        store: Callable[[str], None],
        *,
        key: str,
        plan_max: int | None,
        helper: str | None,
    ) -> ft.TextField:
        """A multi-line field whose text goes into the draft (`store`) and is saved later."""
        box = ft.TextField(
            label=label,
            value=value,
            helper=helper,
            multiline=True,
            min_lines=1,
            max_lines=5,
            text_size=17,
            helper_max_lines=3,
            error_max_lines=4,
        )

        def changed(e: ft.Event[ft.TextField]) -> None:
            text = e.control.value or ""
            box.error = self.problem(key, text, plan_max)
            if key not in self.problems:
                store(text)
                self.on_change()

        box.on_change = changed
        box.on_blur = lambda _: self.app.flush()
        box.error = self.problem(key, value, plan_max)
        return box

    def problem(self, key: str, text: str, plan_max: int | None) -> str | None:
        """What is wrong with the text: too long to keep at all (it stays whole in its field,
        and what was saved before stays), or too long for the plan (kept, and said)."""
        t = self.app.t
        if len(text) > TEXT_MAX_CHARS:
            self.problems.add(key)
            return t("coach_session.too_long", n=len(text), max=TEXT_MAX_CHARS)
        self.problems.discard(key)
        n = len(text.strip())
        if plan_max is not None and n > plan_max:
            return t("coach_session.too_long_for_plan", n=n, max=plan_max)
        return None

    # -- the agreed steps ----------------------------------------------------------------
    def show_agreed(self) -> None:
        t = self.app.t
        rows: list[ft.Control] = []
        for index, text in enumerate(self.draft.agreed):
            n = index + 1

            def store(value: str, i: int = index) -> None:
                self.draft.agreed[i] = value

            box = self.field(
                t("coach_session.agreed_label", n=n),
                text,
                store,
                key=f"agreed:{index}",
                plan_max=self.step_max,
                helper=t("coach_session.agreed_help") if index == 0 else None,
            )
            box.expand = True
            remove = ft.IconButton(
                icon=ft.Icon(
                    ft.Icons.DELETE_OUTLINE,
                    semantics_label=t("coach_session.agreed_remove", n=n),
                ),
                tooltip=t("coach_session.agreed_remove", n=n),
                on_click=lambda _, i=index: self.remove(i),  # type: ignore[misc]
                visible=len(self.draft.agreed) > 1 or bool(text),
            )
            rows.append(ft.Row([box, remove], vertical_alignment=ft.CrossAxisAlignment.START))
        self.agreed_box.controls = rows
        if len(self.draft.agreed) >= MAX_AGREED:
            self.full.show(t("coach_session.agreed_max"))
        else:
            self.full.hide()

    def add(self) -> None:
        if len(self.draft.agreed) < MAX_AGREED:
            self.draft.agreed.append("")
            self.on_change()
        self.show_agreed()

    def remove(self, index: int) -> None:
        self.app.flush()
        if 0 <= index < len(self.draft.agreed):
            del self.draft.agreed[index]
        if not self.draft.agreed:
            self.draft.agreed.append("")
        self.problems = {p for p in self.problems if not p.startswith("agreed:")}
        self.on_change()
        self.show_agreed()

    # -- the rest ---------------------------------------------------------------------
    def meeting_problem(self, text: str) -> str | None:
        """What is wrong with the typed date (None: a date, or empty); a good one goes into the
        draft. The text itself is always kept on the draft, as typed."""
        self.draft.meeting_text = text
        try:
            day = parse_day(text, self.draft.session_date)
        except BadDay as bad:
            self.problems.add("meeting")
            return message_for(self.app.t, bad, "coach_session.meeting_bad")
        self.problems.discard("meeting")
        self.draft.meeting = day
        return None

    def controls(self) -> list[ft.Control]:
        t = self.app.t
        draft = self.draft

        def set_recognition(value: str) -> None:
            draft.recognition = value

        def set_reflection(value: str) -> None:
            draft.reflection = value

        meeting = ft.TextField(
            label=t("coach_session.meeting_label"),
            helper=t("coach_session.meeting_help"),
            value=draft.meeting_text,
            text_size=17,
            keyboard_type=ft.KeyboardType.DATETIME,
            error_max_lines=3,
            max_length=None,
        )

        def meeting_typed(e: ft.Event[ft.TextField]) -> None:
            meeting.error = self.meeting_problem(e.control.value or "")
            if meeting.error is None:
                self.on_change()

        meeting.on_change = meeting_typed
        meeting.on_blur = lambda _: self.app.flush()
        if draft.meeting_text:
            meeting.error = self.meeting_problem(draft.meeting_text)

        def share_changed(e: ft.Event[ft.Switch]) -> None:
            draft.share_coach_view = bool(e.control.value)
            self.on_change()

        return [
            ft.Text(t("coach_session.note_title"), size=22, weight=ft.FontWeight.BOLD),
            self.agreed_box,
            self.full,
            ft.Row(
                [
                    secondary_button(
                        t("coach_session.agreed_add"), lambda _: self.add(), icon=ft.Icons.ADD
                    )
                ]
            ),
            self.field(
                t("coach_session.recognition_label"),
                draft.recognition,
                set_recognition,
                key="recognition",
                plan_max=self.recognition_max,
                helper=t("coach_session.recognition_help"),
            ),
            self.field(
                t("coach_session.reflection_label"),
                draft.reflection,
                set_reflection,
                key="reflection",
                plan_max=None,
                helper=t("coach_session.reflection_help"),
            ),
            meeting,
            ft.Container(
                labelled_switch(
                    t("coach_session.share_view"), draft.share_coach_view, share_changed
                ),
                border=ft.Border.all(1, theme.CARD_BORDER),
                border_radius=10,
                padding=ft.Padding.symmetric(horizontal=12, vertical=4),
            ),
        ]
