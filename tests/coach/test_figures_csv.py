"""The figures as CSV for Dutch Excel, the anonymous per-client export, and merging exports."""

from __future__ import annotations

import csv
import dataclasses
import datetime as dt
import io
import re

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from bridge.coach.figures import SMALL, area_order, figures
from bridge.coach.figures_csv import (
    AGGREGATE_COLUMNS,
    MAX_FILE_BYTES,
    RECORD_COLUMNS,
    FiguresCsvError,
    figures_csv,
    merge_exports,
    records_csv,
    safe_cell,
)
from bridge.i18n import load_catalog

from .figures_helpers import FIXTURE, history

BOM = b"\xef\xbb\xbf"
NUMBER = re.compile(r"-?[0-9]+(,[0-9]+)?")


def rows_of(data: bytes) -> list[list[str]]:
    assert data.startswith(BOM)
    text = data[len(BOM) :].decode("utf-8")
    return list(csv.reader(io.StringIO(text, newline=""), delimiter=";", strict=True))


def by_name(data: bytes) -> dict[str, dict[str, str]]:
    header, *rows = rows_of(data)
    return {row[0]: dict(zip(header, row, strict=True)) for row in rows}


# -- the overview ----------------------------------------------------------------------------


def test_the_overview_opens_in_dutch_excel():
    data = figures_csv(figures(FIXTURE))
    assert data.startswith(BOM)
    body = data[len(BOM) :]
    assert body.count(b"\r\n") == body.count(b"\n") == len(area_order()) + 3  # CRLF only
    header = body.split(b"\r\n")[0].decode()
    assert header.split(";") == list(AGGREGATE_COLUMNS)
    table = by_name(data)
    work = table["work"]
    assert (work["n"], work["omhoog"], work["gelijk"], work["omlaag"]) == ("12", "7", "5", "0")
    assert work["omhoog_pct"] == "58,3"  # decimal comma
    assert work["gelijk_pct"] == "41,7"
    assert work["omlaag_pct"] == "0,0"
    assert work["gemiddelde_verandering"] == "0,83"
    assert work["min_maanden"] == "6"
    assert [work[f"laatste_niveau_{s}"] for s in range(1, 6)] == ["0"] + [SMALL] * 4
    stress = table["stress"]
    assert stress["gemiddelde_verandering"] == "-1,67"  # a number, not text: no apostrophe
    assert (stress["omhoog"], stress["omhoog_pct"], stress["omlaag_pct"]) == (SMALL, "", "66,7")
    assert stress["eerste_niveau_1"] == ""
    assert table["housing"]["n"] == SMALL and table["housing"]["gemiddelde_verandering"] == ""
    assert table["clienten"]["n"] == "12"


@pytest.mark.parametrize("start", ["=", "+", "-", "@", "\t", "\r"])
def test_a_text_cell_never_starts_a_formula(start):
    assert safe_cell(start + "HYPERLINK(1)") == "'" + start + "HYPERLINK(1)"
    assert safe_cell("housing") == "housing"
    assert safe_cell(SMALL) == SMALL


def test_text_written_into_the_overview_is_made_safe():
    result = figures(FIXTURE)
    bad = dataclasses.replace(result.areas[0], area_id='=HYPERLINK("http://x";"y")')
    data = figures_csv(dataclasses.replace(result, areas=(bad, *result.areas[1:])))
    assert rows_of(data)[1][0] == "'" + '=HYPERLINK("http://x";"y")'


def test_no_cell_of_either_export_can_start_a_formula():
    for data in (figures_csv(figures(FIXTURE)), records_csv(FIXTURE)):
        for row in rows_of(data):
            for cell in row:
                if cell.startswith("-"):
                    assert NUMBER.fullmatch(cell), cell  # a negative number is a number
                else:
                    assert not cell.startswith(("=", "+", "@", "\t", "\r")), cell


# -- the per-client export -------------------------------------------------------------------


