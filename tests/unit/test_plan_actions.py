"""The client's side of the coach's plan without a page: opening and keeping it, refusals that
store nothing, the coach's view in words, and an agreed step starting a goal of the client's own."""

from __future__ import annotations

import hashlib
from collections.abc import Iterator
from datetime import UTC, date, datetime
from pathlib import Path

import pytest

from bridge.coach.identity import CoachIdentity
from bridge.content import load_bridge
from bridge.crypto import X25519Identity
from bridge.domain.goals import Goal
from bridge.i18n import Translator, load_catalog
from bridge.sharing import client_identity, pair_coach
from bridge.sharing.plan import AgreedStep, Plan, PlanError, readable_plan_text, seal_plan
from bridge.sharing.plans import plans
from bridge.storage import goals_store
from bridge.storage.repository import Repository, open_repository
from bridge.ui.messages import message_for
from bridge.ui.plan_actions import (
    coach_view_lines,
    import_plan,
    import_state,
    pasted_plans,
    save_new_goal,
    start_goal,
    suggested_order,
    suggestion_for,
)
from bridge.ui.shell.state import GoalSuggestion

CONTENT = load_bridge()
T = Translator(load_catalog(), "nl")
NOW = datetime(2026, 12, 2, 10, 0, tzinfo=UTC)


def _seed(name: str) -> bytes:
    return hashlib.sha256(name.encode()).digest()


COACH = CoachIdentity(X25519Identity(_seed("coach age")), _seed("coach signing"))
OTHER = CoachIdentity(X25519Identity(_seed("other age")), _seed("other signing"))


@pytest.fixture
def repo(tmp_path: Path) -> Iterator[Repository]:
    r = open_repository(tmp_path / "data")
    yield r
    r.close()


def a_plan(repo: Repository, **changes: object) -> Plan:
    fields: dict[str, object] = {
        "client_id": client_identity(repo).client_id,
        "session_date": date(2026, 12, 1),
        "steps": (AgreedStep("Bellen met de woningcorporatie", "housing"), AgreedStep("Wandelen")),
        "recognition": "Je hebt de brieven zelf opengemaakt. Knap.",
        "next_meeting": date(2026, 12, 15),
    }
    fields.update(changes)
    return Plan(**fields)  # type: ignore[arg-type]


def sealed(repo: Repository, plan: Plan, coach: CoachIdentity = COACH) -> str:
    me = client_identity(repo)
    return seal_plan(plan, coach, me.recipient, readable_plan_text(plan, CONTENT, T))


def paired(repo: Repository, coach: CoachIdentity = COACH, name: str = "Marieke") -> None:
    pair_coach(repo, name, coach.pairing_text)


def test_a_plan_from_the_paired_coach_is_opened_and_kept_once(repo: Repository) -> None:
    paired(repo)
    plan = a_plan(repo)
    armored = sealed(repo, plan)
    first = import_plan(repo, armored, NOW)
    assert first.new and first.opened.plan == plan
    kept = plans(repo)
    assert [p.plan_id for p in kept] == [first.opened.plan_id]
    assert kept[0].coach_name == "Marieke"
    again = import_plan(repo, armored, NOW)  # the same plan twice: kept once
    assert not again.new
    assert len(plans(repo)) == 1


def test_a_plan_signed_by_another_coach_is_refused_and_nothing_is_kept(repo: Repository) -> None:
    paired(repo)
    armored = sealed(repo, a_plan(repo), coach=OTHER)
    with pytest.raises(PlanError) as refused:
        import_plan(repo, armored, NOW)
    assert refused.value.code == "unknown_coach"
    assert plans(repo) == []
    # The words the client reads, in their language, from the catalog.
    text = message_for(T, refused.value, "plan.import.failed")
    assert text != T("plan.import.failed")


def test_a_pasted_plan_is_found_inside_a_message() -> None:
    block = "-----BEGIN AGE ENCRYPTED FILE-----\nabc\n-----END AGE ENCRYPTED FILE-----"
    assert pasted_plans(f"Hoi, hier is je plan:\n{block}\nGroet") == [block]
    assert pasted_plans("  \n ") == []
    assert pasted_plans("iets anders") == ["iets anders"]  # opened, so its refusal is said
    assert pasted_plans(block + "\n" + block) == [block, block]  # the screen asks for one


def test_the_paste_is_kept_per_session() -> None:
    class Session:
        pass

    one, other = Session(), Session()
    import_state(one).text = "geplakt"
    assert import_state(one).text == "geplakt"
    assert import_state(other).text == ""


def test_the_coach_view_is_said_per_area_in_the_bridges_order() -> None:
    plan = Plan(
        client_id="c",
        session_date=date(2026, 12, 1),
        steps=(AgreedStep("x"),),
        coach_view={"debts": 2, "housing": 4, "no_such_area": 3},
    )
    housing, debts = CONTENT.area("housing"), CONTENT.area("debts")
    lines = coach_view_lines(plan, CONTENT, T)
    assert lines == [
        T("plan.coach_view_line", area=T.pick(a.name), n=n, label=T.pick(a.step(n).label))
        for a, n in sorted(
            [(housing, 4), (debts, 2)], key=lambda pair: CONTENT.area_ids.index(pair[0].id)
        )
    ]
    assert (
        coach_view_lines(
            Plan(client_id="c", session_date=date(2026, 12, 1), steps=(AgreedStep("x"),)),
            CONTENT,
            T,
        )
        == []
    )


def test_the_steps_area_is_offered_first() -> None:
    order = ["work", "housing", "debts"]
    step = GoalSuggestion("p", 0, "Bellen", "debts")
    assert suggested_order(order, step) == ["debts", "work", "housing"]
    assert suggested_order(order, GoalSuggestion("p", 0, "Bellen", None)) == order
    assert suggested_order(order, GoalSuggestion("p", 0, "Bellen", "unknown")) == order
    assert suggested_order(order, None) == order


def test_an_agreed_step_starts_a_goal_in_the_clients_editable_words(repo: Repository) -> None:
    paired(repo)
    opened = import_plan(repo, sealed(repo, a_plan(repo)), NOW).opened
    received = plans(repo)[0]
    suggestion = suggestion_for(received, 0)
    assert suggestion == GoalSuggestion(
        opened.plan_id, 0, "Bellen met de woningcorporatie", "housing"
    )
    goal = start_goal(Goal.start("housing", NOW, CONTENT.area_ids), suggestion)
    assert goal.answers.desire == "Bellen met de woningcorporatie"  # the starting text
    assert goal.answers.step is None  # nothing else is filled in for the client
    save_new_goal(repo, goal, suggestion)
    assert goals_store.goal(repo, goal.id) == goal
    assert plans(repo)[0].used == frozenset({0})
    assert plans(repo)[0].goal_of_step == {0: goal.id}
    # Without a suggestion: the usual new goal, nothing marked.
    plain = Goal.start("work", NOW, CONTENT.area_ids)
    assert start_goal(plain, None) == plain
    save_new_goal(repo, plain, None)
    assert plans(repo)[0].used == frozenset({0})
    # The client drops the goal the step became: the step can be chosen again.
    goals_store.remove_goal(repo, goal.id)
    ids = {g.id for g in goals_store.goals(repo)}
    assert plans(repo)[0].steps_in_use(ids) == frozenset()
