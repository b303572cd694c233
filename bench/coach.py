"""Coach mode at scale: 500 clients with 24 summaries each (a benchmark, not a test).

Run: .venv/bin/python -m bench.coach  (``--quick``: 12 clients x 6 summaries, for the smoke test)

Inputs come from :mod:`bench.coach_inputs` (seeded, made by the app's own code,
cached in the temp folder: the first full run spends a few minutes making them).
The coach's data is encrypted as in the app (bridge.db under a passcode, one
sealed file per client); scrypt runs at a low cost because unlocking is not
what is measured. Wall-clock figures depend on the disk's flush time and on
other work on the machine: the run also prints the CPU time, the load average
and the time one tiny durable write takes here. Measured, server time:

* importing all summaries: the first of each client (NEW_CLIENT, then
  ``add_client``) and every later one, except the last round, in the order they
  were made: round by round over all clients, each round's 500 files given at
  once as the import screen is given picked files (``ahead.prepare``, so worker
  processes open them ahead), then imported in the screen's chunks of 20 (each
  chunk touches 20 different clients, the hard case for grouping writes); the
  workers stay between rounds, as in one long import;
* importing one summary: ``import_one`` for each client's last (largest) summary,
  with every other summary in already: p50 and p95;
* opening the caseload in a fresh process: unlocking (opening bridge.db with its
  500 index records), then ``coach_store()``, ``entries()`` and ``caseload()``,
  with the peak of Python's allocations (tracemalloc) and the process's peak RSS.

Targets (issue 10): caseload <= 100 ms and <= 250 MB; one import <= 20 ms;
all 12,000 <= 60 s.

Figures of 3 December 2026 (2 vCPUs, load about 2), with two worker processes
opening ahead: all 12,000 in 38-43 s wall, 25-29 s CPU in the store's process
(before the client file kept the payload beside its JSON, the workers handed back
only what is filed and opened ahead across chunks: 62-78 s, 47 s CPU); 57 s with
no workers. One import of a 180 KiB summary p50 9 ms, p95 11-12 ms; caseload
33 ms, 37 MB peak RSS of the fresh process (0.5 MB allocated while opening).
``open_summary`` of a 180 KiB summary takes about 3 ms CPU: about 1.0 ms age
decryption, 0.65 ms JSON with the duplicate-key check, 0.85 ms the canonical
bytes the signature covers, 0.55 ms the strict check, 0.2 ms the signature.
Filing it (read the client's file, merge, write) is about 1.5 ms.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
import tracemalloc
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from bench.coach_inputs import FULL, QUICK, Scale, coach_key, inputs
from bench.figure import Figure
from bridge.coach.caseload import caseload
from bridge.coach.identity import RECORD_ID, TABLE, CoachIdentity, identity_to_record
from bridge.coach.store import Verdict
from bridge.crypto.at_rest import ScryptParams
from bridge.storage.atomic_file import write_atomic
from bridge.storage.holder import DataHolder
from bridge.ui.widgets.coach_import_batch import CHUNK as IMPORT_SCREEN_CHUNK

PASSCODE = "246810"
FAST = ScryptParams(log_n=10)
CHUNK = IMPORT_SCREEN_CHUNK  # the import screen gives the store 20 at a time
TARGETS = {
    "caseload_open_ms": 100.0,
    "caseload_peak_mb": 250.0,
    "import_one_p95_ms": 20.0,
    "import_all_s": 60.0,
}


def _ms(seconds: float) -> float:
    return round(seconds * 1000, 2)


def _import_all(folder: Path, paths: list[list[Path]]) -> dict[str, Any]:
    holder = DataHolder(folder, params=FAST)
    repo = holder.set_up(PASSCODE)
    me = CoachIdentity(coach_key(), bytes(range(32)))
    repo.put_record(TABLE, RECORD_ID, identity_to_record(me))
    store = holder.coach_store()
    rounds = len(paths[0])
    busy = 0.0
    cpu = time.process_time()
    # Round 0: every client is new.
    first = [(str(p[0]), p[0].read_bytes()) for p in paths]
    start = time.perf_counter()
    for n, result in enumerate(store.import_many(first)):
        assert result.verdict is Verdict.NEW_CLIENT and result.pending is not None
        store.add_client(result.pending, f"Cliënt {n:03d}")
    busy += time.perf_counter() - start
    opener = store.ahead.opener  # started for the first round (a big batch)
    # Later rounds but the last, in the order they were made: a round's files picked at once
    # (as the import screen is given them), then imported in the screen's chunks.
    for k in range(1, rounds - 1):
        picked = [(str(p[k]), p[k].read_bytes()) for p in paths]
        start = time.perf_counter()
        store.ahead.prepare([data for _, data in picked])  # as the import screen does
        for at in range(0, len(picked), CHUNK):
            results = store.import_many(picked[at : at + CHUNK])
            assert all(r.verdict is Verdict.ADDED for r in results), results[0]
        busy += time.perf_counter() - start
    # The last round one by one.
    singles, single_cpu = [], []
    for p in paths:
        data = p[-1].read_bytes()
        start, start_cpu = time.perf_counter(), time.process_time()
        result = store.import_one(data, str(p[-1]))
        singles.append(time.perf_counter() - start)
        single_cpu.append(time.process_time() - start_cpu)
        assert result.verdict is Verdict.ADDED, result
    busy += sum(singles)
    cpu = time.process_time() - cpu
    entries = store.entries()
    assert len(entries) == len(paths) and all(e.summaries == rounds for e in entries)
    workers = 0 if opener is None else opener.workers
    from_workers = 0 if opener is None else opener.from_workers
    holder.close()
    singles.sort()
    single_cpu.sort()
    return {
        "imports": len(paths) * rounds,
        "import_all_s": round(busy, 2),
        "import_all_cpu_s": round(cpu, 2),
        "import_one_p50_ms": _ms(statistics.median(singles)),
        "import_one_p95_ms": _ms(singles[int(0.95 * (len(singles) - 1))]),
        "import_one_cpu_p50_ms": _ms(statistics.median(single_cpu)),
        "largest_summary_kib": round(max(p[-1].stat().st_size for p in paths) / 1024, 1),
        "workers": workers,
        "opened_by_workers": from_workers,
    }


def _peak_rss_kib() -> int:
    """This process's peak resident memory. On Linux from /proc (``VmHWM``): ``ru_maxrss``
    of a process started by another also counts the starting process's peak (the kernel
    keeps it across exec), which made a fresh process look as big as the benchmark."""
    try:
        for line in Path("/proc/self/status").read_text().splitlines():
            if line.startswith("VmHWM:"):
                return int(line.split()[1])
    except (OSError, ValueError, IndexError):
        pass
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss  # KiB on Linux


def open_caseload(folder: Path) -> dict[str, Any]:
    """In a fresh process: unlock, then open the caseload (what the coach waits for)."""
    holder = DataHolder(folder, params=FAST)
    start = time.perf_counter()
    holder.unlock(PASSCODE)
    unlocked = time.perf_counter() - start
    tracemalloc.start()
    start = time.perf_counter()
    store = holder.coach_store()
    rows = caseload(
        store.entries(), today=datetime.now(UTC).date(), weeks=store.weeks_without_update()
    )
    opened = time.perf_counter() - start
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    start = time.perf_counter()
    found = caseload(store.entries(), today=datetime.now(UTC).date(), weeks=4, search="CLIENT 001")
    searched = time.perf_counter() - start
    rss = _peak_rss_kib()
    holder.close()
    return {
        "clients": len(rows),
        "found": len(found),
        "unlock_ms": _ms(unlocked),
        "caseload_open_ms": _ms(opened),
        "caseload_search_ms": _ms(searched),
        "caseload_traced_peak_mb": round(peak / 2**20, 2),
        "caseload_peak_mb": round(rss / 1024, 1),
    }


def _flush_floor(folder: Path, repeat: int = 20) -> float:
    """The median time to replace a tiny file durably here: the disk's share of a save."""
    folder.mkdir(parents=True, exist_ok=True)
    times = []
    for n in range(repeat):
        start = time.perf_counter()
        write_atomic(folder / "flush-probe", bytes([n]))
        times.append(time.perf_counter() - start)
    (folder / "flush-probe").unlink()
    return _ms(statistics.median(times))


