"""Tables, CSV and the Data Package: complete, linked, valid under frictionless.

frictionless and the data stack come with the `data` group, imported inside
the tests of the `data` tier.
"""

from __future__ import annotations

import csv
import datetime
import io
import json
from pathlib import Path

import attrs
import pytest
from hypothesis import example, given, settings, strategies as st

import nato_rok
from nato_rok import Dataset, Span, _validators, strategies
from nato_rok.exceptions import SchemaError
from nato_rok.export import datapackage, tables
from nato_rok.export._meanings import meaning, meanings
from tests.conftest import every_release


def _rows(dataset: Dataset, name: str) -> list[dict[str, str]]:
    (table,) = [t for t in tables.tables(dataset) if t.name == name]
    return list(csv.DictReader(io.StringIO(datapackage.to_csv(table))))


@pytest.mark.data
@pytest.mark.parametrize("version", every_release())
def test_the_data_package_of_each_release_is_valid(version: str, tmp_path: Path) -> None:
    """Frictionless finds no error: types, primary keys and foreign keys all hold."""
    import frictionless

    datapackage.write(nato_rok.load(version), tmp_path)
    report = frictionless.validate(str(tmp_path / "datapackage.json"))
    assert [] == [error.message for task in report.tasks for error in task.errors]
    assert report.valid


@pytest.mark.data
def test_broken_links_are_caught_by_the_declared_foreign_keys(tmp_path: Path) -> None:
    """The descriptor's foreign keys are real: a dangling affiliation fails validation."""
    import frictionless

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

    import frictionless

    with tempfile.TemporaryDirectory() as first, tempfile.TemporaryDirectory() as second:
        one = datapackage.write(dataset, Path(first))
        two = datapackage.write(dataset, Path(second))
        assert [p.read_bytes() for p in one] == [p.read_bytes() for p in two]
        report = frictionless.validate(str(Path(first) / "datapackage.json"))
        assert [] == [error.message for task in report.tasks for error in task.errors]


def test_every_declared_key_names_a_column_of_its_table() -> None:
    """Primary and foreign keys name declared columns; foreign keys point at primary keys."""
    declared = {d.name: d for d in tables.TABLES}
    for declaration in tables.TABLES:
        columns = [column.name for column in declaration.columns]
        assert len(set(columns)) == len(columns), declaration.name
        assert set(declaration.primary_key) <= set(columns), declaration.name
        for own, target, theirs in declaration.foreign_keys:
            assert set(own) <= set(columns), declaration.name
            assert theirs == declared[target].primary_key, declaration.name


def test_columns_read_their_meaning_from_the_model() -> None:
    """A column that holds a record's field is described in the docstring's own words."""
    columns = {(d.name, c.name): c for d in tables.TABLES for c in d.columns}
    assert "Stable slug of the standard name." == columns["participants", "id"].description
    assert "Id of the Participant who said it." == columns["quotes", "speaker_id"].description
    assert "The code, such as IGOWSTNAT, KOR or GOV." == columns["actor_codes", "code"].description
    assert all(column.description.strip() for column in columns.values())


@pytest.mark.parametrize(
    "cls",
    [
        nato_rok.Source,
        nato_rok.Organization,
        nato_rok.Participant,
        nato_rok.Visit,
        nato_rok.Meeting,
        nato_rok.Quote,
        nato_rok.CooperationArea,
        nato_rok.Position,
        nato_rok.Reference,
        nato_rok.Event,
        nato_rok.CameoCoding,
        nato_rok.PloverCoding,
        nato_rok.ExternalName,
        nato_rok.ActorCode,
        nato_rok.DateRange,
        nato_rok.Span,
    ],
)
def test_every_field_of_the_model_has_a_meaning(cls: type) -> None:
    """The docstrings the columns reuse describe every field, in plain text."""
    found = meanings(cls)
    assert sorted(f.name for f in attrs.fields(cls)) == sorted(found)
    assert not any("``" in text or ":class:" in text for text in found.values())


def test_without_docstrings_a_column_is_described_by_its_name() -> None:
    """Under python -OO the descriptions fall back to the field name in words."""

    class Bare:
        pass

    assert "affiliation id" == meaning(Bare, "affiliation_id")


