"""A coach imports summaries at a laptop, as in real use: the coach starts the app as a coach,
the clients' summaries are sealed in the test to the key the coach's app made, the coach pastes
one and picks two files, names the new clients after comparing their code, and meets a
tampered summary (refused, nothing stored), a duplicate, and a summary signed by another key
(a loud warning; accepted only after a confirmation). Pictures at laptop and phone size."""

from __future__ import annotations

import re
from datetime import UTC, datetime, timedelta
from pathlib import Path

from playwright.sync_api import Browser, expect

from bridge.crypto import X25519Recipient, encrypt
from bridge.sharing import ClientIdentity, SummaryChoices, build_summary
from bridge.sharing.envelope import seal_summary
from tests.e2e.harness import PHONE, Person, activate
from tests.e2e.test_coach_start import on_the_caseload, sees_the_key, start_as_coach
from tests.sharing.helpers import CONTENT, _key, plaintext_v2, snapshot, t

NOW = datetime.now(UTC)
SANNE = ClientIdentity(_key("sanne"))
MO = ClientIdentity(_key("mo"))
IMPOSTOR = ClientIdentity(_key("someone else"))
PASTE = "Geplakte tekst"


def sealed(
    client: ClientIdentity, days_ago: int, coach: X25519Recipient, *, armor: bool = True
) -> bytes:
    """A real client summary of a bridge `days_ago` days old, sealed to this coach."""
    when = NOW - timedelta(days=days_ago)
    snaps = [snapshot(when - timedelta(hours=1), {"housing": 2 + days_ago % 3}, stress=6)]
    summary = build_summary(snaps, [], SummaryChoices(), CONTENT, t(), client.client_id, when)
    return seal_summary(summary, client, coach, armor=armor)


def signed_by_another_key(client: ClientIdentity, coach: X25519Recipient) -> bytes:
    """A summary that names `client` but is signed by another key than theirs."""
    when = NOW - timedelta(hours=2)
    snaps = [snapshot(when - timedelta(hours=1), {"debts": 4})]
    summary = build_summary(snaps, [], SummaryChoices(), CONTENT, t(), client.client_id, when)
    plain = plaintext_v2(summary.payload, summary.text, key=IMPOSTOR, coach=coach)
    return encrypt(plain, [coach], armor=True)


def tampered(armored: bytes) -> str:
    """One letter of the encrypted body changed, as a mangled e-mail might."""
    lines = armored.decode("ascii").splitlines()
    middle = len(lines) // 2
    line = lines[middle]
    lines[middle] = line[:10] + ("A" if line[10] != "A" else "B") + line[11:]
    return "\n".join(lines) + "\n"


def paste(person: Person, text: str) -> None:
    """Pastes into the import field: the text arrives at once, as from the clipboard."""
    box = person.page.get_by_role("textbox", name=PASTE)
    person.focus(box)
    person.page.keyboard.insert_text(text)
    # Nothing lost, nothing cut; on a loaded machine the field takes a moment to hold it all.
    expect(box).to_have_value(text, timeout=20_000)
    person.blur(box)


def name_client(person: Person, label: str) -> None:
    person.type_into("Naam of code", label)
    person.tap("Cliënt toevoegen")
    person.see(f"{label} is toegevoegd.", timeout=20_000)


def client_files(data_dir: Path) -> list[str]:
    folder = data_dir / "clients"
    return sorted(p.name for p in folder.iterdir()) if folder.exists() else []


def go_import(person: Person) -> None:
    activate(person.page.get_by_text(re.compile(r"^Importeren")).first)
    person.see("Tekst plakken", timeout=15_000)


