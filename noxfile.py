"""The project's checks as nox sessions; ``nox --list`` shows them.

Each session runs alone (``nox -s tests-3.12``) and creates what it needs
with uv; ``nox`` runs them all, as CI does (``bash scripts/check.sh``).
Interpreters are found on ``PATH`` and in pyenv's versions folder; none is
ever downloaded, and a missing one skips its session instead of failing the
run (at least one must be present).
"""

from __future__ import annotations

import glob
import hashlib
import json
import os
import re
import shutil
import socket
import subprocess
import sys
import tarfile
import time
import urllib.request
import zipfile
from email.parser import Parser
from pathlib import Path

import nox

ROOT = Path(__file__).resolve().parent
PYTHONS = ["3.10", "3.11", "3.12", "3.13"]
PYPROJECT = nox.project.load_toml(ROOT / "pyproject.toml")
SOURCE = "nato-news-2013-04-12-rok-visit.txt"
#: Extras a user may install; anything else in the wheel's metadata is a leak.
USER_EXTRAS = set(PYPROJECT["project"]["optional-dependencies"])

nox.options.default_venv_backend = "uv"
nox.options.error_on_missing_interpreters = False
nox.options.sessions = [
    "lint",
    "tests",
    "properties",
    "docs",
    "fuzz",
    "coverage",
    "lowest",
    "readme",
    "publish",
    "bench",
]


def _pyenv_bins() -> list[str]:
    """Return the ``bin`` folders of pyenv's supported interpreters, newest patch first."""
    root = os.environ.get("PYENV_ROOT") or str(Path.home() / ".pyenv")
    found = []
    for version in PYTHONS:
        matches = sorted(glob.glob(f"{root}/versions/{version}.*/bin/python{version}"))
        if matches:
            found.append(str(Path(matches[-1]).parent))
    return found


# pyenv's shims refuse to run a version that is not selected; put the real
# interpreters first so that `python3.12` means pyenv's 3.12 when there is one.
os.environ["PATH"] = os.pathsep.join([*_pyenv_bins(), os.environ.get("PATH", "")])


def _found() -> list[str]:
    """Return the supported versions whose interpreter is on ``PATH`` (pyenv's first)."""
    return [version for version in PYTHONS if shutil.which(f"python{version}")]


# The oldest and newest Pythons this machine has: the sessions that run on one
# Python run on the newest found, so that a missing 3.13 moves them to 3.12
# instead of skipping them (and coverage with them).
OLDEST, NEWEST = (_found() or PYTHONS)[0], (_found() or PYTHONS)[-1]
# uv must use those interpreters, never fetch one of its own.
os.environ["UV_PYTHON_DOWNLOADS"] = "never"
# A stray PYTHONPATH (pointing at src/, say) would defeat testing the wheel.
os.environ.pop("PYTHONPATH", None)
# The sessions' environments are throwaway, and uv installs no bytecode: with
# PYTHONDONTWRITEBYTECODE set, every Python process a session starts (the CLI
# tests start dozens) would compile nato_rok and pandas again from source.
os.environ.pop("PYTHONDONTWRITEBYTECODE", None)


def _groups(*names: str) -> list[str]:
    """Return the requirements of the named dependency groups (PEP 735)."""
    return [req for name in names for req in nox.project.dependency_groups(PYPROJECT, name)]


def _wheel(session: nox.Session) -> Path:
    """Build the wheel into a fresh folder of this session and return it."""
    out = Path(session.create_tmp()) / "dist"
    shutil.rmtree(out, ignore_errors=True)
    session.run("uv", "build", "--wheel", "--out-dir", str(out), str(ROOT), external=True)
    (wheel,) = out.glob("*.whl")
    return wheel


#: Every session writes its coverage data beside pyproject.toml, for `coverage` to combine.
COVERAGE_ENV = {
    "COVERAGE_FILE": str(ROOT / ".coverage"),
    "COVERAGE_RCFILE": str(ROOT / "pyproject.toml"),
}


def _check_import_location(session: nox.Session) -> None:
    """Fail unless nato_rok is imported from the session's venv, not from src/."""
    session.run(
        "python",
        "-c",
        "import os, sys, sysconfig, nato_rok;"
        "where = os.path.realpath(nato_rok.__file__);"
        "site = os.path.realpath(sysconfig.get_path('purelib'));"
        "sys.exit(0 if os.path.commonpath([where, site]) == site"
        " else f'nato_rok imported from {where}, not {site}')",
    )


