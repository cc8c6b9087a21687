"""Exports pass no hostile content on: only web links, and formulas neutralised on request."""

from __future__ import annotations

import csv
import io
import json
import re
import typing
from pathlib import Path
from typing import Any

import attrs
import pytest
from hypothesis import given, strategies as st

import nato_rok
from nato_rok import Dataset, cli
from nato_rok.exceptions import SchemaError
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


@pytest.mark.data
def test_excel_safe_csv_neutralises_formulas_and_stays_valid(tmp_path: Path) -> None:
    """With the option, hostile cells carry a quote; the package still validates."""
    import frictionless

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
    assert "--excel-safe" not in datapackage.datapackage(dataset).get("description", "")
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


def _url_valued_fields() -> list[tuple[type, attrs.Attribute[Any]]]:
    """Return (class, field) for every URL-valued field of the records under Dataset.

    A field holds a URL when its name says so (``url``, ``*_url``), or it is
    the licence, which Croissant and the Data Package write where a licence
    URL goes.
    """
    found: list[tuple[type, attrs.Attribute[Any]]] = []
    seen: set[type] = set()
    pending: list[type] = [Dataset]
    while pending:
        cls = pending.pop()
        if cls in seen:
            continue
        seen.add(cls)
        for name, hint in typing.get_type_hints(cls).items():
            for member in (hint, *typing.get_args(hint)):
                if attrs.has(member):
                    pending.append(member)
            field = attrs.fields_dict(cls)[name]
            if field.init and (name in {"url", "license"} or name.endswith("_url")):
                found.append((cls, field))
    return found


def test_every_url_valued_field_is_found() -> None:
    """The walk finds the article's and each reference's URL and the licence."""
    names = {(cls.__name__, field.name) for cls, field in _url_valued_fields()}
    assert {("Dataset", "license"), ("Source", "url"), ("Reference", "url")} == names


@pytest.mark.parametrize("url", [u for u in HOSTILE_URLS if u.strip()])
def test_every_url_valued_field_refuses_what_is_no_web_url(url: str) -> None:
    """Every URL-valued field of the model refuses javascript:, data:, file: and the rest."""
    for _, field in _url_valued_fields():
        assert field.validator is not None
        with pytest.raises(ValueError, match=field.name):
            field.validator(None, field, url)


@pytest.mark.parametrize(
    ("path", "value"),
    [
        ("license", "javascript:alert(1)"),
        ("license", "data:text/html,<script>alert(1)</script>"),
        ("license", "https://creativecommons.org/licenses/by/4.0/"),
        ("license", "CC-BY-4.0 AND"),
        ("license", "(CC-BY-4.0"),
        ("license", "CC-BY-4.0)"),
        ("license", "CC-BY-4.0  OR MIT"),
        ("references", "javascript:alert(1)"),
        ("source", "data:text/html,x"),
    ],
)
def test_the_loader_refuses_a_hostile_url_or_licence_at_its_path(path: str, value: str) -> None:
    """A copy whose licence or URL is no web URL is refused; Croissant never sees it."""
    document = json.loads(nato_rok.dumps(nato_rok.load()))
    where = {"license": "$.license", "references": "$.references[0].url", "source": "$.source.url"}
    if path == "license":
        document["license"] = value
    elif path == "references":
        document["references"][0]["url"] = value
    else:
        document["source"]["url"] = value
    with pytest.raises(SchemaError) as caught:
        nato_rok.loads(json.dumps(document))
    assert [where[path]] == [problem.path for problem in caught.value.problems]


@given(
    st.recursive(
        st.sampled_from(["CC-BY-4.0", "CC0-1.0", "MIT", "LicenseRef-x", "GPL-2.0+"]),
        lambda inner: st.tuples(inner, st.sampled_from(["AND", "OR"]), inner).map(
            lambda t: f"({t[0]} {t[1]} {t[2]})"
        ),
        max_leaves=4,
    )
)
def test_every_spdx_expression_is_a_licence(expression: str) -> None:
    """Identifiers joined by AND and OR, in parentheses, are accepted as the licence."""
    dataset = attrs.evolve(nato_rok.load(), license=expression)
    assert expression == dataset.license
    assert ":" not in jsonld.jsonld(dataset).get("license", "")


@given(st.tuples(st.text(), st.sampled_from(":/"), st.text()).map("".join))
def test_no_text_with_a_scheme_or_a_path_is_a_licence(text: str) -> None:
    """Whatever holds a colon or a slash (every URL does) is refused as the licence."""
    with pytest.raises(ValueError, match="license"):
        attrs.evolve(nato_rok.load(), license=text)
