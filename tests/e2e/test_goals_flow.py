"""A client sets small goals of their own on a phone, checks in without blame, and keeps going."""

from __future__ import annotations

import re

from playwright.sync_api import expect

from bridge.content.prompts import load_prompts
from bridge.domain.goals import FLOW
from tests.e2e.harness import AppServer, Person
from tests.e2e.steps import first_start, unlock_app

PROMPTS = load_prompts()


def question(qid: str) -> str:
    return PROMPTS.flow_question(qid).text("nl")


def start(person: Person) -> None:
    first_start(person)
    person.tab("Doelen")
    person.see("Mijn doelen")


def new_goal(person: Person, area: str, desire: str, step: str | None = None) -> None:
    """A quick goal: the desire, optionally a step for today, the rest skipped."""
    person.tap("Nieuw doel")
    person.see("Bij welk deel van je brug hoort je doel?")
    person.tap(re.compile(f"^{area}\\b"))
    person.see(question("desire"))
    person.type_into("Jouw antwoord", desire)
    for qid in FLOW[1:-1]:
        person.tap("Verder")
        person.see(question(qid))
        if qid == "step" and step is not None:
            person.type_into("Wat ga je doen?", step)
            person.chip("Vandaag")
    person.tap("Verder")
    person.see(question("summary"))
    person.tap("Begin met dit doel")


def test_a_goal_in_the_clients_own_words_with_check_ins(phone: Person, server: AppServer):
    start(phone)
    phone.see("Je hebt nog geen doel. Wil je een klein doel kiezen?")
    phone.tap("Nieuw doel")
    phone.tap(re.compile(r"^Wonen\b"))

    phone.see(question("desire"))
    phone.type_into("Jouw antwoord", "een rustiger huis voor de kinderen")
    phone.tap("Verder")
    phone.see(question("reasons"))
    phone.type_into("Jouw antwoord", "ze slapen slecht door het lawaai")
    phone.tap("Verder")
    phone.see(question("importance"))
    phone.tap("Kies 7")
    phone.see("Waarom een 7 en geen 5?")
    phone.type_into("Jouw antwoord", "het speelt elke nacht")
    phone.shot("importance-ruler")
    phone.tap("Verder")
    phone.see(question("confidence"))
    phone.tap("Kies 4")
    phone.see("Waarom een 4 en geen 2?")  # "why not lower" on both rulers
    phone.type_into("Jouw antwoord", "ik heb al eens gebeld")
    phone.see("Wat zou je helpen om van 4 naar 5 te komen?")  # then one point higher
    phone.type_into("Wat zou helpen?", "als mijn zus meegaat")
    phone.tap("Verder")
    phone.see(question("past_success"))
    phone.tap("Overslaan")  # every question may be skipped
    phone.see(question("step"))
    phone.type_into("Wat ga je doen?", "de woningcorporatie bellen")
    phone.type_into("Als …", "het maandag 10 uur is")
    phone.type_into("dan …", "bel ik de woningcorporatie")
    phone.see("Als het maandag 10 uur is, dan bel ik de woningcorporatie.")
    phone.chip("Vandaag")
    phone.shot("smallest-step")
    phone.tap("Verder")
    phone.see(question("obstacles"))
    phone.tap("Overslaan")
    phone.see(question("helper"))
    phone.tap("Overslaan")
    phone.see(question("reward"))
    phone.type_into("Jouw antwoord", "een kop thee op het balkon")
    phone.tap("Verder")

    phone.see(question("summary"))
    summary = phone.field_value("Aanpassen")
    lines = summary.split("\n")
    assert 'Wat je anders wilt: "een rustiger huis voor de kinderen"' in lines
    assert 'Waarom dat belangrijk is: "ze slapen slecht door het lawaai"' in lines
    assert "Hoe belangrijk het is: 7 van 10." in lines
    assert 'Over dat getal zei je: "het speelt elke nacht"' in lines
    assert "Hoe zeker je bent dat het lukt: 4 van 10." in lines
    assert 'Over hoe zeker je bent zei je: "ik heb al eens gebeld"' in lines
    assert 'Dit helpt om een punt hoger te komen: "als mijn zus meegaat"' in lines
    assert 'Je eerste stap: "de woningcorporatie bellen"' in lines
    assert "eerder gelukt" not in summary  # skipped, so left out
    phone.shot("summary-own-words")
    phone.tap("Begin met dit doel")

    # Not yet: information, not failure; the step is made smaller.
    phone.see("Je wilde deze week: de woningcorporatie bellen")
    phone.tap("Nog niet")
    phone.see("Nog niet is ook goed om te weten. Zo leer je wat werkt.")
    phone.type_into("Wat zat in de weg?", "ik was te moe na het werk")
    phone.shot("not-yet")
    phone.tap("Maak de stap kleiner")
    phone.see("Je stap was: de woningcorporatie bellen")
    phone.type_into("Wat ga je doen?", "het telefoonnummer opzoeken")
    phone.chip("Vandaag")
    phone.tap("Opslaan")
    phone.see("Je wilde deze week: het telefoonnummer opzoeken")
    phone.see(re.compile("de woningcorporatie bellen · Nog niet · Kleiner gemaakt"))

    # Done: recognised for the effort, and counted.
    phone.tap("Gelukt")
    phone.see("Je eerste stap is gelukt. Je bent echt begonnen.")
    phone.see("Tijd om het te vieren: een kop thee op het balkon")
    phone.shot("recognition")
    for word in ("moet", "faal", "mislukt", "schuld"):
        expect(phone.page.locator("flt-semantics").get_by_text(re.compile(word))).to_have_count(0)

    # Two more goals; the second has a step for today.
    phone.tap("Terug")  # the app bar's back arrow, to the goals list
    new_goal(phone, "Werk en inkomen", "een cursus vinden", step="cursussen opzoeken")
    phone.see("Je wilde deze week: cursussen opzoeken")
    phone.tap("Terug")
    new_goal(phone, "Buffer en sparen", "elke week een beetje opzij")

    # A fourth active goal is refused kindly, with the reason; it is kept as a draft.
    phone.see("Mee bezig")
    phone.tap("Terug")
    new_goal(phone, "Gezondheid", "vaker wandelen")
    phone.see(re.compile("Je werkt al aan drie doelen. Dat is genoeg tegelijk"))
    phone.shot("fourth-goal-refused")

    # Restart: everything is still there, and the due step greets the client on opening.
    server.stop()
    server.start()
    phone.open()
    unlock_app(phone)
    phone.see("Je wilde deze week: cursussen opzoeken")
    phone.shot("reminder-on-open")
    phone.tab("Doelen")
    phone.see("Nu mee bezig")
    phone.see("1 stap gelukt")
    phone.see("een rustiger huis voor de kinderen")
    phone.see("vaker wandelen")  # the refused one, waiting as a draft
    phone.shot("goals-after-restart")

    # Pausing one makes room: the waiting goal can start.
    phone.tap(re.compile("een cursus vinden"), exact=False)
    phone.tap("Pauzeren")
    phone.see("Even rust is goed. Je kunt later weer verder.")
    phone.tap("Terug")
    phone.see("Even op pauze")
    phone.tap(re.compile("vaker wandelen"), exact=False)
    phone.see(question("summary"))
    phone.tap("Begin met dit doel")
    phone.see("Je doel staat klaar. Goed begin!")

    # A draft can be thrown away; nothing else goes with it.
    phone.tap("Terug")
    new_goal_draft = "misschien later"
    phone.tap("Nieuw doel")
    phone.tap(re.compile(r"^Netwerk\b"))
    phone.type_into("Jouw antwoord", new_goal_draft)
    phone.tap("Dit doel weggooien")
    phone.see("Wil je dit doel weggooien? Je antwoorden worden gewist.")
    phone.page.get_by_role("button", name="Dit doel weggooien").last.evaluate("el => el.click()")
    phone.see("Het doel is weggegooid.")
    expect(phone.text(new_goal_draft)).to_have_count(0)
    phone.see("vaker wandelen")
    phone.tap(re.compile("vaker wandelen"), exact=False)
    phone.see('Wat je anders wilt: "vaker wandelen"')

    # Good to know: the short cards are one tap away.
    phone.tap("Goed om te weten")
    phone.see("Een terugval is normaal")
    phone.shot("good-to-know")


