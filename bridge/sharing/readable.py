"""The summary as text a person reads: for the coach after ``age -d``, and the client's preview.

The text is rendered from the payload alone (never from the client's data),
so it shows exactly what the payload holds.  Conventions, kept plain so the
text reads well both raw and in a Markdown viewer:

* ``# `` starts the title and ``## `` each section; items start with ``- ``;
* an area the client wants to talk about is wrapped in ``**…**`` (bold), and
  the bridge section then says so in one line ("Wat **vet** staat, …");
* dates are written out in the client's language ("3 mei 2026");
* a summarised history says so at the top, and where something was left out
  it says how much ("Oudere bruggen: alleen de stappen, één per maand. …").

Headings and sentences come from the catalog (keys ``share.text.*`` and
``share.preview.*`` in ``strings_sharing.json``); area names and step labels
from the bridge content.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date, datetime
from typing import TYPE_CHECKING, Any

from bridge.content import STEPS_PER_AREA, BridgeContent
from bridge.i18n import Translator, plural_key

if TYPE_CHECKING:
    from bridge.sharing.summary import Summary

__all__ = [
    "PreviewLine",
    "format_day",
    "local_day",
    "preview_lines",
    "readable_text",
    "summarised",
]


@dataclass(frozen=True)
class PreviewLine:
    """One sentence of the client's preview, and whether it tells of something that goes along.

    ``shared`` is False for what stays on the phone (a choice turned off, and
    figures that do not count for the programme), so the screen never ticks it.
    """

    text: str
    shared: bool


ARROW = " → "
NOTHING = "–"


def local_day(moment: datetime) -> str:
    """The client's calendar date of ``moment`` (as the screens show it), ISO format."""
    return moment.astimezone().date().isoformat()


def format_day(iso_day: str, t: Translator) -> str:
    """``"2026-05-03"`` as ``"3 mei 2026"`` / ``"3 May 2026"``."""
    day = date.fromisoformat(iso_day)
    return t("date.format", day=day.day, month=t(f"month.{day.month}"), year=day.year)


def _one_line(text: str) -> str:
    return " ".join(text.split())


def _bold(text: str) -> str:
    return f"**{text}**"


def _known(t: Translator, key: str, fallback: str) -> str:
    """A catalog text when the key exists (values from the goals part may be new)."""
    return t(key) if key in t.catalog.entries else fallback


class _Areas:
    def __init__(self, content: BridgeContent, t: Translator) -> None:
        self._content = content
        self._t = t
        self.order = {area_id: n for n, area_id in enumerate(content.area_ids)}

    def name(self, area_id: str) -> str:
        try:
            return self._t.pick(self._content.area(area_id).name)
        except KeyError:
            return area_id

    def label(self, area_id: str, step: int) -> str:
        try:
            return self._t.pick(self._content.area(area_id).step(step).label)
        except (KeyError, IndexError):
            return str(step)

    def sorted(self, area_ids: Sequence[str] | Mapping[str, Any]) -> list[str]:
        return sorted(area_ids, key=lambda a: (self.order.get(a, len(self.order)), a))


class _Texts:
    """The catalog's texts for one rendering, each looked up once: a long history has
    hundreds of check-in lines with the same few sentences, dates and results.

    ``fill(key, **params)`` is the same text as ``t(key, **params)``.
    """

    def __init__(self, t: Translator) -> None:
        self._t = t
        self._templates: dict[str, str] = {}
        self._known: dict[str, str | None] = {}
        self._days: dict[str, str] = {}

    def text(self, key: str) -> str:
        """``t(key)``: the text as the catalog holds it."""
        template = self._templates.get(key)
        if template is None:
            template = self._templates[key] = self._t(key)
        return template

    def fill(self, key: str, **params: object) -> str:
        return self.text(key).format(**params)

    def known(self, key: str, fallback: str) -> str:
        """As :func:`_known`: the catalog text when the key exists, else ``fallback``."""
        if key not in self._known:
            self._known[key] = self._t(key) if key in self._t.catalog.entries else None
        found = self._known[key]
        return fallback if found is None else found

    def day(self, iso_day: str) -> str:
        """As :func:`format_day`."""
        found = self._days.get(iso_day)
        if found is None:
            day = date.fromisoformat(iso_day)
            month = self.text(f"month.{day.month}")
            found = self.fill("date.format", day=day.day, month=month, year=day.year)
            self._days[iso_day] = found
        return found