def _disk(folder: Path) -> float:
    return round(sum(p.stat().st_size for p in folder.rglob("*") if p.is_file()) / 2**20, 1)


def run(scale: Scale, cache: Path | None = None) -> dict[str, Any]:
    start = time.perf_counter()
    paths = inputs(scale, cache=cache)
    made = time.perf_counter() - start
    work = Path(tempfile.mkdtemp(prefix="bridge-bench-coach-"))
    try:
        folder = work / "data"
        figures: dict[str, Any] = {"scale": scale.name, "inputs_s": round(made, 1)}
        figures["load_average"] = round(os.getloadavg()[0], 1)
        figures["cpus"] = os.cpu_count()
        figures["durable_write_floor_ms"] = _flush_floor(work / "probe")
        figures.update(_import_all(folder, paths))
        figures["load_average_after"] = round(os.getloadavg()[0], 1)
        figures["disk_mb"] = _disk(folder)
        out = subprocess.run(
            [sys.executable, "-m", "bench.coach", "--open-caseload", str(folder)],
            check=True,
            capture_output=True,
            text=True,
            cwd=Path(__file__).resolve().parent.parent,
        )
        figures.update(json.loads(out.stdout.strip().splitlines()[-1]))
    finally:
        shutil.rmtree(work, ignore_errors=True)
    return figures


