"""The agreed plan: sealed by the coach to the client's own key, opened only when it is for this
client and signed by their paired coach; every refusal stores nothing and says why."""

from __future__ import annotations

import json
from datetime import date, datetime

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from bridge.crypto import X25519Identity, decrypt
from bridge.sharing import coaches, pair_coach
from bridge.sharing.plan import (
    ERROR_CODES,
    MAX_SIZE,
    MAX_STEPS,
    RECOGNITION_MAX_CHARS,
    STEP_MAX_CHARS,
    AgreedStep,
    Plan,
    PlanError,
    check_plan,
    open_plan,
    plan_from_payload,
    readable_plan_text,
    seal_plan,
)
from bridge.sharing.signed_text import SEPARATOR

from .helpers import AREAS, CONTENT, OTHER_CLIENT, seal_json, t
from .plan_helpers import (
    CLIENT,
    COACH_ID,
    OTHER_COACH_ID,
    good_payload,
    paired,
    plaintext,
    plan_for,
    seal_plaintext,
    text_of,
)


def _sealed(plan: Plan | None = None, language: str = "nl") -> str:
    plan = plan or plan_for(language=language)
    return seal_plan(plan, COACH_ID, CLIENT.recipient, text_of(plan, language))


def _refused(data: bytes | str, *, coaches=None, me=CLIENT) -> PlanError:
    with pytest.raises(PlanError) as caught:
        open_plan(data, me, [paired()] if coaches is None else coaches)
    return caught.value


# -- the round trip ------------------------------------------------------------------------


@pytest.mark.parametrize("language", ["nl", "en"])
def test_a_plan_sealed_by_the_coach_opens_on_the_clients_phone_as_it_was_made(language):
    plan = plan_for(language=language)
    sealed = _sealed(plan, language)
    assert sealed.startswith("-----BEGIN AGE ENCRYPTED FILE-----")
    opened = open_plan(sealed, CLIENT, [paired(OTHER_COACH_ID), paired()])
    assert opened.plan == check_plan(plan)
    assert opened.coach_id == paired().id
    assert opened.text == text_of(plan, language)
    assert opened.signer == COACH_ID.signing_public_key
    # The same plan sealed again (age picks a new file key) keeps its id: it is kept once.
    assert open_plan(_sealed(plan, language), CLIENT, [paired()]).plan_id == opened.plan_id
    other = plan_for(language=language, recognition="Iets anders.")
    assert open_plan(_sealed(other, language), CLIENT, [paired()]).plan_id != opened.plan_id


def test_the_readable_text_comes_first_then_the_signed_data():
    plan = plan_for()
    raw = decrypt(_sealed(plan).encode(), [CLIENT.age]).decode("utf-8")
    text = text_of(plan)
    assert raw.startswith(text + "\n" + SEPARATOR + "\n{")
    envelope = json.loads(raw.split(SEPARATOR + "\n")[1])
    assert envelope["format"] == "bridge-plan-envelope"
    assert envelope["client"] == CLIENT.recipient.to_string()
    assert envelope["payload"]["steps"][0] == {
        "text": "Maandag de woningcorporatie bellen",
        "area_id": "housing",
    }


def test_the_readable_text_says_what_was_agreed_in_plain_words():
    nl = text_of(plan_for())
    assert nl.startswith("# Wat we afspraken\nGesprek van 3 mei 2026.\n")
    assert "1. Maandag de woningcorporatie bellen (Wonen)" in nl
    assert "2. Een lijst maken van wat ik betaal\n" in nl
    assert "Je hebt deze maand veel zelf geregeld." in nl
    assert "17 mei 2026." in nl
    assert "## Hoe je coach het ziet" in nl
    assert "- Wonen: stap 2 van 5" in nl
    en = text_of(plan_for(language="en"), "en")
    assert en.startswith("# What we agreed\n") and "(Housing)" in en
    # Without the coach's view, without recognition and without a next meeting.
    bare = text_of(plan_for(coach_view=None, recognition="", next_meeting=None))
    assert "Hoe je coach het ziet" not in bare and "Van je coach" not in bare
    assert "Er is nog geen nieuwe afspraak." in bare


def test_the_whole_way_a_plan_goes_uses_only_what_pairing_and_the_summary_carried(repo):
    """The client pairs with the coach's text; the summary carries the client's key."""
    pair_coach(repo, "Marieke", COACH_ID.pairing_text)
    plan = plan_for()
    sealed = seal_plan(plan, COACH_ID, CLIENT.recipient, text_of(plan))
    assert open_plan(sealed, CLIENT, coaches(repo)).coach_id == paired().id


# -- refusals ------------------------------------------------------------------------------


def test_an_unsigned_plan_is_refused():
    for drop in (("signer", "signature"), ("signature",)):
        error = _refused(seal_plaintext(plaintext(good_payload(), drop=drop)))
        assert error.code == "unsigned"
    error = _refused(seal_plaintext(plaintext(good_payload(), extra={"signature": None})))
    assert error.code == "unsigned"
    assert error.message_key == "plan.error.unsigned"


