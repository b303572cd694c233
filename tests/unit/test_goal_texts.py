"""The texts of goals: ruler follow-ups, a summary that reads right whatever was typed, counts."""

import itertools
import re
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from bridge.domain import goal_answers, goal_texts, goals
from bridge.domain.goal_texts import (
    RECOGNITION_KEYS,
    USED_KEYS,
    build_summary,
    if_then_sentence,
    recognition,
    ruler_follow_up,
    ruler_help,
    steps_done_text,
    summary_text,
)
from bridge.domain.goals import ERROR_CODES, GoalAnswers, GoalError, StepPlan
from bridge.i18n import Translator, load_catalog, placeholders, plural_key

CATALOG = load_catalog()
LANGUAGES = ("nl", "en")


def t_for(language: str) -> Translator:
    return Translator(CATALOG, language)


# -- rulers --------------------------------------------------------------------------


@pytest.mark.parametrize("kind", ["importance", "confidence"])
@pytest.mark.parametrize("language", LANGUAGES)
@pytest.mark.parametrize("n", range(11))
def test_both_rulers_ask_why_not_lower_for_every_number(kind, language, n):
    t = t_for(language)
    text = ruler_follow_up(kind, n, t)
    assert text.strip() and "{" not in text
    if n >= 3:
        assert text == t(f"goals.ruler.{kind}", n=n, m=n - 2)
        assert str(n) in text and str(n - 2) in text
    elif n in (1, 2):
        assert str(n) in text and "0" in text  # compared with 0
    else:
        assert not re.search(r"\d", text.replace("0", "", 1))  # 0 asks differently


def test_the_confidence_ruler_asks_why_not_lower_like_importance():
    assert ruler_follow_up("confidence", 6, t_for("nl")) == "Waarom een 6 en geen 4?"
    assert ruler_follow_up("importance", 6, t_for("nl")) == "Waarom een 6 en geen 4?"
    assert ruler_follow_up("confidence", 6, t_for("en")) == "Why a 6 and not a 4?"


@pytest.mark.parametrize("language", LANGUAGES)
@pytest.mark.parametrize("n", range(11))
def test_confidence_then_asks_what_would_help_one_point_higher(language, n):
    t = t_for(language)
    text = ruler_help("confidence", n, t)
    assert text is not None and "{" not in text
    if n < 10:
        assert text == t("goals.ruler.confidence_help", n=n, m=n + 1)
    else:
        assert text == t("goals.ruler.confidence_10")
    assert text != ruler_follow_up("confidence", n, t)
    assert ruler_help("importance", n, t) is None


@pytest.mark.parametrize("language", LANGUAGES)
def test_follow_ups_differ_per_number(language):
    for kind in ("importance", "confidence"):
        texts = [ruler_follow_up(kind, n, t_for(language)) for n in range(11)]
        assert len(set(texts)) == 11


def test_follow_up_refuses_a_bad_number_or_ruler():
    t = t_for("nl")
    for ask in (ruler_follow_up, ruler_help):
        for kind, n in (("importance", 11), ("confidence", -1), ("stress", 5)):
            with pytest.raises(GoalError) as err:
                ask(kind, n, t)
            assert err.value.code == "bad_ruler"


def test_follow_up_example_from_the_product():
    assert ruler_follow_up("importance", 7, t_for("nl")) == "Waarom een 7 en geen 5?"
    assert ruler_follow_up("importance", 7, t_for("en")) == "Why a 7 and not a 5?"
    assert ruler_help("confidence", 4, t_for("nl")) == "Wat zou je helpen om van 4 naar 5 te komen?"


# -- the summary -------------------------------------------------------------------------

FULL = GoalAnswers(
    desire="een huis zonder schimmel",
    reasons="mijn zoon heeft astma",
    importance=8,
    importance_why="ik slaap er slecht van",
    confidence=5,
    confidence_why="ik heb al eens gebeld",
    confidence_help="als mijn zus meegaat",
    past_success="ik heb vorig jaar mijn energierekening geregeld",
    step=StepPlan(
        what="de woningcorporatie bellen",
        when="maandag om 10 uur",
        where="thuis aan tafel",
        if_then="Als het maandag 10 uur is, dan bel ik de woningcorporatie.",
    ),
    obstacles="ik krijg niemand aan de lijn",
    obstacle_plan="ik stuur een mail via de website",
    helper_person="mijn zus Fatima",
    reward="een wandeling in het park",
)
TEXTS = [
    FULL.desire,
    FULL.reasons,
    FULL.importance_why,
    FULL.confidence_why,
    FULL.confidence_help,
    FULL.past_success,
    FULL.step.what,
    FULL.step.when,
    FULL.step.where,
    FULL.step.if_then,
    FULL.obstacles,
    FULL.obstacle_plan,
    FULL.helper_person,
    FULL.reward,
]


@pytest.mark.parametrize("language", LANGUAGES)
def test_summary_from_full_answers_quotes_the_clients_own_words(language):
    summary = build_summary(FULL, t_for(language))
    for words in TEXTS:
        assert f'"{words}"' in summary
    assert summary.count("\n") == len(TEXTS) + 2 - 1  # one idea per line, with the two scores


