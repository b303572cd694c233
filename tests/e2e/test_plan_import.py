"""A client opens the plan their coach sent after a conversation, on a phone: pairs with the
coach, shares once (that is how the coach learns the client's own key), meets a plan signed by
another coach (refused, nothing stored, the paste kept), pastes the real one, reads "Wat we
afspraken" and turns an agreed step into a goal of their own, which the goal list then shows.

The coach and the plans are made in the test with the app's own plan API, sealed to the key the
client's app made, read from the client's data."""

from __future__ import annotations

import base64
import re
from datetime import date, timedelta
from pathlib import Path

from playwright.sync_api import Browser, expect

from bridge.coach.identity import CoachIdentity
from bridge.content import load_bridge
from bridge.crypto import X25519Recipient
from bridge.i18n import Translator, load_catalog
from bridge.sharing.plan import AgreedStep, Plan, readable_plan_text, seal_plan
from bridge.sharing.plans import TABLE as PLANS_TABLE
from bridge.sharing.signing_key import client_id_for
from tests.e2e.harness import LAPTOP, Person, activate
from tests.e2e.steps import first_start, stored

CONTENT = load_bridge()
T = Translator(load_catalog(), "nl")
PASTE = "Tekst van het plan"
STEP_ONE = "Samen de brief van de woningcorporatie lezen"
STEP_TWO = "Elke ochtend tien minuten wandelen"
RECOGNITION = "Je bent vandaag gekomen, ook al was het een zware week. Dat is knap."


def client_keys(data_dir: Path) -> tuple[X25519Recipient, str]:
    """The client's own age recipient and filing code, as the client's app stored them."""
    keys = {r["id"]: r for r in stored(data_dir)["keys"].values()}
    signing_key = base64.b64decode(keys["client_signing"]["public_key"])
    return X25519Recipient.parse(keys["client_age"]["recipient"]), client_id_for(signing_key)


def sealed_plan(
    coach: CoachIdentity, recipient: X25519Recipient, client_id: str, today: date
) -> str:
    plan = Plan(
        client_id=client_id,
        session_date=today - timedelta(days=1),
        steps=(AgreedStep(STEP_ONE, "housing"), AgreedStep(STEP_TWO, "health")),
        recognition=RECOGNITION,
        next_meeting=today + timedelta(days=13),
        coach_view={"housing": 2, "debts": 3},
    )
    return seal_plan(plan, coach, recipient, readable_plan_text(plan, CONTENT, T))


def paste(person: Person, text: str) -> None:
    """Pastes into the plan field: the text arrives at once, as from the clipboard."""
    box = person.page.get_by_role("textbox", name=PASTE)
    person.focus(box)
    person.page.keyboard.insert_text(text)
    expect(box).to_have_value(text, timeout=20_000)  # all of it, nothing cut
    person.blur(box)


def settled_shot(person: Person, name: str) -> None:
    """A picture once the page transition (about 20 frames) has been drawn to its end."""
    person.frames(30)
    person.shot(name)


def kept_plans(data_dir: Path) -> dict[str, object]:
    return stored(data_dir).get(PLANS_TABLE, {})


