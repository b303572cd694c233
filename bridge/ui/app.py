"""The app shell of one session: guards, the view stack built from the route table, saving,
quick exit and the inactivity lock. Feature state lives in small objects (`bridge.ui.shell`)."""

from __future__ import annotations

import asyncio
import contextlib
import logging
from collections.abc import Callable, Hashable
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any

import flet as ft

from bridge.coach.store import CoachStore, coach_store
from bridge.content import LANGUAGES, BridgeContent
from bridge.content.prompts import PromptLibrary
from bridge.i18n import Catalog, Translator
from bridge.storage import StorageError
from bridge.storage.errors import LockedError
from bridge.storage.holder import DataHolder
from bridge.storage.prefs import read_prefs, write_pref
from bridge.storage.repository import Repository
from bridge.ui import theme
from bridge.ui.coach_routes import ALL_ROUTES
from bridge.ui.messages import message_for
from bridge.ui.routes import ViewBuilder
from bridge.ui.shell.clock import Clock
from bridge.ui.shell.idle import IDLE_CHECK_SECONDS, Activity, valid_lock_minutes
from bridge.ui.shell.pending import PAUSE_SECONDS, PendingSaves
from bridge.ui.shell.routing import (
    Access,
    Match,
    RouteTable,
    Status,
    guard,
    root_of,
    valid_mode,
)
from bridge.ui.shell.stack import Built, reusable
from bridge.ui.shell.state import GoalsState, SharingState, ShellState

log = logging.getLogger(__name__)

__all__ = ["Activity", "AppContext", "BridgeApp"]


@dataclass(frozen=True)
class AppContext:
    """What main.py hands every session: content, strings, the data holder and the clock."""

    content: BridgeContent
    catalog: Catalog
    prompts: PromptLibrary
    data: DataHolder
    activity: Activity = field(default_factory=Activity)
    clock: Clock = field(default_factory=Clock)


