"""The whole way, with two devices as in real life: a client's phone and a coach's laptop, each its
own app with its own data. The coach shows their key; the client pairs with it (the same code on
both screens), fills in two bridges and shares a summary after each; the coach pastes the first,
picks two files (the second summary and a tampered copy), names the client after comparing the
client's own code, and follows the client in the caseload and on the client page (the coach
keeps one bridge per day: both of this test's are of today). Then the way back: a joint session
with a view of the coach's own, the agreed plan sealed to the client's key, and the client
opening it on the phone and making an agreed step a goal of their own."""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import Browser, expect

from bridge.content import load_bridge
from tests.e2e.harness import PHONE, AppServer, Person, activate
from tests.e2e.steps import first_start
from tests.e2e.test_bridge_flow import FIRST, SECOND, fill_bridge
from tests.e2e.test_coach_import import client_files, go_import, paste, tampered
from tests.e2e.test_coach_start import on_the_caseload, sees_the_key, start_as_coach
from tests.e2e.test_plan_import import paste as paste_plan

CONTENT = load_bridge()
CODE = re.compile(r"^\d{4} \d{4} \d{4} \d{4}$")
STEP = "Elke maandag de post openen"


@pytest.fixture
def client_phone(browser: Browser, tmp_path: Path, shots_dir: Path) -> Iterator[Person]:
    """The client's own phone: a second app, with a data folder of its own."""
    app = AppServer(tmp_path / "client-data", shots_dir / "client").start()
    person = Person(browser, app, shots_dir / "client", PHONE)
    yield person
    person.close()
    app.stop()


def share_to(phone: Person, folder: Path) -> tuple[str, Path]:
    """Makes the summary with the default choices: its armored text and the saved .age file."""
    phone.see("Wat wil je delen?")
    phone.tap("Maak de samenvatting")
    phone.see("Je samenvatting is klaar")
    phone.context.grant_permissions(["clipboard-read", "clipboard-write"])
    phone.tap("Kopiëren")
    phone.see("Gekopieerd. Plak het in een bericht aan je coach.")
    armored = phone.page.evaluate("navigator.clipboard.readText()")
    with phone.page.expect_download() as download:
        phone.tap("Bewaren als bestand")
    saved = folder / f"{len(list(folder.glob('*.age')))}-{download.value.suggested_filename}"
    download.value.save_as(saved)
    return armored, saved


