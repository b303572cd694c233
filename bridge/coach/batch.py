"""One run of imports against the store's state: decide each summary's verdict, write in groups.

A :class:`Batch` keeps the documents it changed in memory and writes them
in groups (:data:`MAX_CLIENTS` client files, or :data:`MAX_ITEMS` items, at a time):
each client file once, then hands the group's index rows to the store, which puts
them in its index and writes them to ``bridge.db`` (see :meth:`CoachStore._index_rows`;
``import_many`` writes a whole part's rows at once, after its files). The batch
decides on its own copy of the index. A client file that cannot be saved turns that
client's items in the group into REFUSED (``save_failed``) and stays as it was;
every other item keeps its own verdict.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

from bridge.coach import client_files, history
from bridge.coach.filing import Filing, filing_of
from bridge.coach.import_rules import signer_changed_error, verify
from bridge.coach.opener import Opener
from bridge.coach.records import IndexRow
from bridge.coach.types import CoachStoreError, ImportResult, Pending, Verdict, damaged_error
from bridge.crypto import X25519Identity
from bridge.sharing.errors import SummaryError
from bridge.sharing.signing_key import signer_fingerprint
from bridge.storage.errors import StorageError

__all__ = ["MAX_CLIENTS", "MAX_ITEMS", "Batch"]

#: A group is written when this many client documents are held, or this many items came in.
MAX_CLIENTS = 32
MAX_ITEMS = 200

Document = dict[str, Any]


def _save_failed(error: StorageError) -> CoachStoreError:
    return CoachStoreError(
        "save_failed", f"This could not be saved: {error}. Nothing of it was stored."
    )


class Batch:
    def __init__(
        self,
        save_index: Callable[[dict[str, IndexRow]], None],
        folder: Path,
        key: bytes,
        rows: dict[str, IndexRow],
        read: Callable[[str], Document],
        mark_damaged: Callable[[IndexRow], IndexRow],
        now: str,
    ) -> None:
        self._save_index = save_index
        self._folder = folder
        self._key = key
        self._rows = rows  # the batch's copy of the index: updated as groups are saved
        self._read = read
        self._mark_damaged = mark_damaged
        self._now = now
        self._results: list[ImportResult] = []
        self._docs: dict[str, Document] = {}  # read or changed in this group
        self._dirty: dict[str, list[int]] = {}  # changed client -> its results in this group
        self._items = 0
        self.failures: dict[str, StorageError] = {}

    # -- deciding ------------------------------------------------------------------
    def _pinned(self, client_id: str) -> bytes | None:
        document = self._docs.get(client_id)
        if document is not None:
            return history.pinned_signer(document)
        row = self._rows.get(client_id)
        return row.signer if row is not None else None

    def add(
        self,
        name: str,
        data: bytes | str,
        identity: X25519Identity,
        opened: Filing | None = None,
    ) -> None:
        """``opened``: what a worker opened of it (opener.py); None: open it here."""
        if opened is not None:
            self._decide(name, opened, None, accept=False)
        else:
            try:
                verified = verify(data, identity, self._pinned)
            except SummaryError as exc:
                self._results.append(ImportResult(name, Verdict.REFUSED, error=exc))
            else:
                self._decide(name, filing_of(verified.opened), None, accept=False)
        self._items += 1
        self._maybe_flush()

    def add_all(
        self,
        items: Sequence[tuple[str, bytes | str]],
        identity: X25519Identity,
        opener: Opener | None,
        progress: Callable[[int, int], None] | None = None,
        start: int = 0,
        total: int = 0,
    ) -> None:
        """Adds each item in order; with an opener, workers open them while these are filed.
        ``progress(start + done, total)`` after each."""
        ahead = opener.submit([data for _, data in items]) if opener is not None else None
        for offset, (name, data) in enumerate(items):
            opened = None
            if opener is not None and ahead is not None:
                opened = opener.result(ahead[offset])
            self.add(name, data, identity, opened)
            if progress is not None:
                progress(start + offset + 1, total)

    def add_pending(self, pending: Pending, label: str | None, *, accept: bool = False) -> None:
        if pending.filing is None:
            raise CoachStoreError("not_pending", "This summary is no longer held; import it again.")
        self._decide(pending.name, pending.filing, label, accept=accept)

    def _document(self, client_id: str) -> Document | None:
        document = self._docs.get(client_id)
        if document is None:
            row = self._rows[client_id]
            try:
                document = self._read(client_id)
            except CoachStoreError as exc:
                if exc.code == "client_damaged":
                    self._rows[client_id] = self._mark_damaged(row)
                return None
            self._docs[client_id] = document
        return document

    def _decide(self, name: str, opened: Filing, label: str | None, *, accept: bool) -> None:
        client_id = opened.client_id
        created_at = opened.created_at
        row = self._rows.get(client_id)
        known_label = row.entry.label if row is not None else None

        def result(verdict: Verdict, **extra: Any) -> None:
            extra.setdefault("label", known_label)
            self._results.append(
                ImportResult(
                    name,
                    verdict,
                    client_id=client_id,
                    created_at=created_at,
                    envelope_version=opened.envelope_version,
                    **extra,
                )
            )

        if row is not None and row.entry.damaged:
            return result(Verdict.REFUSED, error=damaged_error(client_id))
        if row is None and client_id not in self._docs:
            if label is None:
                return result(Verdict.NEW_CLIENT, pending=_pending(name, opened, None))
            document = history.new_document(client_id, label, opened.signer, self._now)
            self._docs[client_id] = document
        else:
            found = self._document(client_id)
            if found is None:
                return result(Verdict.REFUSED, error=damaged_error(client_id))
            document = found
        known_label = document["label"]
        pinned = history.pinned_signer(document)
        if pinned != opened.signer:
            if not accept:
                return result(
                    Verdict.SIGNER_CHANGED,
                    error=signer_changed_error(client_id, pinned, opened.signer),
                    pending=_pending(name, opened, pinned),
                )
            history.repin(document, opened.signer, self._now)
            self._dirty.setdefault(client_id, [])
        sid = history.summary_id(opened)
        if history.has_summary(document, sid):
            return result(Verdict.DUPLICATE)
        verdict = history.file_summary(document, opened, sid, self._now)
        self._dirty.setdefault(client_id, []).append(len(self._results))
        result(verdict)

    def put(self, document: Document) -> None:
        """A changed document (a new label) to write with this group."""
        self._docs[document["client_id"]] = document
        self._dirty.setdefault(document["client_id"], [])

    # -- writing -------------------------------------------------------------------
    def _maybe_flush(self) -> None:
        if len(self._docs) >= MAX_CLIENTS or self._items >= MAX_ITEMS:
            self._flush()

    def _fail(self, client_id: str, error: StorageError) -> None:
        self.failures[client_id] = error
        for index in self._dirty.get(client_id, []):
            old = self._results[index]
            self._results[index] = ImportResult(
                old.name,
                Verdict.REFUSED,
                client_id=old.client_id,
                label=old.label,
                error=_save_failed(error),
                created_at=old.created_at,
                envelope_version=old.envelope_version,
            )

    def _flush(self) -> None:
        dirty = {cid: self._docs[cid] for cid in self._dirty}
        self._items = 0
        if dirty:
            self._write(dirty)
        self._docs.clear()
        self._dirty.clear()

    def _write(self, dirty: dict[str, Document]) -> None:
        stamps, errors = client_files.write_clients(self._folder, self._key, dirty)
        for cid, error in errors.items():
            self._fail(cid, error)
        saved: dict[str, IndexRow] = {}
        for cid, stamp in stamps.items():
            document = dirty[cid]
            row = IndexRow(history.entry_of(document), history.pinned_signer(document), stamp)
            self._rows[cid] = row
            saved[cid] = row
        self._save_index(saved)

    def finish(self) -> list[ImportResult]:
        self._flush()
        return self._results

    def finish_writes(self) -> CoachStoreError | None:
        """Writes what is held; the error of the first client that could not be saved."""
        self._flush()
        for error in self.failures.values():
            return _save_failed(error)
        return None


def _pending(name: str, filing: Filing, pinned: bytes | None) -> Pending:
    return Pending(
        client_id=filing.client_id,
        signer_fingerprint=signer_fingerprint(filing.signer),
        pinned_fingerprint=signer_fingerprint(pinned) if pinned is not None else None,
        created_at=filing.created_at,
        name=name,
        filing=filing,
    )
