"""Hostile and broken input: each gives its own error with a plain message, and stores nothing."""

from __future__ import annotations

import base64
import json
import os
from collections.abc import Callable

import pytest

import bridge.sharing.envelope as envelope_module
from bridge.crypto import ScryptRecipient, encrypt
from bridge.sharing import (
    BadSignatureError,
    ClientIdentity,
    DamagedSummaryError,
    EmptyInputError,
    NewerVersionError,
    NotASummaryError,
    NotForYouError,
    SignerChangedError,
    SummaryChoices,
    SummaryError,
    SummaryTooLargeError,
    WeakSignerKeyError,
    client_identity,
    open_summary,
    pair_coach,
    seal_summary,
)
from bridge.sharing.signing_key import client_id_for, signer_fingerprint
from bridge.sharing.weak_keys import is_weak_public_key

from .helpers import (
    CLIENT,
    COACH,
    NOTE,
    OTHER_CLIENT,
    OTHER_COACH,
    b64,
    envelope,
    plaintext_v2,
    seal_bytes,
    seal_json,
    summary,
    t,
)

BUILT = summary(SummaryChoices(notes=True))
PAYLOAD = dict(BUILT.payload)
LINES = BUILT.text.split("\n")
GOOD = seal_summary(BUILT, CLIENT, COACH.recipient, armor=False)


def _flip(data: bytes, index: int) -> bytes:
    return data[:index] + bytes([data[index] ^ 0x01]) + data[index + 1 :]


def _signed(**changes):
    return seal_json(envelope(PAYLOAD, LINES, **changes))


def _after_signing(change: Callable[[dict], None]) -> bytes:
    env = envelope(json.loads(json.dumps(PAYLOAD)), LINES)
    change(env)
    return seal_json(env)


def _bad_signature() -> bytes:
    env = envelope(PAYLOAD, LINES)
    raw = bytearray(base64.b64decode(env["signature"]))
    raw[10] ^= 0x40
    env["signature"] = b64(bytes(raw))
    return seal_json(env)


def _nested(depth: int) -> bytes:
    return seal_bytes(b"[" * depth + b"]" * depth)


def _claims_victim() -> bytes:
    """Someone else's key, validly signing a summary that names this client (CLIENT)."""
    return seal_json(envelope(PAYLOAD, LINES, key=OTHER_CLIENT))


