"""What the figures screen computes, kept apart from Flet so it is tested on its own: reading
the caseload off the event loop, who is left out, and the words and numbers shown.

Nothing here shows a count that :mod:`bridge.coach.figures` would hide: every number comes
from a :class:`~bridge.coach.figures.Count` (already suppressed) or from a row suppressed
here with :func:`~bridge.coach.figures.suppress_row` (the consent note).
"""

from __future__ import annotations

import weakref
from collections.abc import Iterator
from dataclasses import dataclass

from bridge.coach.figures import (
    MIN_CELL,
    ChangeFigures,
    ClientRecord,
    Count,
    Figures,
    client_records,
    figures_of_records,
    suppress_row,
)
from bridge.coach.figures_csv import merge_exports, records_csv
from bridge.coach.store import CoachStore
from bridge.coach.types import ClientHistory, CoachStoreError

__all__ = [
    "Caseload",
    "ConsentNote",
    "FiguresSession",
    "Merged",
    "bar_values",
    "consent_note",
    "decimal",
    "enough",
    "export_records",
    "figures_session",
    "merge_files",
    "read_caseload",
    "share_text",
    "signed",
]


@dataclass(frozen=True)
class Caseload:
    """The consenting clients' records (no id, no label, no text) and how many there are."""

    records: tuple[ClientRecord, ...]
    total: int  # clients on this device
    consenting: int  # whose latest summary consents to the programme figures
    unreadable: int  # whose file is damaged: never counted (part of the left out)

    def figures(self, months: int) -> Figures:
        return figures_of_records(self.records, months)


@dataclass(frozen=True)
class ConsentNote:
    """Counted (consenting) and left out, as a row that adds up to the caseload's size."""

    total: Count
    consenting: Count
    left_out: Count
    unreadable: bool  # some files could not be read (they are among the left out)


def _histories(store: CoachStore, counts: dict[str, int]) -> Iterator[ClientHistory]:
    """Every client's history, one at a time (a long caseload is never all in memory)."""
    for entry in store.entries():
        counts["total"] += 1
        if entry.damaged:
            counts["unreadable"] += 1
            continue
        try:
            history = store.history(entry.client_id)
        except CoachStoreError:  # damaged or gone since the list was read: not counted
            counts["unreadable"] += 1
            continue
        if history.latest is not None and history.latest.consent_programme_figures is True:
            counts["consenting"] += 1
        yield history


def read_caseload(store: CoachStore) -> Caseload:
    """Opens every client's file (slow: run it in a worker thread)."""
    counts = {"total": 0, "consenting": 0, "unreadable": 0}
    records = client_records(_histories(store, counts))
    return Caseload(tuple(records), counts["total"], counts["consenting"], counts["unreadable"])


def export_records(store: CoachStore) -> bytes:
    """The anonymous per-client export, each client under a new random id (worker thread)."""
    return records_csv(_histories(store, {"total": 0, "consenting": 0, "unreadable": 0}))


def consent_note(caseload: Caseload) -> ConsentNote:
    """Who counts and who is left out, hidden as any row is: the coach knows the caseload's
    size, so a small number left out would otherwise be the size minus those counted."""
    left_out = caseload.total - caseload.consenting
    total, (consenting, left) = suppress_row([caseload.consenting, left_out])
    return ConsentNote(total, consenting, left, caseload.unreadable > 0)


@dataclass(frozen=True)
class Merged:
    """An overview merged from several exports, and the names of the files it came from."""

    names: tuple[str, ...]
    files: tuple[bytes, ...]
    figures: Figures


def merge_files(picked: list[tuple[str, bytes]], months: int) -> Merged:
    """Raises FiguresCsvError (nothing merged) for any bad file (run in a worker thread)."""
    files = tuple(data for _, data in picked)
    return Merged(tuple(name for name, _ in picked), files, merge_exports(list(files), months))


@dataclass
class FiguresSession:
    """What the figures screen keeps between builds of one session (a resize, a language)."""

    merged: Merged | None = None
    merge_error: str | None = None


_SESSIONS: weakref.WeakKeyDictionary[object, FiguresSession] = weakref.WeakKeyDictionary()


def figures_session(app: object) -> FiguresSession:
    state = _SESSIONS.get(app)
    if state is None:
        state = _SESSIONS[app] = FiguresSession()
    return state


# -- words and numbers -------------------------------------------------------------------


def decimal(value: float, places: int, language: str) -> str:
    """A number as the language writes it: a decimal comma in Dutch."""
    text = f"{value:.{places}f}"
    if float(text) == 0:
        text = f"{0:.{places}f}"  # never "-0"
    return text.replace(".", ",") if language == "nl" else text


def signed(value: float, places: int, language: str) -> str:
    """A change with its sign: "+0,83", "−1,67", "0,00"."""
    text = decimal(abs(value), places, language)
    if float(decimal(value, places, "en")) > 0:
        return "+" + text
    if float(decimal(value, places, "en")) < 0:
        return "\u2212" + text
    return text


def share_text(count: Count, share: float | None, language: str) -> str:
    """A count with its share when that may be shown: "7 (58%)", "<5", "0 (0%)"."""
    if share is None:
        return count.text
    return f"{count.text} ({decimal(share, 0, language)}%)"


def bar_values(change: ChangeFigures) -> tuple[float | None, float | None, float | None]:
    """The bar heights (percent) of up, same, down; None where the share is not shown."""
    return change.share_up, change.share_same, change.share_down


def enough(change: ChangeFigures) -> bool:
    """Whether the row has shares to draw (n of 5 or more)."""
    return change.n.value is not None and change.n.value >= MIN_CELL
