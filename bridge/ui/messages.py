"""The one way an error becomes words on a screen: its `message_key` and `params`, or the screen's own.

The convention: every error a person can meet carries `message_key` (a catalog key, or None when
it has nothing to add) and `params` (the values for that text's placeholders; a `count` picks the
plural form "<key>.one" / "<key>.other"). A screen never maps codes to texts itself; it says
what it was doing with a `fallback_key` ("Opening did not work. Your data has not changed.") and
calls `message_for`. Knows nothing of Flet, so it is tested without a page.
"""

from __future__ import annotations

import logging
from collections.abc import Mapping

from bridge.i18n import Translator, placeholders, plural_key

log = logging.getLogger(__name__)


def message_key(t: Translator, error: BaseException) -> str | None:
    """The catalog key `error` asks for, when the catalog has it (or its plural forms)."""
    key = getattr(error, "message_key", None)
    if not isinstance(key, str) or not key:
        return None
    entries = t.catalog.entries
    if key in entries or (plural_key(key, 1) in entries and plural_key(key, 2) in entries):
        return key
    # A key that is not in the catalog is a bug (tests/unit/test_messages.py looks for them);
    # the person still gets the screen's own words rather than a crash.
    log.error("no text for the message key %r of %s", key, type(error).__name__)
    return None


def message_params(error: BaseException) -> dict[str, object]:
    params = getattr(error, "params", None)
    return dict(params) if isinstance(params, Mapping) else {}


def message_for(t: Translator, error: BaseException, fallback_key: str) -> str:
    """What the person reads about `error`, in their language.

    The error's own text when it has one; else the screen's `fallback_key`, which says what
    failed and that nothing was lost. An error that is no error of this app (a RuntimeError,
    say) gets the fallback too.
    """
    key = message_key(t, error)
    if key is None:
        return t(fallback_key)
    params = message_params(error)
    entries = t.catalog.entries
    if key not in entries:  # only the plural forms: the count picks one
        count = params.get("count")
        if not isinstance(count, int) or isinstance(count, bool):
            log.error("the plural message %r of %s has no count", key, type(error).__name__)
            return t(fallback_key)
        key = plural_key(key, count)
    missing = placeholders(entries[key](t.language)) - params.keys()
    if missing:  # never show a raw "{path}" to a person
        log.error("the message %r of %s lacks %s", key, type(error).__name__, sorted(missing))
        return t(fallback_key)
    try:
        return t(key, **params)
    except (KeyError, IndexError, ValueError):  # e.g. a format spec the value does not take
        log.exception("the message %r of %s could not be filled in", key, type(error).__name__)
        return t(fallback_key)
