"""Runs main.py in this process with a probe on the server, for bench/browser.py.

Run: python -m bench.app_probe cprofile|timing OUT  (with main.py's environment)
SIGUSR1 turns the probe on, SIGUSR2 turns it off and writes OUT. `cprofile` profiles the event
loop's thread (where Flet runs the handlers); `timing` records how long Flet's dispatch of each
event takes (the handler and the page update it sends), unprofiled. Nothing here is in the app.
"""

from __future__ import annotations

import cProfile
import json
import runpy
import signal
import sys
import time
from collections.abc import Callable
from pathlib import Path
from types import FrameType
from typing import Any

from flet.messaging.session import Session

MAIN = Path(__file__).resolve().parents[1] / "main.py"


def cprofile(out: Path) -> tuple[Callable[[], None], Callable[[], None]]:
    profiler = cProfile.Profile()

    def stop() -> None:
        profiler.disable()
        profiler.dump_stats(str(out))

    return profiler.enable, stop


def timing(out: Path) -> tuple[Callable[[], None], Callable[[], None]]:
    """Wraps Session.dispatch_event: (event name, seconds) of each event while on."""
    events: list[tuple[str, float]] = []
    on = [False]
    dispatch = Session.dispatch_event

    async def timed(self: Session, control_id: int, event_name: str, event_data: Any) -> None:
        t0 = time.perf_counter()
        try:
            await dispatch(self, control_id, event_name, event_data)
        finally:
            if on[0]:
                events.append((event_name, time.perf_counter() - t0))

    Session.dispatch_event = timed  # type: ignore[method-assign]

    def start() -> None:
        on[0] = True

    def stop() -> None:
        on[0] = False
        out.write_text(json.dumps(events), encoding="utf-8")

    return start, stop


def main() -> None:
    mode, out = sys.argv[1], Path(sys.argv[2])
    start, stop = {"cprofile": cprofile, "timing": timing}[mode](out)

    def on(_: int, __: FrameType | None) -> None:
        start()

    def off(_: int, __: FrameType | None) -> None:
        stop()

    signal.signal(signal.SIGUSR1, on)
    signal.signal(signal.SIGUSR2, off)
    sys.argv = [str(MAIN)]
    runpy.run_path(str(MAIN), run_name="__main__")


if __name__ == "__main__":
    main()
