"""What PyPI shows is true: the README works as the project page, the extras are the users'."""

from __future__ import annotations

import re
import sys
from pathlib import Path

if sys.version_info >= (3, 11):
    import tomllib
else:
    import tomli as tomllib

ROOT = Path(__file__).resolve().parent.parent
README = (ROOT / "README.md").read_text(encoding="utf-8")

#: Markdown links and images: ``[text](target)``.
LINK = re.compile(r"\]\(([^)\s]+)")


def test_readme_links_are_absolute() -> None:
    """Every link of the README works on PyPI, where relative links 404."""
    assert [] == [target for target in LINK.findall(README) if not target.startswith("https://")]


def test_the_link_check_sees_relative_links() -> None:
    """The link pattern finds what it must refuse (so the check above can fail)."""
    assert ["docs/cli.md", "https://x.org"] == LINK.findall("[a](docs/cli.md) [b](https://x.org)")


def test_extras_are_for_users_and_tools_are_groups() -> None:
    """No dev tool is published as an extra; every extra the README names exists."""
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    extras = set(project["project"]["optional-dependencies"])
    groups = set(project["dependency-groups"])
    assert set() == extras & {"test", "lint", "docs", "bench", "benchmark", "dev", "notebook"}
    assert {"test", "lint", "docs", "bench"} <= groups
    named = set(re.findall(r"nato-rok\[([a-z]+)\]", README))
    assert set() == named - extras


def test_the_readme_and_the_docs_install_section_name_every_extra() -> None:
    """pyproject.toml's extras are the source: the README and docs/index.md name each one."""
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    extras = set(project["project"]["optional-dependencies"])
    index = (ROOT / "docs" / "index.md").read_text(encoding="utf-8")
    for page in (index, README):
        install = page.split("## Install", 1)[1].split("\n## ", 1)[0]
        assert extras == set(re.findall(r"nato-rok\[([a-z]+)\]", install))
