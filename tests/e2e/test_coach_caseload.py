"""A coach's caseload and client page, at laptop and phone size: real sealed summaries of three
clients are imported through the coach's store before the app starts; the coach searches,
orders, filters, opens a client (two bridges, the radar, a chart per area) and deletes one."""

from __future__ import annotations

import re
import time
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from playwright.sync_api import Browser, expect

from bridge.coach.identity import coach_identity
from bridge.coach.types import Verdict
from bridge.sharing import ClientIdentity, SummaryChoices, build_summary
from bridge.sharing.envelope import seal_summary
from bridge.storage.holder import DataHolder
from bridge.storage.prefs import write_pref
from tests.e2e.harness import LAPTOP, PHONE, AppServer, Person, activate
from tests.e2e.steps import PASSCODE, unlock_app
from tests.sharing.helpers import CONTENT, _key, goals, snapshot, t

NOW = datetime.now(UTC)


def clients() -> list[tuple[str, ClientIdentity, list, datetime]]:
    """Anna: recent, housing up and wants to talk; Bram: months without an update and work went
    down; Cem: recent, one bridge only."""
    recent = NOW - timedelta(days=2)
    anna = [
        snapshot(recent - timedelta(days=80), {"housing": 1, "debts": 1}, stress=8),
        snapshot(recent - timedelta(days=40), {"housing": 2, "debts": 2}, stress=7),
        snapshot(recent - timedelta(days=1), {"housing": 4}, stress=5, discuss=("housing",)),
    ]
    old = NOW - timedelta(days=120)
    bram = [
        snapshot(old - timedelta(days=30), {"work": 4}, stress=4),
        snapshot(old, {"work": 2}, stress=6),
    ]
    cem = [snapshot(recent - timedelta(days=3), {"family": 5})]
    return [
        ("Anna de Vries", ClientIdentity(_key("anna")), anna, recent),
        ("Bram", ClientIdentity(_key("bram")), bram, old),
        ("Cem", ClientIdentity(_key("cem")), cem, recent),
    ]


def seed_coach(folder: Path) -> None:
    """A coach's data folder as the app leaves it after three imports."""
    holder = DataHolder(folder)
    repo = holder.set_up(PASSCODE)
    write_pref(folder, "mode", "coach")
    recipient = coach_identity(repo).age.recipient
    store = holder.coach_store()
    for label, client, snaps, when in clients():
        summary = build_summary(
            snaps, goals(), SummaryChoices(), CONTENT, t(), client.client_id, when
        )
        result = store.import_one(seal_summary(summary, client, recipient), f"{label}.age")
        assert result.verdict is Verdict.NEW_CLIENT, result
        assert result.pending is not None
        store.add_client(result.pending, label)
    holder.lock()
    holder.close()


@pytest.fixture
def server(data_dir: Path, shots_dir: Path) -> Iterator[AppServer]:
    seed_coach(data_dir)
    app = AppServer(data_dir, shots_dir).start()
    yield app
    app.stop()


def settled_shot(person: Person, name: str, before: bytes | None = None) -> bytes:
    """A picture once the canvas shows the change: Flutter's semantics (what the test waits
    on) arrive a few frames before the charts are painted, and a shot right away was blank or
    still the screen before. Waits until the picture differs from `before` and holds still."""
    deadline = time.monotonic() + 10
    last = person.page.screenshot()
    while time.monotonic() < deadline:
        person.frames(3)
        now = person.page.screenshot()
        if now == last and now != before:
            break
        last = now
    person.shot(name)
    return last


def scroll(person: Person, x: int, dy: int) -> None:
    """Scrolls what is under (x, 400) as a mouse wheel or a finger would (only for pictures)."""
    person.page.mouse.move(x, 400)
    person.page.mouse.wheel(0, dy)
    person.frames(3)


def row(person: Person, label: str):
    """A client's row: one button whose name starts with the label and says every fact."""
    return person.button(re.compile("^" + re.escape(label) + ","), exact=False)


def choose(person: Person, menu: str, option: str) -> None:
    """Picks `option` in the menu named `menu` (its button says "<menu>: <chosen>")."""
    activate(person.button(re.compile("^" + re.escape(menu) + ": "), exact=False).first)
    activate(person.page.get_by_role("menuitem", name=option, exact=True).first)
    expect(person.button(f"{menu}: {option}")).to_be_attached()


