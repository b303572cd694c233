"""Server time of the saves and reads a person waits for, at realistic data, encrypted.

Run: .venv/bin/python -m bench.storage  (``--heavy`` adds a heavy client's data); the suite
(bench/run.py) takes :func:`figures`: the 2-year, 5-year and heavy clients.

The data comes from a seeded generator that goes through the app's own API
(assessments, goals, check-ins, saved by the repository, sealed under a
passcode as the app runs). Targets (issues 8 and 12): choosing a step, saving a
check-in and building the home data each <= 16 ms at p95 at 2- and 5-year data,
<= 50 ms for the heavy client; a durable encrypted save <= 1.5x a hand-written
floor (json.dumps + ChaCha20-Poly1305 + write + fsync + rename of the same data),
measured pair by pair in one run. Each timed action is paired (A B A B ...) with
one tiny durable write (write + fsync + rename + fsync of the folder), so the
disk's share of the wall clock is shown beside it.

Each action shows its server time (wall clock, fsync included) and, beside it, the CPU time
of the thread doing it: on a loaded machine the wall clock's p95 is mostly time spent waiting
for a CPU, which the CPU figure leaves out. The check-in is saved on a goal kept at its
5-year size (ten check-ins): between the timed saves, untimed, the goal goes back to that
state with one new step open, so the run does not grow the goal to 70 steps as it goes.
"""

from __future__ import annotations

import json
import os
import random
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

from cryptography.hazmat.primitives.ciphers.aead import ChaCha20Poly1305

from bench.figure import Figure
from bridge.content import load_bridge
from bridge.domain.assessment import Assessment, change_since
from bridge.domain.goals import CheckInResult, Goal, StepPlan, due_steps
from bridge.storage import goals_store
from bridge.storage.atomic_file import write_atomic
from bridge.storage.holder import DataHolder
from bridge.storage.repository import Repository

PASSCODE = "246810"
T0 = datetime(2021, 1, 4, 9, 0, tzinfo=UTC)
_TEXT = (
    "ik wil de brief van de woningcorporatie lezen en dan bellen met mijn zus over "
    "het geld de huur de school van de kinderen mijn werk een afspraak bij de dokter "
    "rustig slapen samen eten wandelen sparen hulp vragen"
)
WORDS = tuple(_TEXT.split())


@dataclass(frozen=True)
class Size:
    name: str
    bridges: int
    goals: int
    check_ins: int


TWO_YEARS = Size("2-year data", 24, 12, 120)
FIVE_YEARS = Size("5-year data", 60, 30, 300)
HEAVY = Size("heavy client", 240, 100, 2000)
TINY = Size("tiny", 2, 2, 2)


def note(rng: random.Random) -> str:
    """Free text of 80-220 characters, as a person types it."""
    target = rng.randint(80, 220)
    text = rng.choice(WORDS).capitalize()
    while len(text) < target:
        text += " " + rng.choice(WORDS)
    return text[:target].rstrip() + "."


def _bridge(rng: random.Random, areas: tuple[str, ...], when: datetime) -> Assessment:
    a = Assessment.start(areas, when).with_stress(rng.randint(0, 10))
    for area in areas:
        a = a.with_step(area, rng.randint(1, 5))
        if rng.random() < 0.5:
            a = a.with_note(area, note(rng))
    for area in rng.sample(areas, 2):
        a = a.with_priority(area, True)
    return a.complete(when + timedelta(minutes=12))


def _goal(rng: random.Random, area: str, when: datetime, check_ins: int, active: bool) -> Goal:
    plan = StepPlan(what=note(rng), when="maandag", where="thuis", if_then=note(rng))
    g = Goal.start(area, when).with_answers(
        desire=note(rng), reasons=note(rng), importance=7, confidence=6, step=plan
    )
    g = g.activate([], when)
    for i in range(check_ins):
        at = when + timedelta(days=7 * (i + 1))
        if i:
            g = g.plan_step(StepPlan(what=note(rng), when="vrijdag"), at - timedelta(days=6))
        step = g.current_step
        if step is None:
            break
        result = rng.choice([CheckInResult.DONE, CheckInResult.PARTLY])
        g = g.check_in(step.id, result, at, note(rng))
    return g if active else g.finish(when + timedelta(days=7 * check_ins + 1))


