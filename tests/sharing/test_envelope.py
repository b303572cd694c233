"""Sealing and opening: the signature covers payload, text and signer; text comes first."""

from __future__ import annotations

import base64
import json

import pytest
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PublicKey

from bridge.crypto import decrypt
from bridge.sharing import SIGNING_CONTEXT, SummaryChoices, open_summary, seal_summary

from .helpers import CLIENT, COACH, OTHER_CLIENT, summary


@pytest.mark.parametrize("armor", [True, False], ids=["armor", "binary"])
@pytest.mark.parametrize("language", ["nl", "en"])
def test_a_sealed_summary_opens_to_exactly_what_was_built(armor, language):
    built = summary(SummaryChoices(notes=True, consent=True), language)
    sealed = seal_summary(built, CLIENT, COACH.recipient, armor=armor)
    assert sealed.startswith(
        b"-----BEGIN AGE ENCRYPTED FILE-----" if armor else b"age-encryption.org/v1\n"
    )
    opened = open_summary(sealed, COACH)
    assert opened.payload == built.payload
    assert opened.text == built.text
    assert opened.signer == CLIENT.public_key
    assert opened.client_id == CLIENT.client_id
    assert opened.signer_fingerprint == CLIENT.fingerprint


def test_armored_text_opens_when_pasted_with_space_around_it_or_crlf():
    sealed = seal_summary(summary(), CLIENT, COACH.recipient).decode("ascii")
    pasted = "\n  " + sealed.replace("\n", "\r\n") + "  \n"
    assert open_summary(pasted, COACH).client_id == CLIENT.client_id


def test_the_same_pinned_key_opens():
    sealed = seal_summary(summary(), CLIENT, COACH.recipient)
    assert open_summary(sealed, COACH, pinned_signer=CLIENT.public_key).signer == CLIENT.public_key


def test_the_readable_text_comes_first_one_line_per_line():
    built = summary()
    plaintext = decrypt(seal_summary(built, CLIENT, COACH.recipient), [COACH]).decode("utf-8")
    assert plaintext.startswith('{\n "text": [\n  "# Samenvatting voor de coach",\n')
    envelope = json.loads(plaintext)
    assert list(envelope) == ["text", "format", "version", "signer", "signature", "payload"]
    assert envelope["format"] == "bridge-summary-envelope"
    assert envelope["version"] == 1
    assert "\n".join(envelope["text"]) == built.text


def test_the_signature_is_over_the_documented_canonical_bytes():
    """Checked independently of our own code path, as a coach's other tool would."""
    plaintext = decrypt(seal_summary(summary(), CLIENT, COACH.recipient), [COACH])
    envelope = json.loads(plaintext)
    body = {k: envelope[k] for k in ("payload", "text", "signer")}
    canonical = json.dumps(body, sort_keys=True, separators=(",", ":"), ensure_ascii=False)
    message = b"bridge-summary-v1\n" + canonical.encode("utf-8")
    assert SIGNING_CONTEXT == b"bridge-summary-v1\n"
    signer = base64.b64decode(envelope["signer"])
    assert signer == CLIENT.public_key
    Ed25519PublicKey.from_public_bytes(signer).verify(
        base64.b64decode(envelope["signature"]), message
    )


def test_sealing_with_another_clients_key_is_refused():
    with pytest.raises(ValueError, match="client id"):
        seal_summary(summary(), OTHER_CLIENT, COACH.recipient)


def test_each_seal_is_fresh():
    built = summary()
    assert seal_summary(built, CLIENT, COACH.recipient) != seal_summary(
        built, CLIENT, COACH.recipient
    )
