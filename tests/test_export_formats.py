"""The one registry of export formats, read by the CLI, its --help, the docs and these tests."""

from __future__ import annotations

import json
import re
from pathlib import Path

import attrs
import pytest
from hypothesis import given, settings

import nato_rok
from nato_rok import cli, strategies
from nato_rok.exceptions import MissingExtraError
from nato_rok.export import formats
from nato_rok.export.formats import FORMATS, ExportOptions, Format
from nato_rok.export.jsonld import jsonld

ROOT = Path(__file__).resolve().parent.parent
NAMES = [f.name for f in FORMATS]
#: The tier of a format that needs more than the `test` group: the `nlp` group's spaCy,
#: or the `data` group's pyarrow and DuckDB.
TIERS = {"spacy": pytest.mark.nlp, "pyarrow": pytest.mark.data, "duckdb": pytest.mark.data}
#: Every format as a parameter, in the tier of what it requires.
EVERY_FORMAT = [pytest.param(f, marks=[TIERS[m] for m in f.requires]) for f in FORMATS]


def _docs_rows() -> dict[str, list[str]]:
    """Return the rows of the exports page's formats table, by `--format` name."""
    text = (ROOT / "docs" / "exports.md").read_text(encoding="utf-8")
    rows = {}
    for line in text.splitlines():
        match = re.match(r"\| `([a-z]+)` \| (.*) \|$", line)
        if match and match[1] != "-":
            rows[match[1]] = [cell.strip() for cell in match[2].split(" | ")]
    return rows


def test_the_docs_table_lists_exactly_the_registry() -> None:
    """One row per registered format, with its file-or-folder and its extra."""
    rows = _docs_rows()
    assert NAMES == list(rows)
    for fmt in FORMATS:
        writes, extra = rows[fmt.name][:2]
        assert fmt.writes == writes
        assert (f"`{fmt.extra}`" if fmt.extra else "none") == extra


def test_the_cli_offers_exactly_the_registry(capsys: pytest.CaptureFixture[str]) -> None:
    """--format takes each registered name, and --help lists each with its summary."""
    with pytest.raises(SystemExit):
        cli.main(["export", "--help"])
    help_text = capsys.readouterr().out
    assert "{" + ",".join(NAMES) + "}" in help_text
    for fmt in FORMATS:
        assert f"  {fmt.name:<14} {fmt.summary[:30]}" in help_text
    assert "replaces only its own files" in help_text


def test_names_are_unique_and_get_finds_each() -> None:
    """The registry is a mapping in disguise; an unknown name is a KeyError."""
    assert len(set(NAMES)) == len(NAMES)
    for fmt in FORMATS:
        assert fmt is formats.get(fmt.name)
    with pytest.raises(KeyError, match="no export format is called 'xls'"):
        formats.get("xls")


