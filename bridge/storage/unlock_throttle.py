"""Wrong passcodes: a growing wait (0, 0, 0, 2, 4, 8, … 60 s), counted across restarts."""

from __future__ import annotations

import contextlib
import json
import math
import time
from collections.abc import Callable
from pathlib import Path

from bridge.storage.atomic_file import write_atomic
from bridge.storage.errors import StorageError

__all__ = ["FIRST_DELAY", "FREE_ATTEMPTS", "MAX_DELAY", "UnlockThrottle", "delay_after"]

FREE_ATTEMPTS = 3
FIRST_DELAY = 2.0
MAX_DELAY = 60.0
#: Doublings after which the wait is MAX_DELAY anyway; the power is never computed past it,
#: so no count of failures can overflow (2.0 ** 1024 raises OverflowError).
_MAX_DOUBLINGS = math.ceil(math.log2(MAX_DELAY / FIRST_DELAY))


def delay_after(failures: int) -> float:
    """Seconds to wait after `failures` wrong passcodes in a row: 0, 0, 0, 2, 4, 8, … 60."""
    if failures < FREE_ATTEMPTS:
        return 0.0
    doublings = min(failures - FREE_ATTEMPTS, _MAX_DOUBLINGS)
    return min(MAX_DELAY, FIRST_DELAY * 2.0**doublings)


class UnlockThrottle:
    """Counts wrong passcodes in a sidecar file, so restarting the app does not reset it.

    The file holds a count and the time of the last failure, nothing secret.
    Wall-clock time is used because it must survive a restart. A clock set back
    (or a last failure stored in the future) cannot lengthen the wait beyond the
    current step: the time of the last failure is moved back to now. This only
    slows down guessing on the device's own screen: anyone who can copy the file
    can guess offline, at the cost of one scrypt per guess.
    """

    def __init__(self, path: Path, clock: Callable[[], float] = time.time) -> None:
        self.path = path
        self._clock = clock

    def _state(self) -> tuple[int, float]:
        if not self.path.exists():
            return 0, 0.0
        try:
            raw = json.loads(self.path.read_text(encoding="utf-8"))
            failures, last = raw["failures"], raw["last_failure"]
            if (
                isinstance(failures, int)
                and failures >= 0
                and isinstance(last, int | float)
                and math.isfinite(last)
            ):
                return failures, float(last)
        except (OSError, ValueError, KeyError, TypeError):
            pass
        # Unreadable: assume the free attempts are used up rather than reset them.
        return FREE_ATTEMPTS, 0.0

    def _write(self, failures: int, last: float) -> None:
        payload = {"failures": failures, "last_failure": last}
        write_atomic(self.path, json.dumps(payload).encode("utf-8"))

    @property
    def failures(self) -> int:
        return self._state()[0]

    def seconds_to_wait(self) -> float:
        failures, last = self._state()
        delay = delay_after(failures)
        if delay <= 0:
            return 0.0
        now = self._clock()
        if last > now:  # the clock went back: count the wait from now, not from the future
            last = now
            with contextlib.suppress(StorageError):
                self._write(failures, last)
        return min(delay, max(0.0, last + delay - now))

    def record_failure(self) -> None:
        failures, _ = self._state()
        self._write(failures + 1, self._clock())

    def record_success(self) -> None:
        if self.path.exists():
            try:
                self.path.unlink()
            except OSError as exc:
                raise StorageError(f"could not reset the attempts counter: {exc}") from exc
