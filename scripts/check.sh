#!/usr/bin/env bash
# Install everything and run every gate, exactly as CI does:
#
#     bash scripts/check.sh
#
# Stages: find the Pythons, lint and type-check, build and inspect the
# sdist and wheel, then for each Python install the built wheel (never the
# source tree) and run the tests (docs examples and site included) and the
# dataset rebuild against it; then build the documentation site, run the
# README's first command on a fresh copy, fuzz, benchmark, and finally
# combine coverage across all Pythons.
#
# Everything it creates is git-ignored and recreated on every run:
# .venv-check/ (virtualenvs), dist/, .coverage*.

set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd -P)"
cd "$ROOT"

BUILD_DIR="$ROOT/.venv-check"
SUPPORTED=(3.10 3.11 3.12 3.13)
SOURCE_NAME="nato-news-2013-04-12-rok-visit.txt"

# A stray PYTHONPATH (say, pointing at src/) would defeat the
# "tests run against the installed wheel" guarantee.
unset PYTHONPATH PYTHONHOME
export PIP_NO_INPUT=1
export HYPOTHESIS_PROFILE=ci

STAGE="startup"
stage() {
    STAGE="$*"
    printf '\n==> %s\n' "$*"
}
on_exit() {
    local rc=$?
    if ((rc != 0)); then
        printf '\ncheck.sh: FAILED (exit %d) during stage: %s\n' "$rc" "$STAGE" >&2
    fi
}
trap on_exit EXIT

pip_install() {
    local python="$1"
    shift
    "$python" -m pip install --disable-pip-version-check -q "$@"
}

new_venv() {
    local python="$1" dir="$2"
    rm -rf "$dir"
    "$python" -m venv "$dir"
    pip_install "$dir/bin/python" --upgrade pip
}

# True if $1 runs, is Python $2, and can create a virtualenv (Debian's
# python3 cannot until the python3-venv package is installed; pyenv shims
# for versions that are not selected exit non-zero).
usable_python() {
    local candidate="$1" version="$2"
    "$candidate" - "$version" >/dev/null 2>&1 <<'EOF'
import sys
import ensurepip, venv  # noqa: F401  (needed to create the virtualenvs)
sys.exit(f"{sys.version_info[0]}.{sys.version_info[1]}" != sys.argv[1])
EOF
}

# ---------------------------------------------------------------------------
stage "Chromium, for the test that renders the annotated article"

if command -v chromium >/dev/null 2>&1; then
    echo "  $(chromium --version 2>/dev/null | head -n 1)"
elif [[ $(id -u) -eq 0 ]] && command -v apt-get >/dev/null 2>&1; then
    apt-get install -y -q chromium >/dev/null 2>&1 \
        || { apt-get update -q >/dev/null && apt-get install -y -q chromium >/dev/null; }
    echo "  installed $(chromium --version 2>/dev/null | head -n 1)"
else
    echo "check.sh: Chromium is missing and cannot be installed here (needs root and apt-get);" \
        "install Debian's chromium package and rerun" >&2
    exit 1
fi

# ---------------------------------------------------------------------------
stage "Removing the outputs of earlier runs (.venv-check/, dist/, .coverage*)"

rm -rf "$BUILD_DIR" dist
rm -f .coverage .coverage.*
mkdir -p "$BUILD_DIR"

# ---------------------------------------------------------------------------
stage "Finding Python interpreters (${SUPPORTED[*]})"

