"""The coach's session cards: the right kind per situation, both languages, plain, without blame."""

from __future__ import annotations

import copy
import re

import pytest

from bridge.coach.session_order import Group, SessionArea, Situation
from bridge.coach.session_prompts import (
    AREA,
    RULERS,
    RULES,
    STRESS_HIGH,
    STRESS_HIGH_FROM,
    cards_for,
    load_session_prompts,
    parse_session_prompts,
    stress_is_high,
    words_per_sentence,
)
from bridge.content import LANGUAGES, ContentError, load_bridge, read_json
from bridge.content.prompts import load_prompts

LIBRARY = load_prompts()
CARDS = load_session_prompts(LIBRARY)
RAW = read_json("session_prompts.json")
TOPICS = [s.value for s in Situation] + [RULERS, STRESS_HIGH]
AREA_NAMES = {
    lang: [t(lang) for a in load_bridge().areas for t in (a.name, a.short)] for lang in LANGUAGES
}

#: Words that blame or push; never in a card (and above all not in a reflection).
BLAME = {
    "nl": {
        "moet",
        "moeten",
        "moest",
        "fout",
        "fouten",
        "schuld",
        "schuldig",
        "falen",
        "gefaald",
        "mislukt",
        "lui",
        "slecht",
        "verplicht",
        "waarom niet",
        "had je",
    },
    "en": {
        "should",
        "must",
        "fault",
        "failed",
        "fail",
        "failure",
        "blame",
        "wrong",
        "lazy",
        "guilty",
        "why didn't",
        "you didn't",
    },
}


def tokens(text: str) -> str:
    return " " + " ".join(re.findall(r"[\w'’]+", text.lower())) + " "


# -- what the cards hold --------------------------------------------------------------


@pytest.mark.parametrize("topic", TOPICS)
@pytest.mark.parametrize("language", LANGUAGES)
def test_every_situation_has_a_card_in_both_languages(topic, language):
    cards = CARDS.for_topic(topic)
    assert cards
    assert all(card.say(language, "Wonen").strip() for card in cards)


@pytest.mark.parametrize("topic", TOPICS)
def test_each_situation_gets_the_right_kind_of_card(topic):
    kinds = {card.kind for card in CARDS.for_topic(topic)}
    assert RULES[topic].required <= kinds <= RULES[topic].allowed


def test_the_kinds_the_issue_asks_for():
    def kinds(situation):
        return {card.kind for card in CARDS.for_topic(situation.value)}

    assert kinds(Situation.FLAGGED) == {"open_question"}
    assert {"affirmation", "evoking_question"} <= kinds(Situation.WENT_UP)
    assert "Wat heb je daarvoor gedaan?" in [c.text("nl") for c in CARDS.for_topic("went_up")]
    assert "reflection" in kinds(Situation.WENT_DOWN)
    assert kinds(Situation.VIEWS_DIFFER) == {"ask"}  # ask, don't tell
    assert [c.id for c in CARDS.for_topic(RULERS)] == ["ruler_importance", "ruler_confidence"]
    reminders = " ".join(c.text("nl").lower() for c in CARDS.for_topic(STRESS_HIGH))
    for idea in ("één ding tegelijk", "gewone woorden", "kleine stap"):
        assert idea in reminders


def test_the_mi_library_is_reused_not_copied():
    from_library = {c.id for c in CARDS.cards.values() if c.from_library}
    assert {
        "ruler_importance",
        "ruler_confidence",
        "stress_together",
        "reflect_a_lot",
    } <= from_library
    library_texts = {p.text(lang) for p in LIBRARY.prompts for lang in LANGUAGES}
    own = [c for c in CARDS.cards.values() if not c.from_library]
    assert own and not [c.id for c in own if {c.text(lang) for lang in LANGUAGES} & library_texts]
    for card in CARDS.cards.values():
        if card.from_library:
            assert card.text == LIBRARY.prompt(card.id).text


