"""The share screen, when a summary does not fit: it says so and offers a way out."""

from __future__ import annotations

from dataclasses import dataclass, field

import flet as ft
import pytest

from bridge.i18n import Translator
from bridge.sharing import SummaryChoices
from bridge.sharing.summary import SummaryTooBigError
from bridge.ui import theme
from bridge.ui.screens import share
from bridge.ui.shell.state import SharingState

from .helpers import t


@dataclass
class FakeApp:
    """What the notice uses of the app: texts, the share choices, and navigation."""

    t: Translator
    sharing: SharingState = field(default_factory=SharingState)
    went: list[str] = field(default_factory=list)

    def go(self, route: str) -> None:
        self.went.append(route)


def _texts(controls):
    return [c.value for c in controls if isinstance(c, ft.Text)]


def _buttons(controls):
    return {c.content.value: c for c in controls if isinstance(c, ft.OutlinedButton)}


@pytest.mark.parametrize("language", ["nl", "en"])
def test_it_says_the_summary_does_not_fit_and_offers_each_way_out(language):
    app = FakeApp(t(language), SharingState(choices=SummaryChoices(notes=True)))
    error = SummaryTooBigError(300_000, 250_000, ("notes", "goals"))
    controls = share.too_big_notice(app, error)  # type: ignore[arg-type]
    assert app.t("share.error.too_big") in _texts(controls)
    buttons = _buttons(controls)
    assert set(buttons) == {app.t("share.way_out.notes"), app.t("share.way_out.goals")}
    assert all(b.height >= 48 for b in buttons.values())  # named by their text, big enough

    buttons[app.t("share.way_out.notes")].on_click(None)
    assert app.sharing.choices == SummaryChoices(notes=False)
    assert app.went == ["/share"]
    buttons[app.t("share.way_out.goals")].on_click(None)
    assert app.sharing.choices == SummaryChoices(notes=False, goals=False)


def test_without_a_single_way_out_it_says_to_switch_a_few_things_off():
    app = FakeApp(t("nl"))
    controls = share.too_big_notice(app, SummaryTooBigError(900_000, 250_000, ()))  # type: ignore[arg-type]
    assert _texts(controls) == [
        "Deze samenvatting is te groot om te delen, ook ingekort. Er is niets gemaakt.",
        "Zet een paar dingen hierboven uit. Probeer het dan opnieuw.",
    ]
    assert controls[0].color == theme.ERROR
    assert not _buttons(controls)
