"""Opening the coach's plan: paste its text or choose its .age file, then "Plan openen".

Opening (age, the signature check) and keeping it run in a worker thread. A refused plan is
said in plain words and nothing is stored; what was pasted stays in the field.
"""

from __future__ import annotations

import asyncio
import logging
from typing import TYPE_CHECKING

import flet as ft

from bridge.sharing import coaches
from bridge.sharing.plan import PlanError
from bridge.storage import StorageError
from bridge.storage.errors import LockedError
from bridge.ui.layout import body, heading, inline_message, muted, primary_button, secondary_button
from bridge.ui.messages import message_for
from bridge.ui.plan_actions import import_plan, import_state, pasted_plans
from bridge.ui.widgets.file_pick import pick_files
from bridge.ui.widgets.plan_view import section
from bridge.ui.widgets.scaffold import screen

if TYPE_CHECKING:
    from bridge.ui.app import BridgeApp

log = logging.getLogger(__name__)
ROUTE = "/plan/import"
PICK_EXTENSIONS = ["age", "txt"]
FALLBACK = "plan.import.failed"


def build(app: BridgeApp) -> ft.View:
    t = app.t
    state = import_state(app)
    picker = ft.FilePicker()  # a service: kept referenced by the view while it lives

    def typed(_: object) -> None:
        state.text = paste.value or ""  # kept over a rebuild: nothing typed is lost

    paste = ft.TextField(
        label=t("plan.import.paste_label"),
        hint_text=t("plan.import.paste_hint"),
        value=state.text,
        multiline=True,
        min_lines=5,
        max_lines=10,
        text_size=14,
        autocorrect=False,
        enable_suggestions=False,
        on_change=typed,
    )
    # Each way in has its message beside it, so it is seen where the person is looking.
    problems = {
        "paste": inline_message((state.message or "") if state.source == "paste" else ""),
        "file": inline_message((state.message or "") if state.source == "file" else ""),
    }
    progress = ft.ProgressBar(height=8, border_radius=4, visible=state.busy)
    busy_text = muted(t("plan.import.busy"))
    busy_text.visible = state.busy

    def show(message: str | None, source: str = "paste") -> None:
        state.message, state.source = message, source
        for where, problem in problems.items():
            problem.value = (message or "") if where == source else ""
            problem.visible = bool(problem.value)
        busy = state.busy
        progress.visible = busy_text.visible = busy
        open_button.disabled = pick_button.disabled = busy
        app.page.update()

    async def open_data(data: bytes | str, file_name: str | None = None) -> bool:
        """True when the plan was opened and kept (the screen then moves on)."""
        if state.busy:
            return False
        source = "paste" if file_name is None else "file"
        state.busy = True
        show(None, source)
        app.ctx.activity.touch()  # the client is waiting on this, not away
        try:
            outcome = await asyncio.to_thread(import_plan, app.data(), data, app.now())
        except LockedError:
            state.busy = False
            app.refresh()  # the lock screen; what was pasted is kept for after
            return False
        except (PlanError, StorageError) as exc:
            if isinstance(exc, StorageError):
                log.error("a plan could not be kept: %s", exc)
            message = message_for(t, exc, FALLBACK)
            state.busy = False
            if file_name is not None:
                message = t("plan.import.in_file", file=file_name) + " " + message
            show(message, source)
            return False
        except Exception:  # an error of no known kind: said calmly, logged for the maintainers
            log.exception("opening a plan failed")
            state.busy = False
            show(t(FALLBACK), source)
            return False
        state.busy = False
        state.message = None
        coach = next((c.name for c in coaches(app.data()) if c.id == outcome.opened.coach_id), "")
        app.notify(t("plan.import.saved", coach=coach) if outcome.new else t("plan.import.already"))
        app.go("/plan")
        return True

    async def open_pasted(_: object) -> None:
        state.text = paste.value or ""
        blocks = pasted_plans(state.text)
        if len(blocks) != 1:
            show(t("plan.import.one_at_a_time" if blocks else "plan.import.paste_empty"))
            return
        if await open_data(blocks[0]):
            state.text = ""  # opened and kept: the next visit starts empty

    async def pick(_: object) -> None:
        files = await pick_files(picker, t("plan.import.pick"), PICK_EXTENSIONS, multiple=False)
        if not files:
            return
        name, data = files[0]
        await open_data(data, name)  # a file the browser could not read is refused as empty

    open_button = primary_button(t("plan.import.open"), open_pasted, icon=ft.Icons.LOCK_OPEN)
    pick_button = secondary_button(t("plan.import.pick"), pick, icon=ft.Icons.FOLDER_OPEN)
    open_button.disabled = pick_button.disabled = state.busy
    controls: list[ft.Control] = [
        heading(t("plan.import.title"), size=24),
        body(t("plan.import.intro")),
        section(t("plan.import.paste_title")),
        paste,
        muted(t("plan.import.paste_help")),
        open_button,
        problems["paste"],
        progress,
        busy_text,
        ft.Divider(),
        section(t("plan.import.file_title")),
        muted(t("plan.import.file_help")),
        pick_button,
        problems["file"],
    ]
    return screen(app, ROUTE, t("plan.import.bar"), controls, services=[picker])
