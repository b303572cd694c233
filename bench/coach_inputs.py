"""Seeded inputs for the coach benchmark: many clients, each with a history of sealed summaries.

Each client gets one history (monthly bridges with stress, goals with steps and
check-ins); summary ``k`` is what the client's app would share at that moment
(everything up to then), made by the app's own code: the payload is checked by
``validate_payload`` when opened, the readable text comes from
``readable_text``, and ``seal_summary`` signs it with the client's key and
encrypts it to the coach. The armored files are cached in a temporary folder,
so a second run does not make them again.
"""

from __future__ import annotations

import hashlib
import os
import random
import shutil
import tempfile
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

from bridge.content import load_bridge
from bridge.crypto import X25519Identity
from bridge.i18n import Translator, load_catalog
from bridge.sharing import ClientIdentity, SummaryChoices, seal_summary
from bridge.sharing.payload import PAYLOAD_FORMAT, PAYLOAD_VERSION
from bridge.sharing.readable import readable_text
from bridge.sharing.summary import Summary

__all__ = ["FULL", "QUICK", "SEED", "Scale", "client_key", "coach_key", "inputs"]

SEED = 20261202
STEPS_PER_GOAL = 6
CONTENT = load_bridge()
AREAS = CONTENT.area_ids
T0 = datetime(2021, 1, 4, 10, 0, tzinfo=UTC)
_WORDS = [
    "ik",
    "wil",
    "de",
    "brief",
    "van",
    "de",
    "woningcorporatie",
    "lezen",
    "en",
    "dan",
    "bellen",
    "met",
    "mijn",
    "zus",
    "over",
    "het",
    "geld",
    "de",
    "huur",
    "de",
    "school",
    "van",
    "de",
    "kinderen",
    "mijn",
    "werk",
    "een",
    "afspraak",
    "bij",
    "de",
    "dokter",
    "rustig",
    "slapen",
    "samen",
    "eten",
    "wandelen",
    "sparen",
    "hulp",
    "vragen",
]


@dataclass(frozen=True)
class Scale:
    name: str
    clients: int
    summaries: int  # per client, spread over the months
    months: int  # one bridge a month
    goals: int
    check_ins: int


FULL = Scale("full", 500, 24, 60, 30, 300)  # 5 years: the last summary is about 180 KiB
QUICK = Scale("quick", 12, 6, 12, 6, 40)


def coach_key(seed: int = SEED) -> X25519Identity:
    return X25519Identity(hashlib.sha256(f"coach {seed}".encode()).digest())


def client_key(n: int, seed: int = SEED) -> ClientIdentity:
    return ClientIdentity(hashlib.sha256(f"client {seed} {n}".encode()).digest())


def _words(rng: random.Random, low: int, high: int) -> str:
    return " ".join(rng.choice(_WORDS) for _ in range(rng.randint(low, high))).capitalize()


def _day(moment: datetime) -> str:
    return moment.date().isoformat()


