"""State per feature, each in its own small object; none of them knows Flet."""

from __future__ import annotations

from dataclasses import dataclass, field

from bridge.content import DEFAULT_LANGUAGE
from bridge.sharing import SummaryChoices
from bridge.storage import StorageError

WIDE_FROM = 900  # px: from here on screens use the width (rail, two columns, larger bridge)


@dataclass
class ShellState:
    """What every screen of this session shares: language, width, quick exit, a storage problem."""

    language: str = DEFAULT_LANGUAGE
    wide: bool = False
    #: After quick exit only the neutral screen shows until someone taps through.
    neutral: bool = False
    storage_problem: StorageError | None = None
    #: "client" or "coach" as read from the prefs; None: not read yet (read again while the
    #: data is not set up, since first start, or a wipe in another tab, may change it).
    mode: str | None = None

    def set_width(self, width: float | None) -> bool:
        """Returns True when the layout changes (phone ↔ laptop)."""
        wide = (width or 0) >= WIDE_FROM
        changed = wide != self.wide
        self.wide = wide
        return changed


@dataclass(frozen=True)
class GoalSuggestion:
    """An agreed step from the coach's plan the client turns into a goal of their own."""

    plan_id: str
    index: int
    text: str
    area_id: str | None = None


@dataclass
class GoalsState:
    """A recognition message waiting to be shown once on its goal's screen, and a step from the
    coach's plan waiting to start the next new goal (the client edits it into their own words)."""

    celebration: tuple[str, str] | None = None
    suggestion: GoalSuggestion | None = None

    def celebrate(self, goal_id: str, text: str) -> None:
        self.celebration = (goal_id, text)

    def take_celebration(self, goal_id: str) -> str | None:
        if self.celebration is None or self.celebration[0] != goal_id:
            return None
        text = self.celebration[1]
        self.celebration = None
        return text


@dataclass
class SharingState:
    """This session's share choices, the coach chosen, and the last sealed summary."""

    choices: SummaryChoices = field(default_factory=SummaryChoices)
    coach_id: str | None = None
    #: (file name, armored text); forgotten on lock and quick exit.
    sealed: tuple[str, str] | None = None

    def forget_sealed(self) -> None:
        self.sealed = None
