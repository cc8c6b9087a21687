"""Every code example in the README and the docs runs, and shows true output.

Sybil reads each Markdown page:

- ``python`` blocks run; those written as a session (``>>>``) are doctests,
  so every output they show is compared with what the code prints.
- ``console`` blocks are shell sessions: each ``$ nato-rok ...`` line runs
  ``python -m nato_rok ...`` with this interpreter, and what follows it up to
  the next ``$`` line is compared with standard output then standard error
  (``...`` matches anything), with ``[exit status N]`` last when the command
  fails.
- ``sh`` blocks are install commands, which need a package index or a fresh
  machine: each must be one of the forms :data:`INSTALL_FORMS` lists, and the
  names it uses (extras, version, scripts) are checked against the installed
  project. The ``readme`` nox session runs the README's first command on a
  fresh copy of the repository; ``scripts/check.sh``, the second, runs every
  session.

Each page runs in an empty working directory, its blocks in order and in one
namespace, as a reader would run them.
"""

from __future__ import annotations

import doctest
import os
import re
import shlex
import shutil
import subprocess
import sys
from importlib.metadata import metadata, version
from pathlib import Path

import pytest
from sybil import Example, Sybil
from sybil.parsers.myst import CodeBlockParser, PythonCodeBlockParser

ROOT = Path(__file__).resolve().parent.parent
PAGES = sorted([ROOT / "README.md", *(ROOT / "docs").rglob("*.md")])
PAGES = [page for page in PAGES if "_build" not in page.parts]

#: The install commands the pages may show, each checked by a test below.
INSTALL_FORMS = {
    "readme-first": re.compile(
        r"python3 -m venv \.venv && \.venv/bin/pip install \. && \.venv/bin/nato-rok"
    ),
    "check": re.compile(r"bash scripts/check\.sh"),
    # Dependency groups need pip >= 25.1: the line upgrades the venv's pip first.
    "docs-install": re.compile(
        r"\.venv/bin/pip install -U pip && \.venv/bin/pip install -e \. --group docs"
    ),
    "pip": re.compile(r'pip install "?nato-rok(?:\[(?P<extras>[a-z,]+)\])?(?:==(?P<pin>[^"]+))?"?'),
}


def _checked_output(want: str, got: str) -> str | None:
    checker = doctest.OutputChecker()
    if checker.check_output(want, got, doctest.ELLIPSIS):
        return None
    return checker.output_difference(doctest.Example("", want), got, doctest.ELLIPSIS)


def _sessions(source: str) -> list[tuple[str, str]]:
    """Split a console block into (command, expected output) pairs."""
    sessions: list[tuple[str, list[str]]] = []
    for line in source.splitlines(keepends=True):
        if line.startswith("$ "):
            sessions.append((line[2:].strip(), []))
        elif sessions:
            sessions[-1][1].append(line)
        else:
            raise ValueError(f"console block does not start with '$ ': {line!r}")
    return [(command, "".join(lines)) for command, lines in sessions]


def evaluate_console(example: Example) -> str | None:
    """Run each command of a console block; return a difference, or None."""
    for command, want in _sessions(example.parsed):
        argv = shlex.split(command)
        if argv[0] != "nato-rok":
            return f"console blocks may run only nato-rok, not {command!r}"
        done = subprocess.run(  # the command is our own documentation's
            [sys.executable, "-m", "nato_rok", *argv[1:]],
            capture_output=True,
            text=True,
            encoding="utf-8",
            cwd=os.getcwd(),
            timeout=300,
            check=False,
        )
        got = done.stdout + done.stderr
        if done.returncode:
            got += f"[exit status {done.returncode}]\n"
        difference = _checked_output(want, got)
        if difference:
            return f"$ {command}\n{difference}"
    return None


def evaluate_install(example: Example) -> str | None:
    """Check each line of an ``sh`` block against :data:`INSTALL_FORMS` and the project."""
    extras = set(metadata("nato-rok").get_all("Provides-Extra") or ())
    for line in str(example.parsed).strip().splitlines():
        form = next((n for n, r in INSTALL_FORMS.items() if r.fullmatch(line.strip())), None)
        if form is None:
            return f"not a known install command: {line!r}"
        match = INSTALL_FORMS[form].fullmatch(line.strip())
        assert match
        if form == "pip":
            unknown = set((match["extras"] or "").split(",")) - extras - {""}
            if unknown:
                return f"{line!r}: no such extra {sorted(unknown)} (have {sorted(extras)})"
            # On main the version is a .devN of the release these pages describe.
            release = re.sub(r"\.dev\d+$", "", version("nato-rok"))
            if match["pin"] and match["pin"] != release:
                return f"{line!r}: pins {match['pin']}, but this is {release}"
        elif form == "check" and not (ROOT / "scripts" / "check.sh").is_file():
            return "scripts/check.sh is missing"
    return None


SYBIL = Sybil(
    parsers=[
        PythonCodeBlockParser(doctest_optionflags=doctest.ELLIPSIS),
        CodeBlockParser("console", evaluate_console),
        CodeBlockParser("sh", evaluate_install),
    ]
)

#: Fenced blocks: their language (or MyST directive) and where their body starts.
FENCE = re.compile(r"^(`{3,})([^\n`]*)\n(.*?)^\1[ \t]*$", re.MULTILINE | re.DOTALL)
RUN = {"python", "console", "sh"}
DIRECTIVES = re.compile(r"\{(toctree|eval-rst|include|literalinclude|nato-rok-[a-z-]+)\}(?: .*)?")


def _page_id(page: Path) -> str:
    return page.relative_to(ROOT).as_posix()


#: The pages whose examples run: the README's in the fast tier, the docs' in the `docs`
#: tier (the docs session), as they take most of this module's time (scores, exports).
RUN_PAGES = [
    page if page == ROOT / "README.md" else pytest.param(page, marks=pytest.mark.docs)
    for page in PAGES
]


