"""The coach's prompt cards in a joint session, chosen by the situation of the area in view.

The cards come from two files: the MI library the client's goal flow uses
(``prompts.json``, read through :mod:`bridge.content.prompts`) and the
coach-facing cards of ``session_prompts.json``. The session file lists, per
situation, which cards fit (its own ids or the library's), plus the rulers and
the reminders for when stress is high. The loader checks every rule and says
where a rule is broken (:class:`~bridge.content.ContentError`):

- flagged by the client: open questions;
- a priority: evoking questions (and open questions);
- went up: at least one affirmation and one evoking question;
- went down: reflections (without blame), and open questions;
- the coach's view differs: "ask, don't tell" cards only;
- rulers: importance and confidence; stress high: stress reminders only.

A card may name the area with ``{area}`` (in both languages or in neither).
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from types import MappingProxyType
from typing import Any

from bridge.coach.session_order import SessionArea, Situation
from bridge.content import ContentError, Text, read_json
from bridge.content.prompts import Prompt, PromptLibrary, load_prompts

__all__ = [
    "AREA",
    "KINDS",
    "MAX_SENTENCES",
    "MAX_SENTENCE_WORDS",
    "RULERS",
    "RULES",
    "SESSION_PROMPTS_FILE",
    "STRESS_HIGH",
    "STRESS_HIGH_FROM",
    "Card",
    "CardGroup",
    "Rule",
    "SessionCards",
    "cards_for",
    "load_session_prompts",
    "parse_session_prompts",
    "stress_is_high",
    "words_per_sentence",
]

SESSION_PROMPTS_FILE = "session_prompts.json"

#: From this stress level (0..10) on, the coach sees the stress-sensitive reminders.
STRESS_HIGH_FROM = 7

#: The one placeholder a card may hold: the area's name.
AREA = "{area}"

MAX_SENTENCE_WORDS = 20  # plain language (B1): no sentence longer than this
MAX_SENTENCES = 3  # a card is read at a glance during a conversation

KINDS: tuple[str, ...] = (
    "open_question",
    "evoking_question",  # draws out the client's own reasons and abilities (change talk)
    "affirmation",
    "reflection",
    "ask",  # the views differ: ask about the client's view, do not tell them the coach's
    "ruler",
    "stress_reminder",  # for the coach, not said to the client
)

#: The library's kinds that a session card may take over, as the same kind.
_LIBRARY_KINDS = frozenset(
    {"open_question", "affirmation", "reflection", "ruler", "stress_reminder"}
)

#: Topics beside the situations: the rulers, and the reminders when stress is high.
RULERS = "rulers"
STRESS_HIGH = "stress_high"


@dataclass(frozen=True)
class Rule:
    required: frozenset[str]  # each of these kinds at least once
    allowed: frozenset[str]


def _rule(required: set[str], also: set[str] | None = None) -> Rule:
    return Rule(frozenset(required), frozenset(required | (also or set())))


#: Per topic (a situation's value, RULERS or STRESS_HIGH): which kinds of card fit it.
RULES: Mapping[str, Rule] = {
    Situation.FLAGGED.value: _rule({"open_question"}),
    Situation.PRIORITY.value: _rule({"evoking_question"}, {"open_question"}),
    Situation.VIEWS_DIFFER.value: _rule({"ask"}),
    Situation.WENT_UP.value: _rule({"affirmation", "evoking_question"}, {"open_question"}),
    Situation.WENT_DOWN.value: _rule({"reflection"}, {"open_question"}),
    Situation.SAME.value: _rule({"open_question"}, {"reflection", "affirmation"}),
    Situation.NO_EARLIER.value: _rule({"open_question"}),
    Situation.NOT_FILLED.value: _rule({"open_question"}),
    RULERS: _rule({"ruler"}),
    STRESS_HIGH: _rule({"stress_reminder"}),
}

_CARD_KEYS = frozenset({"id", "kind", "text"})
_FILE_KEYS = frozenset({"version", "cards", "situations", RULERS, STRESS_HIGH})
_BRACES = re.compile(r"[{}]")


@dataclass(frozen=True)
class Card:
    id: str
    kind: str
    text: Text
    from_library: bool  # the card is the MI library's (prompts.json)

    @property
    def names_area(self) -> bool:
        return AREA in self.text.by_language[0][1]

    def say(self, language: str, area_name: str) -> str:
        """The card's text in one language, with the area's name filled in."""
        return self.text(language).replace(AREA, area_name)


@dataclass(frozen=True)
class CardGroup:
    topic: str  # a Situation's value, RULERS or STRESS_HIGH
    cards: tuple[Card, ...]


@dataclass(frozen=True)
class SessionCards:
    version: int
    cards: Mapping[str, Card]  # every card the session uses, by id
    topics: Mapping[str, tuple[Card, ...]]  # per topic of RULES, in file order

    def for_topic(self, topic: str) -> tuple[Card, ...]:
        """The cards of one topic; an unknown topic raises KeyError."""
        return self.topics[topic]


def stress_is_high(level: int | None) -> bool:
    """Stress 7 or higher (of 10) brings the reminders; no level shared brings none."""
    return level is not None and level >= STRESS_HIGH_FROM


def words_per_sentence(text: str) -> list[int]:
    """The number of words of each sentence (sentences end with . ? ! or :)."""
    parts = re.split(r"(?<=[.?!:])\s+", text.strip())
    return [len(re.findall(r"[\w'’-]+", p)) for p in parts if re.search(r"\w", p)]


def _check_text(text: Text, where: str) -> None:
    uses_area = set()
    for lang, value in text.by_language:
        if _BRACES.search(value.replace(AREA, "")):
            raise ContentError(f"{where}: only {AREA} may stand in braces ('{lang}')")
        uses_area.add(AREA in value)
        counts = words_per_sentence(value)
        if len(counts) > MAX_SENTENCES:
            raise ContentError(f"{where}: a card has at most {MAX_SENTENCES} sentences ('{lang}')")
        if any(n > MAX_SENTENCE_WORDS for n in counts):
            raise ContentError(
                f"{where}: a sentence is longer than {MAX_SENTENCE_WORDS} words ('{lang}')"
            )
    if len(uses_area) > 1:
        raise ContentError(f"{where}: {AREA} must be in every language or in none")


def _parse_card(raw: Any, where: str, seen: set[str], library: PromptLibrary) -> Card:
    if not isinstance(raw, dict):
        raise ContentError(f"{where}: expected an object")
    ident = raw.get("id")
    if not isinstance(ident, str) or not ident.isidentifier():
        raise ContentError(f"{where}: missing or invalid id")
    if ident in seen:
        raise ContentError(f"{where}: duplicate id '{ident}'")
    if any(p.id == ident for p in library.prompts):
        raise ContentError(f"{where}: id '{ident}' is already in the MI library; use that one")
    seen.add(ident)
    where = f"session card '{ident}'"
    extra = set(raw) - _CARD_KEYS
    if extra:
        raise ContentError(f"{where}: unknown fields {sorted(extra)}")
    kind = raw.get("kind")
    if kind not in KINDS:
        raise ContentError(f"{where}: unknown kind {kind!r}; kinds are {KINDS}")
    text = Text.parse(raw.get("text"), f"{where} text")
    _check_text(text, where)
    return Card(id=ident, kind=str(kind), text=text, from_library=False)


def _library_card(prompt: Prompt, where: str) -> Card:
    if prompt.kind not in _LIBRARY_KINDS:
        raise ContentError(
            f"{where}: the library's '{prompt.id}' is a {prompt.kind}, not a session card"
        )
    card = Card(id=prompt.id, kind=prompt.kind, text=prompt.text, from_library=True)
    _check_text(card.text, where)
    return card


def _resolve(ident: Any, own: Mapping[str, Card], library: PromptLibrary, where: str) -> Card:
    if not isinstance(ident, str):
        raise ContentError(f"{where}: expected card ids")
    if ident in own:
        return own[ident]
    try:
        prompt = library.prompt(ident)
    except KeyError:
        raise ContentError(f"{where}: no card '{ident}' here or in the MI library") from None
    return _library_card(prompt, where)


def _topic(
    raw: Any, topic: str, own: Mapping[str, Card], library: PromptLibrary
) -> tuple[Card, ...]:
    where = f"session cards for '{topic}'"
    if not isinstance(raw, list) or not raw:
        raise ContentError(f"{where}: expected a list of at least one card id")
    if len(set(map(str, raw))) != len(raw):
        raise ContentError(f"{where}: a card is listed twice")
    cards = tuple(_resolve(ident, own, library, where) for ident in raw)
    rule = RULES[topic]
    for card in cards:
        if card.kind not in rule.allowed:
            raise ContentError(
                f"{where}: '{card.id}' is a {card.kind}; this topic takes {sorted(rule.allowed)}"
            )
    missing = sorted(rule.required - {card.kind for card in cards})
    if missing:
        raise ContentError(f"{where}: needs at least one card of each of {missing}")
    return cards


def parse_session_prompts(raw: Any, library: PromptLibrary) -> SessionCards:
    """Builds the session cards from their JSON form, checking every rule; raises ContentError."""
    if not isinstance(raw, dict) or not isinstance(raw.get("cards"), list):
        raise ContentError("session prompts: expected an object with a list of cards")
    version = raw.get("version")
    if not isinstance(version, int) or isinstance(version, bool):
        raise ContentError("session prompts: missing version")
    extra = set(raw) - _FILE_KEYS
    if extra:
        raise ContentError(f"session prompts: unknown fields {sorted(extra)}")
    seen: set[str] = set()
    own = {
        card.id: card
        for card in (
            _parse_card(item, f"session card {n}", seen, library)
            for n, item in enumerate(raw["cards"], start=1)
        )
    }
    situations = raw.get("situations")
    if not isinstance(situations, dict):
        raise ContentError("session prompts: expected the cards per situation")
    wanted = {s.value for s in Situation}
    missing = sorted(wanted - set(situations))
    if missing:
        raise ContentError(f"session prompts: no cards for the situations {missing}")
    unknown = sorted(set(situations) - wanted)
    if unknown:
        raise ContentError(f"session prompts: unknown situations {unknown}")
    topics: dict[str, tuple[Card, ...]] = {
        s.value: _topic(situations[s.value], s.value, own, library) for s in Situation
    }
    for topic in (RULERS, STRESS_HIGH):
        topics[topic] = _topic(raw.get(topic), topic, own, library)
    used = {card.id for cards in topics.values() for card in cards}
    unused = sorted(set(own) - used)
    if unused:
        raise ContentError(f"session prompts: cards {unused} are not used for any topic")
    cards = {card.id: card for group in topics.values() for card in group}
    return SessionCards(version, MappingProxyType(cards), MappingProxyType(topics))


def load_session_prompts(library: PromptLibrary | None = None) -> SessionCards:
    return parse_session_prompts(
        read_json(SESSION_PROMPTS_FILE), library if library is not None else load_prompts()
    )


def cards_for(
    area: SessionArea, cards: SessionCards, stress_level: int | None
) -> tuple[CardGroup, ...]:
    """The coach's cards for the area in view, in groups.

    First the stress reminders when stress is high, then one group per situation
    of the area (in the area's order: flagged, priority, views differ, then how the
    step moved), then the rulers. A card shows once, in its first group.
    """
    topics = [s.value for s in area.situations]
    if stress_is_high(stress_level):
        topics.insert(0, STRESS_HIGH)
    topics.append(RULERS)
    shown: set[str] = set()
    groups = []
    for topic in topics:
        fresh = tuple(card for card in cards.for_topic(topic) if card.id not in shown)
        shown.update(card.id for card in fresh)
        if fresh:
            groups.append(CardGroup(topic, fresh))
    return tuple(groups)
