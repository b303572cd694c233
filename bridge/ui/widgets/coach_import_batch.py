"""The import screen's state for one session, and the store calls it makes (no Flet).

Kept outside the view so nothing is lost when the screen is built again (a resize to a laptop
width, a change of language): the pasted text, the typed labels, the last batch's results and
the summaries that wait for the coach. It belongs to one open store: when the data was locked
(a new store), what waited is forgotten, since it held verified summaries in memory.

Every function here that takes a store is slow (decrypting, writing files): call it in a
worker thread, never on the event loop.
"""

from __future__ import annotations

import weakref
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field

from bridge.coach.store import CoachStore
from bridge.coach.types import ImportResult, Pending, Verdict

#: Items per call to the store: lines and progress show up while a big batch runs.
CHUNK = 20

Item = tuple[str, bytes | str]


@dataclass(frozen=True)
class Held:
    """A result that waits, its pending summary, and the data it came from."""

    result: ImportResult
    pending: Pending
    data: bytes | str


@dataclass
class Waiting:
    """Summaries that wait for the coach: one new client's, or one client's with a changed key."""

    verdict: Verdict
    client_id: str
    fingerprint: str
    #: The waiting results, each with the data it came from (to file the rest after the first).
    items: list[Held] = field(default_factory=list)
    #: What the coach typed as the new client's label (kept over a rebuild).
    label_draft: str = ""
    problem: str | None = None

    @property
    def key(self) -> tuple[str, str, str]:
        return (self.verdict.value, self.client_id, self.fingerprint)

    @property
    def first(self) -> Pending:
        return self.items[0].pending

    @property
    def pinned(self) -> str | None:
        return self.first.pinned_fingerprint

    @property
    def label(self) -> str | None:
        return next((h.result.label for h in self.items if h.result.label), None)


def waiting_key(result: ImportResult) -> tuple[str, str, str] | None:
    pending = result.pending
    if result.verdict not in (Verdict.NEW_CLIENT, Verdict.SIGNER_CHANGED) or pending is None:
        return None
    return (result.verdict.value, pending.client_id, pending.signer_fingerprint)


@dataclass
class ImportSession:
    """Everything the import screen shows, for one session."""

    text: str = ""
    results: list[ImportResult] = field(default_factory=list)
    #: Positions in `results` of old (version 1) summaries, which name no coach.
    old_format: set[int] = field(default_factory=set)
    waiting: dict[tuple[str, str, str], Waiting] = field(default_factory=dict)
    pasted: int = 0
    busy: bool = False
    done: int = 0
    total: int = 0
    message: str | None = None
    #: The latest view's redraw: a batch that outlives a rebuild updates the new view.
    redraw: Callable[[], None] | None = None
    _store: Callable[[], object | None] = field(default=lambda: None, repr=False)

    def belongs_to(self, store: object) -> None:
        """Forgets results and waiting summaries that came from another (closed) store."""
        if self._store() is store:
            return
        self.results, self.old_format, self.waiting = [], set(), {}
        self.message = None
        try:
            self._store = weakref.ref(store)
        except TypeError:  # not weakly referable: hold the identity only
            ident = id(store)
            self._store = lambda: store if id(store) == ident else None

    def paste_numbers(self, count: int) -> list[int]:
        """'Geplakt 1', 'Geplakt 2'...: numbered on through the session, so names stay apart."""
        first = self.pasted + 1
        self.pasted += count
        return list(range(first, first + count))

    def begin(self, total: int) -> None:
        self.results, self.old_format = [], set()
        self.busy, self.done, self.total, self.message = True, 0, total, None

    def add(self, batch: Sequence[tuple[ImportResult, bytes | str, bool]]) -> None:
        """Results of one chunk, each with its data and whether it is an old summary."""
        for result, data, old in batch:
            if old:
                self.old_format.add(len(self.results))
            self.results.append(result)
            key = waiting_key(result)
            if key is None or result.pending is None:
                continue
            group = self.waiting.get(key)
            if group is None:
                group = Waiting(result.verdict, key[1], key[2])
                self.waiting[key] = group
            if all(h.pending != result.pending for h in group.items):
                group.items.append(Held(result, result.pending, data))
        self.done += len(batch)

    def finish(self) -> None:
        self.busy = False

    def resolve(self, key: tuple[str, str, str], outcome: Sequence[ImportResult]) -> None:
        """The waiting group is handled: its results' lines now say what happened."""
        group = self.waiting.pop(key, None)
        if group is None:
            return
        for held, after in zip(group.items, outcome, strict=False):
            before = held.result
            for index, shown in enumerate(self.results):
                if shown is before:
                    self.results[index] = after

    def waiting_count(self) -> int:
        return sum(len(group.items) for group in self.waiting.values())

    def show(self) -> None:
        if self.redraw is not None:
            self.redraw()


_SESSIONS: weakref.WeakKeyDictionary[object, ImportSession] = weakref.WeakKeyDictionary()


def session_of(owner: object) -> ImportSession:
    """The import state of one app session (dropped with the session)."""
    found = _SESSIONS.get(owner)
    if found is None:
        found = ImportSession()
        _SESSIONS[owner] = found
    return found


def chunks(items: Sequence[Item], size: int = CHUNK) -> list[list[Item]]:
    return [list(items[i : i + size]) for i in range(0, len(items), size)]


def import_chunk(
    store: CoachStore, items: Sequence[Item]
) -> list[tuple[ImportResult, bytes | str, bool]]:
    """Imports one chunk; each result with its data and whether it was an old summary."""
    results = store.import_many(list(items))
    out = []
    for (_, data), result in zip(items, results, strict=True):
        out.append((result, data, is_old_format(store, result)))
    return out


def is_old_format(store: CoachStore, result: ImportResult) -> bool:
    """Whether the item is an old (version 1) summary, which names no coach."""
    pending = result.pending
    if pending is not None and pending.filing is not None:
        return pending.filing.envelope_version == 1
    version = getattr(result, "envelope_version", None)
    if isinstance(version, int):
        return version == 1
    if result.verdict is Verdict.ADDED and result.client_id is not None:
        entry = store.entry(result.client_id)  # the latest is this one
        return entry is not None and entry.envelope_version == 1
    return False


def settle(
    store: CoachStore, group: Waiting, first: Callable[[Pending], ImportResult]
) -> list[ImportResult]:
    """Files a waiting group: `first` for its first summary (add the client with a label, or
    accept the new key), then the others are imported as usual (now the key is pinned)."""
    outcome = [first(group.first)]
    if outcome[0].verdict not in (Verdict.ADDED, Verdict.ADDED_OLDER):
        return outcome
    rest = [(held.result.name, held.data) for held in group.items[1:]]
    return outcome + (store.import_many(rest) if rest else [])


def add_client(store: CoachStore, group: Waiting, label: str) -> list[ImportResult]:
    return settle(store, group, lambda pending: store.add_client(pending, label))


def accept_new_key(store: CoachStore, group: Waiting) -> list[ImportResult]:
    return settle(store, group, store.accept_new_key)
