"""A client's file: the latest payload and text kept beside the JSON; older files still open."""

from __future__ import annotations

import json
import os
import struct

import pytest
from cryptography.hazmat.primitives.ciphers.aead import ChaCha20Poly1305
from hypothesis import given
from hypothesis import strategies as st

from bridge.coach import client_files
from bridge.coach.client_files import MAGIC, NONCE_SIZE, ClientCodec
from bridge.coach.store import Verdict
from bridge.locations import client_file_path
from tests.coach.store_helpers import filed, make_store, sealed
from tests.sharing.helpers import CLIENT

KEY = bytes(range(32))
CLIENT_ID = "0123456789abcdef"


def _seal(version: int, plaintext: bytes, client_id: str = CLIENT_ID, key: bytes = KEY) -> bytes:
    """A client file of ``version`` around ``plaintext``, sealed as the app seals one."""
    prefix = MAGIC + bytes([version])
    nonce = os.urandom(NONCE_SIZE)
    aad = prefix + client_id.encode()
    return prefix + nonce + ChaCha20Poly1305(key).encrypt(nonce, plaintext, aad)


def _document(payload: str, text: str, label: str) -> dict:
    return {
        "client_id": CLIENT_ID,
        "label": label,
        "latest": {"payload": payload, "text": text, "discuss": ["housing"], "active_goals": 2},
        "imports": [{"summary_id": "x"}],
    }


@given(st.text(), st.text(), st.text())
def test_every_document_reads_back_as_it_was_written(payload, text, label) -> None:
    codec = ClientCodec(KEY, CLIENT_ID)
    document = _document(payload, text, label)
    raw = codec.encode(document)
    assert raw[len(MAGIC)] == client_files.VERSION == 2
    assert codec.decode(raw) == document
    assert document["latest"]["payload"] == payload  # encoding left the document as it was


def test_a_document_without_a_summary_reads_back() -> None:
    codec = ClientCodec(KEY, CLIENT_ID)
    document = {"client_id": CLIENT_ID, "label": "A", "latest": None, "imports": []}
    assert codec.decode(codec.encode(document)) == document


def test_the_payload_is_kept_beside_the_json_not_escaped_inside_it() -> None:
    payload = json.dumps({"area": "housing", "note": 'zei "ja"'})
    plaintext = client_files._pack(
        _document(payload, "regel 1\nregel 2", "A"), client_files.JsonCodec()
    )
    assert plaintext.endswith(payload.encode() + b"regel 1\nregel 2")


_NAMED = json.dumps({"latest": {"discuss": []}}).encode()
_NONE = json.dumps({"latest": None}).encode()


@pytest.mark.parametrize(
    "plaintext",
    [
        b"",  # no lengths
        struct.pack(">III", len(_NAMED), 5, 0) + _NAMED + b"abc",  # cut short
        struct.pack(">III", len(_NAMED), 0, 0) + _NAMED + b"extra",  # more than it says
        struct.pack(">III", len(_NONE), 3, 0) + _NONE + b"abc",  # a payload of no summary
        struct.pack(">III", 2, 0, 0) + b"[]",  # not a document
        struct.pack(">III", len(_NAMED), 2, 0) + _NAMED + b"\xff\xfe",  # not UTF-8
    ],
)
def test_parts_that_do_not_add_up_are_damaged(plaintext: bytes) -> None:
    with pytest.raises(ValueError):
        ClientCodec(KEY, CLIENT_ID).decode(_seal(2, plaintext))


def test_a_file_of_another_client_or_version_does_not_open() -> None:
    good = ClientCodec(KEY, CLIENT_ID).encode({"latest": None})
    with pytest.raises(ValueError):
        ClientCodec(KEY, "fedcba9876543210").decode(good)
    with pytest.raises(ValueError):
        ClientCodec(KEY, CLIENT_ID).decode(MAGIC + bytes([3]) + good[len(MAGIC) + 1 :])


def test_a_file_of_the_first_version_opens_and_is_written_anew(store, repo, folder) -> None:
    filed(store, CLIENT, "Mevrouw A")
    path = client_file_path(folder, CLIENT.client_id)
    key = store._files_key()
    before = store.history(CLIENT.client_id)
    document = client_files.read_client(folder, key, CLIENT.client_id)
    whole = json.dumps(document, ensure_ascii=False).encode()  # version 1: one JSON
    path.write_bytes(_seal(1, whole, CLIENT.client_id, key))

    reopened = make_store(repo, folder)
    assert reopened.entry(CLIENT.client_id).damaged is False
    assert reopened.history(CLIENT.client_id) == before
    assert reopened.import_one(sealed(CLIENT, 30), "later.age").verdict is Verdict.ADDED
    assert path.read_bytes()[len(MAGIC)] == 2
    assert reopened.history(CLIENT.client_id).latest_text != before.latest_text