def test_a_client_shares_and_the_coach_follows_them(
    laptop: Person, client_phone: Person, data_dir: Path, tmp_path: Path
) -> None:
    # The coach's laptop: a first start as coach, then the key to give the client.
    start_as_coach(laptop)
    on_the_caseload(laptop)
    activate(laptop.page.get_by_text(re.compile(r"^Mijn sleutel")).first)
    coach = sees_the_key(laptop, data_dir)
    laptop.see(coach.fingerprint)

    # The client's phone: a first bridge, then pairing with the coach's key.
    phone = client_phone
    first_start(phone)
    phone.tap("Vul je brug in")
    fill_bridge(phone, FIRST, stress=7, discuss="debts")
    phone.tab("Delen")
    phone.tap("Je coach toevoegen")
    phone.type_into("Sleutel van je coach", coach.pairing_text)
    phone.type_into("Naam van je coach", "Marieke")
    phone.tap("Coach bewaren")
    # The same code on the client's phone as on the coach's screen: they read it aloud.
    phone.see(f"Vergelijk deze code samen: {coach.fingerprint}")
    phone.shot("pairing-code")
    phone.tap("Klaar")
    files = tmp_path / "sent"
    files.mkdir()
    first, _ = share_to(phone, files)
    own_code = phone.text(CODE).first.inner_text().strip()  # "Jouw eigen code", to compare
    phone.see("Jouw eigen code:")
    phone.shot("summary-ready")

    # A second bridge a while later, and a second summary, sent as a file this time.
    phone.tap("Terug")
    phone.tab("Brug")
    phone.tap("Vul je brug opnieuw in")
    fill_bridge(phone, SECOND, stress=5)
    phone.tab("Delen")
    _, second = share_to(phone, files)
    broken = files / "kapot.age"
    broken.write_text(tampered(second.read_bytes()), encoding="ascii")

    # The coach pastes the first summary: a new client, with the code the client's phone shows.
    go_import(laptop)
    paste(laptop, first)
    laptop.tap("Importeren")
    laptop.see("Nieuwe cliënt", timeout=20_000)
    laptop.see(own_code)
    laptop.shot("new-client-code")
    laptop.type_into("Naam of code", "Sanne")
    laptop.tap("Cliënt toevoegen")
    laptop.see("Sanne is toegevoegd.", timeout=20_000)
    assert len(client_files(data_dir)) == 1
    stored_before = (data_dir / "clients").iterdir().__next__().read_bytes()

    # Two files at once: the second summary is filed, the tampered copy refused on its own.
    with laptop.page.expect_file_chooser() as chooser:
        laptop.tap("Bestanden kiezen")
    chooser.value.set_files([str(second), str(broken)])
    laptop.see("1 van 2 samenvattingen geïmporteerd", timeout=30_000)
    laptop.see(f"{second.name}: geïmporteerd bij Sanne.")
    laptop.see(re.compile(r"^kapot\.age: niet geïmporteerd\. Dit bestand is beschadigd"))
    laptop.shot("two-files")
    [client_file] = (data_dir / "clients").iterdir()
    assert client_file.read_bytes() != stored_before  # the good one changed it, the bad one not

    # The caseload and the client page: both bridges, the radar and a chart per area.
    activate(laptop.page.get_by_text(re.compile(r"^Cliënten")).first)
    sanne = laptop.button(re.compile(r"^Sanne,"), exact=False)
    expect(sanne).to_have_accessible_name(re.compile("Wil bespreken: Schulden"))
    activate(sanne)
    housing = CONTENT.area("housing").name("nl")
    # Both bridges are of today: the coach keeps one per day, the one the client ended it with.
    laptop.see(re.compile(f"^{housing}, stap {SECOND['housing']} van 5"))
    laptop.see(re.compile("^Radargrafiek van de acht gebieden"))
    laptop.see(re.compile(f"^Lijngrafiek {housing}: "))
    laptop.see(re.compile("^Lijngrafiek stress"))
    laptop.frames(10)
    laptop.shot("client-page")

    # The joint session: the coach sees another step for debts; both views are kept.
    laptop.see_button("Gesprek beginnen", timeout=20_000)
    laptop.tap("Gesprek beginnen")
    laptop.see("Gesprek met Sanne", timeout=20_000)
    laptop.see("Gebied 1 van 8")
    laptop.tap(f"Jouw kijk: stap {SECOND['debts'] + 2}")
    laptop.see(re.compile("^Jullie zien het anders$"))
    laptop.type_into("Afspraak 1", STEP)
    laptop.type_into("Een zin van erkenning", "Je bent twee keer gekomen. Knap.")
    laptop.tap("Bewaren")
    laptop.see("Het gesprek is bewaard.", timeout=20_000)
    laptop.tap("Plan maken voor de cliënt")
    laptop.see("Het plan is klaar", timeout=30_000)
    laptop.context.grant_permissions(["clipboard-read", "clipboard-write"])
    laptop.tap("Plan kopiëren")
    laptop.see("Gekopieerd. Plak het in een bericht aan de cliënt.")
    plan = laptop.page.evaluate("navigator.clipboard.readText()")
    laptop.shot("plan-ready")

    # Back on the client's phone: the plan opens, signed by the coach paired at the start.
    phone.tap("Terug naar delen")
    phone.tap("Plan van je coach openen")
    paste_plan(phone, plan)
    phone.tap("Plan openen")
    phone.see("Wat we afspraken", timeout=20_000)
    phone.see(re.compile(r"^Van Marieke, na jullie gesprek op "))
    phone.see(STEP)
    phone.see("Je bent twee keer gekomen. Knap.")
    expect(phone.text("Hoe Marieke het ziet")).to_have_count(0)  # the coach's view stayed out
    phone.shot("what-we-agreed")
    phone.tap("Maak hier een eigen doel van")
    phone.see(f"Je begint met deze stap uit je plan: „{STEP}”")
    phone.tap(re.compile(rf"^{CONTENT.area('debts').name('nl')}\b"))
    phone.see("Wat zou je graag anders willen?")
    assert phone.field_value("Jouw antwoord") == STEP  # the client's own words start from it
    phone.tap("Terug")
    phone.see("Mijn doelen")
    phone.see(STEP, timeout=15_000)
    phone.shot("goal-from-plan")
