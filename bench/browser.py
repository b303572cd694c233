"""What a person waits for in the browser, each against a plain Flet app in the same run.

Run: .venv/bin/python -m bench.browser  [--quick] [--pairs N] [--out FILE] [--profile]

Headless Chromium at 390x844, driven through Flutter's accessibility tree as the e2e tests do.
Each figure is the median of ratios measured pair by pair (A B A B ...) against a baseline:
- "Volgende" to the next area's heading at 5-year data (bench.storage's seeded generator,
  encrypted), against the two-screen app in bench/two_screen_app.py. Target <= 2x.
- start to first screen: a fresh server, then a fresh tab from opening the address to the first
  screen's text (Bridge: the lock screen), against bench/hello_app.py. Target <= 1.1x. The
  server's own start (process start to its first HTTP answer) is shown next to it, and so is
  the tab's last part: from the server's last message to the text on screen, which is Flutter
  drawing the first screen (the lock screen's field, buttons and language choices against one
  line of text). The pairs alternate which one goes first (A B, B A, ...).
Then the server's own time per "Volgende", unprofiled, and with `--profile` a cProfile of it
(both through bench/app_probe.py, which runs main.py with a probe; nothing is in the app).
"""

from __future__ import annotations

import argparse
import io
import json
import os
import platform
import pstats
import signal
import statistics
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from playwright.sync_api import Browser, Page, WebSocket, sync_playwright

from bench.browser_server import LOGS, ROOT, Server, app_server, script_server, seed
from bench.figure import Figure
from bench.storage import FIVE_YEARS, PASSCODE, TINY
from bridge.content import load_bridge
from tests.e2e.harness import CHROMIUM, CHROMIUM_ARGS, PHONE, Person

RESULTS = ROOT / "bench" / "results" / "browser.json"
#: The page may reach no host but 127.0.0.1 (the baselines have no Content-Security-Policy).
BROWSER_ARGS = [*CHROMIUM_ARGS, "--host-resolver-rules=MAP * ~NOTFOUND , EXCLUDE 127.0.0.1"]
AREAS = load_bridge().areas
STRESS_QUESTION = "Hoeveel stress heb je deze week?"
LOCK_TITLE = "Welkom terug"
FIRST_TITLE, SECOND_TITLE, HELLO = "Eerste scherm", "Tweede scherm", "Hallo wereld"
#: True once a semantics node with exactly this text (or label) has a size on screen.
SHOWN_JS = """text => {
  for (const el of document.querySelectorAll("flt-semantics, flt-semantics *")) {
    if (el.closest("[aria-hidden=true]")) continue;
    const own = (el.getAttribute("aria-label") || el.textContent || "").trim();
    if (own !== text) continue;
    const box = el.getBoundingClientRect();
    if (box.width > 0 && box.height > 0) return true;
  }
  return false;
}"""


def wait_shown(page: Page, text: str, timeout: float = 30_000) -> None:
    page.wait_for_function(SHOWN_JS, arg=text, polling="raf", timeout=timeout)


def phone(browser: Browser, server: Server) -> Person:
    return Person(browser, server, LOGS, PHONE)  # type: ignore[arg-type]


def timed_tap(person: Person, button: str, then_shown: str) -> float:
    """Seconds from the tap on `button` to `then_shown` being visible."""
    target = person.button(button).first
    target.wait_for(state="attached")
    t0 = time.perf_counter()
    target.evaluate("el => el.click()")
    wait_shown(person.page, then_shown)
    elapsed = time.perf_counter() - t0
    settle(person, button)
    return elapsed


def settle(person: Person, button: str) -> None:
    """Until the screen that was left is gone (one such button left), then two frames more."""
    for _ in range(600):  # at most ten seconds of frames
        if person.button(button).count() <= 1:
            break
        person.frames(1)
    person.frames(2)


class AppFill:
    """Bridge at a fill-in screen, stepping through the areas with "Volgende"."""

    def __init__(self, browser: Browser, server: Server) -> None:
        self.person = phone(browser, server)
        self.person.open()
        self.person.type_into("Je code", PASSCODE)
        self.person.tap("Openen")
        self.person.tap("Verder met invullen")
        wait_shown(self.person.page, STRESS_QUESTION)
        timed_tap(self.person, "Volgende", AREAS[0].question("nl"))
        self.index = 0

    def next(self) -> float:
        if self.index == len(AREAS) - 1:  # at the last area: back to the first, not timed
            while self.index > 0:
                self.index -= 1
                timed_tap(self.person, "Vorige", AREAS[self.index].question("nl"))
        self.index += 1
        return timed_tap(self.person, "Volgende", AREAS[self.index].question("nl"))


class TwoScreens:
    """The baseline: "Volgende" to the second view's heading, then back (not timed)."""

    def __init__(self, browser: Browser, server: Server) -> None:
        self.person = phone(browser, server)
        self.person.open()
        wait_shown(self.person.page, FIRST_TITLE)

    def next(self) -> float:
        elapsed = timed_tap(self.person, "Volgende", SECOND_TITLE)
        timed_tap(self.person, "Vorige", FIRST_TITLE)
        return elapsed