def test_the_caseload_and_a_client_page_at_laptop_size(laptop: Person):
    laptop.open()
    unlock_app(laptop)
    laptop.see("3 cliënten")
    for label in ("Anna de Vries", "Bram", "Cem"):
        expect(row(laptop, label)).to_be_attached()
    # Bram's row says in words why the coach should look.
    expect(row(laptop, "Bram")).to_have_accessible_name(re.compile("Geen update in 4 weken"))
    expect(row(laptop, "Bram")).to_have_accessible_name(re.compile("Gebied ging omlaag"))
    expect(row(laptop, "Anna de Vries")).to_have_accessible_name(
        re.compile("Stress lager \\(5\\).*Wil bespreken: Wonen")
    )
    laptop.see("Kies links een cliënt. Dan zie je hier de brug, de grafieken en de doelen.")
    shown = settled_shot(laptop, "caseload")

    laptop.type_into("Zoek op naam of code", "bra")
    laptop.see("1 van de 3 cliënten")
    expect(row(laptop, "Anna de Vries")).to_have_count(0)
    laptop.clear("Zoek op naam of code")
    laptop.see("3 cliënten")

    choose(laptop, "Laat zien", "Wil iets bespreken")
    laptop.see("1 van de 3 cliënten")
    expect(row(laptop, "Bram")).to_have_count(0)
    shown = settled_shot(laptop, "filtered", shown)
    choose(laptop, "Laat zien", "Iedereen")
    choose(laptop, "Volgorde", "Op naam")
    laptop.see("3 cliënten")

    activate(row(laptop, "Anna de Vries"))
    laptop.see("Laatste brug: " + day(NOW - timedelta(days=3)))
    laptop.see("Wonen, stap 4 van 5, hoger, Wil ik bespreken")  # latest, beside the one before
    laptop.see("Wonen, stap 2 van 5")
    laptop.see("Wonen: hoger (stap 2 naar 4)")
    laptop.see(re.compile("^Radargrafiek van de acht gebieden"))
    laptop.see(re.compile("^Lijngrafiek Wonen: "))
    laptop.see(re.compile("^Lijngrafiek stress"))
    expect(row(laptop, "Bram")).to_be_attached()  # the list stays beside the page
    shown = settled_shot(laptop, "client", shown)
    scroll(laptop, 900, 1100)
    shown = settled_shot(laptop, "client-charts", shown)
    scroll(laptop, 900, 1400)
    shown = settled_shot(laptop, "client-goals", shown)
    scroll(laptop, 900, -5000)

    choose(laptop, "Vergelijk met de brug van", day(NOW - timedelta(days=82)))
    laptop.see("Wonen: hoger (stap 1 naar 4)")
    settled_shot(laptop, "client-compared-with-first", shown)


def day(moment: datetime) -> str:
    months = ["januari", "februari", "maart", "april", "mei", "juni", "juli", "augustus"]
    months += ["september", "oktober", "november", "december"]
    local = moment.astimezone()
    return f"{local.day} {months[local.month - 1]} {local.year}"


def test_the_caseload_on_a_phone_and_deleting_a_client(phone: Person):
    phone.open()
    unlock_app(phone)
    phone.see("3 cliënten")
    shown = settled_shot(phone, "caseload")
    activate(row(phone, "Cem"))
    phone.see("Er is nog maar één brug. Na de volgende zie je hier wat er veranderde.")
    phone.see(re.compile("^Radargrafiek van de acht gebieden"))
    expect(row(phone, "Bram")).to_have_count(0)  # two screens on a phone
    shown = settled_shot(phone, "client", shown)
    scroll(phone, 200, 1500)
    shown = settled_shot(phone, "client-charts", shown)
    with phone.page.expect_download(timeout=15_000) as download:
        phone.tap("Gegevens opslaan als bestand")
    saved = Path(download.value.path()).read_text(encoding="utf-8")
    assert "Cem" in saved and download.value.suggested_filename.endswith(".json")
    phone.see(re.compile("Dit bestand is niet versleuteld"))
    phone.tap("Cliënt verwijderen")
    phone.see("Cem verwijderen?")
    shown = settled_shot(phone, "delete-confirm", shown)
    phone.tap("Ja, verwijderen")
    phone.see("2 cliënten")
    expect(row(phone, "Cem")).to_have_count(0)
    settled_shot(phone, "after-delete", shown)


@pytest.fixture
def phone(browser: Browser, server: AppServer, shots_dir: Path) -> Iterator[Person]:
    person = Person(browser, server, shots_dir, PHONE)
    yield person
    person.close()


@pytest.fixture
def laptop(browser: Browser, server: AppServer, shots_dir: Path) -> Iterator[Person]:
    person = Person(browser, server, shots_dir / "laptop", LAPTOP)
    yield person
    person.close()
