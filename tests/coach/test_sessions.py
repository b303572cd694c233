"""Joint-session notes: the strict record, and keeping them in the client's coach file."""

from __future__ import annotations

import copy
from datetime import date
from pathlib import Path
from typing import Any

import pytest

from bridge.coach import client_files, history, sessions
from bridge.coach.readings import FilledBy, start_session, with_coach_view, with_filled_by
from bridge.coach.sessions import SessionError, SessionNote, file_session, from_record, to_record
from bridge.coach.store import CoachStore, CoachStoreError, Verdict
from bridge.locations import client_file_path
from bridge.storage.repository import Repository
from tests.coach.store_helpers import make_store, sealed
from tests.sharing.helpers import CLIENT, OTHER_CLIENT

DAY = date(2026, 6, 1)


def note(day: date = DAY, **changes: Any) -> SessionNote:
    readings = start_session(day.isoformat(), "2026-05-30", {"housing": 3, "debts": 2})
    readings = with_coach_view(readings, "housing", 2)
    readings = with_filled_by(readings, "housing", FilledBy.TOGETHER)
    fields: dict[str, Any] = {
        "session_date": day,
        "readings": readings,
        "agreed": ("Bel de woningbouw", "Brief openen met Ali"),
        "recognition": "Je hebt veel gedaan deze maand.",
        "client_reflection": "Ik kan het stap voor stap doen.",
        "next_meeting": date(2026, 6, 15),
        "share_coach_view": True,
    }
    fields.update(changes)
    return SessionNote(**fields)


# -- the record -------------------------------------------------------------------------


def test_a_note_reads_back_the_same() -> None:
    original = note()
    record = to_record(original)
    assert record["format"] == "bridge-coach-session"
    assert record["readings"]["readings"]["housing"] == {
        "client": 3,
        "coach": 2,
        "by": "together",
    }
    back = from_record(copy.deepcopy(record))
    assert back == original
    assert back.readings.reading("housing").differs  # the difference is kept, not corrected
    assert back.readings.reading("housing").client_step == 3


def test_an_empty_note_and_no_next_meeting_read_back() -> None:
    plain = note(agreed=(), recognition="", client_reflection="", next_meeting=None)
    assert from_record(to_record(plain)) == plain
    assert to_record(plain)["next_meeting"] is None


def test_steps_to_agree_leave_out_empty_fields() -> None:
    assert note(agreed=(" Bel ", "", "  ")).steps_to_agree == ("Bel",)


def _broken(change: Any) -> dict[str, Any]:
    record = to_record(note())
    change(record)
    return record


@pytest.mark.parametrize(
    ("change", "code"),
    [
        (lambda r: r.update(format="bridge-coach-readings"), "damaged"),
        (lambda r: r.update(schema=2), "newer_version"),
        (lambda r: r.update(schema=True), "damaged"),
        (lambda r: r.update(schema=0), "damaged"),
        (lambda r: r.pop("recognition"), "damaged"),
        (lambda r: r.update(extra=1), "damaged"),
        (lambda r: r.update(session_date="2026-02-30"), "damaged"),
        (lambda r: r.update(session_date="1-6-2026"), "damaged"),
        (lambda r: r.update(session_date="2026-06-02"), "damaged"),  # readings of another day
        (lambda r: r.update(agreed="Bel"), "damaged"),
        (lambda r: r.update(agreed=["a"] * 6), "damaged"),
        (lambda r: r.update(agreed=["a", 3]), "damaged"),
        (lambda r: r.update(recognition=None), "damaged"),
        (lambda r: r.update(client_reflection="x" * (sessions.TEXT_MAX_CHARS + 1)), "damaged"),
        (lambda r: r.update(next_meeting="15-06-2026"), "damaged"),
        (lambda r: r.update(share_coach_view=1), "damaged"),
        (lambda r: r["readings"]["readings"]["housing"].update(coach=6), "damaged"),
        (lambda r: r["readings"].update(format="x"), "damaged"),
    ],
)
def test_a_broken_record_is_refused(change: Any, code: str) -> None:
    with pytest.raises(SessionError) as caught:
        from_record(_broken(change))
    assert caught.value.code == code
    assert caught.value.message_key == f"coach_session.error.{code}"


@pytest.mark.parametrize(
    "changes",
    [
        {"agreed": ("a",) * 6},
        {"agreed": ["a"]},  # a list, not a tuple
        {"recognition": "x" * (sessions.TEXT_MAX_CHARS + 1)},
        {"session_date": date(2026, 6, 2)},  # the readings are of June 1st
        {"next_meeting": "2026-06-15"},
        {"share_coach_view": "yes"},
    ],
)
def test_a_note_that_breaks_a_rule_has_no_record(changes: dict[str, Any]) -> None:
    with pytest.raises(SessionError) as caught:
        to_record(note(**changes))
    assert caught.value.code == "invalid"


def test_a_long_text_is_kept_whole() -> None:
    """A note keeps what was typed: a step longer than a plan takes is not cut here."""
    long = "woord " * 60
    assert from_record(to_record(note(agreed=(long,)))).agreed == (long,)


