"""The baseline for "Volgende": a two-screen Flet app served as main.py serves Bridge.

Run: FLET_SERVER_PORT=8551 .venv/bin/python bench/two_screen_app.py
The same `ft.run` options as main.py (web, 127.0.0.1, no_cdn, an ASGI app under uvicorn), the
same kind of navigation (a route per view, `page.views` rebuilt on a route change), and nothing
else: a button "Volgende" on the first view, a heading on the second and "Vorige" to go back.
"""

from __future__ import annotations

import os

import flet as ft

from bridge.ui.web_server import serve

FIRST_TITLE = "Eerste scherm"
SECOND_TITLE = "Tweede scherm"


def first_view() -> ft.View:
    return ft.View(
        route="/",
        controls=[
            ft.Text(FIRST_TITLE, size=26, weight=ft.FontWeight.BOLD),
            ft.Button("Volgende", on_click=lambda e: e.page.navigate("/second")),
        ],
    )


def second_view() -> ft.View:
    return ft.View(
        route="/second",
        controls=[
            ft.Text(SECOND_TITLE, size=26, weight=ft.FontWeight.BOLD),
            ft.Button("Vorige", on_click=lambda e: e.page.navigate("/")),
        ],
    )


def main(page: ft.Page) -> None:
    def route_changed(_: object = None) -> None:
        views = [first_view()]
        if page.route == "/second":
            views.append(second_view())
        page.views.clear()
        page.views.extend(views)
        page.update()

    page.on_route_change = route_changed
    route_changed()


def run() -> None:
    app = ft.run(main, export_asgi_app=True, no_cdn=True)
    serve(app, "127.0.0.1", int(os.environ.get("FLET_SERVER_PORT", "8551")))


if __name__ == "__main__":
    run()
