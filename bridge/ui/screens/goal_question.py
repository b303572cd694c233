"""The goal flow: one motivational-interviewing question per screen, in the client's own words."""

from __future__ import annotations

from typing import TYPE_CHECKING

import flet as ft

from bridge.domain.goal_texts import ruler_follow_up, ruler_help, summary_text
from bridge.domain.goals import (
    FLOW,
    QUESTION_FIELDS,
    RULERS,
    Goal,
    GoalError,
    GoalStatus,
    flow_progress,
    next_question,
    previous_question,
)
from bridge.storage import goals_store
from bridge.ui import theme
from bridge.ui.goal_actions import all_goals, change_goal, error_text
from bridge.ui.layout import (
    Notice,
    confirm,
    heading,
    muted,
    primary_button,
    secondary_button,
)
from bridge.ui.widgets.number_scale import number_scale
from bridge.ui.widgets.psychoeducation import cards_button
from bridge.ui.widgets.scaffold import screen
from bridge.ui.widgets.step_form import StepForm, text_field

if TYPE_CHECKING:
    from bridge.ui.app import BridgeApp

#: The label over the answer field per screen (text screens); rulers and the step have their own.
FIELD_LABELS = {
    "desire": ("goals.answer_label", "goals.answer_help"),
    "reasons": ("goals.answer_label", "goals.answer_help"),
    "past_success": ("goals.answer_label", "goals.answer_help"),
    "helper": ("goals.answer_label", "goals.helper_help"),
    "reward": ("goals.answer_label", "goals.reward_help"),
}


class GoalFlow:
    """The draft goal on screen; every answer is saved at once."""

    def __init__(self, app: BridgeApp, goal: Goal, question: str) -> None:
        self.app = app
        self.goal = goal
        self.question = question
        self.problem = Notice()
        #: A typed answer breaks a rule (too long): it is kept on screen, and moving on waits.
        self.blocked = False

    def answer(self, **fields: object) -> None:
        outcome = change_goal(self.app, self.goal, lambda g: g.with_answers(**fields))
        if isinstance(outcome, GoalError):
            self.problem.show(error_text(self.app, outcome))
        else:
            self.goal = outcome
            self.problem.hide()

    def answer_later(self, **fields: object) -> None:
        """Typed text: saved when the person pauses or leaves the screen, not per keystroke."""
        try:
            self.goal.with_answers(**fields)  # the rule is checked now, while typing
        except GoalError as exc:
            self.blocked = True
            self.problem.show(error_text(self.app, exc))
            return
        self.blocked = False
        self.problem.hide()
        self.app.save_later((self.goal.id, *sorted(fields)), lambda: self.answer(**fields))

    def move(self, step: int, *, skip: bool = False) -> None:
        """To the next or previous question. Skipping never throws away what was typed or
        chosen: it is already saved and stays (a client under stress must not lose words);
        they are told so, and can clear a field themselves."""
        if self.blocked:
            return  # a text too long stays whole in its field; the message says what to do
        self.app.flush()
        if skip and self.goal.answers.is_answered(self.question):
            self.app.notify(self.app.t("goals.skip_kept"))
        target = next_question(self.question) if step > 0 else previous_question(self.question)
        if target is None:
            self.app.go("/goals")
            return
        outcome = change_goal(self.app, self.goal, lambda g: g.at(target))
        if not isinstance(outcome, GoalError):
            self.app.go(f"/goal/{self.goal.id}/q/{target}")

    def discard(self) -> None:
        self.app.pending.drop()  # what was typed is thrown away with the draft, as asked
        """A draft is the client's own thinking: they may throw it away (nothing else is lost)."""
        if self.app.save(lambda repo: goals_store.remove_goal(repo, self.goal.id)):
            self.app.notify(self.app.t("goals.discarded"))
            self.app.go("/goals")

    def activate(self) -> None:
        self.app.flush()
        outcome = change_goal(
            self.app, self.goal, lambda g: g.activate(all_goals(self.app), self.app.now())
        )
        if isinstance(outcome, GoalError):
            self.problem.show(error_text(self.app, outcome))
            return
        self.app.notify(self.app.t("goals.started"))
        self.app.go(f"/goal/{self.goal.id}")


def ruler_inputs(flow: GoalFlow) -> list[ft.Control]:
    """The number, then "why not lower?" and (confidence) "what would help one point higher?"."""
    t = flow.app.t
    kind = flow.question
    why_field = f"{kind}_why"
    value = getattr(flow.goal.answers, kind)
    follow_up = ft.Text(size=18, weight=ft.FontWeight.W_600)
    why = text_field(
        t("goals.answer_label"),
        getattr(flow.goal.answers, why_field),
        lambda v: flow.answer_later(**{why_field: v}),
    )
    help_question = ft.Text(size=18, weight=ft.FontWeight.W_600)
    help_answer = text_field(
        t("goals.ruler_help_label"),
        flow.goal.answers.confidence_help,
        lambda v: flow.answer_later(confidence_help=v),
    )

    def show_follow_up(n: int | None) -> None:
        follow_up.value = ruler_follow_up(kind, n, t) if n is not None else ""
        follow_up.visible = why.visible = n is not None
        helps = ruler_help(kind, n, t) if n is not None else None
        help_question.value = helps or ""
        help_question.visible = help_answer.visible = helps is not None

    def chosen(n: int | None) -> None:
        flow.answer(**{kind: n})
        show_follow_up(n)

    show_follow_up(value)
    return [
        number_scale(value, chosen, label=lambda n: t("goals.ruler_button", n=n)),
        ft.Row(
            [muted(t("goals.ruler_low")), muted(t("goals.ruler_high"))],
            alignment=ft.MainAxisAlignment.SPACE_BETWEEN,
        ),
        follow_up,
        why,
        help_question,
        help_answer,
    ]


