"""age encrypt / decrypt of a large file: our streaming API against the reference ``age`` tool.

Run: .venv/bin/python -m bench.age_speed  (``--quick``: 1 MiB, three pairs, no targets)

A 64 MiB file (random bytes) is encrypted to an X25519 recipient and decrypted, file to file,
by ``age`` and by ``bridge.crypto.encrypt_file`` / ``decrypt_file`` run the same way: each run
is its own process (ours: ``python -m bench.age_speed --one encrypt|decrypt ...``), so both
pay their own start-up and both are measured the same way: CPU time (user + system) from
``getrusage(RUSAGE_CHILDREN)`` around the run, peak RSS of the child through GNU time (see
:func:`run_child` for why not ``ru_maxrss`` here). Pair by pair (A B A B ...), after one
warm-up run of each; the figure is the median of the per-pair CPU ratios. Decryption reads
the same file made by ``age`` on both sides. Each pair also runs our child doing nothing
(``--one none``): its start-up alone, so the table shows the streaming work without it too.

The module imports only what the measured child needs (no subprocess, tempfile, statistics
or argparse, about 25 ms of start-up age does not pay): children start with ``os.posix_spawn``.

Peak memory is also given above the interpreter's own baseline (``python -c pass`` measured
the same way), since an idle CPython already holds about 10 MiB whatever the file size.

Measured here (2 CPUs, load 0.4-0.6, 7 pairs, two runs): encrypt 1.43× and 1.58× age (CPU
p50 ours 143 / 165 ms, age 100 / 111 ms), decrypt 1.14× and 1.25× (137 / 177 ms against
121 / 142 ms); peak 26.7 MiB for both (16.2 above the interpreter's 10.5; age 5 / 16 MiB).
So encrypt sits on its 1.5× target, decrypt meets it. Most of our CPU is start-up:
the interpreter and the imports (``cryptography``'s Rust module, ``bridge.crypto``) take
66-87 ms before the first byte; without it the work is 0.72-0.87× age (encrypt) and
0.58-0.60× (decrypt): OpenSSL's ChaCha20-Poly1305 takes 25 ms of the 64 MiB, the rest is
reading and writing. Found by profiling a first run
at 1.82× / 1.29×: the shell had PYTHONDONTWRITEBYTECODE=1, so every child compiled
bridge.crypto from source (~35 ms); the children now get a bytecode cache (see _child_env).
"""

from __future__ import annotations

import os
import resource
import sys
from dataclasses import dataclass
from pathlib import Path

from bench.figure import Figure
from bridge.crypto import X25519Identity, X25519Recipient, decrypt_file, encrypt_file

MIB = 2**20
FULL_SIZE = 64 * MIB
QUICK_SIZE = 1 * MIB
FULL_PAIRS = 7
QUICK_PAIRS = 3
CPU_TARGET = 1.5  # × age's CPU time
MEMORY_TARGET = 1.5  # × the file size


def _which(name: str) -> str | None:
    for folder in os.get_exec_path():
        path = os.path.join(folder, name)
        if os.access(path, os.X_OK):
            return path
    return None


def _median(values: list[float]) -> float:
    ordered = sorted(values)
    middle = len(ordered) // 2
    return ordered[middle] if len(ordered) % 2 else (ordered[middle - 1] + ordered[middle]) / 2


AGE = _which("age")
#: GNU time (Debian package ``time``), to read a child's own peak RSS; see run_child.
TIME = "/usr/bin/time" if Path("/usr/bin/time").exists() else None


@dataclass(frozen=True)
class Run:
    """One child process: CPU seconds (user + system) and peak RSS in MiB."""

    cpu: float
    rss: float


def _child_env(scratch: Path) -> dict[str, str]:
    """The environment, with bytecode cached (in `scratch`) as an installed app has it.

    A shell with PYTHONDONTWRITEBYTECODE would have every child compile bridge.crypto from
    source (about 20 ms each run); the warm-up run fills the cache.
    """
    env = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
    env["PYTHONPYCACHEPREFIX"] = str(scratch / "pycache")
    return env


