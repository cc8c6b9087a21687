"""The nato-rok command: summary, versions, exit codes, streams."""

from __future__ import annotations

import io
import json
import os
import runpy
import sys
from importlib.metadata import version
from pathlib import Path

import pytest

import nato_rok
from nato_rok import cli
from nato_rok._summary import summary


def test_default_command_prints_the_summary(capsys: pytest.CaptureFixture[str]) -> None:
    """No command means the summary of the newest release, on stdout."""
    assert 0 == cli.main([])
    out, err = capsys.readouterr()
    assert summary(nato_rok.load()) == out
    assert "" == err


def test_summary_of_a_pinned_release(capsys: pytest.CaptureFixture[str]) -> None:
    """--release pins the release the summary shows."""
    assert 0 == cli.main(["summary", "--release", "1.0.0"])
    assert capsys.readouterr().out.startswith("nato-rok dataset release 1.0.0 (schema 1)\n")


def test_versions_prints_one_a_line(capsys: pytest.CaptureFixture[str]) -> None:
    """The versions command prints every bundled release, oldest first."""
    assert 0 == cli.main(["versions"])
    assert "".join(f"{v}\n" for v in nato_rok.versions()) == capsys.readouterr().out


def test_unknown_release_exits_1_with_a_message(capsys: pytest.CaptureFixture[str]) -> None:
    """A data error goes to stderr with exit code 1, never a traceback."""
    assert 1 == cli.main(["summary", "--release", "7"])
    out, err = capsys.readouterr()
    assert "" == out
    assert err.startswith("nato-rok: error: no bundled release matches '7'")
    assert "Traceback" not in err


@pytest.mark.parametrize("argv", [["frobnicate"], ["summary", "--bogus"]])
def test_usage_errors_exit_2(argv: list[str], capsys: pytest.CaptureFixture[str]) -> None:
    """Unknown commands and options are usage errors: exit code 2."""
    with pytest.raises(SystemExit) as caught:
        cli.main(argv)
    assert 2 == caught.value.code
    assert "usage: nato-rok" in capsys.readouterr().err


@pytest.mark.parametrize(
    "argv",
    [
        ["--help"],
        ["summary", "--help"],
        ["versions", "--help"],
        ["diff", "--help"],
        ["validate", "--help"],
    ],
)
def test_every_command_has_help_with_an_example(
    argv: list[str], capsys: pytest.CaptureFixture[str]
) -> None:
    """--help works on every command and shows an example."""
    with pytest.raises(SystemExit) as caught:
        cli.main(argv)
    assert 0 == caught.value.code
    assert "example" in capsys.readouterr().out


def test_version_flag(capsys: pytest.CaptureFixture[str]) -> None:
    """--version prints the package version and the bundled releases."""
    with pytest.raises(SystemExit):
        cli.main(["--version"])
    assert f"nato-rok {version('nato-rok')} (dataset releases: " in capsys.readouterr().out