def test_tables_hold_tuples_and_plain_values() -> None:
    """Rows and array cells are tuples; enums are their values; nothing is a list."""
    for table in tables.tables(nato_rok.load()):
        assert isinstance(table.rows, tuple)
        for row in table.rows:
            assert isinstance(row, tuple)
            assert len(table.fields) == len(row)
            for field, cell in zip(table.fields, row, strict=True):
                if cell is None:
                    continue
                if field.type == "array":
                    assert isinstance(cell, tuple)
                    assert all(isinstance(item, str) for item in cell)
                else:
                    assert isinstance(cell, (str, int, float, datetime.date))


def test_a_column_type_must_be_a_table_schema_type() -> None:
    """A misspelt type is refused when the table is declared, not when it is exported."""
    with pytest.raises(ValueError, match="type"):
        tables.Column(name="x", type="text", description="x", read=str)


def test_meanings_stop_at_the_next_section_and_skip_stray_lines() -> None:
    """Only the entries of the Attributes section count, continuation lines joined."""

    class Documented:
        """A record.

        Attributes:
          (a stray line before the first entry)
            name: The name, as :class:`~nato_rok.Participant` has
                it, with ``code``.
            other (int): Another.

        Raises:
            nothing: Not an attribute.
        """

    assert {"name": "The name, as Participant has it, with code.", "other": "Another."} == dict(
        meanings(Documented)
    )


def test_write_csv_writes_the_tables_without_a_descriptor(tmp_path: Path) -> None:
    """The csv export is the package without datapackage.json, in table order."""
    written = datapackage.write_csv(nato_rok.load(), tmp_path / "csv")
    assert [f"{t.name}.csv" for t in tables.TABLES] == [path.name for path in written]
    assert sorted(written) == sorted((tmp_path / "csv").iterdir())


def _at_the_bounds(first: datetime.date, last: datetime.date, days: int) -> Dataset:
    """Return the bundled release with an event from *first* to *last*, a visit of *days*."""
    dataset = nato_rok.load()
    event = attrs.evolve(dataset.events[0], date=first, end_date=last)
    visit = attrs.evolve(dataset.visit, duration_days=days, dates=None)
    changed = attrs.evolve(dataset, events=(event, *dataset.events[1:]), visit=visit)
    return nato_rok.loads(nato_rok.dumps(changed))  # the loader accepts it


@pytest.mark.data
@settings(max_examples=15, deadline=None)
@given(
    st.lists(st.dates(), min_size=2, max_size=2).map(sorted),
    st.integers(min_value=1, max_value=_validators.MAX_DAYS),
)
def test_every_typed_export_holds_every_date_and_number_the_loader_accepts(
    dates: list[datetime.date], days: int
) -> None:
    """Years 1 to 9999 and any stated length: pandas, Arrow, Parquet, polars, DuckDB, CSV."""
    import pyarrow.parquet as pq

    from nato_rok.export import arrow, duckdb

    first, last = dates
    dataset = _at_the_bounds(first, last, days)
    wanted = [(first, last, days)]
    frames = dataset.to_pandas()
    event, visit = frames["events"].iloc[0], frames["visit"].iloc[0]
    assert wanted == [(event["date"].date(), event["end_date"].date(), visit["duration_days"])]
    tables_ = dataset.to_arrow()
    for name, table in tables_.items():
        assert table == pq.read_table(io.BytesIO(arrow.to_parquet(table))), name
    event_row, visit_row = tables_["events"].to_pylist()[0], tables_["visit"].to_pylist()[0]
    assert wanted == [(event_row["date"], event_row["end_date"], visit_row["duration_days"])]
    polars = dataset.to_polars()
    assert wanted == [
        (
            polars["events"]["date"][0],
            polars["events"]["end_date"][0],
            polars["visit"]["duration_days"][0],
        )
    ]
    connection = duckdb.connect(dataset)
    got = connection.execute(
        "SELECT date, end_date, (SELECT duration_days FROM visit) FROM events LIMIT 1"
    ).fetchall()
    assert wanted == got
    assert [first.isoformat()] == [row["date"] for row in _rows(dataset, "events")][:1]


@example(2**63)
@example(10**4000)
@given(st.integers(min_value=_validators.MAX_DAYS + 1) | st.integers(max_value=0))
def test_a_stated_length_out_of_bounds_is_refused_at_load(days: int) -> None:
    """duration_days beyond a century (2**63 included) or below 1: an error at its path."""
    document = json.loads(nato_rok.dumps(nato_rok.load()))
    document["visit"]["duration_days"] = days
    with pytest.raises(SchemaError) as caught:
        nato_rok.loads(json.dumps(document))
    assert ["$.visit.duration_days"] == [problem.path for problem in caught.value.problems]
