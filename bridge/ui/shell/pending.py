"""Saves of typed text that wait until the person pauses or leaves the field.

A keystroke must not rewrite, re-encrypt and fsync the whole database. The screen hands the
latest save for a field here under a key; a later keystroke replaces it. The shell runs what is
waiting when the person pauses (`PAUSE_SECONDS` after the last keystroke), leaves the field,
navigates, locks or quick-exits, so nothing typed is ever lost.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable, Hashable

log = logging.getLogger(__name__)

PAUSE_SECONDS = 0.8


class PendingSaves:
    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._waiting: dict[Hashable, Callable[[], object]] = {}
        self._generation = 0

    def defer(self, key: Hashable, save: Callable[[], object]) -> int:
        """Keeps only the newest save per field; returns a ticket for `flush_if_quiet`."""
        with self._lock:
            self._waiting[key] = save
            self._generation += 1
            return self._generation

    def has_waiting(self) -> bool:
        with self._lock:
            return bool(self._waiting)

    def flush_if_quiet(self, ticket: int) -> bool:
        """Runs what waits if nothing was typed since `ticket` was handed out."""
        with self._lock:
            if ticket != self._generation:
                return False
        return self.flush()

    def flush(self) -> bool:
        """Runs every waiting save, oldest field first; True if anything ran."""
        with self._lock:
            waiting = list(self._waiting.values())
            self._waiting.clear()
        for save in waiting:
            save()
        return bool(waiting)

    def drop(self) -> None:
        """Forgets what waits (only after the data itself was deleted)."""
        with self._lock:
            self._waiting.clear()
