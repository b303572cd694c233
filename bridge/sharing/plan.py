"""The agreed plan, back to the client (issue 11): what coach and client agreed in a session.

The coach's app seals it to the client's own age key (the ``client_recipient``
of their latest summary) and signs it with the coach's key the client got when
pairing; the client's app opens it only when a paired coach signed it for them.
It opens with ``age -d`` too: the readable text comes first.

* :mod:`~bridge.sharing.plan_types` — :class:`Plan`, :class:`AgreedStep`, the
  rules (:func:`check_plan`) and every refusal (:class:`PlanError`);
* :mod:`~bridge.sharing.plan_payload` — the plan as versioned JSON;
* :mod:`~bridge.sharing.plan_text` — the plan as text (:func:`readable_plan_text`);
* :mod:`~bridge.sharing.plan_envelope` — :func:`seal_plan` and :func:`open_plan`;
* :mod:`~bridge.sharing.plans` — the plans kept on the client's phone.

Typical use::

    # the coach's laptop
    plan = check_plan(Plan(client_id, date.today(), (AgreedStep("Maandag bellen", "housing"),)))
    text = readable_plan_text(plan, content, t)
    armored = seal_plan(plan, coach_identity(repo), store.client_recipient(client_id), text)
    # the client's phone
    opened = open_plan(armored, client_identity(repo), coaches(repo))
    save_plan(repo, opened)
"""

from __future__ import annotations

from bridge.sharing.plan_envelope import (
    MAX_SIZE,
    PLAN_ENVELOPE_FORMAT,
    PLAN_ENVELOPE_VERSION,
    open_plan,
    seal_plan,
)
from bridge.sharing.plan_payload import (
    PLAN_FORMAT,
    PLAN_VERSION,
    plan_from_payload,
    plan_to_payload,
)
from bridge.sharing.plan_text import readable_plan_text
from bridge.sharing.plan_types import (
    ERROR_CODES,
    MAX_STEPS,
    RECOGNITION_MAX_CHARS,
    STEP_MAX_CHARS,
    AgreedStep,
    OpenedPlan,
    Plan,
    PlanError,
    check_plan,
)

__all__ = [
    "ERROR_CODES",
    "MAX_SIZE",
    "MAX_STEPS",
    "PLAN_ENVELOPE_FORMAT",
    "PLAN_ENVELOPE_VERSION",
    "PLAN_FORMAT",
    "PLAN_VERSION",
    "RECOGNITION_MAX_CHARS",
    "STEP_MAX_CHARS",
    "AgreedStep",
    "OpenedPlan",
    "Plan",
    "PlanError",
    "check_plan",
    "open_plan",
    "plan_from_payload",
    "plan_to_payload",
    "readable_plan_text",
    "seal_plan",
]
