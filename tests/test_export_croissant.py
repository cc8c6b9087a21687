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
    """Each record set yields the table's rows, cell for cell.

    mlcroissant reads CSV with pandas' type guessing, so a text cell that
    looks like a number (the CAMEO code 042) comes back as a number; those
    cells are compared as numbers, as the exports page says.
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
                if want != have and field.type == "string" and want is not None:
                    assert float(want) == float(have), (name, field.name, want, have)
                else:
                    assert want == have, (name, field.name)


def test_files_are_listed_with_their_sha256(exported: Path) -> None:
    """Every CSV beside croissant.json is a FileObject with its true SHA-256."""
    metadata = json.loads((exported / "croissant.json").read_text(encoding="utf-8"))
    listed = {item["contentUrl"]: item["sha256"] for item in metadata["distribution"]}
    on_disk = {path.name for path in exported.iterdir()} - {"croissant.json"}
    assert on_disk == set(listed)
    for name, digest in listed.items():
        assert hashlib.sha256((exported / name).read_bytes()).hexdigest() == digest


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
        "fileObject": {"@id": "participants.csv"},
        "extract": {"column": "id"},
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
