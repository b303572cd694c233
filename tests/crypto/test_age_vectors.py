"""Run the age testkit vectors stored in tests/crypto/vectors/ (see its README).

Mapping of the testkit's ``expect`` values onto our exceptions:

* ``success``        → decrypts, SHA-256 of the plaintext equals ``payload``
* ``armor failure``  → :class:`ArmorError`
* ``header failure`` → :class:`MalformedHeaderError` / :class:`UnsupportedVersionError`
  / :class:`WorkFactorTooHighError`
* ``HMAC failure``   → :class:`HeaderMacError`
* ``no match``       → :class:`NoMatchingIdentityError`
* ``payload failure``→ :class:`PayloadError` (we release no partial plaintext)
"""

from __future__ import annotations

import hashlib
from pathlib import Path

import pytest

from bridge.crypto import (
    AgeError,
    ArmorError,
    HeaderMacError,
    Identity,
    MalformedHeaderError,
    NoMatchingIdentityError,
    PayloadError,
    ScryptIdentity,
    UnsupportedVersionError,
    WorkFactorTooHighError,
    X25519Identity,
    decrypt,
)
from bridge.crypto.armor import decode_armor
from bridge.crypto.header import parse_header

VECTORS = Path(__file__).parent / "vectors"
FILES = sorted(p for p in VECTORS.iterdir() if p.is_file() and p.name != "README.md")

EXPECTED: dict[str, tuple[type[AgeError], ...]] = {
    "armor failure": (ArmorError,),
    "header failure": (MalformedHeaderError, UnsupportedVersionError, WorkFactorTooHighError),
    "HMAC failure": (HeaderMacError,),
    "no match": (NoMatchingIdentityError,),
    "payload failure": (PayloadError,),
}


def _load(path: Path) -> tuple[dict[str, list[str]], bytes]:
    raw = path.read_bytes()
    head, _, body = raw.partition(b"\n\n")
    meta: dict[str, list[str]] = {}
    for line in head.decode().splitlines():
        key, _, value = line.partition(": ")
        meta.setdefault(key, []).append(value)
    return meta, body


def test_vectors_are_present() -> None:
    assert len(FILES) >= 15


@pytest.mark.parametrize("path", FILES, ids=[p.name for p in FILES])
def test_vector(path: Path) -> None:
    meta, data = _load(path)
    identities: list[Identity] = [X25519Identity.parse(s) for s in meta.get("identity", [])]
    identities += [ScryptIdentity(s) for s in meta.get("passphrase", [])]
    expect = meta["expect"][0]
    if expect == "success":
        plaintext = decrypt(data, identities)
        assert hashlib.sha256(plaintext).hexdigest() == meta["payload"][0]
        # Cross-check the unwrapped file key against the vector's "file key".
        binary = decode_armor(data) if meta.get("armored") == ["yes"] else data
        header, _ = parse_header(binary)
        file_key = identities[0].unwrap_file_key(header.stanzas)
        assert file_key is not None and file_key.hex() == meta["file key"][0]
        assert header.verify_mac(file_key)
    else:
        with pytest.raises(EXPECTED[expect]):
            decrypt(data, identities)