def _bridge_lines(
    payload: Mapping[str, Any], areas: _Areas, t: Translator, texts: _Texts
) -> list[str]:
    bridge = payload["bridge"]
    latest = bridge["latest"]
    if latest is None:
        return ["", f"## {t('share.text.bridge_title')}", t("share.text.no_bridge")]
    discuss = set(payload.get("discuss", ()))
    priorities = set(payload.get("priorities", ()))
    lines = ["", f"## {t('share.text.bridge_heading', date=format_day(latest['date'], t))}"]
    if discuss:
        lines.append(t("share.text.bold_means"))
    for area_id in areas.sorted(latest["steps"]):
        step = latest["steps"][area_id]
        item = t(
            "share.text.area_step",
            area=areas.name(area_id),
            step=step,
            total=STEPS_PER_AREA,
            label=areas.label(area_id, step),
        )
        parts = [_bold(item) if area_id in discuss else item]
        if area_id in priorities:
            parts.append(t("share.text.priority"))
        helper = latest["helpers"].get(area_id)
        if helper is not None:
            parts.append(_known(t, f"share.text.helper.{helper}", helper))
        lines.append("- " + " · ".join(parts))

    history = bridge["history"]
    if len(history) > 1:
        lines += ["", f"## {t('share.text.history_heading')}"]
        dates = ", ".join(texts.day(entry["date"]) for entry in history)
        lines.append(t("share.text.history_dates", dates=dates))
        omitted = payload.get("omitted", {}).get("bridges", 0)
        if omitted:
            lines.append(t(plural_key("share.text.history_thinned", omitted), count=omitted))
        seen = {area_id for entry in history for area_id in entry["steps"]}
        for area_id in areas.sorted(list(seen)):
            steps = ARROW.join(str(entry["steps"].get(area_id, NOTHING)) for entry in history)
            lines.append("- " + t("share.text.history_area", area=areas.name(area_id), steps=steps))
    return lines


def _discuss_lines(payload: Mapping[str, Any], areas: _Areas, t: Translator) -> list[str]:
    lines = ["", f"## {t('share.text.discuss_heading')}"]
    chosen = areas.sorted(payload["discuss"])
    if not chosen:
        return [*lines, t("share.text.discuss_none")]
    return lines + ["- " + _bold(areas.name(area_id)) for area_id in chosen]


def _stress_lines(payload: Mapping[str, Any], t: Translator, texts: _Texts) -> list[str]:
    lines = ["", f"## {t('share.text.stress_heading')}"]
    if not payload["stress"]:
        return [*lines, t("share.text.stress_none")]
    omitted = payload.get("omitted", {}).get("stress", 0)
    if omitted:
        lines.append(t(plural_key("share.text.stress_thinned", omitted), count=omitted))
    return lines + [
        "- "
        + texts.fill("share.text.stress_line", date=texts.day(entry["date"]), level=entry["level"])
        for entry in payload["stress"]
    ]


def _goal_lines(
    payload: Mapping[str, Any], areas: _Areas, t: Translator, texts: _Texts
) -> list[str]:
    lines = ["", f"## {t('share.text.goals_heading')}"]
    if not payload["goals"]:
        return [*lines, t("share.text.goals_none")]
    for goal in payload["goals"]:
        title = _one_line(goal["title"]) or t("share.text.goal_untitled")
        status = texts.known(f"share.text.goal_status.{goal['status']}", goal["status"])
        lines.append(
            "- "
            + texts.fill(
                "share.text.goal", title=title, area=areas.name(goal["area_id"]), status=status
            )
        )
        omitted = goal.get("omitted_steps", 0)
        if omitted:
            key = "share.text.goal_title_only" if not goal["steps"] else "share.text.steps_omitted"
            lines.append("  - " + t(plural_key(key, omitted), count=omitted))
        for step in goal["steps"]:
            lines.append("  - " + texts.fill("share.text.goal_step", text=_one_line(step["text"])))
            earlier = step.get("omitted_check_ins", 0)
            if earlier:
                key = plural_key("share.text.check_ins_omitted", earlier)
                lines.append("    - " + t(key, count=earlier))
            for check_in in step["check_ins"]:
                when = texts.day(local_day(datetime.fromisoformat(check_in["at"])))
                result = texts.known(
                    f"share.text.check_in.{check_in['result']}", check_in["result"]
                )
                lines.append("    - " + texts.fill("share.text.check_in", date=when, result=result))
    return lines