#: The Pythons of the tests sessions: every supported one but the oldest found,
#: whose fast and nlp tiers ``lowest`` runs at the dependency floors (unless it
#: is the only one), so that no two sessions run a tier on one Python.
TESTED = [version for version in PYTHONS if version != OLDEST or OLDEST == NEWEST]
#: The Python whose tests session runs every tier but the site's and the slow
#: one, under coverage: the newest found. The others run the fast tier. The
#: one version-dependent branch (the ``importlib_resources`` backport on 3.10)
#: is marked ``no cover``.
FULL_TESTS = (NEWEST,)
#: What a full tests session runs: every tier but the slow one (``properties``
#: runs it, once) and the site's (``docs`` builds and checks it, once).
FULL_TIERS = "not slow and not browser and not docs"
#: pyproject.toml's addopts run plain ``pytest`` on every core; a session runs
#: on one, as ``scripts/check.sh`` runs two sessions at a time on two cores.
ONE_CORE = ("-n", "0")
#: Every session but ``properties`` draws the quick Hypothesis profile's 20
#: examples a property: the sessions check Pythons and dependency versions, and
#: the thorough search (the ``ci`` profile) runs once, in ``properties``.
QUICK = {"HYPOTHESIS_PROFILE": "quick"}


@nox.session(python=TESTED)
def tests(session: nox.Session) -> None:
    """Run the tests against the built wheel: in full under coverage (newest), else fast."""
    wheel = _wheel(session)
    full = session.python in FULL_TESTS
    session.install(str(wheel), *_groups("test", *(("data", "validators", "nlp") if full else ())))
    _check_import_location(session)
    if not full:  # the fast tier, as pyproject.toml's addopts select it
        session.run("pytest", *ONE_CORE, "-p", "no:cacheprovider", *session.posargs, env=QUICK)
        return
    session.run(
        "coverage", "run", "-m", "pytest", *ONE_CORE, "-m", FULL_TIERS,
        "-p", "no:cacheprovider", *session.posargs,
        env={**COVERAGE_ENV, **QUICK},
    )  # fmt: skip
    session.run("python", "scripts/build_release.py", "--check")


@nox.session(python=NEWEST)
def properties(session: nox.Session) -> None:
    """Run the slow property tests once, with the thorough Hypothesis profile."""
    # A slow test writes every export format (the data and nlp groups' libraries),
    # another validates data packages (frictionless, of the data group). Not the
    # validators group: with rfc3987-syntax installed, every process that imports
    # jsonschema builds a grammar for 2 s.
    session.install(str(_wheel(session)), *_groups("test", "data", "nlp"))
    # No coverage here: the full tests session reaches 100 % without this
    # tier, so its tests can share both cores, uninstrumented.
    session.run("pytest", "-m", "slow", "-n", "2", "-p", "no:cacheprovider", *session.posargs,
                env={"HYPOTHESIS_PROFILE": "ci"})  # fmt: skip


@nox.session(python=NEWEST)
def lint(session: nox.Session) -> None:
    """Run pre-commit (ruff and its format check), mypy --strict, the import contracts, radon."""
    session.install("-e", ".", *_groups("lint"))
    session.run("pre-commit", "run", "--all-files")
    session.run("mypy")
    # The layers and no import circle (import-linter), and proof that both can fail.
    session.run("python", "scripts/check_layers.py")
    # No function of radon's grade D or worse (cyclomatic complexity over 20); the
    # generated structure functions are one straight statement a field, read by no one.
    graded = session.run(
        "radon", "cc", "--min", "D", "--show-complexity",
        "--exclude", "src/nato_rok/_structure.py", "src",
        silent=True,
    )  # fmt: skip
    if isinstance(graded, str) and graded.strip():
        session.error(f"too complex (radon grade D or worse): split these\n{graded}")


