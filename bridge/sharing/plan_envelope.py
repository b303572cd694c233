"""Sealing the agreed plan for the client (coach's app), and opening it (client's app).

The age plaintext has the layout of a summary (:mod:`bridge.sharing.signed_text`):
the readable plan first, so ``age -d`` shows it, then the separator line and the
signed data as JSON on one line::

    # Wat we afspraken
    ...
    -----BEGIN BRIDGE SIGNED DATA-----
    {"format": "bridge-plan-envelope", "version": 1,
     "client": "age1...",          (the client's age recipient the plan was made for)
     "signer": "<base64 Ed25519 public key of the coach, 32 bytes>",
     "signature": "<base64 Ed25519 signature, 64 bytes>",
     "payload": { ... see bridge.sharing.plan_payload ... }}

The signature covers ``PLAN_CONTEXT + canonical({"client", "payload", "signer",
"text"})``. It is sealed to the client's own key (``client_recipient`` of their
latest summary), and signed with the coach's key the client got when pairing.

:func:`open_plan` checks, in this order, and raises the first failure as
:class:`~bridge.sharing.plan_types.PlanError`: ``empty``, ``too_large`` (before
decrypting), ``not_for_you`` / ``damaged`` (age), ``not_a_plan`` (UTF-8, the
layout, JSON without duplicate keys, the envelope's format), ``newer_version``,
``unsigned`` (no signer or signature), ``not_a_plan`` (the envelope's fields),
``bad_signature`` (not readable), ``unknown_coach`` or
``coach_without_signing_key`` (the signer is no paired coach's key),
``bad_signature`` (it does not verify), ``wrong_client`` (made for another
client's key), the payload (``not_a_plan``, ``newer_version``, ``invalid``) and
last ``wrong_client`` again for the payload's client id. Nothing is returned
unless every check passed.
"""

from __future__ import annotations

import hashlib
from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

from bridge.crypto import (
    AgeError,
    NoMatchingIdentityError,
    X25519Recipient,
    decrypt,
    encrypt,
    looks_like_age,
)
from bridge.crypto import TooLargeError as AgeTooLargeError
from bridge.sharing import signed_text
from bridge.sharing.coaches import Coach
from bridge.sharing.plan_payload import plan_from_payload, plan_to_payload
from bridge.sharing.plan_types import OpenedPlan, Plan, PlanError, check_plan
from bridge.sharing.signing_key import KEY_SIZE, SIGNATURE_SIZE, ClientIdentity, verify_signature

if TYPE_CHECKING:
    from bridge.coach.identity import CoachIdentity

__all__ = [
    "MAX_SIZE",
    "PLAN_CONTEXT",
    "PLAN_ENVELOPE_FORMAT",
    "PLAN_ENVELOPE_VERSION",
    "open_plan",
    "plan_id_for",
    "plan_signed_message",
    "seal_plan",
]

PLAN_ENVELOPE_FORMAT = "bridge-plan-envelope"
PLAN_ENVELOPE_VERSION = 1
PLAN_CONTEXT = b"bridge-plan-v1\n"
#: A plan is a few kilobytes; anything far larger is not one.
MAX_SIZE = 64 * 1024
_KEYS = frozenset({"format", "version", "client", "signer", "signature", "payload"})
_NOT_A_PLAN = "This file opened, but it is not a plan from the Bridge app."


def plan_signed_message(payload: Any, text: str, signer_b64: str, client: str) -> bytes:
    """The exact bytes the coach's key signs (ValueError if they cannot be encoded)."""
    parts = {
        "client": signed_text.canonical_json(client),
        "payload": signed_text.canonical_json(payload),
        "signer": signed_text.canonical_json(signer_b64),
        "text": signed_text.canonical_json(text),
    }
    return signed_text.signed_bytes(PLAN_CONTEXT, parts)


def plan_id_for(signature: bytes) -> str:
    """A plan's stable id: Ed25519 signs the same plan the same way, so one plan, one id."""
    return hashlib.sha256(b"bridge-plan-id\n" + signature).hexdigest()[:32]


def seal_plan(
    plan: Plan, coach: CoachIdentity, client_recipient: X25519Recipient, text: str
) -> str:
    """The plan signed by the coach and encrypted to the client's key, as armored age text.

    ``text`` is :func:`~bridge.sharing.plan_text.readable_plan_text` of the plan.
    Raises PlanError ``invalid`` (see :func:`check_plan`) or ``too_large``.
    """
    checked = check_plan(plan)
    if not isinstance(text, str) or not text.strip():
        raise PlanError("invalid", "The plan has no readable text.", field="text")
    payload = plan_to_payload(checked)
    client = client_recipient.to_string()
    signer = signed_text.b64(coach.signing_public_key)
    try:
        message = plan_signed_message(payload, text, signer, client)
    except ValueError:
        raise PlanError("invalid", "The plan's text is not valid text.", field="text") from None
    data = {
        "format": PLAN_ENVELOPE_FORMAT,
        "version": PLAN_ENVELOPE_VERSION,
        "client": client,
        "signer": signer,
        "signature": signed_text.b64(coach.sign(message)),
        "payload": payload,
    }
    sealed = encrypt(signed_text.sealed_plaintext(text, data), [client_recipient], armor=True)
    if len(sealed) > MAX_SIZE:
        raise PlanError("too_large", "The plan would be too large to open.")
    return sealed.decode("ascii")


