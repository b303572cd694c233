"""Routes as data: matching a path to its route, the back stack derived from the parents, and
the guards that run once, in one place, before any screen is built. No Flet in here."""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from enum import Enum
from typing import Generic, TypeVar

B = TypeVar("B")

CLIENT = "client"
COACH = "coach"
MODES = (CLIENT, COACH)


class Access(Enum):
    """Who may see a route."""

    DATA = "data"  #: shows the person's data: only when unlocked
    FIRST_START = "first_start"  #: only before a passcode exists
    GATE = "gate"  #: a guard's own screen (lock, neutral, damaged)


@dataclass(frozen=True)
class Route(Generic[B]):
    """`pattern` like "/goal/:goal_id/:kind"; `parent` a pattern whose parameters are a subset."""

    pattern: str
    build: B
    parent: str | None = None
    access: Access = Access.DATA
    #: Which side of the app the route belongs to: "client" or "coach" (its subtree under
    #: /coach). The guard shows a route only on a device of its side.
    side: str = CLIENT

    @property
    def parts(self) -> tuple[str, ...]:
        return split(self.pattern)


def split(path: str) -> tuple[str, ...]:
    return tuple(part for part in path.split("?")[0].split("/") if part)


@dataclass(frozen=True)
class Match(Generic[B]):
    route: Route[B]
    path: str
    params: Mapping[str, str] = field(default_factory=dict)


class RouteTable(Generic[B]):
    def __init__(self, routes: Sequence[Route[B]]) -> None:
        self.routes = tuple(routes)
        self._by_pattern = {r.pattern: r for r in self.routes}
        if len(self._by_pattern) != len(self.routes):
            raise ValueError("two routes share a pattern")
        for route in self.routes:
            if route.parent is not None:
                parent = self._by_pattern.get(route.parent)
                if parent is None:
                    raise ValueError(f"{route.pattern}: unknown parent {route.parent}")
                missing = set(_params(parent.pattern)) - set(_params(route.pattern))
                if missing:
                    raise ValueError(f"{route.pattern}: parent needs {sorted(missing)}")

    def route(self, pattern: str) -> Route[B]:
        return self._by_pattern[pattern]

    def match(self, path: str) -> Match[B] | None:
        """Literal parts beat parameters, so "/goals/new" is never read as a goal id."""
        parts = split(path)
        best: tuple[int, Match[B]] | None = None
        for route in self.routes:
            params = _match_parts(route.parts, parts)
            if params is None:
                continue
            literal = sum(1 for p in route.parts if not p.startswith(":"))
            if best is None or literal > best[0]:
                best = (literal, Match(route, "/" + "/".join(parts), params))
        return best[1] if best is not None else None

    def stack(self, path: str) -> list[Match[B]]:
        """The screens under `path`, bottom first: its parents' chain, then itself."""
        found = self.match(path)
        if found is None:
            return []
        chain = [found]
        while chain[0].route.parent is not None:
            parent = self._by_pattern[chain[0].route.parent]
            params = {k: v for k, v in found.params.items() if k in _params(parent.pattern)}
            chain.insert(0, Match(parent, fill(parent.pattern, params), params))
        return chain


def _params(pattern: str) -> list[str]:
    return [p[1:] for p in split(pattern) if p.startswith(":")]


def _match_parts(pattern: tuple[str, ...], parts: tuple[str, ...]) -> dict[str, str] | None:
    if len(pattern) != len(parts):
        return None
    params: dict[str, str] = {}
    for want, got in zip(pattern, parts, strict=True):
        if want.startswith(":"):
            params[want[1:]] = got
        elif want != got:
            return None
    return params


def fill(pattern: str, params: Mapping[str, str]) -> str:
    parts = [params[p[1:]] if p.startswith(":") else p for p in split(pattern)]
    return "/" + "/".join(parts)


@dataclass(frozen=True)
class Status:
    """What the guards look at, read once per navigation."""

    neutral: bool
    damaged: bool
    set_up: bool
    unlocked: bool
    #: Whose device this is: "client" or "coach" (chosen at first start; missing → client).
    mode: str = CLIENT


NEUTRAL = "/neutral"
DAMAGED = "/damaged"
WELCOME = "/welcome"
NEW_PASSCODE = "/passcode/new"
UNLOCK = "/unlock"
CLIENT_ROOT = "/"
COACH_ROOT = "/coach"


def valid_mode(value: object) -> str:
    """The stored mode, or "client" when there is none (installs from before coach mode)."""
    return value if isinstance(value, str) and value in MODES else CLIENT


def root_of(mode: str) -> str:
    """Where a side starts: the client's bridge or the coach's caseload."""
    return COACH_ROOT if mode == COACH else CLIENT_ROOT


def guard(status: Status, path: str, access: Access | None, side: str | None = None) -> str | None:
    """Where the person must go instead of `path`, or None when `path` may show.

    Order matters: quick exit hides everything (even a damaged-file message); a damaged file
    comes before anything that would read it; first start before the lock; nothing of the data
    shows while it is locked. Each side shows only its own routes: a client's device never
    shows /coach, a coach's device never shows a client's data screens (each goes to its root).
    """
    if status.neutral:
        return None if path == NEUTRAL else NEUTRAL
    if status.damaged:
        return None if path == DAMAGED else DAMAGED
    if not status.set_up:
        return None if path in (WELCOME, NEW_PASSCODE) else WELCOME
    if not status.unlocked:
        return None if path == UNLOCK else UNLOCK
    root = root_of(status.mode)
    if access is not Access.DATA:
        return root  # a gate or first-start screen after it is no longer needed
    if side is not None and side != status.mode:
        return root  # the other side's screens never show on this device
    return None


Builder = Callable[..., object]
