"""Builders for the plan tests: a coach with both keys, the client's pairing, and hand-made envelopes."""

from __future__ import annotations

import hashlib
import json
from collections.abc import Mapping
from datetime import UTC, date, datetime
from typing import Any

from bridge.coach.identity import CoachIdentity
from bridge.crypto import X25519Identity, X25519Recipient, encrypt
from bridge.sharing.coaches import Coach, coach_id_for
from bridge.sharing.plan import AgreedStep, Plan, check_plan, plan_to_payload, readable_plan_text
from bridge.sharing.plan_envelope import (
    PLAN_ENVELOPE_FORMAT,
    PLAN_ENVELOPE_VERSION,
    plan_signed_message,
)
from bridge.sharing.signed_text import SEPARATOR, b64

from .helpers import CLIENT, CONTENT, OTHER_CLIENT, t

__all__ = [
    "CLIENT",
    "COACH_ID",
    "OTHER_CLIENT",
    "OTHER_COACH_ID",
    "paired",
    "plaintext",
    "plan_for",
    "seal_plaintext",
    "text_of",
]


def _key(seed: str) -> bytes:
    return hashlib.sha256(seed.encode()).digest()


COACH_ID = CoachIdentity(X25519Identity(_key("plan coach age")), _key("plan coach signing"))
OTHER_COACH_ID = CoachIdentity(X25519Identity(_key("other coach age")), _key("other signing"))
PAIRED_AT = datetime(2026, 4, 1, 9, 0, tzinfo=UTC)


def paired(coach: CoachIdentity = COACH_ID, *, with_signing_key: bool = True) -> Coach:
    """The coach as the client's phone keeps them after pairing."""
    return Coach(
        id=coach_id_for(coach.age.recipient),
        name="Marieke",
        recipient=coach.age.recipient,
        paired_at=PAIRED_AT,
        signing_key=coach.signing_public_key if with_signing_key else None,
    )


def plan_for(client_id: str = CLIENT.client_id, **changes: Any) -> Plan:
    fields: dict[str, Any] = {
        "client_id": client_id,
        "session_date": date(2026, 5, 3),
        "steps": (
            AgreedStep("Maandag de woningcorporatie bellen", "housing"),
            AgreedStep("Een lijst maken van wat ik betaal"),
        ),
        "recognition": "Je hebt deze maand veel zelf geregeld.",
        "next_meeting": date(2026, 5, 17),
        "coach_view": {"housing": 2, "debts": 3},
        "language": "nl",
    }
    fields.update(changes)
    return Plan(**fields)


def text_of(plan: Plan, language: str = "nl") -> str:
    return readable_plan_text(check_plan(plan), CONTENT, t(language))


def plaintext(
    payload: Any,
    text: str = "# Wat we afspraken\n",
    *,
    signer: CoachIdentity = COACH_ID,
    client: X25519Recipient | None = None,
    extra: Mapping[str, Any] | None = None,
    drop: tuple[str, ...] = (),
) -> bytes:
    """A plan plaintext signed by ``signer`` for ``client`` (``extra`` replaces fields after
    signing, ``drop`` removes them)."""
    client_text = (client or CLIENT.recipient).to_string()
    signer_b64 = b64(signer.signing_public_key)
    signature = signer.sign(plan_signed_message(payload, text, signer_b64, client_text))
    data: dict[str, Any] = {
        "format": PLAN_ENVELOPE_FORMAT,
        "version": PLAN_ENVELOPE_VERSION,
        "client": client_text,
        "signer": signer_b64,
        "signature": b64(signature),
        "payload": payload,
    }
    data.update(extra or {})
    for name in drop:
        data.pop(name, None)
    return (text + "\n" + SEPARATOR + "\n" + json.dumps(data, ensure_ascii=False)).encode("utf-8")


def seal_plaintext(raw: bytes, recipient: X25519Recipient | None = None) -> str:
    return encrypt(raw, [recipient or CLIENT.recipient], armor=True).decode("ascii")


def good_payload(plan: Plan | None = None) -> dict[str, Any]:
    return plan_to_payload(check_plan(plan or plan_for()))
