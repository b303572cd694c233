"""Sealing a summary for the coach, and opening it again (coach mode and tests).

The age plaintext is UTF-8 JSON, written with ``text`` first so that a coach
who runs ``age -d`` sees the readable summary at the top::

    {
     "text": ["# Samenvatting voor de coach", "Gemaakt op 3 mei 2026.", ...],
     "format": "bridge-summary-envelope",
     "version": 1,
     "signer": "<base64 Ed25519 public key, 32 bytes>",
     "signature": "<base64 Ed25519 signature, 64 bytes>",
     "payload": { ... see bridge.sharing.payload ... }
    }

``text`` is the readable summary split into its lines (a JSON list of
strings), so that each line stands on its own line in the ``age -d`` output
instead of one long string full of ``\\n``; :func:`open_summary` joins them
again.

The signature covers ``SIGNING_CONTEXT + canonical({"payload", "text", "signer"})``
where ``canonical`` is ``json.dumps(sort_keys=True, separators=(",", ":"),
ensure_ascii=False)`` encoded as UTF-8.  The context string keeps a summary
signature from ever being valid for anything else the key might sign later.

:func:`open_summary` checks, in this order, and raises the first failure as a
:class:`~bridge.sharing.errors.SummaryError` subclass: empty input, size
(before decrypting), age decryption (not for this coach / damaged), UTF-8 JSON
without duplicate keys, envelope format and version, envelope fields, the
signature, the payload format, version and every field, the pinned signer,
and last that the payload's client id belongs to the signing key.  Nothing is
returned unless every check passed.
"""

from __future__ import annotations

import base64
import binascii
import json
from dataclasses import dataclass
from typing import Any

from bridge.crypto import (
    AgeError,
    NoMatchingIdentityError,
    X25519Identity,
    X25519Recipient,
    decrypt,
    encrypt,
)
from bridge.crypto import TooLargeError as AgeTooLargeError
from bridge.sharing.errors import (
    BadSignatureError,
    DamagedSummaryError,
    EmptyInputError,
    NotASummaryError,
    NotForYouError,
    SignerChangedError,
    SummaryTooLargeError,
)
from bridge.sharing.payload import check_format, validate_payload
from bridge.sharing.signing_key import (
    KEY_SIZE,
    SIGNATURE_SIZE,
    ClientIdentity,
    client_id_for,
    signer_fingerprint,
    verify_signature,
)
from bridge.sharing.summary import Summary

__all__ = [
    "ENVELOPE_FORMAT",
    "ENVELOPE_VERSION",
    "MAX_SIZE",
    "SIGNING_CONTEXT",
    "OpenedSummary",
    "open_summary",
    "seal_summary",
    "signed_message",
]

ENVELOPE_FORMAT = "bridge-summary-envelope"
ENVELOPE_VERSION = 1
SIGNING_CONTEXT = b"bridge-summary-v1\n"
MAX_SIZE = 1_000_000
_ENVELOPE_KEYS = frozenset({"text", "format", "version", "signer", "signature", "payload"})


@dataclass(frozen=True)
class OpenedSummary:
    """A summary that passed every check; ``signer`` is the raw Ed25519 public key."""

    payload: dict[str, Any]
    text: str
    signer: bytes
    client_id: str

    @property
    def signer_fingerprint(self) -> str:
        return signer_fingerprint(self.signer)


def _b64(data: bytes) -> str:
    return base64.b64encode(data).decode("ascii")


def signed_message(payload: Any, text_lines: Any, signer_b64: str) -> bytes:
    """The exact bytes the client's key signs (raises ValueError if not encodable)."""
    body = {"payload": payload, "text": text_lines, "signer": signer_b64}
    canonical = json.dumps(body, sort_keys=True, separators=(",", ":"), ensure_ascii=False)
    try:
        return SIGNING_CONTEXT + canonical.encode("utf-8")
    except UnicodeEncodeError as exc:  # lone surrogates from \ud800-style escapes
        raise ValueError("the summary holds text that is not valid Unicode") from exc


def seal_summary(
    summary: Summary,
    client_identity: ClientIdentity,
    coach_recipient: X25519Recipient,
    armor: bool = True,
) -> bytes:
    """Signs the summary with the client's key and encrypts it to the coach (age v1).

    ``armor=True`` gives the text form to paste in a message; ``False`` the
    binary form for a ``.age`` file.
    """
    payload = json.loads(json.dumps(summary.payload))  # a plain, detached copy
    if payload.get("client_id") != client_identity.client_id:
        raise ValueError("the summary was built for another client id than this key's")
    lines = summary.text.split("\n")
    signer = _b64(client_identity.public_key)
    signature = client_identity.sign(signed_message(payload, lines, signer))
    envelope = {
        "text": lines,
        "format": ENVELOPE_FORMAT,
        "version": ENVELOPE_VERSION,
        "signer": signer,
        "signature": _b64(signature),
        "payload": payload,
    }
    plaintext = json.dumps(envelope, ensure_ascii=False, indent=1) + "\n"
    return encrypt(plaintext.encode("utf-8"), [coach_recipient], armor=armor)