# -- in a document ----------------------------------------------------------------------


def test_the_same_day_replaces_and_another_day_adds() -> None:
    document: dict[str, Any] = {}
    file_session(document, note())
    file_session(document, note(recognition="Anders gezegd."))
    assert [n.recognition for n in sessions.sessions_of(document)] == ["Anders gezegd."]
    later = date(2026, 7, 1)
    file_session(document, note(later))
    assert [n.session_date for n in sessions.sessions_of(document)] == [later, DAY]  # newest first
    assert sessions.session_on(document, DAY).recognition == "Anders gezegd."
    assert sessions.session_on(document, date(2026, 8, 1)) is None


def test_a_damaged_session_in_the_document_is_not_written_over() -> None:
    document: dict[str, Any] = {}
    file_session(document, note())
    document["sessions"][0]["agreed"] = "kapot"
    before = copy.deepcopy(document)
    with pytest.raises(SessionError):
        file_session(document, note(date(2026, 7, 1)))
    assert document == before


# -- in the store -------------------------------------------------------------------------


@pytest.fixture
def store(repo: Repository, folder: Path) -> CoachStore:
    store = make_store(repo, folder)
    first = store.import_one(sealed(CLIENT, 0), "eerste.age")
    assert store.add_client(first.pending, "Sanne").verdict is Verdict.ADDED
    return store


def test_the_store_keeps_sessions_in_the_client_file(store, repo, folder) -> None:
    assert store.sessions(CLIENT.client_id) == []
    path = client_file_path(folder, CLIENT.client_id)
    before = path.read_bytes()
    store.save_session(CLIENT.client_id, note())
    assert path.read_bytes() != before
    assert b"woningbouw" not in path.read_bytes()  # encrypted like the rest
    # Another store on the same folder (the app opened again) reads it back.
    again = make_store(repo, folder)
    assert again.sessions(CLIENT.client_id) == [note()]
    # The index agrees with the file: opening did not have to compute the row again.
    assert again.entry(CLIENT.client_id).label == "Sanne"


def test_a_session_survives_a_later_import(store) -> None:
    store.save_session(CLIENT.client_id, note())
    assert store.import_one(sealed(CLIENT, 40), "later.age").verdict is Verdict.ADDED
    assert store.sessions(CLIENT.client_id) == [note()]
    assert len(store.history(CLIENT.client_id).bridges) == 2


def test_the_export_holds_the_sessions(store) -> None:
    store.save_session(CLIENT.client_id, note())
    exported = store.export_client(CLIENT.client_id).decode("utf-8")
    assert "Bel de woningbouw" in exported
    assert "Ik kan het stap voor stap doen." in exported


def test_an_unknown_client_has_no_sessions(store) -> None:
    with pytest.raises(CoachStoreError) as caught:
        store.save_session(OTHER_CLIENT.client_id, note())
    assert caught.value.code == "unknown_client"


def test_a_damaged_client_file_is_not_written_over(store, repo, folder) -> None:
    path = client_file_path(folder, CLIENT.client_id)
    raw = bytearray(path.read_bytes())
    raw[len(raw) // 2] ^= 0x01
    path.write_bytes(bytes(raw))
    reopened = make_store(repo, folder)
    with pytest.raises(CoachStoreError) as caught:
        reopened.save_session(CLIENT.client_id, note())
    assert caught.value.code == "client_damaged"
    assert path.read_bytes() == bytes(raw)


def test_a_bad_note_stores_nothing(store, folder) -> None:
    path = client_file_path(folder, CLIENT.client_id)
    before = path.read_bytes()
    with pytest.raises(SessionError):
        store.save_session(CLIENT.client_id, note(agreed=("a",) * 6))
    assert path.read_bytes() == before


def test_a_damaged_session_record_is_refused_and_kept(store, folder) -> None:
    store.save_session(CLIENT.client_id, note())
    key = store._files_key()
    document = client_files.read_client(folder, key, CLIENT.client_id)
    document["sessions"][0]["share_coach_view"] = "ja"
    client_files.write_clients(folder, key, {CLIENT.client_id: document})
    fresh = make_store(store._repo, folder)
    with pytest.raises(SessionError) as caught:
        fresh.sessions(CLIENT.client_id)
    assert caught.value.code == "damaged"
    with pytest.raises(SessionError):
        fresh.save_session(CLIENT.client_id, note(date(2026, 7, 1)))
    held = client_files.read_client(folder, key, CLIENT.client_id)
    assert history.check_document(held, CLIENT.client_id)["sessions"] == document["sessions"]


def test_a_failed_write_keeps_the_old_file(store, folder, monkeypatch) -> None:
    store.save_session(CLIENT.client_id, note())
    path = client_file_path(folder, CLIENT.client_id)
    before = path.read_bytes()

    def refuse(*_args: Any) -> Any:
        return OSError(28, "No space left on device")

    monkeypatch.setattr(client_files, "_write_one", refuse)
    with pytest.raises(CoachStoreError) as caught:
        store.save_session(CLIENT.client_id, note(recognition="Nieuw."))
    assert caught.value.code == "save_failed"
    assert path.read_bytes() == before
