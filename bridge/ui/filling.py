"""Filling in the bridge: the draft on screen, every change applied by a rule and saved at once."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from bridge.domain.assessment import Assessment, AssessmentError, next_position
from bridge.storage import StorageError

if TYPE_CHECKING:
    from bridge.ui.app import BridgeApp


class FillSession:
    """The draft being filled in on this screen; every change is saved at once."""

    def __init__(self, app: BridgeApp, draft: Assessment) -> None:
        self.app = app
        self.draft = draft

    def update(self, change: Callable[[Assessment], Assessment]) -> AssessmentError | None:
        """Applies and saves a change; returns the broken rule instead of raising."""
        try:
            # Apply the change to what is stored now, not to this screen's copy: another
            # session (a second browser tab) may have saved other answers meanwhile.
            stored = self.app.data().assessment(self.draft.id)
            changed = change(stored if stored is not None else self.draft)
        except AssessmentError as exc:
            return exc
        except StorageError:
            self.app.refresh()  # locked or unreadable: the guard screens take over
            return None
        if self.app.save(lambda repo: repo.save_assessment(changed)):
            self.draft = changed
        return None

    def update_later(
        self, key: str, change: Callable[[Assessment], Assessment]
    ) -> AssessmentError | None:
        """For typed text: checks the rule now, saves when the person pauses or leaves."""
        try:
            self.draft = change(self.draft)
        except AssessmentError as exc:
            return exc
        self.app.save_later((self.draft.id, key), lambda: self.update(change))
        return None

    def move(self, step: int) -> None:
        target = next_position(self.draft.area_ids, self.draft.position, step)
        if target is None:
            self.app.go("/")
            return
        self.update(lambda d: d.at(target))
        self.app.go(f"/fill/{target}")
