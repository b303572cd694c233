"""The age benchmark still runs at its quick size (its figures go in the README; no timing here)."""

from __future__ import annotations

from pathlib import Path

import pytest

from bench import age_speed
from bench.figure import Figure
from bridge.crypto import X25519Identity, decrypt


@pytest.mark.skipif(age_speed.AGE is None, reason="the age CLI is not installed")
def test_quick_figures_make_no_claims() -> None:
    figures = age_speed.figures(quick=True)
    assert all(isinstance(f, Figure) for f in figures)
    assert [f.name for f in figures] == [
        f"age {op} 1 MiB, {what}"
        for op in ("encrypt", "decrypt")
        for what in ("CPU ÷ age", "CPU ÷ age, without Python's start-up", "peak memory")
    ]
    assert all(f.met is None for f in figures)  # quick mode: no timing claims
    assert all(f.value > 0 for f in figures if f.unit == "MiB")
    assert all("pairs" in f.detail for f in figures if f.unit == "×")


def test_the_measured_child_does_the_work(tmp_path: Path) -> None:
    me = X25519Identity.generate()
    key, plain, sealed, opened = (tmp_path / n for n in ("key.txt", "in", "in.age", "out"))
    key.write_text(me.to_string() + "\n")
    plain.write_bytes(bytes(range(256)) * 300)
    age_speed.one("encrypt", me.recipient.to_string(), str(plain), str(sealed))
    assert decrypt(sealed.read_bytes(), [me]) == plain.read_bytes()
    age_speed.one("decrypt", str(key), str(sealed), str(opened))
    assert opened.read_bytes() == plain.read_bytes()
    age_speed.one("none", "-", "-", "-")  # the start-up run touches nothing
    assert not (tmp_path / "-").exists()


def test_median() -> None:
    assert age_speed._median([3.0, 1.0, 2.0]) == 2.0
    assert age_speed._median([4.0, 1.0, 2.0, 3.0]) == 2.5
