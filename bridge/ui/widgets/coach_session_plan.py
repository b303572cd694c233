"""The agreed plan for the client's phone: checked (check_plan), sealed to the client's own key
and signed with the coach's (seal_plan) off the event loop, then shown as armored text to copy
and as a file plan-YYYY-MM-DD.age to download (as the client's share screen does)."""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Callable
from typing import TYPE_CHECKING

import flet as ft

from bridge.coach.identity import coach_identity
from bridge.coach.types import ClientHistory
from bridge.i18n import Translator
from bridge.sharing.plan import (
    RECOGNITION_MAX_CHARS,
    STEP_MAX_CHARS,
    AgreedStep,
    Plan,
    PlanError,
    check_plan,
    readable_plan_text,
    seal_plan,
)
from bridge.storage import StorageError
from bridge.ui import theme
from bridge.ui.layout import Notice, body, heading, muted
from bridge.ui.messages import message_for
from bridge.ui.widgets.armored_text import armored_text
from bridge.ui.widgets.coach_session_state import SessionDraft

if TYPE_CHECKING:
    from bridge.coach.store import CoachStore
    from bridge.crypto import X25519Recipient
    from bridge.ui.app import BridgeApp

log = logging.getLogger(__name__)

#: What a plan takes: (characters per agreed step, characters of the recognition).
PLAN_LIMITS = (STEP_MAX_CHARS, RECOGNITION_MAX_CHARS)


