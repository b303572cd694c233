"""The catalog of user-facing strings (nl and en side by side) and a translator for one language."""

from __future__ import annotations

import string
from collections.abc import Mapping
from dataclasses import dataclass
from importlib import resources
from typing import Any

from bridge.content import LANGUAGES, ContentError, Text, read_json


def placeholders(text: str) -> frozenset[str]:
    """The `{name}` fields in a text, so both languages can be checked to take the same ones."""
    return frozenset(name for _, name, _, _ in string.Formatter().parse(text) if name)


@dataclass(frozen=True)
class Catalog:
    entries: Mapping[str, Text]

    @classmethod
    def parse(cls, raw: Any) -> Catalog:
        if not isinstance(raw, dict) or not raw:
            raise ContentError("strings: expected an object of keys")
        entries: dict[str, Text] = {}
        for key, value in raw.items():
            text = Text.parse(value, f"string '{key}'")
            fields = {lang: placeholders(text(lang)) for lang in LANGUAGES}
            if len(set(fields.values())) != 1:
                raise ContentError(f"string '{key}': languages use different placeholders")
            entries[key] = text
        return cls(entries)

    def text(self, key: str, language: str, **params: object) -> str:
        """The text for `key`; a missing key raises KeyError so tests catch it."""
        value = self.entries[key](language)
        return value.format(**params) if params else value


def plural_key(key: str, count: int) -> str:
    """The catalog key for a count: `<key>.one` for exactly 1, else `<key>.other`.

    Dutch and English both have these two forms ("1 stap", "3 stappen"). A plural text is two
    entries, "<key>.one" and "<key>.other", each taking `{count}`.
    """
    return f"{key}.one" if count == 1 else f"{key}.other"


def catalog_files() -> list[str]:
    """strings.json plus one strings_<part>.json per part of the app, so parts stay apart."""
    folder = resources.files("bridge.content")
    extra = sorted(
        item.name
        for item in folder.iterdir()
        if item.name.startswith("strings_") and item.name.endswith(".json")
    )
    return ["strings.json", *extra]


def load_catalog() -> Catalog:
    merged: dict[str, Any] = {}
    for name in catalog_files():
        part = read_json(name)
        if not isinstance(part, dict):
            raise ContentError(f"{name}: expected an object of keys")
        clash = sorted(set(part) & set(merged))
        if clash:
            raise ContentError(f"{name}: keys defined twice: {clash}")
        merged.update(part)
    return Catalog.parse(merged)


@dataclass(frozen=True)
class Translator:
    catalog: Catalog
    language: str

    def __call__(self, key: str, **params: object) -> str:
        return self.catalog.text(key, self.language, **params)

    def plural(self, key: str, count: int, **params: object) -> str:
        """The one/other form of `key` for `count` (see `plural_key`), with `{count}` filled."""
        return self(plural_key(key, count), count=count, **params)

    def pick(self, text: Text) -> str:
        """The current language's version of a content text."""
        return text(self.language)
