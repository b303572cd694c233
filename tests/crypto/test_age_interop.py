"""Interoperability with the reference ``age`` CLI (Debian package ``age``).

Both directions (app → ``age -d`` and ``age -e`` → app), binary and armored,
X25519 and scrypt, several recipients, and payload sizes around the 64 KiB
chunk boundary.  ``age -p`` only reads passphrases from a terminal, so those
tests drive it through a pseudo-terminal with pexpect.
"""

from __future__ import annotations

import base64
import io
import os
import shutil
import subprocess
import threading
from pathlib import Path
from typing import BinaryIO

import pytest

from bridge.crypto import (
    HeaderMacError,
    PayloadError,
    ScryptIdentity,
    ScryptRecipient,
    X25519Identity,
    X25519Recipient,
    decrypt,
    decrypt_file,
    encrypt,
    encrypt_file,
)
from bridge.crypto.armor import decode_armor
from tests.age_cli import age_with_passphrase

from .age_helpers import ALICE, BOB, DeterministicRand

AGE = shutil.which("age")
AGE_KEYGEN = shutil.which("age-keygen")
# The README's test command sets BRIDGE_REQUIRE_TOOLS=1: there a missing tool is a failure,
# not a quiet skip. A bare `pytest` on a machine without age skips with the reason.
if AGE is None or AGE_KEYGEN is None:
    if os.environ.get("BRIDGE_REQUIRE_TOOLS") == "1":
        raise RuntimeError("the age CLI is not installed (apt-get install age)")
    pytestmark = pytest.mark.skip(reason="the age CLI is not installed (apt-get install age)")

KIB64 = 64 * 1024
SIZES = [0, 1, KIB64, KIB64 + 1, 2 * KIB64 + 1000]  # 3 chunks for the last one
SIZE_IDS = ["0B", "1B", "64KiB", "64KiB+1", "3chunks"]


def _plaintext(size: int) -> bytes:
    return bytes((i * 7 + size) % 256 for i in range(size))


def _age(*args: str, stdin: bytes = b"") -> bytes:
    assert AGE is not None
    proc = subprocess.run([AGE, *args], input=stdin, capture_output=True, timeout=120)
    if proc.returncode != 0:
        raise AssertionError(f"age {' '.join(args)} failed: {proc.stderr.decode(errors='replace')}")
    return proc.stdout


class CliKey:
    """A key pair made by ``age-keygen``, with its identity file."""

    def __init__(self, directory: Path, name: str) -> None:
        assert AGE_KEYGEN is not None
        self.path = directory / f"{name}.txt"
        subprocess.run([AGE_KEYGEN, "-o", str(self.path)], check=True, capture_output=True)
        self.recipient = subprocess.run(
            [AGE_KEYGEN, "-y", str(self.path)], check=True, capture_output=True, text=True
        ).stdout.strip()
        secret = next(
            line for line in self.path.read_text().splitlines() if line.startswith("AGE-SECRET")
        )
        self.identity = X25519Identity.parse(secret)


@pytest.fixture(scope="module")
def cli_keys(tmp_path_factory: pytest.TempPathFactory) -> tuple[CliKey, CliKey]:
    directory = tmp_path_factory.mktemp("age-keys")
    return CliKey(directory, "one"), CliKey(directory, "two")