class PlanMaker:
    """`save` writes the session first, in a worker thread (the plan is made from what is
    kept), and returns its error; `told` turns that error into words on the event loop."""

    def __init__(
        self,
        app: BridgeApp,
        store: CoachStore,
        draft: SessionDraft,
        history: ClientHistory,
        save: Callable[[], BaseException | None],
        told: Callable[[BaseException | None], str | None],
    ) -> None:
        self.app = app
        self.store = store
        self.draft = draft
        self.history = history
        self.save = save
        self.told = told
        self.picker = ft.FilePicker()  # kept by the view: services live while referenced
        self.problem = Notice()
        self.changed = Notice()
        self.busy = ft.Row(
            [ft.ProgressRing(width=24, height=24), muted(self.app.t("coach_session.plan_making"))],
            visible=False,
        )
        self.result = ft.Column(spacing=12, horizontal_alignment=ft.CrossAxisAlignment.STRETCH)
        self.show_result()

    def language(self) -> str:
        latest = self.history.latest
        return latest.language if latest is not None else self.app.language

    def first_problem(self) -> str | None:
        """What keeps the note from being a plan, in words (before anything is sealed)."""
        t = self.app.t
        steps = self.draft.note().steps_to_agree
        if not steps:
            return t("coach_session.plan_no_steps")
        for n, text in enumerate(steps, start=1):
            if len(text) > STEP_MAX_CHARS:
                return t(
                    "coach_session.plan_step_too_long", n=n, count=len(text), max=STEP_MAX_CHARS
                )
        recognition = self.draft.recognition.strip()
        if len(recognition) > RECOGNITION_MAX_CHARS:
            return t(
                "coach_session.plan_recognition_too_long",
                count=len(recognition),
                max=RECOGNITION_MAX_CHARS,
            )
        return None

    def plan(self) -> Plan:
        note = self.draft.note()
        view = self.draft.coach_view()
        return Plan(
            client_id=self.draft.client_id,
            session_date=note.session_date,
            steps=tuple(AgreedStep(text) for text in note.steps_to_agree),
            recognition=note.recognition.strip(),
            next_meeting=note.next_meeting,
            coach_view=view if note.share_coach_view and view else None,
            language=self.language(),
        )

    def sealed(self, plan: Plan, recipient: X25519Recipient) -> str:
        """In a worker thread: the coach's key, the readable text, the sealed plan."""
        coach = coach_identity(self.app.data())
        t = Translator(self.app.ctx.catalog, plan.language)
        return seal_plan(plan, coach, recipient, readable_plan_text(plan, self.app.content, t))

    async def make(self, _: object = None) -> None:
        t = self.app.t
        self.app.ctx.activity.touch()
        self.problem.hide()
        self.app.flush()
        problem = self.first_problem()
        if problem is not None:
            self.problem.show(problem)
            return
        note = self.draft.note()
        try:
            plan = check_plan(self.plan())
        except PlanError as exc:
            self.problem.show(message_for(t, exc, "coach_session.plan_failed"))
            return
        self.busy.visible = True
        self.app.page.update()
        try:
            failed = self.told(await asyncio.to_thread(self.save))
            if failed is not None:
                self.problem.show(failed)
                return
            recipient = await asyncio.to_thread(self.store.client_recipient, self.draft.client_id)
            if recipient is None:
                self.problem.show(t("coach_session.plan_no_key"))
                return
            armored = await asyncio.to_thread(self.sealed, plan, recipient)
        except (PlanError, StorageError, ValueError) as exc:
            log.error("sealing a plan failed: %s", exc)
            self.problem.show(message_for(t, exc, "coach_session.plan_failed"))
            return
        finally:
            # This handler updated the page itself (the progress), so Flet's own update after
            # it is skipped: update once more at the end, whatever happened.
            self.busy.visible = False
            self.app.page.update()
        self.draft.sealed = (f"plan-{plan.session_date.isoformat()}.age", armored, note)
        self.show_result()
        self.app.page.update()

    def note_changed(self) -> None:
        """After a change the plan shown is no longer what the note says: say so."""
        sealed = self.draft.sealed
        if sealed is not None and sealed[2] != self.draft.note():
            self.changed.show(self.app.t("coach_session.plan_changed"))
        else:
            self.changed.hide()

    def show_result(self) -> None:
        t = self.app.t
        sealed = self.draft.sealed
        if sealed is None:
            self.result.controls = []
            return
        name, armored, _ = sealed
        copied = muted("")
        saved = muted("")

        def after_copy(_: object) -> None:
            copied.value = t("coach_session.plan_copied")

        async def download(_: object) -> None:
            await self.picker.save_file(file_name=name, src_bytes=armored.encode("ascii"))
            saved.value = t("coach_session.plan_downloaded", file=name)
            self.app.page.update()

        self.result.controls = [
            ft.Row(
                [
                    ft.Icon(ft.Icons.LOCK, color=theme.UP, size=28),
                    heading(t("coach_session.plan_ready"), size=22),
                ]
            ),
            body(t("coach_session.plan_ready_text"), size=16),
            self.changed,
            ft.Row(
                [
                    ft.Button(
                        content=ft.Text(t("coach_session.plan_copy"), size=17),
                        icon=ft.Icons.COPY,
                        action=ft.CopyToClipboard(armored),  # inside the tap, as iOS Safari asks
                        on_click=after_copy,
                        height=theme.TAP_HEIGHT,
                    ),
                    ft.OutlinedButton(
                        content=ft.Text(t("coach_session.plan_download"), size=17),
                        icon=ft.Icons.SAVE_ALT,
                        on_click=download,
                        height=theme.TAP_HEIGHT,
                    ),
                ],
                wrap=True,
                spacing=12,
                run_spacing=12,
            ),
            copied,
            saved,
            armored_text(t("coach_session.plan_text_label"), armored),
        ]
        self.note_changed()

    def controls(self) -> list[ft.Control]:
        t = self.app.t
        return [
            ft.Text(t("coach_session.plan_title"), size=22, weight=ft.FontWeight.BOLD),
            muted(t("coach_session.plan_help")),
            ft.Row(
                [
                    ft.FilledButton(
                        content=ft.Text(t("coach_session.plan_make"), size=17),
                        icon=ft.Icons.SEND,
                        on_click=self.make,
                        height=theme.TAP_HEIGHT,
                    )
                ],
                wrap=True,
            ),
            self.busy,
            self.problem,
            self.result,
        ]