def _history(rng: random.Random, scale: Scale) -> tuple[list[Any], list[Any]]:
    steps = {area: rng.randint(1, 3) for area in AREAS}
    bridges = []
    for month in range(scale.months):
        for area in AREAS:
            steps[area] = min(5, max(1, steps[area] + rng.choice((-1, 0, 0, 1, 1))))
        when = T0 + timedelta(days=round(30.44 * month))
        stress = rng.randint(1, 9) if rng.random() < 0.9 else None
        bridges.append((when, dict(steps), stress))
    per_goal = max(1, scale.check_ins // max(1, scale.goals))
    goals = []
    for g in range(scale.goals):
        start = T0 + timedelta(days=round(30.44 * g * scale.months / max(1, scale.goals)))
        step_list = []
        for s in range(STEPS_PER_GOAL):
            check_ins = [
                (rng.choice(("done", "partly", "not_yet")), start + timedelta(days=7 * (s * 4 + c)))
                for c in range(per_goal // STEPS_PER_GOAL + (s < per_goal % STEPS_PER_GOAL))
            ]
            step_list.append((_words(rng, 28, 54), check_ins))
        goals.append((rng.choice(AREAS), _words(rng, 5, 10), start, step_list))
    return bridges, goals


def _payload(
    client_id: str, bridges: list[Any], goals: list[Any], upto: int, rng: random.Random
) -> dict[str, Any]:
    shown = bridges[: upto + 1]
    latest_when, latest_steps, _ = shown[-1]
    created = latest_when + timedelta(days=1, hours=rng.randint(0, 8))
    goal_list = []
    for area, title, start, step_list in goals:
        if start > created:
            continue
        steps = [
            {
                "text": text,
                "check_ins": [
                    {"result": r, "at": at.isoformat()} for r, at in cis if at <= created
                ],
            }
            for text, cis in step_list
        ]
        done = start + timedelta(days=120) < created
        goal_list.append(
            {
                "area_id": area,
                "title": title,
                "status": "done" if done else "active",
                "steps": steps,
            }
        )
    return {
        "format": PAYLOAD_FORMAT,
        "version": PAYLOAD_VERSION,
        "client_id": client_id,
        "created_at": created.isoformat(),
        "language": "nl",
        "choices": SummaryChoices().as_dict(),
        "bridge": {
            "latest": {
                "date": _day(latest_when),
                "steps": latest_steps,
                "helpers": {AREAS[0]: "network", AREAS[3]: "professional"},
            },
            "history": [{"date": _day(when), "steps": steps} for when, steps, _ in shown],
        },
        "priorities": [rng.choice(AREAS)],
        "stress": [
            {"date": _day(when), "level": level} for when, _, level in shown if level is not None
        ],
        "discuss": rng.sample(AREAS, rng.choice((0, 0, 1, 2))),
        "goals": goal_list,
        "consent_programme_figures": False,
    }


def _months(scale: Scale) -> list[int]:
    """The bridge each summary is made after, spread evenly over the months."""
    return [
        max(0, round((k + 1) * scale.months / scale.summaries) - 1) for k in range(scale.summaries)
    ]


def _make_client(job: tuple[Scale, int, int, str]) -> None:
    scale, n, seed, target = job
    rng = random.Random(seed * 100_003 + n)
    client = client_key(n, seed)
    coach = coach_key(seed).recipient
    translator = Translator(load_catalog(), "nl")
    bridges, goals = _history(rng, scale)
    folder = Path(target) / f"{n:04d}"
    folder.mkdir(parents=True, exist_ok=True)
    for k, upto in enumerate(_months(scale)):
        payload = _payload(client.client_id, bridges, goals, upto, rng)
        text = readable_text(payload, CONTENT, translator)
        sealed = seal_summary(Summary(payload, text, {}), client, coach)
        (folder / f"{k:02d}.age").write_bytes(sealed)


def inputs(scale: Scale, seed: int = SEED, cache: Path | None = None) -> list[list[Path]]:
    """Per client, the paths of their summaries oldest first (made once, then cached)."""
    base = cache or Path(tempfile.gettempdir())
    done = base / f"bridge-bench-coach-{scale.name}-{seed}-v1"
    if not done.exists():
        work = base / f".{done.name}.{os.getpid()}.tmp"
        shutil.rmtree(work, ignore_errors=True)
        jobs = [(scale, n, seed, str(work)) for n in range(scale.clients)]
        if scale.clients > 50:
            with ProcessPoolExecutor(max_workers=os.cpu_count() or 1) as pool:
                list(pool.map(_make_client, jobs, chunksize=8))
        else:
            for job in jobs:
                _make_client(job)
        os.replace(work, done)
    return [
        [done / f"{n:04d}" / f"{k:02d}.age" for k in range(scale.summaries)]
        for n in range(scale.clients)
    ]
