"""Every string a screen asks for exists in nl and en, with the same placeholders."""

import ast
import pathlib

import pytest

from bridge.content import ContentError
from bridge.domain.assessment import Change, Helper
from bridge.domain.goals import ERROR_CODES
from bridge.i18n import Catalog, Translator, load_catalog

UI = pathlib.Path(__file__).resolve().parents[2] / "bridge" / "ui"


def literal_keys() -> set[str]:
    """Keys passed as a plain string to t(...) or app.t(...) anywhere in the screens."""
    keys = set()
    for path in UI.rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if not isinstance(node, ast.Call) or not node.args:
                continue
            func = node.func
            name = func.attr if isinstance(func, ast.Attribute) else getattr(func, "id", "")
            first = node.args[0]
            if name == "t" and isinstance(first, ast.Constant) and isinstance(first.value, str):
                keys.add(first.value)
    return keys


def dynamic_keys() -> set[str]:
    """Keys the screens build from values (f-strings), listed from the same enums."""
    return (
        {f"change.{c.value}" for c in Change}
        | {f"helper.{h.value}" for h in Helper}
        | {f"language.{lang}" for lang in ("nl", "en")}
        | {f"month.{m}" for m in range(1, 13)}
        | {f"weekday.{d}" for d in range(7)}
        | {f"passcode.error.{c}" for c in ("empty", "too_short")}
        | {
            f"privacy.backup_error.{c}"
            for c in ("wrong_passphrase", "damaged", "not_a_backup", "newer_version", "too_large")
        }
        | {f"goals.status.{s}" for s in ("draft", "active", "paused", "done")}
        | {f"goals.checkin_{r}" for r in ("done", "partly", "not_yet")}
        | {f"goals.error.{code}" for code in ERROR_CODES}
    )


def test_every_key_used_by_a_screen_is_in_the_catalog():
    catalog = load_catalog()
    used = literal_keys() | dynamic_keys()
    assert len(literal_keys()) > 50  # the scan really found the screens' keys
    missing = sorted(k for k in used if k not in catalog.entries)
    assert not missing, f"missing from strings.json: {missing}"


def test_a_missing_key_fails_loudly():
    t = Translator(load_catalog(), "nl")
    with pytest.raises(KeyError):
        t("no.such.key")


def test_placeholders_are_filled_in_both_languages():
    catalog = load_catalog()
    assert catalog.text("stress.value", "nl", n=7) == "stress 7 van 10"
    assert catalog.text("stress.value", "en", n=7) == "stress 7 of 10"


@pytest.mark.parametrize(
    ("raw", "message"),
    [
        ({"a": {"nl": "Hallo"}}, "missing or empty text in 'en'"),
        ({"a": {"nl": "Hallo {name}", "en": "Hello {naam}"}}, "different placeholders"),
        ({"a": {"nl": "", "en": "x"}}, "missing or empty"),
        ({}, "expected an object"),
    ],
)
def test_bad_catalogs_are_refused(raw, message):
    with pytest.raises(ContentError, match=message):
        Catalog.parse(raw)


def test_catalog_parts_may_not_define_a_key_twice(monkeypatch):
    import bridge.i18n as i18n

    parts = {
        "strings.json": {"a": {"nl": "A", "en": "A"}},
        "strings_goals.json": {"a": {"nl": "B", "en": "B"}},
    }
    monkeypatch.setattr(i18n, "catalog_files", lambda: list(parts))
    monkeypatch.setattr(i18n, "read_json", lambda name: parts[name])
    with pytest.raises(ContentError, match="defined twice"):
        i18n.load_catalog()
