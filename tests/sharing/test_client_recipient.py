"""Every new summary carries the client's own age key; older summaries without it still open, and
a key that is not one is refused like any other bad field."""

from __future__ import annotations

import json

import pytest

from bridge.sharing import NotASummaryError, open_summary, seal_summary, validate_payload
from bridge.sharing.signing_key import ClientIdentity

from .helpers import CLIENT, COACH, OTHER_CLIENT, plaintext_v2, seal_bytes, summary


def _payload() -> dict:
    return json.loads(json.dumps(summary().payload))


def test_a_sealed_summary_carries_the_clients_own_key():
    opened = open_summary(seal_summary(summary(), CLIENT, COACH.recipient), COACH)
    assert opened.payload.client_recipient == CLIENT.recipient.to_string()
    assert opened.payload.as_dict()["client_recipient"] == CLIENT.recipient.to_string()


def test_sealing_adds_the_key_when_the_summary_was_built_without_it():
    built = summary()
    bare = type(built)(
        {k: v for k, v in built.payload.items() if k != "client_recipient"},
        built.text,
        built.area_names,
    )
    opened = open_summary(seal_summary(bare, CLIENT, COACH.recipient), COACH)
    assert opened.payload.client_recipient == CLIENT.recipient.to_string()


def test_a_summary_built_for_another_key_of_the_client_is_not_sealed():
    same_signer = ClientIdentity(CLIENT.secret_bytes())  # a new age key, the same signing key
    with pytest.raises(ValueError):
        seal_summary(summary(), same_signer, COACH.recipient)


def test_an_older_summary_without_the_key_still_opens():
    payload = _payload()
    del payload["client_recipient"]
    assert validate_payload(payload).client_recipient is None
    opened = open_summary(seal_bytes(plaintext_v2(payload)), COACH)
    assert opened.payload.client_recipient is None
    assert "client_recipient" not in opened.payload.as_dict()


@pytest.mark.parametrize(
    "bad",
    [
        None,
        42,
        "",
        "age1kapot",
        CLIENT.recipient.to_string().upper(),
        OTHER_CLIENT.age.to_string(),
        CLIENT.recipient.to_string() + " ",
        ["age1"],
    ],
    ids=["null", "number", "empty", "broken", "upper", "secret", "space", "list"],
)
def test_a_client_key_that_is_not_one_is_refused(bad):
    payload = {**_payload(), "client_recipient": bad}
    with pytest.raises(NotASummaryError):
        validate_payload(payload)
