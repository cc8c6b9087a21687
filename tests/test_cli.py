"""The nato-rok command: summary, versions, exit codes, streams."""

from __future__ import annotations

import errno
import io
import json
import os
import runpy
import shutil
import subprocess
import sys
import unicodedata
from importlib.metadata import version
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, strategies as st

import nato_rok
from nato_rok import _resources, _streams, cli
from nato_rok._summary import summary
from nato_rok.exceptions import BrokenInstallError


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


def test_validate_a_valid_document(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """A valid document: exit 0, the verdict on stdout (the report's one stream)."""
    monkeypatch.chdir(tmp_path)  # a short name: a long one is shortened in messages
    path = Path("copy.json")
    path.write_text(nato_rok.dumps(nato_rok.load()), encoding="utf-8")
    assert 0 == cli.main(["validate", str(path)])
    out, err = capsys.readouterr()
    assert f"{path}: valid (release {nato_rok.load().version}, schema 3)\n" == out
    assert "" == err


def test_validate_prints_one_line_per_problem(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """An invalid document: exit 1, the verdict then 'path: message' lines, all on stdout."""
    document = json.loads(nato_rok.dumps(nato_rok.load("1.0.0")))
    document["quotes"][0]["text"] = "Changed words"
    document["visit"]["duration_days"] = 3.5
    monkeypatch.chdir(tmp_path)
    path = Path("edited.json")
    path.write_text(json.dumps(document), encoding="utf-8")
    assert 1 == cli.main(["validate", str(path)])
    out, err = capsys.readouterr()
    assert (
        f"{path}: invalid: the document does not fit schema 1 (1 problem(s))\n"
        "$.visit.duration_days: expected integer, got number\n"
    ) == out
    assert "" == err


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
    verdict, problems = capsys.readouterr().out.split("\n", 1)
    assert verdict.startswith("-: invalid: ")
    assert line == problems


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
    monkeypatch.chdir(tmp_path)
    path = Path("x.json")
    path.write_text("{}", encoding="utf-8")
    assert 1 == cli.main(["validate", str(path)])
    assert f"{path}: invalid: refused for a reason\n$: refused for a reason\n" == (
        capsys.readouterr().out
    )


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
            ["quotes", "--topic", "cooperation-in-afghanistan"],
            ["quote-afghanistan-lessons"],
        ),
        (
            ["quotes", "--topic", "financial aid to the Afghan National Army Trust Fund"],
            [],
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
    assert "  attribution_span 2293..2300: he said\n" in text


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("Park Geun-hye", "park-geun-hye"),
        ("park", "park-geun-hye"),
        ("Rasmussen", "anders-fogh-rasmussen"),
        ("Korea", "republic-of-korea"),  # an organization's alias
        ("Security Council", "united-nations-security-council"),
    ],
)
def test_show_takes_a_name(name: str, expected: str, capsys: pytest.CaptureFixture[str]) -> None:
    """Show finds a record by its name, an alias, or a unique run of words of one."""
    assert 0 == cli.main(["show", name, "--format", "json"])
    assert expected == json.loads(capsys.readouterr().out)["record"]["id"]


def test_show_refuses_an_ambiguous_word_listing_the_records(
    capsys: pytest.CaptureFixture[str],
) -> None:
    """Words of the names of several records are refused, exit 1, every candidate listed."""
    assert 1 == cli.main(["show", "Trust Fund"])
    assert (
        "nato-rok: error: 'Trust Fund' could be any of 2 records: "
        "'afghan-national-army-trust-fund', 'ana-trust-fund'; give a full name or an id\n"
    ) == capsys.readouterr().err


@pytest.mark.parametrize(
    ("argv", "message"),
    [
        (["quotes", "--speaker", "Park Geun-hye"], "no quotations by Park Geun-hye in release"),
        (
            ["quotes", "--speaker", "yun", "--topic", "cyber-attacks", "--format", "csv"],
            f"no quotations by Yun Byung-se on cyber-attacks in release {nato_rok.versions()[-1]}",
        ),
    ],
)
def test_an_empty_result_says_so_on_stderr_and_exits_0(
    argv: list[str], message: str, capsys: pytest.CaptureFixture[str]
) -> None:
    """No quotation matching is an answer (exit 0), said on stderr; stdout holds the data."""
    assert 0 == cli.main(argv)
    out, err = capsys.readouterr()
    assert message in err
    assert out in ("", "id,speaker_id,speaker,kind,start,end,attribution_start,"
                   "attribution_end,topic_ids,text\r\n")  # fmt: skip


def test_quotes_by_a_unique_surname(capsys: pytest.CaptureFixture[str]) -> None:
    """--speaker takes a surname that is one participant's."""
    assert 0 == cli.main(["quotes", "--speaker", "rasmussen", "--format", "json"])
    out, err = capsys.readouterr()
    assert len(nato_rok.load().quotes) == len(json.loads(out))
    assert "" == err


