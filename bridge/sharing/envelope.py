"""Sealing a summary for the coach, and opening it again (coach mode and tests).

Version 2 (what :func:`seal_summary` writes).  The age plaintext is UTF-8: the
readable summary as plain text, so a coach who runs ``age -d`` reads it as it
is, then a separator line, then the signed data as JSON::

    # Samenvatting voor de coach
    Gemaakt op 3 mei 2026.
    ...
    (the text ends with a newline, so an empty line comes before the separator)
    -----BEGIN BRIDGE SIGNED DATA-----
    {
     "format": "bridge-summary-envelope",
     "version": 2,
     "coach": "age1...",            (the coach's age recipient this summary was made for)
     "signer": "<base64 Ed25519 public key, 32 bytes>",
     "signature": "<base64 Ed25519 signature, 64 bytes>",
     "payload": { ... see bridge.sharing.payload ... }
    }

The text is everything before the *last* ``"\n" + SEPARATOR + "\n"``; the
JSON cannot hold that line (JSON escapes newlines inside strings), so the
split is unambiguous.  The signature covers ``SIGNING_CONTEXT +
canonical({"payload", "text", "signer", "coach"})`` where ``text`` is that
exact string and ``canonical`` is ``json.dumps(sort_keys=True,
separators=(",", ":"), ensure_ascii=False)`` encoded as UTF-8.  Because the
coach's key is signed, a summary the client made for one coach and someone
re-encrypted to another is refused (:class:`WrongCoachError`).

Version 1 (still opened, never written): the whole plaintext is one JSON
object ``{"text": [lines], "format", "version": 1, "signer", "signature",
"payload"}``, signed over ``b"bridge-summary-v1\n" + canonical({"payload",
"text", "signer"})`` with ``text`` the list of lines.  It names no coach, so
:attr:`OpenedSummary.envelope_version` tells the coach's app it is one.

:func:`open_summary` checks, in this order, and raises the first failure as a
:class:`~bridge.sharing.errors.SummaryError` subclass: empty input, size
(before decrypting), age decryption (not for this coach / damaged), UTF-8,
JSON without duplicate keys, envelope format and version (and that the layout
fits the version), envelope fields, a signer key that proves something (not of
small order, canonical), the signature, the coach the summary was made for
(version 2), the payload format, version and every field, the pinned signer,
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
    NewerVersionError,
    NotASummaryError,
    NotForYouError,
    SignerChangedError,
    SummaryTooLargeError,
    WeakSignerKeyError,
    WrongCoachError,
)
from bridge.sharing.payload import validate_payload
from bridge.sharing.payload_types import SummaryPayload
from bridge.sharing.signing_key import (
    KEY_SIZE,
    SIGNATURE_SIZE,
    ClientIdentity,
    client_id_for,
    signer_fingerprint,
    verify_signature,
)
from bridge.sharing.summary import Summary
from bridge.sharing.weak_keys import is_weak_public_key

__all__ = [
    "ENVELOPE_FORMAT",
    "ENVELOPE_VERSION",
    "MAX_SIZE",
    "SEPARATOR",
    "SIGNING_CONTEXT",
    "SIGNING_CONTEXT_V1",
    "OpenedSummary",
    "open_summary",
    "seal_summary",
    "signed_message",
    "signed_message_v1",
]

ENVELOPE_FORMAT = "bridge-summary-envelope"
ENVELOPE_VERSION = 2
SIGNING_CONTEXT = b"bridge-summary-v2\n"
SIGNING_CONTEXT_V1 = b"bridge-summary-v1\n"
SEPARATOR = "-----BEGIN BRIDGE SIGNED DATA-----"
MAX_SIZE = 1_000_000
_SPLIT = "\n" + SEPARATOR + "\n"
_KEYS = {
    1: frozenset({"text", "format", "version", "signer", "signature", "payload"}),
    2: frozenset({"format", "version", "coach", "signer", "signature", "payload"}),
}
_NOT_A_SUMMARY = "This file opened, but it is not a Bridge summary (envelope)."


@dataclass(frozen=True)
class OpenedSummary:
    """A summary that passed every check; ``signer`` is the raw Ed25519 public key.

    ``envelope_version`` 1 is an old summary that names no coach (see the module docs).
    """

    payload: SummaryPayload
    text: str
    signer: bytes
    client_id: str
    envelope_version: int

    @property
    def signer_fingerprint(self) -> str:
        return signer_fingerprint(self.signer)


def _b64(data: bytes) -> str:
    return base64.b64encode(data).decode("ascii")


def _canonical(context: bytes, body: dict[str, Any]) -> bytes:
    canonical = json.dumps(body, sort_keys=True, separators=(",", ":"), ensure_ascii=False)
    try:
        return context + canonical.encode("utf-8")
    except UnicodeEncodeError as exc:  # lone surrogates from \ud800-style escapes
        raise ValueError("the summary holds text that is not valid Unicode") from exc


def signed_message(payload: Any, text: str, signer_b64: str, coach: str) -> bytes:
    """The exact bytes the client's key signs, version 2 (ValueError if not encodable)."""
    body = {"payload": payload, "text": text, "signer": signer_b64, "coach": coach}
    return _canonical(SIGNING_CONTEXT, body)