def summary_inputs(flow: GoalFlow) -> list[ft.Control]:
    t = flow.app.t
    field = ft.TextField(
        label=t("goals.summary_edit"),
        value=summary_text(flow.goal.answers, t),
        multiline=True,
        min_lines=4,
        max_lines=12,
        text_size=17,
        on_change=lambda e: flow.answer_later(summary=e.control.value),
    )

    def rebuild(_: object) -> None:
        flow.app.flush()
        flow.answer(summary=None)
        field.value = summary_text(flow.goal.answers, t)

    return [
        muted(t("goals.summary_help")),
        field,
        ft.TextButton(content=t("goals.summary_reset"), icon=ft.Icons.AUTORENEW, on_click=rebuild),
    ]


def inputs_for(flow: GoalFlow) -> list[ft.Control]:
    t = flow.app.t
    answers = flow.goal.answers
    question = flow.question
    if question in RULERS:
        return ruler_inputs(flow)
    if question == "step":
        form = StepForm(flow.app, answers.step, lambda plan: flow.answer_later(step=plan))
        return [muted(t("goals.step_help")), form.control]
    if question == "obstacles":
        return [
            text_field(
                t("goals.obstacles_label"),
                answers.obstacles,
                lambda v: flow.answer_later(obstacles=v),
            ),
            text_field(
                t("goals.obstacle_plan_label"),
                answers.obstacle_plan,
                lambda v: flow.answer_later(obstacle_plan=v),
            ),
        ]
    if question == "summary":
        return summary_inputs(flow)
    label, help_key = FIELD_LABELS[question]
    (field_name,) = QUESTION_FIELDS[question]
    return [
        muted(t(help_key)),
        text_field(
            t(label), getattr(answers, field_name), lambda v: flow.answer_later(**{field_name: v})
        ),
    ]


def build(app: BridgeApp, goal: Goal, question: str) -> ft.View | None:
    if question not in FLOW or goal.status is not GoalStatus.DRAFT:
        return None
    t = app.t
    flow = GoalFlow(app, goal, question)
    if goal.position != question:
        outcome = change_goal(app, goal, lambda g: g.at(question))
        if not isinstance(outcome, GoalError):
            flow.goal = outcome
    n, total = flow_progress(question)
    area = app.content.area(goal.area_id)
    last = question == FLOW[-1]
    buttons: list[ft.Control] = [
        secondary_button(t("goals.previous"), lambda _: flow.move(-1), icon=ft.Icons.ARROW_BACK),
    ]
    if last:
        buttons.append(
            primary_button(t("goals.activate"), lambda _: flow.activate(), icon=ft.Icons.FLAG)
        )
    else:
        buttons.append(
            ft.TextButton(content=t("goals.skip"), on_click=lambda _: flow.move(1, skip=True))
        )
        buttons.append(
            primary_button(t("goals.next"), lambda _: flow.move(1), icon=ft.Icons.ARROW_FORWARD)
        )
    controls: list[ft.Control] = [
        ft.ProgressBar(
            value=n / total,
            bar_height=8,
            border_radius=4,
            color=theme.STEP_FILLED,
            bgcolor=theme.STEP_EMPTY,
            semantics_label=t("goals.progress", n=n, total=total),
        ),
        ft.Row(
            [
                ft.Icon(theme.area_icon(goal.area_id), color=theme.MUTED, size=18),
                muted(t.pick(area.name)),
                muted("·"),
                muted(t("goals.progress", n=n, total=total)),
            ],
            spacing=6,
        ),
        heading(t.pick(app.prompts.flow_question(question).text), size=24),
        *inputs_for(flow),
        flow.problem,
        ft.Row(
            buttons,
            wrap=True,
            alignment=ft.MainAxisAlignment.SPACE_BETWEEN,
            spacing=8,
            run_spacing=8,
        ),
        muted(t("goals.skip_help")),
        cards_button(app),
        ft.TextButton(
            content=t("goals.discard_draft"),
            icon=ft.Icons.DELETE_OUTLINE,
            on_click=lambda _: confirm(
                app,
                t("goals.discard_draft"),
                t("goals.discard_confirm"),
                t("goals.discard_draft"),
                lambda: flow.discard(),
            ),
        ),
    ]
    return screen(
        app,
        f"/goal/{goal.id}/q/{question}",
        t("goals.new"),
        controls,
    )