def test_a_coach_imports_pasted_and_picked_summaries(
    laptop: Person, browser: Browser, data_dir: Path, tmp_path: Path
) -> None:
    start_as_coach(laptop)
    on_the_caseload(laptop)
    laptop.page.get_by_text(re.compile(r"^Mijn sleutel")).first.evaluate("el => el.click()")
    coach = sees_the_key(laptop, data_dir).age.recipient  # the key the clients pair with
    go_import(laptop)
    laptop.shot("import-empty")

    # Nothing pasted: said, nothing happens.
    laptop.tap("Importeren")
    laptop.see("Plak eerst de tekst van een samenvatting.")

    # A pasted summary of a new client: their code, large, to compare with their phone.
    newest = sealed(SANNE, 1, coach)
    paste(laptop, "Hoi, hier is mijn samenvatting:\n" + newest.decode("ascii"))
    laptop.tap("Importeren")
    laptop.see("Nieuwe cliënt", timeout=20_000)
    laptop.see(SANNE.fingerprint)
    laptop.see("Vergelijk dit met het scherm op de telefoon van de cliënt.")
    laptop.see("Geplakt 1: van een nieuwe cliënt. Geef eerst een naam of code.")
    laptop.see("0 van 1 samenvatting geïmporteerd")
    assert client_files(data_dir) == []  # nothing is stored before the coach names the client
    laptop.shot("new-client")

    # A label that is too long is said, not cut; then a good one adds the client.
    laptop.type_into("Naam of code", "S" * 61)
    laptop.tap("Cliënt toevoegen")
    laptop.see("Dit is te lang: 61 tekens. Het mogen er hooguit 60 zijn. Er is niets ingekort.")
    assert laptop.field_value("Naam of code") == "S" * 61
    laptop.clear("Naam of code")
    name_client(laptop, "Sanne")
    laptop.see("Geplakt 1: geïmporteerd bij Sanne.")
    laptop.see("1 van 1 samenvatting geïmporteerd")
    expect(laptop.text("Nieuwe cliënt")).to_have_count(0)
    assert len(client_files(data_dir)) == 1

    # Two files at once: Sanne's older summary (binary .age) and a new client's.
    older, mo = tmp_path / "sanne-maart.age", tmp_path / "mo.age"
    older.write_bytes(sealed(SANNE, 30, coach, armor=False))
    mo.write_bytes(sealed(MO, 3, coach))
    with laptop.page.expect_file_chooser() as chooser:
        laptop.tap("Bestanden kiezen")
    chooser.value.set_files([str(older), str(mo)])
    laptop.see("1 van 2 samenvattingen geïmporteerd", timeout=30_000)
    laptop.see(
        "sanne-maart.age: bewaard in de geschiedenis van Sanne. Er is al een nieuwere samenvatting."
    )
    laptop.see("mo.age: van een nieuwe cliënt. Geef eerst een naam of code.")
    laptop.see(MO.fingerprint)
    laptop.shot("two-files")
    name_client(laptop, "Mo")
    laptop.see("mo.age: geïmporteerd bij Mo.")
    laptop.see("2 van 2 samenvattingen geïmporteerd")
    assert len(client_files(data_dir)) == 2

    # A tampered summary: its own reason, and nothing is stored or changed.
    before = {name: (data_dir / "clients" / name).read_bytes() for name in client_files(data_dir)}
    paste(laptop, tampered(sealed(SANNE, 0, coach)))
    laptop.tap("Importeren")
    laptop.see("0 van 1 samenvatting geïmporteerd", timeout=20_000)
    laptop.see(re.compile(r"^Geplakt 2: niet geïmporteerd\. Dit bestand is beschadigd"))
    laptop.shot("tampered")
    after = {name: (data_dir / "clients" / name).read_bytes() for name in client_files(data_dir)}
    assert after == before
    # The refused text stays in the field for the coach to look at; nothing typed is lost.
    assert laptop.field_value(PASTE).startswith("-----BEGIN AGE ENCRYPTED FILE-----")
    laptop.clear(PASTE)

    # The same file again: recognised, nothing changed.
    with laptop.page.expect_file_chooser() as chooser:
        laptop.tap("Bestanden kiezen")
    chooser.value.set_files([str(older)])
    laptop.see(
        "sanne-maart.age: was al geïmporteerd bij Sanne. Er is niets veranderd.", timeout=20_000
    )
    laptop.see("0 van 1 samenvatting geïmporteerd")
    assert {n: (data_dir / "clients" / n).read_bytes() for n in client_files(data_dir)} == before

    # Sanne's name on a summary signed by another key: refused loudly until checked in person.
    paste(laptop, signed_by_another_key(SANNE, coach).decode("ascii"))
    laptop.tap("Importeren")
    laptop.see("Let op: een andere sleutel", timeout=20_000)
    laptop.see(f"Eerder: {SANNE.fingerprint}")
    laptop.see(f"Nu: {IMPOSTOR.fingerprint}")
    laptop.see(
        "Dit kan betekenen dat iemand anders zich voordoet als deze cliënt. "
        "Controleer het samen met de cliënt."
    )
    laptop.see(re.compile(r"^Geplakt 3: niet geïmporteerd\. Er is een andere sleutel gebruikt\."))
    laptop.shot("changed-key")
    assert {n: (data_dir / "clients" / n).read_bytes() for n in client_files(data_dir)} == before
    # Cancelling changes nothing; the accept is explicit, behind a confirmation.
    laptop.tap("Nieuwe sleutel accepteren")
    laptop.see("Nieuwe sleutel accepteren?")
    laptop.see(re.compile(f"Op de telefoon van Sanne staat dan de code {IMPOSTOR.fingerprint}"))
    laptop.frames(20)  # the dialog fades in; the picture should show it
    laptop.shot("changed-key-confirm")
    laptop.tap("Annuleren")
    expect(laptop.text("Nieuwe sleutel accepteren?")).to_have_count(0)
    laptop.see("Let op: een andere sleutel")
    laptop.tap("Nieuwe sleutel accepteren")
    laptop.tap("Ja, accepteren")
    laptop.see("De nieuwe sleutel van Sanne is geaccepteerd.", timeout=20_000)
    laptop.see("Geplakt 3: geïmporteerd bij Sanne.")
    expect(laptop.text("Let op: een andere sleutel")).to_have_count(0)

    # Both clients are in the caseload now.
    activate(laptop.page.get_by_text(re.compile(r"^Cliënten")).first)
    expect(laptop.button(re.compile(r"^Sanne,"), exact=False)).to_be_attached(timeout=15_000)
    expect(laptop.button(re.compile(r"^Mo,"), exact=False)).to_be_attached()
    laptop.shot("caseload")

    # The same screen on a phone (the data stays open in the app): one column, scrolled.
    phone = Person(browser, laptop.server, laptop.shots.parent / "phone", PHONE)
    try:
        phone.open("coach/import")
        phone.see("Tekst plakken", timeout=20_000)
        phone.shot("import-empty")
        paste(phone, sealed(MO, 0, coach).decode("ascii") + mo.read_text(encoding="ascii"))
        phone.tap("Importeren")
        phone.see("1 van 2 samenvattingen geïmporteerd", timeout=20_000)
        phone.see("Geplakt 1: geïmporteerd bij Mo.")
        phone.see("Geplakt 2: was al geïmporteerd bij Mo. Er is niets veranderd.")
        phone.page.mouse.wheel(0, 2000)  # down to the lines, as a thumb would
        phone.frames(20)
        phone.shot("import-two-pasted")
    finally:
        phone.close()


