"""Private by default, as a person meets it: passcode, quick exit, nothing readable on disk, and
two sessions writing at once without losing anything."""

from __future__ import annotations

import re

from playwright.sync_api import Browser, expect

from bridge.content import load_bridge
from tests.e2e.harness import PHONE, AppServer, Person
from tests.e2e.steps import PASSCODE, draft_when, first_start, stored, unlock_app
from tests.e2e.test_bridge_flow import step_name
from tests.e2e.test_goals_flow import new_goal

CONTENT = load_bridge()


def test_quick_exit_hides_everything_and_the_passcode_brings_it_back(phone: Person):
    first_start(phone)
    phone.tap("Vul je brug in")
    phone.tap("Stress 6")
    phone.tap("Volgende")
    phone.see("Hoe gaat het met wonen?")
    phone.tap(step_name("housing", 2))
    phone.type_into("Eigen notitie", "Zwaluwstaart")

    phone.tap("Snel weg")
    phone.see("Geen notities")
    expect(phone.text("Wonen")).to_have_count(0)
    expect(phone.text(re.compile("brug", re.I))).to_have_count(0)
    assert phone.page.title() == "Notities"
    # The address bar tells nothing of what was on screen either.
    expect(phone.page).to_have_url(re.compile(r"/neutral$"))
    phone.shot("neutral-screen")

    phone.tap("Nieuwe notitie")
    unlock_app(phone, "135799")
    phone.see("Deze code klopt niet. Probeer het nog een keer.")
    phone.shot("wrong-passcode")
    unlock_app(phone, PASSCODE)
    phone.see("Je was bezig met invullen. Alles is bewaard.")
    phone.tap("Verder met invullen")
    phone.see("Hoe gaat het met wonen?")
    expect(phone.button(step_name("housing", 2))).to_have_attribute("aria-current", "true")
    assert phone.field_value("Eigen notitie") == "Zwaluwstaart"
    phone.shot("everything-back")


def test_nothing_readable_is_kept_on_disk(phone: Person, server: AppServer):
    first_start(phone)
    phone.tap("Vul je brug in")
    phone.tap("Volgende")
    phone.tap(step_name("housing", 3))
    phone.type_into("Eigen notitie", "Kwartelkoning")
    phone.tap("Terug")  # leave halfway: it is saved
    phone.tab("Doelen")
    new_goal(phone, "Gezondheid", "Pimpelmees zien", step="Boterbloem plukken")
    phone.see("Je wilde deze week: Boterbloem plukken")
    server.stop()

    secrets = ["Kwartelkoning", "Pimpelmees", "Boterbloem", "housing", "assessments"]
    files = [p for p in server.data_dir.rglob("*") if p.is_file()]
    assert len(files) >= 2
    for path in files:
        raw = path.read_bytes()
        for word in secrets:
            assert word.encode() not in raw, f"{path.name} holds {word!r}"
            assert word.encode("utf-16-le") not in raw, f"{path.name} holds {word!r}"
    # ... and with the passcode it is all there.
    data = stored(server.data_dir)
    (draft,) = data["assessments"].values()
    assert draft["answers"]["housing"]["note"] == "Kwartelkoning"
    assert any(g["answers"]["desire"] == "Pimpelmees zien" for g in data["goals"].values())


def test_two_sessions_writing_at_once_lose_nothing(
    phone: Person, server: AppServer, browser: Browser, shots_dir
):
    first_start(phone)
    phone.tap("Vul je brug in")
    other = Person(browser, server, shots_dir / "second", PHONE)
    try:
        other.open("/fill/stress")  # the same unlocked app in a second tab
        other.see("Hoeveel stress heb je deze week?")
        phone.tap("Volgende")
        phone.see("Hoe gaat het met wonen?")
        other.open("/fill/family")
        other.see(CONTENT.area("family").question("nl"))
        # Both tap at the same time, several times over.
        for level in (1, 2, 3, 4, 5, 2):
            phone.choose(step_name("housing", level))
            other.choose(step_name("family", 6 - level if level < 5 else 1))
        other.toggle("Dit wil ik bespreken")
        phone.toggle("Dit is nu het belangrijkst")
        draft_when(
            server.data_dir,
            lambda d: (
                d["answers"]["housing"].get("priority") is True
                and d["answers"]["family"].get("discuss") is True
            ),
        )
        # Each tab still shows its own last choice after the other tab saved.
        expect(phone.button(step_name("housing", 2))).to_have_attribute("aria-current", "true")
        expect(other.button(step_name("family", 4))).to_have_attribute("aria-current", "true")
        other.shot("second-session")
        phone.shot("first-session")
    finally:
        other.close()
    server.stop()
    (draft,) = stored(server.data_dir)["assessments"].values()
    assert draft["answers"]["housing"]["step"] == 2
    assert draft["answers"]["housing"]["priority"] is True
    assert draft["answers"]["family"]["step"] == 4
    assert draft["answers"]["family"]["discuss"] is True
