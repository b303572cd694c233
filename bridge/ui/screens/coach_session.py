"""The joint session (/coach/client/:client_id/session), for a coach with the client beside them:
the client's bridge large, the areas in session order to step through, per area both views and
the prompt cards, then the session note, saving, and the plan sealed for the client's phone.
On a laptop two columns (bridge and areas; the area in view), on a phone one."""

from __future__ import annotations

import asyncio
import logging
from datetime import date
from typing import TYPE_CHECKING

import flet as ft

from bridge.coach.charts_data import as_assessment, changes_between
from bridge.coach.session_order import latest_stress
from bridge.coach.session_prompts import load_session_prompts
from bridge.coach.sessions import SessionError
from bridge.coach.types import ClientHistory, CoachStoreError
from bridge.storage import StorageError
from bridge.storage.errors import LockedError
from bridge.ui import theme
from bridge.ui.layout import body, muted
from bridge.ui.messages import message_for
from bridge.ui.widgets.bridge_drawing import bridge_drawing
from bridge.ui.widgets.coach_client_detail import day_text, latest_marks, notice
from bridge.ui.widgets.coach_session_areas import SessionAreas
from bridge.ui.widgets.coach_session_note import SessionNoteForm
from bridge.ui.widgets.coach_session_plan import PLAN_LIMITS, PlanMaker
from bridge.ui.widgets.coach_session_state import SessionDraft, held_draft, hold_draft
from bridge.ui.widgets.scaffold import screen

if TYPE_CHECKING:
    from bridge.coach.store import CoachStore
    from bridge.ui.app import BridgeApp

log = logging.getLogger(__name__)

LEFT = {"xs": 12, "lg": 6}
RIGHT = {"xs": 12, "lg": 6}
HALF = {"xs": 12, "lg": 6}


def build(app: BridgeApp, client_id: str) -> ft.View | None:
    store = app.coach()
    entry = store.entry(client_id)
    if entry is None:
        return None  # deleted, or never here: the shell shows the caseload instead
    t = app.t
    route = f"/coach/client/{client_id}/session"
    title = t("coach_session.title", label=entry.label)
    if entry.damaged:
        return screen(app, route, title, [notice(t("coach_client.damaged", label=entry.label))])
    try:
        history = store.history(client_id)
        draft = held_draft(app, store, client_id, app.today()) or loaded(
            store, client_id, app.today(), history
        )
    except LockedError:
        raise  # the lock screen takes over
    except (CoachStoreError, SessionError, StorageError) as exc:
        log.error("a client's session could not be opened: %s", exc)
        return screen(app, route, title, [notice(message_for(t, exc, "coach_session.read_failed"))])
    hold_draft(app, store, draft)
    session = Session(app, store, draft, history)
    return screen(app, route, title, session.controls(), wide=True, services=[session.plan.picker])


def loaded(store: CoachStore, client_id: str, today: date, history: ClientHistory) -> SessionDraft:
    """Today's session as saved (the coach came back to it), or a new one from the latest bridge."""
    saved = next((n for n in store.sessions(client_id) if n.session_date == today), None)
    if saved is not None:
        return SessionDraft.of(client_id, saved)
    return SessionDraft.start(client_id, today, history)