def run_child(cmd: list[str], scratch: Path) -> Run:
    """Runs `cmd` to its end; its own CPU time and peak RSS (fails loudly if it fails).

    CPU: the ``getrusage(RUSAGE_CHILDREN)`` difference around the run. Peak RSS: Linux
    counts a child's RSS at fork (this bench process, ~30 MiB) in its ``ru_maxrss``, so
    the command is started by GNU time (a 1-2 MiB process), which reports the peak of
    the command alone; without it the figure says that it includes this process.
    """
    report, errors = scratch / "rss.txt", scratch / "stderr.txt"
    argv = [TIME, "-f", "%M", "-o", str(report), *cmd] if TIME else cmd
    actions = [
        (os.POSIX_SPAWN_OPEN, 1, os.devnull, os.O_WRONLY, 0),
        (os.POSIX_SPAWN_OPEN, 2, str(errors), os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600),
    ]
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    pid = os.posix_spawn(argv[0], argv, _child_env(scratch), file_actions=actions)
    _, status, usage = os.wait4(pid, 0)
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    if os.waitstatus_to_exitcode(status) != 0:
        message = errors.read_text(errors="replace")
        raise RuntimeError(f"{' '.join(cmd)} failed: {message}")
    cpu = after.ru_utime - before.ru_utime + after.ru_stime - before.ru_stime
    peak_kib = int(report.read_text().split()[-1]) if TIME else usage.ru_maxrss
    return Run(cpu, peak_kib / 1024)  # KiB on Linux


def _ours(*args: str) -> list[str]:
    return [sys.executable, "-m", "bench.age_speed", "--one", *args]


@dataclass(frozen=True)
class Pairs:
    """Paired runs of one operation: ours, age's, and our start-up alone (``--one none``)."""

    ours: list[Run]
    age: list[Run]
    start: list[Run]

    @property
    def ratios(self) -> list[float]:
        return [o.cpu / a.cpu for o, a in zip(self.ours, self.age, strict=True)]

    @property
    def work_ratios(self) -> list[float]:
        """Ours less the same child's start-up (interpreter and imports), against all of age."""
        runs = zip(self.ours, self.age, self.start, strict=True)
        return [max(o.cpu - s.cpu, 0.0) / a.cpu for o, a, s in runs]


def measure_pairs(ours: list[str], theirs: list[str], pairs: int, scratch: Path) -> Pairs:
    start = _ours("none", "-", "-", "-")
    for cmd in (ours, theirs, start):  # warm-up: page cache, .pyc files
        run_child(cmd, scratch)
    mine, age, floor = [], [], []
    for _ in range(pairs):
        mine.append(run_child(ours, scratch))
        age.append(run_child(theirs, scratch))
        floor.append(run_child(start, scratch))
    return Pairs(mine, age, floor)


@dataclass(frozen=True)
class Measured:
    size: int
    encrypt: Pairs
    decrypt: Pairs
    baseline: Run  # python -c pass
    load_before: str
    load_after: str


