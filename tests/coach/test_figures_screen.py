"""The figures screen's logic and widgets, without a page: reading the caseload (who counts,
who is left out, unreadable files), the consent note's suppression, the words and numbers, the
chart and its text alternative, merging, and the months-apart setting kept in the data."""

from __future__ import annotations

import itertools
import re
from dataclasses import replace
from datetime import date
from pathlib import Path
from types import SimpleNamespace

import flet as ft
import flet_charts as fch
import pytest

from bridge.coach.figures import HIDDEN, SMALL, figures
from bridge.coach.figures_csv import FiguresCsvError, records_csv
from bridge.coach.records import FIGURES_ID, META_TABLE, check_meta
from bridge.coach.settings import months_apart, set_months_apart
from bridge.coach.types import CoachStoreError, damaged_error
from bridge.content import load_bridge
from bridge.i18n import Translator, load_catalog
from bridge.storage.repository import open_repository
from bridge.ui.screens.coach_figures import FiguresScreen
from bridge.ui.shell.idle import Activity
from bridge.ui.widgets.coach_figures_data import (
    Caseload,
    FiguresSession,
    consent_note,
    decimal,
    export_records,
    merge_files,
    read_caseload,
    share_text,
    signed,
)
from bridge.ui.widgets.coach_figures_exports import MergePart
from bridge.ui.widgets.coach_figures_view import bar_chart, cards, chart_text
from tests.async_run import run

from .figures_helpers import FIXTURE

CATALOG = load_catalog()


class FakeStore:
    """The part of the coach's store the screen reads: the index and each client's history."""

    def __init__(self, histories, damaged=(), broken=()) -> None:
        self.histories = {h.client_id: h for h in histories}
        self.damaged, self.broken = set(damaged), set(broken)
        self.opened: list[str] = []

    def entries(self):
        ids = [*self.histories, *self.damaged]
        return [SimpleNamespace(client_id=i, damaged=i in self.damaged) for i in ids]

    def history(self, client_id):
        self.opened.append(client_id)
        if client_id in self.broken:
            raise damaged_error(client_id)
        return self.histories[client_id]


class FakeApp(SimpleNamespace):
    """What the widgets use of a session (no page: nothing here calls update)."""

    __hash__ = object.__hash__  # a session is kept apart by identity, as the app's is


def fake_app(*, wide: bool = True, language: str = "nl") -> FakeApp:
    ctx = SimpleNamespace(activity=Activity())  # slow work counts as use (no auto-lock)
    return FakeApp(t=Translator(CATALOG, language), content=load_bridge(), wide=wide, ctx=ctx)


def texts(control) -> list[str]:
    """Every Text value and semantics label under ``control``."""
    found: list[str] = []
    todo = [control]
    while todo:
        c = todo.pop()
        if isinstance(c, ft.Text) and c.value:
            found.append(c.value)
        if isinstance(c, ft.Semantics) and c.label:
            found.append(c.label)
        for name in ("controls", "content"):
            inner = getattr(c, name, None)
            todo.extend(inner if isinstance(inner, list) else [inner] if inner else [])
    return found


# -- reading the caseload ----------------------------------------------------------------------


def test_the_caseload_counts_consenting_left_out_and_unreadable_clients():
    # FIXTURE: 15 clients, 13 consent (14 said no, 15 sent nothing); one more file is damaged
    # in the index and another turns out damaged when opened.
    broken = replace(FIXTURE[0], client_id="broken")
    store = FakeStore([*FIXTURE, broken], damaged=["damaged"], broken=["broken"])
    caseload = read_caseload(store)
    assert (caseload.total, caseload.consenting, caseload.unreadable) == (17, 13, 2)
    assert len(caseload.records) == 13
    assert "damaged" not in store.opened  # a file known to be damaged is not opened again
    assert caseload.figures(6) == figures(FIXTURE, 6)  # the same figures as the core's


def test_the_anonymous_export_holds_only_consenting_clients_under_new_ids():
    data = export_records(FakeStore(FIXTURE, broken=[FIXTURE[0].client_id]))
    text = data.decode("utf-8-sig")
    ids = {line.split(";")[0] for line in text.splitlines()[1:]}
    assert len(ids) == 12  # 13 consenting, one of them unreadable
    assert not any(h.client_id in text or h.label in text for h in FIXTURE)