class Session:
    def __init__(
        self, app: BridgeApp, store: CoachStore, draft: SessionDraft, history: ClientHistory
    ) -> None:
        self.app = app
        self.store = store
        self.draft = draft
        self.history = history
        self.saved = muted("")
        self.areas = SessionAreas(
            app, history, draft, load_session_prompts(app.prompts), self.changed
        )
        self.form = SessionNoteForm(app, draft, self.changed, PLAN_LIMITS)
        self.plan = PlanMaker(app, store, draft, history, self.store_note, self.told)

    @property
    def key(self) -> tuple[str, str]:
        return ("coach_session", self.draft.client_id)

    def changed(self) -> None:
        """Something was picked or typed: saved when the coach pauses, leaves the field or the
        screen (app.save_later), never per keystroke."""
        self.saved.value = ""
        self.plan.note_changed()
        self.app.save_later(self.key, self.save_quietly)

    def save_quietly(self) -> bool:
        """The waiting save (on the event loop, as every typed-text save: one small file)."""
        return self.told(self.store_note()) is None

    def store_note(self) -> StorageError | ValueError | None:
        """Writes the session (safe in a worker thread: touches no control); the error, if any."""
        try:
            self.store.save_session(self.draft.client_id, self.draft.note())
        except (CoachStoreError, SessionError, StorageError) as exc:
            return exc
        return None

    def told(self, error: BaseException | None) -> str | None:
        """Says what went wrong (on the event loop); None when the session was saved."""
        if error is None:
            return None
        if isinstance(error, LockedError):
            self.app.refresh()  # the lock screen; what was saved before the lock is kept
            return self.app.t("coach_session.save_failed")
        log.error("saving a session failed: %s", error)
        text = message_for(self.app.t, error, "coach_session.save_failed")
        self.app.notify(text)
        return text

    async def save_clicked(self, _: object) -> None:
        t = self.app.t
        self.app.ctx.activity.touch()
        if self.form.problems:
            self.saved.value = t("coach_session.fix_first")
            return
        self.app.pending.defer(self.key, lambda: None)  # this save covers the waiting one
        problem = self.told(await asyncio.to_thread(self.store_note))
        self.saved.value = problem or t("coach_session.saved")
        if problem is None:
            self.app.notify(t("coach_session.saved"))

    # -- the parts --------------------------------------------------------------------
    def bridge_part(self) -> list[ft.Control]:
        app, t = self.app, self.app.t
        if not self.history.bridges:
            return [body(t("coach_session.no_bridge"))]
        ordered = self.history.bridges
        latest = ordered[-1]
        before = ordered[-2].steps if len(ordered) >= 2 else None
        area_ids = app.content.area_ids
        marks = latest_marks(self.history.latest, latest)
        drawing = bridge_drawing(
            app,
            as_assessment(latest, area_ids, **marks),
            changes_between(before, latest.steps, area_ids),
            large=app.wide,
        )
        parts: list[ft.Control] = [
            ft.Text(
                t("coach_session.bridge_title", date=day_text(app, latest.date)),
                size=18,
                weight=ft.FontWeight.W_600,
            ),
            drawing,
        ]
        stress = latest_stress(self.history)
        if stress is not None:
            parts.append(body(t("coach_session.stress", level=stress), size=16))
        return parts

    def controls(self) -> list[ft.Control]:
        t = self.app.t
        save = ft.FilledButton(
            content=ft.Text(t("coach_session.save"), size=17),
            icon=ft.Icons.SAVE,
            on_click=self.save_clicked,
            height=theme.TAP_HEIGHT,
        )
        intro = [muted(t("coach_session.intro")), *self.bridge_part()]
        if self.app.wide:  # the bridge and the list beside the area in view
            left = ft.Column([*intro, self.areas.list_box], col=LEFT, spacing=14)
            right = ft.Column([self.areas.detail_box], col=RIGHT)
        else:  # a phone: the area in view right under the bridge, the list to jump from after it
            left = ft.Column([*intro, self.areas.detail_box], col=LEFT, spacing=14)
            right = ft.Column([self.areas.list_box], col=RIGHT)
        stretch = ft.CrossAxisAlignment.STRETCH
        note = ft.Column(
            [*self.form.controls(), ft.Row([save]), self.saved],
            col=HALF,
            spacing=14,
            horizontal_alignment=stretch,
        )
        plan = ft.Column(self.plan.controls(), col=HALF, spacing=14, horizontal_alignment=stretch)
        return [
            ft.ResponsiveRow([left, right], spacing=28, run_spacing=28),
            ft.Divider(),
            ft.ResponsiveRow([note, plan], spacing=28, run_spacing=28),
        ]
