"""The coach benchmark runs end to end in its quick mode (no test asserts a time)."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path


def test_quick_run_imports_everything_and_opens_the_caseload(tmp_path: Path) -> None:
    done = subprocess.run(
        [sys.executable, "-m", "bench.coach", "--quick", "--cache", str(tmp_path)],
        cwd=Path(__file__).resolve().parents[2],
        check=True,
        capture_output=True,
        text=True,
        timeout=300,
    )
    figures = json.loads(done.stdout.strip().splitlines()[-1])
    assert figures["imports"] == 12 * 6
    assert figures["clients"] == 12
    for name in ("import_all_s", "import_one_p50_ms", "import_one_p95_ms", "caseload_open_ms"):
        assert figures[name] > 0
    assert figures["caseload_peak_mb"] > 0
    assert figures["found"] == 1  # the search ran over the opened caseload
