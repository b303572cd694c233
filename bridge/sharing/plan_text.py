"""The plan as text a person reads: at the top of the sealed file, so ``age -d`` shows it.

Made from the plan alone, in the translator's language, with the conventions
of the summary's text (:mod:`bridge.sharing.readable`): ``# `` for the title,
``## `` for each part, dates written out. Headings and sentences come from
``strings_plan_text.json`` (keys ``plan.text.*``); area names and step labels
from the bridge content::

    # Wat we afspraken
    Gesprek van 3 mei 2026.

    ## De stappen
    1. Maandag de woningcorporatie bellen (Wonen)

    ## Van je coach
    Je hebt deze maand veel gedaan.

    ## Volgende afspraak
    12 mei 2026.

    ## Hoe je coach het ziet                      (only when the client wanted it)
    - Wonen: stap 3 van 5 (Het gaat redelijk)
"""

from __future__ import annotations

from bridge.content import STEPS_PER_AREA, BridgeContent
from bridge.i18n import Translator
from bridge.sharing.plan_types import Plan, check_plan
from bridge.sharing.readable import format_day

__all__ = ["readable_plan_text"]


def _area_name(content: BridgeContent, t: Translator, area_id: str) -> str:
    try:
        return t.pick(content.area(area_id).name)
    except KeyError:
        return area_id


def _step_label(content: BridgeContent, t: Translator, area_id: str, step: int) -> str:
    try:
        return t.pick(content.area(area_id).step(step).label)
    except (KeyError, IndexError):
        return str(step)


def readable_plan_text(plan: Plan, content: BridgeContent, t: Translator) -> str:
    """The plan as plain text, ending with a line break (see the module docs).

    The text of the plan as it is sealed: tidied by :func:`check_plan` first
    (PlanError ``invalid`` when the plan breaks a rule).
    """
    plan = check_plan(plan)
    lines = [
        f"# {t('plan.text.title')}",
        t("plan.text.session", date=format_day(plan.session_date.isoformat(), t)),
        "",
        f"## {t('plan.text.steps_heading')}",
    ]
    for number, step in enumerate(plan.steps, start=1):
        if step.area_id is None:
            lines.append(t("plan.text.step", number=number, text=step.text))
        else:
            area = _area_name(content, t, step.area_id)
            lines.append(t("plan.text.step_area", number=number, text=step.text, area=area))
    if plan.recognition:
        lines += ["", f"## {t('plan.text.recognition_heading')}", plan.recognition]
    lines += ["", f"## {t('plan.text.next_heading')}"]
    if plan.next_meeting is None:
        lines.append(t("plan.text.next_none"))
    else:
        lines.append(t("plan.text.next", date=format_day(plan.next_meeting.isoformat(), t)))
    if plan.coach_view:
        lines += ["", f"## {t('plan.text.coach_view_heading')}", t("plan.text.coach_view_help")]
        order = {area_id: n for n, area_id in enumerate(content.area_ids)}
        for area_id in sorted(plan.coach_view, key=lambda a: (order.get(a, len(order)), a)):
            level = plan.coach_view[area_id]
            item = t(
                "plan.text.coach_view_area",
                area=_area_name(content, t, area_id),
                step=level,
                total=STEPS_PER_AREA,
                label=_step_label(content, t, area_id, level),
            )
            lines.append(f"- {item}")
    lines += ["", t("plan.text.footer")]
    return "\n".join(lines) + "\n"