@pytest.mark.parametrize(
    ("command", "message"),
    [
        ("quote", "invalid choice: 'quote'; did you mean 'quotes'?\n"),
        ("shwo", "invalid choice: 'shwo'; did you mean 'show'?\n"),
        ("zzz", "invalid choice: 'zzz' (choose from summary, versions, diff, quotes, show, "),
    ],
)
def test_a_mistyped_command_gets_did_you_mean(
    command: str, message: str, capsys: pytest.CaptureFixture[str]
) -> None:
    """An unknown command: usage error (exit 2) suggesting the closest commands."""
    with pytest.raises(SystemExit) as caught:
        cli.main([command, "x"])
    assert 2 == caught.value.code
    out, err = capsys.readouterr()
    assert "" == out
    assert err.startswith("usage: nato-rok ")
    assert message in err


def test_an_option_before_a_command_is_left_to_argparse(capsys: pytest.CaptureFixture[str]) -> None:
    """--version first still prints the version, whatever follows."""
    with pytest.raises(SystemExit) as caught:
        cli.main(["--version", "quote"])
    assert 0 == caught.value.code
    assert capsys.readouterr().out.startswith("nato-rok ")


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
        (["show", "park-geun"], "no record has the id 'park-geun'; did you mean 'park-geun-hye'"),
        (["quotes", "--speaker", "Geun"], "is called 'Geun'; did you mean 'Park Geun-hye'?\n"),
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
    assert schema(3) == json.loads(out.read_text(encoding="utf-8"))
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


def test_export_to_an_empty_path_is_a_usage_error(capsys: pytest.CaptureFixture[str]) -> None:
    """--out "" would name the current folder: exit 2, as for any bad option."""
    with pytest.raises(SystemExit) as exited:
        cli.main(["export", "--format", "csv", "--out", ""])
    assert 2 == exited.value.code
    assert "give a file or folder name" in capsys.readouterr().err


