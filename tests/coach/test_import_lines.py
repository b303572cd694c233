"""The import screen's words per item and per batch, and its session state (no Flet)."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta

import pytest

from bridge.coach.identity import coach_identity
from bridge.coach.types import LABEL_MAX_CHARS, CoachStoreError, ImportResult, Pending, Verdict
from bridge.i18n import Translator, load_catalog
from bridge.sharing import SummaryChoices, build_summary
from bridge.sharing.envelope import seal_summary
from bridge.sharing.errors import (
    BadSignatureError,
    DamagedSummaryError,
    NotForYouError,
    SignerChangedError,
    SummaryError,
    WrongCoachError,
)
from bridge.storage.holder import DataHolder
from bridge.ui.widgets.coach_import_batch import (
    ImportSession,
    Waiting,
    add_client,
    chunks,
    import_chunk,
    is_old_format,
    session_of,
)
from bridge.ui.widgets.coach_import_lines import (
    Tone,
    label_problem,
    pasted_name,
    reason,
    shown_lines,
    summary_text,
    verdict_line,
    waiting_text,
)
from tests.sharing.helpers import CLIENT, CONTENT, OTHER_COACH, snapshot, t

CATALOG = load_catalog()
NL = Translator(CATALOG, "nl")
EN = Translator(CATALOG, "en")


def pending(client: str = "c1", code: str = "1111 2222 3333 4444", **kw: object) -> Pending:
    return Pending(
        client_id=client,
        signer_fingerprint=code,
        pinned_fingerprint=kw.pop("pinned", None),  # type: ignore[arg-type]
        created_at=str(kw.pop("created_at", "2026-05-01T10:00:00+00:00")),
        name=str(kw.pop("name", "")),
        summary_id=str(kw.pop("summary_id", code + client)),
    )


def result(verdict: Verdict, name: str = "a.age", **kw: object) -> ImportResult:
    return ImportResult(name=name, verdict=verdict, **kw)  # type: ignore[arg-type]


# -- one line per item ------------------------------------------------------------------
@pytest.mark.parametrize(
    ("item", "nl", "tone"),
    [
        (
            result(Verdict.ADDED, label="Sanne"),
            "a.age: geïmporteerd bij Sanne.",
            Tone.DONE,
        ),
        (
            result(Verdict.ADDED_OLDER, label="Sanne"),
            "a.age: bewaard in de geschiedenis van Sanne. Er is al een nieuwere samenvatting.",
            Tone.KEPT,
        ),
        (
            result(Verdict.DUPLICATE, label="Sanne"),
            "a.age: was al geïmporteerd bij Sanne. Er is niets veranderd.",
            Tone.SAME,
        ),
        (
            result(Verdict.DUPLICATE),
            "a.age: was al geïmporteerd. Er is niets veranderd.",
            Tone.SAME,
        ),
        (
            result(Verdict.NEW_CLIENT, pending=pending()),
            "a.age: van een nieuwe cliënt. Geef eerst een naam of code.",
            Tone.WAITING,
        ),
        (
            result(Verdict.SIGNER_CHANGED, pending=pending(pinned="9999 8888 7777 6666")),
            "a.age: niet geïmporteerd. Er is een andere sleutel gebruikt. Lees de waarschuwing.",
            Tone.WARNING,
        ),
    ],
)
def test_each_verdict_says_what_happened_in_plain_words(item, nl, tone):
    line = verdict_line(NL, item)
    assert line.text == nl
    assert line.tone is tone
    assert verdict_line(EN, item).text.startswith("a.age: ")


@pytest.mark.parametrize(
    ("error", "words"),
    [
        (DamagedSummaryError("x"), "Dit bestand is beschadigd of niet compleet."),
        (NotForYouError("x"), "Deze samenvatting is voor een andere coach."),
        (BadSignatureError("x"), "De handtekening klopt niet."),
        (WrongCoachError("x"), "Iemand heeft hem aan jou doorgestuurd."),
    ],
)
def test_a_refused_item_gives_its_own_reason_from_the_catalog(error, words):
    line = verdict_line(NL, result(Verdict.REFUSED, name="Geplakt 2", error=error))
    assert line.tone is Tone.REFUSED
    assert line.text.startswith("Geplakt 2: niet geïmporteerd. ")
    assert words in line.text
    assert "x" not in line.text.split("niet geïmporteerd. ")[1].split()  # not the log message


def test_a_reason_fills_in_the_errors_values():
    error = SignerChangedError(
        "x", client_id="c1", pinned_fingerprint="1111 2222 3333 4444", new_fingerprint="5555"
    )
    text = reason(NL, error)
    assert "Eerst was het 1111 2222 3333 4444, nu is het 5555." in text


def test_every_summary_error_has_a_text_in_both_languages():
    codes = {cls.code for cls in SummaryError.__subclasses__()}
    assert len(codes) >= 9
    for code in codes:
        for tr in (NL, EN):
            assert f"coach.import.error.{code}" in tr.catalog.entries
    unknown = NL("coach_import.error.unknown")
    assert reason(NL, DamagedSummaryError("x")) != unknown


def test_an_error_without_a_known_text_gets_a_calm_general_one():
    class Strange(Exception):
        message_key = "no.such.key"

    assert reason(NL, Strange()) == "Dit kon niet worden geïmporteerd. Er is niets opgeslagen."
    assert reason(EN, None) == "This could not be imported. Nothing has been saved."
    # A store error whose text is not written yet still says something a person reads.
    assert reason(NL, CoachStoreError("no_such_code", "x")) == NL("coach_import.error.unknown")


# -- the batch ------------------------------------------------------------------------
def test_the_summary_line_counts_what_was_imported_with_plural_forms():
    five = [
        result(Verdict.ADDED),
        result(Verdict.ADDED_OLDER),
        result(Verdict.ADDED),
        result(Verdict.DUPLICATE),
        result(Verdict.REFUSED, error=BadSignatureError("x")),
    ]
    assert summary_text(NL, five) == "3 van 5 samenvattingen geïmporteerd"
    assert summary_text(EN, five) == "3 of 5 summaries imported"
    assert summary_text(NL, five[:1]) == "1 van 1 samenvatting geïmporteerd"
    assert summary_text(EN, five[3:4]) == "0 of 1 summary imported"


def test_the_waiting_line_counts_what_needs_the_coach_also_from_an_earlier_batch():
    state = ImportSession()
    state.begin(1)
    state.add([(result(Verdict.NEW_CLIENT, pending=pending()), b"1", False)])
    state.begin(2)
    later = [
        result(Verdict.ADDED),
        result(Verdict.SIGNER_CHANGED, pending=pending("c9", pinned="x")),
    ]
    state.add([(r, b"", False) for r in later])
    assert state.waiting_count() == 2
    assert waiting_text(NL, 2) == "2 samenvattingen wachten op jou. Kijk hieronder."
    assert waiting_text(NL, 1) == "1 samenvatting wacht op jou. Kijk hieronder."
    assert waiting_text(NL, 0) is None


def test_pasted_items_are_named_by_number():
    assert [pasted_name(NL, n) for n in (1, 2)] == ["Geplakt 1", "Geplakt 2"]
    assert pasted_name(EN, 3) == "Pasted 3"


def test_a_big_batch_shows_every_problem_and_counts_the_good_ones_left_out():
    good = [result(Verdict.ADDED, name=f"{i}.age", label="A") for i in range(10)]
    bad = result(Verdict.REFUSED, name="bad.age", error=BadSignatureError("x"))
    lines, left_out = shown_lines(NL, [*good, bad], limit=4)
    assert left_out == 6
    assert [line.text.split(":")[0] for line in lines] == [
        "bad.age",  # what needs the coach's eye first
        "0.age",
        "1.age",
        "2.age",
        "3.age",
    ]


def test_refused_waiting_and_old_lines_come_first_in_their_order():
    items = [
        result(Verdict.ADDED, name="good1", label="A"),
        result(Verdict.REFUSED, name="bad1", error=DamagedSummaryError("x")),
        result(Verdict.DUPLICATE, name="twice", label="A"),
        result(Verdict.ADDED, name="old", label="A"),
        result(Verdict.NEW_CLIENT, name="new", pending=pending()),
        result(Verdict.REFUSED, name="bad2", error=DamagedSummaryError("x")),
    ]
    lines, left_out = shown_lines(NL, items, frozenset({3}))
    names = [line.text.split(":")[0] for line in lines]
    assert names == ["bad1", "old", "old", "new", "bad2", "good1", "twice"]
    assert lines[2].tone is Tone.WARNING and left_out == 0


def test_an_old_summary_gets_a_warning_line_after_its_own():
    items = [result(Verdict.ADDED, name="old.age", label="A"), result(Verdict.ADDED, name="b")]
    lines, _ = shown_lines(NL, items, frozenset({0}))
    assert [line.tone for line in lines] == [Tone.DONE, Tone.WARNING, Tone.DONE]
    assert lines[1].text.startswith("old.age: dit is een oude samenvatting.")


# -- the label ------------------------------------------------------------------------
def test_a_label_is_checked_and_never_cut():
    assert label_problem(NL, "  Sanne ") is None
    assert label_problem(NL, "x" * LABEL_MAX_CHARS) is None
    assert label_problem(NL, "   ") == "Vul een naam of code in."
    too_long = "y" * (LABEL_MAX_CHARS + 1)
    assert label_problem(NL, too_long) == (
        f"Dit is te lang: 61 tekens. Het mogen er hooguit {LABEL_MAX_CHARS} zijn. "
        "Er is niets ingekort."
    )


# -- the session's state ----------------------------------------------------------------
def test_waiting_summaries_are_grouped_per_client_and_key():
    state = ImportSession()
    state.begin(4)
    first = result(Verdict.NEW_CLIENT, name="1", pending=pending("c1", summary_id="s1"))
    second = result(Verdict.NEW_CLIENT, name="2", pending=pending("c1", summary_id="s2"))
    other = result(Verdict.NEW_CLIENT, name="3", pending=pending("c2", "2222 0000 0000 0000"))
    changed = result(Verdict.SIGNER_CHANGED, name="4", pending=pending("c3", pinned="9"))
    state.add([(first, b"1", False), (second, b"2", False), (other, b"3", False)])
    state.add([(changed, b"4", False)])
    assert state.done == 4
    groups = list(state.waiting.values())
    assert [(g.verdict, g.client_id, len(g.items)) for g in groups] == [
        (Verdict.NEW_CLIENT, "c1", 2),
        (Verdict.NEW_CLIENT, "c2", 1),
        (Verdict.SIGNER_CHANGED, "c3", 1),
    ]
    assert groups[2].pinned == "9"


def test_settling_a_group_replaces_its_lines_and_removes_its_card():
    state = ImportSession()
    state.begin(2)
    first = result(Verdict.NEW_CLIENT, name="1", pending=pending(summary_id="s1"))
    second = result(Verdict.NEW_CLIENT, name="2", pending=pending(summary_id="s2"))
    state.add([(first, b"1", False), (second, b"2", False)])
    group = next(iter(state.waiting.values()))
    store = FakeStore()
    outcome = add_client(store, group, "Sanne")  # type: ignore[arg-type]
    assert store.calls == [("add_client", "s1", "Sanne"), ("import_many", [("2", b"2")])]
    state.resolve(group.key, outcome)
    assert state.waiting == {}
    assert [r.verdict for r in state.results] == [Verdict.ADDED, Verdict.ADDED_OLDER]
    assert summary_text(NL, state.results) == "2 van 2 samenvattingen geïmporteerd"


def test_a_refused_label_keeps_the_card_waiting():
    state = ImportSession()
    state.begin(1)
    state.add([(result(Verdict.NEW_CLIENT, pending=pending()), b"1", False)])
    group: Waiting = next(iter(state.waiting.values()))
    with pytest.raises(CoachStoreError):
        add_client(FakeStore(refuse=True), group, "x")  # type: ignore[arg-type]
    assert list(state.waiting.values()) == [group]


def test_a_new_store_forgets_what_waited_but_keeps_the_pasted_text():
    state = ImportSession(text="-----BEGIN AGE")
    one, two = FakeStore(), FakeStore()
    state.belongs_to(one)
    state.begin(1)
    state.add([(result(Verdict.NEW_CLIENT, pending=pending()), b"1", False)])
    state.belongs_to(one)
    assert state.waiting and state.results
    state.belongs_to(two)  # the data was locked and opened again
    assert state.waiting == {} and state.results == []
    assert state.text == "-----BEGIN AGE"


def test_paste_numbers_go_on_through_the_session_and_each_session_has_its_own():
    class App:
        pass

    a, b = App(), App()
    state = session_of(a)
    assert session_of(a) is state and session_of(b) is not state
    assert state.paste_numbers(2) == [1, 2]
    assert state.paste_numbers(1) == [3]


def test_chunks_keep_every_item_in_order():
    items = [(str(i), b"") for i in range(45)]
    parts = chunks(items, 20)
    assert [len(p) for p in parts] == [20, 20, 5]
    assert [i for p in parts for i in p] == items


@dataclass
class FakeStore:
    refuse: bool = False
    calls: list[tuple[object, ...]] = field(default_factory=list)

    def add_client(self, p: Pending, label: str) -> ImportResult:
        if self.refuse:
            raise CoachStoreError("label_too_long", "too long", params={"max": 60})
        self.calls.append(("add_client", p.summary_id, label))
        return result(Verdict.ADDED, name="1", client_id=p.client_id, label=label)

    def import_many(self, items: list[tuple[str, bytes | str]]) -> list[ImportResult]:
        self.calls.append(("import_many", items))
        return [result(Verdict.ADDED_OLDER, name=name, label="Sanne") for name, _ in items]


def test_an_old_summary_is_told_by_its_pending_or_by_the_entry_it_became():
    class Filed:
        envelope_version = 1

    class Entry:
        envelope_version = 1

    class Store:
        def entry(self, client_id: str) -> Entry | None:
            return Entry() if client_id == "old" else None

    old_pending = Pending("c1", "1", None, "2026-05-01", filing=Filed())  # type: ignore[arg-type]
    store = Store()
    assert is_old_format(store, result(Verdict.NEW_CLIENT, pending=old_pending))  # type: ignore[arg-type]
    assert is_old_format(store, result(Verdict.ADDED, client_id="old"))  # type: ignore[arg-type]
    assert not is_old_format(store, result(Verdict.ADDED, client_id="new"))  # type: ignore[arg-type]
    assert not is_old_format(store, result(Verdict.ADDED_OLDER, client_id="old"))  # type: ignore[arg-type]
    assert not is_old_format(store, result(Verdict.REFUSED))  # type: ignore[arg-type]


def test_a_batch_with_three_bad_files_in_chunks_through_the_real_store(tmp_path):
    """26 items in chunks of 10: the good ones filed, each bad one its own reason, in order."""
    holder = DataHolder(tmp_path / "data")
    coach = coach_identity(holder.set_up("246810")).age.recipient
    store = holder.coach_store()
    when = datetime(2026, 4, 1, tzinfo=UTC)
    items: list[tuple[str, bytes | str]] = []
    for day in range(23):
        snaps = [snapshot(when + timedelta(days=day), {"housing": 1 + day % 5})]
        summary = build_summary(
            snaps, [], SummaryChoices(), CONTENT, t(), CLIENT.client_id, when + timedelta(days=day)
        )
        items.append((f"{day}.age", seal_summary(summary, CLIENT, coach)))
    items[5:5] = [("leeg.age", b"")]
    items[12:12] = [("ander.age", seal_summary(summary, CLIENT, OTHER_COACH.recipient))]
    items.append(("kapot.age", items[0][1][:-80]))
    state = ImportSession()
    state.begin(len(items))
    for part in chunks(items, 10):
        state.add(import_chunk(store, part))
    state.finish()
    verdicts = [r.verdict for r in state.results]
    assert [r.name for r in state.results] == [name for name, _ in items]
    assert verdicts.count(Verdict.REFUSED) == 3
    assert verdicts[0] is Verdict.NEW_CLIENT  # the first of an unknown client waits
    assert summary_text(NL, state.results) == "0 van 26 samenvattingen geïmporteerd"
    (group,) = state.waiting.values()
    assert len(group.items) == 23 and group.fingerprint == CLIENT.fingerprint
    outcome = add_client(store, group, "Sanne")
    state.resolve(group.key, outcome)
    assert summary_text(NL, state.results) == "23 van 26 samenvattingen geïmporteerd"
    lines, _ = shown_lines(NL, state.results)
    bad = [line.text for line in lines if line.tone is Tone.REFUSED]
    assert bad == [
        "leeg.age: niet geïmporteerd. " + NL("coach.import.error.empty"),
        "ander.age: niet geïmporteerd. " + NL("coach.import.error.not_for_you"),
        "kapot.age: niet geïmporteerd. " + NL("coach.import.error.damaged"),
    ]
    assert store.entry(CLIENT.client_id).summaries == 23  # type: ignore[union-attr]
    holder.close()
