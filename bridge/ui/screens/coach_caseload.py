"""The coach's caseload (/coach): every client as a lazy list with search, order and filter. On a
laptop the list sits on the left and the right side asks to choose a client."""

from __future__ import annotations

from typing import TYPE_CHECKING

import flet as ft

from bridge.ui.layout import body
from bridge.ui.widgets.coach_caseload_list import CaseloadList
from bridge.ui.widgets.coach_layout import list_and_detail
from bridge.ui.widgets.scaffold import screen

if TYPE_CHECKING:
    from bridge.ui.app import BridgeApp

ROUTE = "/coach"


def build(app: BridgeApp) -> ft.View:
    t = app.t
    store = app.coach()
    # The index only, read once: no client's own file is opened for the list.
    panel = CaseloadList(app, store.entries(), store.weeks_without_update(), selected=None)
    if app.wide:
        detail = [body(t("coach_caseload.pick"))] if panel.entries else []
        fill = list_and_detail(panel.control(), detail)
    else:
        fill = ft.Container(panel.control(), expand=True)
    return screen(app, ROUTE, t("coach_caseload.title"), [], tab=ROUTE, fill=fill)
