"""Work the web server does once, beside its start, so the first visitor does not wait for it.

Flet 1.0.5 imports most control classes lazily, on the first `ft.TextField` a screen touches:
without this, the first session's screen took ~130 ms more to build than the next ones (eleven
modules imported for the lock screen alone), and the web client's first download waited for
its patch (`ClientFiles`). Both run here in one background thread while the browser is still
loading Flutter (about 0.8 s), and nothing runs twice: a request that comes early waits for the
same import lock or patch.
"""

from __future__ import annotations

import logging
import sys
import threading
from collections.abc import Callable, Iterable, Iterator
from types import CodeType, FunctionType, ModuleType

import flet as ft

log = logging.getLogger(__name__)

#: Whose code is walked for the Flet names it uses.
APP_PACKAGE = "bridge."


def _codes(code: CodeType) -> Iterator[CodeType]:
    yield code
    for const in code.co_consts:
        if isinstance(const, CodeType):
            yield from _codes(const)


def _functions(module: ModuleType) -> Iterator[FunctionType]:
    """The functions defined in `module`, and the methods of its classes."""
    for value in vars(module).values():
        if isinstance(value, FunctionType) and value.__module__ == module.__name__:
            yield value
        elif isinstance(value, type) and value.__module__ == module.__name__:
            for member in vars(value).values():
                if isinstance(member, staticmethod | classmethod):
                    member = member.__func__
                if isinstance(member, FunctionType):
                    yield member


def flet_names(modules: Iterable[ModuleType]) -> set[str]:
    """The public Flet classes the code of `modules` may touch.

    A name counts when a function of these modules reads an attribute of that name (as in
    `ft.TextField(...)`) and Flet exports a class or enum of that name (the capital filters
    out attributes such as `value` that Flet also exports in lower case).
    """
    found: set[str] = set()
    for module in modules:
        for function in _functions(module):
            for code in _codes(function.__code__):
                found.update(code.co_names)
    return {n for n in found & set(ft.__all__) if n[:1].isupper()}


def app_modules() -> list[ModuleType]:
    return [m for name, m in list(sys.modules.items()) if name.startswith(APP_PACKAGE)]


def load_flet_names(names: Iterable[str]) -> None:
    for name in sorted(names):
        getattr(ft, name)  # Flet's module __getattr__ imports the class's module and keeps it


def warm_up(first: Callable[[], object] | None = None) -> None:
    """Runs `first` (the web client's patch, needed first), then loads the app's Flet classes.

    A failure here only costs the first visitor time, so it is logged, not raised.
    """
    try:
        if first is not None:
            first()
        load_flet_names(flet_names(app_modules()))
    except Exception:  # the first session imports or patches the same things itself
        log.exception("warming up the web server failed")


def start_warm_up(first: Callable[[], object] | None = None) -> threading.Thread:
    """`warm_up` in a background thread (a daemon: it never holds the server's stop)."""
    thread = threading.Thread(target=warm_up, args=(first,), name="bridge-warm-up", daemon=True)
    thread.start()
    return thread