def test_a_client_opens_the_coachs_plan_and_makes_a_step_their_own_goal(
    phone: Person, browser: Browser, data_dir: Path, tmp_path: Path
) -> None:
    coach, stranger = CoachIdentity.generate(), CoachIdentity.generate()
    first_start(phone)

    # Pairing: the coach's one code (age key and signing key), then one summary shared.
    phone.tab("Delen")
    phone.tap("Je coach toevoegen")
    phone.type_into("Sleutel van je coach", coach.pairing_text)
    phone.type_into("Naam van je coach", "Marieke")
    phone.tap("Coach bewaren")
    phone.see("Marieke is bewaard als je coach.")
    phone.tap("Klaar")
    phone.tap("Maak de samenvatting")
    phone.see("Je samenvatting is klaar")
    recipient, client_id = client_keys(data_dir)
    today = date.today()

    # The way in, on the Share tab.
    phone.tap("Terug naar delen")
    phone.see("Wat wil je delen?")
    phone.tap("Plan van je coach openen")
    phone.see("Tekst plakken")
    settled_shot(phone, "plan-import-empty")

    phone.tap("Plan openen")
    phone.see("Plak eerst de tekst van het plan.")

    # A plan signed by a coach this client never paired with: refused, nothing kept.
    foreign = sealed_plan(stranger, recipient, client_id, today)
    paste(phone, foreign)
    phone.tap("Plan openen")
    refusal = T("plan.error.unknown_coach")
    phone.see(refusal, timeout=20_000)
    settled_shot(phone, "plan-refused")
    assert kept_plans(data_dir) == {}
    assert phone.field_value(PASTE) == foreign  # nothing typed is lost

    # A file with a plan the coach made for another client: refused, its name said, nothing kept.
    other_client = tmp_path / "plan-2026-12-01.age"
    other_client.write_text(sealed_plan(coach, recipient, "fedcba9876543210", today))
    with phone.page.expect_file_chooser() as chooser:
        phone.tap("Bestand kiezen")
    chooser.value.set_files(str(other_client))
    phone.see(f"Bestand {other_client.name}: {T('plan.error.wrong_client')}", timeout=20_000)
    phone.page.mouse.move(195, 500)
    phone.page.mouse.wheel(0, 600)  # to the message under the file button
    settled_shot(phone, "plan-file-refused")
    assert kept_plans(data_dir) == {}

    # The real plan, pasted inside a chat message.
    phone.clear(PASTE)
    real = sealed_plan(coach, recipient, client_id, today)
    paste(phone, "Hoi! Hier is ons plan van gisteren:\n" + real + "\nGroetjes, Marieke")
    phone.tap("Plan openen")
    phone.see("Wat we afspraken", timeout=20_000)
    expect(phone.page).to_have_url(re.compile(r"/plan$"))
    phone.see(re.compile(r"^Van Marieke, na jullie gesprek op "))
    phone.see(RECOGNITION)
    phone.see(STEP_ONE)
    phone.see(STEP_TWO)
    meeting = today + timedelta(days=13)
    phone.see(
        re.compile(
            rf"Jullie volgende afspraak: \w+ {meeting.day} {T(f'month.{meeting.month}')} "
            rf"{meeting.year}"
        )
    )
    phone.see("Hoe Marieke het ziet")
    housing = CONTENT.area("housing")
    phone.see(f"{T.pick(housing.name)}: stap 2, {T.pick(housing.step(2).label)}")
    assert len(kept_plans(data_dir)) == 1
    settled_shot(phone, "plan-what-we-agreed")
    phone.page.mouse.move(195, 500)
    phone.page.mouse.wheel(0, 2000)  # down to the meeting and the coach's view, as a thumb would
    settled_shot(phone, "plan-what-we-agreed-below")

    # One tap: the usual goal screens, the step as the starting text the client edits.
    phone.tap("Maak hier een eigen doel van")
    phone.see("Bij welk deel van je brug hoort je doel?")
    phone.see(f"Je begint met deze stap uit je plan: „{STEP_ONE}”")
    phone.see("Hoort bij deze stap")
    settled_shot(phone, "goal-from-plan")
    phone.tap(re.compile(rf"^{T.pick(housing.name)}\b"))
    phone.see("Wat zou je graag anders willen?")
    assert phone.field_value("Jouw antwoord") == STEP_ONE
    own = STEP_ONE + ", met mijn zus erbij"
    phone.type_into("Jouw antwoord", ", met mijn zus erbij")
    settled_shot(phone, "goal-own-words")

    phone.tap("Terug")  # the app bar's back arrow, to the goals list
    phone.see("Mijn doelen")
    phone.see(own, timeout=15_000)
    settled_shot(phone, "goal-list")

    # Home shows what was agreed; the step is marked as turned into a goal.
    phone.tab("Brug")
    phone.see("Van Marieke, na jullie gesprek op", timeout=15_000)
    settled_shot(phone, "home-card")
    phone.tap("Bekijk wat jullie afspraken")
    phone.see("Je hebt hier een doel van gemaakt")
    expect(phone.button("Maak hier een eigen doel van")).to_have_count(1)  # the other step
    settled_shot(phone, "plan-step-used")
    activate(phone.button("Maak hier een eigen doel van").first)
    phone.see(f"Je begint met deze stap uit je plan: „{STEP_TWO}”")
    # Not now: the usual new goal, without the step (and nothing marked).
    phone.tap("Zonder deze stap beginnen")
    expect(phone.text(re.compile("^Je begint met deze stap"))).to_have_count(0)
    phone.see("Bij welk deel van je brug hoort je doel?")

    # The same plan at a laptop (the data stays open in the app): a readable column.
    laptop = Person(browser, phone.server, phone.shots / "laptop", LAPTOP)
    try:
        laptop.open("plan")
        laptop.see("Wat we afspraken", timeout=20_000)
        laptop.see(RECOGNITION)
        settled_shot(laptop, "plan-what-we-agreed")
    finally:
        laptop.close()