@pytest.mark.parametrize("fmt", EVERY_FORMAT, ids=NAMES)
def test_every_format_writes_what_the_cli_writes(
    fmt: Format, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Format.write from Python and `nato-rok export` give the same bytes."""
    dataset = nato_rok.load()
    api, shell = tmp_path / "api", tmp_path / "shell"
    written = fmt.write(dataset, api)
    assert 0 == cli.main(["export", "--format", fmt.name, "--out", str(shell)])
    assert f"wrote {shell}" in capsys.readouterr().err
    if fmt.write_path is not None:  # a database: same content, not the same bytes
        assert (api,) == written
        assert shell.stat().st_size > 0
    elif fmt.writes == "file":
        assert (api,) == written
        assert api.read_bytes() == shell.read_bytes()
        content = fmt.content(dataset)
        assert content == (
            api.read_text(encoding="utf-8") if isinstance(content, str) else api.read_bytes()
        )
    else:
        names = [path.relative_to(api) for path in written]  # in data/ too (huggingface)
        assert sorted(p.relative_to(api) for p in api.rglob("*") if p.is_file()) == sorted(names)
        for name in names:
            assert (api / name).read_bytes() == (shell / name).read_bytes()
        with pytest.raises(TypeError, match="written to a path"):
            fmt.content(dataset)


def test_a_missing_extra_names_the_extra_and_exits_1(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Never an ImportError: MissingExtraError from Python, one line and exit 1 from the shell."""
    fake = attrs.evolve(
        formats.get("html"), name="fancy", extra="fancy", requires=("json", "no_such_module_xyz")
    )
    assert not fake.available
    with pytest.raises(MissingExtraError, match=r"needs no_such_module_xyz: .*nato-rok\[fancy\]"):
        fake.write(nato_rok.load(), tmp_path / "x")
    with pytest.raises(ImportError):
        fake.content(nato_rok.load())
    monkeypatch.setattr(formats, "FORMATS", (*FORMATS, fake))
    assert 1 == cli.main(["export", "--format", "fancy", "--out", str(tmp_path / "x")])
    err = capsys.readouterr().err
    assert "pip install 'nato-rok[fancy]'" in err
    assert "Traceback" not in err
    assert [] == list(tmp_path.iterdir())


def test_a_format_written_at_a_path_goes_through_the_atomic_writer(tmp_path: Path) -> None:
    """A write_path format (a database, say) writes to a fresh path, then replaces the target."""
    seen: list[Path] = []

    def write_path(dataset: nato_rok.Dataset, path: Path, options: ExportOptions) -> None:
        seen.append(path)
        path.write_text(dataset.version, encoding="utf-8")

    fmt = Format(name="db", summary="a database", writes="file", write_path=write_path)
    target = tmp_path / "x.db"
    assert (target,) == fmt.write(nato_rok.load("1.0.0"), target)
    assert "1.0.0" == target.read_text(encoding="utf-8")
    assert [tmp_path] == [path.parent.parent for path in seen]  # a temporary folder beside
    assert target != seen[0]


@pytest.mark.parametrize("fmt", EVERY_FORMAT, ids=NAMES)
def test_folder_formats_refuse_standard_output(
    fmt: Format, capsys: pytest.CaptureFixture[str]
) -> None:
    """A folder, a database or bytes (a DocBin) need --out; text can go to standard output."""
    code = cli.main(["export", "--format", fmt.name])
    captured = capsys.readouterr()
    if fmt.writes == "folder":
        assert 1 == code
        assert "writes a folder: give it with --out DIR" in captured.err
    elif fmt.dump is None or isinstance(fmt.content(nato_rok.load()), bytes):
        assert 1 == code
        assert "writes binary data: give a file with --out" in captured.err
    else:
        assert 0 == code
        assert fmt.content(nato_rok.load()) == captured.out


def test_binary_content_is_refused_on_standard_output(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """A format that dumps bytes (Parquet, say) must be given --out."""
    fake = Format(name="bin", summary="bytes", writes="file", dump=lambda ds, o: b"\x00")
    monkeypatch.setattr(formats, "FORMATS", (*FORMATS, fake))
    assert 1 == cli.main(["export", "--format", "bin"])
    assert "writes binary data: give a file with --out" in capsys.readouterr().err


def test_export_from_a_validated_copy(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """--from FILE exports the user's copy; an invalid or unreadable one exits 1."""
    copy = tmp_path / "copy.json"
    edited = attrs.evolve(nato_rok.load(), version="9.9.9")
    copy.write_text(nato_rok.dumps(edited), encoding="utf-8")
    assert 0 == cli.main(["export", "--format", "jsonld", "--from", str(copy)])
    assert jsonld(edited) == json.loads(capsys.readouterr().out)
    out = tmp_path / "package"
    assert 0 == cli.main(
        ["export", "--format", "datapackage", "--from", str(copy), "--out", str(out)]
    )
    assert "9.9.9" == json.loads((out / "datapackage.json").read_text(encoding="utf-8"))["version"]
    copy.write_text("{}", encoding="utf-8")
    assert 1 == cli.main(["export", "--format", "html", "--from", str(copy)])
    assert "nato-rok: error:" in capsys.readouterr().err
    assert 1 == cli.main(["export", "--format", "html", "--from", str(tmp_path / "none.json")])
    assert "cannot read" in capsys.readouterr().err


def test_from_and_release_exclude_each_other(capsys: pytest.CaptureFixture[str]) -> None:
    """Either a bundled release or a file: both is a usage error."""
    with pytest.raises(SystemExit) as exited:
        cli.main(["export", "--format", "html", "--from", "x.json", "--release", "1.0.0"])
    assert 2 == exited.value.code
    assert "not allowed with argument" in capsys.readouterr().err


def test_excel_safe_is_refused_where_there_are_no_cells(
    capsys: pytest.CaptureFixture[str],
) -> None:
    """--excel-safe means CSV cells; asking it of another format is an error, not a no-op."""
    assert 1 == cli.main(["export", "--format", "html", "--excel-safe"])
    assert "--excel-safe applies to CSV cells" in capsys.readouterr().err


@pytest.mark.slow
@settings(max_examples=10, deadline=None)
@given(strategies.datasets(max_records=2))
def test_every_format_writes_any_valid_dataset(dataset: nato_rok.Dataset) -> None:
    """Whatever valid dataset Hypothesis builds, every format writes it, twice the same.

    (A DuckDB file holds the same rows each time, not the same bytes.)
    """
    import tempfile

    with tempfile.TemporaryDirectory() as scratch:
        root = Path(scratch)
        for fmt in FORMATS:
            first = fmt.write(dataset, root / f"{fmt.name}-1")
            second = fmt.write(dataset, root / f"{fmt.name}-2")
            assert len(first) == len(second)
            if fmt.write_path is None:
                assert [p.read_bytes() for p in first] == [p.read_bytes() for p in second]


@pytest.mark.parametrize("release", nato_rok.versions())
def test_json_writes_the_canonical_document_that_validate_accepts(
    release: str,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    """The json export is dumps() byte for byte, and validate accepts the copy."""
    monkeypatch.chdir(tmp_path)  # the README's relative name, as a user types it
    copy = Path("my-copy.json")
    assert 0 == cli.main(["export", "--format", "json", "--release", release, "--out", str(copy)])
    assert nato_rok.dumps(nato_rok.load(release)).encode("utf-8") == copy.read_bytes()
    assert 0 == cli.main(["export", "--format", "json", "--release", release])
    assert nato_rok.dumps(nato_rok.load(release)) == capsys.readouterr().out
    assert 0 == cli.main(["validate", str(copy)])
    assert f"my-copy.json: valid (release {release}," in capsys.readouterr().out