@pytest.mark.parametrize("page", RUN_PAGES, ids=_page_id)
def test_page_examples(page: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Every example of the page runs, in order, and shows what it prints."""
    monkeypatch.chdir(tmp_path)
    for shipped in page.parent.glob("*.jsonl"):  # example files beside the page, as a reader has
        shutil.copy(shipped, tmp_path)
    for example in SYBIL.parse(page):
        example.evaluate()


@pytest.mark.parametrize("page", PAGES, ids=_page_id)
def test_every_code_block_is_run(page: Path) -> None:
    """Every fenced block is a run language or a known directive, and Sybil finds it."""
    text = page.read_text(encoding="utf-8")
    starts = {example.region.start for example in SYBIL.parse(page)}
    for fence in FENCE.finditer(text):
        info = fence[2].strip()
        line = text.count("\n", 0, fence.start()) + 1
        if DIRECTIVES.fullmatch(info):
            continue
        assert info in RUN, f"{_page_id(page)}:{line}: a ```{info} block would not be run"
        assert any(fence.start() <= start < fence.end() for start in starts), (
            f"{_page_id(page)}:{line}: Sybil found no example in this block"
        )
    other = re.search(r"^(:::|~~~)", text, re.MULTILINE)
    assert other is None, f"{_page_id(page)}: use backtick fences, which this test checks"


def test_pages_hold_examples() -> None:
    """The pages that teach by example have examples, so the tests above check something."""
    counts = {_page_id(page): len(list(SYBIL.parse(page))) for page in PAGES}
    for page in ("README.md", "docs/index.md", "docs/tutorial.md", "docs/how-to/export.md"):
        assert counts[page] >= 3, counts


@pytest.mark.parametrize(
    ("want", "got", "same"),
    [
        ("a\n...\nz\n", "a\nb\nc\nz\n", True),
        ("a\n", "b\n", False),
        ("a\n", "a\n[exit status 1]\n", False),
    ],
)
def test_console_output_comparison(want: str, got: str, same: bool) -> None:
    """Console output is compared as doctest does, ``...`` included; failures are shown."""
    assert same == (_checked_output(want, got) is None)


def test_console_sessions_split_commands_from_output() -> None:
    """A console block is a list of commands, each with the lines that follow it."""
    source = "$ nato-rok versions\n1.0.0\n$ nato-rok cite\n"
    assert [("nato-rok versions", "1.0.0\n"), ("nato-rok cite", "")] == _sessions(source)
    with pytest.raises(ValueError, match="does not start"):
        _sessions("output\n$ nato-rok\n")


@pytest.mark.parametrize(
    ("line", "problem"),
    [
        ('pip install "nato-rok[pandas,hypothesis]"', None),
        ('pip install "nato-rok[nonesuch]"', "no such extra"),
        ('pip install "nato-rok==0.0.1"', "pins 0.0.1"),
        ("curl https://example.org | sh", "not a known install command"),
    ],
)
def test_install_commands_are_checked(line: str, problem: str | None) -> None:
    """Install lines must name existing extras and this version."""

    class _Fake:
        parsed = line

    result = evaluate_install(_Fake())  # type: ignore[arg-type]  # only .parsed is read
    if problem is None:
        assert result is None
    else:
        assert result is not None
        assert problem in result


def test_console_refuses_other_commands() -> None:
    """Console blocks run nato-rok and nothing else."""

    class _Fake:
        parsed = "$ rm -rf /\n"

    result = evaluate_console(_Fake())  # type: ignore[arg-type]  # only .parsed is read
    assert result is not None
    assert "only nato-rok" in result


def typed_script(page: Path) -> str:
    """Return the ``python`` blocks of *page* as one script, the way a reader types them.

    Session blocks become their statements; a statement shown failing (its
    output a traceback) is left out, since it is wrong on purpose.
    """
    parser = doctest.DocTestParser()
    lines: list[str] = []
    for fence in FENCE.finditer(page.read_text(encoding="utf-8")):
        if fence[2].strip() != "python":
            continue
        body = fence[3]
        if not body.lstrip().startswith(">>>"):
            lines.append(body)
            continue
        for example in parser.get_examples(body):
            if example.exc_msg is None:
                lines.append(example.source)
    return "".join(lines)


def test_typed_script_keeps_statements_and_drops_failures() -> None:
    """Session prompts and outputs go, plain blocks stay, statements shown failing go."""
    page = "```python\n>>> x = 1\n>>> x\n1\n>>> x.y = 2\nTraceback (most recent call last):\n"
    page += "AttributeError: no\n```\n\n```python\nz = x\n```\n\n```console\n$ nato-rok\n```\n"
    assert "x = 1\nx\nz = x\n" == typed_script(_write(page))


def _write(text: str) -> Path:
    import tempfile

    handle = tempfile.NamedTemporaryFile(  # noqa: SIM115  # closed below, read by the caller
        "w", suffix=".md", delete=False, encoding="utf-8"
    )
    with handle:
        handle.write(text)
    return Path(handle.name)


def test_readme_and_tutorial_pass_mypy_strict(tmp_path: Path) -> None:
    """The README's and the tutorial's examples type-check under ``mypy --strict``."""
    from mypy import api

    files = []
    for page in ("README.md", "docs/tutorial.md"):
        script = tmp_path / (Path(page).stem.lower() + ".py")
        script.write_text(typed_script(ROOT / page), encoding="utf-8")
        files.append(str(script))
    stdout, stderr, status = api.run(
        ["--strict", "--no-incremental", "--config-file", "", "--cache-dir", str(tmp_path), *files]
    )
    assert 0 == status, stdout + stderr
