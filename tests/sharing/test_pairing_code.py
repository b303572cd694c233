"""Pairing carries the coach's signing key: the new two-part text and the old age key alone, one
short code over both keys that the coach's screen and the client's phone show alike."""

from __future__ import annotations

import base64
from datetime import UTC, datetime

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from bridge import crypto
from bridge.coach.identity import CoachIdentity
from bridge.crypto.bech32 import encode_bytes
from bridge.sharing import PairingError, coaches, pair_coach
from bridge.sharing.coaches import coach_from_record
from bridge.sharing.pairing_code import (
    SIGNING_HRP,
    pairing_fingerprint,
    parse_pairing_text,
    signing_key_text,
)

from .plan_helpers import COACH_ID, OTHER_COACH_ID

AGE_KEY = COACH_ID.recipient_text
SIGN_KEY = signing_key_text(COACH_ID.signing_public_key)


def test_the_coach_shows_both_keys_and_the_client_sees_the_same_code(repo):
    assert COACH_ID.pairing_text == f"{AGE_KEY} {SIGN_KEY}"
    assert SIGN_KEY.startswith("bridgesign1")
    coach = pair_coach(repo, "Marieke", COACH_ID.pairing_text)
    assert coach.recipient == COACH_ID.age.recipient
    assert coach.signing_key == COACH_ID.signing_public_key
    assert coach.fingerprint == COACH_ID.fingerprint
    (record,) = repo.records("coaches")
    assert record["schema"] == 1
    assert base64.b64decode(record["signing_key"]) == COACH_ID.signing_public_key
    assert coaches(repo)[0].fingerprint == COACH_ID.fingerprint


def test_one_code_covers_both_keys():
    recipient = COACH_ID.age.recipient
    code = pairing_fingerprint(recipient, COACH_ID.signing_public_key)
    assert code != pairing_fingerprint(recipient, OTHER_COACH_ID.signing_public_key)
    assert code != pairing_fingerprint(OTHER_COACH_ID.age.recipient, COACH_ID.signing_public_key)
    # Without a signing key it is the old code, which old pairings showed.
    assert pairing_fingerprint(recipient, None) == crypto.fingerprint(recipient)


def _spread(text: str, cuts: list[int], seps: list[str]) -> str:
    points = sorted({c % (len(text) + 1) for c in cuts})
    parts, last = [], 0
    for point in points:
        parts.append(text[last:point])
        last = point
    parts.append(text[last:])
    return "".join(p + seps[n % len(seps)] for n, p in enumerate(parts))


@settings(max_examples=60, deadline=None)
@given(
    swapped=st.booleans(),
    cuts=st.lists(st.integers(0, 200), max_size=8),
    seps=st.lists(st.sampled_from([" ", "\n", "\r\n", "\t", "\u200b", "  \n "]), min_size=1),
)
def test_spaces_and_line_breaks_anywhere_and_either_order_pair_the_same(swapped, cuts, seps):
    text = f"{SIGN_KEY} {AGE_KEY}" if swapped else COACH_ID.pairing_text
    recipient, signing_key = parse_pairing_text(_spread(text, cuts, seps))
    assert recipient == COACH_ID.age.recipient
    assert signing_key == COACH_ID.signing_public_key


def test_an_old_age_key_alone_still_pairs_without_a_signing_key(repo):
    coach = pair_coach(repo, "Marieke", f"  {AGE_KEY[:20]}\n{AGE_KEY[20:]} ")
    assert coach.signing_key is None
    assert coach.fingerprint == crypto.fingerprint(COACH_ID.age.recipient)
    assert "signing_key" not in repo.records("coaches")[0]


def test_pairing_again_with_the_new_text_adds_the_signing_key_and_an_old_text_keeps_it(repo):
    old = pair_coach(repo, "Marieke", AGE_KEY, now=datetime(2026, 1, 1, tzinfo=UTC))
    new = pair_coach(repo, "Marieke de Vries", COACH_ID.pairing_text)
    assert new.id == old.id
    (kept,) = coaches(repo)
    assert kept.signing_key == COACH_ID.signing_public_key
    assert kept.name == "Marieke de Vries"
    again = pair_coach(repo, "Marieke", AGE_KEY)
    assert again.signing_key == COACH_ID.signing_public_key
    assert coaches(repo)[0].signing_key == COACH_ID.signing_public_key


def _weak_key_text() -> str:
    return encode_bytes(SIGNING_HRP, bytes(32))  # a key of small order: proves nothing


@pytest.mark.parametrize(
    ("typed", "age_code"),
    [
        (f"{AGE_KEY} {SIGN_KEY[:-1]}", "bad_key"),
        (f"{AGE_KEY} {SIGN_KEY.upper()}", "bad_key"),
        (f"{AGE_KEY} {SIGN_KEY} {SIGN_KEY}", "bad_key"),
        (f"{AGE_KEY} {AGE_KEY} {SIGN_KEY}", "bad_key"),
        (SIGN_KEY, "bad_key"),
        (f"{AGE_KEY} {_weak_key_text()}", "bad_key"),
        (f"{AGE_KEY} {encode_bytes(SIGNING_HRP, bytes(31))}", "bad_key"),
        (f"{COACH_ID.age.to_string()} {SIGN_KEY}", "secret_key_not_recipient"),
    ],
    ids=["short", "upper", "sign-twice", "age-twice", "no-age", "weak", "31-bytes", "secret"],
)
def test_a_bad_pairing_text_saves_nothing(repo, typed, age_code):
    with pytest.raises(PairingError) as caught:
        pair_coach(repo, "Marieke", typed)
    assert caught.value.code == "bad_key"
    assert caught.value.age_code == age_code
    assert repo.records("coaches") == []


def test_a_stored_signing_key_that_does_not_read_is_refused():
    record = {
        "id": "c1",
        "schema": 1,
        "name": "M",
        "recipient": AGE_KEY,
        "paired_at": "2026-01-01T00:00:00+00:00",
    }
    assert coach_from_record(record).signing_key is None
    for bad in ("kapot!", base64.b64encode(bytes(31)).decode(), 42):
        with pytest.raises(ValueError):
            coach_from_record({**record, "signing_key": bad})


def test_a_new_coach_identity_gives_a_new_code():
    assert CoachIdentity.generate().fingerprint != COACH_ID.fingerprint
