"""A joint session at the coach's laptop, as in real use: the coach imports a client's summary,
opens the session from the client page, steps through the areas in session order (the one the
client wants to talk about first), records a view of their own that differs from the client's
and who filled it in, sees the difference marked (kept, not corrected) with an "ask, don't
tell" card and the stress reminders, writes the session note, saves, and finds it all again
after a reload. Pictures at 1280x800 and one at 390x844."""

from __future__ import annotations

import re
import subprocess
from datetime import UTC, datetime, timedelta
from pathlib import Path

from playwright.sync_api import Browser, Locator, expect

from bridge.crypto import X25519Recipient, encrypt
from bridge.sharing import ClientIdentity, SummaryChoices, build_summary
from bridge.sharing.coaches import Coach
from bridge.sharing.envelope import seal_summary
from bridge.sharing.plan import open_plan
from tests.e2e.harness import LAPTOP, PHONE, AppServer, Person, activate
from tests.e2e.test_coach_import import go_import, name_client, paste
from tests.e2e.test_coach_start import on_the_caseload, start_as_coach, stored_identity
from tests.sharing.helpers import CONTENT, _key, plaintext_v2, snapshot, t

NOW = datetime.now(UTC)
SANNE = ClientIdentity(_key("sanne in session"))
MO = ClientIdentity(_key("mo in session"))
BEFORE = {"housing": 2, "debts": 3, "work": 4}
LATEST = {"housing": 3, "debts": 2, "work": 4}
DEBTS = CONTENT.area("debts").name("nl")
HOUSING = CONTENT.area("housing").name("nl")
DIFFER = re.compile("^Jullie zien het anders$")  # the mark itself, not the list's words


def summary_for(coach: X25519Recipient) -> bytes:
    """Two bridges a month apart: debts went down and the client wants to talk about it,
    housing went up and is a priority; stress is high (8 of 10)."""
    first = snapshot(NOW - timedelta(days=40), BEFORE, stress=6)
    latest = snapshot(
        NOW - timedelta(hours=2), LATEST, stress=8, discuss=["debts"], priorities=["housing"]
    )
    summary = build_summary(
        [first, latest], [], SummaryChoices(), CONTENT, t(), SANNE.client_id, NOW
    )
    return seal_summary(summary, SANNE, coach, armor=True)


def older_summary_for(client: ClientIdentity, coach: X25519Recipient) -> bytes:
    """A summary from before clients had a key of their own (no client_recipient in it)."""
    latest = snapshot(NOW - timedelta(days=3), {"work": 2}, stress=4)
    summary = build_summary([latest], [], SummaryChoices(), CONTENT, t(), client.client_id, NOW)
    assert "client_recipient" not in summary.payload
    plain = plaintext_v2(summary.payload, summary.text, key=client, coach=coach)
    return encrypt(plain, [coach], armor=True)


def import_sanne(laptop: Person, data_dir: Path) -> None:
    start_as_coach(laptop)
    on_the_caseload(laptop)
    activate(laptop.page.get_by_text(re.compile(r"^Mijn sleutel")).first)
    laptop.see("Jouw code om te vergelijken", timeout=15_000)  # the key is made on the first visit
    coach = stored_identity(data_dir).age.recipient
    go_import(laptop)
    paste(laptop, summary_for(coach).decode("ascii"))
    laptop.tap("Importeren")
    laptop.see("Nieuwe cliënt", timeout=20_000)
    name_client(laptop, "Sanne")


def open_session(person: Person, label: str = "Sanne") -> None:
    activate(person.page.get_by_text(re.compile(r"^Cliënten")).first)
    activate(person.button(re.compile(f"^{label},"), exact=False).first)
    person.see_button("Gesprek beginnen", timeout=20_000)
    person.tap("Gesprek beginnen")
    person.see(f"Gesprek met {label}", timeout=20_000)


def area_button(person: Person, name: str) -> Locator:
    return person.button(re.compile(f"^{name}"), exact=False).first


def kept_after_reload(person: Person, meeting: str) -> None:
    person.see("Gesprek met Sanne", timeout=30_000)
    person.see("Gebied 1 van 8")
    person.see(DIFFER)
    expect(person.button("Jouw kijk: stap 4")).to_have_attribute("aria-current", "true")
    expect(person.button("Ingevuld door: Samen")).to_have_attribute("aria-current", "true")
    assert person.field_value("Afspraak 1") == "Bel de schuldhulp op maandag"
    assert person.field_value("Afspraak 2") == "Post openen met Ali"
    assert person.field_value("Een zin van erkenning") == "Je hebt zelf de eerste stap gezet."
    assert person.field_value("Wat neem je mee van vandaag?") == "Ik hoef het niet alleen te doen."
    assert person.field_value("Volgende afspraak (DD-MM-JJJJ)") == meeting
    switch = person.switch("Mijn kijk gaat mee in het plan (alleen als de cliënt dat wil)")
    expect(switch).to_have_attribute("aria-checked", "true")


