"""The layout both sealed files share: readable text first, then the signed data as JSON.

Used by :mod:`bridge.sharing.envelope` (a summary, client → coach) and
:mod:`bridge.sharing.plan_envelope` (a plan, coach → client). The age plaintext
is the text, ``"\\n" + SEPARATOR + "\\n"``, the signed data as compact JSON on one
line and a newline. The text is everything before the *last* separator line:
JSON cannot hold that line (it escapes newlines inside strings), so the split
is unambiguous.

What is signed is ``context + canonical JSON`` where canonical is
``json.dumps(sort_keys=True, separators=(",", ":"), ensure_ascii=False)`` in
UTF-8. Reading is strict: a key twice in one object, ``NaN`` or ``Infinity``,
text that is not UTF-8 or base64 that is not canonical are all refused.
"""

from __future__ import annotations

import base64
import binascii
import json
from collections.abc import Mapping
from typing import Any

__all__ = [
    "SEPARATOR",
    "SPLIT",
    "as_bytes",
    "b64",
    "canonical_json",
    "exact_b64",
    "sealed_plaintext",
    "sealed_plaintext_ending",
    "signed_bytes",
    "split_signed",
    "strict_json",
    "utf8",
]

SEPARATOR = "-----BEGIN BRIDGE SIGNED DATA-----"
SPLIT = "\n" + SEPARATOR + "\n"


def b64(data: bytes) -> str:
    return base64.b64encode(data).decode("ascii")


def canonical_json(value: Any) -> str:
    """The canonical JSON text of ``value`` (keys sorted, no spaces, not ASCII-escaped)."""
    return json.dumps(value, sort_keys=True, separators=(",", ":"), ensure_ascii=False)


def utf8(text: str) -> bytes:
    """``text`` in UTF-8; ValueError for lone surrogates (from ``\\ud800``-style escapes)."""
    try:
        return text.encode("utf-8")
    except UnicodeEncodeError as exc:
        raise ValueError("the text holds characters that are not valid Unicode") from exc


def signed_bytes(context: bytes, parts: Mapping[str, str]) -> bytes:
    """``context + canonical({key: value})`` from each value's canonical JSON text.

    The same bytes as ``context + utf8(canonical_json(body))``, made from parts
    already encoded, so a large payload is not encoded twice.
    """
    body = ",".join(f"{canonical_json(key)}:{parts[key]}" for key in sorted(parts))
    return context + utf8("{" + body + "}")


def sealed_plaintext(text: str, data: Mapping[str, Any]) -> bytes:
    """The plaintext to encrypt: the text, the separator, the signed data compact on one line."""
    signed = json.dumps(data, ensure_ascii=False, separators=(",", ":"))
    return utf8(text + SPLIT + signed + "\n")


def sealed_plaintext_ending(text: str, data: Mapping[str, Any], last: str, last_json: str) -> bytes:
    """``sealed_plaintext(text, {**data, last: value})`` from ``last_json``, the value as
    compact JSON (``json.dumps(value, ensure_ascii=False, separators=(",", ":"))``): the
    same bytes, for a large last field already encoded. ``last`` must not be in ``data``."""
    if last in data:
        raise ValueError(f"{last!r} is already in the data")
    head = json.dumps(data, ensure_ascii=False, separators=(",", ":"))[:-1]
    key = json.dumps(last, ensure_ascii=False)
    signed = f"{head}{',' if data else ''}{key}:{last_json}}}"
    return utf8(text + SPLIT + signed + "\n")


def _no_duplicates(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    result = dict(pairs)
    if len(result) != len(pairs):  # a key came twice
        raise ValueError("duplicate key")
    return result


def _no_constants(name: str) -> Any:
    raise ValueError(f"{name} is not allowed")


def strict_json(text: str) -> Any:
    """Parsed JSON; ValueError for bad JSON, a key twice, NaN/Infinity or nesting too deep."""
    try:
        return json.loads(text, object_pairs_hook=_no_duplicates, parse_constant=_no_constants)
    except RecursionError:
        raise ValueError("the JSON is nested too deep") from None


def split_signed(plaintext: bytes) -> tuple[str | None, str]:
    """The readable text (None when there is no separator) and the signed data's JSON text.

    ValueError when the plaintext is not UTF-8.
    """
    decoded = plaintext.decode("utf-8")  # UnicodeDecodeError is a ValueError
    text, found, signed = decoded.rpartition(SPLIT)
    if not found:
        return None, decoded
    return text, signed


def exact_b64(value: object, size: int) -> bytes | None:
    """The bytes of canonical base64 ``value`` of exactly ``size`` bytes, else None."""
    if not isinstance(value, str):
        return None
    try:
        raw = base64.b64decode(value.encode("ascii"), validate=True)
    except (binascii.Error, UnicodeEncodeError, ValueError):
        return None
    if len(raw) != size or b64(raw) != value:
        return None
    return raw


def as_bytes(data: bytes | str) -> bytes:
    """What was pasted (text, surrounding space removed) or read from a file, as bytes."""
    if isinstance(data, str):
        return data.strip().encode("utf-8", errors="replace")
    if isinstance(data, bytes | bytearray | memoryview):
        return bytes(data)
    raise TypeError("a sealed file is bytes or text")