def _decrypt(data: bytes | str, me: ClientIdentity) -> bytes:
    raw = signed_text.as_bytes(data)
    if not raw.strip():
        raise PlanError("empty", "There is nothing to open: the text or file is empty.")
    if len(raw) > MAX_SIZE:
        raise PlanError("too_large", "This file is too large to be a plan.")
    if not looks_like_age(raw):  # another file picked: not a damaged plan
        raise PlanError("not_a_plan", _NOT_A_PLAN)
    try:
        return decrypt(raw, [me.age], max_size=MAX_SIZE)
    except NoMatchingIdentityError:
        raise PlanError("not_for_you", "This plan was encrypted for another key.") from None
    except AgeTooLargeError:
        raise PlanError("too_large", "This file is too large to be a plan.") from None
    except AgeError:
        raise PlanError("damaged", "This file is damaged, incomplete or was changed.") from None


def _envelope(plaintext: bytes) -> tuple[str, dict[str, Any]]:
    """The readable text and the envelope, its format and version checked."""
    try:
        text, signed = signed_text.split_signed(plaintext)
        envelope = signed_text.strict_json(signed)
    except ValueError:
        raise PlanError("not_a_plan", _NOT_A_PLAN) from None
    if text is None or not isinstance(envelope, dict):
        raise PlanError("not_a_plan", _NOT_A_PLAN)
    if envelope.get("format") != PLAN_ENVELOPE_FORMAT:
        raise PlanError("not_a_plan", _NOT_A_PLAN)
    version = envelope.get("version")
    if isinstance(version, bool) or not isinstance(version, int) or version < 1:
        raise PlanError("not_a_plan", _NOT_A_PLAN)
    if version > PLAN_ENVELOPE_VERSION:
        raise PlanError("newer_version", "This plan was made by a newer version of the app.")
    if envelope.get("signer") in (None, "") or envelope.get("signature") in (None, ""):
        raise PlanError("unsigned", "This plan is not signed.")
    if envelope.keys() != _KEYS:
        raise PlanError("not_a_plan", _NOT_A_PLAN)
    return text, envelope


def _coach_of(signer: bytes, paired: Sequence[Coach]) -> Coach:
    for coach in paired:
        if coach.signing_key is not None and coach.signing_key == signer:
            return coach
    if paired and all(coach.signing_key is None for coach in paired):
        raise PlanError(
            "coach_without_signing_key",
            "No paired coach has given a signing key yet: pair again with the new code.",
        )
    raise PlanError("unknown_coach", "This plan is not signed by a coach paired on this phone.")


def open_plan(data: bytes | str, me: ClientIdentity, paired: Sequence[Coach]) -> OpenedPlan:
    """Decrypts, verifies and checks a sealed plan (see the module docs for the order)."""
    text, envelope = _envelope(_decrypt(data, me))
    client, payload = envelope["client"], envelope["payload"]
    signer_b64, signature_b64 = envelope["signer"], envelope["signature"]
    if not isinstance(client, str) or not isinstance(payload, dict):
        raise PlanError("not_a_plan", _NOT_A_PLAN)
    signer = signed_text.exact_b64(signer_b64, KEY_SIZE)
    signature = signed_text.exact_b64(signature_b64, SIGNATURE_SIZE)
    if signer is None or signature is None:
        raise PlanError("bad_signature", "The plan's signature is not readable.")
    coach = _coach_of(signer, paired)
    try:
        message = plan_signed_message(payload, text, str(signer_b64), client)
    except (ValueError, RecursionError):
        raise PlanError("not_a_plan", _NOT_A_PLAN) from None
    if not verify_signature(signer, signature, message):
        raise PlanError("bad_signature", "The signature does not match: the plan was changed.")
    if client != me.recipient.to_string():
        raise PlanError("wrong_client", "This plan was made for someone else.")
    plan = plan_from_payload(payload)
    if plan.client_id != me.client_id:
        raise PlanError("wrong_client", "This plan was made for someone else.")
    return OpenedPlan(
        plan=plan, coach_id=coach.id, text=text, plan_id=plan_id_for(signature), signer=signer
    )
