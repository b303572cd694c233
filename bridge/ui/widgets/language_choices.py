"""The language cards on first start, the lock screen and in settings."""

from __future__ import annotations

from typing import TYPE_CHECKING

import flet as ft

from bridge.content import LANGUAGES
from bridge.ui.widgets.choice_card import ChoiceCard

if TYPE_CHECKING:
    from bridge.ui.app import BridgeApp


def language_choices(app: BridgeApp) -> list[ft.Control]:
    return [
        ChoiceCard(
            app.t(f"language.{lang}"),
            None,
            selected=app.language == lang,
            on_select=lambda lang=lang: app.set_language(lang),  # type: ignore[misc]
        ).control
        for lang in LANGUAGES
    ]
