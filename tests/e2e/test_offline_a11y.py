"""Truly offline (only this computer's server is reachable) and usable by touch and screen reader.

Every end-to-end test also fails on a request to another host and on unnamed or small controls
(see `offline_and_usable` in conftest.py); these tests prove the parts behind that.
"""

from __future__ import annotations

from playwright.sync_api import Browser, expect

from bridge.ui.web_server import RIVE_CDN
from tests.e2e.harness import PHONE, AppServer, Person, control_problems, is_local
from tests.e2e.steps import PASSCODE

RIVE_HOST = "cdn.jsdelivr.net"


def test_every_response_forbids_other_hosts_and_rive_is_never_asked(phone: Person) -> None:
    asked: list[str] = []
    phone.context.on("request", lambda r: asked.append(r.url))
    response = phone.open().response
    assert response is not None
    policy = response.headers.get("content-security-policy", "")
    assert "default-src 'self'" in policy
    assert "connect-src 'self'" in policy
    phone.see_button("Beginnen")  # the app still draws, with its own renderer and fonts
    phone.shot("welcome")
    # The client's own files, fonts included, come from this server with the same policy.
    for path in ("main.dart.wasm", "main.dart.js", "assets/fonts/roboto.woff2", "python.js"):
        file = phone.page.request.get(phone.server.url + path)
        assert file.status == 200, path
        assert "default-src 'self'" in file.headers.get("content-security-policy", ""), path
    assert any(url.endswith("/main.dart.wasm") or url.endswith("/main.dart.js") for url in asked)
    assert not [url for url in asked if RIVE_HOST in url or not is_local(url)]


def test_the_client_no_longer_names_the_cdn_and_loads_in_dutch(phone: Person) -> None:
    phone.open()
    phone.see_button("Beginnen")
    for path in ("main.dart.wasm", "main.dart.js"):
        body = phone.page.request.get(phone.server.url + path).body()
        assert RIVE_CDN.encode() not in body, path
        assert b"Working..." not in body, path
        assert b"Een moment" in body, path
    page = phone.page
    assert page.evaluate("document.documentElement.lang") == "nl"
    assert page.locator("#loading").count() == 0  # the splash is gone once the app drew
    index = page.request.get(phone.server.url).text()
    assert 'aria-label="Een moment"' in index
    assert "<title>Bridge</title>" in index


def test_the_browser_refuses_another_host(browser: Browser, server: AppServer) -> None:
    """A page of the app that tries to reach another host is stopped by the browser itself."""
    context = browser.new_context(**PHONE)
    try:
        page = context.new_page()
        page.goto(server.url)
        page.locator("flt-semantics-placeholder").wait_for(state="attached", timeout=30_000)
        refused = page.evaluate(
            """() => new Promise(resolve => {
                document.addEventListener("securitypolicyviolation",
                    e => resolve(e.violatedDirective + " " + e.blockedURI), {once: true});
                fetch("https://example.org/").catch(() => {});
            })"""
        )
        assert refused.startswith("connect-src https://example.org")
    finally:
        context.close()


def test_show_code_buttons_have_a_name_and_a_state(phone: Person) -> None:
    phone.open()
    phone.tap("Beginnen")
    phone.see("Kies een code")
    phone.type_into("Nieuwe code", PASSCODE)
    show = phone.button("Toon code")
    expect(show).to_have_count(2)
    expect(show.first).to_have_attribute("aria-current", "false")
    box = phone.page.get_by_role("textbox", name="Nieuwe code")
    expect(box).to_have_attribute("type", "password")
    phone.tap("Toon code")
    hide = phone.button("Verberg code")
    expect(hide).to_have_count(1)
    expect(hide).to_have_attribute("aria-current", "true")
    expect(box).to_have_attribute("type", "text")
    phone.shot("code-shown")
    phone.tap("Verberg code")
    expect(show).to_have_count(2)
    expect(box).to_have_attribute("type", "password")


def test_the_control_check_finds_unnamed_and_small_controls() -> None:
    """The check every test runs on its screens would catch what the issue found."""
    controls = [
        {"role": "button", "name": "Instellingen", "width": 40, "height": 40},
        {"role": "button", "name": "", "width": 48, "height": 48},
        {"role": "checkbox", "name": "ma", "width": 60, "height": 35},
        {"role": "tab", "name": "Brug", "width": 130, "height": 80},
        # half scrolled out of view: only its visible part has a size, which is no problem
        {"role": "button", "name": "Stap 5", "width": 358, "height": 5, "cutY": True},
    ]
    found = [str(p) for p in control_problems("home", controls)]
    assert found == [
        "home: button 'Instellingen': 40x40 px, under 48x48",
        "home: button '': no accessible name",
        "home: checkbox 'ma': 60x35 px, under 48x48",
    ]
