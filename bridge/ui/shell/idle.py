"""Inactivity: when someone last used the app, and how long before it locks itself."""

from __future__ import annotations

import contextlib
import threading
import time
from collections.abc import Callable, Iterator

DEFAULT_LOCK_MINUTES = 5
LOCK_CHOICES = (1, 5, 15, 30)
IDLE_CHECK_SECONDS = 5.0


class Activity:
    """When someone last used the app, across every session of this process."""

    def __init__(self, clock: Callable[[], float] = time.monotonic) -> None:
        self._clock = clock
        self._last = clock()
        self._busy = 0
        self._lock = threading.Lock()

    def touch(self) -> None:
        with self._lock:
            self._last = self._clock()

    @contextlib.contextmanager
    def busy(self) -> Iterator[None]:
        """Slow work the person started (a backup's scrypt, an import) counts as use: the app
        does not lock under it, and the idle time starts again when it ends."""
        with self._lock:
            self._busy += 1
        try:
            yield
        finally:
            with self._lock:
                self._busy -= 1
                self._last = self._clock()

    def idle_seconds(self) -> float:
        with self._lock:
            return 0.0 if self._busy else self._clock() - self._last


def valid_lock_minutes(value: object) -> int:
    """A stored choice that is not one of the offered ones falls back to the default."""
    return value if isinstance(value, int) and value in LOCK_CHOICES else DEFAULT_LOCK_MINUTES
