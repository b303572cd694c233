"""The storage benchmark still runs at tiny sizes (its figures go in the README; no timing here)."""

from bench.storage import TINY, measure


def test_storage_benchmark_rows_are_produced():
    rows = dict(measure(TINY, repeat=2))
    assert list(rows) == [
        "choose a step, tiny",
        "save a check-in, tiny",
        "home data, tiny",
        "durable save vs floor, tiny",
    ]
    assert all(value.startswith("p50 ") for name, value in rows.items() if "floor" not in name)
    assert "x (p95 " in rows["durable save vs floor, tiny"]
