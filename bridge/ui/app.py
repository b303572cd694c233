"""The app shell: keeps the language, guards the data behind the passcode, turns routes into
screens, and locks after inactivity."""

from __future__ import annotations

import asyncio
import logging
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, date, datetime
from typing import Any

import flet as ft

from bridge.content import DEFAULT_LANGUAGE, LANGUAGES, BridgeContent
from bridge.content.prompts import PromptLibrary
from bridge.i18n import Catalog, Translator
from bridge.sharing import SummaryChoices
from bridge.storage import Repository, StorageError
from bridge.storage.errors import LockedError
from bridge.storage.holder import DataHolder
from bridge.storage.prefs import read_prefs, write_pref
from bridge.ui import theme

log = logging.getLogger(__name__)

WIDE_FROM = 900  # px: from here on the bridge is drawn large, lists use two columns
DEFAULT_LOCK_MINUTES = 5
LOCK_CHOICES = (1, 5, 15, 30)
IDLE_CHECK_SECONDS = 5.0


class Activity:
    """When someone last used the app, across every session of this process."""

    def __init__(self, clock: Callable[[], float] = time.monotonic) -> None:
        self._clock = clock
        self._last = clock()
        self._lock = threading.Lock()

    def touch(self) -> None:
        with self._lock:
            self._last = self._clock()

    def idle_seconds(self) -> float:
        with self._lock:
            return self._clock() - self._last


@dataclass(frozen=True)
class AppContext:
    """What main.py hands every session: content, strings and the data holder."""

    content: BridgeContent
    catalog: Catalog
    prompts: PromptLibrary
    data: DataHolder
    activity: Activity = field(default_factory=Activity)


class BridgeApp:
    """One browser tab or phone app session."""

    def __init__(self, page: ft.Page, ctx: AppContext) -> None:
        self.page = page
        self.ctx = ctx
        self.content = ctx.content
        self.prompts = ctx.prompts
        self.language = DEFAULT_LANGUAGE
        self.storage_problem: StorageError | None = None
        #: A laptop-size window: screens use the width (drawn larger, two columns).
        self.wide = False
        #: A recognition message waiting to be shown on its goal's screen (goal id, text).
        self.celebration: tuple[str, str] | None = None
        #: After quick exit: only the neutral screen shows until someone taps through.
        self.neutral = False
        self.showing_data = False
        self.built_route: str | None = None
        #: Sharing: this session's choices, the coach chosen, and the last sealed summary.
        self.share_choices = SummaryChoices()
        self.share_coach_id: str | None = None
        self.sealed_summary: tuple[str, str] | None = None

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
        saved = read_prefs(self.ctx.data.folder).get("language")
        if saved in LANGUAGES:
            self.language = saved
        self.apply_locale()
        self.route_changed()
        page.run_task(self.watch_idle)

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
        """The open data; raises LockedError when the passcode is needed first."""
        return self.ctx.data.open()

    # -- language ----------------------------------------------------------------
    def set_language(self, language: str) -> None:
        if language not in LANGUAGES:
            return
        self.language = language
        self.apply_locale()
        try:
            write_pref(self.ctx.data.folder, "language", language)
        except StorageError as exc:
            log.error("the language could not be saved: %s", exc)
        self.route_changed()

    # -- saving ------------------------------------------------------------------
    def save(self, action: Any) -> bool:
        """Runs a save; on failure tells the person and keeps what was saved before."""
        self.ctx.activity.touch()
        try:
            action(self.data())
            return True
        except LockedError:
            self.route_changed()  # the lock screen; what was saved before is kept
            return False
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

    # -- privacy -----------------------------------------------------------------
    def quick_exit(self) -> None:
        """One tap: a neutral screen, and the data locked for every session."""
        self.ctx.data.lock()
        self.sealed_summary = None
        self.neutral = True
        self.page.title = self.t("neutral.title")
        self.page.pop_dialog()
        self.route_changed()

    def leave_neutral(self) -> None:
        self.neutral = False
        self.page.title = "Bridge"
        self.go("/")

    def lock_minutes(self) -> int:
        try:
            minutes = self.data().setting("lock_minutes", DEFAULT_LOCK_MINUTES)
        except StorageError:
            return DEFAULT_LOCK_MINUTES
        return minutes if minutes in LOCK_CHOICES else DEFAULT_LOCK_MINUTES

    async def watch_idle(self) -> None:
        """Runs for the whole session: see check_idle."""
        while True:
            await asyncio.sleep(IDLE_CHECK_SECONDS)
            try:
                await self.check_idle()
            except Exception:  # the watcher must go on; the failure is logged, not hidden
                log.exception("the inactivity check failed")

    async def check_idle(self) -> None:
        """Locks after the chosen minutes without use; a locked session shows the lock screen."""
        holder = self.ctx.data
        if holder.is_unlocked():
            minutes = await asyncio.to_thread(self.lock_minutes)
            if self.ctx.activity.idle_seconds() >= minutes * 60:
                holder.lock()
        if self.showing_data and not holder.is_unlocked():
            self.route_changed()

    # -- navigation --------------------------------------------------------------
    def go(self, route: str) -> None:
        if self.page.route == route:
            self.route_changed()
        else:
            self.page.navigate(route)

    def route_changed(self, e: object = None) -> None:
        from bridge.ui.router import views_for

        self.ctx.activity.touch()
        route = self.page.route or "/"
        if isinstance(e, ft.RouteChangeEvent) and e.route == self.built_route:
            # The browser repeats the route it already shows (on connect, on reload): building
            # the same screen again would take the focus from a field being typed in.
            return
        self.built_route = route
        try:
            views = views_for(self, self.page.route or "/")
        except LockedError:
            views = views_for(self, "/")
        except StorageError as exc:
            log.error("data could not be read: %s", exc)
            self.storage_problem = exc
            views = views_for(self, "/")
        except Exception:  # logged below; the person gets a calm screen, not a blank one
            # A bug must not leave a blank screen: say so in the person's words and go home.
            log.exception("a screen failed to build for %s", self.page.route)
            views = [self.problem_view()]
        self.showing_data = bool(views) and views[-1].route not in PRIVATE_FREE_ROUTES
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


#: Screens that show nothing of the person's data (no need to hide them when locking).
PRIVATE_FREE_ROUTES = frozenset(
    {"/unlock", "/neutral", "/welcome", "/passcode/new", "/problem", "/damaged"}
)
