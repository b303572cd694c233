"""Programme figures as CSV for Dutch Excel, and merging several coaches' exports into one overview.

Every file is UTF-8 with a byte order mark (so Excel reads it as UTF-8), ``;``
between cells, CRLF line ends and a decimal comma (``33,3``). Every text cell
that starts with ``=``, ``+``, ``-``, ``@``, a tab or a CR gets a leading ``'``
(:func:`safe_cell`), so Excel never runs it as a formula; numbers are written by
this module itself and never pass through as text.

Names follow the Gemeentelijk Gegevensmodel (GGM, model "Jeugd en Wmo Generiek")
where it has them: its *Zelfredzaamheidmatrix* scores a *Leefgebied* (attribute
``naam``) with a *Score* (attribute ``datum``) of a *Scoresoort* (attribute
``niveau``). So an area is ``leefgebied`` (the app's area id, e.g. ``housing``),
a step is a ``niveau`` and its date a ``datum``. The GGM has no names for
change figures; those are plain Dutch.

**(a) The overview** (:func:`figures_csv`), already suppressed
(:mod:`bridge.coach.figures`). One row per area, then a row ``stress``, then a
row ``clienten``. Columns:

===========================  ===========================================================
``leefgebied``               area id; ``stress``; ``clienten`` (n = clients counted)
``min_maanden``              the months-apart rule used (first and latest bridge)
``n``                        clients with a first and latest reading that far apart
``omhoog``                   how many went up at least one step (stress: higher level)
``gelijk``                   how many stayed the same
``omlaag``                   how many went down
``omhoog_pct`` ..            the same as a percentage of n (one decimal), when shown
``gemiddelde_verandering``   mean of latest minus first (two decimals), when n >= 5
``eerste_niveau_1`` .. _5    how many were at step 1..5 at the first bridge (areas only)
``laatste_niveau_1`` .. _5   and at the latest bridge
===========================  ===========================================================

A count is a number, ``<5`` (hidden: 0 to 4) or ``x`` (hidden to protect
another cell: 5 or more); an empty cell is a figure that is not shown.

**(b) The per-client records** (:func:`records_csv`), for merging across coaches:
one row per client per area, plus one row ``stress``. Columns ``export_id``
(random for each client in each export: never the client id, and a new one in the
next export), ``leefgebied``, ``datum_eerste``, ``niveau_eerste``,
``datum_laatste``, ``niveau_laatste`` (dates as ``YYYY-MM``: the month only). No
label, note, free text or client id; the rows are in random order.

:func:`merge_exports` reads several such files exactly as they were exported
(strictly: anything else is refused with a :class:`FiguresCsvError`) and gives
the overview over all of them, with the same suppression. A file opened and saved
again in Excel is not the same file: merge the files as exported.
"""

from __future__ import annotations

import csv
import io
import re
import secrets
from collections.abc import Callable, Iterable, Mapping, Sequence

from bridge.coach.figures import (
    DEFAULT_MONTHS,
    ChangeFigures,
    ClientRecord,
    Count,
    Figures,
    Month,
    Pair,
    area_order,
    client_records,
    figures_of_records,
)
from bridge.coach.types import ClientHistory
from bridge.domain.assessment import MAX_STEP, MAX_STRESS, MIN_STEP, MIN_STRESS

__all__ = [
    "AGGREGATE_COLUMNS",
    "MAX_FILE_BYTES",
    "RECORD_COLUMNS",
    "STRESS_ROW",
    "FiguresCsvError",
    "figures_csv",
    "merge_exports",
    "records_csv",
    "safe_cell",
]

BOM = "\ufeff"
STRESS_ROW = "stress"
CLIENTS_ROW = "clienten"
MAX_FILE_BYTES = 5_000_000
_ID_BYTES = 8  # export ids are 16 hex digits
_STEPS = range(MIN_STEP, MAX_STEP + 1)

AGGREGATE_COLUMNS: tuple[str, ...] = (
    "leefgebied",
    "min_maanden",
    "n",
    "omhoog",
    "gelijk",
    "omlaag",
    "omhoog_pct",
    "gelijk_pct",
    "omlaag_pct",
    "gemiddelde_verandering",
    *(f"eerste_niveau_{s}" for s in _STEPS),
    *(f"laatste_niveau_{s}" for s in _STEPS),
)
RECORD_COLUMNS: tuple[str, ...] = (
    "export_id",
    "leefgebied",
    "datum_eerste",
    "niveau_eerste",
    "datum_laatste",
    "niveau_laatste",
)

