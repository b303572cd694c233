"""The benchmarks still run (their numbers go in the README; no test asserts a time)."""

from bench.run import measure_history


def test_benchmark_rows_are_produced():
    rows = dict(measure_history(2))
    assert set(rows) == {
        "open data, 2 bridges",
        "save one answer, 2 bridges",
        "home screen data, 2 bridges",
        "memory to open, 2 bridges",
    }
    assert all(value.endswith(("ms)", "KiB")) for value in rows.values())


def test_encrypted_benchmark_rows_are_produced():
    from bench.run import measure_encrypted

    names = [name for name, _ in measure_encrypted(1)]
    assert names == [
        "unlock (scrypt) + open, 1 bridges",
        "save one answer, encrypted, 1 bridges",
        "build + sign + seal summary, 1 bridges",
    ]