def to_question(person: Person, qid: str) -> None:
    """From the first question on, on with "Verder" to the question `qid`."""
    for next_qid in FLOW[1 : FLOW.index(qid) + 1]:
        person.tap("Verder")
        person.see(question(next_qid))


def test_skipping_keeps_what_was_already_typed_or_chosen(phone: Person):
    start(phone)
    phone.tap("Nieuw doel")
    phone.tap(re.compile(r"^Wonen\b"))
    phone.see(question("desire"))
    phone.see("Wat je al typte, blijft bewaard.")
    phone.type_into("Jouw antwoord", "de brief van de gemeente openen")
    phone.tap("Overslaan")
    phone.see(question("reasons"))
    phone.see("Je antwoord is bewaard. Je kunt het later nog aanpassen.")
    phone.tap("Vorige")
    phone.see(question("desire"))
    assert phone.field_value("Jouw antwoord") == "de brief van de gemeente openen"

    to_question(phone, "importance")
    phone.tap("Kies 6")
    phone.see("Waarom een 6 en geen 4?")
    phone.type_into("Jouw antwoord", "ik slaap er slecht van")
    phone.tap("Overslaan")
    phone.see(question("confidence"))
    phone.tap("Vorige")
    phone.see("Waarom een 6 en geen 4?")  # the 6 is still chosen
    assert phone.field_value("Jouw antwoord") == "ik slaap er slecht van"
    phone.shot("skip-keeps-answer")


def test_the_smallest_step_asks_when_once_with_the_day_chips(phone: Person):
    start(phone)
    phone.tap("Nieuw doel")
    phone.tap(re.compile(r"^Wonen\b"))
    phone.see(question("desire"))
    to_question(phone, "step")
    phone.see("Klaar op")
    expect(phone.page.get_by_role("checkbox", name="Vandaag")).to_have_count(1)
    expect(phone.page.get_by_role("textbox", name="Wanneer?")).to_have_count(0)
    phone.see("Zet hier ook de tijd in, als je wilt.")
    phone.type_into("Als …", "Als het dinsdag 9 uur is")
    phone.type_into("dan …", "dan open ik de brief")
    phone.see("Als het dinsdag 9 uur is, dan open ik de brief.")
    phone.shot("step-when-once")
