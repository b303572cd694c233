"""Sharing with the coach: the client chooses what goes in, sees a plain preview, then seals it."""

from __future__ import annotations

import logging
from dataclasses import replace
from typing import TYPE_CHECKING

import flet as ft

from bridge.sharing import (
    Coach,
    PreviewLine,
    Summary,
    SummaryChoices,
    build_summary,
    client_identity,
    coaches,
    preview_lines,
)
from bridge.sharing.envelope import seal_summary
from bridge.sharing.goal_input import goal_inputs
from bridge.sharing.plans import plans
from bridge.sharing.summary import SummaryTooBigError
from bridge.storage import StorageError
from bridge.ui import theme
from bridge.ui.goal_actions import all_goals
from bridge.ui.layout import body, heading, muted, primary_button, secondary_button
from bridge.ui.messages import message_for
from bridge.ui.widgets.fingerprint import fingerprint_box
from bridge.ui.widgets.labelled_switch import labelled_switch
from bridge.ui.widgets.plan_cards import plan_entry
from bridge.ui.widgets.scaffold import screen

if TYPE_CHECKING:
    from bridge.ui.app import BridgeApp

log = logging.getLogger(__name__)

#: The client's choices, in the order the screen asks them; notes and consent start off.
CHOICES = ("bridge", "stress", "goals", "discuss", "notes", "consent")


def current_summary(app: BridgeApp, choices: SummaryChoices) -> Summary:
    repo = app.data()
    me = client_identity(repo)
    goals = goal_inputs(all_goals(app), lambda area_id: app.t.pick(app.content.area(area_id).name))
    return build_summary(
        repo.snapshots(),
        goals,
        choices,
        app.content,
        app.t,
        me.client_id,
        app.now(),
        client_recipient=me.recipient.to_string(),
    )


def preview_icon(app: BridgeApp, line: PreviewLine) -> ft.Icon:
    """A tick only for what goes to the coach; a crossed circle, with its name, for what does not."""
    name = app.t("share.preview.shared" if line.shared else "share.preview.not_shared")
    return ft.Icon(
        ft.Icons.CHECK_CIRCLE_OUTLINE if line.shared else ft.Icons.BLOCK,
        size=18,
        color=theme.MUTED,
        semantics_label=name,
        tooltip=name,
    )


def preview(app: BridgeApp, summary: Summary) -> list[ft.Control]:
    return [
        ft.Row(
            [preview_icon(app, line), ft.Text(line.text, size=16, expand=True)],
            vertical_alignment=ft.CrossAxisAlignment.START,
        )
        for line in preview_lines(summary, app.t)
    ]


def turn_off(app: BridgeApp, name: str) -> None:
    """A way out of a summary that does not fit: one choice off, and the screen again."""
    app.sharing.choices = replace(app.sharing.choices, **{name: False})
    app.go("/share")


def too_big_notice(app: BridgeApp, error: SummaryTooBigError) -> list[ft.Control]:
    """Instead of the preview: the summary does not fit, and what to switch off so it does."""
    t = app.t
    problem = message_for(t, error, "share.error.too_big")
    controls: list[ft.Control] = [ft.Text(problem, size=16, color=theme.ERROR)]
    if not error.ways_out:
        return [*controls, muted(t("share.error.too_big_none"))]
    controls.append(muted(t("share.error.too_big_help")))
    controls += [
        secondary_button(
            t(f"share.way_out.{name}"), lambda _, name=name: turn_off(app, name), icon=ft.Icons.TUNE
        )
        for name in error.ways_out
    ]
    return controls


def build(app: BridgeApp) -> ft.View:
    t = app.t
    paired = coaches(app.data())
    controls: list[ft.Control] = [heading(t("share.title")), body(t("share.intro"))]
    if not paired:
        controls += [
            muted(t("share.pair.no_coach")),
            primary_button(
                t("share.add_coach"), lambda _: app.go("/share/coach"), icon=ft.Icons.PERSON_ADD
            ),
        ]
        return view(app, controls)

    if app.sharing.coach_id not in {c.id for c in paired}:
        app.sharing.coach_id = paired[-1].id
    chosen: Coach = next(c for c in paired if c.id == app.sharing.coach_id)
    if len(paired) > 1:
        controls.append(ft.Text(t("share.choose_coach"), size=17, weight=ft.FontWeight.W_600))
        controls.append(
            ft.Row(
                wrap=True,
                spacing=8,
                controls=[
                    ft.Chip(
                        label=ft.Text(c.name, size=15),
                        selected=c.id == chosen.id,
                        on_select=lambda _, cid=c.id: (
                            setattr(app.sharing, "coach_id", cid),
                            app.go("/share"),
                        ),
                    )
                    for c in paired
                ],
            )
        )
    controls += [body(t("share.coach", name=chosen.name)), fingerprint_box(app, chosen)]

    preview_column = ft.Column(spacing=6)

    def make(_: object) -> None:
        try:
            repo = app.data()
            summary = current_summary(app, app.sharing.choices)
            sealed = seal_summary(summary, client_identity(repo), chosen.recipient, armor=True)
        except StorageError:
            app.refresh()
            return
        except SummaryTooBigError as exc:  # the data grew since the preview was made
            preview_column.controls = too_big_notice(app, exc)
            make_button.disabled = True
            return
        app.sharing.sealed = (chosen.name, sealed.decode("ascii"))
        app.go("/share/ready")

    make_button = primary_button(t("share.make"), make, icon=ft.Icons.LOCK)

    def refresh_preview() -> None:
        try:
            preview_column.controls = preview(app, current_summary(app, app.sharing.choices))
            make_button.disabled = False
        except SummaryTooBigError as exc:
            preview_column.controls = too_big_notice(app, exc)
            make_button.disabled = True

    def toggled(name: str, value: bool) -> None:
        app.sharing.choices = replace(app.sharing.choices, **{name: value})
        refresh_preview()

    controls.append(ft.Text(t("share.choose.title"), size=20, weight=ft.FontWeight.BOLD))
    controls.append(muted(t("share.choose.intro")))
    for name in CHOICES:
        controls.append(
            labelled_switch(
                t(f"share.choose.{name}"),
                getattr(app.sharing.choices, name),
                lambda e, name=name: toggled(name, bool(e.control.value)),
            )
        )
        if name in ("notes", "consent"):
            controls.append(muted(t(f"share.choose.{name}_help")))
    refresh_preview()
    controls += [
        ft.Text(t("share.preview.title"), size=20, weight=ft.FontWeight.BOLD),
        preview_column,
    ]

    controls += [
        make_button,
        secondary_button(
            t("share.other_coach"), lambda _: app.go("/share/coach"), icon=ft.Icons.PERSON_ADD
        ),
        *plan_entry(app, bool(plans(app.data()))),
    ]
    return view(app, controls)


def view(app: BridgeApp, controls: list[ft.Control]) -> ft.View:
    return screen(
        app,
        "/share",
        app.t("share.title"),
        controls,
        tab="/share",
    )
