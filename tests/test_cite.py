"""`nato-rok cite` prints what CITATION.cff says, as BibTeX and APA."""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path

import attrs
import pytest

import nato_rok
from nato_rok import _cite, _releases, cli
from nato_rok.export import croissant, datapackage, html, plover

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


def _edited() -> nato_rok.Dataset:
    """Return the newest release with one role changed: same version, other content."""
    dataset = nato_rok.load()
    person = attrs.evolve(dataset.participants[0], role="Someone else")
    return attrs.evolve(dataset, participants=(person, *dataset.participants[1:]))


def _claims(dataset: nato_rok.Dataset) -> dict[str, str]:
    """Return what each export says the dataset is (its release, or a copy of one)."""
    croissant_ = croissant.metadata(dataset)
    return {
        "croissant": croissant_["description"]
        + croissant_.get("datePublished", "")
        + croissant_.get("citeAs", ""),
        "datapackage": datapackage.datapackage(dataset).get("description", ""),
        "html": html.html_page(dataset),
        "plover": next(iter(plover.records(dataset)))["cite_info"]["citation"],
    }


def test_only_the_release_byte_for_byte_is_published() -> None:
    """The bundled release, and a copy of its bytes, are published; an edited copy is not."""
    version = nato_rok.load().version
    assert _releases.released(version) == _releases.published(nato_rok.load())
    copy = nato_rok.loads(nato_rok.dumps(nato_rok.load()))
    assert copy is not nato_rok.load()
    assert _releases.released(version) == _releases.published(copy)
    assert _releases.published(_edited()) is None
    unshipped = attrs.evolve(nato_rok.load(), version="9.9.9")
    assert _releases.published(unshipped) is None
    older = attrs.evolve(nato_rok.load("1.0.0"), schema_version=1, events=nato_rok.load().events)
    assert _releases.published(older) is None  # schema 1 cannot hold events: no document


def test_no_export_calls_an_edited_copy_the_published_release() -> None:
    """Croissant, the Data Package, HTML and PLOVER say 'modified copy', with no release date."""
    version = nato_rok.load().version
    date = _releases.released(version)
    for name, claim in _claims(_edited()).items():
        assert f"a modified copy of nato-rok dataset release {version}" in claim, name
        assert date not in claim, name
    release = _claims(nato_rok.load())
    assert date in release["croissant"]
    assert all("modified copy" not in claim for claim in release.values())
    assert "" == release["datapackage"]


def test_a_version_this_package_does_not_ship_is_said_to_be_unverified() -> None:
    """A document declaring 9.9.9 is named with its version, as no release of this package."""
    unshipped = attrs.evolve(nato_rok.load(), version="9.9.9")
    expected = "a nato-rok dataset declaring version 9.9.9, not a release this package ships"
    assert expected == _cite.what(unshipped)
    assert "citeAs" not in croissant.metadata(unshipped)
