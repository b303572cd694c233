"""The client's signing key: made once, kept, never replaced behind the client's back."""

from __future__ import annotations

import base64
import hashlib
import re

import pytest

from bridge.sharing import ClientIdentity, ClientIdentityError, client_id_for, client_identity
from bridge.sharing.signing_key import signer_fingerprint, verify_signature
from bridge.storage import NewerDataError
from bridge.storage.repository import open_repository

from .helpers import CLIENT


def test_the_key_is_made_on_first_use_and_kept(tmp_path):
    repo = open_repository(tmp_path)
    try:
        assert repo.get_record("keys", "client_signing") is None
        first = client_identity(repo)
        record = repo.get_record("keys", "client_signing")
        assert record is not None
        assert record["schema"] == 1
        assert record["algorithm"] == "ed25519"
        assert base64.b64decode(record["public_key"]) == first.public_key
        assert len(base64.b64decode(record["secret_key"])) == 32
        assert client_identity(repo).public_key == first.public_key
        age = repo.get_record("keys", "client_age")
        assert age is not None
        assert age["schema"] == 1
        assert age["algorithm"] == "x25519"
        assert age["recipient"] == first.recipient.to_string()
        assert age["secret_key"] == first.age.to_string()
    finally:
        repo.close()
    again = open_repository(tmp_path)
    try:
        assert client_identity(again).public_key == first.public_key
        assert client_identity(again).recipient == first.recipient
        assert len(again.records("keys")) == 2
    finally:
        again.close()


def test_the_client_id_is_the_start_of_the_keys_hash():
    assert CLIENT.client_id == hashlib.sha256(CLIENT.public_key).hexdigest()[:16]
    assert client_id_for(CLIENT.public_key) == CLIENT.client_id
    assert re.fullmatch(r"[0-9a-f]{16}", CLIENT.client_id)
    assert ClientIdentity.generate().client_id != CLIENT.client_id


def test_signatures_verify_only_for_the_same_message_and_key():
    signature = CLIENT.sign(b"hallo")
    assert verify_signature(CLIENT.public_key, signature, b"hallo")
    assert not verify_signature(CLIENT.public_key, signature, b"hallo!")
    assert not verify_signature(ClientIdentity.generate().public_key, signature, b"hallo")
    assert not verify_signature(CLIENT.public_key, signature[:-1], b"hallo")


def test_the_secret_never_shows_in_repr():
    secret_hex = CLIENT.secret_bytes().hex()
    secret_b64 = base64.b64encode(CLIENT.secret_bytes()).decode()
    shown = repr(CLIENT)
    assert CLIENT.client_id in shown
    assert secret_hex not in shown and secret_b64 not in shown


def test_the_fingerprint_is_four_groups_of_four_digits():
    assert re.fullmatch(r"\d{4} \d{4} \d{4} \d{4}", signer_fingerprint(CLIENT.public_key))
    assert CLIENT.fingerprint == signer_fingerprint(CLIENT.public_key)


GOOD = {
    "schema": 1,
    "algorithm": "ed25519",
    "secret_key": base64.b64encode(CLIENT.secret_bytes()).decode(),
    "public_key": base64.b64encode(CLIENT.public_key).decode(),
}


@pytest.mark.parametrize(
    "change",
    [
        {"schema": None},
        {"algorithm": "rsa"},
        {"secret_key": "not base64!"},
        {"secret_key": base64.b64encode(b"short").decode()},
        {"public_key": base64.b64encode(bytes(32)).decode()},
        {"public_key": 7},
    ],
    ids=["no-schema", "algorithm", "not-base64", "short", "other-public", "public-not-text"],
)
def test_a_damaged_key_is_reported_and_left_alone(repo, change):
    record = {**GOOD, **change}
    repo.put_record("keys", "client_signing", record)
    with pytest.raises(ClientIdentityError):
        client_identity(repo)
    assert repo.get_record("keys", "client_signing") == {**record, "id": "client_signing"}


def test_a_key_saved_by_a_newer_app_is_not_touched(repo):
    repo.put_record("keys", "client_signing", {**GOOD, "schema": 2})
    with pytest.raises(NewerDataError):
        client_identity(repo)
    assert repo.get_record("keys", "client_signing")["schema"] == 2


def test_a_stored_key_is_read_back_as_the_same_identity(repo):
    repo.put_record("keys", "client_signing", GOOD)
    assert client_identity(repo).public_key == CLIENT.public_key
