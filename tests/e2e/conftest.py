"""Fixtures for the end-to-end tests: a browser, the app server, and a person at a phone."""

from __future__ import annotations

import os
import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import Browser, sync_playwright

from tests.e2e.harness import ARTIFACTS, CHROMIUM, CHROMIUM_ARGS, LAPTOP, PHONE, AppServer, Person


@pytest.fixture(scope="session")
def browser() -> Iterator[Browser]:
    if not os.path.exists(CHROMIUM):
        pytest.fail(f"Chromium is not installed at {CHROMIUM}: run the test command in the README")
    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield b
        b.close()


@pytest.fixture(autouse=True)
def offline_and_usable() -> Iterator[None]:
    """Fails any end-to-end test in which the page asked another host than 127.0.0.1, or a
    screen it took a picture of had a control with no name or under 48x48 px."""
    Person.everyone.clear()
    yield
    found = [line for person in Person.everyone for line in person.failures()]
    Person.everyone.clear()
    if found:
        pytest.fail("\n".join(["The app must stay offline and usable by touch:", *found]))


@pytest.fixture
def shots_dir(request: pytest.FixtureRequest) -> Path:
    folder = ARTIFACTS / "screenshots" / request.node.name
    shutil.rmtree(folder, ignore_errors=True)  # only this run's pictures and logs
    return folder


@pytest.fixture
def data_dir(tmp_path: Path) -> Path:
    """The app's data folder for this test; a test may put files in it before the start."""
    return tmp_path / "data"


@pytest.fixture
def server(data_dir: Path, shots_dir: Path) -> Iterator[AppServer]:
    app = AppServer(data_dir, shots_dir).start()
    yield app
    app.stop()


@pytest.fixture
def phone(browser: Browser, server: AppServer, shots_dir: Path) -> Iterator[Person]:
    person = Person(browser, server, shots_dir, PHONE)
    yield person
    person.close()


@pytest.fixture
def laptop(browser: Browser, server: AppServer, shots_dir: Path) -> Iterator[Person]:
    person = Person(browser, server, shots_dir / "laptop", LAPTOP)
    yield person
    person.close()


@pytest.hookimpl(wrapper=True, tryfirst=True)
def pytest_runtest_makereport(item: pytest.Item, call: pytest.CallInfo[None]):  # type: ignore[no-untyped-def]
    report = yield
    if report.when == "call" and report.failed:
        people = (
            [item.funcargs.get(name) for name in ("phone", "laptop")]
            if hasattr(item, "funcargs")
            else []
        )
        for person in people:
            if not isinstance(person, Person):
                continue
            try:
                person.shot("FAILED")
            except Exception as exc:  # the page may be gone; the report matters more
                report.sections.append(("screenshot", f"no failure screenshot: {exc}"))
    return report
