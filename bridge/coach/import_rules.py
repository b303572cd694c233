"""Opening a summary for the coach: decrypt and verify, and find the client it is filed under.

:func:`bridge.sharing.open_summary` does every check. A summary is filed under
the client id its payload names; that id is derived from the client's signing
key, so a summary from another key that names a pinned client is refused by
``open_summary`` as a bad signature (its last check). To tell the coach that
case loudly ("signed by another key than before", :class:`SignerChangedError`)
and to let them accept the new key after checking it in person, the client id
it names is read from the decrypted text and the summary is opened once more
with that client's pinned key as ``pinned_signer``. ``open_summary`` checks the
pinned signer after the signature, the coach and the whole payload (its
documented order), so a :class:`SignerChangedError` there proves the summary
is validly signed by the key it carries; only then is its payload used.
"""

from __future__ import annotations

import base64
import json
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from bridge.crypto import AgeError, X25519Identity, decrypt
from bridge.sharing.envelope import MAX_SIZE, SEPARATOR, OpenedSummary, open_summary
from bridge.sharing.errors import BadSignatureError, SignerChangedError, SummaryError
from bridge.sharing.payload import validate_payload
from bridge.sharing.signing_key import signer_fingerprint

__all__ = ["Verified", "signer_changed_error", "verify"]

_SPLIT = "\n" + SEPARATOR + "\n"


@dataclass(frozen=True)
class Verified:
    """A summary that passed every check, and the key pinned for its client (None: new)."""

    opened: OpenedSummary
    pinned: bytes | None


@dataclass(frozen=True)
class _Peek:
    client_id: str
    signer: bytes
    payload: Any
    text: str
    version: int


def _raw(data: bytes | str) -> bytes:
    if isinstance(data, str):
        return data.strip().encode("utf-8", errors="replace")
    return bytes(data)


def _peek(data: bytes | str, identity: X25519Identity) -> _Peek | None:
    """What the summary claims, unverified (only used once open_summary vouched for it)."""
    try:
        plaintext = decrypt(_raw(data), [identity], max_size=MAX_SIZE).decode("utf-8")
        text, found, signed = plaintext.rpartition(_SPLIT)
        envelope = json.loads(signed if found else plaintext)
        version = envelope["version"]
        if version == 1:
            text = "\n".join(envelope["text"])
        payload = envelope["payload"]
        return _Peek(
            client_id=str(payload["client_id"]),
            signer=base64.b64decode(envelope["signer"], validate=True),
            payload=payload,
            text=text,
            version=int(version),
        )
    except (AgeError, ValueError, KeyError, TypeError, IndexError, RecursionError):
        return None


def verify(
    data: bytes | str, identity: X25519Identity, pinned_for: Callable[[str], bytes | None]
) -> Verified:
    """The opened summary and its client's pinned key; raises the SummaryError of a bad one."""
    try:
        opened = open_summary(data, identity)
    except BadSignatureError as exc:
        peek = _peek(data, identity)
        pinned = pinned_for(peek.client_id) if peek is not None else None
        if peek is None or pinned is None:
            raise
        # Any key other than the one it carries makes open_summary check everything up to
        # the pinned signer, then raise SignerChangedError: proof the rest is sound.
        decoy = pinned if pinned != peek.signer else bytes(b ^ 0xFF for b in peek.signer)
        try:
            open_summary(data, identity, pinned_signer=decoy)
        except SignerChangedError:
            pass
        except SummaryError:
            raise exc from None
        else:  # pragma: no cover - open_summary never accepts a key it does not carry
            raise exc from None
        typed = validate_payload(peek.payload)
        opened = OpenedSummary(
            payload=typed,
            text=peek.text,
            signer=peek.signer,
            client_id=peek.client_id,
            envelope_version=peek.version,
        )
        return Verified(opened, pinned)
    return Verified(opened, pinned_for(opened.client_id))


def signer_changed_error(client_id: str, pinned: bytes, new: bytes) -> SignerChangedError:
    return SignerChangedError(
        "This summary is signed with another key than before. It may not come from this client.",
        client_id=client_id,
        pinned_fingerprint=signer_fingerprint(pinned),
        new_fingerprint=signer_fingerprint(new),
    )
