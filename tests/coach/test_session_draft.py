"""The joint session held on screen: the typed date, the draft and its note, what is forgotten on
a lock, and that every text the session screen builds from a value is in the catalog."""

from __future__ import annotations

from datetime import date

import pytest

from bridge.coach.readings import FilledBy
from bridge.coach.session_order import Group, Situation
from bridge.coach.session_prompts import KINDS, RULERS, STRESS_HIGH
from bridge.coach.sessions import from_record, to_record
from bridge.i18n import Translator, load_catalog
from bridge.ui.messages import message_for
from bridge.ui.widgets.coach_session_state import (
    BadDay,
    SessionDraft,
    day_text,
    held_draft,
    hold_draft,
    parse_day,
)
from tests.coach.session_helpers import history

TODAY = date(2026, 6, 1)


@pytest.mark.parametrize(
    ("text", "day"),
    [
        ("15-06-2026", date(2026, 6, 15)),
        (" 1-7-2026 ", date(2026, 7, 1)),
        ("01/07/2026", date(2026, 7, 1)),
        ("1.7.2026", date(2026, 7, 1)),
        ("01-06-2026", TODAY),  # the session day itself is fine
        ("", None),
        ("   ", None),
    ],
)
def test_a_typed_date_is_read(text: str, day: date | None) -> None:
    assert parse_day(text, TODAY) == day


@pytest.mark.parametrize(
    ("text", "code"),
    [
        ("31-02-2027", "bad"),
        ("2026-06-15", "bad"),
        ("15 juni", "bad"),
        ("15-13-2026", "bad"),
        ("15-06-26", "bad"),
        ("31-05-2026", "past"),
    ],
)
def test_a_bad_date_says_why(text: str, code: str) -> None:
    with pytest.raises(BadDay) as caught:
        parse_day(text, TODAY)
    assert caught.value.reason == code
    assert message_for(Translator(load_catalog(), "nl"), caught.value, "x") == (
        load_catalog().text(f"coach_session.meeting_{code}", "nl")
    )


def test_a_date_is_shown_as_it_is_typed() -> None:
    assert day_text(date(2026, 7, 1)) == "01-07-2026"
    assert parse_day(day_text(date(2026, 7, 1)), TODAY) == date(2026, 7, 1)
    assert day_text(None) == ""


def test_a_new_draft_copies_the_latest_bridge() -> None:
    client = history({"housing": 2}, {"housing": 3, "debts": 1})
    draft = SessionDraft.start("0123456789abcdef", TODAY, client)
    assert draft.readings.bridge_date == "2026-02-01"
    assert draft.readings.reading("housing").client_step == 3
    assert draft.readings.reading("debts").client_step == 1
    assert draft.agreed == [""]  # one empty field to start with


def test_a_draft_without_a_bridge_still_starts() -> None:
    draft = SessionDraft.start("0123456789abcdef", TODAY, history())
    assert draft.readings.bridge_date is None
    assert dict(draft.readings.readings) == {}


def test_the_coach_view_never_changes_the_client_step() -> None:
    draft = SessionDraft.start("0123456789abcdef", TODAY, history({"housing": 3}))
    draft.set_coach_step("housing", 5)
    draft.set_filled_by("housing", FilledBy.COACH)
    held = draft.readings.reading("housing")
    assert (held.client_step, held.coach_step, held.filled_by) == (3, 5, FilledBy.COACH)
    assert held.differs
    assert draft.coach_view() == {"housing": 5}
    draft.set_coach_step("housing", None)
    assert draft.coach_view() == {}
    assert draft.readings.reading("housing").client_step == 3


def test_a_draft_and_its_note_agree() -> None:
    draft = SessionDraft.start("0123456789abcdef", TODAY, history({"housing": 3}))
    draft.agreed = ["Bel", ""]
    draft.recognition = "Goed gedaan."
    draft.reflection = "Stap voor stap."
    draft.meeting = date(2026, 6, 15)
    draft.meeting_text = "15-06-2026"
    draft.share_coach_view = True
    note = draft.note()
    assert note.agreed == ("Bel", "")
    assert note.steps_to_agree == ("Bel",)
    back = SessionDraft.of(draft.client_id, from_record(to_record(note)))
    assert back.note() == note
    assert back.meeting_text == "15-06-2026"


class Store:
    """Stands for a coach store: only its identity matters here."""


class App:
    """Stands for one session of the app."""


def test_a_draft_is_forgotten_with_its_store_and_on_another_day() -> None:
    app, store = App(), Store()
    draft = SessionDraft.start("0123456789abcdef", TODAY, history({"housing": 3}))
    assert held_draft(app, store, draft.client_id, TODAY) is None
    hold_draft(app, store, draft)
    assert held_draft(app, store, draft.client_id, TODAY) is draft
    assert held_draft(app, store, draft.client_id, date(2026, 6, 2)) is None  # a new day
    assert held_draft(app, Store(), draft.client_id, TODAY) is None  # locked and opened again
    assert held_draft(app, store, draft.client_id, TODAY) is None  # and it stays forgotten


def test_every_text_the_session_screen_builds_is_in_the_catalog() -> None:
    entries = load_catalog().entries
    keys = (
        {f"coach_session.group.{g.value}" for g in Group}
        | {f"coach_session.topic.{s.value}" for s in Situation}
        | {f"coach_session.topic.{topic}" for topic in (RULERS, STRESS_HIGH)}
        | {f"coach_session.kind.{kind}" for kind in KINDS}
        | {f"coach_session.who.{who.value}" for who in FilledBy}
        | {f"coach_session.meeting_{code}" for code in ("bad", "past")}
        | {f"coach_session.error.{code}" for code in ("invalid", "damaged", "newer_version")}
    )
    assert sorted(k for k in keys if k not in entries) == []