_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
_ID = re.compile(r"[0-9a-f]{16}")
_MONTH = re.compile(r"[0-9]{4}-(0[1-9]|1[0-2])")
_LEVEL = re.compile(r"0|[1-9][0-9]?")


class FiguresCsvError(ValueError):
    """A file merge_exports refuses; nothing is merged.

    A screen shows ``t(error.message_key, **error.params)`` (keys in
    ``bridge/content/strings_coach_figures.json``). Codes: ``no_files``, ``empty``,
    ``too_large`` (``max``), ``not_text``, ``is_overview`` (the overview, not the
    per-client records), ``not_records``, ``bad_row`` (``line``), ``same_client``
    (``line``: a client's area twice), ``same_export`` (the same export, or a
    client, in two files). Every code but ``no_files`` also has ``file`` (1 = the
    first file).
    """

    def __init__(self, code: str, message: str, *, params: Mapping[str, object]) -> None:
        super().__init__(message)
        self.code = code
        self.params: dict[str, object] = dict(params)

    @property
    def message_key(self) -> str:
        return f"coach.figures.error.{self.code}"


def safe_cell(text: str) -> str:
    """A text cell Excel shows as text: a leading ``'`` before = + - @ tab CR."""
    return "'" + text if text.startswith(_FORMULA_START) else text


def _decimal(value: float | None, places: int) -> str:
    if value is None:
        return ""
    text = f"{value:.{places}f}"
    if float(text) == 0:
        text = f"{0:.{places}f}"  # never "-0,00"
    return text.replace(".", ",")


def _count(count: Count) -> str:
    return safe_cell(count.text)


def _write(rows: Iterable[Sequence[str]]) -> bytes:
    out = io.StringIO()
    writer = csv.writer(out, delimiter=";", lineterminator="\r\n", quoting=csv.QUOTE_MINIMAL)
    writer.writerows(rows)
    return (BOM + out.getvalue()).encode("utf-8")


def _change_row(name: str, months: int, change: ChangeFigures) -> list[str]:
    return [
        safe_cell(name),
        str(months),
        _count(change.n),
        _count(change.up),
        _count(change.same),
        _count(change.down),
        _decimal(change.share_up, 1),
        _decimal(change.share_same, 1),
        _decimal(change.share_down, 1),
        _decimal(change.mean_change, 2),
    ]


def figures_csv(figures: Figures) -> bytes:
    """The overview (a): one row per area, then ``stress`` and ``clienten``."""
    rows: list[Sequence[str]] = [[safe_cell(c) for c in AGGREGATE_COLUMNS]]
    blank_steps = [""] * (2 * len(_STEPS))
    for area in figures.areas:
        row = _change_row(area.area_id, figures.months, area.change)
        rows.append(row + [_count(c) for c in area.first] + [_count(c) for c in area.latest])
    rows.append(_change_row(STRESS_ROW, figures.months, figures.stress) + blank_steps)
    clients = [safe_cell(CLIENTS_ROW), str(figures.months), _count(figures.clients)]
    rows.append(clients + [""] * (len(AGGREGATE_COLUMNS) - len(clients)))
    return _write(rows)


def _pair_row(export_id: str, name: str, pair: Pair) -> list[str]:
    return [
        export_id,
        safe_cell(name),
        str(pair.first_month),
        str(pair.first),
        str(pair.latest_month),
        str(pair.latest),
    ]


def records_csv(
    histories: Iterable[ClientHistory],
    *,
    token: Callable[[int], str] = secrets.token_hex,
) -> bytes:
    """The per-client records (b) of the consenting clients, each under a new random id."""
    records = client_records(histories)
    secrets.SystemRandom().shuffle(records)  # the row order says nothing of the caseload
    rows: list[Sequence[str]] = [list(RECORD_COLUMNS)]
    used: set[str] = set()
    for record in records:
        export_id = token(_ID_BYTES)
        while export_id in used:
            export_id = token(_ID_BYTES)
        used.add(export_id)
        rows.extend(_pair_row(export_id, area_id, pair) for area_id, pair in record.areas)
        if record.stress is not None:
            rows.append(_pair_row(export_id, STRESS_ROW, record.stress))
    return _write(rows)