@pytest.mark.parametrize("language", LANGUAGES)
def test_no_blame_in_any_card_and_above_all_not_in_reflections(language):
    reflections = [c for c in CARDS.cards.values() if c.kind == "reflection"]
    assert len(reflections) >= 2  # the went-down cards, and the library's reflect_a_lot
    for card in CARDS.cards.values():  # every card, the went-down ones included
        said = tokens(card.say(language, "Wonen"))
        assert not [w for w in BLAME[language] if f" {w} " in said], card.id


def test_the_blame_check_itself_catches_blame():
    assert " moet " in tokens("Je moet dit echt doen.")
    assert " you didn't " in tokens("Why? You didn't call.")


@pytest.mark.parametrize("language", LANGUAGES)
def test_cards_stay_plain_with_the_longest_area_name(language):
    """B1: no sentence over 20 words with any area name; Dutch sentences aim at 15 or fewer."""
    limit = 15 if language == "nl" else 20
    for card in CARDS.cards.values():
        for name in AREA_NAMES[language]:
            said = card.say(language, name)
            assert AREA not in said and "{" not in said
            assert max(words_per_sentence(said)) <= limit, (card.id, said)
            assert len(words_per_sentence(said)) <= 3


def test_the_area_is_named_where_the_card_says_so():
    card = CARDS.cards["flagged_tell"]
    assert card.names_area
    assert card.say("nl", "Schulden") == "Je wilde over Schulden praten. Wat speelt er?"
    assert card.say("en", "Debts") == "You wanted to talk about Debts. What is going on?"
    assert not CARDS.cards["up_what_did_you_do"].names_area


# -- choosing cards for the area in view ------------------------------------------------


def area(*situations: Situation) -> SessionArea:
    return SessionArea("debts", Group.REST, 2, 3, situations)


@pytest.mark.parametrize("level", range(11))
def test_the_stress_threshold(level):
    assert stress_is_high(level) is (level >= STRESS_HIGH_FROM)
    topics = [g.topic for g in cards_for(area(Situation.SAME), CARDS, level)]
    assert (topics[0] == STRESS_HIGH) is (level >= 7)
    assert (STRESS_HIGH in topics) is (level >= 7)


def test_no_stress_shared_brings_no_reminders():
    assert not stress_is_high(None)
    assert STRESS_HIGH not in [g.topic for g in cards_for(area(Situation.SAME), CARDS, None)]


@pytest.mark.parametrize("situation", list(Situation))
def test_each_situation_brings_its_own_cards_then_the_rulers(situation):
    groups = cards_for(area(situation), CARDS, 2)
    assert [g.topic for g in groups] == [situation.value, RULERS]
    assert groups[0].cards == CARDS.for_topic(situation.value)


def test_an_area_with_several_situations_shows_them_in_order():
    groups = cards_for(
        area(Situation.FLAGGED, Situation.VIEWS_DIFFER, Situation.WENT_DOWN), CARDS, 8
    )
    assert [g.topic for g in groups] == [
        STRESS_HIGH,
        "flagged",
        "views_differ",
        "went_down",
        RULERS,
    ]


def test_a_card_in_two_topics_shows_once():
    raw = copy.deepcopy(RAW)
    raw["situations"]["same"].append("flagged_tell")
    cards = parse_session_prompts(raw, LIBRARY)
    groups = cards_for(area(Situation.FLAGGED, Situation.SAME), cards, None)
    ids = [c.id for g in groups for c in g.cards]
    assert ids.count("flagged_tell") == 1 and len(ids) == len(set(ids))


# -- the loader refuses malformed content ----------------------------------------------


def _bad(change):
    raw = copy.deepcopy(RAW)
    change(raw)
    return raw


def _card(raw, ident):
    return next(c for c in raw["cards"] if c["id"] == ident)


