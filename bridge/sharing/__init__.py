"""Sharing an encrypted summary with the coach (PRODUCT.md §3), without any screens.

* :mod:`~bridge.sharing.signing_key` — the client's Ed25519 key and own age key, made on first use;
* :mod:`~bridge.sharing.coaches` — pairing with a coach's age key and signing key;
* :mod:`~bridge.sharing.summary` — the client's choices and the summary built from them;
* :mod:`~bridge.sharing.payload` — the versioned payload and its strict check;
* :mod:`~bridge.sharing.readable` — the same summary as text, and the preview lines;
* :mod:`~bridge.sharing.thinning` and :mod:`~bridge.sharing.size` — how a long history is
  summarised so the sealed file stays within a quarter of what the coach's app opens;
* :mod:`~bridge.sharing.envelope` — signing and age-encrypting it, and opening it again;
* :mod:`~bridge.sharing.errors` — every refusal, with a ``code`` and a catalog key;
* :mod:`~bridge.sharing.pairing_code` — the coach's pairing text (both keys) and its one code;
* :mod:`~bridge.sharing.plan` — the agreed plan the coach sends back, and
  :mod:`~bridge.sharing.plans` — the plans kept on the client's phone.

Typical use on the client's phone::

    me = client_identity(repo)
    coach = pair_coach(repo, "Marieke", pasted_text)  # "age1… bridgesign1…"
    summary = build_summary(repo.snapshots(), [], SummaryChoices(), content, t, me.client_id, now)
    armored = seal_summary(summary, me, coach.recipient)
"""

from __future__ import annotations

from bridge.sharing.coaches import NAME_MAX_CHARS, Coach, coaches, pair_coach, remove_coach
from bridge.sharing.envelope import (
    ENVELOPE_FORMAT,
    ENVELOPE_VERSION,
    MAX_SIZE,
    SIGNING_CONTEXT,
    OpenedSummary,
    open_summary,
    seal_summary,
)
from bridge.sharing.errors import (
    BadSignatureError,
    DamagedSummaryError,
    EmptyInputError,
    NewerVersionError,
    NotASummaryError,
    NotForYouError,
    PairingError,
    SignerChangedError,
    SummaryError,
    SummaryTooLargeError,
    WeakSignerKeyError,
    WrongCoachError,
)
from bridge.sharing.payload import PAYLOAD_FORMAT, PAYLOAD_VERSION, validate_payload
from bridge.sharing.payload_types import SummaryPayload
from bridge.sharing.readable import PreviewLine, preview_lines, readable_text
from bridge.sharing.signing_key import (
    ClientIdentity,
    ClientIdentityError,
    client_id_for,
    client_identity,
    signer_fingerprint,
)
from bridge.sharing.summary import (
    GoalInput,
    Summary,
    SummaryChoices,
    SummaryTooBigError,
    build_summary,
)

__all__ = [
    "ENVELOPE_FORMAT",
    "ENVELOPE_VERSION",
    "MAX_SIZE",
    "NAME_MAX_CHARS",
    "PAYLOAD_FORMAT",
    "PAYLOAD_VERSION",
    "SIGNING_CONTEXT",
    "BadSignatureError",
    "ClientIdentity",
    "ClientIdentityError",
    "Coach",
    "DamagedSummaryError",
    "EmptyInputError",
    "GoalInput",
    "NewerVersionError",
    "NotASummaryError",
    "NotForYouError",
    "OpenedSummary",
    "PairingError",
    "PreviewLine",
    "SignerChangedError",
    "Summary",
    "SummaryChoices",
    "SummaryError",
    "SummaryPayload",
    "SummaryTooBigError",
    "SummaryTooLargeError",
    "WeakSignerKeyError",
    "WrongCoachError",
    "build_summary",
    "client_id_for",
    "client_identity",
    "coaches",
    "open_summary",
    "pair_coach",
    "preview_lines",
    "readable_text",
    "remove_coach",
    "seal_summary",
    "signer_fingerprint",
    "validate_payload",
]
