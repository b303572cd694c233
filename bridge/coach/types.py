"""The values the coach's store hands out: import results, caseload entries, a client's history.

All are frozen. A :class:`Pending` holds a verified summary in memory only
(never on disk) until the coach gives a label (:meth:`CoachStore.add_client`)
or accepts a changed key (:meth:`CoachStore.accept_new_key`).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from enum import Enum

from bridge.coach.filing import Filing
from bridge.sharing.payload_types import BridgeEntry, StressEntry, SummaryPayload

__all__ = [
    "LABEL_MAX_CHARS",
    "ClientEntry",
    "ClientHistory",
    "CoachStoreError",
    "ImportRecord",
    "ImportResult",
    "Pending",
    "Verdict",
    "clean_label",
    "damaged_error",
    "with_damaged",
]

#: A client's label (a name or a code): 1..60 characters after trimming.
LABEL_MAX_CHARS = 60


class Verdict(Enum):
    ADDED = "added"  # filed; became the latest
    ADDED_OLDER = "added_older"  # filed in the history; a newer one stays latest
    NEW_CLIENT = "new_client"  # verified, nothing stored: waits for add_client(label)
    SIGNER_CHANGED = "signer_changed"  # refused loudly; accept_new_key() after checking in person
    DUPLICATE = "duplicate"  # already imported, nothing changed
    REFUSED = "refused"  # bad input; `error` says why


class CoachStoreError(ValueError):
    """Something the store refused; nothing was stored or changed.

    ``code`` is stable; a screen shows ``t(error.message_key, **error.params)``
    (keys in ``bridge/content/strings_coach_store.json``). Codes:
    ``label_empty``, ``label_too_long`` (params ``max``), ``client_damaged``
    (the client's file is damaged: kept, imports to it refused), ``unknown_client``,
    ``already_client`` (add_client for a client that is already filed),
    ``not_changed`` (accept_new_key for a summary whose key is not a changed one),
    ``save_failed`` (the disk refused the write). A locked store raises ``LockedError``.
    """

    def __init__(
        self, code: str, message: str, *, params: Mapping[str, object] | None = None
    ) -> None:
        super().__init__(message)
        self.code = code
        self.params: dict[str, object] = dict(params or {})

    @property
    def message_key(self) -> str:
        return f"coach.store.error.{self.code}"


def damaged_error(client_id: str) -> CoachStoreError:
    return CoachStoreError(
        "client_damaged",
        "This client's file is damaged. It is kept as it is; nothing is added to it.",
        params={"client_id": client_id},
    )


def clean_label(label: str) -> str:
    """The label trimmed (inner runs of spaces made one); raises CoachStoreError, never cuts."""
    cleaned = " ".join(str(label).split())
    if not cleaned:
        raise CoachStoreError("label_empty", "The client's label is empty.")
    if len(cleaned) > LABEL_MAX_CHARS:
        raise CoachStoreError(
            "label_too_long",
            f"The client's label is longer than {LABEL_MAX_CHARS} characters.",
            params={"max": LABEL_MAX_CHARS, "count": len(cleaned)},
        )
    return cleaned


@dataclass(frozen=True)
class Pending:
    """A verified summary held in memory, never on disk (for add_client / accept_new_key)."""

    client_id: str
    signer_fingerprint: str  # to compare with the client's phone (same function the client shows)
    pinned_fingerprint: str | None  # SIGNER_CHANGED: the old one
    created_at: str
    name: str = ""
    summary_id: str = field(default="", repr=False)
    filing: Filing | None = field(default=None, repr=False, compare=False)


@dataclass(frozen=True)
class ImportResult:
    name: str  # file name, or "Geplakt 1"-like label given by the caller
    verdict: Verdict
    client_id: str | None = None
    label: str | None = None  # the client's label when known
    error: Exception | None = None  # for REFUSED / SIGNER_CHANGED: has message_key + params
    pending: Pending | None = None  # for NEW_CLIENT / SIGNER_CHANGED
    created_at: str | None = None
    envelope_version: int | None = None  # 1: an old summary that names no coach (UI warns)


@dataclass(frozen=True)
class ClientEntry:
    """One caseload index row: everything the caseload shows, without opening a client file."""

    client_id: str
    label: str
    signer_fingerprint: str
    latest_at: str | None  # ISO created_at of the latest summary
    latest_bridge_date: str | None
    previous_bridge_date: str | None
    stress_levels: tuple[int, ...]  # the last (up to) 3 stress levels, oldest first
    discuss: tuple[str, ...]  # area ids the client wants to talk about (latest)
    areas_down: tuple[str, ...]  # areas whose step went down, latest vs previous bridge
    active_goals: int
    summaries: int
    envelope_version: int  # 1 = old summary that names no coach: UI warns
    damaged: bool = False  # its file is damaged: kept, not overwritten; caseload says so


@dataclass(frozen=True)
class ImportRecord:
    """One imported summary's metadata (its content is merged into the history)."""

    summary_id: str
    created_at: str
    imported_at: str
    envelope_version: int


@dataclass(frozen=True)
class ClientHistory:
    client_id: str
    label: str
    bridges: tuple[BridgeEntry, ...]  # every date once, oldest first
    stress: tuple[StressEntry, ...]  # every date once, oldest first
    latest: SummaryPayload | None  # the latest summary's payload in full
    latest_text: str  # its readable text
    imports: tuple[ImportRecord, ...]  # oldest created_at first


def with_damaged(entry: ClientEntry) -> ClientEntry:
    return ClientEntry(**{**entry.__dict__, "damaged": True})
