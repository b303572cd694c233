"""Speed and memory of the things a person waits for. Run: .venv/bin/python -m bench.run

Targets (for a cheap phone, which is roughly 5-10x slower than this machine):
- saving one answer: under 20 ms here with two years of monthly bridges;
- opening the data at start: under 200 ms here with two years of data;
- loading content and screen texts: under 50 ms here.
"""

from __future__ import annotations

import statistics
import tempfile
import time
import tracemalloc
from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from pathlib import Path

from bridge.content import load_bridge
from bridge.crypto import X25519Identity
from bridge.domain.assessment import Assessment
from bridge.i18n import Translator, load_catalog
from bridge.sharing import SummaryChoices, build_summary, client_identity, seal_summary
from bridge.storage.holder import DataHolder
from bridge.storage.repository import open_repository

AREAS = load_bridge().area_ids
T0 = datetime(2024, 1, 1, tzinfo=UTC)


def timed(fn: Callable[[], object], repeat: int = 20) -> tuple[float, float]:
    """Median and worst time in milliseconds."""
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        fn()
        times.append((time.perf_counter() - start) * 1000)
    return statistics.median(times), max(times)


def snapshot(n: int) -> Assessment:
    a = Assessment.start(AREAS, T0 + timedelta(days=30 * n)).with_stress(n % 11)
    for i, area in enumerate(AREAS):
        a = a.with_step(area, (n + i) % 5 + 1).with_note(area, "Een notitie van een paar woorden.")
    return a.complete(T0 + timedelta(days=30 * n, minutes=10))


def with_history(folder: Path, count: int) -> None:
    repo = open_repository(folder)
    for n in range(count):
        repo.save_assessment(snapshot(n))
    repo.close()


def ms(fn: Callable[[], object], repeat: int = 20) -> str:
    median, worst = timed(fn, repeat)
    return f"{median:.1f} ms (worst {worst:.1f} ms)"


def measure_history(count: int) -> list[tuple[str, str]]:
    rows = []
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        with_history(folder, count)
        rows.append(
            (f"open data, {count} bridges", ms(lambda: open_repository(folder).close(), 10))
        )
        repo = open_repository(folder)
        draft = Assessment.start(AREAS, T0)
        steps = iter(range(10**6))

        def save_one() -> None:
            repo.save_assessment(draft.with_step("housing", next(steps) % 5 + 1))

        rows.append((f"save one answer, {count} bridges", ms(save_one)))
        rows.append(
            (f"home screen data, {count} bridges", ms(lambda: (repo.latest(), repo.draft())))
        )
        repo.close()
        tracemalloc.start()
        opened = open_repository(folder)
        opened.snapshots()
        _, peak = tracemalloc.get_traced_memory()
        tracemalloc.stop()
        opened.close()
        size = (folder / "bridge.db").stat().st_size
        rows.append(
            (
                f"memory to open, {count} bridges",
                f"{peak / 1024:.0f} KiB peak, file {size / 1024:.0f} KiB",
            )
        )
    return rows


def measure_encrypted(count: int) -> list[tuple[str, str]]:
    """The same with the data sealed under a passcode, as the app keeps it."""
    rows = []
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        holder = DataHolder(folder)
        repo = holder.set_up("246810")
        for n in range(count):
            repo.save_assessment(snapshot(n))
        holder.close()

        def unlock() -> None:
            fresh = DataHolder(folder)
            fresh.unlock("246810")
            fresh.close()

        rows.append((f"unlock (scrypt) + open, {count} bridges", ms(unlock, 5)))
        holder = DataHolder(folder)
        repo = holder.unlock("246810")
        draft = Assessment.start(AREAS, T0)
        steps = iter(range(10**6))
        rows.append(
            (
                f"save one answer, encrypted, {count} bridges",
                ms(lambda: repo.save_assessment(draft.with_step("housing", next(steps) % 5 + 1))),
            )
        )
        identity = client_identity(repo)
        coach = X25519Identity.generate().recipient
        translator = Translator(load_catalog(), "nl")
        content = load_bridge()

        def share() -> None:
            summary = build_summary(
                repo.snapshots(), [], SummaryChoices(), content, translator, identity.client_id, T0
            )
            seal_summary(summary, identity, coach)

        rows.append((f"build + sign + seal summary, {count} bridges", ms(share, 10)))
        holder.close()
    return rows


def main() -> None:
    rows = [("load content + texts", ms(lambda: (load_bridge(), load_catalog()), 10))]
    for count in (24, 120):
        rows.extend(measure_history(count))
    rows.extend(measure_encrypted(24))
    width = max(len(name) for name, _ in rows)
    for name, value in rows:
        print(f"{name:<{width}}  {value}")


if __name__ == "__main__":
    main()
