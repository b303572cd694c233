"""One convention for errors: each error a person can meet has a text in nl and en, filled in.

Every error class that can reach a screen is listed here with examples; a new subclass that is
not listed fails `test_every_error_class_is_listed`, so it cannot reach a person without words.
"""

import ast
import importlib
import logging
import pathlib
import pkgutil
import re

import pytest

import bridge.crypto
import bridge.sharing
import bridge.storage
from bridge.crypto.errors import AgeError
from bridge.domain.goal_answers import ERROR_CODES, GoalError
from bridge.i18n import Translator, load_catalog
from bridge.sharing.errors import (
    BadSignatureError,
    DamagedSummaryError,
    EmptyInputError,
    NewerVersionError,
    NotASummaryError,
    NotForYouError,
    PairingError,
    SignerChangedError,
    SummaryError,
    SummaryTooLargeError,
    WeakSignerKeyError,
    WrongCoachError,
)
from bridge.sharing.summary import SummaryTooBigError
from bridge.storage.errors import (
    AlreadySetUpError,
    BackupError,
    DamagedDataError,
    DataInUseError,
    LockedError,
    NewerDataError,
    NotSetUpError,
    StorageError,
    TooManyAttemptsError,
    UnreadablePasscodeError,
    WeakPasscodeError,
    WrongCurrentPasscodeError,
    WrongPasscodeError,
)
from bridge.storage.passcode_policy import check_passcode
from bridge.ui.messages import message_for

ROOT = pathlib.Path(__file__).resolve().parents[2]
CATALOG = load_catalog()
LANGUAGES = ("nl", "en")
FALLBACK = "error.save_failed"


def subclasses(base: type) -> set[type]:
    """`base` and every subclass, after importing every module that might define one."""
    for package in (bridge.storage, bridge.sharing, bridge.crypto):
        for module in pkgutil.iter_modules(package.__path__, package.__name__ + "."):
            importlib.import_module(module.name)
    found, todo = set(), [base]
    while todo:
        cls = todo.pop()
        if cls not in found:
            found.add(cls)
            todo.extend(cls.__subclasses__())
    return found


def raised_codes(path: str, name: str) -> set[str]:
    """The first string argument of every `name(...)` call in a source file: the codes raised."""
    tree = ast.parse((ROOT / path).read_text(encoding="utf-8"))
    return {
        node.args[0].value
        for node in ast.walk(tree)
        if isinstance(node, ast.Call)
        and isinstance(node.func, ast.Name)
        and node.func.id == name
        and node.args
        and isinstance(node.args[0], ast.Constant)
    }


# Errors that add nothing to the screen's own words ("Opening did not work. Your data has not
# changed."): the data is locked or not set up (the guards show the right screen), or saving
# failed for a reason that is not the person's to solve.
GENERIC = (StorageError, LockedError, NotSetUpError, AlreadySetUpError)

STORAGE_EXAMPLES: dict[type, list[StorageError]] = {
    StorageError: [StorageError("disk full")],
    LockedError: [LockedError("the data is locked")],
    NotSetUpError: [NotSetUpError("no passcode")],
    AlreadySetUpError: [AlreadySetUpError("set up")],
    DamagedDataError: [DamagedDataError(pathlib.Path("bridge.db"), "bad tag")],
    NewerDataError: [NewerDataError("newer")],
    DataInUseError: [DataInUseError("in use")],
    WrongPasscodeError: [WrongPasscodeError("wrong")],
    WrongCurrentPasscodeError: [WrongCurrentPasscodeError("wrong")],
    TooManyAttemptsError: [TooManyAttemptsError(s) for s in (0.2, 1.0, 2.5, 600)],
    WeakPasscodeError: [WeakPasscodeError(c) for c in ("empty", "too_short")],
    UnreadablePasscodeError: [UnreadablePasscodeError()],
    BackupError: [BackupError(code, "why") for code in BackupError.CODES],
}

SUMMARY_EXAMPLES: dict[type, list[SummaryError]] = {
    EmptyInputError: [EmptyInputError("empty")],
    SummaryTooLargeError: [SummaryTooLargeError("large")],
    DamagedSummaryError: [
        DamagedSummaryError("damaged"),
        DamagedSummaryError("damaged", AgeError("x", code="header_mac")),
    ],
    NotForYouError: [NotForYouError("other coach")],
    NotASummaryError: [NotASummaryError("not one")],
    NewerVersionError: [NewerVersionError("newer")],
    BadSignatureError: [BadSignatureError("bad")],
    WeakSignerKeyError: [WeakSignerKeyError("weak")],
    WrongCoachError: [WrongCoachError("passed on")],
    SignerChangedError: [
        SignerChangedError(
            "changed", client_id="c1", pinned_fingerprint="AB12", new_fingerprint="CD34"
        )
    ],
}