@pytest.fixture(scope="module")
def app_key_file(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("app-keys") / "alice.txt"
    path.write_text(f"# created by the Bridge tests\n{ALICE.to_string()}\n")
    return path


def test_keys_agree(cli_keys: tuple[CliKey, CliKey], app_key_file: Path) -> None:
    for key in cli_keys:
        assert key.identity.recipient.to_string() == key.recipient
        assert X25519Recipient.parse(key.recipient) == key.identity.recipient
    assert AGE_KEYGEN is not None
    derived = subprocess.run(
        [AGE_KEYGEN, "-y", str(app_key_file)], check=True, capture_output=True, text=True
    ).stdout.strip()
    assert derived == ALICE.recipient.to_string()


@pytest.mark.parametrize("armor", [False, True], ids=["binary", "armor"])
@pytest.mark.parametrize("size", SIZES, ids=SIZE_IDS)
def test_app_to_age_x25519(
    size: int, armor: bool, cli_keys: tuple[CliKey, CliKey], tmp_path: Path
) -> None:
    plaintext = _plaintext(size)
    recipient = X25519Recipient.parse(cli_keys[0].recipient)
    encrypted = tmp_path / "file.age"
    encrypted.write_bytes(encrypt(plaintext, [recipient], armor=armor))
    assert _age("-d", "-i", str(cli_keys[0].path), str(encrypted)) == plaintext


@pytest.mark.parametrize("armor", [False, True], ids=["binary", "armor"])
@pytest.mark.parametrize("size", SIZES, ids=SIZE_IDS)
def test_age_to_app_x25519(size: int, armor: bool, cli_keys: tuple[CliKey, CliKey]) -> None:
    plaintext = _plaintext(size)
    args = ["-e", "-r", cli_keys[0].recipient] + (["-a"] if armor else [])
    encrypted = _age(*args, stdin=plaintext)
    assert encrypted.startswith(b"-----BEGIN" if armor else b"age-encryption.org/v1")
    assert decrypt(encrypted, [cli_keys[0].identity]) == plaintext


@pytest.mark.parametrize("armor", [False, True], ids=["binary", "armor"])
def test_age_several_recipients_second_identity(
    armor: bool, cli_keys: tuple[CliKey, CliKey]
) -> None:
    plaintext = _plaintext(KIB64 + 1)
    args = ["-e", "-r", cli_keys[0].recipient, "-r", cli_keys[1].recipient]
    encrypted = _age(*args, *(["-a"] if armor else []), stdin=plaintext)
    assert decrypt(encrypted, [cli_keys[1].identity]) == plaintext
    assert decrypt(encrypted, [ALICE, cli_keys[1].identity]) == plaintext


def test_app_several_recipients_second_identity(
    cli_keys: tuple[CliKey, CliKey], tmp_path: Path
) -> None:
    plaintext = _plaintext(3000)
    recipients = [X25519Recipient.parse(k.recipient) for k in cli_keys]
    encrypted = tmp_path / "file.age"
    encrypted.write_bytes(encrypt(plaintext, [ALICE.recipient, *recipients]))
    assert _age("-d", "-i", str(cli_keys[1].path), str(encrypted)) == plaintext


def test_age_decrypts_with_app_generated_key(app_key_file: Path, tmp_path: Path) -> None:
    encrypted = tmp_path / "file.age"
    encrypted.write_bytes(encrypt(b"made by Bridge", [ALICE.recipient, BOB.recipient]))
    assert _age("-d", "-i", str(app_key_file), str(encrypted)) == b"made by Bridge"
    # …and the other way round: age encrypting to the app's public key.
    assert decrypt(_age("-e", "-r", ALICE.recipient.to_string(), stdin=b"hi"), [ALICE]) == b"hi"


def test_known_answer_file_is_valid_for_age(app_key_file: Path, tmp_path: Path) -> None:
    # Same inputs as test_age_api.test_fixed_seed_known_answer_x25519.
    plaintext = b"Bridge known answer " * 5000
    data = encrypt(
        plaintext, [ALICE.recipient, BOB.recipient], rand=DeterministicRand(b"bridge-kat")
    )
    encrypted = tmp_path / "kat.age"
    encrypted.write_bytes(data)
    assert _age("-d", "-i", str(app_key_file), str(encrypted)) == plaintext


def test_age_rejects_what_app_rejects(app_key_file: Path, tmp_path: Path) -> None:
    data = encrypt(b"x" * 100, [ALICE.recipient])
    start = data.index(b"\n--- ") + 5
    end = data.index(b"\n", start)
    mac = bytearray(base64.b64decode(data[start:end] + b"="))
    mac[0] ^= 0x01  # a well-formed but wrong MAC
    bad = data[:start] + base64.b64encode(bytes(mac)).rstrip(b"=") + data[end:]
    encrypted = tmp_path / "bad.age"
    encrypted.write_bytes(bad)
    with pytest.raises(HeaderMacError):
        decrypt(bad, [ALICE])
    with pytest.raises(AssertionError, match="failed"):
        _age("-d", "-i", str(app_key_file), str(encrypted))


# --- the streaming API (encrypt_file / decrypt_file) ----------------------------

# Chunk boundaries: a last chunk one short, exactly full (never followed by an empty
# chunk), one byte into the next, and two full chunks.
STREAM_SIZES = [0, KIB64 - 1, KIB64, KIB64 + 1, 2 * KIB64, 2 * KIB64 + 1, 4 * KIB64 + 17]


@pytest.mark.parametrize("armor", [False, True], ids=["binary", "armor"])
@pytest.mark.parametrize("size", STREAM_SIZES)
def test_app_stream_to_age(
    size: int, armor: bool, cli_keys: tuple[CliKey, CliKey], tmp_path: Path
) -> None:
    plaintext = _plaintext(size)
    source, encrypted = tmp_path / "in.bin", tmp_path / "file.age"
    source.write_bytes(plaintext)
    recipient = X25519Recipient.parse(cli_keys[0].recipient)
    with source.open("rb") as src, encrypted.open("wb") as dst:
        assert encrypt_file(src, dst, [recipient], armor=armor) == size
    assert _age("-d", "-i", str(cli_keys[0].path), str(encrypted)) == plaintext


@pytest.mark.parametrize("armor", [False, True], ids=["binary", "armor"])
@pytest.mark.parametrize("size", STREAM_SIZES)
def test_age_to_app_stream(
    size: int, armor: bool, cli_keys: tuple[CliKey, CliKey], tmp_path: Path
) -> None:
    plaintext = _plaintext(size)
    source, encrypted, opened = tmp_path / "in.bin", tmp_path / "file.age", tmp_path / "out"
    source.write_bytes(plaintext)
    args = ["-e", "-r", cli_keys[0].recipient, *(["-a"] if armor else [])]
    _age(*args, "-o", str(encrypted), str(source))
    with encrypted.open("rb") as src, opened.open("wb") as dst:
        assert decrypt_file(src, dst, [cli_keys[0].identity]) == size
    assert opened.read_bytes() == plaintext


@pytest.mark.parametrize("armor", [False, True], ids=["binary", "armor"])
def test_streams_through_pipes_both_ways(armor: bool, cli_keys: tuple[CliKey, CliKey]) -> None:
    # age -e writes into a pipe we decrypt from; we encrypt into a pipe age -d reads.
    assert AGE is not None
    plaintext = _plaintext(3 * KIB64 + 5)
    args = [AGE, "-e", "-r", cli_keys[0].recipient, *(["-a"] if armor else [])]
    with subprocess.Popen(args, stdin=subprocess.PIPE, stdout=subprocess.PIPE) as age_e:
        assert age_e.stdin is not None and age_e.stdout is not None
        feeder = threading.Thread(target=_write_into, args=(plaintext, age_e.stdin))
        feeder.start()
        out = io.BytesIO()
        decrypt_file(age_e.stdout, out, [cli_keys[0].identity])
        feeder.join()
    assert age_e.returncode == 0 and out.getvalue() == plaintext

    recipient = X25519Recipient.parse(cli_keys[0].recipient)
    args = [AGE, "-d", "-i", str(cli_keys[0].path)]
    with subprocess.Popen(args, stdin=subprocess.PIPE, stdout=subprocess.PIPE) as age_d:
        assert age_d.stdin is not None and age_d.stdout is not None
        writer = threading.Thread(target=_encrypt_into, args=(plaintext, age_d.stdin, recipient))
        writer.start()
        opened = age_d.stdout.read()  # not communicate(): it would close age's stdin
        writer.join()
    assert age_d.returncode == 0 and opened == plaintext


def _write_into(data: bytes, pipe: BinaryIO) -> None:
    with pipe:
        pipe.write(data)


def _encrypt_into(plaintext: bytes, pipe: BinaryIO, recipient: X25519Recipient) -> None:
    with pipe:
        encrypt_file(io.BytesIO(plaintext), pipe, [recipient])


def test_age_and_app_refuse_the_same_cut_stream(
    cli_keys: tuple[CliKey, CliKey], tmp_path: Path
) -> None:
    # The last of three chunks removed: every chunk left is sound, only the end is missing.
    encrypted, opened = tmp_path / "file.age", tmp_path / "out"
    data = _age("-e", "-r", cli_keys[0].recipient, stdin=_plaintext(2 * KIB64 + 9))
    encrypted.write_bytes(data[: -(9 + 16)])
    with pytest.raises(AssertionError, match="failed"):
        _age("-d", "-i", str(cli_keys[0].path), str(encrypted))
    with encrypted.open("rb") as src, opened.open("wb") as dst, pytest.raises(PayloadError):
        decrypt_file(src, dst, [cli_keys[0].identity])
    assert opened.read_bytes() == b""  # the two sound chunks were taken back


# --- scrypt (age -p) through a pseudo-terminal -----------------------------------


PASSPHRASE = "correct horse battery staple ✓"


@pytest.mark.parametrize("armor", [False, True], ids=["binary", "armor"])
@pytest.mark.parametrize("size", [0, KIB64 + 1], ids=["0B", "64KiB+1"])
def test_app_to_age_scrypt(size: int, armor: bool, tmp_path: Path) -> None:
    plaintext = _plaintext(size)
    encrypted, out = tmp_path / "file.age", tmp_path / "out.bin"
    recipient = ScryptRecipient(PASSPHRASE, work_factor=12)
    encrypted.write_bytes(encrypt(plaintext, [recipient], armor=armor))
    age_with_passphrase(["-d", "-o", str(out), str(encrypted)], PASSPHRASE, confirm=False)
    # age opens its -o file lazily: an empty plaintext leaves no file behind.
    assert (out.read_bytes() if out.exists() else b"") == plaintext


@pytest.mark.parametrize("armor", [False, True], ids=["binary", "armor"])
def test_age_to_app_scrypt(armor: bool, tmp_path: Path) -> None:
    # age uses its default work factor (18): this also checks we can afford it.
    plaintext = _plaintext(2 * KIB64 + 1000)
    source, encrypted = tmp_path / "in.bin", tmp_path / "file.age"
    source.write_bytes(plaintext)
    args = ["-p", *(["-a"] if armor else []), "-o", str(encrypted), str(source)]
    age_with_passphrase(args, PASSPHRASE, confirm=True)
    data = encrypted.read_bytes()
    assert b"\n-> scrypt " in (decode_armor(data) if armor else data)
    assert decrypt(data, [ScryptIdentity(PASSPHRASE)]) == plaintext
