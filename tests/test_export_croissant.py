"""Croissant 1.0: mlcroissant validates the metadata and reads every record set back."""

from __future__ import annotations

import datetime
import hashlib
import json
import math
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

import nato_rok
from nato_rok import cli
from nato_rok.export import croissant, tables

from .test_export_safe import _with_source_url

#: Runs the `mlcroissant` command with this interpreter.
MLCROISSANT = [sys.executable, "-c", "from mlcroissant.scripts.cli import main; main()"]

#: rdflib, which mlcroissant uses, warns about its own deprecated class.
RDFLIB_DEPRECATION = pytest.mark.filterwarnings(
    "ignore:ConjunctiveGraph is deprecated:DeprecationWarning"
)


@pytest.fixture(scope="module")
def exported(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Return the folder the CLI wrote for the newest release."""
    out = tmp_path_factory.mktemp("croissant") / "package"
    assert 0 == cli.main(["export", "--format", "croissant", "--out", str(out)])
    return out


@pytest.mark.validators
def test_mlcroissant_validate_finds_no_error_or_warning(exported: Path) -> None:
    """`mlcroissant validate` accepts the metadata, with no warning either."""
    done = subprocess.run(
        # mlcroissant's own command line: `mlcroissant validate --jsonld croissant.json`.
        [*MLCROISSANT, "validate", "--jsonld", "croissant.json"],
        capture_output=True,
        text=True,
        cwd=exported,
        check=False,
        timeout=300,
    )
    assert 0 == done.returncode, done.stderr
    assert "Done." in done.stderr
    assert "WARNING" not in done.stderr
    assert "ERROR" not in done.stderr


def _plain(value: Any) -> Any:
    if isinstance(value, bytes):
        return value.decode("utf-8")
    if isinstance(value, datetime.datetime):  # a pandas Timestamp, for a date
        return value.date()
    if isinstance(value, float) and math.isnan(value):
        return None
    return value


def _expected(value: Any) -> Any:
    if isinstance(value, tuple):
        return json.dumps(list(value), ensure_ascii=False)
    return value


@pytest.mark.validators
@RDFLIB_DEPRECATION
def test_every_record_set_reads_back_as_its_table(
    exported: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Each record set yields the table's rows, cell for cell, with the type of each.

    Text that looks like a number (the CAMEO code 042) comes back as text,
    dates as dates, empty cells as nulls.
    """
    import mlcroissant as mlc  # the validators tier's: not installed for the fast loop

    monkeypatch.chdir(exported)
    dataset = mlc.Dataset(jsonld="croissant.json")
    expected_tables = {t.name: t for t in tables.tables(nato_rok.load())}
    assert list(expected_tables) == [record_set.name for record_set in dataset.metadata.record_sets]
    for name, table in expected_tables.items():
        records = list(dataset.records(record_set=name))
        assert len(table.rows) == len(records), name
        for row, record in zip(table.rows, records, strict=True):
            got = [_plain(record[f"{name}/{field.name}"]) for field in table.fields]
            for field, want, have in zip(table.fields, map(_expected, row), got, strict=True):
                assert want == have, (name, field.name)
                if field.type == "string" and want is not None:
                    assert isinstance(have, str), (name, field.name, have)


@pytest.mark.validators
@RDFLIB_DEPRECATION
def test_digit_strings_dates_and_nulls_keep_their_types(
    exported: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The CAMEO code 042 is the text "042"; a date is a date; an undated event's is null."""
    import mlcroissant as mlc  # the validators tier's: not installed for the fast loop

    monkeypatch.chdir(exported)
    dataset = mlc.Dataset(jsonld="croissant.json")
    events = list(dataset.records(record_set="events"))
    codes = [record["events/cameo_code"] for record in events]
    assert b"042" in codes
    assert 42 not in codes
    assert all(isinstance(code, bytes) and code.isdigit() for code in codes)
    starts = [_plain(record["events/date"]) for record in events]
    assert datetime.date(2013, 4, 12) in starts
    assert None in starts
    assert all(start is None or isinstance(start, datetime.date) for start in starts)


def test_files_are_listed_with_their_sha256(exported: Path) -> None:
    """Every CSV and JSON file beside croissant.json is a FileObject with its true SHA-256."""
    metadata = json.loads((exported / "croissant.json").read_text(encoding="utf-8"))
    listed = {item["contentUrl"]: item["sha256"] for item in metadata["distribution"]}
    on_disk = {path.name for path in exported.iterdir()} - {"croissant.json"}
    assert on_disk == set(listed)
    assert {f"{t.name}.{kind}" for t in tables.TABLES for kind in ("csv", "json")} == on_disk
    for name, digest in listed.items():
        assert hashlib.sha256((exported / name).read_bytes()).hexdigest() == digest


def test_the_record_sets_read_the_json_files(exported: Path) -> None:
    """Each field's source is its table's JSON file, by JSON path; the JSON holds the rows."""
    metadata = json.loads((exported / "croissant.json").read_text(encoding="utf-8"))
    for record_set, table in zip(
        metadata["recordSet"], tables.tables(nato_rok.load()), strict=True
    ):
        rows = json.loads((exported / f"{table.name}.json").read_text(encoding="utf-8"))
        assert len(table.rows) == len(rows)
        for field in record_set["field"]:
            assert {
                "fileObject": {"@id": f"{table.name}.json"},
                "extract": {"jsonPath": f'$[*]["{field["name"]}"]'},
            } == field["source"]
    events = json.loads((exported / "events.json").read_text(encoding="utf-8"))
    assert "042" in [event["cameo_code"] for event in events]


def test_every_file_carrying_the_article_text_states_its_terms(exported: Path) -> None:
    """source.csv and source.json both say the text is NATO's; no other file claims it."""
    metadata = json.loads((exported / "croissant.json").read_text(encoding="utf-8"))
    text = nato_rok.load().source.text
    licensed = {item["name"] for item in metadata["distribution"] if "license" in item}
    assert {"source.csv", "source.json"} == licensed
    for item in metadata["distribution"]:
        content = (exported / item["contentUrl"]).read_text(encoding="utf-8")
        carries = item["name"].startswith("source.")
        assert carries == ("license" in item), item["name"]
        if carries:
            assert "NATO" in item["license"]["name"]
            assert json.dumps(text, ensure_ascii=False)[1:40] in content or text[:40] in content


def test_an_empty_table_is_an_empty_json_array(tmp_path: Path) -> None:
    """A copy with no quotations writes quotes.json as [], listed with its SHA-256."""
    dataset = __import__("attrs").evolve(nato_rok.load(), quotes=())
    croissant.FORMAT.write(dataset, tmp_path / "out")
    assert b"[]\n" == (tmp_path / "out" / "quotes.json").read_bytes()
    listed = {
        item["name"]: item["sha256"]
        for item in json.loads((tmp_path / "out" / "croissant.json").read_bytes())["distribution"]
    }
    assert hashlib.sha256(b"[]\n").hexdigest() == listed["quotes.json"]


def test_the_dataset_level_fields_and_the_datasheet() -> None:
    """citeAs, licence, version, datePublished, and the Responsible-AI answers."""
    metadata = croissant.metadata(nato_rok.load())
    assert metadata["citeAs"].startswith("@misc{nato_rok_")
    assert "https://creativecommons.org/licenses/by/4.0/" == metadata["license"]
    assert nato_rok.load().version == metadata["version"]
    datetime.date.fromisoformat(metadata["datePublished"])
    for key in (
        "rai:dataCollection",
        "rai:dataUseCases",
        "rai:dataLimitations",
        "rai:dataBiases",
        "rai:personalSensitiveInformation",
        "rai:dataReleaseMaintenancePlan",
    ):
        assert metadata[key].strip(), key
    assert (
        "ODbL-1.0"
        == croissant.metadata(__import__("attrs").evolve(nato_rok.load(), license="ODbL-1.0"))[
            "license"
        ]
    )


def test_a_copy_of_an_unbundled_release_has_no_date_or_citation() -> None:
    """A user's copy whose version this package does not ship is described, not dated."""
    metadata = croissant.metadata(__import__("attrs").evolve(nato_rok.load(), version="9.9.9"))
    assert "9.9.9" == metadata["version"]
    assert "datePublished" not in metadata
    assert "citeAs" not in metadata


def test_keys_and_references_follow_the_declarations() -> None:
    """Each record set's key is the table's primary key; foreign keys become references."""
    record_sets = {r["name"]: r for r in croissant.metadata(nato_rok.load())["recordSet"]}
    assert {"@id": "quotes/id"} == record_sets["quotes"]["key"]
    assert [{"@id": "spans/record_id"}, {"@id": "spans/field"}, {"@id": "spans/index"}] == (
        record_sets["spans"]["key"]
    )
    speaker = next(f for f in record_sets["quotes"]["field"] if f["name"] == "speaker_id")
    assert {
        "fileObject": {"@id": "participants.json"},
        "extract": {"jsonPath": '$[*]["id"]'},
    } == speaker["references"]
    parent = next(f for f in record_sets["events"]["field"] if f["name"] == "parent_id")
    assert "references" not in parent


def test_no_shared_state_and_no_hostile_link() -> None:
    """The context is a copy each time; a javascript: URL is not the source it is based on."""
    first = croissant.metadata(nato_rok.load())
    first["@context"]["@vocab"] = "x"
    assert "https://schema.org/" == croissant.metadata(nato_rok.load())["@context"]["@vocab"]
    first["@context"]["data"]["@type"] = "x"  # a nested part of the context, too
    assert "x" != croissant.metadata(nato_rok.load())["@context"]["data"]["@type"]
    hostile = croissant.metadata(_with_source_url("javascript:alert(1)"))
    assert "javascript" not in hostile["isBasedOn"]