def _write_random(path: Path, size: int) -> None:
    with path.open("wb") as out:
        for _ in range(size // MIB):
            out.write(os.urandom(MIB))
        out.write(os.urandom(size % MIB))


def measure(size: int, pairs: int) -> Measured:
    """Both tools, both directions, on a file of `size` random bytes."""
    if AGE is None:
        raise RuntimeError("the age tool is not installed (apt-get install age)")
    load_before = _load()
    identity = X25519Identity.generate()
    recipient = identity.recipient.to_string()
    work = Path(os.environ.get("TMPDIR", "/tmp")) / f"bench-age-{os.getpid()}"
    work.mkdir(mode=0o700)
    try:
        key, plain = work / "key.txt", work / "plain.bin"
        key.write_text(identity.to_string() + "\n")
        _write_random(plain, size)
        sealed, out = work / "sealed.age", work / "out.bin"
        run_child([AGE, "-r", recipient, "-o", str(sealed), str(plain)], work)
        encrypt = measure_pairs(
            _ours("encrypt", recipient, str(plain), str(work / "ours.age")),
            [AGE, "-r", recipient, "-o", str(work / "theirs.age"), str(plain)],
            pairs,
            work,
        )
        decrypt = measure_pairs(
            _ours("decrypt", str(key), str(sealed), str(out)),
            [AGE, "-d", "-i", str(key), "-o", str(work / "theirs.bin"), str(sealed)],
            pairs,
            work,
        )
        if out.read_bytes() != plain.read_bytes():
            raise RuntimeError("our decryption did not give the file back")
        python = [sys.executable, "-c", "pass"]
        baseline = min((run_child(python, work) for _ in range(3)), key=_rss)
    finally:
        _remove_tree(work)
    return Measured(size, encrypt, decrypt, baseline, load_before, _load())


def _remove_tree(folder: Path) -> None:
    for path in folder.iterdir():
        if path.is_dir() and not path.is_symlink():
            _remove_tree(path)
        else:
            path.unlink()
    folder.rmdir()


def _rss(run: Run) -> float:
    return run.rss


def _how_rss() -> str:
    if TIME:
        return "GNU time"
    return "ru_maxrss: without GNU time it includes the bench process's own RSS at fork"


def _load() -> str:
    try:
        return " ".join(Path("/proc/loadavg").read_text().split()[:3])
    except OSError:
        return "?"


def _ms(runs: list[Run]) -> str:
    return f"{_median([r.cpu for r in runs]) * 1000:.0f} ms"


def _figures_for(m: Measured, name: str, pairs: Pairs, quick: bool) -> list[Figure]:
    label = f"age {name} {m.size // MIB} MiB"
    ratio = _median(pairs.ratios)
    load = f"load {m.load_before} → {m.load_after}"
    peak = max(r.rss for r in pairs.ours)
    limit = MEMORY_TARGET * m.size / MIB
    work = _median(pairs.work_ratios)
    return [
        Figure(
            f"{label}, CPU ÷ age",
            round(ratio, 2),
            "×",
            f"≤ {CPU_TARGET:g}×",
            None if quick else ratio <= CPU_TARGET,
            f"median of {len(pairs.ratios)} pairs (min {min(pairs.ratios):.2f}, "
            f"max {max(pairs.ratios):.2f}); CPU p50 ours {_ms(pairs.ours)}, age "
            f"{_ms(pairs.age)}, our start-up alone (python and imports) {_ms(pairs.start)}, "
            f"python -c pass {m.baseline.cpu * 1000:.0f} ms; {load}",
        ),
        Figure(
            f"{label}, CPU ÷ age, without Python's start-up",
            round(work, 2),
            "×",
            "",
            None,
            f"median of {len(pairs.work_ratios)} pairs of (ours − our start-up, measured in "
            f"the same pair) ÷ age's whole run; the start-up is paid once per app, not per "
            f"file; {load}",
        ),
        Figure(
            f"{label}, peak memory",
            round(peak, 1),
            "MiB",
            f"≤ {limit:g} MiB (1.5× the file)",
            None if quick else peak <= limit,
            f"peak RSS of the process ({_how_rss()}); {peak - m.baseline.rss:.1f} MiB above "
            f"the interpreter's own {m.baseline.rss:.1f} MiB (python -c pass); age "
            f"{max(r.rss for r in pairs.age):.1f} MiB; {load}",
        ),
    ]


def figures(quick: bool) -> list[Figure]:
    """CPU ratio against age and peak memory, for encrypt and decrypt."""
    if AGE is None:
        return [
            Figure("age encrypt / decrypt", 0.0, "×", f"≤ {CPU_TARGET:g}×", None,
                   "not measured: the age tool is not installed")
        ]  # fmt: skip
    m = measure(QUICK_SIZE if quick else FULL_SIZE, QUICK_PAIRS if quick else FULL_PAIRS)
    return _figures_for(m, "encrypt", m.encrypt, quick) + _figures_for(
        m, "decrypt", m.decrypt, quick
    )


def one(operation: str, key: str, src: str, dst: str) -> None:
    """The measured child: one file to another with the streaming API (key: recipient or file).

    ``none`` does nothing: the child's start-up (interpreter and imports) alone.
    """
    if operation == "none":
        return
    with open(src, "rb") as source, open(dst, "wb") as target:
        if operation == "encrypt":
            encrypt_file(source, target, [X25519Recipient.parse(key)])
        else:
            secret = Path(key).read_text().strip()
            decrypt_file(source, target, [X25519Identity.parse(secret)])


def main() -> None:
    """``--quick`` for the smoke sizes; ``--one OP KEY SRC DST`` is the measured child."""
    args = sys.argv[1:]
    if args[:1] == ["--one"] and len(args) == 5:
        one(*args[1:])
        return
    if set(args) - {"--quick"}:
        raise SystemExit("usage: python -m bench.age_speed [--quick] | --one OP KEY SRC DST")
    for figure in figures("--quick" in args):
        print(f"{figure.name}: {figure.value} {figure.unit} (target {figure.target}, "
              f"met {figure.met}) — {figure.detail}")  # fmt: skip


if __name__ == "__main__":
    main()
