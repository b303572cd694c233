"""The import screen's cards: a new client to name (with the code to compare), a changed key to
check in person (loud, with an explicit accept behind a confirmation), and the result lines."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from typing import TYPE_CHECKING

import flet as ft

from bridge.coach.types import LABEL_MAX_CHARS
from bridge.ui import theme
from bridge.ui.layout import body, confirm, muted, primary_button
from bridge.ui.widgets.coach_import_batch import Waiting
from bridge.ui.widgets.coach_import_lines import Line, Tone, label_problem

if TYPE_CHECKING:
    from bridge.ui.app import BridgeApp

WARNING_BG = "#FDECEA"
TONES: dict[Tone, tuple[ft.IconData, str]] = {
    Tone.DONE: (ft.Icons.CHECK_CIRCLE, theme.UP),
    Tone.KEPT: (ft.Icons.HISTORY, theme.SAME),
    Tone.SAME: (ft.Icons.INFO_OUTLINE, theme.SAME),
    Tone.WAITING: (ft.Icons.PERSON_ADD, theme.DISCUSS),
    Tone.WARNING: (ft.Icons.WARNING_AMBER, theme.PRIORITY),
    Tone.REFUSED: (ft.Icons.ERROR_OUTLINE, theme.ERROR),
}


def result_line(line: Line) -> ft.Control:
    """One item's verdict: the words say it all; the icon only helps the eye."""
    icon, color = TONES[line.tone]
    return ft.Row(
        [
            ft.Icon(icon, color=color, size=22),
            ft.Text(line.text, size=16, expand=True),
        ],
        vertical_alignment=ft.CrossAxisAlignment.START,
    )


def code_text(code: str, *, size: int = 30) -> ft.Text:
    """A fingerprint, large and in groups, to read out loud."""
    return ft.Text(code, size=size, weight=ft.FontWeight.BOLD, font_family="monospace")


def new_client_card(
    app: BridgeApp, group: Waiting, on_add: Callable[[Waiting, str], Awaitable[str | None]]
) -> ft.Control:
    """Name a new client, after comparing their code with the client's phone."""
    t = app.t
    field = ft.TextField(
        label=t("coach_import.new.label"),
        value=group.label_draft,
        error=group.problem,
        text_size=18,
        autocorrect=False,
    )

    def changed(_: object) -> None:
        # Kept over a rebuild. Checked only on 'add': an update sent back while the person
        # types can arrive between two keys and reset the field under their fingers.
        group.label_draft = field.value or ""

    async def add(_: object) -> None:
        group.label_draft = field.value or ""
        problem = label_problem(t, group.label_draft)
        if problem is None:
            button.disabled = True
            app.page.update()
            try:
                problem = await on_add(group, group.label_draft)
            finally:
                button.disabled = False
        group.problem = field.error = problem
        app.page.update()

    field.on_change = changed
    button = primary_button(t("coach_import.new.add"), add, icon=ft.Icons.PERSON_ADD)
    count = len(group.items)
    return ft.Container(
        border=ft.Border.all(2, theme.DISCUSS),
        border_radius=12,
        padding=16,
        content=ft.Column(
            [
                ft.Text(t("coach_import.new.title"), size=22, weight=ft.FontWeight.BOLD),
                body(t("coach_import.new.code_label")),
                ft.Container(
                    code_text(group.fingerprint, size=30 if app.wide else 24),
                    bgcolor=theme.SELECTED_BG,
                    border_radius=10,
                    padding=ft.Padding.symmetric(horizontal=14, vertical=10),
                ),
                body(t("coach_import.new.compare")),
                muted(t.plural("coach_import.new.count", count)),
                # The rule as a line of its own: a field's helper text is cut on a phone.
                muted(t("coach_import.new.label_help", max=LABEL_MAX_CHARS)),
                field,
                button,
            ],
            spacing=10,
            horizontal_alignment=ft.CrossAxisAlignment.STRETCH,
        ),
    )


def changed_key_card(
    app: BridgeApp, group: Waiting, on_accept: Callable[[Waiting], Awaitable[None]]
) -> ft.Control:
    """Loud and plain: another key signed this client's summary. Accepting is explicit."""
    t = app.t
    label = group.label or t("coach_import.unknown_client")

    def ask(_: object) -> None:
        confirm(
            app,
            t("coach_import.changed.confirm_title"),
            t("coach_import.changed.confirm_text", label=label, code=group.fingerprint),
            t("coach_import.changed.confirm_yes"),
            # The dialog is gone when this runs; the store's work goes to a thread.
            lambda: app.page.run_task(on_accept, group),
            danger=True,
        )

    accept = ft.OutlinedButton(
        content=ft.Text(t("coach_import.changed.accept"), size=17, color=theme.ERROR),
        icon=ft.Icon(ft.Icons.KEY, color=theme.ERROR),
        on_click=ask,
        height=theme.TAP_HEIGHT,
        style=ft.ButtonStyle(side=ft.BorderSide(2, theme.ERROR)),
    )
    return ft.Container(
        bgcolor=WARNING_BG,
        border=ft.Border.all(3, theme.ERROR),
        border_radius=12,
        padding=16,
        content=ft.Column(
            [
                ft.Row(
                    [
                        ft.Icon(
                            ft.Icons.WARNING,
                            color=theme.ERROR,
                            size=34,
                        ),
                        ft.Text(
                            t("coach_import.changed.title"),
                            size=22,
                            weight=ft.FontWeight.BOLD,
                            color=theme.ERROR,
                            expand=True,
                        ),
                    ]
                ),
                body(t("coach_import.changed.text", label=label)),
                ft.Text(
                    t("coach_import.changed.old", code=group.pinned or "?"),
                    size=20,
                    font_family="monospace",
                ),
                ft.Text(
                    t("coach_import.changed.new", code=group.fingerprint),
                    size=20,
                    weight=ft.FontWeight.BOLD,
                    font_family="monospace",
                ),
                ft.Text(
                    t("coach_import.changed.warning"),
                    size=18,
                    weight=ft.FontWeight.BOLD,
                    color=theme.DOWN,
                ),
                accept,
            ],
            spacing=10,
            horizontal_alignment=ft.CrossAxisAlignment.STRETCH,
        ),
    )
