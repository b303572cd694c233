"""A client without the app: the reference `age` tool opens a sealed plan with the client's own
key, and the readable plan comes first."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
from pathlib import Path

import pytest

from bridge.sharing.plan import seal_plan
from bridge.sharing.signed_text import SEPARATOR

from .plan_helpers import CLIENT, COACH_ID, plan_for, text_of

AGE = shutil.which("age")
# As tests/sharing/test_age_cli.py: tests/run.sh sets BRIDGE_REQUIRE_TOOLS=1, and then a
# missing tool fails; a bare `pytest` on a machine without age skips.
if AGE is None:
    if os.environ.get("BRIDGE_REQUIRE_TOOLS") == "1":
        raise RuntimeError("the age CLI is not installed (apt-get install age)")
    pytestmark = pytest.mark.skip(reason="the age CLI is not installed (apt-get install age)")


@pytest.mark.parametrize("language", ["nl", "en"])
def test_age_opens_a_sealed_plan_with_the_clients_key_and_the_text_comes_first(
    language, tmp_path: Path
):
    assert AGE is not None
    key = tmp_path / "client.key"
    key.write_text(f"# the client's own age key, for the test\n{CLIENT.age.to_string()}\n")
    plan = plan_for(language=language)
    text = text_of(plan, language)
    sealed = tmp_path / "plan-2026-05-03.age"
    sealed.write_text(seal_plan(plan, COACH_ID, CLIENT.recipient, text))
    proc = subprocess.run(
        [AGE, "-d", "-i", str(key), str(sealed)], capture_output=True, timeout=60, check=False
    )
    assert proc.returncode == 0, proc.stderr.decode(errors="replace")
    output = proc.stdout.decode("utf-8")
    assert output.startswith(text + "\n" + SEPARATOR + "\n{")
    title = "# Wat we afspraken" if language == "nl" else "# What we agreed"
    assert output.splitlines()[0] == title
    assert "Maandag de woningcorporatie bellen" in output.split(SEPARATOR)[0]
    envelope = json.loads(output.split(SEPARATOR + "\n")[1])
    assert envelope["client"] == CLIENT.recipient.to_string()
    assert envelope["payload"]["client_id"] == CLIENT.client_id
