"""The shipped bridge content obeys its rules, and broken content is refused at load."""

import copy
import re

import pytest

from bridge.content import LANGUAGES, ContentError, load_bridge, parse_bridge, read_json

EXPECTED_AREAS = ("housing", "family", "health", "network", "debts", "savings", "education", "work")


@pytest.fixture(scope="module")
def raw():
    return read_json("bridge.json")


def test_shipped_content_has_five_domains_and_eight_areas_of_five_steps():
    content = load_bridge()
    assert len(content.domains) == 5
    assert content.area_ids == EXPECTED_AREAS
    for area in content.areas:
        assert [step.level for step in area.steps] == [1, 2, 3, 4, 5]
        for lang in LANGUAGES:
            assert area.question(lang).endswith("?")


@pytest.mark.parametrize(
    ("break_it", "message"),
    [
        (lambda d: d["domains"][0]["areas"][0]["steps"].pop(), "exactly 5 steps"),
        (
            lambda d: d["domains"][0]["areas"][0]["steps"].append(
                copy.deepcopy(d["domains"][0]["areas"][0]["steps"][0])
            ),
            "exactly 5 steps",
        ),
        (lambda d: d["domains"][1]["areas"][0]["name"].pop("en"), "missing or empty text in 'en'"),
        (
            lambda d: d["domains"][1]["areas"][0]["steps"][2]["descriptor"].update(nl="  "),
            "missing or empty text in 'nl'",
        ),
        (lambda d: d["domains"][2]["areas"][1]["question"].pop("nl"), "missing or empty"),
        (lambda d: d["domains"][0]["areas"][1].update(id="housing"), "duplicate id"),
        (lambda d: d["domains"][0]["areas"][0]["steps"][3].update(level=5), "levels 1 to 5"),
        (
            lambda d: d["domains"][0]["areas"][0]["steps"][1]["label"].update(
                nl=d["domains"][0]["areas"][0]["steps"][0]["label"]["nl"]
            ),
            "share a label",
        ),
        (lambda d: d["domains"][0]["name"].update(de="Familie"), "unknown languages"),
    ],
)
def test_broken_content_is_refused(raw, break_it, message):
    broken = copy.deepcopy(raw)
    break_it(broken)
    with pytest.raises(ContentError, match=re.escape(message)):
        parse_bridge(broken)


def test_steps_are_told_apart_by_label_and_descriptor():
    for area in load_bridge().areas:
        for lang in LANGUAGES:
            descriptors = [step.descriptor(lang) for step in area.steps]
            assert len(set(descriptors)) == 5, area.id
