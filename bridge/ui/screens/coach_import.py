"""Import summaries: paste armored text or pick many .age files; each gets its verdict in plain
words, new clients get a label after comparing their code, a changed key is refused loudly.

The store decrypts and writes files: every call to it runs in a worker thread, in chunks, so the
screen stays responsive and shows progress and lines while a big batch runs.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING, TypeVar

import flet as ft

from bridge.coach.store import CoachStore, CoachStoreError, split_pasted
from bridge.coach.types import ImportResult, Verdict
from bridge.storage import StorageError
from bridge.storage.errors import LockedError
from bridge.ui import theme
from bridge.ui.layout import heading, inline_message, muted, primary_button, secondary_button
from bridge.ui.messages import message_for
from bridge.ui.widgets.coach_import_batch import (
    ImportSession,
    Item,
    Waiting,
    accept_new_key,
    add_client,
    chunks,
    import_chunk,
    session_of,
)
from bridge.ui.widgets.coach_import_cards import changed_key_card, new_client_card, result_line
from bridge.ui.widgets.coach_import_lines import (
    pasted_name,
    reason,
    shown_lines,
    summary_text,
    waiting_text,
)
from bridge.ui.widgets.file_pick import pick_files
from bridge.ui.widgets.scaffold import screen

if TYPE_CHECKING:
    from bridge.ui.app import BridgeApp

log = logging.getLogger(__name__)
T = TypeVar("T")
ROUTE = "/coach/import"
PICK_EXTENSIONS = ["age", "txt"]


def section(title: str) -> ft.Text:
    return ft.Text(title, size=20, weight=ft.FontWeight.BOLD)


class ImportScreen:
    """The controls of one build; the session's state outlives it (see coach_import_batch)."""

    def __init__(self, app: BridgeApp, store: CoachStore, state: ImportSession) -> None:
        t = app.t
        self.app, self.store, self.state = app, store, state
        self.picker = ft.FilePicker()  # a service: kept referenced while the screen lives
        self.paste = ft.TextField(
            label=t("coach_import.paste_label"),
            hint_text=t("coach_import.paste_hint"),
            value=state.text,
            multiline=True,
            min_lines=5,
            max_lines=12,
            text_size=14,
            autocorrect=False,
            enable_suggestions=False,
            on_change=self.typed,
        )
        self.paste_message = inline_message()
        self.import_button = primary_button(
            t("coach_import.import_button"), self.import_pasted, icon=ft.Icons.DOWNLOAD
        )
        self.pick_button = secondary_button(
            t("coach_import.pick_button"), self.pick, icon=ft.Icons.FOLDER_OPEN
        )
        self.progress = ft.ProgressBar(value=0, height=8, border_radius=4)
        self.progress_text = muted("")
        self.message = inline_message()
        self.summary = ft.Text("", size=18, weight=ft.FontWeight.BOLD)
        self.waiting_note = ft.Text("", size=16, color=theme.DISCUSS)
        self.cards = ft.Column(spacing=16, horizontal_alignment=ft.CrossAxisAlignment.STRETCH)
        self.lines = ft.Column(spacing=8)
        self.results_title = section(t("coach_import.results_title"))
        self.built_cards: dict[tuple[str, str, str], tuple[Waiting, int, ft.Control]] = {}
        state.redraw = self.redraw
        self.redraw(push=False)

    # -- what the screen shows --------------------------------------------------------
    def input_part(self, *, progress: bool = False) -> list[ft.Control]:
        """`progress`: the progress bar at the top (a phone, where the results are below)."""
        t = self.app.t
        return [
            heading(t("coach_import.title")),
            muted(t("coach_import.intro")),
            *([self.progress, self.progress_text] if progress else []),
            section(t("coach_import.paste_title")),
            self.paste,
            muted(t("coach_import.paste_help")),
            self.paste_message,
            self.import_button,
            ft.Divider(),
            section(t("coach_import.files_title")),
            muted(t("coach_import.files_help")),
            self.pick_button,
        ]

    def result_part(self, *, progress: bool = True) -> list[ft.Control]:
        return [
            *([self.progress, self.progress_text] if progress else []),
            self.message,
            self.results_title,
            self.summary,
            self.waiting_note,
            self.cards,
            self.lines,
        ]

    def redraw(self, *, push: bool = True) -> None:
        """Shows the session's state; `push` sends it to the page (not while building)."""
        t, state = self.app.t, self.state
        self.progress.visible = self.progress_text.visible = state.busy
        self.progress.value = state.done / state.total if state.total else 0
        self.progress_text.value = t("coach_import.busy", done=state.done, total=state.total)
        self.import_button.disabled = self.pick_button.disabled = state.busy
        self.message.value = state.message or ""
        self.message.visible = bool(state.message)
        self.cards.controls = [self.card(group) for group in state.waiting.values()]
        self.built_cards = {
            key: built for key, built in self.built_cards.items() if key in state.waiting
        }
        self.cards.visible = bool(self.cards.controls)
        results = state.results
        lines, left_out = shown_lines(t, results, frozenset(state.old_format))
        controls = [result_line(line) for line in lines]
        if left_out:
            controls.append(muted(t.plural("coach_import.more_lines", left_out)))
        self.lines.controls = controls
        shown = bool(results)
        self.results_title.visible = self.summary.visible = self.lines.visible = shown
        self.summary.value = summary_text(t, results) if shown else ""
        waiting = waiting_text(t, state.waiting_count())
        self.waiting_note.value = waiting or ""
        self.waiting_note.visible = waiting is not None
        if push:
            self.app.page.update()

    def card(self, group: Waiting) -> ft.Control:
        """A waiting group's card, the same control while nothing in it changed: a label being
        typed keeps its field (and focus) while a batch goes on adding lines."""
        built = self.built_cards.get(group.key)
        if built is not None and built[0] is group and built[1] == len(group.items):
            return built[2]
        if group.verdict is Verdict.SIGNER_CHANGED:
            card = changed_key_card(self.app, group, self.accept)
        else:
            card = new_client_card(self.app, group, self.add)
        self.built_cards[group.key] = (group, len(group.items), card)
        return card

    # -- handlers ----------------------------------------------------------------------
    def typed(self, _: object) -> None:
        self.state.text = self.paste.value or ""  # kept over a rebuild: nothing typed is lost

    async def import_pasted(self, _: object) -> None:
        t, state = self.app.t, self.state
        state.text = text = self.paste.value or ""
        blocks = split_pasted(text)
        self.paste_message.value = t("coach_import.paste_empty")
        self.paste_message.visible = not blocks
        if not blocks:
            self.app.page.update()
            return
        names = [pasted_name(t, n) for n in state.paste_numbers(len(blocks))]
        results = await self.run_batch(list(zip(names, blocks, strict=True)))
        # Emptied only when every block was handled; a refused one stays for the coach to see.
        if results and all(r.verdict is not Verdict.REFUSED for r in results):
            state.text = ""
            if self.state.redraw == self.redraw:
                self.paste.value = ""
        self.app.page.update()

    async def pick(self, _: object) -> None:
        title = self.app.t("coach_import.pick_button")
        items = await pick_files(self.picker, title, PICK_EXTENSIONS, multiple=True)
        if not items:
            return
        # A file the browser could not read still gets its line: an empty one is refused.
        await self.run_batch(items)
        self.app.page.update()

    async def run_batch(self, items: Sequence[Item]) -> list[ImportResult]:
        """Imports in chunks off the event loop; lines and progress show as they come."""
        state = self.state
        if state.busy:
            state.message = self.app.t("coach_import.busy_other")
            state.show()
            return []
        state.begin(len(items))
        state.show()
        ahead = self.store.ahead  # a big batch is opened on the computer's other cores
        try:
            await asyncio.to_thread(ahead.prepare, [data for _, data in items])
            for chunk in chunks(items):
                with self.app.ctx.activity.busy():  # the coach is waiting on this, not away
                    state.add(await asyncio.to_thread(import_chunk, self.store, chunk))
                state.show()
        except Exception as exc:  # what was imported stays; the rest is said, not hidden
            state.message = self.problem(exc)
        finally:
            ahead.close()  # the workers end with the batch (shutting down does not wait)
            state.finish()
            state.show()
        return list(state.results)

    async def add(self, group: Waiting, label: str) -> str | None:
        """Adds the new client; returns the problem to show at the label, or None."""
        try:
            outcome = await self.off_loop(lambda: add_client(self.store, group, label))
        except Exception as exc:  # told at the label; nothing was half-stored (the store's rule)
            return self.problem(exc)
        self.settled(group, outcome, "coach_import.new.added")
        return None

    async def accept(self, group: Waiting) -> None:
        try:
            outcome = await self.off_loop(lambda: accept_new_key(self.store, group))
        except Exception as exc:  # said on the screen; the card stays for another try
            self.state.message = self.problem(exc)
            self.state.show()
            return
        self.settled(group, outcome, "coach_import.changed.accepted")

    def settled(self, group: Waiting, outcome: Sequence[ImportResult], done_key: str) -> None:
        label = next((r.label for r in outcome if r.label), None) or group.label or ""
        self.state.resolve(group.key, outcome)
        self.app.notify(self.app.t(done_key, label=label))
        self.state.show()

    async def off_loop(self, work: Callable[[], T]) -> T:
        with self.app.ctx.activity.busy():
            return await asyncio.to_thread(work)

    def problem(self, exc: Exception) -> str:
        """The words for a failure of the whole step (a label's problem, a lock, the disk)."""
        t = self.app.t
        if isinstance(exc, LockedError):
            return t("coach_import.error.locked")
        if isinstance(exc, CoachStoreError):
            return reason(t, exc)
        if isinstance(exc, StorageError):
            log.error("importing could not be saved: %s", exc)
            return message_for(t, exc, "coach_import.error.storage")
        log.error("importing failed", exc_info=exc)
        return t("coach_import.error.unknown")

    # -- the view ------------------------------------------------------------------------
    def view(self) -> ft.View:
        app = self.app
        if app.wide:
            # A laptop: what to import at the left, what came of it at the right.
            controls: list[ft.Control] = [
                ft.ResponsiveRow(
                    [
                        ft.Column(
                            self.input_part(),
                            col={"md": 5},
                            spacing=14,
                            horizontal_alignment=ft.CrossAxisAlignment.STRETCH,
                        ),
                        ft.Column(
                            self.result_part(),
                            col={"md": 7},
                            spacing=14,
                            horizontal_alignment=ft.CrossAxisAlignment.STRETCH,
                        ),
                    ],
                    spacing=32,
                    vertical_alignment=ft.CrossAxisAlignment.START,
                )
            ]
        else:
            # A phone: the progress where the coach is looking, the results below the buttons
            # (scrolling there from code does nothing in Flet 1.0.5: flet-dev/flet#5638).
            controls = [
                *self.input_part(progress=True),
                ft.Divider(),
                *self.result_part(progress=False),
            ]
        return screen(
            app,
            ROUTE,
            app.t("coach_import.title"),
            controls,
            tab=ROUTE,
            wide=app.wide,
            services=[self.picker],
        )


def build(app: BridgeApp) -> ft.View:
    store = app.coach()
    state = session_of(app)
    state.belongs_to(store)
    return ImportScreen(app, store, state).view()
