"""The one scaffold every screen is built on: app bar, safe area, and the main navigation as a
bar on a phone or a rail beside the content on a laptop. A coach's screen carries the coach
badge: in its app bar, or above the content where there is none (lock screen, first start)."""

from __future__ import annotations

from typing import TYPE_CHECKING

import flet as ft

from bridge.ui.layout import centered
from bridge.ui.widgets.app_bar import app_bar
from bridge.ui.widgets.coach_badge import coach_banner, is_coach_screen
from bridge.ui.widgets.main_nav import main_nav, main_rail

if TYPE_CHECKING:
    from bridge.ui.app import BridgeApp


def section_of(route: str) -> str:
    """The main screen a route belongs to: what the rail shows as selected on a laptop."""
    if route.startswith("/coach"):
        for section in ("/coach/import", "/coach/figures", "/coach/key", "/coach/settings"):
            if route.startswith(section):
                return section
        return "/coach"
    if route.startswith("/goal"):
        return "/goals"
    if route.startswith("/share"):
        return "/share"
    return "/"


def screen(
    app: BridgeApp,
    route: str,
    title: str | None,
    controls: list[ft.Control],
    *,
    tab: str | None = None,
    settings: bool = True,
    wide: bool = False,
    services: list[ft.Service] | None = None,
    padding: int = 16,
    fill: ft.Control | None = None,
) -> ft.View:
    """`title` None: no app bar (first start, lock). `tab`: a main screen with navigation.

    `wide` lets the content use a laptop's width; every main screen does when the rail shows.
    `fill`: a screen that scrolls its own parts (a lazy list; list and detail side by side)
    is shown as it is, filling the space, instead of `controls` in the one scrolling column.
    """
    section = tab or (section_of(route) if title is not None else None)
    coach = is_coach_screen(app, route)
    if coach and title is None:
        controls = [coach_banner(app), *controls]
    body = centered(controls, wide=wide or (tab is not None and app.wide))
    view = ft.View(
        route=route,
        appbar=app_bar(app, title, settings=settings, coach=coach) if title is not None else None,
        padding=0,
        services=services or [],
    )
    scrolling = fill or ft.Column(
        [ft.Container(body, padding=ft.Padding.all(padding))],
        scroll=ft.ScrollMode.AUTO,
        expand=True,
    )
    if section is not None and app.wide:
        view.controls = [
            ft.SafeArea(
                expand=True,
                content=ft.Row(
                    [main_rail(app, section), ft.VerticalDivider(width=1), scrolling],
                    expand=True,
                    vertical_alignment=ft.CrossAxisAlignment.STRETCH,
                ),
            )
        ]
        return view
    if tab is not None:
        view.navigation_bar = main_nav(app, tab)
    view.controls = [ft.SafeArea(content=scrolling, expand=True)]
    return view
