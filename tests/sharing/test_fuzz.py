"""Property-based: whatever is done to a sealed summary, only SummaryError subclasses come out.

Two layers: changes to the age file itself (almost all caught by age's
authentication), and changes *inside* a validly encrypted file (what someone
holding the coach's public key could send), which exercise the JSON,
envelope, signature and payload checks.
"""

from __future__ import annotations

import json

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from bridge.crypto import decrypt
from bridge.sharing import OpenedSummary, SummaryChoices, SummaryError, open_summary, seal_summary

from .helpers import CLIENT, COACH, envelope, seal_bytes, seal_json, summary

BUILT = summary(SummaryChoices(notes=True, consent=True))
SEALED = {
    "binary": seal_summary(BUILT, CLIENT, COACH.recipient, armor=False),
    "armor": seal_summary(BUILT, CLIENT, COACH.recipient, armor=True),
}
PLAINTEXT = {
    2: decrypt(SEALED["binary"], [COACH]),
    1: json.dumps(
        envelope(dict(BUILT.payload), BUILT.text.split("\n")), ensure_ascii=False, indent=1
    ).encode("utf-8"),
}
ORIGINAL = {version: open_summary(seal_bytes(PLAINTEXT[version]), COACH) for version in (1, 2)}

FUZZ = settings(
    max_examples=150,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)


@st.composite
def mutated(draw: st.DrawFn, data: bytes) -> bytes:
    kind = draw(st.sampled_from(["flip", "truncate", "insert", "delete", "replace"]))
    i = draw(st.integers(0, len(data) - 1))
    if kind == "flip":
        return data[:i] + bytes([data[i] ^ draw(st.integers(1, 255))]) + data[i + 1 :]
    if kind == "truncate":
        return data[:i]
    if kind == "insert":
        return data[:i] + draw(st.binary(min_size=1, max_size=16)) + data[i:]
    if kind == "delete":
        return data[:i] + data[i + draw(st.integers(1, 64)) :]
    return data[:i] + draw(st.binary(min_size=1, max_size=8)) + data[i + 8 :]


def _only_summary_errors(data: bytes, version: int = 2) -> None:
    try:
        opened = open_summary(data, COACH)
    except SummaryError:
        return
    assert isinstance(opened, OpenedSummary)
    assert (
        opened == ORIGINAL[version]
    )  # only a harmless change (e.g. whitespace around armor) opens


@pytest.mark.parametrize("form", ["binary", "armor"])
@FUZZ
@given(data=st.data())
def test_a_mutated_sealed_summary_raises_only_summary_errors(
    form: str, data: st.DataObject
) -> None:
    _only_summary_errors(data.draw(mutated(SEALED[form])))


@pytest.mark.parametrize("version", [2, 1])
@FUZZ
@given(data=st.data())
def test_a_mutated_plaintext_inside_valid_age_raises_only_summary_errors(
    version: int, data: st.DataObject
) -> None:
    _only_summary_errors(seal_bytes(data.draw(mutated(PLAINTEXT[version]))), version)


JSON = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats() | st.text(max_size=12),
    lambda inner: (
        st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=10), inner, max_size=4)
    ),
    max_leaves=20,
)


@FUZZ
@given(
    field=st.sampled_from(
        [
            "client_id",
            "created_at",
            "language",
            "choices",
            "bridge",
            "stress",
            "discuss",
            "notes",
            "goals",
            "version",
        ]
    ),
    value=JSON,
)
def test_any_json_in_a_validly_signed_payload_raises_only_summary_errors(
    field: str, value: object
) -> None:
    payload = {**BUILT.payload, field: value}
    try:
        opened = open_summary(seal_json(envelope(payload, ["x"])), COACH)
    except SummaryError:
        return
    assert (
        opened.payload.as_dict() == payload
    )  # it may only open if it is a valid payload after all
