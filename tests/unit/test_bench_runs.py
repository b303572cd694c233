"""The benchmark suite's smoke run: every part gives its figures at tiny sizes (no timing here)."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

import bench.run
from tests.e2e.harness import CHROMIUM

MACHINE = {
    "platform",
    "cpus",
    "python",
    "flet",
    "python_speed_ms",
    "load_average_start",
    "load_average_end",
}


def check_report(report: dict[str, object], parts: list[str]) -> None:
    assert report["quick"] is True
    assert isinstance(report["date"], str) and report["date"].startswith("20")
    machine = report["machine"]
    assert isinstance(machine, dict) and set(machine) == MACHINE
    assert len(machine["load_average_start"]) == 3 and machine["cpus"] > 0
    assert machine["python_speed_ms"] > 0  # the fixed workload that tells machines apart
    figures = report["figures"]
    assert isinstance(figures, dict) and list(figures) == parts
    for part in parts:
        assert figures[part], f"{part} gave no figures"
        for figure in figures[part]:
            assert set(figure) == {"name", "value", "unit", "target", "met", "detail"}
            assert figure["met"] is None, figure  # quick mode claims no target
            assert isinstance(figure["value"], float | int) and figure["value"] >= 0, figure
            assert figure["unit"] and figure["name"], figure


def test_quick_run_gives_every_part_but_the_browser_its_figures(tmp_path: Path, capsys):
    parts = [name for name in bench.run.PARTS if name != "browser"]
    out = tmp_path / "latest.json"
    assert bench.run.main(["--quick", "--only", ",".join(parts), "--out", str(out)]) == 0
    report = json.loads(out.read_text(encoding="utf-8"))
    check_report(report, parts)
    names = [f["name"] for f in report["figures"]["storage"]]
    assert "choose a step, tiny, p95" in names
    assert "one durable encrypted save ÷ floor, tiny" in names
    # The table shows every figure.
    printed = capsys.readouterr().out
    assert all(f["name"] in printed for part in parts for f in report["figures"][part])


def test_an_unknown_part_is_refused(tmp_path: Path):
    with pytest.raises(SystemExit):
        bench.run.main(["--quick", "--only", "storage,nonsense", "--out", str(tmp_path / "x")])
    assert not (tmp_path / "x").exists()


@pytest.mark.e2e
@pytest.mark.skipif(
    not os.path.exists(CHROMIUM) and os.environ.get("BRIDGE_REQUIRE_TOOLS") != "1",
    reason=f"Chromium is not installed at {CHROMIUM}",
)
def test_quick_run_of_the_whole_suite(tmp_path: Path):
    out = tmp_path / "latest.json"
    # Its own process, as tests/unit/test_bench_browser.py: Playwright's sync API refuses to
    # start where the e2e tests of the same pytest run keep an event loop running.
    subprocess.run(
        [sys.executable, "-m", "bench.run", "--quick", "--out", str(out)],
        cwd=Path(__file__).resolve().parents[2],
        check=True,
        capture_output=True,
        timeout=600,
    )
    check_report(json.loads(out.read_text(encoding="utf-8")), list(bench.run.PARTS))