def test_a_plan_signed_by_another_coach_is_refused():
    plan = plan_for()
    forged = seal_plan(plan, OTHER_COACH_ID, CLIENT.recipient, text_of(plan))
    assert _refused(forged).code == "unknown_coach"
    assert _refused(forged, coaches=[]).code == "unknown_coach"


def test_with_only_old_pairings_the_client_is_asked_to_pair_again():
    error = _refused(_sealed(), coaches=[paired(with_signing_key=False)])
    assert error.code == "coach_without_signing_key"


def test_a_plan_for_another_client_is_refused():
    plan = plan_for(OTHER_CLIENT.client_id)
    # Sealed to the other client's key: this phone cannot even open it.
    for_other = seal_plan(plan, COACH_ID, OTHER_CLIENT.recipient, text_of(plan))
    assert _refused(for_other).code == "not_for_you"
    # Opened by the other client and passed on, encrypted again to this client.
    raw = decrypt(for_other.encode(), [OTHER_CLIENT.age])
    assert _refused(seal_plaintext(raw)).code == "wrong_client"
    # Signed for this client's key but naming another client id.
    named_other = plaintext(good_payload(plan))
    assert _refused(seal_plaintext(named_other)).code == "wrong_client"


def _tamper(raw: bytes, old: str, new: str) -> bytes:
    assert old.encode() in raw
    return raw.replace(old.encode(), new.encode(), 1)


@pytest.mark.parametrize(
    ("old", "new"),
    [
        ("Maandag de woningcorporatie bellen (Wonen)", "Maandag de huur niet betalen (Wonen)"),
        ('"text":"Maandag de woningcorporatie bellen"', '"text":"Maandag niet bellen"'),
        ('"next_meeting":"2026-05-17"', '"next_meeting":"2026-05-18"'),
        ('"housing":2', '"housing":5'),
    ],
    ids=["text", "step", "next-meeting", "coach-view"],
)
def test_a_tampered_plan_is_refused(old, new):
    raw = decrypt(_sealed().encode(), [CLIENT.age])
    assert _refused(seal_plaintext(_tamper(raw, old, new))).code == "bad_signature"


def test_a_tampered_or_unreadable_signature_is_refused():
    raw = decrypt(_sealed().encode(), [CLIENT.age])
    envelope = json.loads(raw.decode().split(SEPARATOR + "\n")[1])
    signature = envelope["signature"]
    flipped = ("B" if signature[0] != "B" else "C") + signature[1:]
    assert _refused(seal_plaintext(_tamper(raw, signature, flipped))).code == "bad_signature"
    assert _refused(seal_plaintext(_tamper(raw, signature, "kapot"))).code == "bad_signature"


