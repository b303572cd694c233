"""Drives the reference `age` tool from tests, including its passphrase prompt (TTY only)."""

from __future__ import annotations

import shutil

import pexpect

AGE = shutil.which("age")


def age_with_passphrase(args: list[str], passphrase: str, *, confirm: bool = False) -> str:
    """Runs `age ARGS`, answering the passphrase prompt (twice with `confirm`); returns what it
    printed after the prompt. Fails the test when age exits with an error."""
    if AGE is None:
        raise AssertionError("the age tool is not installed (the test command installs it)")
    child = pexpect.spawn(AGE, args, timeout=120, encoding="utf-8")
    try:
        child.expect("passphrase")
        child.sendline(passphrase)
        if confirm:
            child.expect("Confirm passphrase")
            child.sendline(passphrase)
        child.expect(pexpect.EOF)
        output = child.before or ""
    finally:
        child.close()
    if child.exitstatus != 0:
        raise AssertionError(f"age {' '.join(args)} failed: {output}")
    return output
