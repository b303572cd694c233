"""The programme figures on the coach's laptop and phone: fifteen clients' real sealed summaries
are imported before the app starts (thirteen consent, two do not). The coach sees the figures
with small counts hidden as "<5", changes the months-apart rule, downloads the overview as
CSV for Dutch Excel and the anonymous export, and merges that export with another coach's."""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from playwright.sync_api import Browser

from bridge.coach.figures_csv import AGGREGATE_COLUMNS, RECORD_COLUMNS, records_csv
from bridge.coach.identity import coach_identity
from bridge.coach.types import Verdict
from bridge.sharing import ClientIdentity, SummaryChoices, build_summary
from bridge.sharing.envelope import seal_summary
from bridge.storage.holder import DataHolder
from bridge.storage.prefs import write_pref
from tests.coach.figures_helpers import FIXTURE
from tests.e2e.harness import PHONE, AppServer, Person, activate
from tests.e2e.steps import PASSCODE, stored, unlock_app
from tests.e2e.test_coach_caseload import scroll, settled_shot
from tests.sharing.helpers import CONTENT, _key, goals, snapshot, t

NOW = datetime.now(UTC)
FIRST = NOW - timedelta(days=400)  # 13 calendar months before the latest
LATEST = NOW - timedelta(days=10)
BOM = b"\xef\xbb\xbf"


def clients() -> list[tuple[str, list, bool]]:
    """Thirteen consenting clients: work went up for 7, stayed for 5, went down for 1; housing
    went up for 3 and stayed for 10; stress went down for all. Two more do not consent."""
    out = []
    for n in range(13):
        work = (2, 4) if n < 7 else (3, 3) if n < 12 else (4, 2)
        housing = (2, 3) if n < 3 else (3, 3)
        snaps = [
            snapshot(FIRST, {"work": work[0], "housing": housing[0]}, stress=8),
            snapshot(LATEST, {"work": work[1], "housing": housing[1]}, stress=5),
        ]
        out.append((f"Cliënt {n + 1:02d}", snaps, True))
    for n in range(2):
        snaps = [snapshot(FIRST, {"work": 1}, stress=9), snapshot(LATEST, {"work": 5}, stress=1)]
        out.append((f"Zonder toestemming {n + 1}", snaps, False))
    return out


def seed_coach(folder: Path) -> None:
    holder = DataHolder(folder)
    repo = holder.set_up(PASSCODE)
    write_pref(folder, "mode", "coach")
    recipient = coach_identity(repo).age.recipient
    store = holder.coach_store()
    for label, snaps, consent in clients():
        client = ClientIdentity(_key(label))
        choices = SummaryChoices(consent=consent)
        summary = build_summary(
            snaps, goals(), choices, CONTENT, t(), client.client_id, LATEST + timedelta(hours=1)
        )
        result = store.import_one(seal_summary(summary, client, recipient), f"{label}.age")
        assert result.verdict is Verdict.NEW_CLIENT and result.pending is not None, result
        store.add_client(result.pending, label)
    holder.lock()
    holder.close()


@pytest.fixture
def server(data_dir: Path, shots_dir: Path) -> Iterator[AppServer]:
    seed_coach(data_dir)
    app = AppServer(data_dir, shots_dir).start()
    yield app
    app.stop()


@pytest.fixture
def phone(browser: Browser, server: AppServer, shots_dir: Path) -> Iterator[Person]:
    person = Person(browser, server, shots_dir, PHONE)
    yield person
    person.close()


def rows_of(data: bytes) -> list[list[str]]:
    assert data.startswith(BOM)  # Excel reads it as UTF-8
    text = data[len(BOM) :].decode("utf-8")
    assert "\r\n" in text and ";" in text.splitlines()[0]
    return list(csv.reader(io.StringIO(text, newline=""), delimiter=";", strict=True))


def download(person: Person, button: str, folder: Path) -> Path:
    with person.page.expect_download(timeout=30_000) as got:
        person.tap(button)
    path = folder / got.value.suggested_filename
    got.value.save_as(path)
    person.see(f"Opgeslagen als {got.value.suggested_filename}.")
    return path


def merge(person: Person, files: list[Path]) -> None:
    with person.page.expect_file_chooser() as chooser:
        person.tap("Exports kiezen en samenvoegen")
    chooser.value.set_files([str(f) for f in files])


def open_figures(person: Person) -> None:
    person.open()
    unlock_app(person)
    person.see("15 cliënten")
    activate(person.page.get_by_text(re.compile(r"^Cijfers")).first)
    person.see("Omhoog: 7 (54%)", timeout=30_000)  # computed in a worker thread


