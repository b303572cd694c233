#!/usr/bin/env bash
# Sets up everything the tests need on a fresh machine and runs every check:
# lint, format, types, unit, storage, crypto (with the real `age` tool) and end to end
# (the real app in headless Chromium). Extra arguments go to pytest.
set -euo pipefail
cd "$(dirname "$0")/.."

missing=()
command -v chromium >/dev/null 2>&1 || missing+=(chromium)
command -v age >/dev/null 2>&1 || missing+=(age)
if [ ${#missing[@]} -gt 0 ]; then
  if [ "$(id -u)" = 0 ]; then
    echo "Installing ${missing[*]} from Debian's packages..."
    apt-get update -q
    DEBIAN_FRONTEND=noninteractive apt-get install -y -q "${missing[@]}"
  else
    echo "Please install: ${missing[*]}  (for example: sudo apt-get install ${missing[*]})" >&2
    exit 1
  fi
fi

python3 -m venv .venv
.venv/bin/python -m pip install -q --disable-pip-version-check --upgrade pip
.venv/bin/python -m pip install -q --disable-pip-version-check -e ".[test]"

echo "== ruff"; .venv/bin/ruff check . && .venv/bin/ruff format --check .
echo "== mypy"; .venv/bin/mypy
echo "== pytest"; BRIDGE_REQUIRE_TOOLS=1 .venv/bin/python -m pytest "$@"
