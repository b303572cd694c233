"""The one clock the screens ask for "now" and "today"; tests set it instead of patching time."""

from __future__ import annotations

from datetime import UTC, date, datetime


class Clock:
    """The real time. Screens never call `datetime.now()` themselves."""

    def now(self) -> datetime:
        return datetime.now(UTC)

    def today(self) -> date:
        """The person's own calendar day (due steps follow the local date)."""
        return self.now().astimezone().date()


class FixedClock(Clock):
    """A clock that stands still until a test moves it."""

    def __init__(self, moment: datetime) -> None:
        self.moment = moment

    def now(self) -> datetime:
        return self.moment

    def today(self) -> date:
        return self.moment.date()
