"""Loads and validates the bridge content (domains, areas, steps) shipped as data in the package."""

from __future__ import annotations

import json
from dataclasses import dataclass
from importlib import resources
from typing import Any

LANGUAGES: tuple[str, ...] = ("nl", "en")
DEFAULT_LANGUAGE = "nl"
STEPS_PER_AREA = 5


class ContentError(ValueError):
    """The shipped content breaks one of its rules; the message says where."""


@dataclass(frozen=True)
class Text:
    """One text in every language the app speaks."""

    by_language: tuple[tuple[str, str], ...]

    def __call__(self, language: str) -> str:
        for lang, value in self.by_language:
            if lang == language:
                return value
        raise KeyError(language)

    @classmethod
    def parse(cls, raw: Any, where: str) -> Text:
        if not isinstance(raw, dict):
            raise ContentError(f"{where}: expected a text per language")
        values = []
        for lang in LANGUAGES:
            value = raw.get(lang)
            if not isinstance(value, str) or not value.strip():
                raise ContentError(f"{where}: missing or empty text in '{lang}'")
            values.append((lang, value.strip()))
        extra = set(raw) - set(LANGUAGES)
        if extra:
            raise ContentError(f"{where}: unknown languages {sorted(extra)}")
        return cls(tuple(values))


@dataclass(frozen=True)
class Step:
    level: int
    label: Text
    descriptor: Text


@dataclass(frozen=True)
class Area:
    id: str
    domain_id: str
    name: Text
    short: Text
    question: Text
    steps: tuple[Step, ...]

    def step(self, level: int) -> Step:
        return self.steps[level - 1]


@dataclass(frozen=True)
class Domain:
    id: str
    name: Text
    short: Text
    areas: tuple[Area, ...]


@dataclass(frozen=True)
class BridgeContent:
    version: int
    domains: tuple[Domain, ...]

    @property
    def areas(self) -> tuple[Area, ...]:
        return tuple(area for domain in self.domains for area in domain.areas)

    @property
    def area_ids(self) -> tuple[str, ...]:
        return tuple(area.id for area in self.areas)

    def area(self, area_id: str) -> Area:
        for area in self.areas:
            if area.id == area_id:
                return area
        raise KeyError(area_id)

    def domain_of(self, area_id: str) -> Domain:
        for domain in self.domains:
            if any(area.id == area_id for area in domain.areas):
                return domain
        raise KeyError(area_id)


def _require_id(raw: dict[str, Any], where: str, seen: set[str]) -> str:
    ident = raw.get("id")
    if not isinstance(ident, str) or not ident.isidentifier():
        raise ContentError(f"{where}: missing or invalid id")
    if ident in seen:
        raise ContentError(f"{where}: duplicate id '{ident}'")
    seen.add(ident)
    return ident


def _parse_area(raw: Any, domain_id: str, where: str, seen: set[str]) -> Area:
    if not isinstance(raw, dict):
        raise ContentError(f"{where}: expected an object")
    area_id = _require_id(raw, where, seen)
    where = f"area '{area_id}'"
    steps_raw = raw.get("steps")
    if not isinstance(steps_raw, list) or len(steps_raw) != STEPS_PER_AREA:
        count = len(steps_raw) if isinstance(steps_raw, list) else 0
        raise ContentError(f"{where}: needs exactly {STEPS_PER_AREA} steps, has {count}")
    steps = []
    for index, step_raw in enumerate(steps_raw, start=1):
        step_where = f"{where} step {index}"
        if not isinstance(step_raw, dict) or step_raw.get("level") != index:
            raise ContentError(f"{step_where}: steps must be levels 1 to 5 in order")
        steps.append(
            Step(
                level=index,
                label=Text.parse(step_raw.get("label"), f"{step_where} label"),
                descriptor=Text.parse(step_raw.get("descriptor"), f"{step_where} descriptor"),
            )
        )
    for lang in LANGUAGES:
        labels = [step.label(lang) for step in steps]
        if len(set(labels)) != len(labels):
            raise ContentError(f"{where}: two steps share a label in '{lang}'")
    return Area(
        id=area_id,
        domain_id=domain_id,
        name=Text.parse(raw.get("name"), f"{where} name"),
        short=Text.parse(raw.get("short"), f"{where} short name"),
        question=Text.parse(raw.get("question"), f"{where} question"),
        steps=tuple(steps),
    )


def parse_bridge(raw: Any) -> BridgeContent:
    """Builds the content from its JSON form, checking every rule; raises ContentError."""
    if not isinstance(raw, dict) or not isinstance(raw.get("domains"), list):
        raise ContentError("bridge content: expected an object with a list of domains")
    version = raw.get("version")
    if not isinstance(version, int):
        raise ContentError("bridge content: missing version")
    domain_ids: set[str] = set()
    area_ids: set[str] = set()
    domains = []
    for index, domain_raw in enumerate(raw["domains"], start=1):
        if not isinstance(domain_raw, dict):
            raise ContentError(f"domain {index}: expected an object")
        domain_id = _require_id(domain_raw, f"domain {index}", domain_ids)
        areas_raw = domain_raw.get("areas")
        if not isinstance(areas_raw, list) or not areas_raw:
            raise ContentError(f"domain '{domain_id}': needs at least one area")
        areas = tuple(
            _parse_area(area_raw, domain_id, f"domain '{domain_id}' area {n}", area_ids)
            for n, area_raw in enumerate(areas_raw, start=1)
        )
        domains.append(
            Domain(
                id=domain_id,
                name=Text.parse(domain_raw.get("name"), f"domain '{domain_id}' name"),
                short=Text.parse(domain_raw.get("short"), f"domain '{domain_id}' short name"),
                areas=areas,
            )
        )
    if not domains:
        raise ContentError("bridge content: no domains")
    return BridgeContent(version=version, domains=tuple(domains))


def read_json(name: str) -> Any:
    """Reads one of the JSON data files shipped in bridge/content."""
    with resources.files("bridge.content").joinpath(name).open("r", encoding="utf-8") as fh:
        return json.load(fh)


def load_bridge() -> BridgeContent:
    return parse_bridge(read_json("bridge.json"))
