"""Sealing and opening: the signature covers payload, text and signer; text comes first."""

from __future__ import annotations

import base64
import json

import pytest
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PublicKey

from bridge.crypto import decrypt
from bridge.sharing import (
    ENVELOPE_VERSION,
    SIGNING_CONTEXT,
    BadSignatureError,
    NotASummaryError,
    SummaryChoices,
    WrongCoachError,
    open_summary,
    seal_summary,
)
from bridge.sharing.envelope import SEPARATOR

from .helpers import (
    CLIENT,
    COACH,
    OTHER_CLIENT,
    OTHER_COACH,
    envelope,
    plaintext_v2,
    seal_bytes,
    summary,
)


@pytest.mark.parametrize("armor", [True, False], ids=["armor", "binary"])
@pytest.mark.parametrize("language", ["nl", "en"])
def test_a_sealed_summary_opens_to_exactly_what_was_built(armor, language):
    built = summary(SummaryChoices(notes=True, consent=True), language)
    sealed = seal_summary(built, CLIENT, COACH.recipient, armor=armor)
    assert sealed.startswith(
        b"-----BEGIN AGE ENCRYPTED FILE-----" if armor else b"age-encryption.org/v1\n"
    )
    opened = open_summary(sealed, COACH)
    assert opened.payload.as_dict() == built.payload
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


def test_the_readable_text_comes_first_as_plain_text_then_the_signed_json():
    built = summary()
    plaintext = decrypt(seal_summary(built, CLIENT, COACH.recipient), [COACH]).decode("utf-8")
    assert plaintext.startswith("# Samenvatting voor de coach\nGemaakt op ")
    text, signed = plaintext.split("\n" + SEPARATOR + "\n")
    assert text == built.text
    envelope = json.loads(signed)
    assert list(envelope) == ["format", "version", "coach", "signer", "signature", "payload"]
    assert envelope["format"] == "bridge-summary-envelope"
    assert envelope["version"] == ENVELOPE_VERSION == 2
    assert envelope["coach"] == COACH.recipient.to_string()


def test_the_signature_is_over_the_documented_canonical_bytes():
    """Checked independently of our own code path, as a coach's other tool would."""
    plaintext = decrypt(seal_summary(summary(), CLIENT, COACH.recipient), [COACH]).decode()
    text, _, signed = plaintext.rpartition("\n-----BEGIN BRIDGE SIGNED DATA-----\n")
    envelope = json.loads(signed)
    body = {"payload": envelope["payload"], "text": text, "signer": envelope["signer"]}
    body["coach"] = envelope["coach"]
    canonical = json.dumps(body, sort_keys=True, separators=(",", ":"), ensure_ascii=False)
    message = b"bridge-summary-v2\n" + canonical.encode("utf-8")
    assert SIGNING_CONTEXT == b"bridge-summary-v2\n"
    signer = base64.b64decode(envelope["signer"])
    assert signer == CLIENT.public_key
    Ed25519PublicKey.from_public_bytes(signer).verify(
        base64.b64decode(envelope["signature"]), message
    )


def test_a_summary_re_encrypted_to_another_coach_is_refused():
    """The first coach (or anyone who can decrypt) passes it on: the signed coach key differs."""
    plaintext = decrypt(seal_summary(summary(), CLIENT, COACH.recipient), [COACH])
    with pytest.raises(WrongCoachError) as caught:
        open_summary(seal_bytes(plaintext, OTHER_COACH.recipient), OTHER_COACH)
    assert caught.value.code == "wrong_coach"


def test_changing_the_named_coach_breaks_the_signature():
    built = summary()
    other = OTHER_COACH.recipient
    forged = plaintext_v2(built.payload, built.text, coach=COACH.recipient)
    forged = forged.replace(COACH.recipient.to_string().encode(), other.to_string().encode())
    with pytest.raises(BadSignatureError):
        open_summary(seal_bytes(forged, other), OTHER_COACH)


def test_an_old_version_1_summary_still_opens():
    built = summary(SummaryChoices(notes=True))
    lines = built.text.split("\n")
    old = json.dumps(envelope(dict(built.payload), lines), ensure_ascii=False, indent=1)
    opened = open_summary(seal_bytes(old.encode("utf-8")), COACH)
    assert opened.envelope_version == 1
    assert opened.text == built.text
    assert opened.client_id == CLIENT.client_id


def test_a_new_summary_says_it_is_version_2():
    assert (
        open_summary(seal_summary(summary(), CLIENT, COACH.recipient), COACH).envelope_version == 2
    )


@pytest.mark.parametrize(
    "plaintext",
    [
        # the version-2 layout with a version-1 body, and a version-2 body without the text part
        lambda: plaintext_v2(summary().payload, summary().text, version=1),
        lambda: json.dumps(
            json.loads(plaintext_v2(summary().payload).decode().split(SEPARATOR)[1])
        ).encode(),
        lambda: plaintext_v2(summary().payload, summary().text, extra={"text": ["x"]}),
    ],
    ids=["layout-2-says-1", "json-only-says-2", "extra-text-field"],
)
def test_a_layout_that_does_not_fit_its_version_is_not_a_summary(plaintext):
    with pytest.raises(NotASummaryError):
        open_summary(seal_bytes(plaintext()), COACH)


def test_sealing_with_another_clients_key_is_refused():
    with pytest.raises(ValueError, match="client id"):
        seal_summary(summary(), OTHER_CLIENT, COACH.recipient)


def test_each_seal_is_fresh():
    built = summary()
    assert seal_summary(built, CLIENT, COACH.recipient) != seal_summary(
        built, CLIENT, COACH.recipient
    )
