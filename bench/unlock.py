"""Unlocking the client's data: scrypt at the work factor the app uses, then opening the data.

Run: .venv/bin/python -m bench.unlock  (``--quick``: a low work factor, two pairs)

The work factor is bridge.crypto.at_rest.DEFAULT_PARAMS (N = 2**15, r = 8, p = 1: 32 MiB).
Measured pair by pair (A B A B ...): scrypt alone (``derive_key``), and a full unlock of
2-year data (scrypt, key check, decryption, parsing and checking every record), so the
unlock's figure is also a ratio against its own floor. A cheap phone is taken as 5-10x slower
than this machine (the single-core speed of a low-end ARM phone against a 2-core x86
server; not measured on a phone).
"""

from __future__ import annotations

import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

from bench.figure import Figure
from bench.storage import PASSCODE, TINY, TWO_YEARS, fill
from bridge.crypto.at_rest import DEFAULT_PARAMS, ScryptParams, derive_key
from bridge.storage.holder import DataHolder

QUICK_PARAMS = ScryptParams(log_n=10)
#: How much slower a cheap phone is taken to be than this machine (not measured on a phone).
PHONE_SLOWER = (5, 10)


def _work_factor(params: ScryptParams) -> str:
    return f"N = 2^{params.log_n}, r = {params.r}, p = {params.p}, {params.memory // 2**20} MiB"


def measure(quick: bool) -> tuple[list[float], list[float]]:
    """Seconds of scrypt alone and of a full unlock, pair by pair."""
    params = QUICK_PARAMS if quick else DEFAULT_PARAMS
    salt = os.urandom(16)
    scrypt, unlock = [], []
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp) / "data"
        holder = DataHolder(folder, params=params)
        fill(holder.set_up(PASSCODE), TINY if quick else TWO_YEARS)
        holder.close()
        for _ in range(2 if quick else 7):
            start = time.perf_counter()
            derive_key(PASSCODE, salt, params)
            scrypt.append(time.perf_counter() - start)
            fresh = DataHolder(folder)
            start = time.perf_counter()
            fresh.unlock(PASSCODE)
            unlock.append(time.perf_counter() - start)
            fresh.close()
    return scrypt, unlock


def figures(quick: bool) -> list[Figure]:
    params = QUICK_PARAMS if quick else DEFAULT_PARAMS
    scrypt, unlock = measure(quick)
    ratios = [u / s for u, s in zip(unlock, scrypt, strict=True)]
    scrypt_ms = statistics.median(scrypt) * 1000
    unlock_ms = statistics.median(unlock) * 1000
    low, high = PHONE_SLOWER
    data = TINY.name if quick else TWO_YEARS.name
    return [
        Figure(
            f"unlock, scrypt alone ({_work_factor(params)})",
            round(scrypt_ms, 1),
            "ms",
            "",
            None,
            f"median of {len(scrypt)}, fastest {min(scrypt) * 1000:.1f} ms; "
            + ("quick: a low work factor" if quick else "the app's DEFAULT_PARAMS"),
        ),
        Figure(
            f"unlock and open, {data} ÷ scrypt alone",
            round(statistics.median(ratios), 2),
            "×",
            "",
            None,
            f"median of {len(ratios)} pairs; unlock median {unlock_ms:.1f} ms",
        ),
        Figure(
            "unlock on a cheap phone (estimate)",
            round(unlock_ms * high),
            "ms",
            "",
            None,
            f"{low}-{high}× this machine's {unlock_ms:.0f} ms: {unlock_ms * low:.0f}-"
            f"{unlock_ms * high:.0f} ms (an estimate, not measured on a phone); scrypt needs "
            f"{params.memory // 2**20} MiB",
        ),
    ]


def main() -> None:
    for figure in figures("--quick" in sys.argv):
        print(f"{figure.name:56} {figure.value} {figure.unit}  {figure.detail}")


if __name__ == "__main__":
    main()