def test_a_big_batch_with_three_bad_files_on_a_phone(
    phone: Person, data_dir: Path, tmp_path: Path
) -> None:
    """103 files picked at once (a batch big enough for the worker processes): the good ones
    are filed, each bad one has its own line, and the client holds every good summary."""
    start_as_coach(phone)
    on_the_caseload(phone)
    phone.tab("Mijn sleutel")  # the bottom bar on a phone
    coach = sees_the_key(phone, data_dir).age.recipient
    phone.tab("Importeren")
    phone.see("Tekst plakken", timeout=15_000)
    paste(phone, sealed(SANNE, 0, coach).decode("ascii"))
    phone.tap("Importeren")
    phone.see("Nieuwe cliënt", timeout=20_000)
    name_client(phone, "Sanne")

    picked = []
    for day in range(1, 101):  # a hundred older summaries of Sanne, each its own file
        path = tmp_path / f"sanne-{day:03d}.age"
        path.write_bytes(sealed(SANNE, day, coach, armor=day % 2 == 0))
        picked.append(path)
    bad = {
        "kapot.age": tampered(sealed(SANNE, 200, coach)).encode("ascii"),
        "leeg.age": b"",
        "boodschappen.age": b"melk, brood, kaas",
    }
    for name, data in bad.items():
        (tmp_path / name).write_bytes(data)
        picked.insert(len(picked) // 2, tmp_path / name)
    with phone.page.expect_file_chooser() as chooser:
        phone.tap("Bestanden kiezen")
    chooser.value.set_files([str(p) for p in picked])
    # While it runs the coach can look at the caseload, and come back to the results.
    phone.tab("Cliënten")
    phone.see("1 cliënt", timeout=20_000)
    phone.shot("caseload-while-importing")
    phone.tab("Importeren")
    phone.see("Tekst plakken", timeout=20_000)
    phone.see("100 van 103 samenvattingen geïmporteerd", timeout=120_000)
    for name in bad:
        phone.see(re.compile(rf"^{re.escape(name)}: niet geïmporteerd\. \S"))
    phone.see(re.compile(r"^kapot\.age: niet geïmporteerd\. Dit bestand is beschadigd"))
    phone.see(re.compile(r"^boodschappen\.age: niet geïmporteerd\. Dit is geen samenvatting"))
    phone.see(
        "sanne-050.age: bewaard in de geschiedenis van Sanne. Er is al een nieuwere samenvatting."
    )
    expect(phone.text(re.compile(r"^Bezig met importeren"))).to_have_count(0)
    phone.page.mouse.move(195, 500)
    phone.page.mouse.wheel(0, 1300)  # down to the lines, as a thumb would
    phone.frames(20)
    phone.shot("big-batch")
    assert len(client_files(data_dir)) == 1  # one client, no file for anything bad

    # Every good summary is in Sanne's history: her page says 101.
    phone.tab("Cliënten")
    sanne = phone.button(re.compile(r"^Sanne,"), exact=False)
    expect(sanne).to_be_attached(timeout=15_000)
    phone.press(sanne)
    phone.see(re.compile(r"101 samenvattingen"), timeout=15_000)
    phone.shot("client-101")
