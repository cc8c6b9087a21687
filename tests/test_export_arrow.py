"""Arrow tables and Parquet files: real types, provenance metadata, read back by three engines.

The `data` tier but for the missing-pyarrow test: pyarrow, polars and DuckDB come
with the `data` group, imported inside the tests so that the fast tier collects
this module without them.
"""

from __future__ import annotations

import datetime
import json
import sys
from pathlib import Path

import pytest

import nato_rok
from nato_rok import cli
from nato_rok.exceptions import MissingExtraError
from nato_rok.export import tables
from nato_rok.export._provenance import sha256


@pytest.mark.data
@pytest.mark.parametrize("version", nato_rok.versions())
def test_every_table_keeps_its_types_rows_and_descriptions(version: str) -> None:
    """Each Arrow table has the declared types, the rows of the table, and field descriptions."""
    import pyarrow as pa

    types = {
        "string": pa.string(),
        "integer": pa.int64(),
        "number": pa.float64(),
        "boolean": pa.bool_(),
        "date": pa.date32(),
        "array": pa.list_(pa.string()),
    }
    dataset = nato_rok.load(version)
    result = dataset.to_arrow()
    for table in tables.tables(dataset):
        got = result[table.name]
        assert [f.name for f in table.fields] == got.schema.names
        for field in table.fields:
            arrow_field = got.schema.field(field.name)
            assert types[field.type] == arrow_field.type
            assert (field.name not in table.primary_key) == arrow_field.nullable
            assert field.description == arrow_field.metadata[b"description"].decode()
        expected = [[list(v) if isinstance(v, tuple) else v for v in row] for row in table.rows]
        assert expected == [list(row.values()) for row in got.to_pylist()]


@pytest.mark.data
def test_the_schema_metadata_says_where_the_data_comes_from() -> None:
    """Release, schema version, the manifest's SHA-256, licence, source, keys."""
    manifest = json.loads(
        (Path(nato_rok.__file__).parent / "data" / "manifest.json").read_text(encoding="utf-8")
    )
    newest = manifest["releases"][-1]
    dataset = nato_rok.load(newest["version"])
    metadata = {
        key.decode(): value.decode()
        for key, value in dataset.to_arrow()["events"].schema.metadata.items()
    }
    assert newest["version"] == metadata["nato_rok.release"]
    assert newest["sha256"] == metadata["nato_rok.sha256"] == sha256(dataset)
    assert str(newest["schema_version"]) == metadata["nato_rok.schema_version"]
    assert dataset.license == metadata["nato_rok.license"]
    assert dataset.source.url == metadata["nato_rok.source_url"]
    assert ["id"] == json.loads(metadata["nato_rok.primary_key"])
    assert {"fields": ["parent_id"], "table": "events", "references": ["id"]} in json.loads(
        metadata["nato_rok.foreign_keys"]
    )


@pytest.mark.data
def test_parquet_files_are_read_back_by_pyarrow_duckdb_and_polars(tmp_path: Path) -> None:
    """The export writes one Parquet file per table that other engines read as they are."""
    import duckdb
    import polars as pl
    import pyarrow.parquet as pq

    dataset = nato_rok.load()
    out = tmp_path / "parquet"
    assert 0 == cli.main(["export", "--format", "parquet", "--out", str(out)])
    names = [declaration.name for declaration in tables.TABLES]
    assert sorted(f"{name}.parquet" for name in names) == sorted(p.name for p in out.iterdir())
    expected = dataset.to_arrow()
    for name in names:
        path = out / f"{name}.parquet"
        read = pq.read_table(path)
        assert expected[name].equals(read)
        assert expected[name].schema.metadata == read.schema.metadata
        counted = duckdb.connect().sql(f"SELECT count(*) FROM '{path}'").fetchall()  # noqa: S608
        assert [(len(read),)] == counted
        assert read.num_rows == pl.read_parquet(path).height
    visit = pl.read_parquet(out / "visit.parquet")
    assert datetime.date(2013, 4, 11) == visit["start_date"][0]


def test_without_pyarrow_the_error_names_the_extra(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A missing pyarrow: MissingExtraError in Python, exit 1 with the extra from the CLI."""
    monkeypatch.setitem(sys.modules, "pyarrow", None)
    with pytest.raises(MissingExtraError, match=r"pip install 'nato-rok\[arrow\]'"):
        nato_rok.load().to_arrow()
    assert 1 == cli.main(["export", "--format", "parquet", "--out", str(tmp_path / "x")])
    assert "pip install 'nato-rok[arrow]'" in capsys.readouterr().err
    assert [] == list(tmp_path.iterdir())
