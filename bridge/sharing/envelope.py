"""Sealing a summary for the coach, and opening it again (coach mode and tests).

Version 2 (what :func:`seal_summary` writes).  The age plaintext is UTF-8: the
readable summary as plain text, so a coach who runs ``age -d`` reads it as it
is, then a separator line, then the signed data as JSON on one line (shown
spread out here; any JSON layout opens, the signature does not cover it)::

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
split is unambiguous (the layout is shared with plans: :mod:`bridge.sharing.signed_text`).  The signature covers ``SIGNING_CONTEXT +
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

import json
from dataclasses import dataclass, field
from typing import Any

from bridge.crypto import (
    AgeError,
    NoMatchingIdentityError,
    X25519Identity,
    X25519Recipient,
    decrypt,
    encrypt,
    looks_like_age,
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
from bridge.sharing.signed_text import (
    SEPARATOR,
    as_bytes,
    b64,
    canonical_json,
    exact_b64,
    sealed_plaintext_ending,
    signed_bytes,
    split_signed,
    strict_json,
    utf8,
)
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
MAX_SIZE = 1_000_000
_KEYS = {
    1: frozenset({"text", "format", "version", "signer", "signature", "payload"}),
    2: frozenset({"format", "version", "coach", "signer", "signature", "payload"}),
}
_NOT_A_SUMMARY = "This file opened, but it is not a Bridge summary (envelope)."


@dataclass(frozen=True)
class OpenedSummary:
    """A summary that passed every check; ``signer`` is the raw Ed25519 public key.

    ``envelope_version`` 1 is an old summary that names no coach (see the module docs).
    ``payload_json`` is the payload's canonical JSON, the part of the signed bytes that
    holds it (version 2; empty for version 1 and where it was not kept): the same
    payload as ``payload.as_dict()``, with its keys sorted.
    """

    payload: SummaryPayload
    text: str
    signer: bytes
    client_id: str
    envelope_version: int
    payload_json: str = field(default="", repr=False, compare=False)

    @property
    def signer_fingerprint(self) -> str:
        return signer_fingerprint(self.signer)


def _signed_v2(payload_json: str, text: str, signer_b64: str, coach: str) -> bytes:
    """``SIGNING_CONTEXT + canonical(body)`` from the payload's canonical JSON, so the
    payload's part can be kept (:attr:`OpenedSummary.payload_json`)."""
    parts = {
        "coach": canonical_json(coach),
        "payload": payload_json,
        "signer": canonical_json(signer_b64),
        "text": canonical_json(text),
    }
    return signed_bytes(SIGNING_CONTEXT, parts)


def signed_message(payload: Any, text: str, signer_b64: str, coach: str) -> bytes:
    """The exact bytes the client's key signs, version 2 (ValueError if not encodable)."""
    return _signed_v2(canonical_json(payload), text, signer_b64, coach)


def signed_message_v1(payload: Any, text_lines: Any, signer_b64: str) -> bytes:
    """The bytes a version-1 summary was signed over (only for opening old summaries)."""
    body = {"payload": payload, "text": text_lines, "signer": signer_b64}
    return SIGNING_CONTEXT_V1 + utf8(canonical_json(body))


