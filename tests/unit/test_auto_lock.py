"""The app locks itself after the chosen minutes without use, and hides what it showed."""

from types import SimpleNamespace

from bridge.content import load_bridge
from bridge.content.prompts import load_prompts
from bridge.i18n import load_catalog
from bridge.storage.holder import DataHolder
from bridge.ui.app import Activity, AppContext, BridgeApp
from tests.async_run import run


class Clock:
    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


def make_app(tmp_path, clock):
    holder = DataHolder(tmp_path)
    ctx = AppContext(load_bridge(), load_catalog(), load_prompts(), holder, Activity(clock))
    app = BridgeApp(SimpleNamespace(route="/"), ctx)  # type: ignore[arg-type]
    shown = []
    app.refresh = lambda: shown.append("refresh")  # type: ignore[method-assign]
    return app, holder, shown


def test_locks_after_the_chosen_minutes_and_hides_the_screen(tmp_path):
    clock = Clock()
    app, holder, shown = make_app(tmp_path, clock)
    repo = holder.set_up("246810")
    repo.set_setting("lock_minutes", 1)
    app.showing_data = True

    clock.now += 59
    run(app.check_idle())
    assert holder.is_unlocked() and shown == []

    clock.now += 2  # a minute and a bit without use
    run(app.check_idle())
    assert not holder.is_unlocked()
    assert shown == ["refresh"]  # the session redraws: the lock screen takes over


def test_use_keeps_it_open(tmp_path):
    clock = Clock()
    app, holder, _ = make_app(tmp_path, clock)
    holder.set_up("246810")  # default: five minutes
    for _ in range(10):
        clock.now += 60
        app.ctx.activity.touch()  # a tap, a saved answer
        run(app.check_idle())
    assert holder.is_unlocked()
    clock.now += 5 * 60
    run(app.check_idle())
    assert not holder.is_unlocked()
    holder.close()


def test_slow_work_the_person_started_counts_as_use(tmp_path):
    clock = Clock()
    app, holder, _ = make_app(tmp_path, clock)
    repo = holder.set_up("246810")
    repo.set_setting("lock_minutes", 1)
    with app.ctx.activity.busy():  # a backup's scrypt on a slow phone
        clock.now += 10 * 60
        run(app.check_idle())
        assert holder.is_unlocked()
    clock.now += 59  # the minute starts again when the work ends
    run(app.check_idle())
    assert holder.is_unlocked()
    clock.now += 2
    run(app.check_idle())
    assert not holder.is_unlocked()