# -- the consent note --------------------------------------------------------------------------


def _could_be(cell) -> range:
    if cell.value is not None:
        return range(cell.value, cell.value + 1)
    return range(0, 5) if cell.text == SMALL else range(5, 1000)


@pytest.mark.parametrize(
    ("consenting", "total", "shown"),
    [
        (12, 12, ("12", "12", "0")),
        (12, 14, ("14", HIDDEN, SMALL)),  # 2 left out: not 14 - 12
        (0, 3, (SMALL, SMALL, SMALL)),
        (7, 20, ("20", "7", "13")),
    ],
)
def test_how_many_are_left_out_can_never_be_worked_out(consenting, total, shown):
    note = consent_note(Caseload((), total, consenting, 0))
    assert (note.total.text, note.consenting.text, note.left_out.text) == shown
    if note.total.value is not None:  # a reader who knows the total learns no hidden cell
        fits = [
            (a, b)
            for a, b in itertools.product(_could_be(note.consenting), _could_be(note.left_out))
            if a + b == note.total.value
        ]
        if note.left_out.hidden:
            assert len({b for _, b in fits}) > 1


# -- words and numbers -------------------------------------------------------------------------


def test_numbers_are_written_as_the_language_writes_them():
    assert decimal(58.333, 1, "nl") == "58,3" and decimal(58.333, 1, "en") == "58.3"
    assert signed(0.8333, 2, "nl") == "+0,83"
    assert signed(-1.666, 2, "nl") == "\u22121,67"
    assert signed(-0.001, 2, "nl") == "0,00"  # never "-0,00"
    small = figures(FIXTURE).stress
    assert share_text(small.up, small.share_up, "nl") == SMALL  # no share beside a hidden count
    assert share_text(small.down, small.share_down, "nl") == "6 (67%)"


def test_the_cards_show_the_suppressed_figures_and_never_a_small_count():
    shown = texts(cards(fake_app(), figures(FIXTURE)))
    assert "Omhoog: 7 (58%)" in shown and "Gelijk: 5 (42%)" in shown  # work
    assert "Meer stress: <5" in shown and "Minder stress: 6 (67%)" in shown
    assert "Gemiddeld: +0,83 stap" in shown and "Stress gemiddeld: \u22121,67" in shown
    assert "n = <5" in shown  # housing: three clients
    for text in shown:
        if text.startswith(("Omhoog", "Gelijk", "Omlaag", "Meer", "Minder")):
            assert not re.search(r": [1-4]\b", text), text


def test_the_chart_draws_only_shown_shares_and_says_everything_in_words():
    app = fake_app()
    result = figures(FIXTURE)
    control = bar_chart(app, result)
    (chart,) = [c for c in _walk(control) if isinstance(c, fch.BarChart)]
    order = [a.area_id for a in result.areas]
    work = chart.groups[order.index("work")]
    assert [round(r.to_y, 1) for r in work.rods] == [58.3, 41.7, 0.0]
    housing = chart.groups[order.index("housing")]
    assert [r.to_y for r in housing.rods] == [0, 0, 0]  # n under 5: no bars
    said = chart_text(app, result)
    assert "Werk en inkomen: Omhoog: 7 (58%), Gelijk: 5 (42%), Omlaag: 0 (0%)" in said
    assert "Wonen: geen staven, n = <5" in said
    (label,) = [c for c in _walk(control) if isinstance(c, ft.Semantics)]
    assert label.label == said and label.exclude_semantics
    # On a phone the axis shows each area's icon (there is no room for the names).
    phone = bar_chart(fake_app(wide=False), result)
    (small,) = [c for c in _walk(phone) if isinstance(c, fch.BarChart)]
    assert all(isinstance(lbl.label, ft.Icon) for lbl in small.bottom_axis.labels)


def _walk(control):
    todo = [control]
    while todo:
        c = todo.pop()
        yield c
        for name in ("controls", "content"):
            inner = getattr(c, name, None)
            todo.extend(inner if isinstance(inner, list) else [inner] if inner else [])