def seal_summary(
    summary: Summary,
    client_identity: ClientIdentity,
    coach_recipient: X25519Recipient,
    armor: bool = True,
) -> bytes:
    """Signs the summary for this coach with the client's key and encrypts it to them (age v1).

    The payload carries the client's own age recipient (``client_recipient``),
    added here when :func:`~bridge.sharing.summary.build_summary` was not given it.

    ``armor=True`` gives the text form to paste in a message; ``False`` the
    binary form for a ``.age`` file.
    """
    # A copy: only "client_recipient" may be added, and the summary keeps its own payload.
    # The payload is encoded twice, never decoded again: canonical for the signature, compact
    # for the file (the same bytes as encoding a plain JSON copy of it).
    payload = dict(summary.payload)
    if payload.get("client_id") != client_identity.client_id:
        raise ValueError("the summary was built for another client id than this key's")
    own = client_identity.recipient.to_string()  # where the coach seals the plan back to
    if payload.setdefault("client_recipient", own) != own:
        raise ValueError("the summary was built for another client key than this one")
    coach = coach_recipient.to_string()
    signer = b64(client_identity.public_key)
    signature = client_identity.sign(
        _signed_v2(canonical_json(payload), summary.text, signer, coach)
    )
    data = {
        "format": ENVELOPE_FORMAT,
        "version": ENVELOPE_VERSION,
        "coach": coach,
        "signer": signer,
        "signature": b64(signature),
    }
    # Compact: the readable text above is for people; spaces here would only add size.
    compact = json.dumps(payload, ensure_ascii=False, separators=(",", ":"))
    plaintext = sealed_plaintext_ending(summary.text, data, "payload", compact)
    return encrypt(plaintext, [coach_recipient], armor=armor)


def _split(plaintext: bytes) -> tuple[str | None, Any]:
    """The readable text (None for the version-1 layout) and the parsed JSON."""
    try:
        text, signed = split_signed(plaintext)
        return text, strict_json(signed)
    except ValueError:  # not UTF-8, or not strict JSON
        raise NotASummaryError("This file opened, but it is not a Bridge summary.") from None


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
    raw = exact_b64(value, size)
    if raw is None:
        raise BadSignatureError("The summary's signature is not readable.")
    return raw


def _decrypt(data: bytes | str, coach_identity: X25519Identity, max_size: int) -> bytes:
    raw = as_bytes(data)
    if not raw.strip():
        raise EmptyInputError("There is nothing to open: the text or file is empty.")
    if len(raw) > max_size:
        raise SummaryTooLargeError("This file is too large to be a summary.")
    if not looks_like_age(raw):
        raise NotASummaryError("This is not a summary: it is not an encrypted (age) file.")
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


#: Signer keys (as written) that passed :func:`_signer` (a check of the key alone), and
#: coach keys as text: a coach opens many summaries of the same keys. Cleared when full.
_GOOD_SIGNERS: dict[str, bytes] = {}
_RECIPIENT_TEXT: dict[bytes, str] = {}
_KEYS_MAX = 4096


def _signer(signer_b64: str) -> bytes:
    known = _GOOD_SIGNERS.get(signer_b64) if signer_b64.__class__ is str else None
    if known is not None:
        return known
    signer = _decode_key(signer_b64, KEY_SIZE)
    if is_weak_public_key(signer):
        raise WeakSignerKeyError(
            "This summary is signed with a key that proves nothing about who made it."
        )
    if len(_GOOD_SIGNERS) >= _KEYS_MAX:
        _GOOD_SIGNERS.clear()
    _GOOD_SIGNERS[signer_b64] = signer
    return signer


def _recipient_text(recipient: X25519Recipient) -> str:
    """``recipient.to_string()``, remembered by its public key."""
    public = recipient.public_bytes
    text = _RECIPIENT_TEXT.get(public)
    if text is None:
        if len(_RECIPIENT_TEXT) >= _KEYS_MAX:
            _RECIPIENT_TEXT.clear()
        text = _RECIPIENT_TEXT[public] = recipient.to_string()
    return text


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
    payload_json = ""
    try:
        if version == 1:
            message = signed_message_v1(payload, text_field, signer_b64)
        else:
            payload_json = canonical_json(payload)
            message = _signed_v2(payload_json, text_field, signer_b64, str(coach))
    except (ValueError, RecursionError):
        raise NotASummaryError("This file opened, but it is not a Bridge summary.") from None
    if not verify_signature(signer, signature, message):
        raise BadSignatureError("The signature does not match: the summary may have been changed.")
    if version == 2 and coach != _recipient_text(coach_identity.recipient):
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
        payload=typed,
        text=text,
        signer=signer,
        client_id=client_id,
        envelope_version=version,
        payload_json=payload_json,
    )


def _is_lines(value: Any) -> bool:
    return isinstance(value, list) and all(isinstance(line, str) for line in value)