PAIRING_EXAMPLES = [
    PairingError("bad_key", "bad", age_code="bad_key"),
    PairingError("bad_key", "secret", age_code="secret_key_not_recipient"),
    PairingError("name_missing", "no name"),
    PairingError("name_too_long", "long", params={"max": 40}),
]

# Codes only a programming mistake causes (no recipients, a passphrase mixed with keys): the
# screen's own words show, and the log has the English message.
AGE_PROGRAMMING_CODES = {"no_recipients", "scrypt_not_alone", "age_error"}


def age_codes() -> set[str]:
    """Every code an AgeError can carry: each class's default and every `code="..."` raised."""
    codes = {cls.default_code for cls in subclasses(AgeError)}
    for path in (ROOT / "bridge" / "crypto").glob("*.py"):
        codes |= set(re.findall(r'code="([a-z_]+)"', path.read_text(encoding="utf-8")))
    return codes


def age_examples() -> list[AgeError]:
    return [AgeError("x", code=code) for code in sorted(age_codes() - AGE_PROGRAMMING_CODES)]


def all_examples() -> list[BaseException]:
    examples: list[BaseException] = []
    for group in (STORAGE_EXAMPLES, SUMMARY_EXAMPLES):
        for items in group.values():
            examples.extend(items)
    goals = [GoalError(code, "why") for code in ERROR_CODES]
    too_big = [SummaryTooBigError(300_000, 250_000, ("notes",)), SummaryTooBigError(1, 0, ())]
    return [*examples, *PAIRING_EXAMPLES, *age_examples(), *goals, *too_big]


def test_every_error_class_is_listed():
    assert subclasses(StorageError) == set(STORAGE_EXAMPLES)
    # The base class is never raised itself (see test_the_summary_base_class_is_not_raised).
    assert subclasses(SummaryError) - {SummaryError} == set(SUMMARY_EXAMPLES)
    assert len(age_examples()) >= 10  # the scan really found the crypto codes


def test_every_backup_goal_and_passcode_code_raised_is_listed():
    assert raised_codes("bridge/storage/backup.py", "BackupError") <= set(BackupError.CODES)
    goal_codes = set()
    for path in (ROOT / "bridge" / "domain").glob("*.py"):
        goal_codes |= raised_codes(str(path.relative_to(ROOT)), "GoalError")
    assert goal_codes and goal_codes <= set(ERROR_CODES)
    policy = {check_passcode(""), check_passcode("12"), check_passcode("\ud800abcdefgh")}
    assert policy == {"empty", "too_short", "unreadable"}
    listed = {e.code for e in STORAGE_EXAMPLES[WeakPasscodeError]} | {"unreadable"}
    assert policy == listed


def test_the_summary_base_class_is_not_raised():
    for path in (ROOT / "bridge").rglob("*.py"):
        assert "raise SummaryError(" not in path.read_text(encoding="utf-8"), path


@pytest.mark.parametrize("language", LANGUAGES)
@pytest.mark.parametrize("error", all_examples(), ids=lambda e: f"{type(e).__name__}-{e}")
def test_each_error_has_its_own_text_in_both_languages(error, language, caplog):
    t = Translator(CATALOG, language)
    with caplog.at_level(logging.ERROR):
        text = message_for(t, error, FALLBACK)
    assert not caplog.records, caplog.text  # no missing key, count or placeholder
    assert "{" not in text and "}" not in text
    assert text.strip()
    if isinstance(error, GENERIC) and type(error) in GENERIC:
        assert text == t(FALLBACK)
    else:
        assert text != t(FALLBACK), f"{type(error).__name__} has no text of its own"
        assert error.message_key not in text  # never the key itself


@pytest.mark.parametrize("error", all_examples(), ids=lambda e: f"{type(e).__name__}-{e}")
def test_the_key_is_in_both_languages(error):
    key = error.message_key
    if key is None:
        assert type(error) in GENERIC
        return
    if key not in CATALOG.entries:
        key = f"{key}.other"  # a plural text
    assert key in CATALOG.entries
    assert all(CATALOG.entries[key](language) for language in LANGUAGES)


