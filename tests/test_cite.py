"""`nato-rok cite` prints what CITATION.cff says, as BibTeX and APA."""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path

import pytest

import nato_rok
from nato_rok import _cite, cli

CFF = (Path(__file__).parent.parent / "CITATION.cff").read_text(encoding="utf-8")


def _cff(key: str) -> list[str]:
    return [value.strip('"') for value in re.findall(rf"^\s*-?\s*{key}: (.+)$", CFF, re.MULTILINE)]


def test_citation_cff_is_a_dataset_citing_the_article() -> None:
    """CITATION.cff says type dataset, and references NATO's article."""
    assert ["dataset"] == _cff("type")[:1]
    assert "article" in _cff("type")
    assert nato_rok.load().source.url in _cff("url")


@pytest.mark.parametrize("render", [_cite.bibtex, _cite.apa])
def test_citations_match_citation_cff(render: Callable[[nato_rok.Dataset], str]) -> None:
    """Title, URL, release year and the article's title, URL and year agree with the file."""
    dataset = nato_rok.load()
    text = render(dataset)
    for value in (_cff("title")[0], _cff("url")[0], _cff("title")[1], _cff("url")[1]):
        assert value in text
    assert _cff("date-released")[0][:4] in text
    assert _cff("date-published")[0][:4] in text
    assert _cff("version")[0] == dataset.version


def test_cite_command(capsys: pytest.CaptureFixture[str]) -> None:
    """The command prints BibTeX by default and APA on request."""
    assert 0 == cli.main(["cite"])
    assert capsys.readouterr().out.startswith("@misc{nato_rok_1_3_0,\n")
    assert 0 == cli.main(["cite", "--format", "apa", "--release", "1.0.0"])
    out = capsys.readouterr().out
    assert "(Version 1.0.0) [Data set]" in out
    assert "NATO. (2013, April 12). First visit by a NATO Secretary General" in out


def test_citations_give_the_release_date_of_the_manifest() -> None:
    """Each release is cited with the date the manifest gives for it."""
    dataset = nato_rok.load("1.0.0")
    assert "  date = {2026-11-28},\n" in _cite.bibtex(dataset)
    assert _cite.apa(dataset).startswith("nato-rok maintainers. (2026). ")