@nox.session(python=NEWEST)
def docs(session: nox.Session) -> None:
    """Run the docs and browser tiers: they build the site (warnings as errors) and check it."""
    if not shutil.which("chromium") and not shutil.which("chromium-browser"):
        session.error(
            "Chromium is needed for the browser checks: apt-get install chromium "
            "(scripts/check.sh installs it where it runs as root)"
        )
    # The data and nlp groups: the pages' examples (the docs tier) export and score with them.
    session.install(str(_wheel(session)), *_groups("test", "docs", "notebook", "data", "nlp"))
    # test_docs_site builds the site once, from scratch and offline, with the
    # README's command (-W --keep-going), and fails with Sphinx's output.
    # No coverage here: the full tests session reaches 100 % without these tiers.
    session.run("pytest", *ONE_CORE, "-m", "docs or browser", "-p", "no:cacheprovider",
                *session.posargs, env=QUICK)  # fmt: skip


@nox.session(python=NEWEST)
def fuzz(session: nox.Session) -> None:
    """Fuzz loads() for a bounded time (FUZZ_SECONDS, default 45)."""
    # Every extra, so that every export format is fuzzed too.
    extras = ",".join(sorted(USER_EXTRAS))
    session.install(f"{_wheel(session)}[{extras}]")
    session.run("python", "-m", "fuzz", "--seconds", os.environ.get("FUZZ_SECONDS", "45"))


@nox.session(python=NEWEST)
def bench(session: nox.Session) -> None:
    """Print the quick benchmark table and profile (figures only: no speed passes or fails)."""
    session.install(str(_wheel(session)), *_groups("bench"))
    session.run("python", "-m", "benchmarks", "--quick", *session.posargs)
    session.run("python", "-m", "benchmarks.profiles", "--quick")
    session.run("python", "-m", "benchmarks.scoring", "--quick")


@nox.session(python=NEWEST)
def coverage(session: nox.Session) -> None:
    """Combine the coverage of the full tests session run before it; demand 100 % of branches."""
    session.install("coverage[toml]>=7.6")
    env = COVERAGE_ENV
    if not glob.glob(str(ROOT / ".coverage.*")):
        session.error(f"no coverage data: run the full tests session first (nox -s tests-{NEWEST})")
    session.run("coverage", "combine", env=env)
    session.run("coverage", "report", env=env)
    _check_source_copy(session)


def _check_source_copy(session: nox.Session) -> None:
    """Compare the article with an original kept beside the checkout, if one is named.

    ``NATO_ROK_SHARED_SOURCE`` names it (the project's shared copy, where
    there is one); without it the check is silent: a fresh clone has none.
    """
    shared_name = os.environ.get("NATO_ROK_SHARED_SOURCE")
    if not shared_name:
        return
    shared = Path(shared_name)
    if not shared.is_file():
        session.error(f"NATO_ROK_SHARED_SOURCE={shared} is not a file")
    if shared.read_bytes() != (ROOT / "sources" / SOURCE).read_bytes():
        session.error(f"sources/{SOURCE} differs from {shared}")
    session.log(f"sources/{SOURCE} is byte-identical to {shared}")


#: The lowest session's tiers: the fast one, ``data`` and ``nlp``, the oldest Python's tests.
LOWEST_TIERS = "not slow and not browser and not docs and not validators and not releases"


@nox.session(python=OLDEST)
def lowest(session: nox.Session) -> None:
    """Install the lowest versions every direct dependency allows; run the tests and the CLI."""
    tmp = Path(session.create_tmp())
    pins = tmp / "lowest.txt"
    session.run(
        "uv", "pip", "compile", "--quiet", "--resolution", "lowest-direct",
        "--python", str(Path(session.bin) / "python"),
        *(f"--extra={extra}" for extra in sorted(USER_EXTRAS)), "-o", str(pins), "pyproject.toml",
        external=True,
    )  # fmt: skip
    session.log("lowest versions: " + " ".join(_pinned(pins)))
    # The test tools at their usual versions, the project's own requirements at their floors.
    # Only the direct requirements are held: a transitive pin may clash with a test tool
    # (spaCy's typer brings rich and markdown-it-py 4, which myst-parser refuses on 3.10).
    floors = tmp / "floors.txt"
    direct = [pin for pin in _pinned(pins) if pin.split("==")[0] in _direct_names()]
    floors.write_text("\n".join(direct) + "\n", encoding="utf-8")
    session.install("-c", str(floors), f"{_wheel(session)}[{','.join(sorted(USER_EXTRAS))}]")
    session.install("-c", str(floors), *_groups("test", "data", "nlp"))
    python = str(Path(session.bin) / "python")
    installed = session.run("uv", "pip", "freeze", "--python", python, silent=True, external=True)
    for pin in direct:
        if pin.lower() not in str(installed).lower():
            session.error(f"{pin} was not installed: a test tool raised the floor")
    # The fast tier, the data one (the pandas, arrow, polars and duckdb extras' floors)
    # and the nlp one (the spacy and huggingface extras'): the floors matter to the
    # code, not to how many examples or releases run.
    session.run("pytest", *ONE_CORE, "-m", LOWEST_TIERS, "-p", "no:cacheprovider", "-q",
                *session.posargs, env=QUICK)  # fmt: skip
    session.run("nato-rok")


