#!/usr/bin/env bash
# Install what the checks need and run every nox session, as CI does:
#
#     bash scripts/check.sh            # all sessions, two at a time (see waves below)
#     bash scripts/check.sh -s lint    # arguments go to nox, which runs them in turn
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
export PATH="$PWD/.venv-check/bin:$PATH"
nox=(.venv-check/bin/nox --no-error-on-missing-interpreters)
if [[ $# -gt 0 ]]; then  # sessions named by hand: nox runs them, one after another
    exec "${nox[@]}" "$@"
fi

# Every session, two at a time (the machine has two cores; nox has no parallel
# mode). The second wave, coverage, waits for the first: it combines what the
# full tests session wrote. Each session's output is printed whole when it
# ends, then a table of every session's result and time; the exit status is 1
# if any failed. The first wave is every other session nox lists, the longest
# first (the order below, from a run's times; an unlisted session comes
# last), so the two lanes end together and a session added to noxfile.py runs
# here without a change to this script. bench comes last, beside the end of
# the other lane: its figures are ratios to baselines measured in the same
# run, so a neighbour's load falls on both (alone, it added half a minute).
later=("coverage")
first="$("${nox[@]}" --list --json | python3 -c '
import json, sys
later = set(sys.argv[1].split())
longest = ["properties", "tests-3.13", "docs", "lowest", "tests-3.12", "tests-3.11",
           "fuzz", "lint", "readme", "publish", "bench"]
names = [s["session"] for s in json.load(sys.stdin)]
print(*sorted((n for n in names if n not in later), key=lambda n: (n not in longest, n not in longest or longest.index(n), n)))
' "${later[*]}")"
waves=("$first" "${later[@]}")
logs="$(mktemp -d)"
trap 'rm -rf "$logs"' EXIT
run_one() {  # session -> its log; a line "<status> <seconds> <session>" in results
    local start=$SECONDS status=0
    "${nox[@]}" -s "$1" >"$logs/$1.log" 2>&1 || status=$?
    { echo "===== nox -s $1: exit $status after $((SECONDS - start)) s"; cat "$logs/$1.log"; } \
        >"$logs/$1.done"
    echo "$status $((SECONDS - start)) $1" >>"$logs/results"
}
for wave in "${waves[@]}"; do
    for session in $wave; do
        while [[ $(jobs -rp | wc -l) -ge 2 ]]; do wait -n || true; done
        run_one "$session" &
        sleep 1  # let the first session of a pair create its environment first
    done
    wait
    for session in $wave; do cat "$logs/$session.done"; done
done
echo "===== summary (exit status, seconds, session)"
cat "$logs/results"
! awk '$1 != 0 { failed = 1 } END { exit !failed }' "$logs/results"
