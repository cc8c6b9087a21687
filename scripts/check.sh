#!/usr/bin/env bash
# Install what the checks need and run every nox session, as CI does:
#
#     bash scripts/check.sh            # all sessions (noxfile.py lists them)
#     bash scripts/check.sh -s lint    # arguments go to nox
#
# This script only bootstraps: Chromium for the browser checks (through apt
# where it runs as root), and nox with uv in .venv-check/. Everything else,
# and all the logic, is in noxfile.py.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."

if command -v chromium >/dev/null 2>&1 || command -v chromium-browser >/dev/null 2>&1; then
    :
elif [[ $(id -u) -eq 0 ]] && command -v apt-get >/dev/null 2>&1; then
    echo "check.sh: installing Chromium (Debian's chromium) for the browser checks"
    apt-get install -y -q chromium >/dev/null 2>&1 \
        || { apt-get update -q >/dev/null && apt-get install -y -q chromium >/dev/null; }
else
    echo "check.sh: Chromium is missing and cannot be installed here (needs root and apt-get):" \
        "the docs session will fail; install Debian's chromium package, or run the other" \
        "sessions with 'bash scripts/check.sh -s lint tests ...'" >&2
fi

python="$(command -v python3 || command -v python)"
rm -f .coverage .coverage.*
if [[ ! -x .venv-check/bin/nox ]]; then
    "$python" -m venv .venv-check
    .venv-check/bin/python -m pip install --disable-pip-version-check -q "nox[uv]>=2025.2.9"
fi
# uv, installed beside nox, creates every session's environment.
PATH="$PWD/.venv-check/bin:$PATH" exec .venv-check/bin/nox --no-error-on-missing-interpreters "$@"
