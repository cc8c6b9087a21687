"""Exports pass no hostile content on: only web links, and formulas neutralised on request."""

from __future__ import annotations

import csv
import io
import json
import re
from pathlib import Path

import attrs
import frictionless
import pytest
from hypothesis import given
from hypothesis import strategies as st

import nato_rok
from nato_rok import Dataset, cli
from nato_rok.export import datapackage, html, jsonld, tables
from nato_rok.export._safe import FORMULA_STARTS, excel_safe, web_url

HOSTILE_URLS = [
    "javascript:alert(1)",
    "JavaScript:alert(document.domain)",
    " javascript:alert(1)",
    "data:text/html,<script>alert(1)</script>",
    "file:///etc/passwd",
    "vbscript:msgbox(1)",
    "//evil.example/x",
    "https://",
    "http://[::1",
    "not a url",
]


def _with_source_url(url: str) -> Dataset:
    """Return the newest release with *url* as the article's address.

    The loader refuses such URLs, and the model may one day too; an export
    must hold even when something slips past both, so the field is set on a
    copy without going through either.
    """
    dataset = nato_rok.load()
    source = attrs.evolve(dataset.source)
    object.__setattr__(source, "url", url)
    return attrs.evolve(dataset, source=source)


@pytest.mark.parametrize("url", ["https://www.nato.int/x", "http://example.org/a?b=c#d"])
def test_web_urls_pass(url: str) -> None:
    """Http and https URLs with a host are links."""
    assert url == web_url(url)


@pytest.mark.parametrize("url", [*HOSTILE_URLS, None])
def test_other_urls_are_no_links(url: str | None) -> None:
    """Any other scheme, no host, or no URL at all: nothing to link."""
    assert web_url(url) is None


@given(st.text())
def test_whatever_passes_is_a_web_url(url: str) -> None:
    """For any text, a URL that passes starts with http: or https: (any case)."""
    passed = web_url(url)
    assert passed is None or re.match(r"\s*https?://", passed, re.IGNORECASE)


@pytest.mark.parametrize("url", HOSTILE_URLS)
def test_no_hostile_url_reaches_an_href_or_a_link(url: str) -> None:
    """The HTML page, JSON-LD and the Data Package leave a hostile URL out of every link."""
    dataset = _with_source_url(url)
    page = html.html_page(dataset)
    hrefs = re.findall(r'href="([^"]*)"', page)
    assert all(href.startswith("#") for href in hrefs)
    graph = jsonld.jsonld(dataset)["@graph"]
    assert all("url" not in node for node in graph)
    descriptor = datapackage.datapackage(dataset)
    assert [{"title": dataset.source.title}] == descriptor["sources"]


def test_the_real_url_is_still_linked() -> None:
    """The bundled release keeps its one external link."""
    url = nato_rok.load().source.url
    assert f'href="{url}"' in html.html_page(nato_rok.load())
    assert url == datapackage.datapackage(nato_rok.load())["sources"][0]["path"]


@pytest.mark.parametrize("start", FORMULA_STARTS)
def test_excel_safe_prefixes_every_formula_start(start: str) -> None:
    """=, +, -, @, tab and CR at the start get a leading quote; elsewhere nothing changes."""
    assert "'" + start + "cmd" == excel_safe(start + "cmd")
    assert "a" + start == excel_safe("a" + start)


@given(st.text())
def test_an_excel_safe_cell_never_starts_a_formula(cell: str) -> None:
    """Whatever the text, the cell either starts safely or is the text unchanged."""
    safe = excel_safe(cell)
    assert not safe.startswith(FORMULA_STARTS)
    assert safe in (cell, "'" + cell)


def _hostile_names() -> Dataset:
    dataset = nato_rok.load()
    first, *rest = dataset.participants
    return attrs.evolve(
        dataset,
        participants=(
            attrs.evolve(
                first, name='=HYPERLINK("http://evil.example","x")', aliases=("@SUM(1)", "-2+3")
            ),
            *rest,
        ),
    )


def _participants(folder: Path) -> list[dict[str, str]]:
    text = (folder / "participants.csv").read_text(encoding="utf-8")
    return list(csv.DictReader(io.StringIO(text)))