def test_the_figures_hide_small_counts_export_and_merge(laptop: Person, tmp_path: Path):
    open_figures(laptop)
    # Work: 13 pairs, 7 up, 5 same, 1 down (hidden, and one more so it cannot be worked out).
    laptop.see("Met toestemming: x van de 15 cliënten. Niet meegeteld: <5.")
    laptop.see("Gelijk: 10 (77%)")  # housing: 10 stayed, 3 went up (hidden)
    laptop.see(re.compile(r"Staafgrafiek, per gebied .*Werk en inkomen: Omhoog: 7 \(54%\)"))
    shown = settled_shot(laptop, "figures")
    assert laptop.text(re.compile(r"^Omlaag: 1\b")).count() == 0  # the 1 is never shown

    # The rule: 18 months apart leaves nobody; back to 12, everyone again; it is kept.
    laptop.chip("18 maanden")
    laptop.see("Gemiddelde: pas vanaf 5 cliënten.")
    expect_no = laptop.text("Omhoog: 7 (54%)")
    assert expect_no.count() == 0 or not expect_no.first.is_visible()
    laptop.chip("12 maanden")
    laptop.see("Omhoog: 7 (54%)")
    meta = stored(laptop.server.data_dir)["coach_meta"]
    assert any(r.get("months_apart") == 12 for r in meta.values())

    # The overview as CSV for Dutch Excel.
    overview = download(laptop, "Cijfers als CSV", tmp_path)
    header, *rows = rows_of(overview.read_bytes())
    assert header == list(AGGREGATE_COLUMNS)
    table = {row[0]: dict(zip(header, row, strict=True)) for row in rows}
    assert (table["work"]["n"], table["work"]["omhoog"], table["work"]["min_maanden"]) == (
        "13",
        "7",
        "12",
    )
    assert table["work"]["omhoog_pct"] == "53,8"  # a decimal comma
    assert table["housing"]["omhoog"] == "<5" and table["work"]["omlaag"] == "<5"
    assert not any("Cliënt" in cell for row in rows for cell in row)

    # The anonymous export: only the 13 consenting clients, no names.
    export = download(laptop, "Anonieme export voor de organisatie", tmp_path)
    header, *rows = rows_of(export.read_bytes())
    assert header == list(RECORD_COLUMNS)
    assert len({row[0] for row in rows}) == 13
    assert "Cliënt" not in export.read_text(encoding="utf-8-sig")
    scroll(laptop, 800, 30000)
    shown = settled_shot(laptop, "downloaded", shown)

    # A bad file: refused with its reason, and no overview shown.
    merge(laptop, [export, overview])
    laptop.see("Bestand 2 is een overzicht, geen export per cliënt. Kies de export per cliënt.")
    assert laptop.text("Samengevoegd overzicht").count() == 0
    merge(laptop, [export, export])
    laptop.see(re.compile(r"^Bestand 2 is al gekozen"))

    # Another coach's export merged with this one: one overview, the same suppression.
    other = tmp_path / "andere-coach.csv"
    other.write_bytes(records_csv(FIXTURE))
    merge(laptop, [export, other])
    laptop.see("Samengevoegd overzicht")
    # Both files are named (in the order the browser hands them over, which is not a promise).
    names = re.compile(r"Uit 2 bestanden: ([^.]*\.csv), ([^.]*\.csv)\.")
    laptop.see(names)
    line = laptop.text(names).first.inner_text()
    found = names.search(line)
    assert found is not None and set(found.groups()) == {export.name, "andere-coach.csv"}
    laptop.see("Cliënten meegeteld: 25.")  # 13 here, 12 of the other coach's (one: 5 months)
    scroll(laptop, 800, 5000)
    settled_shot(laptop, "merged", shown)
    merged = download(laptop, "Samengevoegd overzicht als CSV", tmp_path)
    header, *rows = rows_of(merged.read_bytes())
    assert {row[0]: row[2] for row in rows}["clienten"] == "25"


def test_the_figures_on_a_phone(phone: Person):
    phone.open()
    unlock_app(phone)
    phone.see("15 cliënten")
    phone.tab("Cijfers")
    phone.see("Omhoog: 7 (54%)", timeout=30_000)
    shown = settled_shot(phone, "figures")
    scroll(phone, 200, 700)
    shown = settled_shot(phone, "figures-cards", shown)
    scroll(phone, 200, 30000)
    phone.see_button("Exports kiezen en samenvoegen")
    settled_shot(phone, "figures-files", shown)