def paired(
    a: Callable[[], float], b: Callable[[], float], pairs: int, alternate: bool = False
) -> dict[str, object]:
    """A B A B ... (or with `alternate` A B, B A, ...): the times of both, and the median of the
    ratios pair by pair."""
    times_a, times_b = [], []
    for n in range(pairs):
        if alternate and n % 2:
            times_b.append(b())
            times_a.append(a())
        else:
            times_a.append(a())
            times_b.append(b())
    return {"pairs": pairs, **summary(times_a, times_b)}


def summary(times_a: list[float], times_b: list[float]) -> dict[str, object]:
    ratios = [x / y for x, y in zip(times_a, times_b, strict=True)]
    return {
        "app_ms": [round(t * 1000, 1) for t in times_a],
        "baseline_ms": [round(t * 1000, 1) for t in times_b],
        "app_median_ms": round(statistics.median(times_a) * 1000, 1),
        "baseline_median_ms": round(statistics.median(times_b) * 1000, 1),
        "ratio_median": round(statistics.median(ratios), 2),
    }


def measure_next(browser: Browser, data: Path, pairs: int, warm_up: int) -> dict[str, object]:
    app, baseline = app_server(data).start(), script_server("two_screen_app.py").start()
    try:
        a, b = AppFill(browser, app), TwoScreens(browser, baseline)
        for _ in range(warm_up):
            a.next()
            b.next()
        result = paired(a.next, b.next, pairs)
        a.person.close()
        b.person.close()
        return result
    finally:
        app.stop()
        baseline.stop()


def first_screen(browser: Browser, server: Server, text: str) -> tuple[float, float]:
    """Seconds from opening the address in a fresh tab to the first screen's text, and of those
    the last part: from the server's last message before it to the text being shown."""
    person = phone(browser, server)
    last = [0.0]

    def watch(socket: WebSocket) -> None:
        socket.on("framereceived", lambda _: last.__setitem__(0, time.perf_counter()))

    person.page.on("websocket", watch)
    t0 = time.perf_counter()
    person.open()
    wait_shown(person.page, text)
    shown = time.perf_counter()
    person.close()
    return shown - t0, shown - (last[0] or t0)


def measure_start(browser: Browser, data: Path, pairs: int) -> dict[str, object]:
    """A fresh server per run: the first visitor pays for what the server does once."""
    servers: dict[str, list[float]] = {"app": [], "baseline": []}
    drawing: dict[str, list[float]] = {"app": [], "baseline": []}

    def run(server: Server, text: str, key: str) -> float:
        server.start()
        try:
            servers[key].append(server.started_in)
            elapsed, drawn = first_screen(browser, server, text)
            drawing[key].append(drawn)
            return elapsed
        finally:
            server.stop()

    result = paired(
        lambda: run(app_server(data), LOCK_TITLE, "app"),
        lambda: run(script_server("hello_app.py"), HELLO, "baseline"),
        pairs,
        alternate=True,
    )
    result["server_start"] = summary(servers["app"], servers["baseline"])
    result["drawing"] = summary(drawing["app"], drawing["baseline"])
    return result


def probe_next(browser: Browser, data: Path, mode: str, out: Path, taps: int) -> None:
    """The app under a probe (bench.app_probe), on while "Volgende" is tapped `taps` times."""
    server = app_server(data, probe=(mode, out)).start()
    try:
        fill_in = AppFill(browser, server)
        fill_in.next()  # warm; then forward only, so every tap is one "Volgende"
        os.kill(server.pid, signal.SIGUSR1)
        for _ in range(taps):
            fill_in.next()
        os.kill(server.pid, signal.SIGUSR2)
        for _ in range(1800):  # at most 30 s of frames
            if out.exists():
                break
            fill_in.person.frames(1)
        fill_in.person.close()
    finally:
        server.stop()


def server_time(browser: Browser, data: Path, out: Path, taps: int) -> dict[str, object]:
    """Unprofiled: how long the server spends on one "Volgende", by event."""
    probe_next(browser, data, "timing", out, taps)
    events = json.loads(out.read_text(encoding="utf-8"))
    by_event: dict[str, float] = {}
    for name, seconds in events:
        by_event[name] = by_event.get(name, 0.0) + seconds * 1000 / taps
    total = sum(by_event.values())
    rounded = {name: round(ms, 1) for name, ms in by_event.items()}
    return {"taps": taps, "ms_per_tap": round(total, 1), "by_event_ms": rounded}


def profile_text(browser: Browser, data: Path, out: Path, taps: int) -> str:
    probe_next(browser, data, "cprofile", out, taps)
    lines: list[str] = []
    for key in ("cumulative", "tottime"):
        report = io.StringIO()
        pstats.Stats(str(out), stream=report).sort_stats(key).print_stats(30)
        lines.append(f"-- {taps} taps on Volgende, sorted by {key}\n{report.getvalue()}")
    return "\n".join(lines)