def _no_duplicates(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    result: dict[str, Any] = {}
    for key, value in pairs:
        if key in result:
            raise ValueError("duplicate key")
        result[key] = value
    return result


def _no_constants(name: str) -> Any:
    raise ValueError(f"{name} is not allowed")


def _parse_json(plaintext: bytes) -> Any:
    try:
        return json.loads(
            plaintext.decode("utf-8"),
            object_pairs_hook=_no_duplicates,
            parse_constant=_no_constants,
        )
    except (ValueError, RecursionError):  # UnicodeDecodeError and JSONDecodeError too
        raise NotASummaryError("This file opened, but it is not a Bridge summary.") from None


def _decode_key(value: str, size: int) -> bytes:
    try:
        raw = base64.b64decode(value.encode("ascii"), validate=True)
    except (binascii.Error, UnicodeEncodeError, ValueError):
        raise BadSignatureError("The summary's signature is not readable.") from None
    if len(raw) != size or _b64(raw) != value:
        raise BadSignatureError("The summary's signature is not readable.")
    return raw


def _decrypt(data: bytes | str, coach_identity: X25519Identity, max_size: int) -> bytes:
    if isinstance(data, str):
        raw = data.strip().encode("utf-8", errors="replace")
    elif isinstance(data, bytes | bytearray | memoryview):
        raw = bytes(data)
    else:
        raise TypeError("a summary is bytes or text")
    if not raw.strip():
        raise EmptyInputError("There is nothing to open: the text or file is empty.")
    if len(raw) > max_size:
        raise SummaryTooLargeError("This file is too large to be a summary.")
    try:
        return decrypt(raw, [coach_identity], max_size=max_size)
    except NoMatchingIdentityError:
        raise NotForYouError(
            "This summary was encrypted for another coach's key, not for yours."
        ) from None
    except AgeTooLargeError:
        raise SummaryTooLargeError("This file is too large to be a summary.") from None
    except AgeError as exc:
        raise DamagedSummaryError(
            "This file is damaged, incomplete or was changed. It cannot be opened.", exc
        ) from exc


def open_summary(
    data: bytes | str,
    coach_identity: X25519Identity,
    pinned_signer: bytes | None = None,
    max_size: int = MAX_SIZE,
) -> OpenedSummary:
    """Decrypts, verifies and checks a sealed summary (see the module docs for the order).

    ``pinned_signer`` is the public key pinned for the client this summary is
    expected from (trust on first use); a summary signed by any other key
    raises :class:`SignerChangedError`.
    """
    envelope = check_format(
        _parse_json(_decrypt(data, coach_identity, max_size)),
        ENVELOPE_FORMAT,
        ENVELOPE_VERSION,
        "envelope",
    )
    if set(envelope) != _ENVELOPE_KEYS:
        raise NotASummaryError("This file opened, but it is not a Bridge summary (envelope).")
    lines, payload = envelope["text"], envelope["payload"]
    signer_b64, signature_b64 = envelope["signer"], envelope["signature"]
    if (
        not isinstance(lines, list)
        or not all(isinstance(line, str) for line in lines)
        or not isinstance(payload, dict)
        or not isinstance(signer_b64, str)
        or not isinstance(signature_b64, str)
    ):
        raise NotASummaryError("This file opened, but it is not a Bridge summary (envelope).")

    signer = _decode_key(signer_b64, KEY_SIZE)
    signature = _decode_key(signature_b64, SIGNATURE_SIZE)
    try:
        message = signed_message(payload, lines, signer_b64)
    except (ValueError, RecursionError):
        raise NotASummaryError("This file opened, but it is not a Bridge summary.") from None
    if not verify_signature(signer, signature, message):
        raise BadSignatureError("The signature does not match: the summary may have been changed.")

    payload = validate_payload(payload)
    client_id = payload["client_id"]
    if pinned_signer is not None and bytes(pinned_signer) != signer:
        raise SignerChangedError(
            "This summary is signed with another key than before. "
            "It may not come from this client.",
            client_id=client_id,
            pinned_fingerprint=signer_fingerprint(bytes(pinned_signer)),
            new_fingerprint=signer_fingerprint(signer),
        )
    if client_id_for(signer) != client_id:
        raise BadSignatureError("The summary is signed with a key that is not this client's.")
    return OpenedSummary(payload=payload, text="\n".join(lines), signer=signer, client_id=client_id)
