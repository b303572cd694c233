"""The texts of goals that need a language: ruler follow-ups, the summary, counts, recognition.

Pure Python: no Flet, no storage. Every text comes from the catalog through a translator
`t(key, **params) -> str` (see `bridge.i18n.Translator`), never written here. The client's
own words are quoted as they wrote them, so a summary reads right whatever they typed.
"""

from __future__ import annotations

import re
from typing import Protocol

from bridge.domain.goal_answers import (
    MAX_RULER,
    RULERS,
    GoalAnswers,
    GoalError,
    check_ruler,
)
from bridge.i18n import plural_key


class Translate(Protocol):
    """The signature of `bridge.i18n.Translator.__call__`."""

    def __call__(self, key: str, /, **params: object) -> str: ...


#: Every catalog key this module asks the translator for.
SUMMARY_KEYS: tuple[str, ...] = (
    "goals.summary.want",
    "goals.summary.because",
    "goals.summary.importance",
    "goals.summary.importance_why",
    "goals.summary.confidence",
    "goals.summary.confidence_why",
    "goals.summary.confidence_help",
    "goals.summary.past_success",
    "goals.summary.first_step",
    "goals.summary.when",
    "goals.summary.where",
    "goals.summary.if_then",
    "goals.summary.obstacle",
    "goals.summary.obstacle_plan",
    "goals.summary.helper",
    "goals.summary.reward",
    "goals.summary.empty",
)
RULER_KEYS: tuple[str, ...] = (
    "goals.ruler.importance",
    "goals.ruler.importance_0",
    "goals.ruler.importance_1",
    "goals.ruler.importance_2",
    "goals.ruler.confidence",
    "goals.ruler.confidence_0",
    "goals.ruler.confidence_1",
    "goals.ruler.confidence_2",
    "goals.ruler.confidence_help",
    "goals.ruler.confidence_10",
)
RECOGNITION_FIRST_KEY = "goals.recognition.first"
RECOGNITION_KEYS: tuple[str, ...] = tuple(f"goals.recognition.{n}" for n in range(1, 9))
STEPS_DONE_KEYS: tuple[str, ...] = (
    "goals.steps_done_none",
    "goals.steps_done.one",
    "goals.steps_done.other",
)
IF_THEN_KEY = "goals.if_then_sentence"
#: The labels of the two if-then fields ("Als …", "dan …"): their first word is not repeated.
IF_THEN_LABEL_KEYS: tuple[str, str] = ("goals.if_then_when", "goals.if_then_then")
USED_KEYS: frozenset[str] = frozenset(
    {
        *SUMMARY_KEYS,
        *RULER_KEYS,
        RECOGNITION_FIRST_KEY,
        *RECOGNITION_KEYS,
        *STEPS_DONE_KEYS,
        IF_THEN_KEY,
        *IF_THEN_LABEL_KEYS,
    }
)


def ruler_follow_up(kind: str, n: int, t: Translate) -> str:
    """The question after a ruler: it evokes the client's own reasons; it is not a test.

    Both rulers ask "Why a {n} and not a {n - 2}?"; 0, 1 and 2 have their own wording.
    """
    check_ruler(n, kind)
    if kind not in RULERS:
        raise GoalError("bad_ruler", f"unknown ruler {kind!r}; rulers are {RULERS}")
    if n <= 2:
        return t(f"goals.ruler.{kind}_{n}")
    return t(f"goals.ruler.{kind}", n=n, m=n - 2)


def ruler_help(kind: str, n: int, t: Translate) -> str | None:
    """After "why not lower": what would help to get one point higher (confidence only).

    A 10 has its own wording (what helps to keep it so). None for a ruler without it.
    """
    check_ruler(n, kind)
    if kind not in RULERS:
        raise GoalError("bad_ruler", f"unknown ruler {kind!r}; rulers are {RULERS}")
    if kind != "confidence":
        return None
    if n == MAX_RULER:
        return t("goals.ruler.confidence_10")
    return t("goals.ruler.confidence_help", n=n, m=n + 1)


def _words(text: str) -> str:
    """The client's words on one line, as they wrote them; only outer space and breaks go."""
    return re.sub(r"\s+", " ", text).strip()


def _bare(text: str) -> str:
    """The client's words without end punctuation, for a part inside a sentence."""
    return _words(text).rstrip(".!?;:,… ").strip()


def build_summary(answers: GoalAnswers, t: Translate) -> str:
    """A summary in the client's own words, one idea per line; skipped answers are left out.

    Each line is a short frame of ours with the client's words quoted after it, so it reads as
    correct Dutch or English whatever they typed ("Ik wil …", "Dan …", lower case, no period).
    The two ruler scores come with their reasons. With everything skipped it is a gentle line.
    """
    lines: list[str] = []

    def add(key: str, value: str | None) -> None:
        words = _words(value) if value else ""
        if words:
            lines.append(t(key, words=words))

    add("goals.summary.want", answers.desire)
    add("goals.summary.because", answers.reasons)
    if answers.importance is not None:
        lines.append(t("goals.summary.importance", n=answers.importance))
    add("goals.summary.importance_why", answers.importance_why)
    if answers.confidence is not None:
        lines.append(t("goals.summary.confidence", n=answers.confidence))
    add("goals.summary.confidence_why", answers.confidence_why)
    add("goals.summary.confidence_help", answers.confidence_help)
    add("goals.summary.past_success", answers.past_success)
    step = answers.step
    if step is not None:
        add("goals.summary.first_step", step.what)
        add("goals.summary.when", step.when)
        add("goals.summary.where", step.where)
        add("goals.summary.if_then", step.if_then)
    add("goals.summary.obstacle", answers.obstacles)
    add("goals.summary.obstacle_plan", answers.obstacle_plan)
    add("goals.summary.helper", answers.helper_person)
    add("goals.summary.reward", answers.reward)
    return "\n".join(lines) if lines else t("goals.summary.empty")


def summary_text(answers: GoalAnswers, t: Translate) -> str:
    """The summary to show: the client's edited one, or else the one built from their answers."""
    return answers.summary or build_summary(answers, t)


def _without_lead(text: str, label: str) -> str:
    """The part without the field label's first word, when the client typed it again."""
    lead = label.replace("…", "").strip().casefold()
    words = _bare(text)
    first, _, rest = words.partition(" ")
    if lead and first.casefold() == lead and rest:
        return rest.strip()
    return words


def if_then_sentence(when: str, then: str, t: Translate) -> str:
    """Joins the two parts of an if-then plan into one sentence ("Als …, dan …").

    A part that starts with the field's own word ("als …" in the "Als …" field) does not get
    it twice.
    """
    if_label, then_label = (t(key) for key in IF_THEN_LABEL_KEYS)
    return t(IF_THEN_KEY, when=_without_lead(when, if_label), then=_without_lead(then, then_label))


def recognition(count: int, seed: int, t: Translate) -> str:
    """A message that recognises effort after a step is done; `count` is done steps so far.

    The first done step has its own message. After that, with the same `seed` (for example
    from the goal's id), each next count gets a different message than the one before.
    """
    if count == 1:
        return t(RECOGNITION_FIRST_KEY)
    return t(RECOGNITION_KEYS[(seed + count) % len(RECOGNITION_KEYS)])


def steps_done_text(count: int, t: Translate) -> str:
    """ "1 stap gelukt", "3 stappen gelukt"; none has its own wording."""
    if count <= 0:
        return t("goals.steps_done_none")
    return t(plural_key("goals.steps_done", count), count=count)
