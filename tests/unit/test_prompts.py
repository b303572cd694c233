"""The MI prompt library and the goal screens' texts: rules, validation, plain Dutch, no blame."""

import copy
import re

import pytest

from bridge.content import ContentError, read_json
from bridge.content.prompts import (
    KINDS,
    MAX_CARD_SENTENCES,
    STAGES,
    load_prompts,
    parse_prompts,
    sentence_count,
)
from bridge.domain.goals import FLOW
from bridge.i18n import load_catalog
from tests.unit.test_plain_language import MAX_WORDS, sentences, words

B1_MAX_WORDS = 15  # the product's rule for Dutch; MAX_WORDS (20) is the hard limit
AIM_AVERAGE = 10

#: Words that blame or push. Never in anything the client or the coach reads here.
BLAME_WORDS = {
    "nl": {
        "moet",
        "moeten",
        "moest",
        "moesten",
        "falen",
        "faalt",
        "gefaald",
        "mislukt",
        "mislukte",
        "mislukking",
        "schuld",
        "schuldig",
        "fout",
        "lui",
        "verplicht",
        "slecht",
    },
    "en": {
        "must",
        "should",
        "fail",
        "failed",
        "failing",
        "failure",
        "fault",
        "blame",
        "guilty",
        "lazy",
        "wrong",
    },
}

LIBRARY = load_prompts()
RAW = read_json("prompts.json")
GOAL_STRINGS = read_json("strings_goals.json")


# -- what the library holds -------------------------------------------------------------


def count(kind: str) -> int:
    return len(LIBRARY.by_kind(kind))


def test_the_flow_questions_are_all_there_with_matching_ids():
    questions = LIBRARY.by_kind("question")
    assert tuple(p.id for p in questions) == FLOW
    assert LIBRARY.flow_question("desire").text("nl") == "Wat zou je graag anders willen?"
    assert LIBRARY.prompt("reasons").text("nl") == "Waarom is dat belangrijk voor jou?"


@pytest.mark.parametrize(
    ("kind", "at_least", "at_most"),
    [
        ("open_question", 6, 99),
        ("reflection", 4, 4),
        ("affirmation", 6, 6),
        ("summary", 2, 2),
        ("ruler", 2, 2),
        ("stress_reminder", 4, 4),
        ("psychoeducation", 3, 3),
        ("recognition", 8, 99),
    ],
)
def test_each_kind_has_its_prompts(kind, at_least, at_most):
    assert at_least <= count(kind) <= at_most


def test_the_coach_rulers_cover_importance_and_confidence():
    assert {p.id for p in LIBRARY.by_kind("ruler")} == {"ruler_importance", "ruler_confidence"}


@pytest.mark.parametrize("stage", STAGES)
def test_every_stage_has_prompts(stage):
    found = LIBRARY.by_stage(stage)
    assert found and all(p.stage == stage for p in found)


def test_every_prompt_is_in_exactly_one_stage_and_one_kind():
    assert sum(len(LIBRARY.by_stage(s)) for s in STAGES) == len(LIBRARY.prompts)
    assert sum(len(LIBRARY.by_kind(k)) for k in KINDS) == len(LIBRARY.prompts)


def test_unknown_lookups_fail_loudly():
    for lookup in (
        lambda: LIBRARY.prompt("nope"),
        lambda: LIBRARY.by_stage("closing"),
        lambda: LIBRARY.by_kind("lecture"),
        lambda: LIBRARY.flow_question("card_stress"),
    ):
        with pytest.raises(KeyError):
            lookup()


@pytest.mark.parametrize("card", LIBRARY.by_kind("psychoeducation"), ids=lambda p: p.id)
@pytest.mark.parametrize("language", ["nl", "en"])
def test_psychoeducation_cards_are_short_and_have_a_title(card, language):
    assert card.title is not None and card.title(language)
    assert 1 <= sentence_count(card.text(language)) <= MAX_CARD_SENTENCES


def test_the_three_cards_are_about_stress_small_steps_and_setbacks():
    titles = [p.title("nl").lower() for p in LIBRARY.by_kind("psychoeducation") if p.title]
    assert any("stress" in t for t in titles)
    assert any("kleine stappen" in t for t in titles)
    assert any("terugval" in t for t in titles)


def test_recognition_messages_match_the_catalog_the_app_uses():
    """recognition() reads goals.recognition.<n> from the catalog; the library holds the same."""
    catalog = load_catalog()
    for prompt in LIBRARY.by_kind("recognition"):
        key = "goals.recognition." + prompt.id.removeprefix("recognition_")
        for language in ("nl", "en"):
            assert catalog.text(key, language) == prompt.text(language), key
    in_catalog = {k for k in catalog.entries if k.startswith("goals.recognition.")}
    assert len(in_catalog) == count("recognition")


# -- broken copies are refused -----------------------------------------------------------


def broken(change):
    raw = copy.deepcopy(RAW)
    change(raw)
    return raw


def find(raw, prompt_id):
    return next(p for p in raw["prompts"] if p["id"] == prompt_id)


def set_in(prompt_id, key, value):
    return lambda raw: find(raw, prompt_id).__setitem__(key, value)


def card_text(nl):
    return lambda raw: find(raw, "card_setback").__setitem__("text", {"nl": nl, "en": "One."})


