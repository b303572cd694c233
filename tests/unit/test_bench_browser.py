"""The browser benchmark runs end to end in its quick mode (no test asserts a time)."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from tests.e2e.harness import CHROMIUM

# As in tests/crypto/test_age_interop.py: tests/run.sh sets BRIDGE_REQUIRE_TOOLS=1, and there a
# missing Chromium is a failure, not a quiet skip.
if not os.path.exists(CHROMIUM):
    if os.environ.get("BRIDGE_REQUIRE_TOOLS") == "1":
        raise RuntimeError(f"Chromium is not installed at {CHROMIUM} (apt-get install chromium)")
    pytestmark = pytest.mark.skip(reason=f"Chromium is not installed at {CHROMIUM}")


@pytest.mark.e2e
def test_quick_run_measures_both_figures_against_their_baselines(tmp_path: Path):
    out = tmp_path / "browser.json"
    # Its own process: Playwright's sync API refuses to start where the e2e tests of the same
    # pytest run already keep an event loop running.
    subprocess.run(
        [sys.executable, "-m", "bench.browser", "--quick", "--out", str(out)],
        cwd=Path(__file__).resolve().parents[2],
        check=True,
        timeout=600,
    )
    report = json.loads(out.read_text(encoding="utf-8"))
    assert report["quick"] is True
    assert set(report["figures"]) == {"next", "start"}
    for figure in report["figures"].values():
        assert figure["pairs"] == 1
        assert len(figure["app_ms"]) == len(figure["baseline_ms"]) == 1
        assert figure["app_median_ms"] > 0 and figure["baseline_median_ms"] > 0
        assert figure["ratio_median"] > 0
    assert report["figures"]["start"]["server_start"]["baseline_median_ms"] > 0
    # The probe saw the taps' events on the server: the click and the route change.
    server = report["server_time_next"]
    assert server["taps"] == 1 and server["ms_per_tap"] > 0
    assert {"click", "route_change"} <= set(server["by_event_ms"])
