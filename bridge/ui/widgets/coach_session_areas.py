"""The areas of a joint session to step through, and the area in view: the client's step first,
the coach's own view beside it, who filled it in, the difference marked (and kept), and the
coach's prompt cards chosen by the area's situation."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

import flet as ft

from bridge.coach.readings import FilledBy, Reading
from bridge.coach.session_order import Group, SessionArea, latest_stress, session_order
from bridge.coach.session_prompts import STRESS_HIGH, Card, SessionCards, cards_for
from bridge.coach.types import ClientHistory
from bridge.ui import theme
from bridge.ui.layout import body, muted
from bridge.ui.widgets.coach_session_state import SessionDraft

if TYPE_CHECKING:
    from bridge.ui.app import BridgeApp

ROUND = 52  # px: the step buttons, comfortably above the 48 px minimum


def pick_button(
    content: ft.Control,
    *,
    selected: bool,
    on_click: Callable[[], None],
    width: int | None = None,
    padding: int = 0,
) -> ft.Control:
    """A tappable choice with a tint, a thick border and the selected state for a screen reader
    (the Container carries the tap, as in choice_card, so Flutter web keeps it tappable)."""
    return ft.Semantics(
        button=True,
        selected=selected,
        content=ft.Container(
            content=content,
            width=width,
            height=ROUND if width is not None else None,
            padding=padding,
            alignment=ft.Alignment.CENTER if width is not None else None,
            border=ft.Border.all(
                3 if selected else 1, theme.STEP_FILLED if selected else theme.CARD_BORDER
            ),
            border_radius=ROUND // 2 if width is not None else 10,
            bgcolor=theme.SELECTED_BG if selected else None,
            on_click=lambda _: on_click(),
            ink=True,
        ),
    )


class SessionAreas:
    """The list (`list_box`) and the area in view (`detail_box`); `on_change` saves later."""

    def __init__(
        self,
        app: BridgeApp,
        history: ClientHistory,
        draft: SessionDraft,
        cards: SessionCards,
        on_change: Callable[[], None],
    ) -> None:
        self.app = app
        self.history = history
        self.draft = draft
        self.cards = cards
        self.on_change = on_change
        self.stress = latest_stress(history)
        self.list_box = ft.Column(spacing=8)
        self.detail_box = ft.Column(spacing=14, horizontal_alignment=ft.CrossAxisAlignment.STRETCH)
        self.show()

    @property
    def order(self) -> tuple[SessionArea, ...]:
        return session_order(self.history, self.app.content.area_ids, self.draft.readings)

    def current(self, order: tuple[SessionArea, ...]) -> int:
        ids = [a.area_id for a in order]
        return ids.index(self.draft.in_view) if self.draft.in_view in ids else 0

    def show(self) -> None:
        order = self.order
        at = self.current(order)
        self.draft.in_view = order[at].area_id
        self.list_box.controls = self.area_list(order, at)
        self.detail_box.controls = self.area_detail(order, at)

    def view(self, area_id: str) -> None:
        self.draft.in_view = area_id
        self.show()

    def move(self, by: int) -> None:
        order = self.order
        at = min(max(self.current(order) + by, 0), len(order) - 1)
        self.view(order[at].area_id)

    def reading(self, area_id: str) -> Reading:
        return self.draft.readings.reading(area_id) or Reading(None)

    def name(self, area_id: str) -> str:
        return self.app.t.pick(self.app.content.area(area_id).name)

    # -- the list ------------------------------------------------------------------
    def area_list(self, order: tuple[SessionArea, ...], at: int) -> list[ft.Control]:
        t = self.app.t
        out: list[ft.Control] = [
            ft.Text(t("coach_session.areas_title"), size=20, weight=ft.FontWeight.BOLD)
        ]
        group: Group | None = None
        for n, area in enumerate(order):
            if area.group is not group:
                group = area.group
                out.append(muted(t(f"coach_session.group.{group.value}"), size=14))
            out.append(self.list_item(area, selected=n == at))
        return out

    def list_item(self, area: SessionArea, *, selected: bool) -> ft.Control:
        t = self.app.t
        held = self.reading(area.area_id)
        step = held.client_step
        parts = [
            t("coach_session.area_step", step=step) if step else t("coach_session.area_no_step")
        ]
        if held.coach_step is not None:
            parts.append(t("coach_session.area_coach", step=held.coach_step))
        if held.differs:
            parts.append(t("coach_session.area_differ"))
        marks: list[ft.Control] = []
        if held.differs:
            marks.append(ft.Icon(ft.Icons.COMPARE_ARROWS, color=theme.DISCUSS, size=22))
        # The state under the name: it wraps on a phone instead of squeezing the name.
        words = ft.Column(
            [
                ft.Text(self.name(area.area_id), size=17, weight=ft.FontWeight.W_600),
                ft.Text(", ".join(parts), size=14, color=theme.MUTED),
            ],
            spacing=0,
            expand=True,
        )
        row = ft.Row(
            [
                ft.Icon(theme.area_icon(area.area_id), color=theme.MUTED, size=22),
                words,
                *marks,
            ],
            spacing=10,
        )
        return pick_button(
            ft.Container(row, alignment=ft.Alignment.CENTER_LEFT),
            selected=selected,
            on_click=lambda a=area.area_id: self.view(a),  # type: ignore[misc]
            padding=6,
        )

    # -- the area in view ------------------------------------------------------------
    def area_detail(self, order: tuple[SessionArea, ...], at: int) -> list[ft.Control]:
        t = self.app.t
        area = order[at]
        held = self.reading(area.area_id)
        controls: list[ft.Control] = [
            muted(t("coach_session.position", n=at + 1, total=len(order)), size=14),
            ft.Row(
                [
                    ft.Icon(theme.area_icon(area.area_id), size=30),
                    ft.Text(self.name(area.area_id), size=26, weight=ft.FontWeight.BOLD),
                ],
                spacing=10,
            ),
            self.client_step(area, held),
            *self.coach_view(area.area_id, held),
            *self.who(area.area_id, held),
        ]
        if held.differs:
            controls.append(self.difference(held))
        controls += self.prompt_cards(area)
        controls.append(
            ft.Row(
                [
                    ft.OutlinedButton(
                        content=ft.Text(t("coach_session.previous"), size=17),
                        icon=ft.Icons.ARROW_BACK,
                        on_click=lambda _: self.move(-1),
                        disabled=at == 0,
                        height=theme.TAP_HEIGHT,
                    ),
                    ft.FilledButton(
                        content=ft.Text(t("coach_session.next"), size=17),
                        icon=ft.Icons.ARROW_FORWARD,
                        on_click=lambda _: self.move(1),
                        disabled=at == len(order) - 1,
                        height=theme.TAP_HEIGHT,
                    ),
                ],
                alignment=ft.MainAxisAlignment.SPACE_BETWEEN,
                wrap=True,
            )
        )
        return controls

    def client_step(self, area: SessionArea, held: Reading) -> ft.Control:
        """The client's view: the primary one, drawn first and biggest."""
        t = self.app.t
        step = held.client_step
        parts: list[ft.Control] = [
            ft.Text(t("coach_session.client_step_title"), size=15, color=theme.MUTED)
        ]
        if step is None:
            parts.append(body(t("coach_session.client_no_step")))
        else:
            level = self.app.content.area(area.area_id).steps[step - 1]
            parts += [
                ft.Text(
                    t("coach_session.client_step", step=step, label=t.pick(level.label)),
                    size=22,
                    weight=ft.FontWeight.BOLD,
                ),
                body(t.pick(level.descriptor), size=16),
            ]
        if area.previous_step is not None:
            parts.append(muted(t("coach_session.before", step=area.previous_step)))
        return ft.Container(
            content=ft.Column(parts, spacing=4),
            border=ft.Border.all(3, theme.STEP_FILLED),
            border_radius=12,
            padding=14,
        )

    def coach_view(self, area_id: str, held: Reading) -> list[ft.Control]:
        t = self.app.t

        def pick(step: int | None) -> None:
            self.draft.set_coach_step(area_id, step)
            self.on_change()
            self.show()

        buttons: list[ft.Control] = [
            pick_button(
                ft.Text(
                    str(step),
                    size=20,
                    weight=ft.FontWeight.BOLD,
                    semantics_label=t("coach_session.coach_pick", step=step),
                ),
                selected=held.coach_step == step,
                on_click=lambda s=step: pick(s),  # type: ignore[misc]
                width=ROUND,
            )
            for step in range(1, 6)
        ]
        buttons.append(
            pick_button(
                ft.Text(
                    t("coach_session.coach_none"),
                    size=17,
                    semantics_label=t("coach_session.coach_pick_none"),
                ),
                selected=held.coach_step is None,
                on_click=lambda: pick(None),
                width=ROUND * 2,
            )
        )
        return [
            ft.Text(t("coach_session.coach_title"), size=18, weight=ft.FontWeight.W_600),
            muted(t("coach_session.coach_help")),
            ft.Row(buttons, wrap=True, spacing=8, run_spacing=8),
        ]

    def who(self, area_id: str, held: Reading) -> list[ft.Control]:
        t = self.app.t

        def pick(who: FilledBy) -> None:
            self.draft.set_filled_by(area_id, who)
            self.on_change()
            self.show()

        buttons: list[ft.Control] = []
        for who in FilledBy:
            text = t(f"coach_session.who.{who.value}")
            buttons.append(
                pick_button(
                    ft.Text(text, size=17, semantics_label=t("coach_session.who_pick", who=text)),
                    selected=held.filled_by is who,
                    on_click=lambda w=who: pick(w),  # type: ignore[misc]
                    width=ROUND * 2,
                )
            )
        return [
            ft.Text(t("coach_session.who_title"), size=18, weight=ft.FontWeight.W_600),
            ft.Row(buttons, wrap=True, spacing=8, run_spacing=8),
        ]

    def difference(self, held: Reading) -> ft.Control:
        """Marked, not red: two views are not a mistake, and nothing is corrected."""
        t = self.app.t
        return ft.Container(
            content=ft.Row(
                [
                    ft.Icon(ft.Icons.COMPARE_ARROWS, color=theme.DISCUSS, size=28),
                    ft.Column(
                        [
                            ft.Text(
                                t("coach_session.differ_title"),
                                size=18,
                                weight=ft.FontWeight.BOLD,
                            ),
                            body(
                                t(
                                    "coach_session.differ_text",
                                    client=held.client_step,
                                    coach=held.coach_step,
                                ),
                                size=16,
                            ),
                        ],
                        spacing=4,
                        expand=True,
                    ),
                ],
                vertical_alignment=ft.CrossAxisAlignment.START,
            ),
            bgcolor=theme.NOTICE_BG,
            border=ft.Border.all(1, theme.DISCUSS),
            border_radius=10,
            padding=12,
        )

    def prompt_cards(self, area: SessionArea) -> list[ft.Control]:
        t = self.app.t
        name = self.name(area.area_id)
        out: list[ft.Control] = [
            ft.Text(t("coach_session.cards_title"), size=20, weight=ft.FontWeight.BOLD)
        ]
        for group in cards_for(area, self.cards, self.stress):
            key = f"coach_session.topic.{group.topic}"
            title = t(key, level=self.stress) if group.topic == STRESS_HIGH else t(key)
            out.append(ft.Text(title, size=16, weight=ft.FontWeight.W_600, color=theme.MUTED))
            out += [
                self.card(card, name, stress=group.topic == STRESS_HIGH) for card in group.cards
            ]
        return out

    def card(self, card: Card, area_name: str, *, stress: bool) -> ft.Control:
        t = self.app.t
        return ft.Container(
            content=ft.Column(
                [
                    muted(t(f"coach_session.kind.{card.kind}"), size=13),
                    ft.Text(card.say(self.app.language, area_name), size=17),
                ],
                spacing=2,
            ),
            bgcolor=theme.NOTICE_BG if stress else theme.PANEL_BG,
            border_radius=10,
            padding=12,
        )
