"""A confirm dialog closes with either of its buttons, on a phone that has no Escape key."""

from __future__ import annotations

import re

from playwright.sync_api import expect

from tests.e2e.harness import AppServer, Person
from tests.e2e.test_goals_flow import new_goal, start

FINISH_QUESTION = "Wil je dit doel afronden? Je stappen blijven bewaard."


def dialog_button(person: Person, name: str) -> None:
    """The dialog's own button (the screen behind it may have one with the same name)."""
    person.page.get_by_role("button", name=name).last.evaluate("el => el.click()")


def test_finishing_a_goal_closes_the_dialog_with_either_button(phone: Person, server: AppServer):
    start(phone)
    new_goal(phone, "Wonen", "een rustig huis")
    phone.see_button("Afronden")

    # Cancel: the dialog goes, the goal stays active.
    phone.tap("Afronden")
    phone.see(FINISH_QUESTION)
    dialog_button(phone, "Annuleren")
    expect(phone.text(FINISH_QUESTION)).to_have_count(0)
    phone.see_button("Pauzeren")

    # Finish: the dialog goes and the goal is finished behind it.
    phone.tap("Afronden")
    phone.see(FINISH_QUESTION)
    phone.shot("finish-confirm")
    dialog_button(phone, "Afronden")
    expect(phone.text(FINISH_QUESTION)).to_have_count(0)
    expect(phone.button("Pauzeren")).to_have_count(0)
    phone.shot("finished")
    # The screen still answers taps: back to the list, where the goal shows as finished.
    phone.tap("Terug")
    phone.see("Mijn doelen")
    expect(phone.text(re.compile("een rustig huis"))).not_to_have_count(0)
