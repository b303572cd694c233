"""The readable summary (for the coach, after `age -d`) and the client's preview, nl and en."""

from __future__ import annotations

import re

import pytest

from bridge.sharing import SummaryChoices, preview_lines

from .helpers import AREAS, CLIENT, CONTENT, NOTE, summary, t

LATEST = {a: {"housing": 4, "debts": 2, "work": 5}.get(a, 3) for a in AREAS}
DATES = {"nl": ("1 maart 2026", "30 april 2026"), "en": ("1 March 2026", "30 April 2026")}


def _area_lines(text: str) -> dict[str, str]:
    """The bridge section's item line for each area, found by the area's name."""
    lines = {}
    for area in CONTENT.areas:
        for lang in ("nl", "en"):
            name = area.name(lang)
            found = [
                line
                for line in text.splitlines()
                if re.match(rf"- (\*\*)?{re.escape(name)}: ", line)
            ]
            if found:
                lines[area.id] = found[0]
    return lines


@pytest.mark.parametrize("language", ["nl", "en"])
def test_the_text_names_every_area_with_its_step_label(language):
    text = summary(language=language).text
    tr = t(language)
    lines = _area_lines(text)
    assert set(lines) == set(AREAS)
    for area in CONTENT.areas:
        step = LATEST[area.id]
        expected = tr(
            "share.text.area_step",
            area=area.name(language),
            step=step,
            total=5,
            label=area.step(step).label(language),
        )
        assert expected in lines[area.id]
    first, latest = DATES[language]
    assert text.startswith(f"# {tr('share.text.title')}\n")
    assert f"## {tr('share.text.bridge_heading', date=latest)}" in text
    assert tr("share.text.client_code", code=CLIENT.client_id) in text
    assert first in text


@pytest.mark.parametrize(
    ("language", "expected"),
    [
        (
            "nl",
            [
                "- **Wonen: stap 4 van 5, Vaste woning**",
                "- **Schulden: stap 2 van 5, Hulp gevraagd** · nu het belangrijkst · met hulp van een hulpverlener",
                "- Werk en inkomen: stap 5 van 5, Vast werk, genoeg inkomen · met mensen om me heen",
                "Wat **vet** staat, wil ik bespreken.",
                "- Wonen: 1 → 2 → 4",
                "- 1 maart 2026: stress 8 van 10",
                "- Huurachterstand regelen (Wonen, bezig)",
                "  - Stap: Maandag de woningcorporatie bellen",
                "    - 1 mei 2026: gelukt",
                "- Elke week vijf euro opzij (Buffer en sparen, even op pauze)",
                "Mijn cijfers tellen niet mee.",
            ],
        ),
        (
            "en",
            [
                "- **Housing: step 4 of 5, Steady home**",
                "What is in **bold**, I want to talk about.",
                "- Housing: 1 → 2 → 4",
                "- 1 March 2026: stress 8 of 10",
                "- Huurachterstand regelen (Housing, active)",
                "    - 1 May 2026: done",
                "My figures are not counted.",
            ],
        ),
    ],
)
def test_the_text_reads_as_intended(language, expected):
    lines = summary(language=language).text.splitlines()
    for line in expected:
        assert line in lines


def test_only_the_areas_to_discuss_are_bold():
    text = summary().text
    lines = _area_lines(text)
    bold = {area for area, line in lines.items() if line.startswith("- **")}
    assert bold == {"housing", "debts"}
    discuss_section = text.split("## Dit wil ik bespreken\n")[1].split("\n\n")[0]
    assert discuss_section.splitlines() == ["- **Wonen**", "- **Schulden**"]


def test_with_discuss_off_nothing_is_bold_or_said_about_it():
    text = summary(SummaryChoices(discuss=False)).text
    assert "**" not in text
    assert t()("share.text.discuss_heading") not in text


def test_a_part_turned_off_leaves_no_trace_in_the_text():
    choices = SummaryChoices(bridge=False, stress=False, goals=False)
    text = summary(choices).text
    assert "stap" not in text and "stress" not in text.lower()
    assert "Huurachterstand" not in text
    assert "- **Wonen**" in text  # discuss is still on


def test_notes_show_only_when_chosen():
    assert NOTE not in summary().text
    assert f"- Gezondheid: {NOTE}" in summary(SummaryChoices(notes=True)).text.splitlines()


def test_consent_is_written_out():
    assert "Mijn cijfers mogen zonder naam meetellen." in summary(SummaryChoices(consent=True)).text


def test_no_bridge_and_no_goals_are_said_plainly():
    text = summary(snapshots=[], goal_list=[]).text
    for key in ("share.text.no_bridge", "share.text.goals_none", "share.text.stress_none"):
        assert t()(key) in text


def test_every_placeholder_is_filled():
    for language in ("nl", "en"):
        text = summary(SummaryChoices(notes=True, consent=True), language=language).text
        assert not re.search(r"\{\w+\}", text)


# -- the client's preview ----------------------------------------------------------------
@pytest.mark.parametrize(
    ("choices", "expected"),
    [
        (
            SummaryChoices(),
            [
                "Je brug van 30 april 2026.",
                "Ook je 2 eerdere bruggen.",
                "Hoeveel stress je had.",
                "Je 2 doelen en de stappen.",
                "Dit wil je bespreken: Wonen, Schulden.",
                "Je notities deel je niet.",
                "Je cijfers tellen niet mee voor het programma.",
            ],
        ),
        (
            SummaryChoices(
                bridge=False, stress=False, goals=False, discuss=False, notes=True, consent=True
            ),
            [
                "Je eigen notitie.",
                "Je brug deel je niet.",
                "Je stress deel je niet.",
                "Je doelen deel je niet.",
                "Wat je wilt bespreken, deel je niet.",
                "Je cijfers tellen mee voor het programma. Zonder je naam.",
            ],
        ),
    ],
    ids=["defaults", "inverted"],
)
def test_the_preview_says_what_goes_and_what_does_not(choices, expected):
    assert [line.text for line in preview_lines(summary(choices), t("nl"))] == expected


def test_the_notes_off_line_is_flagged_not_shared():
    """Issue 9.4: "Je notities deel je niet." was shown with a tick."""
    lines = {line.text: line.shared for line in preview_lines(summary(), t("nl"))}
    assert lines["Je notities deel je niet."] is False
    assert lines["Je cijfers tellen niet mee voor het programma."] is False
    assert lines["Hoeveel stress je had."] is True


@pytest.mark.parametrize("choice", ["bridge", "stress", "goals", "discuss", "notes"])
def test_each_choice_turned_off_is_the_one_line_not_shared_besides_consent(choice):
    choices = SummaryChoices(**{**SummaryChoices(notes=True).as_dict(), choice: False})
    lines = preview_lines(summary(choices), t("nl"))
    not_shared = [line.text for line in lines if not line.shared]
    assert not_shared == [
        t("nl")(f"share.preview.off.{choice}"),
        t("nl")("share.preview.consent_no"),
    ]
    consenting = preview_lines(summary(SummaryChoices(consent=True)), t("nl"))
    assert consenting[-1].shared is True


def test_the_preview_in_english_and_with_nothing_yet():
    lines = preview_lines(summary(SummaryChoices(notes=True), "en", [], []), t("en"))
    assert [line.text for line in lines] == [
        "You have not kept a bridge yet.",
        "You did not fill in your stress.",
        "You have no goals yet.",
        "You did not choose anything to talk about.",
        "You have no notes.",
        "Your figures do not count for the programme.",
    ]
