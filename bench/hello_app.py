"""The baseline for start to first screen: hello world, served as main.py serves Bridge.

Run: FLET_SERVER_PORT=8552 .venv/bin/python bench/hello_app.py
"""

from __future__ import annotations

import os

import flet as ft

from bridge.ui.web_server import serve

HELLO = "Hallo wereld"


def main(page: ft.Page) -> None:
    page.add(ft.Text(HELLO, size=26))


def run() -> None:
    app = ft.run(main, export_asgi_app=True, no_cdn=True)
    serve(app, "127.0.0.1", int(os.environ.get("FLET_SERVER_PORT", "8552")))


if __name__ == "__main__":
    run()