CASES: list[tuple[str, Callable[[], bytes | str], type[SummaryError], str]] = [
    ("empty-bytes", lambda: b"", EmptyInputError, "empty"),
    ("empty-text", lambda: "  \r\n\t ", EmptyInputError, "empty"),
    (
        "over-1-MB",
        lambda: b"age-encryption.org/v1\n" + b"x" * 1_000_000,
        SummaryTooLargeError,
        "too_large",
    ),
    (
        "over-1-MB-armored",
        lambda: "-----BEGIN AGE ENCRYPTED FILE-----\n" + "A" * 1_000_001,
        SummaryTooLargeError,
        "too_large",
    ),
    # Not an age file at all (another file picked): not a summary, not a damaged one.
    ("random-bytes", lambda: os.urandom(600), NotASummaryError, "not_a_summary"),
    ("a-photo", lambda: b"\x89PNG\r\n\x1a\n" + os.urandom(300), NotASummaryError, "not_a_summary"),
    ("cut-after-the-first-line", lambda: GOOD[:30], DamagedSummaryError, "damaged"),
    (
        "armored-garbage",
        lambda: (
            "-----BEGIN AGE ENCRYPTED FILE-----\nbm90IGFnZQ==\n-----END AGE ENCRYPTED FILE-----\n"
        ),
        DamagedSummaryError,
        "damaged",
    ),
    ("plain-words", lambda: "Hoi coach, hier is mijn brug!", NotASummaryError, "not_a_summary"),
    ("truncated", lambda: GOOD[: len(GOOD) - 40], DamagedSummaryError, "damaged"),
    ("payload-bit-flipped", lambda: _flip(GOOD, len(GOOD) - 30), DamagedSummaryError, "damaged"),
    (
        "header-mac-changed",
        lambda: _flip(GOOD, GOOD.index(b"\n--- ") + 8),
        DamagedSummaryError,
        "damaged",
    ),
    ("trailing-bytes", lambda: GOOD + b"\x00", DamagedSummaryError, "damaged"),
    (
        "for-another-coach",
        lambda: seal_summary(BUILT, CLIENT, OTHER_COACH.recipient),
        NotForYouError,
        "not_for_you",
    ),
    (
        "passphrase-file",
        lambda: encrypt(b"{}", [ScryptRecipient("geheim", work_factor=10)]),
        NotForYouError,
        "not_for_you",
    ),
    (
        "age-not-json",
        lambda: seal_bytes(b"Hallo, dit is gewoon tekst."),
        NotASummaryError,
        "not_a_summary",
    ),
    ("age-not-utf8", lambda: seal_bytes(b"\xff\xfe{}"), NotASummaryError, "not_a_summary"),
    ("age-empty-plaintext", lambda: seal_bytes(b""), NotASummaryError, "not_a_summary"),
    ("json-list", lambda: seal_json([1, 2, 3]), NotASummaryError, "not_a_summary"),
    (
        "json-other-format",
        lambda: seal_json({"format": "backup", "version": 1}),
        NotASummaryError,
        "not_a_summary",
    ),
    ("payload-as-envelope", lambda: seal_json(PAYLOAD), NotASummaryError, "not_a_summary"),
    (
        "duplicate-keys",
        lambda: seal_bytes(b'{"format":"bridge-summary-envelope","format":"x"}'),
        NotASummaryError,
        "not_a_summary",
    ),
    (
        "nan",
        lambda: seal_bytes(b'{"format":"bridge-summary-envelope","version":NaN}'),
        NotASummaryError,
        "not_a_summary",
    ),
    ("deep-nesting", lambda: _nested(200_000), NotASummaryError, "not_a_summary"),
    (
        "huge-number",
        lambda: seal_bytes(b'{"version":' + b"9" * 5000 + b"}"),
        NotASummaryError,
        "not_a_summary",
    ),
    ("envelope-version-0", lambda: _signed(version=0), NotASummaryError, "not_a_summary"),
    ("envelope-version-text", lambda: _signed(version="1"), NotASummaryError, "not_a_summary"),
    ("envelope-extra-key", lambda: _signed(extra=True), NotASummaryError, "not_a_summary"),
    (
        "envelope-text-not-list",
        lambda: _signed(text="\n".join(LINES)),
        NotASummaryError,
        "not_a_summary",
    ),
    ("envelope-signer-number", lambda: _signed(signer=5), NotASummaryError, "not_a_summary"),
    (
        "future-envelope",
        lambda: _signed(version=3, signature=None, new_field=1),
        NewerVersionError,
        "newer_version",
    ),
    (
        "future-payload",
        lambda: seal_json(envelope({**PAYLOAD, "version": 2, "new": []}, LINES)),
        NewerVersionError,
        "newer_version",
    ),
    (
        "signed-but-not-our-payload",
        lambda: seal_json(envelope({"format": "x"}, LINES)),
        NotASummaryError,
        "not_a_summary",
    ),
    (
        "signed-but-step-9",
        lambda: seal_json(
            envelope(
                {
                    **PAYLOAD,
                    "bridge": {
                        "latest": None,
                        "history": [{"date": "2026-01-01", "steps": {"housing": 9}}],
                    },
                },
                LINES,
            )
        ),
        NotASummaryError,
        "not_a_summary",
    ),
    ("tampered-signature", _bad_signature, BadSignatureError, "bad_signature"),
    (
        "signature-short",
        lambda: _signed(signature=b64(bytes(63))),
        BadSignatureError,
        "bad_signature",
    ),
    ("signature-not-base64", lambda: _signed(signature="%%%"), BadSignatureError, "bad_signature"),
    (
        "signer-swapped",
        lambda: _signed(signer=b64(OTHER_CLIENT.public_key)),
        BadSignatureError,
        "bad_signature",
    ),
    (
        "payload-changed-after-signing",
        lambda: _after_signing(
            lambda e: e["payload"]["bridge"]["latest"]["steps"].update(housing=5)
        ),
        BadSignatureError,
        "bad_signature",
    ),
    (
        "note-removed-after-signing",
        lambda: _after_signing(lambda e: e["payload"]["notes"].clear()),
        BadSignatureError,
        "bad_signature",
    ),
    (
        "text-changed-after-signing",
        lambda: _after_signing(lambda e: e["text"].append("Extra regel")),
        BadSignatureError,
        "bad_signature",
    ),
    ("other-key-claims-this-client", _claims_victim, BadSignatureError, "bad_signature"),
]


@pytest.fixture
def paired_repo(repo):
    """A client's data with a coach and a key, to show that nothing changes."""
    pair_coach(repo, "Marieke", COACH.recipient.to_string())
    client_identity(repo)
    return repo


def _state(repo):
    return {
        table: repo.records(table) for table in ("coaches", "keys", "settings")
    }, repo.path.read_bytes()


@pytest.mark.parametrize(
    ("make", "error", "code"), [c[1:] for c in CASES], ids=[c[0] for c in CASES]
)
def test_hostile_input_gives_its_own_error_and_stores_nothing(paired_repo, make, error, code):
    before = _state(paired_repo)
    with pytest.raises(error) as caught:
        open_summary(make(), COACH)
    assert type(caught.value) is error
    assert caught.value.code == code
    message = caught.value.message
    assert message and message[0].isupper() and message.endswith(".")
    for secret in (COACH.to_string(), NOTE, CLIENT.secret_bytes().hex()):
        assert secret not in message
    for language in ("nl", "en"):
        assert t(language)(caught.value.message_key, **caught.value.params)
    assert _state(paired_repo) == before


