"""The motivational-interviewing prompt library (prompts.json), validated on load.

The client's goal flow and the coach's joint-session cards draw from the same library.
Prompts are grouped by MI stage (engage, focus, evoke, plan) and have a kind.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from bridge.content import ContentError, Text, read_json
from bridge.domain.goals import FLOW

STAGES: tuple[str, ...] = ("engage", "focus", "evoke", "plan")
KINDS: tuple[str, ...] = (
    "question",  # a question of the client's goal flow; its id is one of FLOW
    "open_question",
    "reflection",
    "affirmation",
    "summary",
    "ruler",
    "stress_reminder",  # a card for the coach
    "psychoeducation",  # a card with a title, at most MAX_CARD_SENTENCES sentences
    "recognition",  # after a step is done: recognises effort
)
MAX_CARD_SENTENCES = 4
PROMPTS_FILE = "prompts.json"


@dataclass(frozen=True)
class Prompt:
    id: str
    stage: str
    kind: str
    text: Text
    title: Text | None = None


def sentence_count(text: str) -> int:
    """Sentences end with . ? or ! followed by a space or the end (not with an ellipsis)."""
    parts = re.split(r"(?<=[.?!])\s+", text.strip())
    return sum(1 for part in parts if re.search(r"\w", part))


@dataclass(frozen=True)
class PromptLibrary:
    version: int
    prompts: tuple[Prompt, ...]

    def by_stage(self, stage: str) -> tuple[Prompt, ...]:
        """The prompts of one MI stage, in file order; an unknown stage raises KeyError."""
        if stage not in STAGES:
            raise KeyError(stage)
        return tuple(p for p in self.prompts if p.stage == stage)

    def by_kind(self, kind: str) -> tuple[Prompt, ...]:
        """The prompts of one kind, in file order; an unknown kind raises KeyError."""
        if kind not in KINDS:
            raise KeyError(kind)
        return tuple(p for p in self.prompts if p.kind == kind)

    def prompt(self, prompt_id: str) -> Prompt:
        for p in self.prompts:
            if p.id == prompt_id:
                return p
        raise KeyError(prompt_id)

    def flow_question(self, question_id: str) -> Prompt:
        """The client's question for a screen of the goal flow (bridge.domain.goals.FLOW)."""
        found = self.prompt(question_id)
        if found.kind != "question":
            raise KeyError(question_id)
        return found


def _parse_prompt(raw: Any, where: str, seen: set[str]) -> Prompt:
    if not isinstance(raw, dict):
        raise ContentError(f"{where}: expected an object")
    ident = raw.get("id")
    if not isinstance(ident, str) or not ident.isidentifier():
        raise ContentError(f"{where}: missing or invalid id")
    if ident in seen:
        raise ContentError(f"{where}: duplicate id '{ident}'")
    seen.add(ident)
    where = f"prompt '{ident}'"
    extra = set(raw) - {"id", "stage", "kind", "text", "title"}
    if extra:
        raise ContentError(f"{where}: unknown fields {sorted(extra)}")
    stage, kind = raw.get("stage"), raw.get("kind")
    if stage not in STAGES:
        raise ContentError(f"{where}: unknown stage {stage!r}; stages are {STAGES}")
    if kind not in KINDS:
        raise ContentError(f"{where}: unknown kind {kind!r}; kinds are {KINDS}")
    text = Text.parse(raw.get("text"), f"{where} text")
    title = Text.parse(raw["title"], f"{where} title") if "title" in raw else None
    if kind == "psychoeducation":
        if title is None:
            raise ContentError(f"{where}: a psycho-education card needs a title")
        for lang, value in text.by_language:
            if sentence_count(value) > MAX_CARD_SENTENCES:
                raise ContentError(
                    f"{where}: a card has at most {MAX_CARD_SENTENCES} sentences ('{lang}')"
                )
    return Prompt(id=ident, stage=str(stage), kind=str(kind), text=text, title=title)


def parse_prompts(raw: Any) -> PromptLibrary:
    """Builds the library from its JSON form, checking every rule; raises ContentError."""
    if not isinstance(raw, dict) or not isinstance(raw.get("prompts"), list):
        raise ContentError("prompts: expected an object with a list of prompts")
    version = raw.get("version")
    if not isinstance(version, int) or isinstance(version, bool):
        raise ContentError("prompts: missing version")
    seen: set[str] = set()
    prompts = tuple(
        _parse_prompt(item, f"prompt {n}", seen) for n, item in enumerate(raw["prompts"], start=1)
    )
    questions = {p.id for p in prompts if p.kind == "question"}
    missing = [q for q in FLOW if q not in questions]
    if missing:
        raise ContentError(f"prompts: the goal flow has no question for {missing}")
    unknown = sorted(questions - set(FLOW))
    if unknown:
        raise ContentError(f"prompts: questions {unknown} are not in the goal flow")
    return PromptLibrary(version=version, prompts=prompts)


def load_prompts() -> PromptLibrary:
    return parse_prompts(read_json(PROMPTS_FILE))
