"""Crash safety: a writer killed with SIGKILL at random moments, 200 times, loses nothing it
acknowledged, and the encrypted database always opens.

The writer (tests/storage/crash_writer.py) saves records in a loop through an encrypted
repository and reports each record id only after the save returned. After each kill the
test opens the database like the app would (unlock, open) and checks every acknowledged
record is there. scrypt runs at N = 2**10 here (the cost is a header field, the format is
the same). Set BRIDGE_CRASH_SEED to repeat a run's random delays.
"""

from __future__ import annotations

import os
import random
import signal
import subprocess
import sys
import threading
import time
from collections import Counter
from pathlib import Path

import pytest

from bridge.crypto.at_rest import ScryptParams
from bridge.storage.encrypted import create, unlock
from bridge.storage.repository import open_repository

from .crash_writer import WORD
from .helpers import PASSCODE, files_containing

ROOT = Path(__file__).resolve().parents[2]
ROUNDS = 200


@pytest.mark.skipif(not hasattr(os, "fork"), reason="the crash test forks its writers (POSIX)")
def test_killed_writer_never_loses_an_acknowledged_record(tmp_path: Path) -> None:
    seed = int(os.environ.get("BRIDGE_CRASH_SEED") or time.time_ns() % 2**32)
    rng = random.Random(seed)
    folder = tmp_path / "data"
    create(folder, PASSCODE, params=ScryptParams(log_n=10))
    errors = tmp_path / "writer-stderr.txt"
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    with open(errors, "wb") as stderr:
        proc = subprocess.Popen(
            [sys.executable, "-m", "tests.storage.crash_writer", str(folder), PASSCODE],
            cwd=ROOT,
            env=env,
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=stderr,
        )
    assert proc.stdin is not None and proc.stdout is not None
    watchdog = threading.Timer(150, proc.kill)  # a hang fails the test instead of blocking CI
    watchdog.start()

    def read() -> list[str]:
        line = proc.stdout.readline().decode("ascii")  # type: ignore[union-attr]
        assert line, f"the writer stopped (seed {seed}): {errors.read_text()}"
        return line.split()

    acknowledged: set[str] = set()
    per_round: Counter[int] = Counter()
    try:
        assert read() == ["ready"]
        for round_no in range(ROUNDS):
            proc.stdin.write(f"go {round_no}\n".encode())
            proc.stdin.flush()
            pid = None
            while pid is None:
                kind, *rest = read()
                if kind == "ack":
                    acknowledged.add(rest[1])
                    per_round[round_no] += 1
                else:
                    assert kind == "pid", (kind, rest)
                    pid = int(rest[1])
            time.sleep(rng.uniform(0.005, 0.060))
            os.kill(pid, signal.SIGKILL)
            while True:
                kind, *rest = read()
                if kind == "ack":
                    acknowledged.add(rest[1])
                    per_round[round_no] += 1
                    continue
                assert kind == "done", (kind, rest)
                status = int(rest[1])
                break
            assert os.WIFSIGNALED(status) and os.WTERMSIG(status) == signal.SIGKILL, (
                f"round {round_no}: the writer failed before the kill (seed {seed}): "
                f"{errors.read_text()}"
            )

            repo = open_repository(folder, unlock(folder, PASSCODE))
            stored = {r["id"] for r in repo.records("crash")}
            repo.close()
            missing = acknowledged - stored
            assert not missing, f"round {round_no} lost {sorted(missing)} (seed {seed})"
            # At most one save per round may have landed without its acknowledgement.
            unacked = {i for i in stored - acknowledged if i.startswith(f"{round_no}-")}
            assert len(unacked) <= 1, (round_no, unacked)
    finally:
        watchdog.cancel()
        proc.stdin.close()
        proc.wait(timeout=10)

    # The test is only worth something if most kills hit a writer that was saving.
    assert sum(1 for r in range(ROUNDS) if per_round[r]) >= ROUNDS // 2, per_round
    # Temp files of killed saves are left behind: they, too, hold only ciphertext.
    assert files_containing(folder, (WORD,)) == {}
    print(
        f"seed {seed}: {len(acknowledged)} acknowledged saves, "
        f"{sum(1 for r in range(ROUNDS) if not per_round[r])} kills before the first save, "
        f"{sum(1 for p in folder.iterdir() if p.name.endswith('.tmp'))} temp leftovers"
    )