def test_a_coach_holds_a_joint_session(
    laptop: Person,
    browser: Browser,
    server: AppServer,
    data_dir: Path,
    shots_dir: Path,
    tmp_path: Path,
) -> None:
    import_sanne(laptop, data_dir)
    open_session(laptop)

    # The area the client wants to talk about comes first, in view: the client's step first.
    laptop.see("Gebied 1 van 8")
    laptop.see(re.compile(f"^{DEBTS}$"))
    laptop.see("De stap van de cliënt")
    laptop.see(re.compile(r"^Stap 2 van 5: "))
    laptop.see("Vorige keer: stap 3.")
    laptop.see("Stress: 8 van 10")
    # Cards chosen by the situation: flagged (an open question), went down (a reflection),
    # and the stress reminders first, since stress is high.
    laptop.see("Stress is hoog (8 van 10): voor jou")
    laptop.see(f"Je wilde over {DEBTS} praten. Wat speelt er?")
    laptop.see(f"Met {DEBTS} ging het de laatste tijd minder. Dat klinkt zwaar.")
    laptop.see("De linialen")
    expect(laptop.text("Jullie zien het anders")).to_have_count(0)
    laptop.shot("session-start")

    # The coach sees step 4: both views stand side by side, the difference marked and kept.
    laptop.tap("Jouw kijk: stap 4")
    laptop.see(DIFFER)
    laptop.see(
        "De cliënt kiest stap 2. Jij ziet stap 4. Allebei blijven bewaard. "
        "Vraag hoe de cliënt het ziet."
    )
    laptop.see(f"Hoe kwam je bij {DEBTS} op deze stap?")  # ask, don't tell
    laptop.see(re.compile(r"^Stap 2 van 5: "))  # the client's step is not changed
    laptop.tap("Ingevuld door: Samen")
    expect(area_button(laptop, DEBTS)).to_have_accessible_name(re.compile("jullie zien het anders"))
    expect(laptop.button("Ingevuld door: Samen")).to_have_attribute("aria-current", "true")
    laptop.shot("views-differ")

    # Next: the client's priority, which went up.
    laptop.tap("Volgend gebied")
    laptop.see("Gebied 2 van 8")
    laptop.see(re.compile(r"^Stap 3 van 5: "))
    laptop.see(f"Je staat bij {HOUSING} een stap hoger. Dat heb je zelf gedaan.")
    laptop.see("Wat heb je daarvoor gedaan?")

    # The note: two agreed steps, recognition, the client's reflection, the next meeting.
    laptop.type_into("Afspraak 1", "Bel de schuldhulp op maandag")
    laptop.tap("Afspraak toevoegen")
    laptop.type_into("Afspraak 2", "Post openen met Ali")
    laptop.type_into("Een zin van erkenning", "Je hebt zelf de eerste stap gezet.")
    laptop.type_into("Wat neem je mee van vandaag?", "Ik hoef het niet alleen te doen.")
    laptop.type_into("Volgende afspraak (DD-MM-JJJJ)", "31-02-2027")
    laptop.see("Dit is geen datum. Schrijf het zo: 15-01-2027.")
    laptop.clear("Volgende afspraak (DD-MM-JJJJ)")
    meeting = (NOW + timedelta(days=14)).strftime("%d-%m-%Y")
    laptop.type_into("Volgende afspraak (DD-MM-JJJJ)", meeting)
    expect(laptop.text("Dit is geen datum. Schrijf het zo: 15-01-2027.")).to_have_count(0)
    laptop.toggle("Mijn kijk gaat mee in het plan (alleen als de cliënt dat wil)")
    laptop.tap("Bewaren")
    laptop.see("Het gesprek is bewaard.", timeout=20_000)
    laptop.shot("note-saved")

    # The plan for the client's phone: sealed to the client's own key, signed by the coach.
    laptop.tap("Plan maken voor de cliënt")
    laptop.see("Het plan is klaar", timeout=30_000)
    laptop.context.grant_permissions(["clipboard-read", "clipboard-write"])
    laptop.tap("Plan kopiëren")
    laptop.see("Gekopieerd. Plak het in een bericht aan de cliënt.")
    copied = laptop.page.evaluate("navigator.clipboard.readText()")
    assert copied.startswith("-----BEGIN AGE ENCRYPTED FILE-----")
    with laptop.page.expect_download() as download:
        laptop.tap("Plan bewaren als bestand")
    name = f"plan-{datetime.now().date().isoformat()}.age"
    assert download.value.suggested_filename == name
    saved = tmp_path / name
    download.value.save_as(saved)
    assert saved.read_text(encoding="ascii") == copied
    laptop.see(f"Bewaard als {name}.")
    laptop.shot("plan-ready")
    # The reference age tool opens it with the client's key: the readable text comes first.
    key_file = tmp_path / "client-key.txt"
    key_file.write_text(SANNE.age.to_string() + "\n", encoding="ascii")
    opened = subprocess.run(
        ["age", "-d", "-i", str(key_file), str(saved)], capture_output=True, check=True
    ).stdout.decode("utf-8")
    readable = opened.split("-----BEGIN BRIDGE SIGNED DATA-----")[0]
    for words in ("Bel de schuldhulp op maandag", "Post openen met Ali", "eerste stap gezet"):
        assert words in readable
    # The client's app opens it: signed by the paired coach, made for this client.
    coach = stored_identity(data_dir)
    paired = Coach("coach-1", "Marieke", coach.age.recipient, NOW, coach.signing_public_key)
    plan = open_plan(copied, SANNE, [paired]).plan
    assert [step.text for step in plan.steps] == [
        "Bel de schuldhulp op maandag",
        "Post openen met Ali",
    ]
    assert plan.coach_view == {"debts": 4}  # the switch was on: the coach's view goes with it
    assert plan.next_meeting == (NOW + timedelta(days=14)).date()

    # Another session of the app (a new browser window): everything comes back from the file.
    path = laptop.page.url.removeprefix(server.url)
    again = Person(browser, server, shots_dir / "again", LAPTOP)
    try:
        again.open(path)
        kept_after_reload(again, meeting)
        again.shot("after-reload")
    finally:
        again.close()

    # The same session on a phone: one column, still usable.
    phone = Person(browser, server, shots_dir / "phone", PHONE)
    try:
        phone.open(path)
        phone.see("Gesprek met Sanne", timeout=30_000)
        phone.see(DIFFER)
        phone.frames(10)  # the first picture of a fresh page can come before its first paint
        phone.shot("session-phone")
    finally:
        phone.close()


