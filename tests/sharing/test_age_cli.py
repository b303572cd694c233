"""A coach without the app: the reference `age` tool opens a sealed summary and it reads well."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
from pathlib import Path

import pytest

from bridge.sharing import (
    NotASummaryError,
    SummaryChoices,
    WrongCoachError,
    open_summary,
    seal_summary,
)
from bridge.sharing.envelope import SEPARATOR

from .helpers import CLIENT, COACH, CONTENT, NOTE, OTHER_COACH, summary

AGE = shutil.which("age")
# As in tests/crypto/test_age_interop.py: tests/run.sh sets BRIDGE_REQUIRE_TOOLS=1, and
# then a missing tool fails; a bare `pytest` on a machine without age skips.
if AGE is None:
    if os.environ.get("BRIDGE_REQUIRE_TOOLS") == "1":
        raise RuntimeError("the age CLI is not installed (apt-get install age)")
    pytestmark = pytest.mark.skip(reason="the age CLI is not installed (apt-get install age)")


def _age(*args: str, stdin: bytes = b"") -> bytes:
    assert AGE is not None
    proc = subprocess.run([AGE, *args], input=stdin, capture_output=True, timeout=60)
    if proc.returncode != 0:
        raise AssertionError(f"age failed: {proc.stderr.decode(errors='replace')}")
    return proc.stdout


@pytest.fixture
def coach_key(tmp_path: Path) -> Path:
    path = tmp_path / "coach.key"
    path.write_text(f"# the coach's identity, for the test\n{COACH.to_string()}\n")
    return path


def _age_decrypt(sealed: bytes, coach_key: Path, tmp_path: Path) -> str:
    file = tmp_path / "summary.age"
    file.write_bytes(sealed)
    return _age("-d", "-i", str(coach_key), str(file)).decode("utf-8")


@pytest.mark.parametrize("armor", [True, False], ids=["armor", "binary"])
@pytest.mark.parametrize("language", ["nl", "en"])
def test_age_opens_a_sealed_summary_with_the_bridge_and_without_the_note(
    armor, language, coach_key, tmp_path
):
    built = summary(language=language)
    output = _age_decrypt(
        seal_summary(built, CLIENT, COACH.recipient, armor=armor), coach_key, tmp_path
    )
    # The readable summary is at the top, as plain text, then the signed data as JSON.
    assert output.startswith(built.text + "\n" + SEPARATOR + "\n{")
    latest = built.payload["bridge"]["latest"]["steps"]
    for area in CONTENT.areas:
        assert area.name(language) in output
        assert area.step(latest[area.id]).label(language) in output
    bold = "**Wonen: stap 4 van 5" if language == "nl" else "**Housing: step 4 of 5"
    assert bold in output
    assert NOTE not in output
    envelope = json.loads(output.split(SEPARATOR + "\n")[1])
    assert envelope["version"] == 2
    assert envelope["coach"] == COACH.recipient.to_string()
    assert envelope["payload"] == built.payload


def test_age_shows_the_note_when_the_client_chose_to_share_it(coach_key, tmp_path):
    built = summary(SummaryChoices(notes=True))
    output = _age_decrypt(seal_summary(built, CLIENT, COACH.recipient), coach_key, tmp_path)
    assert NOTE in output


def test_a_file_age_made_from_plain_text_is_not_a_summary():
    sealed = _age("-e", "-a", "-r", COACH.recipient.to_string(), stdin=b"Hoi, hier is mijn brug.\n")
    with pytest.raises(NotASummaryError):
        open_summary(sealed, COACH)


def test_a_summary_re_encrypted_by_age_still_opens(coach_key, tmp_path):
    """age -d, then age -e again (e.g. an IT department re-encrypting): the signature holds."""
    plaintext = _age_decrypt(seal_summary(summary(), CLIENT, COACH.recipient), coach_key, tmp_path)
    again = _age("-e", "-r", COACH.recipient.to_string(), stdin=plaintext.encode("utf-8"))
    assert open_summary(again, COACH).client_id == CLIENT.client_id


def test_a_summary_age_re_encrypted_to_another_coach_is_refused(coach_key, tmp_path):
    """Someone who can decrypt passes the summary on to another coach: that coach refuses it."""
    plaintext = _age_decrypt(seal_summary(summary(), CLIENT, COACH.recipient), coach_key, tmp_path)
    passed_on = _age("-e", "-r", OTHER_COACH.recipient.to_string(), stdin=plaintext.encode())
    with pytest.raises(WrongCoachError):
        open_summary(passed_on, OTHER_COACH)
