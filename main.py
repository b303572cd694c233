"""Starts Bridge: resolves the data folder, loads the content, opens storage and serves the app.

Run `python main.py` for the web version on http://127.0.0.1:8550 (no internet needed).
Environment: BRIDGE_DATA_DIR (data folder), FLET_SERVER_PORT (port), BRIDGE_VIEW=app for a
desktop window instead of the browser.
"""

from __future__ import annotations

import logging
import os

import flet as ft

from bridge.content import load_bridge
from bridge.content.prompts import load_prompts
from bridge.i18n import load_catalog
from bridge.locations import data_dir
from bridge.storage.holder import DataHolder
from bridge.ui.app import AppContext, BridgeApp

DEFAULT_PORT = 8550


def build_context() -> AppContext:
    return AppContext(
        content=load_bridge(),
        catalog=load_catalog(),
        prompts=load_prompts(),
        data=DataHolder(data_dir()),
    )


def make_main(ctx: AppContext):  # type: ignore[no-untyped-def]
    def main(page: ft.Page) -> None:
        BridgeApp(page, ctx).start()

    return main


def run() -> None:
    logging.basicConfig(level=os.environ.get("BRIDGE_LOG_LEVEL", "WARNING"))
    ctx = build_context()
    web = os.environ.get("BRIDGE_VIEW", "web") != "app"
    port = int(os.environ.get("FLET_SERVER_PORT", DEFAULT_PORT))
    if web:
        print(f"Bridge is running at http://127.0.0.1:{port}  (stop with Ctrl+C)", flush=True)
    try:
        ft.run(
            make_main(ctx),
            host="127.0.0.1" if web else None,
            port=port if web else 0,
            view=ft.AppView.WEB_BROWSER if web else ft.AppView.FLET_APP,
            assets_dir="assets",
            no_cdn=True,
        )
    finally:
        ctx.data.close()


if __name__ == "__main__":
    run()
