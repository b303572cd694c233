"""A client's document in their file: the merged history, the latest summary, the imports.

Each summary carries the client's whole history, so the document keeps each
bridge date and each stress date once (merged), the latest summary's payload
and text in full, and a small record per import; never 24 copies::

    {
      "format": "bridge-coach-client", "schema": 1,
      "client_id": "<16 hex>", "label": "...",
      "signer": "<base64 Ed25519 public key>",      (pinned; trust on first use)
      "keys": [{"signer": "...", "from": "<ISO time>"}],   (every key pinned, oldest first)
      "bridges": {"YYYY-MM-DD": {"steps": {area: 1..5}, "from": "<created_at>"}},
      "stress": {"YYYY-MM-DD": {"level": 0..10, "from": "<created_at>"}},
      "latest": null | {"payload": "<the payload's JSON, as text>", "text": "...",
                        "envelope_version": 1 | 2, "created_at": "...",
                        "discuss": [area, ...], "active_goals": n},
      "imports": [{"summary_id", "created_at", "imported_at", "envelope_version"}],
      "client_recipient": {"recipient": "age1…", "from": "<created_at>"}   (optional)
    }

``from`` is the ``created_at`` of the summary a value came from: for a date
that two summaries hold, the newer summary's value wins, whatever order they
arrive in, so merging does not depend on the order of import.

``client_recipient`` is the client's own age key from the newest summary that
carried one (the coach seals the agreed plan to it); absent until one did.

The latest payload is kept as JSON text (parsed only when the client page asks
for it), with the few fields the caseload needs beside it; the client's file
stores that text and the readable text beside the document's JSON, not escaped
inside it (see :mod:`bridge.coach.client_files`). What is filed of a summary is
a :class:`~bridge.coach.filing.Filing`.
"""

from __future__ import annotations

import base64
import hashlib
import json
from datetime import UTC, datetime
from types import MappingProxyType
from typing import Any

from bridge.coach.filing import Filing
from bridge.coach.types import ClientEntry, ClientHistory, ImportRecord, Verdict
from bridge.crypto import AgeError, X25519Recipient
from bridge.sharing.payload import validate_payload
from bridge.sharing.payload_types import BridgeEntry, StressEntry
from bridge.sharing.signing_key import signer_fingerprint

__all__ = [
    "FORMAT",
    "SCHEMA",
    "check_document",
    "client_recipient",
    "entry_of",
    "file_summary",
    "has_summary",
    "history_of",
    "new_document",
    "pinned_signer",
    "repin",
    "summary_id",
]

FORMAT = "bridge-coach-client"
SCHEMA = 1

Document = dict[str, Any]
#: The text fields of the optional ``client_recipient`` part.
_HELD = ("recipient", "from")


def _b64(data: bytes) -> str:
    return base64.b64encode(data).decode("ascii")


def _moment(iso: str) -> float:
    moment = datetime.fromisoformat(iso)
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=UTC)
    return moment.timestamp()


def summary_id(filing: Filing) -> str:
    """What identifies a summary: a hash of signed parts that tell one summary from another.

    The signing key, the moment it was made (to the microsecond), its choices and
    its readable text (made from the whole payload). Two different summaries share
    them only if one key signed both at the same microsecond with the same text:
    that is the same summary. Hashing the whole payload as well would cost a
    second serialisation of up to 180 KiB per import for nothing more.
    """
    head = json.dumps(
        [
            filing.envelope_version,
            filing.client_id,
            filing.created_at,
            filing.language,
            dict(filing.choices),
        ],
        sort_keys=True,
    )
    digest = hashlib.sha256(filing.signer + b"\0" + head.encode("utf-8") + b"\0")
    digest.update(filing.text.encode("utf-8"))
    return digest.hexdigest()


def new_document(client_id: str, label: str, signer: bytes, now: str) -> Document:
    return {
        "format": FORMAT,
        "schema": SCHEMA,
        "client_id": client_id,
        "label": label,
        "signer": _b64(signer),
        "keys": [{"signer": _b64(signer), "from": now}],
        "bridges": {},
        "stress": {},
        "latest": None,
        "imports": [],
    }


def check_document(document: Any, client_id: str) -> Document:
    """The document as read from a client's file; ValueError when it is not one of ours."""
    if not isinstance(document, dict) or document.get("format") != FORMAT:
        raise ValueError("not a coach client document")
    if document.get("schema") != SCHEMA:
        raise ValueError("a client document of another schema")
    if document.get("client_id") != client_id:
        raise ValueError("the document belongs to another client")
    for name, kind in (("label", str), ("signer", str), ("bridges", dict), ("stress", dict)):
        if not isinstance(document.get(name), kind):
            raise ValueError(f"the document's {name} is missing")
    if not isinstance(document.get("imports"), list) or not isinstance(document.get("keys"), list):
        raise ValueError("the document's imports are missing")
    for name, texts in (("latest", ("payload", "created_at")), ("client_recipient", _HELD)):
        part = document.get(name)
        if part is not None and not (
            isinstance(part, dict) and all(isinstance(part.get(key), str) for key in texts)
        ):
            raise ValueError(f"the document's {name} is not readable")
    return document


