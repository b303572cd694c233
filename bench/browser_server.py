"""The web app processes the browser benchmark drives: Bridge itself (python main.py, on a
seeded client's sealed data) and the plain Flet baselines, each on a free port."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
import urllib.request
from pathlib import Path
from typing import IO

from bench.storage import PASSCODE, Size, fill
from bridge.storage.holder import DataHolder
from tests.e2e.harness import free_port

ROOT = Path(__file__).resolve().parents[1]
LOGS = ROOT / "test-artifacts" / "bench"


class Server:
    """One web app process (python main.py or a baseline script) on a free port."""

    def __init__(self, command: list[str], env: dict[str, str] | None = None) -> None:
        self.port = free_port()
        self.command = command
        flet = {"FLET_SERVER_PORT": str(self.port), "FLET_FORCE_WEB_SERVER": "true"}
        self.env = {**os.environ, **(env or {}), **flet, "FLET_WEB_NO_CDN": "true"}
        self.proc: subprocess.Popen[bytes] | None = None
        self.started_in = 0.0  # seconds from process start to the first HTTP 200

    @property
    def pid(self) -> int:
        if self.proc is None:
            raise RuntimeError("not started")
        return self.proc.pid

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}/"

    def log(self) -> IO[bytes]:
        LOGS.mkdir(parents=True, exist_ok=True)
        return open(LOGS / f"server-{self.port}.log", "wb")

    def start(self) -> Server:
        t0 = time.perf_counter()
        self.proc = subprocess.Popen(
            self.command,
            cwd=ROOT,
            env=self.env,
            stdout=self.log(),
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            if self.proc.poll() is not None:
                raise RuntimeError(f"{self.command} stopped at start; see {LOGS}")
            try:
                with urllib.request.urlopen(self.url, timeout=1) as response:
                    if response.status == 200:
                        self.started_in = time.perf_counter() - t0
                        return self
            except OSError:
                pass
            time.sleep(0.01)  # a poll interval, bounded by the deadline
        raise RuntimeError(f"{self.command} did not answer within 60 s")

    def stop(self) -> None:
        if self.proc is None or self.proc.poll() is not None:
            return
        os.killpg(self.proc.pid, signal.SIGTERM)
        try:
            self.proc.wait(timeout=20)
        except subprocess.TimeoutExpired:
            os.killpg(self.proc.pid, signal.SIGKILL)
            self.proc.wait(timeout=10)


def app_server(data: Path, probe: tuple[str, Path] | None = None) -> Server:
    """python main.py; with a probe, main.py under bench.app_probe (cprofile or timing)."""
    command = [sys.executable, str(ROOT / "main.py")]
    if probe is not None:
        command = [sys.executable, "-m", "bench.app_probe", probe[0], str(probe[1])]
    return Server(command, {"BRIDGE_DATA_DIR": str(data)})


def script_server(name: str) -> Server:
    return Server([sys.executable, str(ROOT / "bench" / name)])


def seed(folder: Path, size: Size) -> Path:
    """A client's data, sealed under the passcode as the app keeps it."""
    data = folder / "data"
    holder = DataHolder(data)
    fill(holder.set_up(PASSCODE), size)
    holder.close()
    return data