def test_the_per_client_export_has_month_dates_random_ids_and_only_consenting_clients():
    data = records_csv(FIXTURE)
    header, *rows = rows_of(data)
    assert header == list(RECORD_COLUMNS)
    ids = {row[0] for row in rows}
    assert len(ids) == 13  # clients 1..13; not 14 (no consent) nor 15 (no summary)
    assert all(re.fullmatch(r"[0-9a-f]{16}", i) for i in ids)
    month = re.compile(r"\d{4}-\d{2}")
    assert all(month.fullmatch(row[2]) and month.fullmatch(row[4]) for row in rows)
    assert ids.isdisjoint({row[0] for row in rows_of(records_csv(FIXTURE))[1:]})  # new each time
    assert not any(h.client_id in data.decode("utf-8-sig") for h in FIXTURE)


_PRIVATE = st.text(
    alphabet=st.characters(codec="utf-8", exclude_categories=("Cs",)), min_size=6, max_size=30
).filter(lambda s: s.strip() and not s.isdigit())
_DATES = st.dates(min_value=dt.date(2022, 1, 1), max_value=dt.date(2025, 12, 31))
_CHANCE = re.compile(r"[0-9a-f;\s-]+")  # could turn up by chance in a random id or a date
_VOCABULARY = ";".join(
    (*AGGREGATE_COLUMNS, *RECORD_COLUMNS, *area_order(), "stress", "clienten", SMALL)
)


@st.composite
def _histories(draw):
    count = draw(st.integers(1, 12))
    out = []
    for number in range(count):
        areas = draw(st.lists(st.sampled_from(area_order()), min_size=1, max_size=3, unique=True))
        dates = sorted(draw(st.lists(_DATES, min_size=1, max_size=3, unique=True)))
        bridges = [(d.isoformat(), {a: draw(st.integers(1, 5)) for a in areas}) for d in dates]
        stress = [(d.isoformat(), draw(st.integers(0, 10))) for d in dates]
        out.append(
            history(
                draw(st.uuids()).hex + str(number),
                consent=draw(st.sampled_from([True, True, True, False, None])),
                bridges=bridges,
                stress=stress,
                label=draw(_PRIVATE),
                note=draw(_PRIVATE),
                goal=draw(_PRIVATE),
            )
        )
    return out


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(_histories())
def test_neither_export_ever_holds_a_label_a_note_free_text_or_a_client_id(histories):
    exports = (records_csv(histories), figures_csv(figures(histories)))
    for data in exports:
        text = data.decode("utf-8-sig")
        for h in histories:
            private = [h.client_id, h.label, h.latest_text]
            if h.latest is not None:
                private += list((h.latest.notes or {}).values())
                private += [g.title for g in h.latest.goals or ()]
                private += [s.text for g in h.latest.goals or () for s in g.steps]
            for secret in private:
                if secret.strip() in _VOCABULARY or _CHANCE.fullmatch(secret):
                    continue  # a random text that happens to be a column name, an id or a date
                assert secret not in text
                assert secret.encode("utf-8") not in data
    ids = {row[0] for row in rows_of(exports[0])[1:]}
    assert all(i not in h.client_id for i in ids for h in histories)  # not even a piece of one


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(_histories(), _histories(), st.integers(0, 24))
def test_merging_two_exports_gives_the_figures_over_both_caseloads(first, second, months):
    merged = merge_exports([records_csv(first), records_csv(second)], months)
    assert merged == figures([*first, *second], months)


def test_merging_the_fixture_split_over_two_coaches():
    one, two = FIXTURE[:4], FIXTURE[4:]
    merged = merge_exports([records_csv(one), records_csv(two)])
    assert merged == figures(FIXTURE)
    assert figures_csv(merged) == figures_csv(figures(FIXTURE))
    # the first coach alone has 4 clients: hidden; merged they count
    alone = next(a for a in figures(one).areas if a.area_id == "work")
    assert alone.change.n.text == SMALL