@pytest.mark.parametrize(
    ("change", "message"),
    [
        (set_in("desire", "stage", "closing"), "unknown stage"),
        (set_in("desire", "kind", "lecture"), "unknown kind"),
        (set_in("reasons", "id", "desire"), "duplicate id 'desire'"),
        (set_in("desire", "id", "not an id"), "invalid id"),
        (set_in("desire", "text", {"nl": "Wat wil je?"}), "missing or empty text in 'en'"),
        (set_in("desire", "text", {"nl": " ", "en": "What?"}), "missing or empty text in 'nl'"),
        (set_in("desire", "text", {"nl": "a", "en": "b", "de": "c"}), "unknown languages"),
        (set_in("desire", "colour", "blue"), "unknown fields"),
        (card_text("Een. Twee. Drie? Vier! Vijf."), "at most 4 sentences"),
        (lambda raw: find(raw, "card_stress").pop("title"), "needs a title"),
        (set_in("card_stress", "title", {"nl": "Titel"}), "missing or empty text in 'en'"),
        (set_in("step", "kind", "open_question"), r"no question for \['step'\]"),
        (lambda raw: raw["prompts"].pop(0), r"no question for \['desire'\]"),
        (set_in("open_today", "kind", "question"), "not in the goal flow"),
        (lambda raw: raw["prompts"].append("text"), "expected an object"),
        (lambda raw: raw.pop("version"), "missing version"),
        (lambda raw: raw.__setitem__("prompts", {}), "expected an object with a list"),
    ],
)
def test_broken_libraries_are_refused(change, message):
    with pytest.raises(ContentError, match=message):
        parse_prompts(broken(change))


def test_the_unbroken_copy_is_accepted():
    assert parse_prompts(copy.deepcopy(RAW)) == LIBRARY


@pytest.mark.parametrize(
    ("text", "n"),
    [
        ("Een.", 1),
        ("Een. Twee? Drie!", 3),
        ("Je wilt …, omdat … Klopt dat?", 1),
        ("Wacht… en dan? Ja.", 2),
        ("", 0),
    ],
)
def test_sentence_count(text, n):
    assert sentence_count(text) == n


# -- the goal screens' texts ---------------------------------------------------------------


def test_goal_strings_are_prefixed_and_do_not_clash():
    assert all(key.startswith("goals.") for key in GOAL_STRINGS)
    assert not set(GOAL_STRINGS) & set(read_json("strings.json"))
    catalog = load_catalog()  # also checks both languages and the same placeholders
    assert set(GOAL_STRINGS) <= set(catalog.entries)


def test_the_product_wording_is_kept():
    catalog = load_catalog()
    assert catalog.text("goals.checkin_title", "nl", step="bellen") == "Je wilde deze week: bellen"
    assert catalog.text("goals.steps_done.other", "nl", count=3) == "3 stappen gelukt"
    assert catalog.text("goals.steps_done.one", "nl", count=1) == "1 stap gelukt"
    assert catalog.text("goals.summary.want", "nl", words="rust") == 'Wat je anders wilt: "rust"'
    for key in ("goals.checkin_done", "goals.checkin_partly", "goals.checkin_not_yet"):
        assert catalog.text(key, "nl").lower() in {"gelukt", "deels", "nog niet"}


# -- plain Dutch and no blame ------------------------------------------------------------


def client_texts(language: str) -> list[tuple[str, str]]:
    texts = []
    for prompt in LIBRARY.prompts:
        texts.append((prompt.id, prompt.text(language)))
        if prompt.title is not None:
            texts.append((f"{prompt.id} title", prompt.title(language)))
    for key, value in GOAL_STRINGS.items():
        texts.append((key, value[language]))
    return texts


def test_dutch_sentences_are_short(record_property, capsys):
    lengths, too_long = [], []
    for where, text in client_texts("nl"):
        for sentence in sentences(text):
            n = words(sentence)
            lengths.append(n)
            if n > B1_MAX_WORDS:
                too_long.append(f"{where}: {n} words: {sentence}")
    average = sum(lengths) / len(lengths)
    record_property("goals_average_sentence_words", round(average, 1))
    with capsys.disabled():
        print(
            f"\ngoals plain language: {len(lengths)} Dutch sentences, average {average:.1f} "
            f"words (aim < {AIM_AVERAGE}), longest {max(lengths)}"
        )
    assert B1_MAX_WORDS <= MAX_WORDS
    assert not too_long, "\n".join(too_long)
    assert average < AIM_AVERAGE


@pytest.mark.parametrize("language", ["nl", "en"])
def test_no_blame_words(language):
    found = []
    for where, text in client_texts(language):
        hits = set(re.findall(r"[\w'’-]+", text.lower())) & BLAME_WORDS[language]
        if hits:
            found.append(f"{where}: {sorted(hits)}")
    assert not found, "\n".join(found)


def test_the_blame_check_itself_catches_a_blame_word():
    text = "Je moet dit doen, anders is het mislukt."
    hits = set(re.findall(r"[\w'’-]+", text.lower())) & BLAME_WORDS["nl"]
    assert hits == {"moet", "mislukt"}
    # 'schulden' (debts) is a bridge area, not blame.
    assert not set(re.findall(r"[\w'’-]+", "je schulden")) & BLAME_WORDS["nl"]
