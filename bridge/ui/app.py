"""The app shell: opens the data, keeps the language, and turns routes into screens."""

from __future__ import annotations

import logging
from dataclasses import dataclass
from datetime import UTC, date, datetime
from typing import Any

import flet as ft

from bridge.content import LANGUAGES, BridgeContent
from bridge.content.prompts import PromptLibrary
from bridge.i18n import Catalog, Translator
from bridge.storage import Repository, StorageError
from bridge.storage.holder import DataHolder
from bridge.ui import theme

log = logging.getLogger(__name__)

WIDE_FROM = 900  # px: from here on the bridge is drawn large, lists use two columns


@dataclass(frozen=True)
class AppContext:
    """What main.py hands every session: content, strings and the data holder."""

    content: BridgeContent
    catalog: Catalog
    prompts: PromptLibrary
    data: DataHolder


class BridgeApp:
    """One browser tab or phone app session."""

    def __init__(self, page: ft.Page, ctx: AppContext) -> None:
        self.page = page
        self.ctx = ctx
        self.content = ctx.content
        self.prompts = ctx.prompts
        self.language = "nl"
        self.repo: Repository | None = None
        self.storage_problem: StorageError | None = None
        #: A laptop-size window: screens use the width (drawn larger, two columns).
        self.wide = False
        #: A recognition message waiting to be shown on its goal's screen (goal id, text).
        self.celebration: tuple[str, str] | None = None

    # -- start -----------------------------------------------------------------
    def start(self) -> None:
        page = self.page
        page.title = "Bridge"
        page.theme = theme.theme()
        page.theme_mode = ft.ThemeMode.LIGHT
        page.on_route_change = self.route_changed
        page.on_view_pop = self.view_popped
        page.on_resize = self.resized
        self.wide = (page.width or 0) >= WIDE_FROM
        self.open_data()
        self.apply_locale()
        self.route_changed()

    def open_data(self) -> None:
        try:
            self.repo = self.ctx.data.open()
            self.storage_problem = None
        except StorageError as exc:
            log.warning("data could not be opened: %s", exc)
            self.repo = None
            self.storage_problem = exc
            return
        saved = self.repo.setting("language")
        if saved in LANGUAGES:
            self.language = saved

    def apply_locale(self) -> None:
        """Flutter's own texts (the back button, dialogs) follow the app's language."""
        self.page.locale_configuration = ft.LocaleConfiguration(
            supported_locales=[ft.Locale(lang) for lang in LANGUAGES],
            current_locale=ft.Locale(self.language),
        )

    @property
    def t(self) -> Translator:
        return Translator(self.ctx.catalog, self.language)

    def now(self) -> datetime:
        return datetime.now(UTC)

    def today(self) -> date:
        """The person's own calendar day (due steps follow the local date)."""
        return datetime.now().astimezone().date()

    def data(self) -> Repository:
        if self.repo is None:
            raise StorageError("data is not open")
        return self.repo

    # -- language ----------------------------------------------------------------
    def set_language(self, language: str) -> None:
        if language not in LANGUAGES:
            return
        self.language = language
        self.apply_locale()
        if self.repo is not None:
            self.save(lambda repo: repo.set_setting("language", language))
        self.route_changed()

    # -- saving ------------------------------------------------------------------
    def save(self, action: Any) -> bool:
        """Runs a save; on failure tells the person and keeps what was saved before."""
        try:
            action(self.data())
            return True
        except StorageError as exc:
            log.error("saving failed: %s", exc)
            self.notify(self.t("error.save_failed"))
            return False

    def celebrate(self, goal_id: str, text: str) -> None:
        self.celebration = (goal_id, text)
        self.go(f"/goal/{goal_id}")

    def take_celebration(self, goal_id: str) -> str | None:
        """The waiting recognition for this goal, shown once."""
        if self.celebration is None or self.celebration[0] != goal_id:
            return None
        text = self.celebration[1]
        self.celebration = None
        return text

    def notify(self, text: str) -> None:
        self.page.show_dialog(ft.SnackBar(content=ft.Text(text, size=16), duration=5000))

    # -- navigation --------------------------------------------------------------
    def go(self, route: str) -> None:
        if self.page.route == route:
            self.route_changed()
        else:
            self.page.navigate(route)

    def route_changed(self, e: object = None) -> None:
        from bridge.ui.router import views_for

        try:
            views = views_for(self, self.page.route or "/")
        except StorageError as exc:
            log.error("data could not be read: %s", exc)
            self.storage_problem = exc
            views = views_for(self, "/")
        except Exception:
            # A bug must not leave a blank screen: say so in the person's words and go home.
            log.exception("a screen failed to build for %s", self.page.route)
            views = [self.problem_view()]
        self.page.views.clear()
        self.page.views.extend(views)
        self.page.update()

    def problem_view(self) -> ft.View:
        return ft.View(
            route="/problem",
            padding=ft.Padding.all(20),
            controls=[
                ft.Text(self.t("error.screen_title"), size=24, weight=ft.FontWeight.BOLD),
                ft.Text(self.t("error.screen_text"), size=17),
                ft.FilledButton(content=self.t("error.go_home"), on_click=lambda _: self.go("/")),
            ],
        )

    def resized(self, e: ft.PageResizeEvent) -> None:
        # page.width is unreliable at start in a phone browser; this event brings the truth.
        wide = e.width >= WIDE_FROM
        if wide != self.wide:
            self.wide = wide
            self.route_changed()

    def view_popped(self, e: ft.ViewPopEvent) -> None:
        if len(self.page.views) > 1:
            self.page.views.pop()
            self.go(self.page.views[-1].route or "/")