def test_an_export_with_no_consenting_client_merges_to_nothing():
    empty = records_csv([FIXTURE[13]])
    assert rows_of(empty) == [list(RECORD_COLUMNS)]
    assert merge_exports([empty]).clients.text == "0"


# -- malformed input is refused ----------------------------------------------------------------

_GOOD = records_csv(FIXTURE[:3]).decode("utf-8-sig")
_HEADER, _FIRST, *_REST = _GOOD.split("\r\n")


def _with_row(row: str) -> bytes:
    return ("\ufeff" + "\r\n".join([_HEADER, _FIRST, row, ""])).encode()


def _row(*cells: str) -> bytes:
    return _with_row(";".join(cells))


@pytest.mark.parametrize(
    ("files", "code", "params"),
    [
        ([], "no_files", {}),
        ([b""], "empty", {"file": 1}),
        ([records_csv(FIXTURE[:1]), b"\xff\xfe\x00x"], "not_text", {"file": 2}),
        ([b"a" * (MAX_FILE_BYTES + 1)], "too_large", {"file": 1, "max": 5}),
        ([figures_csv(figures(FIXTURE))], "is_overview", {"file": 1}),
        ([b"name;label;note\r\nAnna;A;hello\r\n"], "not_records", {"file": 1}),
        ([_GOOD.replace("export_id", "client_id").encode()], "not_records", {"file": 1}),
        ([_row("client-01", "work", "2024-01", "1", "2025-01", "2")], "bad_row", {"line": 3}),
        ([_row("=cmd|' /C calc'!A0", "work", "2024-01", "1", "2025-01", "2")], "bad_row", {}),
        ([_row("0123456789abcdef", "moon", "2024-01", "1", "2025-01", "2")], "bad_row", {}),
        ([_row("0123456789abcdef", "work", "2024-01", "6", "2025-01", "2")], "bad_row", {}),
        ([_row("0123456789abcdef", "work", "2024-01", "0", "2025-01", "2")], "bad_row", {}),
        ([_row("0123456789abcdef", "work", "2024-01", "03", "2025-01", "2")], "bad_row", {}),
        ([_row("0123456789abcdef", "stress", "2024-01", "11", "2025-01", "2")], "bad_row", {}),
        ([_row("0123456789abcdef", "work", "2024-13", "1", "2025-01", "2")], "bad_row", {}),
        ([_row("0123456789abcdef", "work", "2024-01-05", "1", "2025-01", "2")], "bad_row", {}),
        ([_row("0123456789abcdef", "work", "2025-02", "1", "2025-01", "2")], "bad_row", {}),
        ([_row("0123456789abcdef", "work", "2024-01", "1", "2025-01")], "bad_row", {}),
        ([_row("0123456789abcdef", "work", "2024-01", "1", "2025-01", "2", "x")], "bad_row", {}),
        ([_with_row("")], "bad_row", {"line": 3}),
        ([_with_row(_FIRST)], "same_client", {"file": 1, "line": 3}),
        ([_GOOD.encode(), _GOOD.encode()], "same_export", {"file": 2}),
    ],
)
def test_malformed_merge_input_is_refused_with_a_message(files, code, params):
    with pytest.raises(FiguresCsvError) as caught:
        merge_exports(files)
    error = caught.value
    assert error.code == code
    assert params.items() <= error.params.items()
    catalog = load_catalog()
    for language in ("nl", "en"):
        message = catalog.text(error.message_key, language, **error.params)
        assert message and "{" not in message


def test_a_stress_level_of_zero_and_a_file_without_bom_are_read():
    good = _row("0123456789abcdef", "stress", "2024-01", "0", "2025-01", "10")
    assert merge_exports([good]).clients.text == SMALL
    assert merge_exports([good[len(BOM) :]]) == merge_exports([good])
