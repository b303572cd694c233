"""What the import screen says about each imported item, in the coach's words (no Flet).

One line per item (a file's name or "Geplakt 1"), its verdict in plain words, and a line that
counts the batch ("3 van 5 geïmporteerd"). A refused item says its own reason: the error's
`message_key` and `params` from the catalogs, or a calm general text if the key is unknown.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from enum import Enum

from bridge.coach.types import LABEL_MAX_CHARS, ImportResult, Verdict
from bridge.i18n import Translator
from bridge.ui.messages import message_for

#: What a refused item says when its error has no text of its own.
FALLBACK = "coach_import.error.unknown"
#: The verdicts that filed the summary.
IMPORTED = frozenset({Verdict.ADDED, Verdict.ADDED_OLDER})
#: The verdicts that wait for the coach: a label, or a check in person.
WAITING = frozenset({Verdict.NEW_CLIENT, Verdict.SIGNER_CHANGED})


class Tone(Enum):
    """How a line looks: the words carry the meaning, the icon and colour only help."""

    DONE = "done"
    KEPT = "kept"
    SAME = "same"
    WAITING = "waiting"
    WARNING = "warning"
    REFUSED = "refused"


@dataclass(frozen=True)
class Line:
    text: str
    tone: Tone


def reason(t: Translator, error: BaseException | None) -> str:
    """The error's own message from the catalogs (`message_for`); never raw English or a key."""
    if error is None:
        return t(FALLBACK)
    return message_for(t, error, FALLBACK)


def client_label(t: Translator, result: ImportResult) -> str:
    return result.label or t("coach_import.unknown_client")


def verdict_line(t: Translator, result: ImportResult) -> Line:
    """The result of one item, starting with its name."""
    name = result.name
    verdict = result.verdict
    if verdict is Verdict.ADDED:
        return Line(
            t("coach_import.verdict.added", name=name, label=client_label(t, result)), Tone.DONE
        )
    if verdict is Verdict.ADDED_OLDER:
        text = t("coach_import.verdict.added_older", name=name, label=client_label(t, result))
        return Line(text, Tone.KEPT)
    if verdict is Verdict.DUPLICATE:
        if result.label:
            text = t("coach_import.verdict.duplicate", name=name, label=result.label)
        else:
            text = t("coach_import.verdict.duplicate_unknown", name=name)
        return Line(text, Tone.SAME)
    if verdict is Verdict.NEW_CLIENT:
        return Line(t("coach_import.verdict.new_client", name=name), Tone.WAITING)
    if verdict is Verdict.SIGNER_CHANGED:
        return Line(t("coach_import.verdict.signer_changed", name=name), Tone.WARNING)
    text = t("coach_import.verdict.refused", name=name, reason=reason(t, result.error))
    return Line(text, Tone.REFUSED)


def old_format_line(t: Translator, name: str) -> Line:
    """An old summary (envelope version 1) names no coach: it could have been passed on."""
    return Line(t("coach_import.old_format", name=name), Tone.WARNING)


def summary_text(t: Translator, results: Sequence[ImportResult]) -> str:
    """'3 van 5 samenvattingen geïmporteerd'."""
    imported = sum(1 for r in results if r.verdict in IMPORTED)
    return t.plural("coach_import.summary", len(results), imported=imported)


def waiting_text(t: Translator, count: int) -> str | None:
    """How many summaries wait for the coach (a new client's label, a changed key), if any:
    also those of an earlier batch, whose cards are still on the screen."""
    return t.plural("coach_import.waiting", count) if count else None


def pasted_name(t: Translator, number: int) -> str:
    """The name of a pasted summary in the result lines: 'Geplakt 1', 'Geplakt 2', ..."""
    return t("coach_import.pasted_name", n=number)


def label_problem(t: Translator, label: str) -> str | None:
    """What is wrong with a client's label, or None. Too long is said, never cut."""
    trimmed = label.strip()
    if not trimmed:
        return t("coach_import.new.label_missing")
    if len(trimmed) > LABEL_MAX_CHARS:
        return t("coach_import.new.label_too_long", count=len(trimmed), max=LABEL_MAX_CHARS)
    return None


def shown_lines(
    t: Translator,
    results: Sequence[ImportResult],
    old_format: frozenset[int] = frozenset(),
    limit: int = 200,
) -> tuple[list[Line], int]:
    """The lines to show and how many good ones were left out past `limit`.

    What needs the coach's eye comes first, in the batch's order: every refused or waiting
    item, and an old (version 1) summary with its warning; then the ones that went well, up
    to `limit`, so three bad files among hundreds are seen at once and a batch of thousands
    stays a readable page. `old_format` holds the positions of old summaries.
    """
    first: list[Line] = []
    rest: list[Line] = []
    left_out = 0
    for index, result in enumerate(results):
        calm = result.verdict in IMPORTED or result.verdict is Verdict.DUPLICATE
        if calm and index not in old_format:
            if len(rest) < limit:
                rest.append(verdict_line(t, result))
            else:
                left_out += 1
            continue
        first.append(verdict_line(t, result))
        if index in old_format:
            first.append(old_format_line(t, result.name))
    return first + rest, left_out