def pinned_signer(document: Document) -> bytes:
    return base64.b64decode(document["signer"])


def repin(document: Document, signer: bytes, now: str) -> None:
    """Pins another key for this client (after the coach checked it in person)."""
    document["signer"] = _b64(signer)
    document["keys"].append({"signer": _b64(signer), "from": now})


def has_summary(document: Document, sid: str) -> bool:
    return any(item.get("summary_id") == sid for item in document["imports"])


def _merge(
    table: dict[str, Any],
    date: str,
    value: dict[str, Any],
    created: float,
    moments: dict[str, float],
) -> None:
    """One entry per day: a newer summary's wins, and within one summary (oldest first) the
    day's last one, the bridge the client ended that day with. ``moments`` keeps the
    ``from`` times already read (most entries come from a few summaries)."""
    held = table.get(date)
    if held is not None:
        source = held["from"]
        moment = moments.get(source)
        if moment is None:
            moment = moments[source] = _moment(source)
        if moment > created:
            return
    table[date] = value


def file_summary(document: Document, filing: Filing, sid: str, now: str) -> Verdict:
    """Merges the summary into the document: ADDED (now the latest) or ADDED_OLDER.

    The caller checked the signer and that ``sid`` is new (see :func:`has_summary`).
    """
    created_at = filing.created_at
    created = _moment(created_at)
    moments = {created_at: created}
    for date, steps in filing.bridges:
        value = {"steps": dict(steps), "from": created_at}
        _merge(document["bridges"], date, value, created, moments)
    for date, level in filing.stress:
        _merge(document["stress"], date, {"level": level, "from": created_at}, created, moments)
    document["imports"].append(
        {
            "summary_id": sid,
            "created_at": created_at,
            "imported_at": now,
            "envelope_version": filing.envelope_version,
        }
    )
    document["imports"].sort(key=lambda item: _moment(item["created_at"]))
    held = document.get("client_recipient")
    if filing.client_recipient is not None and (held is None or _moment(held["from"]) <= created):
        document["client_recipient"] = {"recipient": filing.client_recipient, "from": created_at}
    latest = document["latest"]
    if latest is not None and _moment(latest["created_at"]) >= created:
        return Verdict.ADDED_OLDER
    document["latest"] = {
        "payload": filing.payload_json,
        "text": filing.text,
        "envelope_version": filing.envelope_version,
        "created_at": created_at,
        "discuss": list(filing.discuss),
        "active_goals": filing.active_goals,
    }
    return Verdict.ADDED


def client_recipient(document: Document) -> X25519Recipient | None:
    """The client's own age key from the newest summary that carried one, else None."""
    held = document.get("client_recipient")
    if held is None:
        return None
    try:
        return X25519Recipient.parse(held["recipient"])
    except AgeError:  # checked on import; a key spoilt since is as none: ask to share again
        return None


def _sorted_bridges(document: Document) -> list[tuple[str, dict[str, int]]]:
    return [(day, document["bridges"][day]["steps"]) for day in sorted(document["bridges"])]


def entry_of(document: Document, *, damaged: bool = False) -> ClientEntry:
    """The caseload row of this client, computed from their document."""
    bridges = _sorted_bridges(document)
    stress = [document["stress"][day]["level"] for day in sorted(document["stress"])]
    latest: dict[str, Any] = document["latest"] or {}
    down: tuple[str, ...] = ()
    if len(bridges) >= 2:
        before, after = bridges[-2][1], bridges[-1][1]
        down = tuple(area for area, step in after.items() if area in before and step < before[area])
    return ClientEntry(
        client_id=document["client_id"],
        label=document["label"],
        signer_fingerprint=signer_fingerprint(pinned_signer(document)),
        latest_at=latest.get("created_at"),
        latest_bridge_date=bridges[-1][0] if bridges else None,
        previous_bridge_date=bridges[-2][0] if len(bridges) >= 2 else None,
        stress_levels=tuple(stress[-3:]),
        discuss=tuple(latest.get("discuss", ())),
        areas_down=down,
        active_goals=int(latest.get("active_goals", 0)),
        summaries=len(document["imports"]),
        envelope_version=int(latest.get("envelope_version", 0)),
        damaged=damaged,
    )


def history_of(document: Document) -> ClientHistory:
    """Everything the client page shows (the latest payload is checked again as it is read)."""
    latest = document["latest"]
    return ClientHistory(
        client_id=document["client_id"],
        label=document["label"],
        bridges=tuple(
            BridgeEntry(day, MappingProxyType(dict(steps)))
            for day, steps in _sorted_bridges(document)
        ),
        stress=tuple(
            StressEntry(day, document["stress"][day]["level"]) for day in sorted(document["stress"])
        ),
        latest=validate_payload(json.loads(latest["payload"])) if latest is not None else None,
        latest_text=latest["text"] if latest is not None else "",
        imports=tuple(
            ImportRecord(
                summary_id=item["summary_id"],
                created_at=item["created_at"],
                imported_at=item["imported_at"],
                envelope_version=item["envelope_version"],
            )
            for item in document["imports"]
        ),
    )
