"""A client pairs with a coach and shares a summary; the coach opens it with the reference age."""

from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path

import pytest

from bridge.content import load_bridge
from bridge.crypto import X25519Identity, fingerprint
from tests.e2e.harness import Person
from tests.e2e.steps import first_start
from tests.e2e.test_bridge_flow import FIRST, fill_bridge

CONTENT = load_bridge()
AGE = shutil.which("age")


@pytest.fixture
def coach_key(tmp_path: Path) -> tuple[Path, str]:
    identity = X25519Identity.generate()
    path = tmp_path / "coach.key"
    path.write_text(identity.to_string() + "\n")
    return path, identity.recipient.to_string()


def test_pair_preview_and_share_a_summary_the_coach_can_open(
    phone: Person, coach_key: tuple[Path, str]
):
    key_file, public = coach_key
    first_start(phone)
    phone.tap("Vul je brug in")
    fill_bridge(phone, FIRST, stress=6, discuss="debts", note=("health", "Geheimpje over mijn rug"))

    phone.tab("Delen")
    phone.see("Je hebt nog geen coach toegevoegd.")
    phone.tap("Je coach toevoegen")
    typo = public[:-3] + ("q" if public[-3] != "q" else "p") + public[-2:]
    phone.type_into("Sleutel van je coach", typo)
    phone.type_into("Naam van je coach", "Marieke")
    phone.tap("Coach bewaren")
    phone.see(
        "Deze sleutel klopt niet. Kijk of je hem goed hebt overgenomen. Er is niets opgeslagen."
    )
    phone.shot("mistyped-key")

    # Pasted with line breaks and spaces, as a key often arrives in a message.
    spaced = " ".join(public[i : i + 20] for i in range(0, len(public), 20))
    phone.clear("Sleutel van je coach")
    phone.type_into("Sleutel van je coach", "\n" + spaced + " ")
    phone.tap("Coach bewaren")
    phone.see("Marieke is bewaard als je coach.")
    phone.see(f"Vergelijk deze code samen: {fingerprint(public)}")
    phone.shot("fingerprint")
    phone.tap("Klaar")

    phone.see("Wat wil je delen?")
    phone.see("Je notities deel je niet.")
    phone.toggle("Mijn eigen notities")
    phone.see("Je eigen notitie.")
    phone.toggle("Mijn eigen notities")  # and off again: the note stays on the phone
    phone.see("Je notities deel je niet.")
    phone.shot("preview")
    phone.tap("Maak de samenvatting")
    phone.see("Je samenvatting is klaar")
    phone.see("Hij is op slot gezet. Alleen Marieke kan hem openen.")
    phone.context.grant_permissions(["clipboard-read", "clipboard-write"])
    phone.tap("Kopiëren")
    phone.see("Gekopieerd. Plak het in een bericht aan je coach.")
    armored = phone.page.evaluate("navigator.clipboard.readText()")
    phone.shot("ready-to-share")
    # A browser may have no share sheet: the person is told what else works, never left guessing.
    phone.tap("Delen")
    phone.see(re.compile("Zie je geen scherm om te delen"))
    assert armored.startswith("-----BEGIN AGE ENCRYPTED FILE-----")

    assert AGE is not None, "the age tool is installed by the test command"
    out = subprocess.run(
        [AGE, "-d", "-i", str(key_file)], input=armored.encode(), capture_output=True, check=True
    ).stdout.decode("utf-8")
    for area_id, level in FIRST.items():
        assert CONTENT.area(area_id).step(level).label("nl") in out
    assert "**Schulden**" in out  # marked to talk about: bold for the coach
    assert "Geheimpje" not in out

    # The same, saved as a .age file.
    with phone.page.expect_download() as download:
        phone.tap("Bewaren als bestand")
    saved = key_file.parent / download.value.suggested_filename
    download.value.save_as(saved)
    assert saved.suffix == ".age"
    opened = subprocess.run(
        [AGE, "-d", "-i", str(key_file), str(saved)], capture_output=True, check=True
    ).stdout.decode("utf-8")
    assert CONTENT.area("work").step(FIRST["work"]).label("nl") in opened
