"""Pairing with a coach: forgiving about spaces, strict about the key, nothing saved on an error."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from bridge import crypto
from bridge.sharing import NAME_MAX_CHARS, PairingError, coaches, pair_coach, remove_coach
from bridge.storage import NewerDataError
from bridge.storage.repository import open_repository

from .helpers import COACH, OTHER_COACH, t

KEY = COACH.recipient.to_string()


def _chunks(text: str, size: int, sep: str) -> str:
    return sep.join(text[i : i + size] for i in range(0, len(text), size))


@pytest.mark.parametrize(
    "typed",
    [
        KEY,
        f"  {KEY}\n",
        _chunks(KEY, 8, " "),
        _chunks(KEY, 20, "\n"),
        _chunks(KEY, 16, "\r\n"),
        "\t" + _chunks(KEY, 4, " \u200b"),
    ],
    ids=["plain", "around", "spaces", "lines", "crlf", "tabs-zero-width"],
)
def test_a_good_key_is_saved_with_name_and_fingerprint(repo, typed):
    coach = pair_coach(repo, "  Marieke \n de Vries ", typed)
    assert coach.recipient == COACH.recipient
    assert coach.name == "Marieke de Vries"
    assert coach.fingerprint == crypto.fingerprint(COACH.recipient)
    (record,) = repo.records("coaches")
    assert record["schema"] == 1
    assert record["recipient"] == KEY
    assert coaches(repo) == [coach]


def _mistype(key: str) -> str:
    i = len(key) // 2
    return key[:i] + ("q" if key[i] != "q" else "p") + key[i + 1 :]


@pytest.mark.parametrize(
    ("typed", "age_code"),
    [
        (_mistype(KEY), "bad_key"),
        (KEY[:-1], "bad_key"),
        (KEY + "q", "bad_key"),
        (KEY.upper(), "bad_key"),
        ("", "bad_key"),
        ("   \n ", "bad_key"),
        ("hallo coach", "bad_key"),
        (COACH.to_string(), "secret_key_not_recipient"),
    ],
    ids=["mistyped", "short", "long", "uppercase", "empty", "blank", "words", "secret-key"],
)
def test_a_bad_key_saves_nothing(repo, typed, age_code):
    with pytest.raises(PairingError) as caught:
        pair_coach(repo, "Marieke", typed)
    assert caught.value.code == "bad_key"
    assert caught.value.age_code == age_code
    assert isinstance(caught.value.__cause__, crypto.AgeError)
    assert repo.records("coaches") == []
    assert COACH.to_string() not in str(caught.value)  # a pasted secret is never echoed


@pytest.mark.parametrize(
    ("name", "code"),
    [
        ("", "name_missing"),
        ("   ", "name_missing"),
        ("\n\t", "name_missing"),
        ("x" * (NAME_MAX_CHARS + 1), "name_too_long"),
        (" ".join(["Anna"] * 13), "name_too_long"),  # 64 characters
    ],
    ids=["empty", "spaces", "breaks", "61-chars", "64-words"],
)
def test_a_missing_or_long_name_saves_nothing(repo, name, code):
    with pytest.raises(PairingError) as caught:
        pair_coach(repo, name, KEY)
    assert caught.value.code == code
    assert repo.records("coaches") == []


def test_a_name_of_exactly_the_limit_is_fine(repo):
    assert pair_coach(repo, "x" * NAME_MAX_CHARS, KEY).name == "x" * NAME_MAX_CHARS


def test_with_a_bad_key_and_no_name_the_key_is_named_first(repo):
    with pytest.raises(PairingError) as caught:
        pair_coach(repo, "", "age1nope")
    assert caught.value.code == "bad_key"


@pytest.mark.parametrize("language", ["nl", "en"])
@pytest.mark.parametrize(
    ("name", "key", "message_key"),
    [
        ("M", "age1nope", "share.error.bad_key"),
        ("M", COACH.to_string(), "share.error.secret_key"),
        ("", KEY, "share.error.name_missing"),
        ("x" * 99, KEY, "share.error.name_too_long"),
    ],
)
def test_every_pairing_error_has_a_translated_message(repo, language, name, key, message_key):
    with pytest.raises(PairingError) as caught:
        pair_coach(repo, name, key)
    assert caught.value.message_key == message_key
    text = t(language)(caught.value.message_key, **caught.value.params)
    assert text and "{" not in text


def test_pairing_the_same_key_again_renames_instead_of_adding(repo):
    first = pair_coach(repo, "Marieke", KEY)
    again = pair_coach(repo, "Marieke de Vries", " " + KEY)
    assert again.id == first.id
    assert [c.name for c in coaches(repo)] == ["Marieke de Vries"]


def test_coaches_are_listed_in_pairing_order_and_can_be_removed(tmp_path):
    repo = open_repository(tmp_path)
    try:
        one = pair_coach(repo, "Bram", KEY, now=datetime(2026, 1, 1, tzinfo=UTC))
        two = pair_coach(
            repo, "Anna", OTHER_COACH.recipient.to_string(), now=datetime(2026, 2, 1, tzinfo=UTC)
        )
        assert coaches(repo) == [one, two]
        assert remove_coach(repo, one.id) is True
        assert remove_coach(repo, one.id) is False
    finally:
        repo.close()
    again = open_repository(tmp_path)
    try:
        assert coaches(again) == [two]
    finally:
        again.close()


def test_a_coach_saved_by_a_newer_app_is_not_read(repo):
    repo.put_record("coaches", "x", {"schema": 2, "name": "N", "recipient": KEY, "paired_at": "x"})
    with pytest.raises(NewerDataError):
        coaches(repo)