def test_a_plan_needs_an_agreed_step_and_the_client_key(
    laptop: Person, browser: Browser, server: AppServer, data_dir: Path, shots_dir: Path
) -> None:
    """A client whose summaries are all from before clients had a key of their own: the coach
    is told plainly to ask for a new summary; and a plan without an agreed step is not made."""
    start_as_coach(laptop)
    on_the_caseload(laptop)
    activate(laptop.page.get_by_text(re.compile(r"^Mijn sleutel")).first)
    laptop.see("Jouw code om te vergelijken", timeout=15_000)
    coach = stored_identity(data_dir).age.recipient
    go_import(laptop)
    paste(laptop, older_summary_for(MO, coach).decode("ascii"))
    laptop.tap("Importeren")
    laptop.see("Nieuwe cliënt", timeout=20_000)
    name_client(laptop, "Mo")
    open_session(laptop, "Mo")
    # One bridge only: no earlier one to compare with, and the cards say so.
    laptop.see(re.compile(r"^Stap 3 van 5: "))
    laptop.tap("Plan maken voor de cliënt")
    laptop.see("Schrijf eerst minstens één afspraak op.")
    laptop.type_into("Afspraak 1", "Cv opsturen")
    # Leaving the field saved it, with no button tapped: another window of the app finds it.
    other = Person(browser, server, shots_dir / "other", LAPTOP)
    try:
        other.open(laptop.page.url.removeprefix(server.url))
        other.see("Gesprek met Mo", timeout=30_000)
        assert other.field_value("Afspraak 1") == "Cv opsturen"
    finally:
        other.close()
    laptop.tap("Plan maken voor de cliënt")
    laptop.see(
        "De cliënt moet eerst een nieuwe samenvatting delen. Daarin zit de sleutel voor het plan.",
        timeout=20_000,
    )
    expect(laptop.text("Het plan is klaar")).to_have_count(0)
    laptop.shot("plan-needs-key")
