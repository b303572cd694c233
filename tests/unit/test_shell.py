"""The shell without a browser: the route table, its guards, the derived back stack, which views
are reused, the state objects and the saves that wait for a pause."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, datetime
from pathlib import Path

import pytest

from bridge.storage.prefs import read_prefs, write_pref
from bridge.ui.coach_routes import ALL_ROUTES
from bridge.ui.routes import CLIENT_ROUTES
from bridge.ui.shell.clock import FixedClock
from bridge.ui.shell.idle import DEFAULT_LOCK_MINUTES, valid_lock_minutes
from bridge.ui.shell.pending import PendingSaves
from bridge.ui.shell.routing import (
    Access,
    Route,
    RouteTable,
    Status,
    guard,
    root_of,
    valid_mode,
)
from bridge.ui.shell.stack import Built, reusable
from bridge.ui.shell.state import GoalsState, SharingState, ShellState

OPEN = Status(neutral=False, damaged=False, set_up=True, unlocked=True)


@pytest.mark.parametrize(
    ("path", "stack"),
    [
        ("/", ["/"]),
        ("/fill/stress", ["/", "/fill/stress"]),
        ("/snapshot/s1", ["/", "/history", "/snapshot/s1"]),
        ("/settings/privacy", ["/", "/settings", "/settings/privacy"]),
        ("/goals", ["/goals"]),
        ("/goals/new", ["/goals", "/goals/new"]),
        ("/goal/g1", ["/goals", "/goal/g1"]),
        ("/goal/g1/q/why", ["/goals", "/goal/g1/q/why"]),
        ("/goal/g1/check", ["/goals", "/goal/g1", "/goal/g1/check"]),
        ("/share/ready", ["/share", "/share/ready"]),
        ("/nowhere/at/all", []),
    ],
)
def test_the_back_stack_comes_from_the_parents(path: str, stack: list[str]) -> None:
    assert [m.path for m in CLIENT_ROUTES.stack(path)] == stack


def test_literal_parts_win_over_parameters() -> None:
    found = CLIENT_ROUTES.match("/goals/new")
    assert found is not None and found.route.pattern == "/goals/new"
    found = CLIENT_ROUTES.match("/goal/abc/q/reasons")
    assert found is not None and dict(found.params) == {"goal_id": "abc", "question": "reasons"}


def test_a_table_with_a_broken_parent_is_refused() -> None:
    with pytest.raises(ValueError, match="unknown parent"):
        RouteTable([Route("/a", None, parent="/b")])
    with pytest.raises(ValueError, match="parent needs"):
        RouteTable([Route("/x/:id", None), Route("/y", None, parent="/x/:id")])
    with pytest.raises(ValueError, match="share a pattern"):
        RouteTable([Route("/a", None), Route("/a", None)])


@pytest.mark.parametrize(
    ("status", "path", "to"),
    [
        # quick exit hides everything, even a damaged file and the lock
        (Status(True, True, False, False), "/goals", "/neutral"),
        (Status(True, False, True, True), "/neutral", None),
        (Status(False, True, True, True), "/", "/damaged"),
        (Status(False, False, False, False), "/goals", "/welcome"),
        (Status(False, False, False, False), "/passcode/new", None),
        (Status(False, False, True, False), "/share", "/unlock"),
        (Status(False, False, True, False), "/welcome", "/unlock"),
        (OPEN, "/goals", None),
        (OPEN, "/unlock", "/"),  # the lock screen once unlocked: home
        (OPEN, "/neutral", "/"),
    ],
)
def test_the_guards_run_in_order(status: Status, path: str, to: str | None) -> None:
    found = CLIENT_ROUTES.match(path)
    assert guard(status, path, found.route.access if found else None) == to


def test_every_data_route_is_guarded_and_every_gate_is_alone() -> None:
    for route in CLIENT_ROUTES.routes:
        if route.access is not Access.DATA:
            assert route.parent is None, route.pattern
        locked = Status(neutral=False, damaged=False, set_up=True, unlocked=False)
        if route.access is Access.DATA:
            assert guard(locked, route.pattern, route.access) == "/unlock"


def built(path: str, stamp: tuple[object, ...]) -> Built[str]:
    return Built(path, f"view {path} {stamp[0]}", stamp)


def test_going_forward_builds_only_the_new_top() -> None:
    now = (3, "nl", False)
    current = [built("/", (1, "nl", False))]
    plan = reusable(current, ["/", "/fill/stress"], now, refresh=False)
    assert plan[0] is current[0]  # home is under the fill screen: stale, but not visible
    assert plan[1] is None


def test_going_back_rebuilds_the_top_only_if_its_data_changed() -> None:
    home = built("/", (1, "nl", False))
    assert reusable([home], ["/"], (1, "nl", False), refresh=False) == [home]
    assert reusable([home], ["/"], (2, "nl", False), refresh=False) == [None]
    assert reusable([home], ["/"], (1, "nl", False), refresh=True) == [None]


def test_a_new_language_or_layout_builds_every_view_again() -> None:
    current = [built("/", (1, "nl", False)), built("/history", (1, "nl", False))]
    assert reusable(current, ["/", "/history"], (1, "en", False), refresh=False) == [None, None]
    assert reusable(current, ["/", "/history"], (1, "nl", True), refresh=False) == [None, None]


def test_pending_saves_keep_only_the_newest_text_per_field() -> None:
    saved: list[str] = []
    pending = PendingSaves()
    pending.defer("note", lambda: saved.append("a"))
    ticket = pending.defer("note", lambda: saved.append("ab"))
    pending.defer("other", lambda: saved.append("x"))
    assert not pending.flush_if_quiet(ticket)  # typed again since: not quiet yet
    assert saved == []
    assert pending.flush()
    assert saved == ["ab", "x"]
    assert not pending.flush() and not pending.has_waiting()


def test_a_quiet_field_is_saved_after_the_pause() -> None:
    saved: list[str] = []
    pending = PendingSaves()
    ticket = pending.defer("note", lambda: saved.append("done"))
    assert pending.flush_if_quiet(ticket)
    assert saved == ["done"]


def test_state_objects() -> None:
    shell = ShellState()
    assert shell.language == "nl" and not shell.wide
    assert shell.set_width(155) is False  # the wrong start width of a phone browser
    assert shell.set_width(1280) is True and shell.wide
    assert shell.set_width(1300) is False
    goals = GoalsState()
    goals.celebrate("g1", "Goed gedaan")
    assert goals.take_celebration("g2") is None
    assert goals.take_celebration("g1") == "Goed gedaan"
    assert goals.take_celebration("g1") is None  # shown once
    sharing = SharingState()
    sharing.sealed = ("a.age", "-----BEGIN AGE")
    sharing.forget_sealed()
    assert sharing.sealed is None


def test_clock_and_lock_minutes() -> None:
    moment = datetime(2026, 12, 1, 9, 30, tzinfo=UTC)
    clock = FixedClock(moment)
    assert clock.now() == moment and clock.today() == moment.date()
    assert valid_lock_minutes(15) == 15
    assert valid_lock_minutes(7) == DEFAULT_LOCK_MINUTES
    assert valid_lock_minutes("5") == DEFAULT_LOCK_MINUTES


COACH_OPEN = Status(neutral=False, damaged=False, set_up=True, unlocked=True, mode="coach")


@pytest.mark.parametrize(
    ("status", "path", "to"),
    [
        # each side shows only its own routes; the other side's go to this side's root
        (OPEN, "/coach", "/"),
        (OPEN, "/coach/client/c1", "/"),
        (OPEN, "/coach/key", "/"),
        (COACH_OPEN, "/coach", None),
        (COACH_OPEN, "/coach/client/c1", None),
        (COACH_OPEN, "/coach/import", None),
        (COACH_OPEN, "/coach/settings", None),
        (COACH_OPEN, "/", "/coach"),
        (COACH_OPEN, "/goals", "/coach"),
        (COACH_OPEN, "/snapshot/s1", "/coach"),
        (COACH_OPEN, "/settings/privacy", "/coach"),
        # after unlocking or first start a coach lands on the caseload
        (COACH_OPEN, "/unlock", "/coach"),
        (COACH_OPEN, "/passcode/new", "/coach"),
        (COACH_OPEN, "/nowhere", "/coach"),
        # the gates come first for a coach too: quick exit, damaged, first start, the lock
        (replace(COACH_OPEN, neutral=True), "/coach/key", "/neutral"),
        (replace(COACH_OPEN, damaged=True), "/coach", "/damaged"),
        (replace(COACH_OPEN, set_up=False, unlocked=False), "/coach", "/welcome"),
        (replace(COACH_OPEN, unlocked=False), "/coach/client/c1", "/unlock"),
        (replace(COACH_OPEN, unlocked=False), "/unlock", None),
    ],
)
def test_each_device_shows_only_its_own_side(status: Status, path: str, to: str | None) -> None:
    found = ALL_ROUTES.match(path)
    route = found.route if found else None
    assert guard(status, path, route.access if route else None, route.side if route else None) == to


def test_the_coach_routes_hang_under_coach() -> None:
    coach = [r for r in ALL_ROUTES.routes if r.side == "coach"]
    assert {r.pattern for r in coach} == {
        "/coach",
        "/coach/client/:client_id",
        "/coach/client/:client_id/session",
        "/coach/figures",
        "/coach/import",
        "/coach/key",
        "/coach/settings",
    }
    assert all(r.pattern.startswith("/coach") and r.access is Access.DATA for r in coach)
    assert not [
        r for r in ALL_ROUTES.routes if r.side != "coach" and r.pattern.startswith("/coach")
    ]
    assert [m.path for m in ALL_ROUTES.stack("/coach/client/c7")] == ["/coach", "/coach/client/c7"]
    locked = Status(neutral=False, damaged=False, set_up=True, unlocked=False, mode="coach")
    for route in coach:
        assert guard(locked, route.pattern, route.access, route.side) == "/unlock"


def test_the_mode_is_client_unless_coach_was_chosen() -> None:
    assert valid_mode(None) == "client"  # installs from before coach mode
    assert valid_mode("coach") == "coach" and valid_mode("client") == "client"
    assert valid_mode("admin") == "client" and valid_mode(1) == "client"
    assert root_of("coach") == "/coach" and root_of("client") == "/"


def test_the_mode_is_kept_in_the_plain_prefs(tmp_path: Path) -> None:
    write_pref(tmp_path, "language", "en")
    write_pref(tmp_path, "mode", "coach")
    assert read_prefs(tmp_path) == {"language": "en", "mode": "coach"}
    with pytest.raises(ValueError, match="unencrypted"):
        write_pref(tmp_path, "label", "Mevrouw J.")  # nothing personal goes in the plain file