def test_excel_safe_csv_neutralises_formulas_and_stays_valid(tmp_path: Path) -> None:
    """With the option, hostile cells carry a quote; the package still validates."""
    dataset = _hostile_names()
    datapackage.write(dataset, tmp_path / "plain")
    datapackage.write(dataset, tmp_path / "safe", excel_safe_cells=True)
    assert _participants(tmp_path / "plain")[0]["name"].startswith("=HYPERLINK")
    row = _participants(tmp_path / "safe")[0]
    assert row["name"].startswith("'=HYPERLINK")
    # An array cell is JSON text starting with [, which no spreadsheet runs.
    assert ["@SUM(1)", "-2+3"] == json.loads(row["aliases"])
    descriptor = json.loads((tmp_path / "safe" / "datapackage.json").read_text(encoding="utf-8"))
    assert "--excel-safe" in descriptor["description"]
    assert "description" not in datapackage.datapackage(dataset)
    report = frictionless.validate(str(tmp_path / "safe" / "datapackage.json"))
    assert [] == [error.message for task in report.tasks for error in task.errors]


def test_excel_safe_leaves_numbers_alone() -> None:
    """A negative Goldstein weight stays a number; only text cells are guarded."""
    table = next(t for t in tables.tables(nato_rok.load()) if t.name == "events")
    negative = attrs.evolve(table, rows=tuple((*r[:10], -5.0, *r[11:]) for r in table.rows))
    rows = list(csv.DictReader(io.StringIO(datapackage.to_csv(negative, excel_safe_cells=True))))
    assert {"-5.0"} == {row["goldstein"] for row in rows}


def test_excel_safe_from_the_command_line(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """--excel-safe on a user's copy with a formula in a name."""
    copy = tmp_path / "copy.json"
    dataset = nato_rok.load()
    first, *rest = dataset.participants
    copy.write_text(
        nato_rok.dumps(
            attrs.evolve(dataset, participants=(attrs.evolve(first, role="=1+1"), *rest))
        ),
        encoding="utf-8",
    )
    out = tmp_path / "tables"
    argv = ["export", "--format", "csv", "--excel-safe", "--from", str(copy), "--out", str(out)]
    assert 0 == cli.main(argv)
    assert "'=1+1" == _participants(out)[0]["role"]


def test_licence_follows_the_dataset() -> None:
    """The descriptor's licence is the dataset's own, linked where it is a known one."""
    dataset = nato_rok.load()
    assert "CC-BY-4.0" == datapackage.datapackage(dataset)["licenses"][0]["name"]
    cc0 = datapackage.datapackage(attrs.evolve(dataset, license="CC0-1.0"))["licenses"]
    assert "https://creativecommons.org/publicdomain/zero/1.0/" == cc0[0]["path"]
    other = datapackage.datapackage(attrs.evolve(dataset, license="ODbL-1.0"))["licenses"]
    assert [{"name": "ODbL-1.0", "title": "ODbL-1.0"}] == other


# No NUL: the loader refuses it in any text, and Python 3.10's csv cannot write it.
@given(st.lists(st.text(st.characters(exclude_characters="\x00")), min_size=1, max_size=5))
def test_no_excel_safe_csv_cell_reads_back_as_a_formula(texts: list[str]) -> None:
    """Any text, written to CSV with excel_safe_cells and read back, never starts a formula."""
    table = tables.Table(
        name="t",
        description="t",
        fields=(
            tables.Field(name="text", type="string", description="any text"),
            tables.Field(name="n", type="integer", description="a number"),
        ),
        primary_key=("n",),
        foreign_keys=(),
        rows=tuple((text, -index) for index, text in enumerate(texts)),
    )
    rows = list(csv.reader(io.StringIO(datapackage.to_csv(table, excel_safe_cells=True))))[1:]
    assert len(texts) == len(rows)
    for (cell, number), text in zip(rows, texts, strict=True):
        assert not cell.startswith(FORMULA_STARTS)
        assert cell in (text, "'" + text)
        assert int(number) <= 0
