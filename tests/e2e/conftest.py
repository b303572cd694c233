"""Fixtures for the end-to-end tests: a browser, the app server, and a person at a phone."""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import Browser, sync_playwright

from tests.e2e.harness import ARTIFACTS, CHROMIUM, CHROMIUM_ARGS, PHONE, AppServer, Person


@pytest.fixture(scope="session")
def browser() -> Iterator[Browser]:
    if not os.path.exists(CHROMIUM):
        pytest.fail(f"Chromium is not installed at {CHROMIUM}: run the test command in the README")
    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield b
        b.close()


@pytest.fixture
def shots_dir(request: pytest.FixtureRequest) -> Path:
    return ARTIFACTS / "screenshots" / request.node.name


@pytest.fixture
def server(tmp_path: Path, shots_dir: Path) -> Iterator[AppServer]:
    app = AppServer(tmp_path / "data", shots_dir).start()
    yield app
    app.stop()


@pytest.fixture
def phone(browser: Browser, server: AppServer, shots_dir: Path) -> Iterator[Person]:
    person = Person(browser, server, shots_dir, PHONE)
    yield person
    person.close()


@pytest.hookimpl(wrapper=True, tryfirst=True)
def pytest_runtest_makereport(item: pytest.Item, call: pytest.CallInfo[None]):  # type: ignore[no-untyped-def]
    report = yield
    if report.when == "call" and report.failed:
        person = item.funcargs.get("phone") if hasattr(item, "funcargs") else None
        if isinstance(person, Person):
            try:
                person.shot("FAILED")
            except Exception as exc:  # the page may be gone; the report matters more
                report.sections.append(("screenshot", f"no failure screenshot: {exc}"))
    return report