#: The suite's figures: (key in run()'s result, name, unit).
FIGURES = (
    ("caseload_open_ms", "open the caseload, {clients} clients", "ms"),
    ("caseload_peak_mb", "open the caseload, {clients} clients, peak memory (RSS)", "MB"),
    ("import_one_p95_ms", "import one summary, p95", "ms"),
    ("import_all_s", "import all {imports:,} summaries", "s"),
)


def figures(quick: bool, cache: Path | None = None) -> list[Figure]:
    """The suite's figures (bench/run.py): in quick mode 12 clients x 6 summaries, met None."""
    scale = QUICK if quick else FULL
    found = run(scale, cache)
    context = (
        f"{scale.clients} clients × {scale.summaries} summaries; load {found['load_average']}"
        f" → {found['load_average_after']}; tiny durable write {found['durable_write_floor_ms']}"
        " ms"
    )
    details = {
        "caseload_open_ms": f"unlock {found['unlock_ms']} ms before it; search "
        f"{found['caseload_search_ms']} ms; {found['caseload_traced_peak_mb']} MB allocated",
        "import_one_p95_ms": f"p50 {found['import_one_p50_ms']} ms, CPU p50 "
        f"{found['import_one_cpu_p50_ms']} ms; largest summary {found['largest_summary_kib']} KiB",
        "import_all_s": (
            f"{found['imports']} imports; CPU {found['import_all_cpu_s']} s (this process); "
            f"{found['opened_by_workers']} opened by {found['workers']} worker processes"
        ),
        "caseload_peak_mb": "",
    }
    return [
        Figure(
            name.format(clients=found["clients"], imports=found["imports"]),
            float(found[key]),
            unit,
            f"≤ {TARGETS[key]:g} {unit}",
            None if quick else found[key] <= TARGETS[key],
            "; ".join(part for part in (details[key], context) if part),
        )
        for key, name, unit in FIGURES
    ]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="12 clients x 6 summaries")
    parser.add_argument("--cache", type=Path, help="where the made inputs are kept (temp folder)")
    parser.add_argument("--open-caseload", type=Path, help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.open_caseload is not None:
        print(json.dumps(open_caseload(args.open_caseload)))
        return 0
    scale = QUICK if args.quick else FULL
    figures = run(scale, args.cache)
    for name, value in figures.items():
        target = TARGETS.get(name)
        verdict = (
            ""
            if target is None or scale is QUICK
            else ("  ok" if value <= target else f"  MISSED (target {target})")
        )
        print(f"{name:28} {value}{verdict}")
    print(json.dumps(figures))
    return 0


if __name__ == "__main__":
    os.environ.setdefault("PYTHONHASHSEED", "0")
    sys.exit(main())