def _pinned(path: Path) -> list[str]:
    return [line.strip() for line in path.read_text().splitlines() if "==" in line]


def _direct_names() -> set[str]:
    project = PYPROJECT["project"]
    reqs = [*project["dependencies"]]
    for extra in project["optional-dependencies"].values():
        reqs.extend(extra)
    return {re.split(r"[<>=!~;\[ ]", req, maxsplit=1)[0].lower() for req in reqs}


#: The README's commands the readme session does not run, and why.
README_NOT_RUN = {
    "pip install nato-rok": "installs from PyPI: the publish session tries an index",
    "bash scripts/check.sh": "is the whole check run, which runs this session",
}


@nox.session(python=NEWEST)
def readme(session: nox.Session) -> None:
    """Run the README's commands, as written, in a fresh copy of the tracked files.

    First the command that creates ``.venv`` and prints the summary, then every
    other ``sh`` block (the docs install) and the commands of every ``console``
    block (the export-then-validate pair), with that venv's ``bin`` first on
    ``PATH``; only ``README_NOT_RUN`` is left out.
    """
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    blocks = [block.strip() for block in re.findall(r"```sh\n(.*?)```", text, re.DOTALL)]
    # A console block's commands too (its expected output is checked by sybil).
    blocks += [
        "\n".join(line[2:] for line in block.splitlines() if line.startswith("$ "))
        for block in re.findall(r"```console\n(.*?)```", text, re.DOTALL)
    ]
    first = next(block for block in blocks if ".venv/bin/nato-rok" in block)
    rest = [block for block in blocks if block != first and block not in README_NOT_RUN]
    if missing := set(README_NOT_RUN) - set(blocks):
        session.error(f"README_NOT_RUN names commands the README no longer has: {missing}")
    copy = Path(session.create_tmp()).resolve() / "readme-copy"
    shutil.rmtree(copy, ignore_errors=True)
    copy.mkdir(parents=True)
    tracked = session.run("git", "-C", str(ROOT), "ls-files", external=True, silent=True)
    for name in str(tracked).splitlines():
        target = copy / name
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copy2(ROOT / name, target)
    bindir = copy / "bin"
    bindir.mkdir()
    (bindir / "python3").symlink_to(shutil.which("python", path=session.bin) or "python")
    path = os.pathsep.join([str(copy / ".venv" / "bin"), str(bindir), os.environ["PATH"]])
    env = {"PATH": path, "VIRTUAL_ENV": "", "PIP_DISABLE_PIP_VERSION_CHECK": "1"}
    for block in (first, *rest):
        session.log(f"$ {block}")
        with session.chdir(copy):
            output = session.run("bash", "-euo", "pipefail", "-c", block, external=True,
                                 silent=True, env=env)  # fmt: skip
        if block == first and "nato-rok dataset release" not in str(output):
            session.error(f"the README's first command did not print the summary:\n{output}")
        session.log(str(output).splitlines()[-1] if output else "")


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port: int = probe.getsockname()[1]
        return port