def test_python_dash_m_runs_the_same_command(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """Running `python -m nato_rok` calls main() and exits with its code."""
    monkeypatch.setattr(sys, "argv", ["nato_rok", "versions"])
    with pytest.raises(SystemExit) as caught:
        runpy.run_module("nato_rok", run_name="__main__")
    assert 0 == caught.value.code
    assert capsys.readouterr().out.startswith("1.0.0\n")


def test_diff_between_releases(capsys: pytest.CaptureFixture[str]) -> None:
    """Diff lists what changed, as text by default."""
    assert 0 == cli.main(["diff", "1.0.0", "1.1.0"])
    out = capsys.readouterr().out
    assert nato_rok.diff(nato_rok.load("1.0.0"), nato_rok.load("1.1.0")).to_text() == out


def test_diff_with_a_file_as_json(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """Either side may be a .json document; --format json prints the JSON form."""
    edited = tmp_path / "edited.json"
    edited.write_text(nato_rok.dumps(nato_rok.load("1.0.0")), encoding="utf-8")
    assert 0 == cli.main(["diff", "1.0.0", str(edited), "--format", "json"])
    assert [] == json.loads(capsys.readouterr().out)["changed"]


@pytest.mark.parametrize("name", ["missing.json", "broken.json"])
def test_diff_with_an_unreadable_file_exits_1(
    name: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A missing or invalid file is a one-line-per-problem error, exit code 1."""
    (tmp_path / "broken.json").write_text("{", encoding="utf-8")
    assert 1 == cli.main(["diff", "1.0.0", str(tmp_path / name)])
    err = capsys.readouterr().err
    assert err.startswith("nato-rok: error: ")
    assert "Traceback" not in err


def test_validate_a_valid_document(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """A valid document: exit 0, nothing on stdout, a line on stderr."""
    path = tmp_path / "copy.json"
    path.write_text(nato_rok.dumps(nato_rok.load()), encoding="utf-8")
    assert 0 == cli.main(["validate", str(path)])
    out, err = capsys.readouterr()
    assert "" == out
    assert err.endswith(f"valid (release {nato_rok.load().version}, schema 2)\n")


def test_validate_prints_one_line_per_problem(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """An invalid document: exit 1 and 'path: message' lines on stdout."""
    document = json.loads(nato_rok.dumps(nato_rok.load("1.0.0")))
    document["quotes"][0]["text"] = "Changed words"
    document["visit"]["duration_days"] = 3.5
    path = tmp_path / "edited.json"
    path.write_text(json.dumps(document), encoding="utf-8")
    assert 1 == cli.main(["validate", str(path)])
    out, err = capsys.readouterr()
    assert "$.visit.duration_days: expected integer, got number\n" == out
    assert "invalid: the document does not fit schema 1" in err


@pytest.mark.parametrize(
    ("data", "line"),
    [(b"{", "$: Expecting property name enclosed in double quotes at line 1 column 2\n")],
)
def test_validate_reads_standard_input(
    data: bytes, line: str, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """'-' reads the document from standard input."""
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(data)))
    assert 1 == cli.main(["validate", "-"])
    assert line == capsys.readouterr().out


def test_validate_a_missing_file(capsys: pytest.CaptureFixture[str]) -> None:
    """An unreadable file is exit 1 with a message, never a traceback."""
    assert 1 == cli.main(["validate", "/nonexistent/file.json"])
    assert "cannot read /nonexistent/file.json" in capsys.readouterr().err


def test_validate_reports_errors_without_problems(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """An error that carries no problem list still prints one located line."""

    def refuse(data: bytes) -> nato_rok.Dataset:
        raise nato_rok.DatasetError("refused for a reason")

    monkeypatch.setattr(cli, "loads", refuse)
    path = tmp_path / "x.json"
    path.write_text("{}", encoding="utf-8")
    assert 1 == cli.main(["validate", str(path)])
    assert "$: refused for a reason\n" == capsys.readouterr().out


@pytest.mark.parametrize(
    ("argv", "expected_ids"),
    [
        (["quotes"], None),
        (["quotes", "--speaker", "Fogh Rasmussen"], None),
        (
            ["quotes", "--speaker", "anders-fogh-rasmussen", "--topic", "North-Korea-Condemnation"],
            ["quote-north-korea-threat", "quote-north-korea-defiance"],
        ),
        (
            ["quotes", "--topic", "financial aid to the Afghan National Army Trust Fund"],
            ["quote-afghanistan-lessons"],
        ),
        (["quotes", "--speaker", "park guen-hye"], []),
    ],
)
def test_quotes_filters_by_speaker_and_topic(
    argv: list[str], expected_ids: list[str] | None, capsys: pytest.CaptureFixture[str]
) -> None:
    """--speaker takes an id, name or alias; --topic an id or name; json is the records."""
    assert 0 == cli.main([*argv, "--format", "json"])
    quotes = json.loads(capsys.readouterr().out)
    ids = [q.id for q in nato_rok.load().quotes] if expected_ids is None else expected_ids
    assert ids == [q["id"] for q in quotes]


def test_quotes_as_text_and_csv(capsys: pytest.CaptureFixture[str]) -> None:
    """Text shows each quotation in curly quotes; CSV has a header and one row each."""
    import csv

    assert 0 == cli.main(["quotes", "--topic", "north-korea-condemnation"])
    text = capsys.readouterr().out
    assert text.startswith(
        "quote-north-korea-threat (Anders Fogh Rasmussen, partial, 2302..2384)\n"
    )
    assert "  “pose a serious threat" in text
    assert 0 == cli.main(["quotes", "--format", "csv", "--release", "1.0.0"])
    rows = list(csv.DictReader(io.StringIO(capsys.readouterr().out)))
    dataset = nato_rok.load("1.0.0")
    assert [q.text for q in dataset.quotes] == [row["text"] for row in rows]
    assert (
        "provincial-reconstruction-team-parwan afghan-national-army-trust-fund"
        == rows[4]["topic_ids"]
    )


@pytest.mark.parametrize("argv", [["quotes", "--speaker", "Nobody"], ["quotes", "--topic", "golf"]])
def test_quotes_with_unknown_filters_exit_1(
    argv: list[str], capsys: pytest.CaptureFixture[str]
) -> None:
    """An unknown speaker or topic is an error message, exit 1."""
    assert 1 == cli.main(argv)
    assert capsys.readouterr().err.startswith("nato-rok: error: no ")


def test_show_a_record_with_its_excerpts(capsys: pytest.CaptureFixture[str]) -> None:
    """Show prints the record and every excerpt its spans point at."""
    assert 0 == cli.main(["show", "park-geun-hye", "--format", "json"])
    view = json.loads(capsys.readouterr().out)
    assert "Participant" == view["record_type"]
    assert "Park Geun-hye" == view["record"]["name"]
    assert {"field": "mentions[0]", "start": 511, "end": 524, "text": "Park Guen-hye"} in view[
        "excerpts"
    ]
    assert 0 == cli.main(["show", "quote-north-korea-threat"])
    text = capsys.readouterr().out
    assert text.startswith("Quote quote-north-korea-threat\n{\n")
    assert "  attribution_span 2287..2300: which he said\n" in text


def test_show_the_source_abbreviates_its_text(capsys: pytest.CaptureFixture[str]) -> None:
    """The source's text is summarised in the text view, whole in JSON."""
    assert 0 == cli.main(["show", "nato-news-99519"])
    assert '"text": "<3055 characters>"' in capsys.readouterr().out
    assert 0 == cli.main(["show", "nato-news-99519", "--format", "json"])
    assert 3055 == len(json.loads(capsys.readouterr().out)["record"]["text"])


def test_show_an_unknown_id_exits_1(capsys: pytest.CaptureFixture[str]) -> None:
    """An unknown id: exit 1, message on stderr."""
    assert 1 == cli.main(["show", "nobody"])
    assert "no record has the id 'nobody'" in capsys.readouterr().err


@pytest.mark.parametrize(
    ("argv", "message"),
    [
        (["show", "park"], "no record has the id 'park'; did you mean 'park-geun-hye', "),
        (["quotes", "--speaker", "Park"], "is called 'Park'; did you mean 'Park Geun-hye'?\n"),
        (["quotes", "--topic", "cyber"], "; did you mean 'cyber-attacks'?\n"),
        (
            ["quotes", "--topic", "Disaster"],
            "; did you mean 'disaster-relief'?\n",
        ),
    ],
)
def test_refused_names_suggest(
    argv: list[str], message: str, capsys: pytest.CaptureFixture[str]
) -> None:
    """The show and quotes commands suggest the closest ids and names when they refuse one."""
    assert 1 == cli.main(argv)
    assert message in capsys.readouterr().err


def test_export_jsonschema(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """Export --format jsonschema writes the schema of the release's schema version."""
    from nato_rok.export.jsonschema import schema

    assert 0 == cli.main(["export", "--format", "jsonschema", "--version", "1.0.0"])
    assert schema(1) == json.loads(capsys.readouterr().out)
    out = tmp_path / "schema.json"
    assert 0 == cli.main(["export", "--format", "jsonschema", "--out", str(out)])
    assert schema(2) == json.loads(out.read_text(encoding="utf-8"))
    assert f"wrote {out}" in capsys.readouterr().err
    assert 1 == cli.main(["export", "--format", "jsonschema", "--out", str(tmp_path / "no" / "x")])
    assert "cannot write" in capsys.readouterr().err


@pytest.mark.parametrize(("fmt", "descriptor"), [("csv", False), ("datapackage", True)])
def test_export_tables(
    fmt: str, descriptor: bool, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Csv writes the tables into a folder; datapackage adds datapackage.json."""
    out = tmp_path / "tables"
    assert 0 == cli.main(["export", "--format", fmt, "--out", str(out), "--release", "1.0.0"])
    assert (out / "quotes.csv").exists()
    assert descriptor == (out / "datapackage.json").exists()
    assert 1 == cli.main(["export", "--format", fmt])
    assert "writes a folder: give it with --out DIR" in capsys.readouterr().err


def test_export_jsonld(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """Export --format jsonld writes the JSON-LD document, to stdout or a file."""
    from nato_rok.export.jsonld import jsonld

    assert 0 == cli.main(["export", "--format", "jsonld"])
    assert jsonld(nato_rok.load()) == json.loads(capsys.readouterr().out)
    out = tmp_path / "visit.jsonld"
    assert 0 == cli.main(["export", "--format", "jsonld", "--out", str(out), "--version", "1.0.0"])
    assert jsonld(nato_rok.load("1.0.0")) == json.loads(out.read_text(encoding="utf-8"))


def test_export_html(tmp_path: Path) -> None:
    """Export --format html writes the annotated article."""
    from nato_rok.export.html import html_page

    out = tmp_path / "article.html"
    assert 0 == cli.main(["export", "--format", "html", "--out", str(out)])
    assert html_page(nato_rok.load()) == out.read_text(encoding="utf-8")


def test_a_closed_pipe_ends_quietly(monkeypatch: pytest.MonkeyPatch) -> None:
    """When the reader goes away (`| head`), exit 1 without a traceback."""
    redirected: list[int] = []

    class Stdout:
        def fileno(self) -> int:
            return 99

    def broken(text: str) -> None:
        raise BrokenPipeError

    monkeypatch.setattr(cli, "_emit", broken)
    monkeypatch.setattr(os, "dup2", lambda source, target: redirected.append(target))
    monkeypatch.setattr(sys, "stdout", Stdout())
    assert 1 == cli.main(["versions"])
    assert [99] == redirected


def test_output_is_utf8_whatever_the_console(monkeypatch: pytest.MonkeyPatch) -> None:
    """Curly quotes reach an ASCII console's byte stream as UTF-8; text streams get text."""
    raw = io.BytesIO()
    monkeypatch.setattr(sys, "stdout", io.TextIOWrapper(raw, encoding="ascii"))
    assert 0 == cli.main(["quotes", "--topic", "north-korea-condemnation"])
    assert "“pose a serious threat" in raw.getvalue().decode("utf-8")
    plain = io.StringIO()
    monkeypatch.setattr(sys, "stdout", plain)
    assert 0 == cli.main(["versions"])
    assert plain.getvalue().startswith("1.0.0\n")


def test_diff_reads_any_existing_file(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """A path that exists is a document, whatever its suffix's case."""
    copy = tmp_path / "COPY.JSON"
    copy.write_text(nato_rok.dumps(nato_rok.load()), encoding="utf-8")
    assert 0 == cli.main(["diff", str(copy), nato_rok.versions()[-1]])
    assert capsys.readouterr().out.endswith("no changes\n")
