"""One client's page for the coach (/coach/client/:client_id): the bridge now and before, the
radar, every area over time, goals, shared notes; export and delete. On a laptop the caseload
stays on the left. Opening the client's own file is the one slow read, done once per build."""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING

import flet as ft

from bridge.coach.types import ClientEntry, CoachStoreError
from bridge.storage import StorageError
from bridge.storage.errors import LockedError
from bridge.ui.layout import heading, primary_button
from bridge.ui.messages import message_for
from bridge.ui.widgets.coach_caseload_list import CaseloadList
from bridge.ui.widgets.coach_client_actions import ClientActions
from bridge.ui.widgets.coach_client_detail import client_detail, notice
from bridge.ui.widgets.coach_layout import list_and_detail
from bridge.ui.widgets.scaffold import screen

if TYPE_CHECKING:
    from bridge.coach.store import CoachStore
    from bridge.ui.app import BridgeApp

log = logging.getLogger(__name__)


def build(app: BridgeApp, client_id: str) -> ft.View | None:
    store = app.coach()
    entries = store.entries() if app.wide else []
    entry = (
        next((e for e in entries if e.client_id == client_id), None)
        if app.wide
        else store.entry(client_id)
    )
    if entry is None:
        return None  # deleted, or never here: the shell shows the caseload instead
    actions = ClientActions(app, client_id, entry.label)
    detail = _detail(app, store, entry)
    if not entry.damaged:  # the joint session, right under the client's name
        detail.insert(1, _session_button(app, client_id))
    detail += actions.controls()
    route = f"/coach/client/{client_id}"
    if app.wide:
        panel = CaseloadList(app, entries, store.weeks_without_update(), selected=client_id)
        return screen(
            app,
            route,
            entry.label,
            [],
            services=[actions.picker],
            fill=list_and_detail(panel.control(), detail),
        )
    return screen(app, route, entry.label, detail, services=[actions.picker])


def _detail(app: BridgeApp, store: CoachStore, entry: ClientEntry) -> list[ft.Control]:
    if entry.damaged:
        return _cannot_open(app, entry, "coach_client.damaged")
    try:
        history = store.history(entry.client_id)
    except LockedError:
        raise  # the lock screen takes over
    except CoachStoreError as exc:
        log.error("a client's file could not be opened: %s", exc)
        return [
            heading(entry.label, size=24),
            notice(message_for(app.t, exc, "coach_client.could_not_open")),
        ]
    except StorageError as exc:
        log.error("a client's file could not be read: %s", exc)
        return _cannot_open(app, entry, "coach_client.read_failed")
    return client_detail(app, entry, history)


def _session_button(app: BridgeApp, client_id: str) -> ft.Control:
    return ft.Row(
        [
            primary_button(
                app.t("coach_session.start"),
                lambda _: app.go(f"/coach/client/{client_id}/session"),
                icon=ft.Icons.FORUM,
            )
        ]
    )


def _cannot_open(app: BridgeApp, entry: ClientEntry, key: str) -> list[ft.Control]:
    return [heading(entry.label, size=24), notice(app.t(key, label=entry.label))]
