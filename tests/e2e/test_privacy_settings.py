"""The privacy settings as a person uses them: a new passcode, a backup that the reference age
tool opens, restoring it (refused with a wrong password), and deleting everything."""

from __future__ import annotations

import re
from pathlib import Path

from playwright.sync_api import expect

from tests.age_cli import age_with_passphrase
from tests.e2e.harness import AppServer, Person
from tests.e2e.steps import PASSCODE, draft_when, first_start, stored, unlock_app

PHRASE = "een lange zin voor de back-up"


def open_privacy(person: Person) -> None:
    person.tap("Instellingen")
    person.see("Taal")
    person.tap("Code, back-up en wissen")
    person.see("Code veranderen")


def test_new_passcode_backup_restore_and_delete(phone: Person, server: AppServer, tmp_path: Path):
    first_start(phone)
    phone.tap("Vul je brug in")
    phone.tap("Stress 8")
    draft_when(server.data_dir, lambda d: d.get("stress") == 8)
    phone.tap("Terug")
    phone.see("Je was bezig met invullen. Alles is bewaard.")
    open_privacy(phone)

    # A new passcode: the old one is asked first.
    phone.type_into("Je huidige code", "999999")
    phone.type_into("Nieuwe code", "13572468")
    phone.type_into("Nog een keer dezelfde code", "13572468")
    phone.tap("Verander mijn code")
    phone.see("Je huidige code klopt niet. Er is niets veranderd.")
    phone.clear("Je huidige code")
    phone.type_into("Je huidige code", PASSCODE)
    phone.tap("Verander mijn code")
    phone.see("Je code is veranderd. Gebruik vanaf nu je nieuwe code.")

    # Auto-lock after 15 minutes (not 1: under load the backup's scrypt runs below take over
    # a minute with no tap, and the app rightly locks).
    phone.chip("15 min")
    expect(phone.page.get_by_role("checkbox", name="15 min")).to_be_checked()
    settings = stored(server.data_dir, "13572468")["settings"].values()
    assert any(record.get("lock_minutes") == 15 for record in settings)
    phone.shot("privacy-settings")

    # A backup, downloaded, and opened by the reference age tool with the password.
    phone.type_into("Wachtwoord van de back-up", PHRASE)
    phone.type_into("Nog een keer hetzelfde wachtwoord", PHRASE)
    with phone.page.expect_download(timeout=60_000) as download:
        phone.tap("Maak een back-up")
    backup = tmp_path / download.value.suggested_filename
    download.value.save_as(backup)
    assert re.fullmatch(r"bridge-backup-\d{4}-\d{2}-\d{2}\.age", backup.name)
    assert backup.read_text().startswith("-----BEGIN AGE ENCRYPTED FILE-----")
    assert '"bridge-backup"' in age_with_passphrase(["-d", str(backup)], PHRASE)

    # Restoring: a wrong password changes nothing; the right one asks first, then restores.
    with phone.page.expect_file_chooser() as chooser:
        phone.tap("Kies een back-up")
    chooser.value.set_files(str(backup))
    phone.see(f"Gekozen: {backup.name}")
    phone.type_into("Wachtwoord van deze back-up", "dit is het niet")
    phone.tap("Back-up controleren")
    # Checking runs scrypt at the backup work factor (256 MiB) in a thread: on a loaded
    # machine that takes as long as making the backup did (60 s allowed above).
    phone.see("Het wachtwoord klopt niet. Er is niets veranderd.", timeout=60_000)
    phone.clear("Wachtwoord van deze back-up")
    phone.type_into("Wachtwoord van deze back-up", PHRASE)
    phone.tap("Back-up controleren")
    phone.see(re.compile("Deze back-up is van .* Wil je doorgaan?"), timeout=60_000)
    phone.shot("restore-confirm")
    phone.tap("Ja, terugzetten")
    phone.see("De back-up is teruggezet.")
    # The message shows a moment before the app goes home: a tap on "Instellingen" in
    # between went to the old screen and was lost once on a loaded CI machine.
    expect(phone.page.get_by_role("heading", name="Mijn brug")).to_be_attached(timeout=20_000)
    assert stored(server.data_dir, "13572468")["assessments"]

    # Delete everything, after a clear confirmation.
    open_privacy(phone)
    phone.tap("Alles wissen")
    phone.see(
        "Weet je het zeker? Alles op deze telefoon wordt gewist. Dat kan niet ongedaan worden."
    )
    phone.shot("delete-confirm")
    phone.tap("Ja, wis alles")
    phone.see("Welkom")
    assert not (server.data_dir / "bridge.db").exists()
    expect(phone.button("Beginnen")).to_be_attached()


def test_the_new_passcode_is_the_one_that_opens(phone: Person, server: AppServer):
    first_start(phone)
    open_privacy(phone)
    phone.type_into("Je huidige code", PASSCODE)
    phone.type_into("Nieuwe code", "86420864")
    phone.type_into("Nog een keer dezelfde code", "86420864")
    phone.tap("Verander mijn code")
    phone.see("Je code is veranderd. Gebruik vanaf nu je nieuwe code.")
    server.stop()
    server.start()
    phone.open()
    unlock_app(phone, PASSCODE)
    phone.see("Deze code klopt niet. Probeer het nog een keer.")
    unlock_app(phone, "86420864")
    phone.see("Vul je brug in")
