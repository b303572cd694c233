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
from dataclasses import dataclass
from pathlib import Path
from typing import ClassVar
from urllib.parse import urlsplit

from playwright.sync_api import Browser, Locator, Page, Request, Response, WebSocket, expect
from playwright.sync_api import TimeoutError as PlaywrightTimeout

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
LOCAL_HOSTS = {"127.0.0.1"}
MIN_TARGET = 48  # px, CSS: every control a finger must hit
HEARD_WITHIN = 8_000  # ms: a tap the app handled has sent its message by then, even under load
#: Every interactive control in Flutter's accessibility tree: its role, name and size in CSS px.
#: The placeholder that turns the tree on, hidden nodes and nodes with no size are left out.
CONTROLS_JS = """() => {
  const ROLES = new Set(["button", "checkbox", "switch", "textbox", "tab", "slider", "radio",
    "link", "menuitem", "menuitemcheckbox", "menuitemradio", "combobox", "option",
    "spinbutton", "searchbox"]);
  const found = [];
  for (const el of document.querySelectorAll(
      "flt-semantics [role], flt-semantics input, flt-semantics textarea")) {
    if (el.closest("flt-semantics-placeholder") || el.closest("[aria-hidden=true]")) continue;
    const tag = el.tagName;
    const role = el.getAttribute("role")
      || (tag === "INPUT" || tag === "TEXTAREA" ? "textbox" : "");
    if (!ROLES.has(role)) continue;
    const box = el.getBoundingClientRect();
    if (box.width === 0 || box.height === 0) continue;
    // Flutter gives a control half scrolled out of view the rectangle of its visible part:
    // a side that touches the edge of the clipping area (a scroll view, the window) is cut.
    let clip = {left: 0, top: 0, right: innerWidth, bottom: innerHeight};
    for (let up = el.parentElement; up; up = up.parentElement) {
      const style = getComputedStyle(up);
      if (style.overflowX !== "visible" || style.overflowY !== "visible") {
        clip = up.getBoundingClientRect();
        break;
      }
    }
    const near = (a, b) => Math.abs(a - b) < 1;
    const cutX = near(box.left, clip.left) || near(box.right, clip.right);
    const cutY = near(box.top, clip.top) || near(box.bottom, clip.bottom);
    const name = (el.getAttribute("aria-label") || el.textContent || "").trim();
    found.push({role, name, width: box.width, height: box.height, cutX, cutY});
  }
  return found;
}"""


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
                pass
            time.sleep(0.2)  # a poll interval, bounded by the deadline above
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
    target.evaluate(
        """el => new Promise(done => {
            // Still moving (the page scrolling a focused field into view): Flutter is
            // rebuilding its accessibility nodes and may drop the tap. Wait until the
            // control has stood still for three frames (at most two seconds), then tap.
            const t0 = Date.now();
            let last = "", still = 0;
            const check = () => {
                const r = el.getBoundingClientRect();
                const now = [r.x, r.y, r.width, r.height].join();
                still = now === last ? still + 1 : 0;
                last = now;
                if (still >= 3 || Date.now() - t0 > 2000 || !el.isConnected) {
                    el.click();
                    done(true);
                } else {
                    requestAnimationFrame(check);
                }
            };
            check();
        })"""
    )


def is_local(url: str) -> bool:
    """A request this app's own server answers (blob: and data: URLs never leave the page)."""
    parts = urlsplit(url)
    return parts.scheme in ("blob", "data") or parts.hostname in LOCAL_HOSTS


@dataclass(frozen=True)
class Problem:
    screen: str
    control: str
    issue: str

    def __str__(self) -> str:
        return f"{self.screen}: {self.control}: {self.issue}"


def control_problems(screen: str, controls: list[dict]) -> list[Problem]:
    """Unnamed controls and controls under 48x48 CSS px on one screen."""
    found = []
    for c in controls:
        label = f"{c['role']} {c['name']!r}"
        if not c["name"]:
            found.append(Problem(screen, label, "no accessible name"))
        narrow = c["width"] < MIN_TARGET - 0.5 and not c.get("cutX")
        low = c["height"] < MIN_TARGET - 0.5 and not c.get("cutY")
        if narrow or low:
            size = f"{c['width']:.0f}x{c['height']:.0f} px, under {MIN_TARGET}x{MIN_TARGET}"
            found.append(Problem(screen, label, size))
    return found


