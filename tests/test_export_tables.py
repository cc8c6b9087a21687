"""Tables, CSV and the Data Package: complete, linked, valid under frictionless."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import attrs
import frictionless
import pytest
from hypothesis import given, settings

import nato_rok
from nato_rok import Dataset, Span, strategies
from nato_rok.export import datapackage, tables


def _rows(dataset: Dataset, name: str) -> list[dict[str, str]]:
    (table,) = [t for t in tables.tables(dataset) if t.name == name]
    return list(csv.DictReader(io.StringIO(datapackage.to_csv(table))))


@pytest.mark.parametrize("version", nato_rok.versions())
def test_the_data_package_of_each_release_is_valid(version: str, tmp_path: Path) -> None:
    """Frictionless finds no error: types, primary keys and foreign keys all hold."""
    datapackage.write(nato_rok.load(version), tmp_path)
    report = frictionless.validate(str(tmp_path / "datapackage.json"))
    assert [] == [error.message for task in report.tasks for error in task.errors]
    assert report.valid


def test_broken_links_are_caught_by_the_declared_foreign_keys(tmp_path: Path) -> None:
    """The descriptor's foreign keys are real: a dangling affiliation fails validation."""
    datapackage.write(nato_rok.load(), tmp_path)
    path = tmp_path / "participants.csv"
    path.write_text(
        path.read_text(encoding="utf-8").replace(",nato\n", ",natto\n"), encoding="utf-8"
    )
    report = frictionless.validate(str(tmp_path / "datapackage.json"))
    assert ["foreign-key"] == [error.type for task in report.tasks for error in task.errors]


def test_tables_hold_every_record_and_every_span() -> None:
    """Row counts match the records; each span row carries its excerpt."""
    dataset = nato_rok.load()
    assert len(dataset.quotes) == len(_rows(dataset, "quotes"))
    assert len(dataset.events) == len(_rows(dataset, "events"))
    assert sum(len(m.participant_ids) for m in dataset.meetings) == len(
        _rows(dataset, "meeting_participants")
    )
    spans = _rows(dataset, "spans")
    expected = 0
    for record in (dataset.source, *dataset.records()):
        for field in attrs.fields(type(record)):
            value = getattr(record, field.name)
            expected += sum(
                isinstance(v, Span) for v in (value if isinstance(value, tuple) else (value,))
            )
    assert expected == len(spans)
    for row in spans:
        assert row["excerpt"] == dataset.source.text[int(row["start"]) : int(row["end"])]
    quote = _rows(dataset, "quotes")[0]
    assert dataset.quotes[0].text == quote["text"]


def test_cells_are_written_plainly() -> None:
    """Nulls are empty, booleans true/false, lists JSON arrays, dates ISO."""
    dataset = nato_rok.load("1.1.0")  # 1.1.0 has a null Goldstein weight
    event = {row["id"]: row for row in _rows(dataset, "events")}["event-north-korea-call"]
    assert "" == event["goldstein"]
    assert "false" == event["historical"]
    assert ["025"] == json.loads(event["cameo_alternatives"])
    assert "2013-04-12" == event["date"]
    park = {row["id"]: row for row in _rows(dataset, "participants")}["park-geun-hye"]
    assert ["Park Guen-hye"] == json.loads(park["aliases"])


def test_descriptor_declares_keys_licence_and_source() -> None:
    """Primary and foreign keys, the licence and the source are in the descriptor."""
    descriptor = datapackage.datapackage(nato_rok.load())
    resources = {r["name"]: r for r in descriptor["resources"]}
    assert ["id"] == resources["quotes"]["schema"]["primaryKey"]
    assert {
        "fields": ["speaker_id"],
        "reference": {"resource": "participants", "fields": ["id"]},
    } in (resources["quotes"]["schema"]["foreignKeys"])
    assert "CC-BY-4.0" == descriptor["licenses"][0]["name"]
    assert "https://www.nato.int/cps/en/natohq/news_99519.htm" == descriptor["sources"][0]["path"]


@pytest.mark.slow
@settings(max_examples=10)
@given(strategies.datasets(max_records=2))
def test_exports_are_deterministic_and_valid_for_any_dataset(dataset: Dataset) -> None:
    """Same dataset, same bytes; and any valid dataset gives a valid package."""
    import tempfile

    with tempfile.TemporaryDirectory() as first, tempfile.TemporaryDirectory() as second:
        one = datapackage.write(dataset, Path(first))
        two = datapackage.write(dataset, Path(second))
        assert [p.read_bytes() for p in one] == [p.read_bytes() for p in two]
        report = frictionless.validate(str(Path(first) / "datapackage.json"))
        assert [] == [error.message for task in report.tasks for error in task.errors]