PYTHONS=()
for version in "${SUPPORTED[@]}"; do
    found=""
    candidates=()
    if on_path="$(command -v "python$version")"; then
        candidates+=("$on_path")
    fi
    for candidate in /root/.pyenv/versions/"$version".*/bin/python; do
        if [[ -x "$candidate" ]]; then
            candidates+=("$candidate")
        fi
    done
    for candidate in ${candidates[@]+"${candidates[@]}"}; do
        if usable_python "$candidate" "$version"; then
            # Resolve pyenv shims to the interpreter they run.
            found="$("$candidate" -c 'import sys; print(sys.executable)')"
            break
        fi
    done
    if [[ -n "$found" ]]; then
        echo "  Python $version: $found"
        PYTHONS+=("$found")
    elif ((${#candidates[@]})); then
        echo "  Python $version: present but unusable (${candidates[*]}); skipped" \
            "(on Debian, 'apt-get install python3-venv' may fix it)"
    else
        echo "  Python $version: not found; skipped"
    fi
done
if ((${#PYTHONS[@]} == 0)); then
    echo "check.sh: no supported Python (${SUPPORTED[*]}) found" >&2
    exit 1
fi
NEWEST="${PYTHONS[${#PYTHONS[@]} - 1]}"

# ---------------------------------------------------------------------------
stage "Lint environment: $NEWEST"

LINT="$BUILD_DIR/lint"
new_venv "$NEWEST" "$LINT"
pip_install "$LINT/bin/python" -e '.[lint,test]' build twine
LPY="$LINT/bin/python"

LINT_DIRS=()
for dir in src tests scripts benchmarks fuzz docs; do
    if [[ -d "$dir" ]]; then
        LINT_DIRS+=("$dir")
    fi
done

stage "ruff check ${LINT_DIRS[*]}"
"$LINT/bin/ruff" check "${LINT_DIRS[@]}"

stage "ruff format --check ${LINT_DIRS[*]}"
"$LINT/bin/ruff" format --check "${LINT_DIRS[@]}"

stage "mypy (files from [tool.mypy] in pyproject.toml)"
# mypy stops with a terse error when a path in `files` is missing or holds
# no Python file; name the path and the fix instead.
"$LPY" - <<'EOF'
import pathlib, sys
try:
    import tomllib
except ImportError:  # Python 3.10: let mypy report it
    sys.exit(0)
files = tomllib.loads(pathlib.Path("pyproject.toml").read_text())["tool"]["mypy"]["files"]
bad = [
    f for f in files
    if not (p := pathlib.Path(f)).exists()
    or (p.is_dir() and not any(p.rglob("*.py")) and not any(p.rglob("*.pyi")))
]
if bad:
    sys.exit(
        f"[tool.mypy] files lists {bad}, which are missing or hold no .py file; "
        "add code there or remove them from pyproject.toml"
    )
EOF
"$LINT/bin/mypy"

# ---------------------------------------------------------------------------
stage "Build sdist and wheel into dist/"

"$LPY" -m build --outdir dist .
"$LINT/bin/twine" check --strict dist/*

stage "Inspect the wheel and sdist contents"

"$LPY" - <<'EOF'
import hashlib, json, pathlib, sys, tarfile, zipfile

wheels = sorted(pathlib.Path("dist").glob("*.whl"))
sdists = sorted(pathlib.Path("dist").glob("*.tar.gz"))
if len(wheels) != 1 or len(sdists) != 1:
    sys.exit(f"expected one wheel and one sdist in dist/, found {wheels + sdists}")

problems = []
with zipfile.ZipFile(wheels[0]) as wheel:
    names = set(wheel.namelist())
    for required in ("nato_rok/py.typed", "nato_rok/data/manifest.json"):
        if required not in names:
            problems.append(f"{wheels[0].name}: missing {required}")
    if "nato_rok/data/manifest.json" in names:
        manifest = json.loads(wheel.read("nato_rok/data/manifest.json"))
        for release in manifest["releases"]:
            member = f"nato_rok/data/{release['file']}"
            if member not in names:
                problems.append(f"{wheels[0].name}: missing {member} (listed in the manifest)")
            elif hashlib.sha256(wheel.read(member)).hexdigest() != release["sha256"]:
                problems.append(f"{wheels[0].name}: {member} does not match its manifest sha256")
            else:
                print(f"  wheel: {member} ok")

with tarfile.open(sdists[0]) as sdist:
    suffixes = {name.split("/", 1)[-1] for name in sdist.getnames()}
if "src/nato_rok/data/manifest.json" not in suffixes:
    problems.append(f"{sdists[0].name}: missing src/nato_rok/data/manifest.json")

if problems:
    sys.exit("\n".join(problems))
print(f"  {wheels[0].name} and {sdists[0].name}: contents ok")
EOF
WHEEL="$(ls "$ROOT"/dist/*.whl)"

# ---------------------------------------------------------------------------
for python in "${PYTHONS[@]}"; do
    version="$("$python" -c 'import sys; print("%d.%d" % sys.version_info[:2])')"
    venv="$BUILD_DIR/py$version"
    vpy="$venv/bin/python"

    stage "Python $version: install the built wheel with [test] into $venv"
    new_venv "$python" "$venv"
    pip_install "$vpy" "${WHEEL}[test]"

    stage "Python $version: nato_rok is imported from the venv, not from src/"
    # Run from the repo root, where the tests run, so the check means something.
    "$vpy" - <<'EOF'
import os, sys, sysconfig
import nato_rok
where = os.path.realpath(nato_rok.__file__)
site = os.path.realpath(sysconfig.get_path("purelib"))
print(f"  nato_rok imported from {where}")
if os.path.commonpath([where, site]) != site:
    sys.exit(f"nato_rok was imported from {where}, not from the venv's {site}")
EOF

    stage "Python $version: tests under coverage"
    COVERAGE_FILE="$ROOT/.coverage" "$vpy" -m coverage run --rcfile=pyproject.toml \
        -m pytest -p no:cacheprovider

    stage "Python $version: scripts/build_release.py --check"
    "$vpy" scripts/build_release.py --check
done

# ---------------------------------------------------------------------------
# $vpy is the newest Python's venv, with the wheel installed.
stage "Documentation site: python -m sphinx -W --keep-going -b html docs docs/_build/html"
# The tests build the site too (on every Python, into a temporary folder);
# this is the command the README gives, run from scratch.
rm -rf docs/_build
"$vpy" -m sphinx -W --keep-going -q -b html docs docs/_build/html
echo "  built docs/_build/html/index.html"

stage "The README's first command, on a fresh copy of the repository"
# The command exactly as the README shows it, run in a copy holding only the
# files git tracks, with `python3` meaning the newest supported Python found.
readme_command="$("$LPY" -c '
import pathlib, re
text = pathlib.Path("README.md").read_text(encoding="utf-8")
print(re.findall(r"```sh\n(.*?)```", text, re.S)[0].strip())
')"
fresh="$BUILD_DIR/readme-copy"
rm -rf "$fresh"
mkdir -p "$fresh/bin"
if git -C "$ROOT" rev-parse --is-inside-work-tree >/dev/null 2>&1; then
    git -C "$ROOT" ls-files -z | xargs -0 tar -cf - | tar -xf - -C "$fresh"
else
    tar --exclude='./.venv*' --exclude=./dist -cf - . | tar -xf - -C "$fresh"
fi
ln -s "$NEWEST" "$fresh/bin/python3"
echo "  \$ $readme_command"
(cd "$fresh" && PATH="$fresh/bin:$PATH" bash -c "$readme_command") >"$fresh.log" 2>&1 \
    || { cat "$fresh.log"; exit 1; }
grep -A 2 "^nato-rok dataset release" "$fresh.log" | sed "s/^/  /"

stage "Fuzz loads() for ${FUZZ_SECONDS:-60} s (hostile bytes, JSON, mutations)"
"$vpy" -m fuzz --seconds "${FUZZ_SECONDS:-60}"

stage "Benchmarks, quick run (figures only; nothing here passes or fails on speed)"
pip_install "$vpy" pycountry
"$vpy" -m benchmarks --quick

# ---------------------------------------------------------------------------
stage "Coverage across all Pythons"

COVERAGE_FILE="$ROOT/.coverage" "$LPY" -m coverage combine --rcfile=pyproject.toml
COVERAGE_FILE="$ROOT/.coverage" "$LPY" -m coverage report --rcfile=pyproject.toml

# ---------------------------------------------------------------------------
stage "Source article matches the shared original"

shared="$ROOT/../shared/source/$SOURCE_NAME"
if [[ -f "$shared" ]]; then
    cmp "$shared" "sources/$SOURCE_NAME"
    echo "  sources/$SOURCE_NAME is byte-identical to $shared"
else
    echo "  $shared not present; comparison skipped"
fi

STAGE="done"
printf '\nAll gates passed (Pythons: %s).\n' "${PYTHONS[*]}"
