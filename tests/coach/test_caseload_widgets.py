"""The caseload rows and the client page, built without a page: what they say and what they hold."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import replace
from datetime import date
from types import SimpleNamespace
from typing import Any

import flet as ft
import flet_charts as fch
import pytest

from bridge.coach.caseload import Flag, SortKey
from bridge.coach.charts_data import Range
from bridge.coach.types import ClientEntry, ClientHistory, damaged_error
from bridge.content import load_bridge
from bridge.i18n import Translator, load_catalog
from bridge.sharing.payload import validate_payload
from bridge.sharing.payload_types import BridgeEntry
from bridge.sharing.summary import SummaryChoices
from bridge.storage import StorageError
from bridge.storage.errors import LockedError
from bridge.ui.screens import coach_client
from bridge.ui.widgets import coach_client_detail
from bridge.ui.widgets.caseload_row import row_texts
from bridge.ui.widgets.coach_caseload_list import CaseloadList
from bridge.ui.widgets.coach_charts import OverTime
from bridge.ui.widgets.coach_view_state import view_state
from tests.sharing.helpers import NOTE, summary

CATALOG = load_catalog()
TODAY = date(2026, 5, 20)


class FakeApp(SimpleNamespace):
    """What the widgets use of a session (no page: nothing here calls update)."""

    def __init__(self, language: str = "nl") -> None:
        super().__init__(
            t=Translator(CATALOG, language),
            content=load_bridge(),
            ctx=SimpleNamespace(catalog=CATALOG),
            wide=False,
            went=[],
        )

    def today(self) -> date:
        return TODAY

    def go(self, route: str) -> None:
        self.went.append(route)

    __hash__ = object.__hash__  # the view state is kept per session object


def entry(label: str, **changes: Any) -> ClientEntry:
    base = ClientEntry(
        client_id=f"id-{label}",
        label=label,
        signer_fingerprint="fp",
        latest_at="2026-05-18T10:00:00+00:00",
        latest_bridge_date="2026-05-18",
        previous_bridge_date="2026-04-18",
        stress_levels=(5, 7),
        discuss=(),
        areas_down=(),
        active_goals=2,
        summaries=3,
        envelope_version=2,
    )
    return replace(base, **changes)


def walk(control: Any) -> Iterator[Any]:
    yield control
    for name in ("controls", "content", "data_sets"):
        child = getattr(control, name, None)
        if isinstance(child, list):
            for c in child:
                yield from walk(c)
        elif isinstance(child, ft.BaseControl):
            yield from walk(child)


def labels(controls: list[ft.Control]) -> list[str]:
    found = []
    for root in controls:
        for c in walk(root):
            if isinstance(c, ft.Semantics) and c.label:
                found.append(c.label)
    return found


def test_a_row_says_every_fact_in_words():
    app = FakeApp()
    row = entry(
        "Anna",
        discuss=("housing", "debts"),
        areas_down=("work",),
        latest_at="2026-03-01T10:00:00+00:00",
    )
    said = row_texts(app, row, TODAY, 4)
    assert said[0] == "Anna"
    assert "Laatste samenvatting: 1 maart 2026" in said
    assert "Stress hoger (7)" in said
    assert "2 actieve doelen" in said
    assert "Wil bespreken: Wonen, Schulden" in said
    assert {"Wil iets bespreken", "Gebied ging omlaag", "Geen update in 4 weken"} <= set(said)


def test_a_damaged_client_and_an_old_summary_are_said_on_the_row():
    app = FakeApp("en")
    said = row_texts(app, entry("Bo", damaged=True, envelope_version=1, stress_levels=()), TODAY, 1)
    assert "File damaged: kept, not overwritten" in said
    assert "Old kind of summary" in said
    assert "No stress shared" in said
    assert "No update in 1 week" not in said  # updated two days ago


def test_search_sort_and_filter_change_the_list_and_the_count():
    app = FakeApp()
    rows = [
        entry("Anna", latest_at="2026-05-01T10:00:00+00:00"),
        entry("Bram", discuss=("housing",), latest_at="2026-05-10T10:00:00+00:00"),
        entry("Cem", latest_at="2026-05-15T10:00:00+00:00"),
    ]
    panel = CaseloadList(app, rows, 4, selected=None)

    def shown() -> list[str]:
        return [row_label(r) for r in panel.list.controls]

    assert shown()[0].startswith("Cem") and panel.count.value == "3 cliënten"
    panel.search.value = "br"
    panel.searched(None)  # type: ignore[arg-type]
    assert [s.split(",")[0] for s in shown()] == ["Bram"]
    assert panel.count.value == "1 van de 3 cliënten"
    panel.search.value = "zzz"
    panel.searched(None)  # type: ignore[arg-type]
    assert panel.no_match.visible and not panel.list.visible
    panel.clear()
    panel.sort.pick(SortKey.LABEL.value)
    assert panel.sort.button.tooltip == "Volgorde: Op naam"
    assert [s.split(",")[0] for s in shown()] == ["Anna", "Bram", "Cem"]
    panel.only.pick(Flag.WANTS_TO_TALK.value)
    assert [s.split(",")[0] for s in shown()] == ["Bram"]
    # What the coach chose stays for the next screen of this session.
    assert view_state(app).only is Flag.WANTS_TO_TALK and view_state(app).sort is SortKey.LABEL


def row_label(control: ft.Control) -> str:
    assert isinstance(control, ft.Container) and isinstance(control.content, ft.Semantics)
    return str(control.content.label)


def test_no_clients_points_to_importing():
    app = FakeApp()
    panel = CaseloadList(app, [], 4, selected=None).control()
    buttons = [c for c in walk(panel) if isinstance(c, ft.FilledButton)]
    assert len(buttons) == 1
    buttons[0].on_click(None)
    assert app.went == ["/coach/import"]


def history(choices: SummaryChoices | None = None) -> ClientHistory:
    payload = validate_payload(summary(choices).payload)
    assert payload.bridge is not None and payload.stress is not None
    return ClientHistory(
        client_id="id-Anna",
        label="Anna",
        bridges=payload.bridge.history,
        stress=payload.stress,
        latest=payload,
        latest_text="",
        imports=(),
    )


def test_the_client_page_has_two_bridges_the_change_a_radar_and_a_chart_per_area():
    app = FakeApp()
    page = coach_client_detail.client_detail(app, entry("Anna"), history())
    said = labels(page)
    texts = [str(c.value) for root in page for c in walk(root) if isinstance(c, ft.Text)]
    # the latest bridge (housing 4, marked to talk about) beside the one before (housing 2)
    assert "Wonen, stap 4 van 5, hoger, Wil ik bespreken" in said
    assert "Wonen, stap 2 van 5" in said
    assert "Wonen: hoger (stap 2 naar 4)" in texts
    radar = [s for s in said if s.startswith("Radargrafiek")]
    assert len(radar) == 1 and "Eerste (1 maart 2026)" in radar[0] and "Laatste" in radar[0]
    lines = [s for s in said if s.startswith("Lijngrafiek")]
    assert len(lines) == 9  # eight areas and stress
    assert any(s.startswith("Lijngrafiek Wonen: 1 maart 2026 stap 1") for s in lines)
    charts = [c for root in page for c in walk(root) if isinstance(c, fch.LineChart)]
    tips = [p.tooltip for c in charts[:1] for p in c.data_series[0].points]
    assert tips[-1] == "30 april 2026\nStap 4: Vaste woning"
    assert not any("Notities" in t for t in texts)  # notes were not shared


def test_notes_show_only_when_the_client_shared_them():
    app = FakeApp()
    page = coach_client_detail.client_detail(
        app, entry("Anna"), history(SummaryChoices(notes=True))
    )
    texts = [str(c.value) for root in page for c in walk(root) if isinstance(c, ft.Text)]
    assert "Notities die de cliënt deelde" in texts
    assert f"Gezondheid: {NOTE}" in texts


def test_choosing_an_earlier_date_compares_with_that_bridge():
    app = FakeApp()
    pair = coach_client_detail.BridgePair(app, history())
    assert pair.chosen == "2026-03-31"  # the previous bridge first
    pair.picker.pick("2026-03-01")
    said = labels(pair.box.controls)
    assert "Wonen, stap 1 van 5" in said
    assert view_state(app).compare["id-Anna"] == "2026-03-01"


@pytest.mark.parametrize("count", [0, 1])
def test_a_client_with_one_bridge_or_none(count):
    app = FakeApp()
    one = history()
    bridges = one.bridges[:count]
    page = coach_client_detail.client_detail(
        app, entry("Anna"), replace(one, bridges=tuple(bridges))
    )
    texts = [str(c.value) for root in page for c in walk(root) if isinstance(c, ft.Text)]
    if count:
        assert "Er is nog maar één brug. Na de volgende zie je hier wat er veranderde." in texts
    else:
        assert "Deze cliënt heeft geen brug gedeeld." in texts


def test_a_long_caseload_builds_rows_as_the_coach_scrolls():
    app = FakeApp()
    rows = [entry(f"Client {i:03d}") for i in range(100)]
    panel = CaseloadList(app, rows, 4, selected=None)
    assert len(panel.list.controls) == 40 and panel.count.value == "100 cliënten"

    def scroll(pixels: float) -> None:
        event = SimpleNamespace(pixels=pixels, max_scroll_extent=6000, viewport_dimension=600)
        panel.scrolled(event)  # type: ignore[arg-type]

    scroll(100)  # far from the end: nothing more yet
    assert len(panel.list.controls) == 40
    scroll(5000)
    assert len(panel.list.controls) == 80
    scroll(5000)
    scroll(5000)
    assert len(panel.list.controls) == 100  # every match, once
    panel.search.value = "client 09"
    panel.searched(None)  # type: ignore[arg-type]
    assert [row_label(r).split(",")[0] for r in panel.list.controls] == [
        f"Client {i:03d}" for i in range(90, 100)
    ]


def test_the_range_all_shows_readings_older_than_a_year():
    app = FakeApp()
    old = BridgeEntry("2024-01-10", {"housing": 1})
    new = BridgeEntry("2026-04-10", {"housing": 3})
    charts = OverTime(app, (old, new), (), Range.YEAR)

    def housing() -> str:
        return next(s for s in labels(charts.controls()) if s.startswith("Lijngrafiek Wonen"))

    assert "10 januari 2024" not in housing() and "10 april 2026 stap 3" in housing()
    charts.choose(Range.ALL)
    assert "10 januari 2024 stap 1" in housing()
    assert view_state(app).range is Range.YEAR  # only the page's own callback keeps the choice


class FakeStore:
    def __init__(self, error: Exception | None = None) -> None:
        self.error = error
        self.opened: list[str] = []

    def history(self, client_id: str) -> ClientHistory:
        self.opened.append(client_id)
        if self.error is not None:
            raise self.error
        return history()


@pytest.mark.parametrize(
    ("row", "error", "said"),
    [
        (entry("Anna", damaged=True), None, "Het bestand van Anna is beschadigd."),
        (entry("Anna"), damaged_error("id-Anna"), "Het bestand van deze cliënt is beschadigd."),
        (entry("Anna"), StorageError("disk"), "De gegevens van Anna konden niet worden gelezen."),
    ],
)
def test_a_client_file_that_cannot_be_opened_is_said_not_shown(row, error, said):
    app = FakeApp()
    store = FakeStore(error)
    page = coach_client._detail(app, store, row)  # type: ignore[arg-type]
    texts = [str(c.value) for root in page for c in walk(root) if isinstance(c, ft.Text)]
    assert any(t.startswith(said) for t in texts)
    assert store.opened == ([] if row.damaged else ["id-Anna"])  # a damaged file is not opened


def test_a_locked_store_goes_to_the_lock_screen():
    with pytest.raises(LockedError):
        coach_client._detail(FakeApp(), FakeStore(LockedError("locked")), entry("A"))  # type: ignore[arg-type]
