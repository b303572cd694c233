"""Starts Bridge: resolves the data folder, loads the content, opens storage and serves the app.

Run `python main.py` for the web version on http://127.0.0.1:8550 (no internet needed).
Environment: BRIDGE_DATA_DIR (data folder), FLET_SERVER_PORT (port), BRIDGE_VIEW=app for a
desktop window instead of the browser.
"""

from __future__ import annotations

import logging
import os
from pathlib import Path

import flet as ft
from flet.utils import get_bool_env_var, is_embedded, is_linux_server, open_in_browser

from bridge.content import DEFAULT_LANGUAGE, load_bridge
from bridge.content.prompts import load_prompts
from bridge.i18n import load_catalog
from bridge.locations import data_dir
from bridge.storage.holder import DataHolder
from bridge.ui.app import AppContext, BridgeApp
from bridge.ui.warm_up import start_warm_up

try:  # a phone or desktop build has no web server packages (flet-web): it never serves a page
    from bridge.ui.web_server import OfflineWeb, serve
except ImportError:  # pragma: no cover - only in a built app
    OfflineWeb = serve = None  # type: ignore[assignment,misc]

DEFAULT_PORT = 8550
ASSETS = Path(__file__).resolve().parent / "assets"


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


def serve_web(ctx: AppContext, port: int) -> None:
    """Flet's web app inside OfflineWeb: the page may reach no host but this server."""
    url = f"http://127.0.0.1:{port}"
    quiet = get_bool_env_var("FLET_FORCE_WEB_SERVER") or is_linux_server()
    flet_app = ft.run(make_main(ctx), export_asgi_app=True, assets_dir=str(ASSETS), no_cdn=True)
    app = OfflineWeb(flet_app, ctx.catalog, DEFAULT_LANGUAGE)

    def started() -> None:
        # What the first visitor would otherwise wait for (the client's patch, Flet's lazily
        # imported controls) is done while the browser loads Flutter, after the server answers.
        start_warm_up(app.client.prepare)
        if not quiet:
            open_in_browser(url)

    app.on_started = started
    print(f"Bridge is running at {url}/  (stop with Ctrl+C)", flush=True)
    serve(app, "127.0.0.1", port)


def run() -> None:
    logging.basicConfig(level=os.environ.get("BRIDGE_LOG_LEVEL", "WARNING"))
    ctx = build_context()
    # A built app (phone, desktop) runs inside Flet's own client; `python main.py` serves the web.
    web = os.environ.get("BRIDGE_VIEW", "web") != "app" and not is_embedded()
    port = int(os.environ.get("FLET_SERVER_PORT", DEFAULT_PORT))
    try:
        if web and serve is not None:
            serve_web(ctx, port)
        else:
            ft.run(make_main(ctx), view=ft.AppView.FLET_APP, assets_dir=str(ASSETS))
    finally:
        ctx.data.close()


if __name__ == "__main__":
    run()