# -- merging ----------------------------------------------------------------------------


def _refuse(code: str, message: str, **params: object) -> FiguresCsvError:
    return FiguresCsvError(code, message, params=params)


def _text_of(data: object, file_no: int) -> str:
    if not isinstance(data, bytes | bytearray) or not data:
        raise _refuse("empty", "The file is empty.", file=file_no)
    if len(data) > MAX_FILE_BYTES:
        raise _refuse(
            "too_large", "The file is too large.", file=file_no, max=MAX_FILE_BYTES // 1_000_000
        )
    try:
        text = bytes(data).decode("utf-8")
    except UnicodeDecodeError:
        raise _refuse("not_text", "The file is not UTF-8 text.", file=file_no) from None
    return text.removeprefix(BOM)


def _level(cell: str, low: int, high: int) -> int | None:
    if not _LEVEL.fullmatch(cell):
        return None
    value = int(cell)
    return value if low <= value <= high else None


def _pair_of(cells: Sequence[str], stress: bool) -> Pair | None:
    low, high = (MIN_STRESS, MAX_STRESS) if stress else (MIN_STEP, MAX_STEP)
    first_month, first, latest_month, latest = cells
    if not (_MONTH.fullmatch(first_month) and _MONTH.fullmatch(latest_month)):
        return None
    first_level, latest_level = _level(first, low, high), _level(latest, low, high)
    if first_level is None or latest_level is None:
        return None
    pair = Pair(Month.of(first_month), first_level, Month.of(latest_month), latest_level)
    return pair if pair.first_month <= pair.latest_month else None


def _read_file(text: str, file_no: int, areas: frozenset[str]) -> dict[str, dict[str, Pair]]:
    """export id -> {area id or "stress" -> pair}; raises FiguresCsvError."""
    try:
        rows = list(csv.reader(io.StringIO(text, newline=""), delimiter=";", strict=True))
    except csv.Error:
        raise _refuse("not_records", "This is not a per-client export.", file=file_no) from None
    if not rows or tuple(rows[0]) != RECORD_COLUMNS:
        if rows and tuple(rows[0]) == AGGREGATE_COLUMNS:
            raise _refuse(
                "is_overview", "This is an overview, not a per-client export.", file=file_no
            )
        raise _refuse("not_records", "This is not a per-client export.", file=file_no)
    clients: dict[str, dict[str, Pair]] = {}
    for line, row in enumerate(rows[1:], start=2):
        if len(row) != len(RECORD_COLUMNS):
            raise _refuse("bad_row", "A line is not as exported.", file=file_no, line=line)
        export_id, name, *cells = row
        pair = _pair_of(cells, name == STRESS_ROW)
        if not _ID.fullmatch(export_id) or (name not in areas and name != STRESS_ROW) or not pair:
            raise _refuse("bad_row", "A line is not as exported.", file=file_no, line=line)
        client = clients.setdefault(export_id, {})
        if name in client:
            raise _refuse("same_client", "A client's area is there twice.", file=file_no, line=line)
        client[name] = pair
    return clients


def merge_exports(files: Sequence[bytes], months: int = DEFAULT_MONTHS) -> Figures:
    """The overview over several coaches' per-client exports, suppressed as always."""
    if not files:
        raise _refuse("no_files", "There is nothing to merge.")
    order = area_order()
    areas = frozenset(order)
    seen: set[str] = set()
    records: list[ClientRecord] = []
    for file_no, data in enumerate(files, start=1):
        clients = _read_file(_text_of(data, file_no), file_no, areas)
        if seen & clients.keys():
            raise _refuse("same_export", "This export is there twice.", file=file_no)
        seen.update(clients)
        for pairs in clients.values():
            record_areas = tuple((a, pairs[a]) for a in order if a in pairs)
            records.append(ClientRecord(record_areas, pairs.get(STRESS_ROW)))
    return figures_of_records(records, months)
