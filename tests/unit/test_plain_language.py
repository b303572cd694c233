"""Plain Dutch (B1): no sentence over 20 words in anything a client reads; the average is reported."""

import re

from bridge.content import load_bridge, read_json
from bridge.i18n import catalog_files

MAX_WORDS = 20
AIM_AVERAGE = 12


def sentences(text: str) -> list[str]:
    # Split after . ? ! (and the ':' that introduces a list), keep only parts with words.
    parts = re.split(r"(?<=[.?!:])\s+", text)
    return [p for p in parts if re.search(r"\w", p)]


def words(sentence: str) -> int:
    return len(re.findall(r"[\w'’-]+", sentence))


def dutch_texts() -> list[tuple[str, str]]:
    texts = []
    for domain in load_bridge().domains:
        texts.append((f"domain {domain.id}", domain.name("nl")))
        for area in domain.areas:
            texts.append((f"{area.id} question", area.question("nl")))
            for step in area.steps:
                texts.append((f"{area.id} step {step.level} label", step.label("nl")))
                texts.append((f"{area.id} step {step.level}", step.descriptor("nl")))
    for name in catalog_files():  # every part of the catalog, not only strings.json
        for key, value in read_json(name).items():
            texts.append((f"{name}: {key}", value["nl"]))
    return texts


def test_no_dutch_sentence_is_longer_than_twenty_words(record_property, capsys):
    lengths = []
    too_long = []
    for where, text in dutch_texts():
        for sentence in sentences(text):
            n = words(sentence)
            lengths.append(n)
            if n > MAX_WORDS:
                too_long.append(f"{where}: {n} words: {sentence}")
    average = sum(lengths) / len(lengths)
    record_property("average_sentence_words", round(average, 1))
    with capsys.disabled():
        print(
            f"\nplain language: {len(lengths)} Dutch sentences, average {average:.1f} words "
            f"(aim < {AIM_AVERAGE}), longest {max(lengths)}"
        )
    assert not too_long, "\n".join(too_long)
    assert average < AIM_AVERAGE


def test_the_checker_itself_catches_a_long_sentence():
    long = " ".join(["woord"] * 21) + "."
    assert [words(s) for s in sentences(f"Kort. {long}")] == [1, 21]
