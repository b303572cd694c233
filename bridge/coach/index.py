"""The caseload index held in memory: one row per client, made to agree with the client files.

When the store opens, the rows saved in ``bridge.db`` are checked against the client
files on disk (see :mod:`bridge.coach.records` for why the files are the truth):
:func:`agreed_rows` computes again a row whose file changed, removes a row without
a file and adds one for a file without a row.

The rows the store hands out are never changed in place: every change makes a new
mapping (:func:`with_changes`, 500 small rows copy in microseconds) that replaces the
old one at once. So the caseload is read without waiting for an import that is writing
(an import holds the store's lock for a chunk, a second or more when its worker
processes are still starting), and a reader never sees a change half made.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from pathlib import Path
from typing import Any

from bridge.coach import client_files, history
from bridge.coach.records import (
    INDEX_TABLE,
    CoachRecords,
    IndexRow,
    row_from_checked,
    row_to_record,
)
from bridge.coach.types import ClientEntry, CoachStoreError, with_damaged

__all__ = ["Rows", "agreed_rows", "rebuilt_row", "with_changes"]

Rows = Mapping[str, IndexRow]


def rebuilt_row(
    read: Callable[[str], dict[str, Any]],
    client_id: str,
    old: IndexRow | None,
    stamp: client_files.Stamp,
) -> IndexRow:
    """The row computed from the client's file; a damaged row when the file does not open."""
    try:
        document = read(client_id)
    except CoachStoreError:
        if old is not None:
            return IndexRow(with_damaged(old.entry), old.signer, stamp)
        entry = ClientEntry(client_id, client_id, "", None, None, None, (), (), (), 0, 0, 0, True)
        return IndexRow(entry, bytes(32), stamp)
    return IndexRow(history.entry_of(document), history.pinned_signer(document), stamp)


def agreed_rows(
    repo: CoachRecords, folder: Path, read: Callable[[str], dict[str, Any]]
) -> dict[str, IndexRow]:
    """The saved rows, made to agree with the client files; the fixes are saved too."""
    rows = {r.entry.client_id: r for r in repo.parsed(INDEX_TABLE, row_from_checked)}
    on_disk = client_files.client_files_on_disk(folder)
    fixes: dict[str, dict[str, Any] | None] = {}
    for client_id, row in list(rows.items()):
        stamp = on_disk.get(client_id)
        if stamp is None:
            del rows[client_id]
            fixes[client_id] = None
        elif row.stamp != stamp:
            rows[client_id] = rebuilt_row(read, client_id, row, stamp)
            fixes[client_id] = row_to_record(rows[client_id])
    for client_id in sorted(on_disk.keys() - rows.keys()):
        rows[client_id] = rebuilt_row(read, client_id, None, on_disk[client_id])
        fixes[client_id] = row_to_record(rows[client_id])
    if fixes:
        client_files.remove_stale_temps(folder)
        repo.put_records(INDEX_TABLE, fixes)
    return rows


def with_changes(rows: Rows, changes: Mapping[str, IndexRow | None]) -> dict[str, IndexRow]:
    """A new mapping: ``rows`` with each changed row put in (None: removed)."""
    out = dict(rows)
    for client_id, row in changes.items():
        if row is None:
            out.pop(client_id, None)
        else:
            out[client_id] = row
    return out
