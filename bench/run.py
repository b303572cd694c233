"""The whole benchmark suite in one command: one table, and the figures as JSON.

Run: .venv/bin/python -m bench.run [--quick] [--only NAME[,NAME]] [--out FILE]

Parts (``--only`` takes their names): storage (2-year, 5-year and heavy clients: choose a
step, save a check-in, home data, a durable save against its floor), seal (build, sign and
seal a summary), unlock (scrypt), coach (500 clients × 24 summaries), browser (start and
"Volgende" in headless Chromium, each against a plain Flet app), age (encrypt and decrypt
64 MiB against the reference ``age`` tool, bench/age_speed.py). Each part's module has a
``figures(quick)`` function returning bench.figure.Figure rows. A figure with a
baseline is a ratio against it, measured in the same run pair by pair; the others are
times against a fixed budget. ``--quick`` runs every part at tiny sizes, as the smoke test
does (tests/unit/test_bench_runs.py): then no figure claims a target (``met`` is None).

The JSON (default bench/latest.json, committed) holds every figure and the machine it came
from: platform, CPUs, the load average at the start and the end, Python and Flet versions,
the CPU time of one fixed pure-Python workload (to compare machines), the date. The full
run takes a few minutes: the coach's inputs are made once and then cached in the temp
folder, and the browser part starts many servers and tabs.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import sys
import time
from collections.abc import Callable, Sequence
from datetime import UTC, datetime
from importlib import metadata
from pathlib import Path

from bench import age_speed, browser, coach, seal, storage, unlock
from bench.figure import Figure

LATEST = Path(__file__).resolve().parent / "latest.json"

PARTS: dict[str, Callable[[bool], list[Figure]]] = {
    "storage": storage.figures,
    "seal": seal.figures,
    "unlock": unlock.figures,
    "coach": coach.figures,
    "browser": browser.figures,
    "age": age_speed.figures,
}


def machine() -> dict[str, object]:
    return {
        "platform": platform.platform(),
        "cpus": os.cpu_count(),
        "python": platform.python_version(),
        "flet": metadata.version("flet"),
        "python_speed_ms": python_speed_ms(),
    }


def python_speed_ms() -> float:
    """CPU time of one fixed pure-Python workload (JSON, dicts, sorting), median of 5.

    The project's machines differ: the same code ran 1.5-2x slower on one than on another.
    Comparing this figure between two runs' JSON tells a slower machine from slower code.
    """
    doc = [
        {"id": f"r{i:05d}", "steps": {f"a{j}": (i * j) % 5 + 1 for j in range(8)}}
        for i in range(2000)
    ]
    times = []
    for _ in range(5):
        start = time.process_time()
        for _ in range(5):
            back = json.loads(json.dumps(doc, sort_keys=True))
            back.sort(key=lambda r: (sum(r["steps"].values()), r["id"]))
        times.append(time.process_time() - start)
    return round(sorted(times)[2] * 1000, 1)


def load() -> list[float]:
    return [round(x, 2) for x in os.getloadavg()]


def _met(figure: Figure) -> str:
    return {None: "-", True: "yes", False: "NO"}[figure.met]


def table(figures: Sequence[tuple[str, Figure]]) -> str:
    rows = [("part", "figure", "value", "target", "met")]
    for part, f in figures:
        rows.append((part, f.name, f"{f.value:g} {f.unit}", f.target or "-", _met(f)))
    widths = [max(len(row[i]) for row in rows) for i in range(len(rows[0]))]
    return "\n".join(
        "  ".join(cell.ljust(width) for cell, width in zip(row, widths, strict=True)).rstrip()
        for row in rows
    )


def parse(argv: Sequence[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--quick", action="store_true", help="tiny sizes, no targets (smoke)")
    parser.add_argument("--only", help=f"parts to run, comma-separated: {','.join(PARTS)}")
    parser.add_argument("--out", type=Path, default=LATEST, help="where the JSON goes")
    args = parser.parse_args(argv)
    names = list(PARTS) if args.only is None else [n.strip() for n in args.only.split(",")]
    unknown = [n for n in names if n not in PARTS]
    if unknown or not names:
        parser.error(f"unknown part(s) {unknown}; the parts are {', '.join(PARTS)}")
    args.parts = names
    return args


def run(parts: Sequence[str], quick: bool) -> tuple[list[tuple[str, Figure]], dict[str, object]]:
    """Each part's figures (part name, figure), and the report the JSON holds."""
    started = datetime.now(UTC)
    load_start = load()
    found: list[tuple[str, Figure]] = []
    seconds: dict[str, float] = {}
    for name in parts:
        print(f"== {name}", file=sys.stderr, flush=True)
        start = time.perf_counter()
        found += [(name, figure) for figure in PARTS[name](quick)]
        seconds[name] = round(time.perf_counter() - start, 1)
    return found, {
        "date": started.isoformat(timespec="seconds"),
        "quick": quick,
        "machine": {**machine(), "load_average_start": load_start, "load_average_end": load()},
        "seconds_per_part": seconds,
        "figures": {name: [f.as_json() for p, f in found if p == name] for name in parts},
    }


def main(argv: Sequence[str] | None = None) -> int:
    args = parse(argv)
    found, report = run(args.parts, args.quick)
    print(table(found))
    print(f"machine: {report['machine']}")
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(json.dumps(report, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    print(f"written: {args.out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