#: Each figure's line in the table: its name and its target.
FIGURES = {
    "next": ('"Volgende" to the next heading', "<= 2x"),
    "start": ("start to first screen (tab)", "<= 1.1x"),
    "server_start": ("  server process start", "-"),
    "drawing": ("  of the tab: last message to shown", "-"),
}


def table(results: dict[str, dict[str, object]]) -> str:
    rows = [("figure", "app", "baseline", "ratio", "target", "pairs")]
    for key, figure in results.items():
        parts = [(key, figure)]
        for part_name in ("server_start", "drawing"):
            if isinstance(figure.get(part_name), dict):
                parts.append((part_name, figure[part_name]))  # type: ignore[arg-type]
        for name, part in parts:
            rows.append(
                (
                    FIGURES[name][0],
                    f"{part['app_median_ms']} ms",
                    f"{part['baseline_median_ms']} ms",
                    f"{part['ratio_median']}x",
                    FIGURES[name][1],
                    str(figure["pairs"]),
                )
            )
    widths = [max(len(row[i]) for row in rows) for i in range(len(rows[0]))]
    return "\n".join(
        "  ".join(c.ljust(w) for c, w in zip(row, widths, strict=True)) for row in rows
    )


def run(quick: bool, pairs: int | None, out: Path, profile: bool) -> dict[str, object]:
    size = TINY if quick else FIVE_YEARS
    next_pairs = pairs or (1 if quick else 15)
    start_pairs = pairs or (1 if quick else 7)
    with tempfile.TemporaryDirectory() as tmp, sync_playwright() as p:
        # Each part gets its own copy: the draft remembers the screen it was left on.
        parts = ("next", "start", "timing", "profile")
        folders = [seed(Path(tmp) / part, size) for part in parts]
        browser = p.chromium.launch(executable_path=CHROMIUM, args=BROWSER_ARGS)
        try:
            results = {
                "next": measure_next(browser, folders[0], next_pairs, 0 if quick else 2),
                "start": measure_start(browser, folders[1], start_pairs),
            }
            print(table(results))
            report = {
                "machine": f"{platform.platform()}, {os.cpu_count()} CPUs, Python "
                f"{platform.python_version()}, Chromium {browser.version}",
                "data": size.name,
                "quick": quick,
                "figures": results,
            }
            taps = 1 if quick else len(AREAS) - 2
            timing = server_time(browser, folders[2], Path(tmp) / "timing.json", taps)
            print(f"server time per Volgende (unprofiled): {timing}")
            report["server_time_next"] = timing
            if profile:
                report["profile"] = profile_text(browser, folders[3], Path(tmp) / "app.prof", taps)
                print(report["profile"])
        finally:
            browser.close()
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(json.dumps(report, indent=2) + "\n", encoding="utf-8")
    print(f"written: {out}")
    return report


#: The suite's figures: key in the report, name, target ratio.
SUITE = (
    ("start", "start to first screen ÷ hello-world app", 1.1),
    ("next", '"Volgende" to the next heading ÷ two-screen app', 2.0),
)


def figures(quick: bool) -> list[Figure]:
    """The suite's figures (bench/run.py); the report also goes to bench/results/ unless quick."""
    with tempfile.TemporaryDirectory() as tmp:
        out = Path(tmp) / "browser.json" if quick else RESULTS
        report = run(quick, None, out, profile=False)
    results: dict[str, Any] = report["figures"]  # type: ignore[assignment]
    found = []
    for key, name, target in SUITE:
        figure = results[key]
        ratio = float(figure["ratio_median"])
        detail = (
            f"median of {figure['pairs']} pairs; app {figure['app_median_ms']} ms, baseline "
            f"{figure['baseline_median_ms']} ms; {report['data']}"
        )
        if key == "start":
            server, drawing = figure["server_start"], figure["drawing"]
            detail += (
                f"; server start {server['app_median_ms']} / {server['baseline_median_ms']} ms"
                f", last message to shown {drawing['app_median_ms']} / "
                f"{drawing['baseline_median_ms']} ms"
            )
        found.append(
            Figure(
                f"{name}, {report['data']}" if key == "next" else name,
                ratio,
                "×",
                f"≤ {target:g}×",
                None if quick else ratio <= target,
                detail,
            )
        )
    timing: dict[str, Any] = report["server_time_next"]  # type: ignore[assignment]
    found.append(
        Figure(
            'server time per "Volgende"',
            float(timing["ms_per_tap"]),
            "ms",
            "",
            None,
            f"{timing['taps']} taps, by event {timing['by_event_ms']}",
        )
    )
    return found


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--quick", action="store_true", help="tiny data, one pair (a smoke run)")
    parser.add_argument("--pairs", type=int, help="pairs per figure")
    parser.add_argument("--out", type=Path, default=RESULTS, help="where the JSON goes")
    parser.add_argument("--profile", action="store_true", help="cProfile the app's Volgende")
    args = parser.parse_args()
    run(args.quick, args.pairs, args.out, args.profile)


if __name__ == "__main__":
    main()