def signed_message_v1(payload: Any, text_lines: Any, signer_b64: str) -> bytes:
    """The bytes a version-1 summary was signed over (only for opening old summaries)."""
    return _canonical(
        SIGNING_CONTEXT_V1, {"payload": payload, "text": text_lines, "signer": signer_b64}
    )


def seal_summary(
    summary: Summary,
    client_identity: ClientIdentity,
    coach_recipient: X25519Recipient,
    armor: bool = True,
) -> bytes:
    """Signs the summary for this coach with the client's key and encrypts it to them (age v1).

    ``armor=True`` gives the text form to paste in a message; ``False`` the
    binary form for a ``.age`` file.
    """
    payload = json.loads(json.dumps(summary.payload))  # a plain, detached copy
    if payload.get("client_id") != client_identity.client_id:
        raise ValueError("the summary was built for another client id than this key's")
    coach = coach_recipient.to_string()
    signer = _b64(client_identity.public_key)
    signature = client_identity.sign(signed_message(payload, summary.text, signer, coach))
    data = {
        "format": ENVELOPE_FORMAT,
        "version": ENVELOPE_VERSION,
        "coach": coach,
        "signer": signer,
        "signature": _b64(signature),
        "payload": payload,
    }
    signed = json.dumps(data, ensure_ascii=False, indent=1)
    plaintext = summary.text + _SPLIT + signed + "\n"
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


def _parse_json(text: str) -> Any:
    try:
        return json.loads(text, object_pairs_hook=_no_duplicates, parse_constant=_no_constants)
    except (ValueError, RecursionError):  # JSONDecodeError too
        raise NotASummaryError("This file opened, but it is not a Bridge summary.") from None


def _split(plaintext: bytes) -> tuple[str | None, Any]:
    """The readable text (None for the version-1 layout) and the parsed JSON."""
    try:
        decoded = plaintext.decode("utf-8")
    except UnicodeDecodeError:
        raise NotASummaryError("This file opened, but it is not a Bridge summary.") from None
    text, found, signed = decoded.rpartition(_SPLIT)
    if not found:
        return None, _parse_json(decoded)
    return text, _parse_json(signed)


def _version(raw: Any, layout_text: str | None) -> int:
    """Format first, then version, so a newer file is named as such; the layout must fit."""
    if not isinstance(raw, dict) or raw.get("format") != ENVELOPE_FORMAT:
        raise NotASummaryError("This is not a summary from the Bridge app (envelope format).")
    found = raw.get("version")
    if not isinstance(found, int) or isinstance(found, bool) or found < 1:
        raise NotASummaryError("This is not a summary from the Bridge app (envelope version).")
    if found > ENVELOPE_VERSION:
        raise NewerVersionError(
            "This summary was made by a newer version of the app. Please update the app."
        )
    if (found == 1) != (layout_text is None) or set(raw) != _KEYS[found]:
        raise NotASummaryError(_NOT_A_SUMMARY)
    return found


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


def _signer(signer_b64: str) -> bytes:
    signer = _decode_key(signer_b64, KEY_SIZE)
    if is_weak_public_key(signer):
        raise WeakSignerKeyError(
            "This summary is signed with a key that proves nothing about who made it."
        )
    return signer


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
    layout_text, envelope = _split(_decrypt(data, coach_identity, max_size))
    version = _version(envelope, layout_text)
    payload = envelope["payload"]
    signer_b64, signature_b64 = envelope["signer"], envelope["signature"]
    # Version 1 keeps the text as a list of lines in the JSON; version 2 as the plain top part.
    text_field: Any = envelope["text"] if version == 1 else layout_text
    coach = envelope.get("coach")
    if (
        not isinstance(payload, dict)
        or not isinstance(signer_b64, str)
        or not isinstance(signature_b64, str)
        or (version == 1 and not _is_lines(text_field))
        or (version == 2 and not isinstance(coach, str))
    ):
        raise NotASummaryError(_NOT_A_SUMMARY)

    signer = _signer(signer_b64)
    signature = _decode_key(signature_b64, SIGNATURE_SIZE)
    try:
        if version == 1:
            message = signed_message_v1(payload, text_field, signer_b64)
        else:
            message = signed_message(payload, text_field, signer_b64, str(coach))
    except (ValueError, RecursionError):
        raise NotASummaryError("This file opened, but it is not a Bridge summary.") from None
    if not verify_signature(signer, signature, message):
        raise BadSignatureError("The signature does not match: the summary may have been changed.")
    if version == 2 and coach != coach_identity.recipient.to_string():
        raise WrongCoachError(
            "This summary was made for another coach and passed on to you. "
            "It may not come from this client as it seems."
        )

    typed = validate_payload(payload)
    client_id = typed.client_id
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
    text = "\n".join(text_field) if version == 1 else str(text_field)
    return OpenedSummary(
        payload=typed, text=text, signer=signer, client_id=client_id, envelope_version=version
    )


def _is_lines(value: Any) -> bool:
    return isinstance(value, list) and all(isinstance(line, str) for line in value)
