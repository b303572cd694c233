"""Dates and short value lines in the person's language, shared by several screens."""

from __future__ import annotations

from datetime import date, datetime
from typing import TYPE_CHECKING

from bridge.domain.assessment import Assessment

if TYPE_CHECKING:
    from bridge.ui.app import BridgeApp


def format_date(app: BridgeApp, moment: datetime | date) -> str:
    """'22 november 2026': a moment in the person's own time zone, or a calendar day."""
    local = moment.astimezone() if isinstance(moment, datetime) else moment
    month = app.t(f"month.{local.month}")
    return app.t("date.format", day=local.day, month=month, year=local.year)


def stress_line(app: BridgeApp, assessment: Assessment) -> str:
    if assessment.stress is None:
        return app.t("stress.not_given")
    return app.t("stress.value", n=assessment.stress)
