"""Runs the real app (python main.py, offline web mode) and drives it in headless Chromium."""

from __future__ import annotations

import os
import re
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

from playwright.sync_api import Browser, Locator, Page, expect

ROOT = Path(__file__).resolve().parents[2]
ARTIFACTS = ROOT / "test-artifacts"
CHROMIUM = os.environ.get("BRIDGE_CHROMIUM", "/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
PHONE = {
    "viewport": {"width": 390, "height": 844},
    "device_scale_factor": 2,
    "is_mobile": True,
    "has_touch": True,
}
LAPTOP = {"viewport": {"width": 1280, "height": 800}}


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


class AppServer:
    """The app as a person starts it, with its data in a folder of the test's."""

    def __init__(self, data_dir: Path, log_dir: Path) -> None:
        self.data_dir = data_dir
        self.log_dir = log_dir
        self.port = free_port()
        self.proc: subprocess.Popen[bytes] | None = None

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}/"

    def start(self) -> AppServer:
        env = {
            **os.environ,
            "BRIDGE_DATA_DIR": str(self.data_dir),
            "FLET_SERVER_PORT": str(self.port),
            "FLET_FORCE_WEB_SERVER": "true",
            "FLET_WEB_NO_CDN": "true",
        }
        self.log_dir.mkdir(parents=True, exist_ok=True)
        log = open(self.log_dir / f"server-{self.port}.log", "ab")  # noqa: SIM115
        self.proc = subprocess.Popen(
            [sys.executable, str(ROOT / "main.py")],
            cwd=ROOT,
            env=env,
            stdout=log,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
        deadline = time.monotonic() + 30
        while time.monotonic() < deadline:
            if self.proc.poll() is not None:
                raise RuntimeError(f"the app stopped at start; see {log.name}")
            try:
                with urllib.request.urlopen(self.url, timeout=1) as response:
                    if response.status == 200:
                        return self
            except OSError:
                time.sleep(0.2)
        raise RuntimeError("the app did not answer within 30 s")

    def stop(self) -> None:
        if self.proc is None or self.proc.poll() is not None:
            return
        os.killpg(self.proc.pid, signal.SIGTERM)
        try:
            self.proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            os.killpg(self.proc.pid, signal.SIGKILL)
            self.proc.wait(timeout=10)


def activate(target: Locator) -> None:
    """Taps a control through Flutter's accessibility tree, as a screen reader does.

    A pointer click at coordinates is not used: when the element first has to be
    scrolled into view, Flutter's canvas scrolls a frame later than the DOM, and the
    click lands on whatever was drawn there before (seen here: the next step card).
    """
    target.wait_for(state="attached")
    target.evaluate("el => el.click()")


class Person:
    """Uses the app the way a person does: by what is written on the screen."""

    def __init__(self, browser: Browser, server: AppServer, shots: Path, device: dict) -> None:
        self.context = browser.new_context(**device)
        self.page: Page = self.context.new_page()
        self.server = server
        self.shots = shots
        self.count = 0

    def open(self, path: str = "") -> Person:
        self.page.goto(self.server.url + path.lstrip("/"))
        placeholder = self.page.locator("flt-semantics-placeholder")
        placeholder.wait_for(state="attached", timeout=30_000)
        placeholder.evaluate("el => el.click()")  # turns on Flutter's accessibility tree
        return self

    def button(self, name: str | re.Pattern[str], exact: bool = True) -> Locator:
        return self.page.get_by_role("button", name=name, exact=exact)

    def tap(self, name: str | re.Pattern[str], exact: bool = True) -> None:
        activate(self.button(name, exact).first)

    def tab(self, name: str) -> None:
        """The bottom navigation: Flutter web exposes its items as tabs."""
        activate(self.page.get_by_role("tab", name=name))

    def chip(self, name: str) -> None:
        """A choice chip (Flutter web exposes it as a checkbox)."""
        activate(self.page.get_by_role("checkbox", name=name))

    def toggle(self, name: str) -> None:
        activate(self.switch(name))

    def switch(self, name: str) -> Locator:
        return self.page.get_by_role("switch", name=name)

    def text(self, text: str | re.Pattern[str]) -> Locator:
        return self.page.locator("flt-semantics").get_by_text(text)

    def see(self, text: str | re.Pattern[str], timeout: float = 10_000) -> None:
        expect(self.text(text).first).to_be_visible(timeout=timeout)

    def see_button(self, name: str, timeout: float = 10_000) -> None:
        expect(self.button(name).first).to_be_attached(timeout=timeout)

    def focus(self, box: Locator) -> None:
        """Taps a text field until it really has the focus: typing before that loses keys."""
        for _ in range(3):
            activate(box)
            try:
                box.evaluate(
                    """el => new Promise((resolve, reject) => {
                        const t0 = Date.now();
                        const check = () => document.activeElement === el ? resolve(true)
                            : Date.now() - t0 > 2000 ? reject(new Error("no focus"))
                            : requestAnimationFrame(check);
                        check();
                    })"""
                )
            except Exception:  # not focused yet (a reconnect, a frame late): tap again
                continue
            self.page.wait_for_timeout(250)  # one more frame before it takes keys
            return
        raise AssertionError("the text field did not take the focus")

    def type_into(self, label: str, text: str) -> None:
        box = self.page.get_by_role("textbox", name=label)
        for _ in range(2):
            self.focus(box)
            before = box.input_value()
            self.page.keyboard.type(text)
            typed = box.input_value()
            if typed == before + text:
                break
            # Seen right after a reload: Flutter web drops the focus once while it settles,
            # and the keys go nowhere. Take out what did arrive and type once more.
            self.focus(box)
            box.fill(before)
        else:
            raise AssertionError(f"typing into {label!r} gave {typed!r}, not ...{text!r}")
        # Done typing: close the keyboard, as a person does before tapping on. While the
        # text input keeps focus, Flutter web ignores the next accessibility tap.
        self.page.evaluate("document.activeElement?.blur()")
        self.page.wait_for_timeout(200)

    def clear(self, label: str) -> None:
        """Empties a text field the way a person does: select all, delete."""
        box = self.page.get_by_role("textbox", name=label)
        self.focus(box)
        self.page.keyboard.press("Control+A")
        self.page.keyboard.press("Delete")
        self.page.evaluate("document.activeElement?.blur()")

    def field_value(self, label: str) -> str:
        """What a text field holds. Flutter web fills the DOM field only while it has focus."""
        box = self.page.get_by_role("textbox", name=label)
        self.focus(box)
        value = box.input_value()
        self.page.evaluate("document.activeElement?.blur()")
        return value

    def shot(self, name: str) -> Path:
        self.count += 1
        self.page.wait_for_timeout(400)  # a screenshot can lag a frame behind the semantics tree
        self.shots.mkdir(parents=True, exist_ok=True)
        path = self.shots / f"{self.count:02d}-{name}.png"
        self.page.screenshot(path=str(path))
        return path

    def close(self) -> None:
        self.context.close()