def test_summary_has_both_ruler_scores_with_their_reasons():
    nl = build_summary(FULL, t_for("nl")).split("\n")
    assert "Hoe belangrijk het is: 8 van 10." in nl
    assert 'Over dat getal zei je: "ik slaap er slecht van"' in nl
    assert "Hoe zeker je bent dat het lukt: 5 van 10." in nl
    assert 'Over hoe zeker je bent zei je: "ik heb al eens gebeld"' in nl
    assert 'Dit helpt om een punt hoger te komen: "als mijn zus meegaat"' in nl
    en = build_summary(FULL, t_for("en"))
    assert "How important it is: 8 out of 10." in en
    assert "How sure you are that it will work out: 5 out of 10." in en


def test_summary_example_from_the_issue_reads_as_correct_dutch():
    answers = GoalAnswers(
        desire="Ik wil de brief van de gemeente openen.",
        obstacles="ik durf niet",
        obstacle_plan="Dan doe ik het samen met mijn buurvrouw",
    )
    lines = build_summary(answers, t_for("nl")).split("\n")
    assert lines == [
        'Wat je anders wilt: "Ik wil de brief van de gemeente openen."',
        'Wat in de weg kan zitten: "ik durf niet"',
        'Wat je dan doet: "Dan doe ik het samen met mijn buurvrouw"',
    ]


ODD = [
    "Ik wil de brief openen",
    "Ik wil de brief openen.",
    "Dan doe ik het morgen",
    "dan bel ik",
    "rust",
    "Rust!",
    "  meer   ruimte\nvoor mij  ",
    "wat?",
    "...",
    'ik zei "nee"',
]
SLOTS = [
    "desire",
    "reasons",
    "importance_why",
    "confidence_why",
    "confidence_help",
    "past_success",
    "obstacles",
    "obstacle_plan",
    "helper_person",
    "reward",
]
#: The broken joins the issue found: our frame followed directly by the client's frame.
BROKEN = re.compile(r"(Je wilt|You want) (Ik|I) |: (Dan|Then) |\.\.|\. \.|Je wilt Ik|: ,")


def frames(language: str) -> list[tuple[str, str]]:
    """Each summary line's text before and after the client's words."""
    t = t_for(language)
    keys = [k for k in goal_texts.SUMMARY_KEYS if placeholders(t(k)) == {"words"}]
    return [tuple(t(k, words="§").split("§")) for k in keys]


@pytest.mark.parametrize("language", LANGUAGES)
@pytest.mark.parametrize("slot", SLOTS)
@pytest.mark.parametrize("typed", ODD)
def test_each_answer_is_a_frame_and_a_quote_whatever_was_typed(language, slot, typed):
    summary = build_summary(GoalAnswers(**{slot: typed}), t_for(language))
    assert "\n" not in summary
    words = " ".join(typed.split())
    before, after = next((b, a) for b, a in frames(language) if summary == f"{b}{words}{a}")
    assert before.endswith('"') and after == '"'  # the words quoted as typed
    assert not BROKEN.search(summary.replace(words, "§"))


@pytest.mark.parametrize("language", LANGUAGES)
@pytest.mark.parametrize("typed", ["", "   ", "\n\t"])
def test_an_empty_answer_is_left_out(language, typed):
    t = t_for(language)
    assert build_summary(GoalAnswers(desire=typed), t) == t("goals.summary.empty")


@settings(max_examples=150, deadline=None)
@given(
    slot=st.sampled_from(SLOTS),
    typed=st.text(min_size=1, max_size=80),
    language=st.sampled_from(LANGUAGES),
)
def test_any_typed_text_gives_one_quoted_line(slot, typed, language):
    summary = build_summary(GoalAnswers(**{slot: typed}), t_for(language))
    words = " ".join(typed.split())
    if not words:
        assert summary == t_for(language)("goals.summary.empty")
        return
    assert summary.count("\n") == 0
    assert summary.endswith(f'"{words}"')
    assert any(summary == f"{b}{words}{a}" for b, a in frames(language))


@pytest.mark.parametrize("language", LANGUAGES)
def test_summary_leaves_out_what_was_skipped(language):
    t = t_for(language)
    summary = build_summary(GoalAnswers(desire="meer rust", reward="een ijsje"), t)
    assert summary.split("\n") == [
        t("goals.summary.want", words="meer rust"),
        t("goals.summary.reward", words="een ijsje"),
    ]


@pytest.mark.parametrize("language", LANGUAGES)
def test_a_score_without_words_is_still_summarised(language):
    t = t_for(language)
    summary = build_summary(GoalAnswers(importance=0, confidence=10), t)
    assert summary.split("\n") == [
        t("goals.summary.importance", n=0),
        t("goals.summary.confidence", n=10),
    ]


@pytest.mark.parametrize("language", LANGUAGES)
def test_summary_with_everything_skipped_is_a_gentle_line(language):
    t = t_for(language)
    assert build_summary(GoalAnswers(), t) == t("goals.summary.empty")


