"""Shared builders for the sharing tests: bridges, goals, keys, and hand-made envelopes."""

from __future__ import annotations

import base64
import hashlib
import json
from collections.abc import Iterable, Mapping
from datetime import UTC, datetime, timedelta
from typing import Any

from bridge.content import load_bridge
from bridge.crypto import X25519Identity, X25519Recipient, encrypt
from bridge.domain.assessment import Assessment, Helper
from bridge.i18n import Translator, load_catalog
from bridge.sharing import ClientIdentity, Summary, SummaryChoices, build_summary
from bridge.sharing.envelope import (
    ENVELOPE_FORMAT,
    ENVELOPE_VERSION,
    SEPARATOR,
    signed_message,
    signed_message_v1,
)
from bridge.sharing.goal_input import GoalInput, SharedCheckIn, SharedStep

CONTENT = load_bridge()
CATALOG = load_catalog()
AREAS = CONTENT.area_ids
T0 = datetime(2026, 3, 1, 12, 0, tzinfo=UTC)
NOW = T0 + timedelta(days=70)
NOTE = "Rugpijn, dokter maandag om negen uur"
GOAL_REASON = "Mijn reden blijft van mij"


def _key(seed: str) -> bytes:
    return hashlib.sha256(seed.encode()).digest()


CLIENT = ClientIdentity(_key("client"))
OTHER_CLIENT = ClientIdentity(_key("other client"))
COACH = X25519Identity(_key("coach"))
OTHER_COACH = X25519Identity(_key("other coach"))


def t(language: str = "nl") -> Translator:
    return Translator(CATALOG, language)


def snapshot(
    when: datetime,
    steps: Mapping[str, int] | None = None,
    *,
    stress: int | None = None,
    discuss: Iterable[str] = (),
    priorities: Iterable[str] = (),
    helpers: Mapping[str, Helper] | None = None,
    notes: Mapping[str, str] | None = None,
) -> Assessment:
    """A completed bridge; areas not in ``steps`` get step 3."""
    a = Assessment.start(AREAS, when).with_stress(stress)
    for area in AREAS:
        a = a.with_step(area, (steps or {}).get(area, 3))
    for area in discuss:
        a = a.with_discuss(area, True)
    for area in priorities:
        a = a.with_priority(area, True)
    for area, helper in (helpers or {}).items():
        a = a.with_helper(area, helper)
    for area, note in (notes or {}).items():
        a = a.with_note(area, note)
    return a.complete(when + timedelta(minutes=9))


def history() -> list[Assessment]:
    """Three bridges a month apart: housing climbs 1 → 2 → 4; the last has every extra."""
    return [
        snapshot(T0, {"housing": 1, "debts": 1}, stress=8),
        snapshot(T0 + timedelta(days=30), {"housing": 2, "debts": 2}),  # stress skipped
        snapshot(
            T0 + timedelta(days=60),
            {"housing": 4, "debts": 2, "work": 5},
            stress=5,
            discuss=("housing", "debts"),
            priorities=("debts",),
            helpers={"work": Helper.NETWORK, "debts": Helper.PROFESSIONAL},
            notes={"health": NOTE},
        ),
    ]


def goals() -> list[GoalInput]:
    return [
        GoalInput(
            area_id="housing",
            title="Huurachterstand regelen",
            status="active",
            steps=(
                SharedStep(
                    "Maandag de woningcorporatie bellen",
                    (SharedCheckIn("done", T0 + timedelta(days=61)),),
                ),
            ),
        ),
        GoalInput(area_id="savings", title="Elke week vijf euro opzij", status="paused"),
    ]


def summary(
    choices: SummaryChoices | None = None,
    language: str = "nl",
    snapshots: list[Assessment] | None = None,
    goal_list: list[GoalInput] | None = None,
    client: ClientIdentity = CLIENT,
) -> Summary:
    return build_summary(
        history() if snapshots is None else snapshots,
        goals() if goal_list is None else goal_list,
        choices or SummaryChoices(),
        CONTENT,
        t(language),
        client.client_id,
        NOW,
        client_recipient=client.recipient.to_string(),
    )


def b64(data: bytes) -> str:
    return base64.b64encode(data).decode("ascii")


def envelope(
    payload: Any,
    lines: Any = ("Samenvatting",),
    *,
    key: ClientIdentity = CLIENT,
    **overrides: Any,
) -> dict[str, Any]:
    """An old (version 1) envelope signed by ``key`` (``overrides`` replace fields after signing)."""
    lines = list(lines) if isinstance(lines, tuple) else lines
    signer_b64 = b64(key.public_key)
    signature = key.sign(signed_message_v1(payload, lines, signer_b64))
    env = {
        "text": lines,
        "format": ENVELOPE_FORMAT,
        "version": 1,
        "signer": signer_b64,
        "signature": b64(signature),
        "payload": payload,
    }
    env.update(overrides)
    return env


def seal_bytes(plaintext: bytes, recipient: X25519Recipient | None = None) -> bytes:
    return encrypt(plaintext, [recipient or COACH.recipient], armor=True)


def seal_json(obj: Any, recipient: X25519Recipient | None = None) -> bytes:
    return seal_bytes(json.dumps(obj, ensure_ascii=False).encode("utf-8"), recipient)


def plaintext_v2(
    payload: Any,
    text: str = "Samenvatting\n",
    *,
    key: ClientIdentity = CLIENT,
    coach: X25519Recipient | None = None,
    signature: bytes | None = None,
    extra: Mapping[str, Any] | None = None,
    **overrides: Any,
) -> bytes:
    """A version-2 plaintext signed by ``key`` for ``coach`` (``overrides`` after signing)."""
    coach_text = (coach or COACH.recipient).to_string()
    signer_b64 = b64(key.public_key)
    signed = signature or key.sign(signed_message(payload, text, signer_b64, coach_text))
    data = {
        "format": ENVELOPE_FORMAT,
        "version": ENVELOPE_VERSION,
        "coach": coach_text,
        "signer": signer_b64,
        "signature": b64(signed),
        "payload": payload,
    }
    data.update(overrides)
    data.update(extra or {})
    return (text + "\n" + SEPARATOR + "\n" + json.dumps(data, ensure_ascii=False)).encode("utf-8")