def test_damaged_empty_and_too_large_input_is_refused():
    sealed = _sealed()
    lines = sealed.splitlines()
    middle = len(lines) // 2
    broken = "\n".join([*lines[:middle], lines[middle][::-1], *lines[middle + 1 :]])
    assert _refused(broken).code == "damaged"
    assert _refused(sealed[: len(sealed) // 2]).code == "damaged"
    # Another file picked (a text, a photo): not a plan, rather than a damaged one.
    assert _refused("hallo, hier is je plan").code == "not_a_plan"
    assert _refused(b"\x89PNG\r\n\x1a\n" + bytes(200)).code == "not_a_plan"
    for empty in ("", "   \n ", b""):
        assert _refused(empty).code == "empty"
    assert _refused(b"x" * (MAX_SIZE + 1)).code == "too_large"
    huge = seal_plaintext(plaintext(good_payload(), "x" * MAX_SIZE))
    assert _refused(huge).code == "too_large"


def test_a_plan_of_a_newer_version_asks_to_update_the_app():
    newer_envelope = plaintext(good_payload(), extra={"version": 2})
    assert _refused(seal_plaintext(newer_envelope)).code == "newer_version"
    newer_payload = plaintext({**good_payload(), "version": 2})
    assert _refused(seal_plaintext(newer_payload)).code == "newer_version"


def test_what_is_not_a_plan_is_refused_as_such():
    assert _refused(seal_json({"format": "bridge-summary-envelope"}, CLIENT.recipient)).code == (
        "not_a_plan"
    )
    not_json = b"# Wat we afspraken\n\n" + SEPARATOR.encode() + b"\n{kapot"
    assert _refused(seal_plaintext(not_json)).code == "not_a_plan"
    twice = plaintext(good_payload()).replace(b'"version": 1', b'"version": 1, "version": 1')
    assert _refused(seal_plaintext(twice)).code == "not_a_plan"
    extra = plaintext(good_payload(), extra={"note": "x"})
    assert _refused(seal_plaintext(extra)).code == "not_a_plan"
    assert _refused(seal_plaintext(plaintext({"format": "x"}))).code == "not_a_plan"


def test_a_signed_plan_that_breaks_a_rule_is_refused():
    long_step = good_payload()
    long_step["steps"][0]["text"] = "x" * (STEP_MAX_CHARS + 1)
    untidy = good_payload()
    untidy["steps"][0]["text"] = "  twee  spaties "
    extra_key = {**good_payload(), "note": "x"}
    for payload in (long_step, untidy, extra_key):
        error = _refused(seal_plaintext(plaintext(payload)))
        assert error.code == "invalid"


def test_open_plan_is_refused_for_a_key_that_is_not_the_clients():
    other = X25519Identity.generate()
    assert _refused(seal_plaintext(plaintext(good_payload()), other.recipient)).code == (
        "not_for_you"
    )


# -- the rules -----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("changes", "where"),
    [
        ({"steps": ()}, "steps"),
        ({"steps": tuple(AgreedStep(f"Stap {n}") for n in range(MAX_STEPS + 1))}, "steps"),
        ({"steps": (AgreedStep("   "),)}, "steps"),
        ({"steps": (AgreedStep("x" * (STEP_MAX_CHARS + 1)),)}, "steps"),
        ({"steps": (AgreedStep("Bellen", "not an id"),)}, "steps"),
        ({"steps": (AgreedStep("Bel\x00len"),)}, "steps"),
        ({"recognition": "x" * (RECOGNITION_MAX_CHARS + 1)}, "recognition"),
        ({"next_meeting": date(2026, 5, 2)}, "next_meeting"),
        ({"session_date": datetime(2026, 5, 3, 10, 0)}, "session_date"),
        ({"coach_view": {"housing": 6}}, "coach_view"),
        ({"coach_view": {"housing": True}}, "coach_view"),
        ({"client_id": "Mevrouw Jansen"}, "client_id"),
        ({"language": "de"}, "language"),
    ],
)
def test_check_plan_names_the_rule_that_is_broken(changes, where):
    with pytest.raises(PlanError) as caught:
        check_plan(plan_for(**changes))
    assert caught.value.code == "invalid"
    assert caught.value.field == where
    with pytest.raises(PlanError):
        seal_plan(plan_for(**changes), COACH_ID, CLIENT.recipient, "# Wat we afspraken\n")


def test_check_plan_tidies_spaces_and_never_cuts():
    step = "  Maandag\n bellen  " + "x" * (STEP_MAX_CHARS - 20)
    checked = check_plan(plan_for(steps=(AgreedStep(step),), coach_view={}))
    assert checked.steps[0].text == "Maandag bellen " + "x" * (STEP_MAX_CHARS - 20)
    assert checked.coach_view is None  # no view at all is the same as an empty one
    exactly = "x" * STEP_MAX_CHARS
    assert check_plan(plan_for(steps=(AgreedStep(exactly),))).steps[0].text == exactly


def test_every_refusal_has_a_plain_message_in_both_languages():
    catalog = t().catalog.entries
    for code in ERROR_CODES:
        for language in ("nl", "en"):
            text = t(language)(f"plan.error.{code}")
            assert text.endswith(("Er is niets bewaard.", "Nothing has been saved."))
        assert f"plan.error.{code}" in catalog
    assert t()("plan.error.unsigned") == (
        "Dit plan is niet ondertekend door jouw coach. Er is niets bewaard."
    )


# -- properties ----------------------------------------------------------------------------

_TEXT = st.text(
    st.characters(blacklist_categories=("Cs", "Cc")), min_size=1, max_size=STEP_MAX_CHARS
).filter(lambda s: s.strip())
_DAYS = st.dates(date(2020, 1, 1), date(2035, 12, 31))


@st.composite
def plans(draw) -> Plan:
    session = draw(_DAYS)
    steps = draw(
        st.lists(
            st.builds(AgreedStep, _TEXT, st.none() | st.sampled_from(AREAS)),
            min_size=1,
            max_size=MAX_STEPS,
        )
    )
    return Plan(
        client_id=CLIENT.client_id,
        session_date=session,
        steps=tuple(steps),
        recognition=draw(st.text(max_size=RECOGNITION_MAX_CHARS).filter(str.isprintable)),
        next_meeting=draw(st.none() | st.dates(session, date(2036, 12, 31))),
        coach_view=draw(
            st.none() | st.dictionaries(st.sampled_from(AREAS), st.integers(1, 5), max_size=4)
        ),
        language=draw(st.sampled_from(["nl", "en"])),
    )


@settings(max_examples=40, deadline=None)
@given(plans())
def test_any_plan_that_keeps_the_rules_comes_back_as_checked(plan):
    checked = check_plan(plan)
    assert plan_from_payload(json.loads(json.dumps(good_payload(checked)))) == checked
    text = readable_plan_text(checked, CONTENT, t(checked.language))
    opened = open_plan(seal_plan(plan, COACH_ID, CLIENT.recipient, text), CLIENT, [paired()])
    assert opened.plan == checked
    assert opened.text == text


def test_the_readable_text_is_of_the_plan_as_it_is_sealed():
    untidy = plan_for(steps=(AgreedStep("  Maandag \n bellen "),))
    assert "1. Maandag bellen\n" in readable_plan_text(untidy, CONTENT, t())
    with pytest.raises(PlanError) as caught:
        readable_plan_text(plan_for(steps=()), CONTENT, t())
    assert caught.value.field == "steps"
