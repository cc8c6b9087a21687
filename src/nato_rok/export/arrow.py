"""The tables as Apache Arrow tables, and as Parquet files (needs the ``arrow`` extra).

    nato-rok export --format parquet --out nato-rok-parquet/

writes one ``<table>.parquet`` per table of :data:`nato_rok.export.tables.TABLES`
with real types: ``string``, ``int64``, ``double``, ``bool``, ``date32``
and ``list<string>`` for arrays, every column nullable except the primary
key's. Each field carries its description in its metadata (``description``),
and each schema the release version, the schema version, the SHA-256 of the
canonical JSON document (the manifest's, for a bundled release), the licence,
the source's title and URL, and the table's description, primary key and
foreign keys (``nato_rok.*`` keys; the keys are JSON).

Spark, Dask, DuckDB, BigQuery and pandas read the Parquet files as they are.

    >>> import nato_rok
    >>> arrow = nato_rok.load().to_arrow()
    >>> arrow["quotes"].schema.field("start").type
    DataType(int64)

.. versionadded:: 1.2.0
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from typing import Any

from nato_rok.dataset import Dataset
from nato_rok.exceptions import MissingExtraError
from nato_rok.export._format import ExportOptions, Format
from nato_rok.export._provenance import provenance
from nato_rok.export.tables import Table, tables

__all__ = ["FORMAT", "to_arrow", "to_parquet"]


def _pyarrow() -> Any:
    try:
        import pyarrow
    except ImportError:
        raise MissingExtraError(
            "the Arrow and Parquet exports need pyarrow: pip install 'nato-rok[arrow]'"
        ) from None
    return pyarrow


def _types(pa: Any) -> dict[str, Any]:
    return {
        "string": pa.string(),
        "integer": pa.int64(),
        "number": pa.float64(),
        "boolean": pa.bool_(),
        "date": pa.date32(),
        "array": pa.list_(pa.string()),
    }


def _table(pa: Any, table: Table, metadata: dict[str, str]) -> Any:
    types = _types(pa)
    fields = [
        pa.field(
            f.name,
            types[f.type],
            nullable=f.name not in table.primary_key,
            metadata={"description": f.description},
        )
        for f in table.fields
    ]
    schema = pa.schema(
        fields,
        metadata={
            **metadata,
            "nato_rok.table": table.name,
            "nato_rok.description": table.description,
            "nato_rok.primary_key": json.dumps(list(table.primary_key)),
            "nato_rok.foreign_keys": json.dumps(
                [
                    {"fields": list(own), "table": target, "references": list(theirs)}
                    for own, target, theirs in table.foreign_keys
                ]
            ),
        },
    )
    columns = [
        pa.array([row[index] for row in table.rows], type=types[f.type])
        for index, f in enumerate(table.fields)
    ]
    return pa.Table.from_arrays(columns, schema=schema)


def to_arrow(dataset: Dataset) -> dict[str, Any]:
    """Return one ``pyarrow.Table`` per table, by name, with types and metadata.

    Raises:
        MissingExtraError: pyarrow is not installed (the ``arrow`` extra).

    .. versionadded:: 1.2.0
    """
    pa = _pyarrow()
    metadata = provenance(dataset)
    return {table.name: _table(pa, table, metadata) for table in tables(dataset)}


def to_parquet(table: Any) -> bytes:
    """Return an Arrow table as the bytes of a Parquet file (zstd-compressed).

    .. versionadded:: 1.2.0
    """
    pa = _pyarrow()
    import pyarrow.parquet as pq

    sink = pa.BufferOutputStream()
    pq.write_table(table, sink, compression="zstd")
    return bytes(sink.getvalue().to_pybytes())


def _parquet_files(dataset: Dataset, options: ExportOptions) -> Iterator[tuple[str, bytes]]:
    for name, table in to_arrow(dataset).items():
        yield f"{name}.parquet", to_parquet(table)


#: ``nato-rok export --format parquet``.
FORMAT = Format(
    name="parquet",
    summary="one Parquet file per table, with real types and the release's provenance in "
    "the schema metadata, into a folder",
    writes="folder",
    extra="arrow",
    requires=("pyarrow",),
    files=_parquet_files,
)