BAD = {
    "not an object": (lambda r: r.clear(), "expected an object"),
    "no version": (lambda r: r.pop("version"), "missing version"),
    "version as bool": (lambda r: r.update(version=True), "missing version"),
    "unknown field": (lambda r: r.update(extra=[]), "unknown fields"),
    "card not an object": (lambda r: r["cards"].append("x"), "expected an object"),
    "bad id": (lambda r: _card(r, "first_time").update(id="first time"), "invalid id"),
    "duplicate id": (lambda r: r["cards"].append(copy.deepcopy(r["cards"][0])), "duplicate id"),
    "library id": (
        lambda r: _card(r, "first_time").update(id="open_today"),
        "already in the MI library",
    ),
    "unknown card field": (lambda r: _card(r, "first_time").update(title={}), "unknown fields"),
    "unknown kind": (lambda r: _card(r, "first_time").update(kind="lecture"), "unknown kind"),
    "no english": (lambda r: _card(r, "first_time")["text"].pop("en"), "'en'"),
    "empty dutch": (lambda r: _card(r, "first_time")["text"].update(nl=" "), "'nl'"),
    "other placeholder": (
        lambda r: _card(r, "first_time")["text"].update(nl="Hoe gaat het, {name}?"),
        "braces",
    ),
    "area in one language": (
        lambda r: _card(r, "first_time")["text"].update(en="How is it?"),
        "every language",
    ),
    "long sentence": (
        lambda r: _card(r, "first_time")["text"].update(nl=" ".join(["woord"] * 21) + "."),
        "20 words",
    ),
    "four sentences": (
        lambda r: _card(r, "up_what_did_you_do")["text"].update(nl="Ja. Nee. Ja. Nee?"),
        "3 sentences",
    ),
    "no situations": (lambda r: r.pop("situations"), "per situation"),
    "a situation missing": (lambda r: r["situations"].pop("same"), "['same']"),
    "unknown situation": (
        lambda r: r["situations"].update(lost=["first_time"]),
        "unknown situations",
    ),
    "empty list": (lambda r: r["situations"].update(not_filled=[]), "at least one"),
    "unknown card": (lambda r: r["situations"]["flagged"].append("nope"), "no card 'nope'"),
    "not an id": (lambda r: r["situations"]["flagged"].append(3), "expected card ids"),
    "listed twice": (lambda r: r["situations"]["flagged"].append("flagged_tell"), "listed twice"),
    "goal flow question": (
        lambda r: r["situations"]["flagged"].append("desire"),
        "not a session card",
    ),
    "psycho-education": (lambda r: r[STRESS_HIGH].append("card_stress"), "not a session card"),
    "wrong kind": (lambda r: r["situations"]["flagged"].append("down_heavy"), "this topic takes"),
    "telling when views differ": (
        lambda r: r["situations"]["views_differ"].append("up_affirm"),
        "this topic takes",
    ),
    "no affirmation for up": (
        lambda r: r["situations"].update(went_up=["up_what_did_you_do", "up_what_helped"]),
        "affirmation",
    ),
    "no reflection for down": (
        lambda r: r["situations"].update(went_down=["down_what_changed"]),
        "reflection",
    ),
    "a ruler that is not one": (lambda r: r[RULERS].append("open_today"), "this topic takes"),
    "no stress reminders": (lambda r: r.pop(STRESS_HIGH), "at least one"),
    "unused card": (lambda r: r["situations"].update(no_earlier=["not_filled_open"]), "not used"),
}


@pytest.mark.parametrize("case", BAD, ids=list(BAD))
def test_the_loader_refuses_malformed_content(case):
    change, message = BAD[case]
    with pytest.raises(ContentError, match=re.escape(message)):
        parse_session_prompts(_bad(change), LIBRARY)


def test_the_shipped_file_passes_and_a_copy_of_it_too():
    assert parse_session_prompts(copy.deepcopy(RAW), LIBRARY) == CARDS
    assert CARDS.version == 1
    with pytest.raises(KeyError):
        CARDS.for_topic("lecture")
