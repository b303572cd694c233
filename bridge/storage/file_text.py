"""The JSON text of the data file, made again only where records changed (for the repository).

A save writes the whole file, but most of it is the same as last time: the text of each
record is kept with the record it came from (records are never changed in place; a change
is a new dict), and so is the text of each whole table. So a save encodes the changed
records and joins the table they are in, and the result is still `JsonCodec().encode(data)`
byte for byte.
"""

from __future__ import annotations

import json
from typing import Any

Record = dict[str, Any]
Table = dict[str, Record]
Tables = dict[str, Table]


def dumps(value: Any) -> str:
    """JSON text exactly as `JsonCodec` writes it (same separators, UTF-8 kept)."""
    return json.dumps(value, ensure_ascii=False, separators=(",", ":"))


def plain(record: Record) -> tuple[Record, str]:
    """A private, JSON-shaped copy (tuples become lists, as after a reload), and its JSON
    text as the file keeps it; refuses non-JSON with ValueError.

    The text is the copy's own `dumps` (only a dict whose keys differ just as JSON, such as
    1 and "1", would differ, and its text still reads back as the copy; records have text keys).
    """
    try:
        text = dumps(record)
        copied = json.loads(text)
    except (TypeError, ValueError) as exc:
        raise ValueError(f"a record that cannot be stored: {exc}") from exc
    if not isinstance(copied, dict):
        raise ValueError("a record is not an object")
    return copied, text


class FileText:
    """The kept text; not thread-safe (the repository calls it under its lock)."""

    def __init__(self) -> None:
        # table -> document id -> (the record, `"doc_id":{record}`)
        self._documents: dict[str, dict[str, tuple[Record, str]]] = {}
        # table -> (the table, `"table":{...}`)
        self._tables: dict[str, tuple[Table, str]] = {}
        # Records about to be saved, by id(), with the text `plain` made of them.
        self._fresh: dict[int, tuple[Record, str]] = {}

    def remember(self, made: tuple[Record, str]) -> Record:
        """The record of `plain`; its text is used when it is written next."""
        record, _ = made
        self._fresh[id(record)] = made
        return record

    def _document(self, name: str, doc_id: str, record: Record) -> str:
        hit = self._documents.get(name, {}).get(doc_id)
        if hit is None or hit[0] is not record:
            fresh = self._fresh.get(id(record))
            text = fresh[1] if fresh is not None and fresh[0] is record else dumps(record)
            hit = (record, f"{dumps(doc_id)}:{text}")
            self._documents.setdefault(name, {})[doc_id] = hit
        return hit[1]

    def encode(self, data: Tables) -> bytes:
        """`JsonCodec().encode(data)`, byte for byte."""
        texts: dict[str, tuple[Table, str]] = {}
        for name, table in data.items():
            kept = self._tables.get(name)
            if kept is None or kept[0] is not table:
                documents = self._documents.get(name, {})
                for gone in [d for d in documents if d not in table]:
                    del documents[gone]
                joined = ",".join(self._document(name, d, r) for d, r in table.items())
                kept = (table, f"{dumps(name)}:{{{joined}}}")
            texts[name] = kept
        for gone in [n for n in self._documents if n not in data]:
            del self._documents[gone]
        self._tables = texts
        self._fresh = {}
        return ("{" + ",".join(text for _, text in texts.values()) + "}").encode("utf-8")

    def clear(self) -> None:
        self._documents, self._tables, self._fresh = {}, {}, {}