# -- merging -----------------------------------------------------------------------------------


def test_merging_keeps_the_names_and_refuses_a_bad_file_whole():
    one, two = records_csv(FIXTURE[:7]), records_csv(FIXTURE[7:])
    merged = merge_files([("a.csv", one), ("b.csv", two)], 6)
    assert merged.names == ("a.csv", "b.csv") and merged.files == (one, two)
    assert merged.figures == figures(FIXTURE, 6)
    with pytest.raises(FiguresCsvError) as refused:
        merge_files([("a.csv", one), ("a-again.csv", one)], 6)
    assert refused.value.code == "same_export" and refused.value.params["file"] == 2
    assert refused.value.message_key in CATALOG.entries


# -- the months-apart setting ------------------------------------------------------------------


def test_the_months_apart_rule_is_kept_in_the_data_and_checked(tmp_path: Path):
    repo = open_repository(tmp_path / "data")
    assert months_apart(repo) == 6  # the default
    set_months_apart(repo, 12)
    assert months_apart(repo) == 12
    for bad in (0, 121, True, "6"):
        with pytest.raises(CoachStoreError) as refused:
            set_months_apart(repo, bad)  # type: ignore[arg-type]
        assert refused.value.message_key in CATALOG.entries
    assert months_apart(repo) == 12  # nothing stored by a refusal
    record = repo.get_record(META_TABLE, FIGURES_ID)
    assert check_meta(record) == 12
    with pytest.raises(ValueError):
        check_meta({**record, "months_apart": 500})  # a broken record is refused on opening


# -- the screen --------------------------------------------------------------------------------


def screen_for(tmp_path: Path, histories) -> FiguresScreen:
    repo = open_repository(tmp_path / "data")
    store = FakeStore(histories)
    app = fake_app()
    app.coach = lambda: store
    app.data = lambda: repo
    view = FiguresScreen(app)
    view.caseload = read_caseload(store)
    view.figures = view.caseload.figures(view.months)
    view.show_own()
    return view


def test_the_screen_says_so_when_nobody_consents_and_offers_no_export(tmp_path: Path):
    nobody = [
        replace(h, latest=replace(h.latest, consent_programme_figures=False)) for h in FIXTURE[:5]
    ]
    view = screen_for(tmp_path, nobody)
    shown = texts(view.own)
    assert "Nog geen cijfers." in shown
    assert view.exports.csv_button.disabled and view.exports.records_button.disabled
    assert view.note.value == "Met toestemming: 0 van de 5 cliënten. Niet meegeteld: 5."
    assert not [c for c in _walk(view.own) if isinstance(c, fch.BarChart)]


def test_the_screen_shows_the_figures_when_clients_consent(tmp_path: Path):
    view = screen_for(tmp_path, FIXTURE)
    shown = texts(view.own)
    assert "Omhoog: 7 (58%)" in shown and "Nog geen cijfers." not in shown
    assert not view.exports.csv_button.disabled
    # 15 clients, 13 consent: the 2 left out are hidden, and so is the 13 (15 - 2).
    assert view.note.value == "Met toestemming: x van de 15 cliënten. Niet meegeteld: <5."


def test_a_refused_merge_shows_its_reason_and_no_overview_not_even_an_earlier_one():
    app = fake_app()
    app.page = SimpleNamespace(update=lambda: None)
    app.today = lambda: date(2026, 12, 2)
    state = FiguresSession()
    part = MergePart(app, ft.FilePicker(), state, lambda: 6)
    good = [("a.csv", records_csv(FIXTURE[:7])), ("b.csv", records_csv(FIXTURE[7:]))]

    async def merged():
        return merge_files(good, 6)

    run(part.run(merged))
    assert "Samengevoegd overzicht" in texts(part.result) and not part.error.visible
    assert "Uit 2 bestanden: a.csv, b.csv." in texts(part.result)

    async def refused():
        return merge_files([good[0], ("kopie.csv", good[0][1])], 6)

    run(part.run(refused))
    assert state.merged is None and part.result.controls == []
    assert part.error.visible and part.error.value.startswith("Bestand 2 is al gekozen")
    assert not part.busy.visible and not part.button.disabled