def _check_dists(session: nox.Session, dist: Path) -> None:
    """Check what a release publishes: data files, checksums, metadata, README."""
    (wheel,) = dist.glob("*.whl")
    (sdist,) = dist.glob("*.tar.gz")
    with zipfile.ZipFile(wheel) as archive:
        names = set(archive.namelist())
        manifest = json.loads(archive.read("nato_rok/data/manifest.json"))
        for release in manifest["releases"]:
            member = f"nato_rok/data/{release['file']}"
            if hashlib.sha256(archive.read(member)).hexdigest() != release["sha256"]:
                session.error(f"{wheel.name}: {member} does not match the manifest")
        if "nato_rok/py.typed" not in names:
            session.error(f"{wheel.name}: no py.typed")
        meta_name = next(n for n in names if n.endswith(".dist-info/METADATA"))
        meta = Parser().parsestr(archive.read(meta_name).decode("utf-8"))
    extras = set(meta.get_all("Provides-Extra") or ())
    if extras != USER_EXTRAS:
        session.error(f"wheel extras {sorted(extras)}, user extras {sorted(USER_EXTRAS)}")
    version = meta["Version"]
    if not re.search(r"\.dev\d+$", version) and not os.environ.get("NATO_ROK_RELEASE"):
        session.error(f"{version} is not a .devN version: only a release build may drop it")
    relative = re.findall(r"\]\((?!https?://|#)([^)]+)\)", str(meta.get_payload()))
    if relative:
        session.error(f"the PyPI description has relative links: {relative}")
    with tarfile.open(sdist) as archive:
        if not any(n.endswith("src/nato_rok/data/manifest.json") for n in archive.getnames()):
            session.error(f"{sdist.name}: no manifest")
    session.log(f"{wheel.name}, {sdist.name}: contents and metadata ok (extras {sorted(extras)})")


@nox.session(python=NEWEST)
def publish(session: nox.Session) -> None:
    """Dry-run a release: build, twine check, upload to a local index, install from it."""
    session.install("build", "twine", "readme_renderer[md]", "pypiserver>=2.1", "passlib")
    tmp = Path(session.create_tmp())
    dist, packages = tmp / "dist", tmp / "index"
    for folder in (dist, packages):
        shutil.rmtree(folder, ignore_errors=True)
        folder.mkdir()
    session.run("python", "-m", "build", "--outdir", str(dist), str(ROOT))
    session.run("twine", "check", "--strict", *map(str, dist.iterdir()))
    _check_dists(session, dist)
    (wheel,) = dist.glob("*.whl")
    version = wheel.name.split("-")[1]

    port = _free_port()
    index = f"http://127.0.0.1:{port}"
    log = (tmp / "pypiserver.log").open("w")
    server = subprocess.Popen(  # noqa: S603  # our own venv's pypi-server, fixed arguments
        [str(Path(session.bin) / "pypi-server"), "run", "--host", "127.0.0.1", "--port",
         str(port), "--authenticate", ".", "--passwords", ".", str(packages)],
        stdout=log, stderr=subprocess.STDOUT,
    )  # fmt: skip
    try:
        _wait_for(session, index, server)
        session.run("twine", "upload", "--non-interactive", "--repository-url", index,
                    "-u", "dry-run", "-p", "dry-run", *map(str, dist.iterdir()))  # fmt: skip
        for python in PYTHONS:
            interpreter = shutil.which(f"python{python}")
            if interpreter is None:
                session.log(f"Python {python} not found: install from the index skipped")
                continue
            venv = tmp / f"venv-{python}"
            shutil.rmtree(venv, ignore_errors=True)
            session.run("uv", "venv", "--quiet", "--python", interpreter, str(venv), external=True)
            py = str(venv / "bin" / "python")
            # Our index first and only for nato-rok (uv's default first-index
            # strategy), the usual index for the dependencies.
            session.run(
                "uv", "pip", "install", "--quiet", "--python", py, "--no-cache",
                "--index", f"{index}/simple/", f"nato-rok=={version}",
                external=True,
            )  # fmt: skip
            session.run(str(venv / "bin" / "nato-rok"), "versions", external=True)
            session.run(
                py, "-c",
                "import nato_rok, importlib.metadata as m;"
                "[nato_rok.load(v) for v in nato_rok.versions()];"
                f"assert m.version('nato-rok') == {version!r};"
                "print('loaded', *nato_rok.versions())",
                external=True,
            )  # fmt: skip
    finally:
        server.terminate()
        server.wait(timeout=10)
        log.close()


def _wait_for(session: nox.Session, index: str, server: subprocess.Popen[bytes]) -> None:
    for _ in range(100):
        if server.poll() is not None:
            session.error(f"pypi-server exited with {server.returncode}")
        try:
            with urllib.request.urlopen(f"{index}/simple/", timeout=1):  # noqa: S310  # 127.0.0.1
                return
        except OSError:
            time.sleep(0.1)
    session.error("pypi-server did not answer within 10 s")


if __name__ == "__main__":  # pragma: no cover - `python noxfile.py` is not how to run it
    sys.exit("run the sessions with nox: nox --list")
