"""The web server's warm-up: which Flet classes the app's code uses, and the client's patch made
once however many ask for it at the same time."""

from __future__ import annotations

import threading
import types
from pathlib import Path

import flet as ft
import pytest

import bridge.ui.screens.lock  # noqa: F401 - the first screen of a set-up app, walked below
from bridge.ui import warm_up, web_server
from bridge.ui.web_server import ClientFiles


def module_with(source: str) -> types.ModuleType:
    module = types.ModuleType("bridge_test_warm_up_sample")
    exec(compile(source, "<sample>", "exec"), module.__dict__)
    return module


SAMPLE = """
import flet as ft

def screen(value):
    def inner():
        return ft.Slider(value=value.value)
    return ft.Column([inner(), ft.NotAFletName])

class Card:
    def build(self):
        return ft.Card(content=ft.Text("x"))

    @staticmethod
    def icon():
        return ft.Icon(ft.Icons.HOME)
"""


def test_the_flet_classes_a_modules_code_touches_are_found() -> None:
    names = warm_up.flet_names([module_with(SAMPLE)])
    assert {"Slider", "Column", "Card", "Text", "Icon", "Icons"} <= names
    assert "NotAFletName" not in names
    assert "value" not in names  # Flet exports `value` too, but not as a class
    warm_up.load_flet_names(names)
    assert all(n in vars(ft) for n in names)  # resolved: the next ft.Slider is a plain lookup


def test_the_apps_screens_are_covered() -> None:
    names = warm_up.flet_names(warm_up.app_modules())
    assert {"TextField", "IconButton", "FilledButton", "ProgressRing"} <= names


def test_a_failed_warm_up_is_logged_not_raised(caplog: pytest.LogCaptureFixture) -> None:
    def broken() -> None:
        raise OSError("no such file")

    warm_up.start_warm_up(broken).join(timeout=30)
    assert "warming up the web server failed" in caplog.text


def test_the_client_is_patched_once_when_many_ask_at_once(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    (tmp_path / "main.dart.js").write_bytes(
        b'x="Working...";y="' + web_server.RIVE_CDN.encode() + b'"'
    )
    calls: list[int] = []
    real = web_server.patch_js

    def counted(code: bytes, loading: str) -> bytes:
        calls.append(1)
        return real(code, loading)

    monkeypatch.setattr(web_server, "patch_js", counted)
    files = ClientFiles("Even geduld")
    files.folder = tmp_path
    start = threading.Barrier(4)
    got: list[bytes] = []

    def ask() -> None:
        start.wait()
        got.append(files.get("main.dart.js"))

    threads = [threading.Thread(target=ask) for _ in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=30)
    assert len(calls) == 1
    assert len(got) == 4 and all(g is got[0] for g in got)
    assert b'"Even geduld"' in got[0] and files.ready("main.dart.js")
