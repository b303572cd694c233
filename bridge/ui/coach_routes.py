"""The coach's route table: the coach's side of the app, its own subtree under /coach.

The guard (`bridge.ui.shell.routing.guard`) keeps each side to its own routes: a coach's device
never shows a client's data screens and a client's device never shows /coach. The gate screens
(lock, neutral, damaged) and first start are shared and come from the client's table.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import TYPE_CHECKING

import flet as ft

from bridge.ui.routes import CLIENT_ROUTES, ViewBuilder
from bridge.ui.screens import (
    coach_caseload,
    coach_client,
    coach_figures,
    coach_import,
    coach_key,
    coach_session,
    coach_settings,
)
from bridge.ui.shell.routing import COACH, COACH_ROOT, Route, RouteTable

if TYPE_CHECKING:
    from bridge.ui.app import BridgeApp


def _plain(build: Callable[[BridgeApp], ft.View | None]) -> ViewBuilder:
    return lambda app, _params: build(app)


def _client(app: BridgeApp, params: Mapping[str, str]) -> ft.View | None:
    return coach_client.build(app, params["client_id"])


def _session(app: BridgeApp, params: Mapping[str, str]) -> ft.View | None:
    return coach_session.build(app, params["client_id"])


COACH_ROUTES: tuple[Route[ViewBuilder], ...] = (
    Route(COACH_ROOT, _plain(coach_caseload.build), side=COACH),
    Route("/coach/client/:client_id", _client, parent=COACH_ROOT, side=COACH),
    Route(
        "/coach/client/:client_id/session",
        _session,
        parent="/coach/client/:client_id",
        side=COACH,
    ),
    Route("/coach/import", _plain(coach_import.build), side=COACH),
    Route("/coach/figures", _plain(coach_figures.build), side=COACH),
    Route("/coach/key", _plain(coach_key.build), side=COACH),
    Route("/coach/settings", _plain(coach_settings.build), side=COACH),
)

#: Both sides in one table: the session's guard decides which side may show.
ALL_ROUTES: RouteTable[ViewBuilder] = RouteTable([*CLIENT_ROUTES.routes, *COACH_ROUTES])
