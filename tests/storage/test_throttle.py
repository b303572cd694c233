"""Wrong passcodes: a growing wait after three, kept across restarts, reset by the right one."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from bridge.crypto import at_rest
from bridge.locations import ATTEMPTS_FILE
from bridge.storage.errors import TooManyAttempts, TooManyAttemptsError, WrongPasscodeError
from bridge.storage.holder import DataHolder
from bridge.storage.unlock_throttle import UnlockThrottle, delay_after

from .helpers import FAST, PASSCODE, Clock


def test_delays_grow_and_stop_at_a_minute() -> None:
    assert [delay_after(n) for n in range(11)] == [0, 0, 0, 2, 4, 8, 16, 32, 60, 60, 60]


def test_throttle_counts_waits_and_resets(tmp_path: Path, clock: Clock) -> None:
    throttle = UnlockThrottle(tmp_path / ATTEMPTS_FILE, clock)
    for _ in range(2):
        throttle.record_failure()
        assert throttle.seconds_to_wait() == 0
    throttle.record_failure()
    assert throttle.seconds_to_wait() == 2
    clock.now += 1.5
    assert throttle.seconds_to_wait() == pytest.approx(0.5)
    clock.now += 0.5
    assert throttle.seconds_to_wait() == 0
    throttle.record_failure()
    assert throttle.seconds_to_wait() == 4

    # A restart (a new object on the same file) does not reset it.
    again = UnlockThrottle(tmp_path / ATTEMPTS_FILE, clock)
    assert again.failures == 4 and again.seconds_to_wait() == 4
    again.record_success()
    assert again.seconds_to_wait() == 0 and not (tmp_path / ATTEMPTS_FILE).exists()


def test_sidecar_holds_no_secret(tmp_path: Path, clock: Clock) -> None:
    throttle = UnlockThrottle(tmp_path / ATTEMPTS_FILE, clock)
    throttle.record_failure()
    assert set(json.loads((tmp_path / ATTEMPTS_FILE).read_text())) == {"failures", "last_failure"}


def test_clock_set_back_cannot_lengthen_the_wait(tmp_path: Path, clock: Clock) -> None:
    throttle = UnlockThrottle(tmp_path / ATTEMPTS_FILE, clock)
    for _ in range(3):
        throttle.record_failure()
    clock.now -= 86_400
    assert throttle.seconds_to_wait() == 2


def test_an_unreadable_counter_does_not_give_free_attempts(tmp_path: Path, clock: Clock) -> None:
    (tmp_path / ATTEMPTS_FILE).write_text("{garbage")
    throttle = UnlockThrottle(tmp_path / ATTEMPTS_FILE, clock)
    assert throttle.seconds_to_wait() == 0
    throttle.record_failure()
    assert throttle.seconds_to_wait() == 4


def test_holder_waits_without_running_scrypt(
    holder: DataHolder, tmp_path: Path, clock: Clock, monkeypatch: pytest.MonkeyPatch
) -> None:
    holder.set_up(PASSCODE)
    holder.lock()
    for n in range(3):
        with pytest.raises(WrongPasscodeError):
            holder.unlock(f"00000{n}")
    assert holder.seconds_to_wait() == 2

    def no_scrypt(*args: object) -> bytes:
        raise AssertionError("scrypt ran while waiting")

    monkeypatch.setattr(at_rest, "derive_key", no_scrypt)
    with pytest.raises(TooManyAttemptsError) as err:
        holder.unlock(PASSCODE)  # even the right passcode waits
    assert err.value.code == "too_many_attempts" and err.value.seconds == 2
    assert TooManyAttempts is TooManyAttemptsError
    monkeypatch.undo()

    clock.now += 2
    with pytest.raises(WrongPasscodeError):
        holder.unlock("000009")
    assert holder.seconds_to_wait() == 4

    restarted = DataHolder(tmp_path, params=FAST, clock=clock)
    with pytest.raises(TooManyAttemptsError):
        restarted.unlock(PASSCODE)
    clock.now += 4
    restarted.unlock(PASSCODE)
    assert restarted.seconds_to_wait() == 0
    restarted.close()


def test_wrong_old_passcode_on_change_counts_too(holder: DataHolder, clock: Clock) -> None:
    holder.set_up(PASSCODE)
    for _ in range(3):
        with pytest.raises(WrongPasscodeError):
            holder.change_passcode("999999", "1234567")
    with pytest.raises(TooManyAttemptsError):
        holder.change_passcode(PASSCODE, "1234567")
    clock.now += 2
    holder.change_passcode(PASSCODE, "1234567")
    assert holder.seconds_to_wait() == 0


def test_the_wait_never_overflows_and_the_right_passcode_opens_after_it(
    tmp_path: Path, clock: Clock
) -> None:
    # 2.0 ** 1024 raises OverflowError: from ~1,027 wrong passcodes on, every unlock failed.
    assert delay_after(1_027) == delay_after(10**9) == 60
    holder = DataHolder(tmp_path, params=FAST, clock=clock)
    holder.set_up(PASSCODE)
    holder.lock()
    for _ in range(2_100):  # far past the old overflow, moving the clock like a cheat would
        clock.now += holder.seconds_to_wait()
        with pytest.raises(WrongPasscodeError):
            holder.unlock("000000")
    assert UnlockThrottle(tmp_path / ATTEMPTS_FILE, clock).failures == 2_100
    with pytest.raises(TooManyAttemptsError) as waited:
        holder.unlock(PASSCODE)
    assert waited.value.seconds == 60
    clock.now += 60
    assert holder.unlock(PASSCODE).settings() == {}
    assert holder.seconds_to_wait() == 0
    holder.close()


def test_a_last_failure_in_the_future_waits_one_step_at_most(tmp_path: Path, clock: Clock) -> None:
    throttle = UnlockThrottle(tmp_path / ATTEMPTS_FILE, clock)
    clock.now += 10 * 86_400  # the clock moved forward, wrong passcodes typed, clock set back
    for _ in range(20):
        throttle.record_failure()
    clock.now -= 10 * 86_400
    assert throttle.seconds_to_wait() == 60
    clock.now += 60
    assert throttle.seconds_to_wait() == 0