def fill(repo: Repository, size: Size, seed: int = 8) -> tuple[str, str]:
    """Saves `size` worth of data; returns (draft bridge id, an active goal's id)."""
    rng = random.Random(seed)
    areas = load_bridge().area_ids
    span = timedelta(days=5 * 365 // max(size.bridges, 1))
    for n in range(size.bridges):
        repo.save_assessment(_bridge(rng, areas, T0 + n * span))
    per_goal = max(size.check_ins // max(size.goals, 1), 1)
    active_id = ""
    for n in range(size.goals):
        active = n >= size.goals - 3
        g = _goal(rng, areas[n % len(areas)], T0 + n * span, per_goal, active)
        goals_store.save_goal(repo, g)
        active_id = g.id if active else active_id
    draft = Assessment.start(areas, T0 + size.bridges * span)
    repo.save_assessment(draft)
    return draft.id, active_id


def percentiles(times: list[float]) -> tuple[float, float]:
    """p50 and p95 in milliseconds."""
    ordered = sorted(times)
    p95 = ordered[min(len(ordered) - 1, round(0.95 * (len(ordered) - 1)))]
    return statistics.median(ordered) * 1000, p95 * 1000


@dataclass
class Times:
    """Wall-clock and CPU seconds of each run of an action."""

    wall: list[float]
    cpu: list[float]
    floor: list[float] = field(default_factory=list)  # the paired tiny durable writes

    def extend(self, other: Times) -> None:
        self.wall.extend(other.wall)
        self.cpu.extend(other.cpu)
        self.floor.extend(other.floor)


def _time(fn: Callable[[], object], repeat: int, floor: Path | None = None) -> Times:
    """`repeat` runs of `fn`; with `floor`, each run is followed by one tiny durable write
    there (A B A B ...), whose times come back in the `floor` field."""
    times = Times([], [])
    for n in range(repeat):
        cpu, start = time.thread_time(), time.perf_counter()
        fn()
        times.wall.append(time.perf_counter() - start)
        times.cpu.append(time.thread_time() - cpu)
        if floor is not None:
            start = time.perf_counter()
            write_atomic(floor, bytes([n % 256]))
            times.floor.append(time.perf_counter() - start)
    return times


def floor_save(path: Path, data: dict[str, object], key: bytes) -> None:
    """The hand-written floor: json.dumps + ChaCha20-Poly1305 + write + fsync + rename."""
    plaintext = json.dumps(data, ensure_ascii=False, separators=(",", ":")).encode("utf-8")
    nonce = os.urandom(12)
    sealed = nonce + ChaCha20Poly1305(key).encrypt(nonce, plaintext, b"bridge")
    tmp = path.with_name(f".{path.name}.tmp")
    with open(tmp, "wb") as fh:
        fh.write(sealed)
        fh.flush()
        os.fsync(fh.fileno())
    os.replace(tmp, path)


@dataclass
class Measured:
    """One size's actions (name -> times) and the durable save against the floor."""

    actions: dict[str, Times]
    ratios: list[float]
    ours: list[float]
    floors: list[float]


def measure_size(size: Size, repeat: int = 60) -> Measured:
    with tempfile.TemporaryDirectory() as tmp:
        holder = DataHolder(Path(tmp) / "data")
        repo = holder.set_up(PASSCODE)
        draft_id, goal_id = fill(repo, size)
        areas = load_bridge().area_ids
        rng = random.Random(9)
        today = date(2026, 1, 1)
        probe = Path(tmp) / "probe" / "tiny"
        probe.parent.mkdir()

        def choose_step() -> None:
            stored = repo.assessment(draft_id)
            if stored is not None:
                repo.save_assessment(stored.with_step(rng.choice(areas), rng.randint(1, 5)))

        seeded = goals_store.goal(repo, goal_id)

        def next_step() -> None:  # not timed: the 5-year goal again, with a new step open
            if seeded is not None:
                plan = StepPlan(what=note(rng))
                goals_store.save_goal(repo, seeded.plan_step(plan, seeded.created_at))

        def save_check_in() -> None:
            g = goals_store.goal(repo, goal_id)
            if g is not None and g.current_step is not None:
                done = g.check_in(g.current_step.id, CheckInResult.DONE, g.created_at, note(rng))
                goals_store.save_goal(repo, done)

        def home_data() -> None:
            latest = repo.latest()
            if latest is not None:
                change_since(repo.previous(latest), latest)
            repo.draft()
            due_steps(goals_store.goals(repo), today)

        actions = {"choose a step": _time(choose_step, repeat, probe)}
        check_in_times = Times([], [])
        for _ in range(repeat):
            next_step()
            check_in_times.extend(_time(save_check_in, 1, probe))
        actions["save a check-in"] = check_in_times
        actions["home data"] = _time(home_data, repeat, probe)
        measured = Measured(actions, [], [], [])
        _ratio(repo, draft_id, repeat, measured)
        holder.close()
    return measured


def measure(size: Size, repeat: int = 60) -> list[tuple[str, str]]:
    """The figures as text rows (name, value), for main()."""
    measured = measure_size(size, repeat)
    rows = [(f"{name}, {size.name}", _ms(times)) for name, times in measured.actions.items()]
    rows.append((f"durable save vs floor, {size.name}", _ratio_text(measured)))
    return rows


def _ms(times: Times) -> str:
    p50, p95 = percentiles(times.wall)
    cpu50, cpu95 = percentiles(times.cpu)
    return f"p50 {p50:.1f} ms, p95 {p95:.1f} ms (CPU p50 {cpu50:.1f}, p95 {cpu95:.1f} ms)"


def _ratio(repo: Repository, draft_id: str, repeat: int, into: Measured) -> None:
    """Our save of one answer and the floor writing the same data, pair by pair."""
    stored = repo.assessment(draft_id)
    if stored is None:
        raise RuntimeError("the generated data has no draft")
    data = repo.data()
    key = os.urandom(32)
    floor_path = repo.path.with_name("floor.bin")
    for _ in range(repeat):
        (mine,) = _time(lambda: repo.save_assessment(stored), 1).wall
        (floor,) = _time(lambda: floor_save(floor_path, data, key), 1).wall
        into.ours.append(mine)
        into.floors.append(floor)
        into.ratios.append(mine / floor)


def _ratio_text(m: Measured) -> str:
    return (
        f"{statistics.median(m.ratios):.2f}x (p95 {percentiles(m.ratios)[1] / 1000:.2f}x; "
        f"ours p50 {percentiles(m.ours)[0]:.1f} ms, floor p50 / p95 "
        f"{percentiles(m.floors)[0]:.1f} / {percentiles(m.floors)[1]:.1f} ms)"
    )


#: p95 targets of the timed actions, by size (the frame budget; more for the heavy client).
P95_TARGET_MS = {TWO_YEARS.name: 16.0, FIVE_YEARS.name: 16.0, HEAVY.name: 50.0}
RATIO_TARGET = 1.5


def figures(quick: bool) -> list[Figure]:
    """The suite's figures: each action's p95 and the durable save against its floor."""
    sizes = [TINY] if quick else [TWO_YEARS, FIVE_YEARS, HEAVY]
    found = []
    for size in sizes:
        measured = measure_size(size, repeat=2 if quick else 60)
        target = P95_TARGET_MS.get(size.name)
        for name, times in measured.actions.items():
            p50, p95 = percentiles(times.wall)
            cpu50, cpu95 = percentiles(times.cpu)
            floor50, floor95 = percentiles(times.floor)
            found.append(
                Figure(
                    f"{name}, {size.name}, p95",
                    round(p95, 1),
                    "ms",
                    f"≤ {target:g} ms" if target else "",
                    None if quick or target is None else p95 <= target,
                    f"p50 {p50:.1f} ms; CPU p50 {cpu50:.1f} / p95 {cpu95:.1f} ms; paired tiny "
                    f"durable write p50 {floor50:.1f} / p95 {floor95:.1f} ms; "
                    f"{len(times.wall)} runs",
                )
            )
        ratio = statistics.median(measured.ratios)
        found.append(
            Figure(
                f"one durable encrypted save ÷ floor, {size.name}",
                round(ratio, 2),
                "×",
                f"≤ {RATIO_TARGET:g}×",
                None if quick else ratio <= RATIO_TARGET,
                f"median of {len(measured.ratios)} pairs; " + _ratio_text(measured),
            )
        )
    return found


def main() -> None:
    sizes = [FIVE_YEARS, HEAVY] if "--heavy" in sys.argv else [FIVE_YEARS]
    rows = [row for size in sizes for row in measure(size)]
    width = max(len(name) for name, _ in rows)
    for name, value in rows:
        print(f"{name:<{width}}  {value}")


if __name__ == "__main__":
    main()