def _note_lines(payload: Mapping[str, Any], areas: _Areas, t: Translator) -> list[str]:
    lines = ["", f"## {t('share.text.notes_heading')}"]
    notes = payload["notes"]
    if not notes:
        return [*lines, t("share.text.notes_none")]
    return lines + [
        "- " + t("share.text.note", area=areas.name(area_id), note=_one_line(notes[area_id]))
        for area_id in areas.sorted(notes)
    ]


def summarised(payload: Mapping[str, Any]) -> bool:
    """Whether something was left out of this payload to keep it small."""
    return "omitted" in payload or any(
        "omitted_steps" in goal or any("omitted_check_ins" in step for step in goal["steps"])
        for goal in payload.get("goals", ())
    )


def readable_text(payload: Mapping[str, Any], content: BridgeContent, t: Translator) -> str:
    """The payload as text in ``t``'s language (see the module docs for the layout)."""
    areas = _Areas(content, t)
    texts = _Texts(t)
    lines = [
        f"# {t('share.text.title')}",
        t(
            "share.text.made_on",
            date=format_day(local_day(datetime.fromisoformat(payload["created_at"])), t),
        ),
        t("share.text.client_code", code=payload["client_id"]),
    ]
    if summarised(payload):
        lines.append(t("share.text.shortened"))
    if "bridge" in payload:
        lines += _bridge_lines(payload, areas, t, texts)
    if "discuss" in payload:
        lines += _discuss_lines(payload, areas, t)
    if "stress" in payload:
        lines += _stress_lines(payload, t, texts)
    if "goals" in payload:
        lines += _goal_lines(payload, areas, t, texts)
    if "notes" in payload:
        lines += _note_lines(payload, areas, t)
    consent = (
        "share.text.consent_yes"
        if payload["consent_programme_figures"]
        else "share.text.consent_no"
    )
    lines += ["", f"## {t('share.text.consent_heading')}", t(consent)]
    return "\n".join(lines) + "\n"


def preview_lines(summary: Summary, t: Translator) -> list[PreviewLine]:
    """Plain sentences for the client's preview: first what is shared, then what is not."""
    payload = summary.payload
    shared: list[str] = []
    off: list[str] = []
    if "bridge" in payload:
        latest = payload["bridge"]["latest"]
        if latest is None:
            shared.append(t("share.preview.no_bridge"))
        else:
            shared.append(t("share.preview.bridge", date=format_day(latest["date"], t)))
            earlier = len(payload["bridge"]["history"]) - 1
            if earlier > 0:
                shared.append(t(plural_key("share.preview.history", earlier), count=earlier))
    else:
        off.append(t("share.preview.off.bridge"))
    if "stress" in payload:
        shared.append(
            t("share.preview.stress" if payload["stress"] else "share.preview.stress_none")
        )
    else:
        off.append(t("share.preview.off.stress"))
    if "goals" in payload:
        count = len(payload["goals"])
        shared.append(
            t(plural_key("share.preview.goals", count), count=count)
            if count
            else t("share.preview.goals_none")
        )
    else:
        off.append(t("share.preview.off.goals"))
    if "discuss" in payload:
        names = [summary.area_names.get(a, a) for a in payload["discuss"]]
        shared.append(
            t("share.preview.discuss", areas=", ".join(names))
            if names
            else t("share.preview.discuss_none")
        )
    else:
        off.append(t("share.preview.off.discuss"))
    if "notes" in payload:
        count = len(payload["notes"])
        shared.append(
            t(plural_key("share.preview.notes", count), count=count)
            if count
            else t("share.preview.notes_none")
        )
    else:
        off.append(t("share.preview.off.notes"))
    if summarised(payload):
        shared.append(t("share.preview.shortened"))
    consenting = payload["consent_programme_figures"] is True
    consent = "share.preview.consent_yes" if consenting else "share.preview.consent_no"
    return [
        *(PreviewLine(text, shared=True) for text in shared),
        *(PreviewLine(text, shared=False) for text in off),
        PreviewLine(t(consent), shared=consenting),
    ]