def test_damaged_keeps_the_age_errors_code():
    with pytest.raises(DamagedSummaryError) as caught:
        open_summary(GOOD[:-40], COACH)
    assert caught.value.age_code in {"payload_damaged", "truncated"}
    assert caught.value.__cause__ is not None


def test_size_is_checked_before_anything_is_decrypted(monkeypatch):
    def must_not_run(*args, **kwargs):
        raise AssertionError("decrypt ran on an oversized file")

    monkeypatch.setattr(envelope_module, "decrypt", must_not_run)
    with pytest.raises(SummaryTooLargeError):
        open_summary(b"x" * 1_000_001, COACH)
    with pytest.raises(SummaryTooLargeError):
        open_summary(GOOD, COACH, max_size=len(GOOD) - 1)


def test_exactly_the_limit_is_allowed():
    assert open_summary(GOOD, COACH, max_size=len(GOOD)).client_id == CLIENT.client_id


def test_a_new_key_for_a_pinned_client_warns_with_both_fingerprints():
    sealed = seal_summary(BUILT, CLIENT, COACH.recipient)
    with pytest.raises(SignerChangedError) as caught:
        open_summary(sealed, COACH, pinned_signer=OTHER_CLIENT.public_key)
    error = caught.value
    assert error.code == "signer_changed"
    assert error.client_id == CLIENT.client_id
    assert error.pinned_fingerprint == signer_fingerprint(OTHER_CLIENT.public_key)
    assert error.new_fingerprint == CLIENT.fingerprint
    warning = t("nl")(error.message_key, **error.params)
    assert error.pinned_fingerprint in warning and error.new_fingerprint in warning


def test_someone_else_claiming_a_pinned_client_gets_the_loud_warning():
    """Without a pin that is a bad signature; with the victim's key pinned, the warning."""
    with pytest.raises(SignerChangedError) as caught:
        open_summary(_claims_victim(), COACH, pinned_signer=CLIENT.public_key)
    assert caught.value.new_fingerprint == OTHER_CLIENT.fingerprint


def test_a_wrong_signature_is_never_excused_by_a_pin():
    with pytest.raises(BadSignatureError):
        open_summary(_bad_signature(), COACH, pinned_signer=CLIENT.public_key)


def test_not_bytes_or_text_is_a_programming_error():
    with pytest.raises(TypeError):
        open_summary(123, COACH)  # type: ignore[arg-type]


_P = 2**255 - 19
# y of the eight points of small order: the identity (1), order 2 (p - 1), order 4 (0),
# order 8 (±c; libsodium's blocklist lists the same values).
_C = 0x7A03AC9277FDC74EC6CC392CFA53202A0F67100D760B3CBA4FD84D3D706A17C7
_SMALL_ORDER_Y = [1, _P - 1, 0, _C, _P - _C]


def _encodings() -> list[bytes]:
    """Every encoding of a small-order point: both sign bits, and y + p where it fits."""
    ys = _SMALL_ORDER_Y + [y + _P for y in _SMALL_ORDER_Y if y + _P < 2**255]
    return [(y | sign << 255).to_bytes(32, "little") for y in ys for sign in (0, 1)]


IDENTITY = (1).to_bytes(32, "little")
#: R = the identity, S = 0: with the identity as public key this "verifies" every message.
UNIVERSAL_SIGNATURE = IDENTITY + bytes(32)


def _signed_with(weak_key: bytes, signature: bytes, version: int) -> bytes:
    payload = {**PAYLOAD, "client_id": client_id_for(weak_key)}
    if version == 1:
        env = envelope(payload, LINES, signer=b64(weak_key), signature=b64(signature))
        return seal_json(env)
    text = BUILT.text
    return seal_bytes(plaintext_v2(payload, text, signature=signature, signer=b64(weak_key)))


@pytest.mark.parametrize("version", [1, 2])
def test_a_small_order_signer_key_with_its_universal_signature_is_refused(version):
    """Before the check this opened: the identity key's fixed signature fits any summary."""
    with pytest.raises(WeakSignerKeyError) as caught:
        open_summary(_signed_with(IDENTITY, UNIVERSAL_SIGNATURE, version), COACH)
    assert caught.value.code == "weak_signer_key"
    assert t("nl")(caught.value.message_key).startswith("Deze samenvatting heeft een handtekening")
    assert t("en")(caught.value.message_key).startswith("This summary has a signature")


@pytest.mark.parametrize("key", _encodings(), ids=lambda k: k.hex()[:8] + "…" + k.hex()[-2:])
def test_every_small_order_or_non_canonical_signer_key_is_refused(key):
    assert is_weak_public_key(key)
    with pytest.raises(WeakSignerKeyError):
        open_summary(_signed_with(key, UNIVERSAL_SIGNATURE, 2), COACH)


def test_real_keys_are_not_weak():
    assert not any(is_weak_public_key(ClientIdentity.generate().public_key) for _ in range(200))
    assert not is_weak_public_key(CLIENT.public_key)