class BridgeApp:
    """One browser tab or phone app session."""

    def __init__(
        self, page: ft.Page, ctx: AppContext, routes: RouteTable[ViewBuilder] = ALL_ROUTES
    ) -> None:
        self.page = page
        self.ctx = ctx
        self.content = ctx.content
        self.prompts = ctx.prompts
        self.routes = routes
        self.shell = ShellState()
        self.goals = GoalsState()
        self.sharing = SharingState()
        self.pending = PendingSaves()
        self.built: list[Built[ft.View]] = []
        self._placeholders: dict[str, ft.View] = {}
        self.showing_data = False

    # -- start -----------------------------------------------------------------
    def start(self) -> None:
        page = self.page
        page.title = "Bridge"
        page.theme = theme.theme()
        page.theme_mode = ft.ThemeMode.LIGHT
        page.on_route_change = self.route_changed
        page.on_view_pop = self.view_popped
        page.on_resize = self.resized
        # A closed tab or a dropped connection still keeps what was typed last.
        page.on_disconnect = lambda _: self.flush()
        page.on_close = lambda _: self.flush()
        self.shell.set_width(page.width)
        saved = read_prefs(self.ctx.data.folder).get("language")
        if saved in LANGUAGES:
            self.shell.language = saved
        self.apply_locale()
        self.show()
        page.run_task(self.watch_idle)

    def apply_locale(self) -> None:
        """Flutter's own texts (the back button, dialogs) follow the app's language."""
        self.page.locale_configuration = ft.LocaleConfiguration(
            supported_locales=[ft.Locale(lang) for lang in LANGUAGES],
            current_locale=ft.Locale(self.shell.language),
        )

    @property
    def t(self) -> Translator:
        return Translator(self.ctx.catalog, self.shell.language)

    @property
    def language(self) -> str:
        return self.shell.language

    @property
    def wide(self) -> bool:
        return self.shell.wide

    @property
    def storage_problem(self) -> StorageError | None:
        return self.shell.storage_problem

    @storage_problem.setter
    def storage_problem(self, problem: StorageError | None) -> None:
        self.shell.storage_problem = problem

    def now(self) -> datetime:
        return self.ctx.clock.now()

    def today(self) -> date:
        return self.ctx.clock.today()

    def data_version(self) -> tuple[int, int] | None:
        """Which data the screens were built from: another repository (restored, started
        fresh) or a later save by any session means a view built before may be stale."""
        if not self.ctx.data.is_unlocked():
            return None
        try:
            repo = self.data()
        except StorageError:
            return None
        return (id(repo), repo.revision)

    def data(self) -> Repository:
        """The open data; raises LockedError when the passcode is needed first."""
        return self.ctx.data.open()

    # -- mode: a client's or a coach's device -----------------------------------------
    @property
    def mode(self) -> str:
        """ "client" or "coach": chosen at first start, kept in the plain prefs file."""
        if self.shell.mode is None:
            self.shell.mode = valid_mode(read_prefs(self.ctx.data.folder).get("mode"))
        return self.shell.mode

    @property
    def home_route(self) -> str:
        """Where this device starts: the coach's caseload or the client's bridge."""
        return root_of(self.mode) if self.ctx.data.is_set_up() else "/"

    def coach(self) -> CoachStore:
        """The coach's store of the open data; raises LockedError when locked."""
        return coach_store(self.ctx.data)

    # -- language ----------------------------------------------------------------
    def set_language(self, language: str) -> None:
        if language not in LANGUAGES:
            return
        self.shell.language = language
        self.apply_locale()
        try:
            write_pref(self.ctx.data.folder, "language", language)
        except StorageError as exc:
            log.error("the language could not be saved: %s", exc)
        self.refresh()

    # -- saving ------------------------------------------------------------------
    def save(self, action: Callable[[Repository], Any]) -> bool:
        """Runs a save; on failure tells the person and keeps what was saved before."""
        self.ctx.activity.touch()
        try:
            action(self.data())
            return True
        except LockedError:
            self.refresh()  # the lock screen; what was saved before is kept
            return False
        except StorageError as exc:
            log.error("saving failed: %s", exc)
            self.notify(message_for(self.t, exc, "error.save_failed"))
            return False

    def save_later(self, key: Hashable, save: Callable[[], object]) -> None:
        """Typed text: saved when the person pauses, leaves the field or the screen."""
        self.ctx.activity.touch()
        ticket = self.pending.defer(key, save)

        async def after_pause() -> None:
            await asyncio.sleep(PAUSE_SECONDS)
            self.pending.flush_if_quiet(ticket)

        self.page.run_task(after_pause)

    def flush(self) -> None:
        """Saves what was typed and waits (before leaving, locking or quick exit)."""
        try:
            self.pending.flush()
        except Exception:  # a failed save was told to the person by `save`; go on leaving
            log.exception("a waiting save failed")

    def celebrate(self, goal_id: str, text: str) -> None:
        self.goals.celebrate(goal_id, text)
        self.go(f"/goal/{goal_id}")

    def take_celebration(self, goal_id: str) -> str | None:
        """The waiting recognition for this goal, shown once."""
        return self.goals.take_celebration(goal_id)

    def notify(self, text: str) -> None:
        self.page.show_dialog(ft.SnackBar(content=ft.Text(text, size=16), duration=5000))

    # -- privacy -----------------------------------------------------------------
    def quick_exit(self) -> None:
        """One tap: a neutral screen, and the data locked for every session."""
        self.flush()
        self.ctx.data.lock()
        self.sharing.forget_sealed()
        self.shell.neutral = True
        self.page.title = self.t("neutral.title")
        self.page.pop_dialog()
        self.go("/neutral")  # the address bar must not tell what was on screen either

    def leave_neutral(self) -> None:
        self.shell.neutral = False
        self.page.title = "Bridge"
        self.go("/")

    def lock_minutes(self) -> int:
        try:
            return valid_lock_minutes(self.data().setting("lock_minutes"))
        except StorageError:
            return valid_lock_minutes(None)

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
                self.flush()
                holder.lock()
        if self.showing_data and not holder.is_unlocked():
            self.refresh()

    # -- navigation --------------------------------------------------------------
    def go(self, route: str) -> None:
        """Shows `route`; the same route again builds its screen anew (after a change).
        "/" is home: the caseload on a coach's device."""
        self.flush()
        route = self.home_route if route == "/" else route
        if self.page.route == route:
            self.show(refresh=True)
            return
        # The route change shows the new screen and updates the page; Flet's own update after
        # this handler would walk the whole page once more for nothing.
        with contextlib.suppress(RuntimeError):  # not inside an event handler
            ft.context.disable_auto_update()
        self.page.navigate(route)

    def refresh(self) -> None:
        self.show(refresh=True)

    def route_changed(self, e: object = None) -> None:
        # The browser repeats the route it already shows (on connect, on reload): the views are
        # reused then, so a field being typed in keeps its focus.
        self.flush()
        self.show()

    def status(self) -> Status:
        holder = self.ctx.data
        set_up = holder.is_set_up()
        if not set_up:
            self.shell.mode = None  # chosen (again) at first start, maybe in another tab
        return Status(
            neutral=self.shell.neutral,
            damaged=self.shell.storage_problem is not None,
            set_up=set_up,
            unlocked=set_up and holder.is_unlocked(),
            mode=self.mode,
        )

    def wanted(self, path: str) -> list[Match[ViewBuilder]]:
        """The guarded stack for `path`: a guard's screen alone, or the route and its parents."""
        found = self.routes.match(path)
        status = self.status()
        redirect = guard(
            status,
            path,
            found.route.access if found else None,
            found.route.side if found else None,
        )
        if redirect is not None:
            return self.routes.stack(redirect)
        if found is None:
            return self.routes.stack(root_of(status.mode))
        if found.route.access is not Access.DATA:
            return [found]
        return self.routes.stack(path)

    def show(self, *, refresh: bool = False) -> None:
        self.ctx.activity.touch()
        path = self.page.route or "/"
        try:
            views = self.build_stack(path, refresh=refresh)
        except LockedError:
            views = self.build_stack("/unlock", refresh=True)
        except StorageError as exc:
            log.error("data could not be read: %s", exc)
            self.shell.storage_problem = exc
            views = self.build_stack("/damaged", refresh=True)
        except Exception:  # logged below; the person gets a calm screen, not a blank one
            log.exception("a screen failed to build for %s", path)
            views = [self.problem_view()]
            self.built = []
        top = self.routes.match(views[-1].route or "/") if views else None
        # Only a screen with the person's data needs hiding when the app locks itself.
        self.showing_data = top is not None and top.route.access is Access.DATA
        shown = [*self.placeholders(views[:-1]), *views[-1:]]
        if [id(v) for v in self.page.views] != [id(v) for v in shown]:
            self.page.views.clear()
            self.page.views.extend(shown)
        self.page.update()

    def placeholders(self, below: list[ft.View]) -> list[ft.View]:
        """Empty stand-ins for the views under the top one.

        Flutter needs a view below for its back arrow, but Flet's diff walks every control of
        every view on each update: keeping the real views there made each tap walk the whole
        home screen again. The real view is put back (reused or rebuilt) when it is on top.
        """
        kept = {
            route: self._placeholders[route]
            for route in (v.route or "/" for v in below)
            if route in self._placeholders
        }
        for view in below:
            route = view.route or "/"
            kept.setdefault(route, ft.View(route=route))
        self._placeholders = kept
        return [kept[v.route or "/"] for v in below]

    def build_stack(self, path: str, *, refresh: bool) -> list[ft.View]:
        wanted = self.wanted(path)
        stamp = (self.data_version(), self.shell.language, self.shell.wide)
        plan = reusable(self.built, [m.path for m in wanted], stamp, refresh=refresh)
        built: list[Built[ft.View]] = []
        for match, kept in zip(wanted, plan, strict=True):
            if kept is not None:
                built.append(kept)
                continue
            view = match.route.build(self, match.params)
            if view is not None:
                built.append(Built(match.path, view, stamp))
        self.built = built
        return [b.view for b in built]

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
        if self.shell.set_width(e.width):
            self.show()

    def view_popped(self, e: ft.ViewPopEvent) -> None:
        """Back: the view below comes to the top, built again only if its data changed."""
        self.flush()
        if len(self.built) > 1:
            below = self.built[-2].path
            self.built = self.built[:-1]
            if self.page.route != below:
                self.page.navigate(below)
            else:
                self.show()