class Person:
    """Uses the app the way a person does: by what is written on the screen."""

    #: Every person of the running test, checked when it ends (see conftest.py).
    everyone: ClassVar[list[Person]] = []

    def __init__(self, browser: Browser, server: AppServer, shots: Path, device: dict) -> None:
        self.context = browser.new_context(**device)
        self.page: Page = self.context.new_page()
        self.server = server
        self.shots = shots
        self.count = 0
        #: Requests to any host but this app's server: each one fails the test at its end.
        self.offsite: list[str] = []
        self.response: Response | None = None  # of the last page load
        #: Unnamed or too small controls on the screens this person took a picture of.
        self.problems: list[Problem] = []
        #: The app's live connection: a tap Flutter really handled sends a message on it.
        self.socket: WebSocket | None = None
        self.context.on("request", self.record)
        self.page.on("websocket", self.connected)
        Person.everyone.append(self)

    def record(self, request: Request) -> None:
        if not is_local(request.url):
            self.offsite.append(request.url)

    def connected(self, socket: WebSocket) -> None:
        self.socket = socket

    def press(self, target: Locator) -> None:
        """Taps a control whose tap goes to the app, and checks the app heard it.

        Under load, Flutter web now and then drops an accessibility tap (seen on CI: the
        button stayed as it was and nothing happened). A tap it handles sends a message to
        the server at once; when none goes out, the tap was lost before reaching the app, so
        this taps once more, as a person does when a button does not respond. A disabled
        control is not tapped again.
        """
        socket = self.socket
        if socket is None or socket.is_closed():
            activate(target)
            return
        try:
            with socket.expect_event("framesent", timeout=HEARD_WITHIN):
                activate(target)
            return
        except PlaywrightTimeout:
            pass  # not heard: see below
        if target.count() and target.get_attribute("aria-disabled") != "true":
            activate(target)

    def frames(self, count: int = 2) -> None:
        """Waits until the browser has drawn `count` more frames (a condition, not a time)."""
        self.page.evaluate(
            """n => new Promise(done => {
                const next = k => k === 0 ? done(true) : requestAnimationFrame(() => next(k - 1));
                next(n);
            })""",
            count,
        )

    def check_controls(self, screen: str) -> list[Problem]:
        """Records unnamed and too small controls on the screen now shown."""
        found = control_problems(screen, self.page.evaluate(CONTROLS_JS))
        self.problems += [p for p in found if p not in self.problems]
        return found

    def open(self, path: str = "") -> Person:
        self.response = self.page.goto(self.server.url + path.lstrip("/"))
        placeholder = self.page.locator("flt-semantics-placeholder")
        placeholder.wait_for(state="attached", timeout=30_000)
        placeholder.evaluate("el => el.click()")  # turns on Flutter's accessibility tree
        return self

    def button(self, name: str | re.Pattern[str], exact: bool = True) -> Locator:
        return self.page.get_by_role("button", name=name, exact=exact)

    def tap(self, name: str | re.Pattern[str], exact: bool = True) -> None:
        self.press(self.button(name, exact).first)

    def choose(self, name: str | re.Pattern[str], tries: int = 2) -> None:
        """Taps a choice card (a step) until it shows as chosen, as a person who sees that
        nothing happened taps again. Only for choices where a second tap changes nothing."""
        card = self.button(name).first
        for attempt in range(tries):
            activate(card)
            try:
                expect(card).to_have_attribute("aria-current", "true", timeout=10_000)
                return
            except AssertionError:
                if attempt == tries - 1:
                    raise

    def tab(self, name: str) -> None:
        """The bottom navigation: Flutter web exposes its items as tabs."""
        self.press(self.page.get_by_role("tab", name=name))

    def chip(self, name: str) -> None:
        """A choice chip (Flutter web exposes it as a checkbox)."""
        self.press(self.page.get_by_role("checkbox", name=name))

    def toggle(self, name: str) -> None:
        self.press(self.switch(name))

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
            self.frames()  # Flutter hooks up its key handling in the frame after the focus
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
        self.blur(box)

    def blur(self, box: Locator) -> None:
        """Takes the focus off a text field and waits until Flutter has seen it go."""
        self.page.evaluate("document.activeElement?.blur()")
        box.evaluate(
            """el => new Promise((resolve, reject) => {
                const t0 = Date.now();
                const check = () => document.activeElement !== el ? resolve(true)
                    : Date.now() - t0 > 2000 ? reject(new Error("still focused"))
                    : requestAnimationFrame(check);
                check();
            })"""
        )
        self.frames()

    def clear(self, label: str) -> None:
        """Empties a text field the way a person does: select all, delete."""
        box = self.page.get_by_role("textbox", name=label)
        for _ in range(3):
            self.focus(box)
            self.page.keyboard.press("Control+A")
            self.page.keyboard.press("Delete")
            try:  # under load the select-all can land before Flutter has the focus
                expect(box).to_have_value("", timeout=5_000)
                break
            except AssertionError:
                continue
        else:
            raise AssertionError(f"the field {label!r} did not empty")
        self.blur(box)

    def field_value(self, label: str) -> str:
        """What a text field holds. Flutter web fills the DOM field only while it has focus."""
        box = self.page.get_by_role("textbox", name=label)
        self.focus(box)
        value = box.input_value()
        self.page.evaluate("document.activeElement?.blur()")
        return value

    def shot(self, name: str) -> Path:
        """A picture of the screen, and the accessibility check of every control on it."""
        self.count += 1
        self.frames(3)  # a screenshot can lag a frame behind the semantics tree
        self.shots.mkdir(parents=True, exist_ok=True)
        path = self.shots / f"{self.count:02d}-{name}.png"
        self.page.screenshot(path=str(path))
        if name != "FAILED":
            self.check_controls(f"{self.count:02d}-{name}")
        return path

    def failures(self) -> list[str]:
        """What this person met that no test may pass with: other hosts, unusable controls."""
        found = [f"a request to another host: {url}" for url in dict.fromkeys(self.offsite)]
        return found + [f"control: {p}" for p in self.problems]

    def close(self) -> None:
        self.context.close()