def test_the_texts_are_the_ones_the_screens_showed_before():
    nl = Translator(CATALOG, "nl")
    assert message_for(nl, WrongPasscodeError("x"), "lock.failed") == nl("lock.wrong")
    assert message_for(nl, WrongCurrentPasscodeError("x"), "privacy.code_change_failed") == (
        "Je huidige code klopt niet. Er is niets veranderd."
    )
    wrong = BackupError("wrong_passphrase", "x")
    assert message_for(nl, wrong, "privacy.restore_failed") == (
        "Het wachtwoord klopt niet. Er is niets veranderd."
    )
    assert message_for(nl, PairingError("bad_key", "x", age_code="bad_key"), FALLBACK) == (
        "Deze sleutel klopt niet. Kijk of je hem goed hebt overgenomen. Er is niets opgeslagen."
    )
    assert message_for(nl, PairingError("name_too_long", "x", params={"max": 40}), FALLBACK) == (
        nl("share.error.name_too_long", max=40)
    )
    assert message_for(nl, StorageError("disk"), "lock.failed") == nl("lock.failed")


def test_a_wait_is_said_in_whole_seconds_with_the_plural_form():
    nl = Translator(CATALOG, "nl")
    assert message_for(nl, TooManyAttemptsError(0.2), FALLBACK) == nl("lock.wait.one", count=1)
    assert message_for(nl, TooManyAttemptsError(2.5), FALLBACK).startswith("Wacht 3 seconden.")


class Unknown(Exception):
    message_key = "no.such.key"


class MissingParams(Exception):
    message_key = "damaged.where"  # "The file is here: {path}", without a path


class PluralWithoutCount(Exception):
    message_key = "lock.wait"


@pytest.mark.parametrize(
    "error",
    [RuntimeError("boom"), ValueError(), Unknown(), MissingParams(), PluralWithoutCount()],
    ids=lambda e: type(e).__name__,
)
def test_anything_else_gets_the_screens_own_words(error):
    for language in LANGUAGES:
        t = Translator(CATALOG, language)
        assert message_for(t, error, "lock.failed") == t("lock.failed")


# -- no screen maps errors to texts by hand ------------------------------------------------

UI = ROOT / "bridge" / "ui"
ERROR_FIELDS = {"code", "age_code", "message_key", "params"}


def screen_files(coach: bool) -> list[pathlib.Path]:
    """The screens, the widgets and the actions modules: everything that shows an error.

    The coach's side (`coach_*`) was being written while this convention came in; it is
    checked on its own below, so the client's screens stay held to it meanwhile.
    """
    files = [
        *(UI / "screens").glob("*.py"),
        *(UI / "widgets").glob("*.py"),
        *UI.glob("*_actions.py"),
    ]
    return sorted(f for f in files if f.name.startswith("coach_") == coach)


def problems_in(files: list[pathlib.Path]) -> dict[str, list[str]]:
    return {
        str(path.relative_to(ROOT)): found
        for path in files
        if (found := hand_mappings(path.read_text(encoding="utf-8")))
    }


def hand_mappings(source: str) -> list[str]:
    """Places that turn an error's code into a text themselves instead of `message_for`.

    Caught: comparing `.code` / `.age_code` (`exc.code == "damaged"`, `in (...)`, `match`),
    building a key from them (an f-string or a `+`), looking them up in a table, and reading
    `.message_key` / `.params` of an error (that is `message_for`'s job). Catching one error
    class to *do* something else (navigate, count down, empty a field) is allowed: the text
    still comes from `message_for`. Only attribute reads are seen, not `getattr(e, "code")`.
    """
    found = []
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Attribute) and node.attr in ERROR_FIELDS:
            found.append(f"line {node.lineno}: .{node.attr}")
    return found


def test_no_client_screen_maps_error_codes_by_hand():
    files = screen_files(coach=False)
    assert len(files) > 20  # the scan really found the screens
    assert not problems_in(files)


def test_no_coach_screen_maps_error_codes_by_hand():
    files = screen_files(coach=True)
    assert files
    assert not problems_in(files)


def test_the_check_catches_a_hand_mapping():
    assert hand_mappings('if exc.code == "damaged":\n    pass\n')
    assert hand_mappings('text = t(f"privacy.backup_error.{exc.code}")\n')
    assert hand_mappings("text = t(exc.message_key, **exc.params)\n")
    assert hand_mappings('match error.age_code:\n    case "x":\n        pass\n')
    assert not hand_mappings('text = message_for(t, exc, "privacy.restore_failed")\n')