def test_export_refuses_a_link_and_keeps_what_it_points_at(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A symbolic link at --out: exit 1 with one line; the linked file is untouched."""
    secret = tmp_path / "secret"
    secret.write_text("keep", encoding="utf-8")
    (tmp_path / "page.html").symlink_to(secret)
    assert 1 == cli.main(["export", "--format", "html", "--out", str(tmp_path / "page.html")])
    assert "is a symbolic link" in capsys.readouterr().err
    assert "keep" == secret.read_text(encoding="utf-8")


@pytest.mark.parametrize("how", ["same path", "link", "dot-dot", "hard link"])
def test_export_never_replaces_its_own_input(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], how: str
) -> None:
    """--out is --from, by any name: exit 1 saying so; the only copy is untouched."""
    copy = tmp_path / "copy.json"
    copy.write_bytes(_valid_document())
    (tmp_path / "sub").mkdir()
    out = {
        "same path": str(copy),
        "link": str(tmp_path / "sub" / "link.json"),
        "dot-dot": str(tmp_path / "sub" / ".." / "copy.json"),
        "hard link": str(tmp_path / "sub" / "hard.json"),
    }[how]
    if how == "link":
        Path(out).symlink_to(copy)
    elif how == "hard link":
        os.link(copy, out)
    argv = ["export", "--format", "html", "--from", str(copy), "--out", out]
    assert 1 == cli.main(argv)
    err = capsys.readouterr().err
    assert "the export's own input; an export never replaces its input" in err
    assert 1 == len(err.splitlines())
    assert _valid_document() == copy.read_bytes()


def test_a_folder_export_never_replaces_its_own_input(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """--from package/datapackage.json --out package: refused, the copy kept."""
    package = tmp_path / "package"
    package.mkdir()
    copy = package / "datapackage.json"
    copy.write_bytes(_valid_document())
    argv = ["export", "--format", "datapackage", "--from", str(copy), "--out", str(package)]
    assert 1 == cli.main(argv)
    assert "the export's own input" in capsys.readouterr().err
    assert ["datapackage.json"] == [path.name for path in package.iterdir()]
    assert _valid_document() == copy.read_bytes()


def test_export_from_standard_input_never_replaces_that_file(tmp_path: Path) -> None:
    """`--from - < copy.json --out copy.json`: the file behind standard input is kept too."""
    copy = tmp_path / "copy.json"
    copy.write_bytes(_valid_document())
    argv = ["export", "--format", "html", "--from", "-", "--out", str(copy)]
    with copy.open("rb") as stdin:
        done = subprocess.run(
            [sys.executable, "-m", "nato_rok", *argv],
            stdin=stdin,
            capture_output=True,
            check=False,
            timeout=60,
        )
    assert 1 == done.returncode
    assert b"the export's own input" in done.stderr
    assert _valid_document() == copy.read_bytes()
    out = tmp_path / "page.html"
    with copy.open("rb") as stdin:
        subprocess.run(
            [sys.executable, "-m", "nato_rok", *argv[:-1], str(out)],
            stdin=stdin,
            check=True,
            timeout=60,
        )
    assert out.read_text(encoding="utf-8").startswith("<!DOCTYPE html>")


def test_the_wrote_message_is_escaped(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """An --out name holding BEL, ESC or U+202E is printed escaped, as every message is."""
    monkeypatch.chdir(tmp_path)
    name = "a\x07b\x1b[31mc\u202ed.html"
    assert 0 == cli.main(["export", "--format", "html", "--out", name])
    assert "nato-rok: wrote a\\u0007b\\u001b[31mc\\u202ed.html\n" == capsys.readouterr().err
    assert [name] == [path.name for path in tmp_path.iterdir()]


def test_export_from_dev_zero_is_refused_at_once(capsys: pytest.CaptureFixture[str]) -> None:
    """An endless --from is read only up to the limit, then refused: no MemoryError."""
    assert 1 == cli.main(["export", "--format", "html", "--from", "/dev/zero"])
    out, err = capsys.readouterr()
    assert "" == out
    assert "nato-rok: error: /dev/zero is larger than 64 MiB, the most nato-rok reads" in err


def test_export_from_a_missing_file_is_one_line(capsys: pytest.CaptureFixture[str]) -> None:
    """--from a file that is not there: exit 1, one line naming it."""
    assert 1 == cli.main(["export", "--format", "html", "--from", "missing.json"])
    assert "nato-rok: error: cannot read missing.json: No such file or directory\n" == (
        capsys.readouterr().err
    )


# The peak memory of a command, measured in a child of a small process: a child
# forked straight from pytest would report pytest's own peak (Linux keeps it
# across exec).
_MEASURED = """\
import resource, subprocess, sys
code = subprocess.run([sys.executable, "-m", "nato_rok", *sys.argv[2:]], check=False).returncode
peak = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
with open(sys.argv[1], "w") as report:
    report.write(f"{code} {peak}")
"""


@pytest.mark.parametrize(
    "argv",
    [
        ["validate", "{}"],
        ["validate", "-"],
        ["diff", "1.0.0", "{}"],
        ["diff", "{}", "1.0.0"],
        ["export", "--format", "html", "--from", "{}"],
        ["export", "--format", "csv", "--from", "{}", "--out", "tables"],
        ["export", "--format", "html", "--from", "-"],
    ],
)
def test_every_command_refuses_a_200_mib_file_in_bounded_memory(
    tmp_path: Path, argv: list[str]
) -> None:
    """A 200 MiB (sparse) file, as an argument or as standard input: refused, never read whole.

    The peak memory of the command that refuses it is measured: below even the
    64 MiB limit (it was over 200 MiB when `export --from` read the file whole).
    """
    huge = tmp_path / "huge.json"
    with huge.open("wb") as file:
        file.truncate(200 << 20)
    report = tmp_path / "report"
    with huge.open("rb") as stdin:
        done = subprocess.run(
            [
                sys.executable,
                "-c",
                _MEASURED,
                str(report),
                *(str(huge) if a == "{}" else a for a in argv),
            ],
            stdin=stdin,
            capture_output=True,
            check=False,
            cwd=tmp_path,
            timeout=60,
        )
    assert 0 == done.returncode, done.stderr
    code, peak_kib = map(int, report.read_text(encoding="utf-8").split())
    assert 1 == code
    # validate reports on standard output; diff and export on standard error
    said = done.stdout + done.stderr
    assert b"is larger than 64 MiB, the most nato-rok reads; nothing was parsed" in said
    assert b"Traceback" not in said
    assert peak_kib < 64 * 1024
    assert not (tmp_path / "tables").exists()


def test_a_closed_pipe_ends_quietly(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """When the reader goes away (`| head`), exit 1 quietly; stdout goes to the null device."""
    redirected: list[int] = []

    class Stdout:
        def fileno(self) -> int:
            return 99

        def write(self, text: str) -> int:
            raise BrokenPipeError(32, "Broken pipe")

        def flush(self) -> None:
            pass

    monkeypatch.setattr(os, "dup2", lambda source, target: redirected.append(target))
    monkeypatch.setattr(sys, "stdout", Stdout())
    assert 1 == cli.main(["versions"])
    assert [99] == redirected
    assert "" == capsys.readouterr().err


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


# The contract in every environment: exit 0/1/2 (130 on Ctrl-C), never a traceback.


COMMANDS = [
    ["versions"],
    ["summary"],
    ["quotes"],
    ["show", "park-geun-hye"],
    ["diff", "1.0.0", "1.1.0"],
    ["cite"],
    ["validate", "-"],
    ["--version"],
    ["--help"],
]
BASH = shutil.which("bash") or "/bin/bash"
_REDIRECTIONS = {
    "stdout closed": ">&-",
    "stderr closed": "2>&-",
    "stdout full": ">/dev/full",
    "both closed": ">&- 2>&-",
}


def _shell(argv: list[str], redirection: str, **kwargs: Any) -> subprocess.CompletedProcess[bytes]:
    """Run `python -m nato_rok ARGV` under bash with *redirection* applied to it."""
    script = f'exec "$@" {redirection}'
    return subprocess.run(
        [BASH, "-c", script, "bash", sys.executable, "-m", "nato_rok", *argv],
        capture_output=True,
        check=False,
        timeout=60,
        **kwargs,
    )


def _valid_document() -> bytes:
    return nato_rok.dumps(nato_rok.load()).encode("utf-8")


@pytest.mark.parametrize("redirection", ["stdout closed", "stdout full"])
@pytest.mark.parametrize("argv", [["versions"], ["--help"]])
def test_unwritable_stdout_is_exit_1_with_one_line(argv: list[str], redirection: str) -> None:
    """Stdout closed or full: exit 1, one line on stderr saying so, no traceback."""
    done = _shell(argv, _REDIRECTIONS[redirection])
    assert 1 == done.returncode
    lines = done.stderr.decode().splitlines()
    assert 1 == len(lines)
    assert lines[0].startswith("nato-rok: error: cannot write standard output: ")


@pytest.mark.slow
@pytest.mark.parametrize("redirection", list(_REDIRECTIONS))
@pytest.mark.parametrize("argv", COMMANDS)
def test_every_command_keeps_its_contract_whatever_the_streams(
    argv: list[str], redirection: str
) -> None:
    """Every command, with stdout or stderr closed or stdout full: exit 0 or 1, no traceback."""
    done = _shell(argv, _REDIRECTIONS[redirection], input=_valid_document())
    # every command writes standard output (validate its whole report, verdict first)
    expected = 1 if redirection != "stderr closed" else 0
    assert expected == done.returncode, done.stderr
    assert b"Traceback" not in done.stderr
    assert b"Exception ignored" not in done.stderr


@pytest.mark.slow
@pytest.mark.parametrize("argv", COMMANDS)
def test_every_command_ends_quietly_on_a_closed_pipe(argv: list[str]) -> None:
    """`nato-rok ... | head -1`: no traceback, exit 0 or 1 (1 when the pipe broke)."""
    document = nato_rok.dumps(nato_rok.load("1.0.0")).encode() if argv[0] == "validate" else b""
    if argv[0] == "validate":
        document = document.replace(b'"Seoul"', b"1")  # invalid: it prints problems
    with subprocess.Popen(
        [sys.executable, "-m", "nato_rok", *argv],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
    ) as process:
        assert process.stdin is not None
        assert process.stdout is not None
        assert process.stderr is not None
        process.stdout.close()  # the reader went away before reading a byte
        process.stdin.write(document)
        process.stdin.close()
        err = process.stderr.read()
        assert process.wait(60) in (0, 1)
    assert b"Traceback" not in err
    assert b"Exception ignored" not in err


def test_an_ascii_console_gets_utf8_output_and_escaped_messages(tmp_path: Path) -> None:
    """PYTHONIOENCODING=ascii and LANG=C: no traceback; data as UTF-8, messages escaped."""
    document = json.loads(_valid_document())
    document["participants"][0]["name"] = "Ра\u202esmussen"  # Cyrillic and a bidi override
    path = tmp_path / "éditée.json"
    path.write_text(json.dumps(document, ensure_ascii=False), encoding="utf-8")
    env = {**os.environ, "PYTHONIOENCODING": "ascii", "LANG": "C", "LC_ALL": "C"}
    done = subprocess.run(
        [sys.executable, "-m", "nato_rok", "validate", str(path)],
        capture_output=True,
        check=False,
        env=env,
        timeout=60,
    )
    assert 1 == done.returncode
    assert b"Traceback" not in done.stderr
    assert b"U+202E (RIGHT-TO-LEFT OVERRIDE)" in done.stdout
    assert "\u202e".encode() not in done.stdout + done.stderr
    quotes = subprocess.run(
        [sys.executable, "-m", "nato_rok", "quotes"],
        capture_output=True,
        check=True,
        env=env,
        timeout=60,
    )
    assert "“".encode() in quotes.stdout


def test_ctrl_c_while_reading_stdin_exits_130(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """Ctrl-C while the document is read: exit 130, one line, no traceback."""

    class Interrupted:
        def read(self, size: int = -1) -> bytes:
            raise KeyboardInterrupt

    class Stdin:
        buffer = Interrupted()

    monkeypatch.setattr(sys, "stdin", Stdin())
    assert 130 == cli.main(["validate", "-"])
    assert "nato-rok: interrupted\n" == capsys.readouterr().err


@pytest.mark.slow
def test_a_real_sigint_while_reading_stdin_exits_130() -> None:
    """SIGINT to a process blocked reading stdin: exit 130, no traceback."""
    import signal
    import time

    with subprocess.Popen(
        [sys.executable, "-m", "nato_rok", "validate", "-"],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
    ) as process:
        time.sleep(3)  # long past the imports: blocked reading stdin
        process.send_signal(signal.SIGINT)
        _, err = process.communicate(timeout=60)
    assert 130 == process.returncode
    assert b"Traceback" not in err


def _replaced(name: str, handler: Any) -> tuple[Any, ...]:
    """Return the CLI's command table with *name*'s handler replaced by *handler*."""
    import dataclasses

    return tuple(
        dataclasses.replace(command, handler=handler) if command.name == name else command
        for command in cli._COMMANDS
    )


def test_the_signal_handler_stops_once_and_then_ignores() -> None:
    """Armed, the first signal raises; a second, or one after the end, is ignored."""
    import signal

    handler = _streams.Signals()
    handler(signal.SIGTERM, None)  # before arm(): kept, raised by arm()
    with pytest.raises(KeyboardInterrupt):
        handler.arm()
    handler = _streams.Signals()
    handler.arm()
    with pytest.raises(KeyboardInterrupt):
        handler(signal.SIGHUP, None)
    handler(signal.SIGINT, None)  # cannot cut the clean-up short
    handler.done = True
    handler(signal.SIGTERM, None)
    assert [signal.SIGHUP] == handler.received
    late = _streams.Signals()
    late.done = True
    late(signal.SIGTERM, None)
    assert [] == late.received


@pytest.mark.parametrize("error", [nato_rok.DatasetError, RuntimeError])
def test_a_signal_turned_into_an_error_still_exits_128_plus_n(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str], error: type[Exception]
) -> None:
    """A library that turns the interruption into an error of its own: still stopped, 128+N.

    DuckDB raises RuntimeError("Query interrupted"); no traceback, whatever the error.
    """
    import signal

    def swallowing(args: object) -> str:
        try:
            os.kill(os.getpid(), signal.SIGUSR2)
            signal.sigtimedwait([], 0)  # lets the handler run here
        except KeyboardInterrupt as exc:
            raise error("the engine was interrupted") from exc
        raise AssertionError("no signal came")  # pragma: no cover

    monkeypatch.setattr(cli, "_COMMANDS", _replaced("versions", swallowing))
    assert 128 + signal.SIGUSR2 == cli.main(["versions"])
    reported = ["nato-rok: error: the engine was interrupted"] if error is not RuntimeError else []
    assert [*reported, "nato-rok: stopped by SIGUSR2"] == capsys.readouterr().err.splitlines()
    assert signal.SIG_DFL == signal.getsignal(signal.SIGUSR2)  # put back


def test_an_error_without_a_signal_is_not_hidden(monkeypatch: pytest.MonkeyPatch) -> None:
    """A bug (an exception no signal caused) still propagates: it is not taken for a signal."""

    def broken(args: object) -> str:
        raise RuntimeError("a bug")

    monkeypatch.setattr(cli, "_COMMANDS", _replaced("versions", broken))
    with pytest.raises(RuntimeError, match="a bug"):
        cli.main(["versions"])


def test_a_real_time_signal_is_named_by_its_number(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """A signal without a name of its own (SIGRTMIN+1) is named by its number."""
    import signal

    number = signal.SIGRTMIN + 1

    def signalled(args: object) -> str:
        os.kill(os.getpid(), number)
        signal.sigtimedwait([], 0)
        raise AssertionError("no signal came")  # pragma: no cover

    monkeypatch.setattr(cli, "_COMMANDS", _replaced("versions", signalled))
    assert 128 + number == cli.main(["versions"])
    assert f"nato-rok: stopped by signal {number}\n" == capsys.readouterr().err


def test_a_signal_handled_or_ignored_before_is_left_so(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """A signal someone set (nohup's ignored SIGHUP) keeps its handler during the command."""
    import signal

    during: list[object] = []

    def looking(args: object) -> str:
        during.extend(signal.getsignal(number) for number in (signal.SIGHUP, signal.SIGTERM))
        return ""

    monkeypatch.setattr(cli, "_COMMANDS", _replaced("versions", looking))
    before = signal.signal(signal.SIGHUP, signal.SIG_IGN)
    try:
        assert 0 == cli.main(["versions"])
    finally:
        signal.signal(signal.SIGHUP, before)
    assert signal.SIG_IGN == during[0]
    assert isinstance(during[1], _streams.Signals)  # SIGTERM, at its default, is taken
    assert signal.SIG_DFL == signal.getsignal(signal.SIGTERM)


def test_export_from_standard_input(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """--from - reads the document from standard input, as validate - does."""
    copy = tmp_path / "copy.json"
    copy.write_bytes(_valid_document())
    out = tmp_path / "page.html"
    with copy.open("rb") as stream:
        monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(stream))
        assert 0 == cli.main(["export", "--format", "html", "--from", "-", "--out", str(out)])
    assert out.read_text(encoding="utf-8").startswith("<!DOCTYPE html>")


def test_main_in_another_thread_leaves_signals_alone(capsys: pytest.CaptureFixture[str]) -> None:
    """Only the main thread may handle signals: main() elsewhere runs without handlers."""
    import threading

    codes: list[int] = []
    thread = threading.Thread(target=lambda: codes.append(cli.main(["versions"])))
    thread.start()
    thread.join()
    assert [0] == codes
    assert capsys.readouterr().out.startswith("1.0.0\n")


def test_stdin_closed_is_exit_1(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """No standard input at all (<&-): exit 1 saying so."""
    monkeypatch.setattr(sys, "stdin", None)
    assert 1 == cli.main(["validate", "-"])
    out, err = capsys.readouterr()
    assert "" == out
    assert "nato-rok: error: cannot read standard input: it is closed\n" == err


@pytest.mark.parametrize("argv", [["validate"], ["diff", "1.0.0"]])
@pytest.mark.parametrize(
    ("name", "reason"),
    [("x" * 5000, "File name too long"), (".", "Is a directory"), ("missing", "No such file")],
)
def test_unreadable_files_are_one_short_line(
    argv: list[str], name: str, reason: str, capsys: pytest.CaptureFixture[str]
) -> None:
    """A too-long, unreadable or missing file name: exit 1, one short line, no traceback."""
    assert 1 == cli.main([*argv, name])
    out, err = capsys.readouterr()
    assert "" == out
    assert 1 == len(err.splitlines())
    assert reason in err
    assert len(err) < 300


@pytest.mark.parametrize(
    "argv",
    [
        ["summary", "--release", "9" * 5000],
        ["diff", "9" * 5000, "1.0.0"],
        ["show", "x", "--release", "1." + "0" * 5000],
    ],
)
def test_a_release_of_5000_digits_is_one_short_line(
    argv: list[str], capsys: pytest.CaptureFixture[str]
) -> None:
    """A huge release number is a malformed release: exit 1, a short message, no traceback."""
    assert 1 == cli.main(argv)
    err = capsys.readouterr().err
    assert "characters) is not a version" in err
    assert len(err.splitlines()) <= 2
    assert len(err) < 400


def test_a_file_named_like_a_release_is_not_read_by_diff(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """'1.0.0' is the bundled release even beside a file so named; ./1.0.0 is the file."""
    monkeypatch.chdir(tmp_path)
    (tmp_path / "1.0.0").write_bytes(_valid_document())
    assert 0 == cli.main(["diff", "1.0.0", "./1.0.0"])
    out, err = capsys.readouterr()
    assert out.startswith(f"diff 1.0.0 -> {nato_rok.load().version}\n")
    assert (
        "nato-rok: note: the old side '1.0.0' is the bundled release, not the file of that "
        "name; write ./1.0.0 to compare the file\n" == err
    )


def test_version_without_distribution_metadata(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """A vendored copy without metadata: --version says the version is unknown."""
    import importlib.metadata

    def missing(name: str) -> str:
        raise importlib.metadata.PackageNotFoundError(name)

    monkeypatch.setattr(importlib.metadata, "version", missing)
    with pytest.raises(SystemExit) as caught:
        cli.main(["--version"])
    assert 0 == caught.value.code
    out = capsys.readouterr().out
    assert out.startswith("nato-rok (version unknown: no distribution metadata")
    assert f"(dataset releases: {', '.join(nato_rok.versions())})" in out


def test_a_vendored_copy_runs_without_metadata(tmp_path: Path) -> None:
    """A copy of the package on sys.path, its metadata nowhere: --version says so, the rest runs."""
    shutil.copytree(Path(nato_rok.__file__).parent, tmp_path / "nato_rok")
    script = (
        "import sys\n"
        "import attrs, cattrs, cattrs.preconf.json\n"  # the dependencies, as a vendoring app has
        "if sys.version_info < (3, 11):\n"
        "    import importlib_resources\n"
        "sys.path[:] = [sys.argv[1], *(p for p in sys.path if 'site-packages' not in p)]\n"
        "import nato_rok\n"
        "sys.stderr.write(nato_rok.__file__)\n"
        "from nato_rok.cli import main\n"
        "sys.exit(main(sys.argv[2:]))\n"
    )
    for argv, expected in (
        (["--version"], b"nato-rok (version unknown: no distribution metadata"),
        (["versions"], b"1.0.0\n"),
    ):
        done = subprocess.run(
            [sys.executable, "-I", "-c", script, str(tmp_path), *argv],
            capture_output=True,
            check=False,
            timeout=60,
        )
        assert 0 == done.returncode, done.stderr
        assert done.stdout.startswith(expected)
        assert done.stderr.startswith(str(tmp_path / "nato_rok").encode())  # the copy ran


def test_dev_zero_is_refused_at_once(capsys: pytest.CaptureFixture[str]) -> None:
    """An endless file is read only up to the limit, then refused."""
    assert 1 == cli.main(["validate", "/dev/zero"])
    out, err = capsys.readouterr()
    assert (
        "/dev/zero: invalid: /dev/zero is larger than 64 MiB, the most nato-rok reads; "
        "nothing was parsed\n$: the document is larger than 67108864 bytes\n"
    ) == out
    assert "" == err  # validate's whole report is on standard output, in order
    assert "max_size" not in out + err  # an argument of the API, not of the command


def test_a_huge_file_is_refused_without_reading(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """A regular file over the limit is refused from its size; not a byte is read."""
    huge = tmp_path / "huge.json"
    with huge.open("wb") as file:
        file.truncate(1 << 30)  # sparse: 1 GiB that takes no disk
    assert 1 == cli.main(["diff", "1.0.0", str(huge)])
    # A long temporary path is shortened in the message, so match its end only.
    assert "is larger than 64 MiB, the most nato-rok reads" in capsys.readouterr().err


def test_standard_input_is_read_up_to_the_limit(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """Standard input is read with a bound of the limit plus one byte."""
    asked: list[int] = []

    class Buffer:
        def read(self, size: int = -1) -> bytes:
            asked.append(size)
            return b"{" * size

    class Stdin:
        buffer = Buffer()

    monkeypatch.setattr(sys, "stdin", Stdin())
    assert 1 == cli.main(["validate", "-"])
    assert [64 * 1024 * 1024 + 1] == asked
    assert "standard input is larger than 64 MiB" in capsys.readouterr().out


HOSTILE_TEXT = st.text(
    st.characters(codec="utf-8", exclude_characters="\x00"), min_size=1, max_size=12
)


def _visible(text: str) -> bool:
    """Whether *text* holds nothing a terminal would obey or hide (line feeds aside)."""
    return not any(
        unicodedata.category(char) in ("Cc", "Cf", "Zl", "Zp", "Co", "Cs") and char != "\n"
        for char in text
    )


@given(key=HOSTILE_TEXT, value=HOSTILE_TEXT)
def test_validate_prints_nothing_raw(key: str, value: str) -> None:
    """Whatever keys and strings a document holds, validate prints problems escaped, one a line."""
    document = json.loads(nato_rok.dumps(nato_rok.load("1.0.0")))
    document["participants"][0]["name"] = value
    document["participants"][0][key] = value
    document["visit"] = {key: {key: 1, "x": 2}}
    text = json.dumps(document, ensure_ascii=False).replace('"x": 2', f"{json.dumps(key)}: 2")
    out, err = io.StringIO(), io.StringIO()
    stdin = io.TextIOWrapper(io.BytesIO(text.encode("utf-8")))
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(sys, "stdin", stdin)
        patch.setattr(sys, "stdout", out)
        patch.setattr(sys, "stderr", err)
        code = cli.main(["validate", "-"])
    assert 1 == code
    assert _visible(out.getvalue())
    assert _visible(err.getvalue())
    verdict, *problems = out.getvalue().splitlines()
    assert verdict.startswith("-: invalid: ")
    assert all(line.startswith("$") for line in problems)
    assert "" == err.getvalue()


@given(
    argv=st.sampled_from([c for c in COMMANDS if c[0] not in ("--help", "--version", "validate")]),
    fail_after=st.integers(0, 3),
    error=st.sampled_from([errno.EPIPE, errno.ENOSPC, errno.EIO, errno.EBADF]),
)
def test_any_stream_failure_is_exit_1(argv: list[str], fail_after: int, error: int) -> None:
    """Stdout failing on any write or flush, with any error: exit 1, never an exception."""

    class Failing(io.StringIO):
        calls = 0

        def _maybe_fail(self) -> None:
            self.calls += 1
            if self.calls > fail_after:
                raise (
                    OSError(error, os.strerror(error))
                    if error != errno.EPIPE
                    else BrokenPipeError(error, "Broken pipe")
                )

        def write(self, text: str) -> int:
            self._maybe_fail()
            return super().write(text)

        def flush(self) -> None:
            self._maybe_fail()

    err = io.StringIO()
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(sys, "stdout", Failing())
        patch.setattr(sys, "stderr", err)
        code = cli.main(argv)
    assert code in (0, 1)
    lines = err.getvalue().splitlines()
    if code == 1:
        assert len(lines) <= 1
        assert error == errno.EPIPE or lines


def test_a_broken_install_is_one_line_and_validate_still_works(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """A damaged bundled release: exit 1 with one line; a user's good file still validates."""
    from nato_rok import _releases

    good = tmp_path / "good.json"
    good.write_bytes(nato_rok.dumps(nato_rok.load("1.0.0")).encode())
    real = _resources.read_data
    monkeypatch.setattr(_releases, "_CACHE", {})
    monkeypatch.setattr(_releases, "_MANIFEST", [])
    monkeypatch.setattr(
        _resources,
        "read_data",
        lambda name: b"{broken" if name == "nato-rok-1.3.0.json" else real(name),
    )
    assert 1 == cli.main(["summary"])  # the newest release, 1.3.0
    err = capsys.readouterr().err
    assert 1 == len(err.splitlines())
    assert "data/nato-rok-1.3.0.json" in err
    assert "reinstall nato-rok" in err
    assert 0 == cli.main(["validate", str(good)])
    assert "valid (release 1.0.0, schema 1)" in capsys.readouterr().out


def test_version_of_a_broken_install_still_answers(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """--version works when the manifest cannot be read, and says so."""

    def broken() -> tuple[str, ...]:
        raise BrokenInstallError("the installed nato-rok is damaged: data/manifest.json")

    monkeypatch.setattr(cli, "versions", broken)
    with pytest.raises(SystemExit) as caught:
        cli.main(["--version"])
    assert 0 == caught.value.code
    assert "(dataset releases: unreadable: the installed nato-rok is damaged" in (
        capsys.readouterr().out
    )


@pytest.mark.parametrize("argv", [["--help"], ["--version"], ["diff", "--help"]])
def test_help_that_cannot_be_written_is_exit_1(
    argv: list[str], monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """--help or --version on a full stdout: exit 1 and one line, in-process too."""

    def full(text: str) -> None:
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(cli, "out", full)
    with pytest.raises(SystemExit) as caught:
        cli.main(argv)
    assert 1 == caught.value.code
    expected = "nato-rok: error: cannot write standard output: No space left on device\n"
    assert expected == capsys.readouterr().err


def test_stdout_closed_is_exit_1_in_process(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """With no stdout at all (Python sets it to None), a command says so and exits 1."""
    monkeypatch.setattr(sys, "stdout", None)
    assert 1 == cli.main(["versions"])
    assert "cannot write standard output: it is closed\n" in capsys.readouterr().err


@pytest.mark.parametrize("stderr", [None, "failing"])
def test_an_unusable_stderr_is_silence_not_a_crash(
    stderr: str | None, monkeypatch: pytest.MonkeyPatch
) -> None:
    """An error with stderr closed or failing: still exit 1, no exception."""

    class Failing(io.StringIO):
        def write(self, text: str) -> int:
            raise OSError(errno.EIO, "Input/output error")

        def flush(self) -> None:
            raise OSError(errno.EIO, "Input/output error")

    monkeypatch.setattr(sys, "stderr", None if stderr is None else Failing())
    assert 1 == cli.main(["summary", "--release", "7"])
    with pytest.raises(SystemExit) as caught:
        cli.main(["bogus"])
    assert 2 == caught.value.code


def test_validate_with_a_broken_install_is_one_line(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """A schema 2 document needs the code tables: if they are gone, one line says reinstall."""
    from nato_rok import _codes

    path = tmp_path / "copy.json"
    path.write_text(nato_rok.dumps(nato_rok.load("1.1.0")), encoding="utf-8")
    real = _resources.read_data

    def read(name: str) -> bytes:
        if name == "codes/cameo.json":
            raise FileNotFoundError(2, "No such file or directory")
        return real(name)

    monkeypatch.setattr(_codes, "_tables", _codes._tables.__wrapped__)
    monkeypatch.setattr(_resources, "read_data", read)
    assert 1 == cli.main(["validate", str(path)])
    out, err = capsys.readouterr()
    assert "" == out
    assert 1 == len(err.splitlines())
    assert "data/codes/cameo.json cannot be read" in err
    assert "reinstall nato-rok" in err


def test_validate_lists_at_most_100_problems_and_counts_the_rest(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A document with thousands of problems: 100 lines, then a count."""
    document = json.loads(nato_rok.dumps(nato_rok.load("1.0.0")))
    quote = document["quotes"][0]
    document["quotes"] = [{**quote, "id": f"q-{n}", "speaker_id": "nobody"} for n in range(300)]
    path = tmp_path / "many.json"
    path.write_text(json.dumps(document), encoding="utf-8")
    assert 1 == cli.main(["validate", str(path)])
    lines = capsys.readouterr().out.splitlines()
    assert 102 == len(lines)  # the verdict, 100 problems, the count of the rest
    assert "... and 200 more problem(s)" == lines[-1]


def test_export_version_still_selects_the_release_with_a_warning(
    capsys: pytest.CaptureFixture[str],
) -> None:
    """The deprecated export --version V: one warning line on stderr, then as --release V."""
    assert 0 == cli.main(["export", "--format", "jsonschema", "--release", "1.0.0"])
    expected = capsys.readouterr()
    assert 0 == cli.main(["export", "--format", "jsonschema", "--version", "1.0.0"])
    got = capsys.readouterr()
    assert expected.out == got.out
    assert "" == expected.err
    assert "nato-rok: warning: export --version is deprecated, use --release\n" == got.err


@pytest.mark.parametrize("command", ["summary", "quotes", "show", "export", "cite", "score"])
def test_release_is_declared_once(command: str, capsys: pytest.CaptureFixture[str]) -> None:
    """Every command that takes --release says the same of it."""
    with pytest.raises(SystemExit):
        cli.main([command, "--help"])
    shown = " ".join(capsys.readouterr().out.split())
    help_text = "dataset release: '1.0.0', or a prefix such as '1' (default: newest)"
    assert 1 == shown.count(f"--release V {help_text}")
