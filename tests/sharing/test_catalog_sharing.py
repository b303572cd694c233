"""The sharing texts: in both languages, plain Dutch (B1), and a message for every error."""

from __future__ import annotations

import pytest

import bridge.sharing as sharing
from bridge.content import read_json
from bridge.i18n import load_catalog
from tests.unit.test_plain_language import sentences, words

from .helpers import t

PART = read_json("strings_sharing.json")
MAX_WORDS = 15


def test_the_part_loads_into_the_catalog_without_clashes():
    catalog = load_catalog()
    assert set(PART) <= set(catalog.entries)
    assert all(key.startswith(("share.", "coach.import.")) for key in PART)


@pytest.mark.parametrize("key", sorted(PART))
def test_every_dutch_sentence_is_short(key):
    for sentence in sentences(PART[key]["nl"]):
        assert words(sentence) <= MAX_WORDS, f"{key}: {sentence}"


SUMMARY_ERRORS = [
    cls
    for cls in vars(sharing).values()
    if isinstance(cls, type)
    and issubclass(cls, sharing.SummaryError)
    and cls is not sharing.SummaryError
]


def test_there_is_one_error_class_per_code():
    codes = sorted(cls.code for cls in SUMMARY_ERRORS)
    assert codes == sorted(
        [
            "empty",
            "too_large",
            "damaged",
            "not_for_you",
            "not_a_summary",
            "newer_version",
            "bad_signature",
            "signer_changed",
            "weak_signer_key",
            "wrong_coach",
        ]
    )


@pytest.mark.parametrize("language", ["nl", "en"])
@pytest.mark.parametrize("cls", SUMMARY_ERRORS, ids=lambda c: c.code)
def test_every_import_error_has_a_message(language, cls):
    key = f"coach.import.error.{cls.code}"
    params = {"pinned": "1234 5678 9012 3456", "new": "6543 2109 8765 4321"}
    text = t(language)(key, **(params if cls.code == "signer_changed" else {}))
    assert text and "{" not in text
    if cls.code != "empty":
        assert text.endswith(("Er is niets opgeslagen.", "Nothing has been saved."))


@pytest.mark.parametrize("language", ["nl", "en"])
@pytest.mark.parametrize("choice", list(sharing.SummaryChoices().as_dict()))
def test_every_choice_has_a_toggle_label(language, choice):
    assert t(language)(f"share.choose.{choice}")


def test_the_fingerprint_sentence_is_as_agreed():
    assert (
        t("nl")("share.pair.fingerprint", code="0193 5521")
        == "Vergelijk deze code samen: 0193 5521"
    )
    assert t("nl")("share.error.bad_key") == (
        "Deze sleutel klopt niet. Kijk of je hem goed hebt overgenomen. Er is niets opgeslagen."
    )
