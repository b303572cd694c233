"""Build, sign and seal a summary, as the share screen does, at 5-year and heavy data.

Run: .venv/bin/python -m bench.seal  (``--quick``: tiny data, two runs)

What is timed is what the client waits for after "Versturen": the goals as the summary takes
them, ``build_summary`` (payload, readable text, the size check, the strict check) and
``seal_summary`` (the signature and age encryption to the coach), from the data held in
memory (encrypted at rest, from bench.storage's seeded generator). Target (issue 12): at
5-year data <= 20 ms (99 ms before the issue). The heavy client has no target; its summary
is thinned to fit the sealed budget.
"""

from __future__ import annotations

import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path

from bench.figure import Figure
from bench.storage import FIVE_YEARS, HEAVY, PASSCODE, TINY, Size, fill, percentiles
from bridge.content import load_bridge
from bridge.crypto import X25519Identity
from bridge.crypto.at_rest import ScryptParams
from bridge.i18n import Translator, load_catalog
from bridge.sharing import SummaryChoices, build_summary, client_identity
from bridge.sharing.envelope import seal_summary
from bridge.sharing.goal_input import goal_inputs
from bridge.storage import goals_store
from bridge.storage.holder import DataHolder
from bridge.storage.repository import Repository

#: Unlocking is not what is measured here (bench.unlock is).
FAST = ScryptParams(log_n=10)
NOW = datetime(2026, 1, 5, 10, 0, tzinfo=UTC)
TARGET_MS = {FIVE_YEARS.name: 20.0}


def share(repo: Repository, coach: X25519Identity) -> Callable[[], bytes]:
    """The share screen's work (bridge/ui/screens/share.py), as one call."""
    content = load_bridge()
    t = Translator(load_catalog(), "nl")
    choices = SummaryChoices()

    def run() -> bytes:
        me = client_identity(repo)
        goals = goal_inputs(goals_store.goals(repo), lambda a: t.pick(content.area(a).name))
        summary = build_summary(
            repo.snapshots(),
            goals,
            choices,
            content,
            t,
            me.client_id,
            NOW,
            client_recipient=me.recipient.to_string(),
        )
        return seal_summary(summary, me, coach.recipient)

    return run


def measure(size: Size, repeat: int) -> tuple[list[float], int]:
    """Seconds of each run, and the sealed size in bytes."""
    with tempfile.TemporaryDirectory() as tmp:
        holder = DataHolder(Path(tmp) / "data", params=FAST)
        repo = holder.set_up(PASSCODE)
        fill(repo, size)
        run = share(repo, X25519Identity.generate())
        sealed = len(run())  # warm: the first run parses the records
        times = []
        for _ in range(repeat):
            start = time.perf_counter()
            run()
            times.append(time.perf_counter() - start)
        holder.close()
    return times, sealed


def figures(quick: bool) -> list[Figure]:
    found = []
    for size in [TINY] if quick else [FIVE_YEARS, HEAVY]:
        times, sealed = measure(size, 2 if quick else 30)
        median = statistics.median(times) * 1000
        _, p95 = percentiles(times)
        target = TARGET_MS.get(size.name)
        found.append(
            Figure(
                f"build, sign and seal a summary, {size.name}",
                round(median, 1),
                "ms",
                f"≤ {target:g} ms" if target else "",
                None if quick or target is None else median <= target,
                f"median of {len(times)} runs, p95 {p95:.1f} ms, fastest "
                f"{min(times) * 1000:.1f} ms; sealed {sealed / 1024:.0f} KiB (armored)",
            )
        )
    return found


def main() -> None:
    for figure in figures("--quick" in sys.argv):
        print(f"{figure.name:48} {figure.value} {figure.unit}  {figure.target}  {figure.detail}")


if __name__ == "__main__":
    main()