def test_the_clients_edited_summary_wins():
    t = t_for("nl")
    edited = GoalAnswers(desire="rust", summary="Ik wil rust. Daarom bel ik maandag.")
    assert summary_text(edited, t) == "Ik wil rust. Daarom bel ik maandag."
    assert summary_text(GoalAnswers(desire="rust"), t) == 'Wat je anders wilt: "rust"'


# -- if-then, recognition, counts ------------------------------------------------------------


@pytest.mark.parametrize(
    ("language", "when", "then", "expected"),
    [
        (
            "nl",
            "het maandag 10 uur is",
            "bel ik de woningcorporatie.",
            "Als het maandag 10 uur is, dan bel ik de woningcorporatie.",
        ),
        (
            "nl",
            "Als het maandag 10 uur is",
            "Dan bel ik de woningcorporatie",
            "Als het maandag 10 uur is, dan bel ik de woningcorporatie.",
        ),
        (
            "en",
            "it is Monday at 10",
            "I call the housing association",
            "If it is Monday at 10, then I call the housing association.",
        ),
        (
            "en",
            "if it is Monday at 10",
            "then I call the housing association!",
            "If it is Monday at 10, then I call the housing association.",
        ),
        ("nl", "als", "dan", "Als als, dan dan."),  # a lone word is the client's words
    ],
)
def test_if_then_sentence(language, when, then, expected):
    assert if_then_sentence(when, then, t_for(language)) == expected


@pytest.mark.parametrize("language", LANGUAGES)
def test_recognition_is_varied_and_about_effort(language):
    t = t_for(language)
    assert recognition(1, 0, t) == t("goals.recognition.first")
    for seed in (0, 3, 12345):
        messages = [recognition(count, seed, t) for count in range(2, 12)]
        assert all(a != b for a, b in itertools.pairwise(messages))
        assert len(set(messages)) >= len(RECOGNITION_KEYS) - 1
        assert all(m.strip() for m in messages)


@pytest.mark.parametrize(
    ("count", "nl", "en"),
    [
        (0, "Je eerste stap komt nog", "Your first step is still to come"),
        (1, "1 stap gelukt", "1 step done"),
        (2, "2 stappen gelukt", "2 steps done"),
        (4, "4 stappen gelukt", "4 steps done"),
        (21, "21 stappen gelukt", "21 steps done"),
    ],
)
def test_steps_done_text_has_one_and_other_forms(count, nl, en):
    assert steps_done_text(count, t_for("nl")) == nl
    assert steps_done_text(count, t_for("en")) == en


def test_plural_keys_and_the_translator():
    assert plural_key("goals.steps_done", 1) == "goals.steps_done.one"
    assert plural_key("goals.steps_done", 0) == "goals.steps_done.other"
    assert t_for("nl").plural("goals.steps_done", 3) == "3 stappen gelukt"
    assert t_for("en").plural("goals.steps_done", 1) == "1 step done"


def test_goal_texts_have_no_count_label_style_strings():
    for key, text in CATALOG.entries.items():
        if key.startswith("goals."):
            for lang in LANGUAGES:
                assert not re.search(r":\s*\{(n|count)\}\W*$", text(lang)), key
        if key.endswith(".one"):
            assert key.removesuffix(".one") + ".other" in CATALOG.entries


# -- the catalog has every key and every error code ----------------------------------------


class Recorder:
    def __init__(self, language: str) -> None:
        self.inner = t_for(language)
        self.keys: set[str] = set()

    def __call__(self, key: str, **params: object) -> str:
        self.keys.add(key)
        return self.inner(key, **params)


@pytest.mark.parametrize("language", LANGUAGES)
def test_every_key_the_domain_asks_for_is_in_the_catalog(language):
    t = Recorder(language)
    for kind in ("importance", "confidence"):
        for n in range(11):
            ruler_follow_up(kind, n, t)
            ruler_help(kind, n, t)
    build_summary(FULL, t)
    build_summary(GoalAnswers(), t)
    for count in range(1, 20):
        recognition(count, 7, t)
    for count in range(3):
        steps_done_text(count, t)
    if_then_sentence("a", "b", t)
    assert t.keys == USED_KEYS
    missing = sorted(k for k in USED_KEYS if k not in CATALOG.entries)
    assert not missing


def test_every_error_code_has_a_catalog_text_and_every_raised_code_is_listed():
    missing = [c for c in ERROR_CODES if f"goals.error.{c}" not in CATALOG.entries]
    assert not missing
    source = "".join(
        Path(module.__file__).read_text(encoding="utf-8")
        for module in (goals, goal_answers, goal_texts)
    )
    raised = set(re.findall(r'GoalError\(\s*"([a-z_]+)"', source))
    assert raised == set(ERROR_CODES)
    for key, text in CATALOG.entries.items():
        if key.startswith("goals.error."):
            assert "{" not in text("nl"), f"{key}: error texts are shown without parameters"
