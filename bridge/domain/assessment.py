"""A bridge snapshot: the client's own view of each area on one date, and its rules."""

from __future__ import annotations

import enum
import uuid
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field, replace
from datetime import datetime

MIN_STEP, MAX_STEP = 1, 5
MIN_STRESS, MAX_STRESS = 0, 10
MAX_PRIORITIES = 2
# A note past this is kept whole in the field, and filling in does not move on until it fits
# (see fill_area): nothing typed is lost, and nothing is cut without the client's say.
NOTE_MAX_CHARS = 300


class AssessmentError(ValueError):
    """A rule of filling in was broken; `code` names which, for a translated message."""

    def __init__(self, code: str, message: str) -> None:
        super().__init__(message)
        self.code = code


class Helper(enum.StrEnum):
    """Who helps with an area: the client's own strength map."""

    ALONE = "alone"
    NETWORK = "network"
    PROFESSIONAL = "professional"


class Change(enum.StrEnum):
    UP = "up"
    SAME = "same"
    DOWN = "down"


@dataclass(frozen=True)
class AreaAnswer:
    step: int | None = None
    discuss: bool = False
    priority: bool = False
    helper: Helper | None = None
    note: str = ""


#: The answer of an area not answered yet (frozen, so one instance serves every read).
_NO_ANSWER = AreaAnswer()


@dataclass(frozen=True)
class Assessment:
    """One filled-in (or being filled-in) bridge.

    `position` remembers the screen the client was on, so leaving halfway and
    coming back continues there.
    """

    id: str
    started_at: datetime
    area_ids: tuple[str, ...]
    answers: Mapping[str, AreaAnswer] = field(default_factory=dict)
    stress: int | None = None
    completed_at: datetime | None = None
    position: str = "stress"  # see fill_positions()

    @classmethod
    def start(cls, area_ids: Iterable[str], now: datetime) -> Assessment:
        return cls(id=uuid.uuid4().hex, started_at=now, area_ids=tuple(area_ids))

    @classmethod
    def start_from(
        cls, previous: Assessment | None, area_ids: Iterable[str], now: datetime
    ) -> Assessment:
        """A new draft with last time's marks (priority, who helps, talk about) as a starting
        point the client can change. Steps, notes and stress are not carried over: the client
        chooses again. A priority of an area no longer asked for, or past the maximum, is dropped.
        """
        draft = cls.start(area_ids, now)
        if previous is None:
            return draft
        answers: dict[str, AreaAnswer] = {}
        priorities = 0
        for area_id in draft.area_ids:
            before = previous.answers.get(area_id) if area_id in previous.area_ids else None
            if before is None:
                continue
            priority = before.priority and priorities < MAX_PRIORITIES
            priorities += priority
            carried = AreaAnswer(discuss=before.discuss, priority=priority, helper=before.helper)
            if carried != AreaAnswer():
                answers[area_id] = carried
        return replace(draft, answers=answers)

    @property
    def has_marks(self) -> bool:
        """Whether any area is marked as a priority or to talk about."""
        return bool(self.priorities or self.to_discuss)

    # -- reading -----------------------------------------------------------
    def answer(self, area_id: str) -> AreaAnswer:
        self._check_area(area_id)
        return self.answers.get(area_id, _NO_ANSWER)

    def step(self, area_id: str) -> int | None:
        return self.answer(area_id).step

    @property
    def is_complete(self) -> bool:
        return all(self.answer(area_id).step is not None for area_id in self.area_ids)

    @property
    def missing_areas(self) -> tuple[str, ...]:
        return tuple(a for a in self.area_ids if self.answer(a).step is None)

    @property
    def priorities(self) -> tuple[str, ...]:
        return tuple(a for a in self.area_ids if self.answer(a).priority)

    @property
    def to_discuss(self) -> tuple[str, ...]:
        return tuple(a for a in self.area_ids if self.answer(a).discuss)

    @property
    def is_completed(self) -> bool:
        return self.completed_at is not None

    # -- changing (each returns a new Assessment) -----------------------------
    def _check_area(self, area_id: str) -> None:
        if area_id not in self.area_ids:
            raise AssessmentError("unknown_area", f"unknown area {area_id!r}")

    def _check_open(self) -> None:
        if self.completed_at is not None:
            raise AssessmentError("completed", "a completed bridge is kept as it was")

    def _with_answer(self, area_id: str, **changes: object) -> Assessment:
        self._check_open()
        answers = dict(self.answers)
        answers[area_id] = replace(self.answer(area_id), **changes)  # type: ignore[arg-type]
        return replace(self, answers=answers)

    def with_step(self, area_id: str, step: int | None) -> Assessment:
        if step is not None and not MIN_STEP <= step <= MAX_STEP:
            raise AssessmentError("bad_step", f"a step is {MIN_STEP} to {MAX_STEP}")
        return self._with_answer(area_id, step=step)

    def with_discuss(self, area_id: str, discuss: bool) -> Assessment:
        return self._with_answer(area_id, discuss=discuss)

    def with_priority(self, area_id: str, priority: bool) -> Assessment:
        if priority and area_id not in self.priorities and len(self.priorities) >= MAX_PRIORITIES:
            raise AssessmentError(
                "too_many_priorities", f"at most {MAX_PRIORITIES} areas can come first"
            )
        return self._with_answer(area_id, priority=priority)

    def with_helper(self, area_id: str, helper: Helper | None) -> Assessment:
        return self._with_answer(area_id, helper=helper)

    def with_note(self, area_id: str, note: str) -> Assessment:
        note = note.strip()
        if len(note) > NOTE_MAX_CHARS:
            raise AssessmentError("note_too_long", f"a note is at most {NOTE_MAX_CHARS} characters")
        return self._with_answer(area_id, note=note)

    def with_stress(self, stress: int | None) -> Assessment:
        self._check_open()
        if stress is not None and not MIN_STRESS <= stress <= MAX_STRESS:
            raise AssessmentError("bad_stress", f"stress is {MIN_STRESS} to {MAX_STRESS}")
        return replace(self, stress=stress)

    def at(self, position: str) -> Assessment:
        self._check_open()
        return replace(self, position=position)

    def complete(self, now: datetime) -> Assessment:
        self._check_open()
        if not self.is_complete:
            raise AssessmentError("incomplete", "every area needs a step first")
        return replace(self, completed_at=now, position="done")


def change_since(previous: Assessment | None, current: Assessment) -> dict[str, Change | None]:
    """Per area: up, same or down since the previous snapshot (None: nothing to compare)."""
    changes: dict[str, Change | None] = {}
    for area_id in current.area_ids:
        now = current.answers.get(area_id, AreaAnswer()).step
        before = None
        if previous is not None and area_id in previous.area_ids:
            before = previous.answers.get(area_id, AreaAnswer()).step
        if now is None or before is None:
            changes[area_id] = None
        elif now > before:
            changes[area_id] = Change.UP
        elif now < before:
            changes[area_id] = Change.DOWN
        else:
            changes[area_id] = Change.SAME
    return changes


STRESS_POSITION = "stress"
REVIEW_POSITION = "review"


def fill_positions(area_ids: Iterable[str]) -> tuple[str, ...]:
    """The screens of filling in, in order: stress first, then each area, then a review."""
    return (STRESS_POSITION, *area_ids, REVIEW_POSITION)


def next_position(area_ids: Iterable[str], position: str, step: int = 1) -> str | None:
    """The screen `step` places after (or, negative, before) `position`; None past either end."""
    order = fill_positions(area_ids)
    if position not in order:
        return order[0]
    index = order.index(position) + step
    return order[index] if 0 <= index < len(order) else None
