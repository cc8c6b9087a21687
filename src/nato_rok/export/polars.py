"""The tables as polars DataFrames with real types (needs the ``polars`` extra).

    >>> import nato_rok
    >>> frames = nato_rok.load().to_polars()
    >>> frames["quotes"].schema["start"]
    Int64

Strings are ``String``, integers ``Int64``, numbers ``Float64``, booleans
``Boolean``, dates ``Date`` and arrays ``List(String)``; nulls are nulls.
The frames are built from :data:`nato_rok.export.tables.TABLES` directly,
without pyarrow.

.. versionadded:: 1.2.0
"""

from __future__ import annotations

from typing import Any

from nato_rok.dataset import Dataset
from nato_rok.exceptions import MissingExtraError
from nato_rok.export.tables import tables

__all__ = ["frames"]


def _polars() -> Any:
    try:
        import polars
    except ImportError:
        raise MissingExtraError(
            "the polars export needs polars: pip install 'nato-rok[polars]'"
        ) from None
    return polars


def frames(dataset: Dataset) -> dict[str, Any]:
    """Return one polars DataFrame per table of :func:`nato_rok.export.tables.tables`.

    Raises:
        MissingExtraError: polars is not installed (install the ``polars`` extra).

    .. versionadded:: 1.2.0
    """
    pl = _polars()
    types = {
        "string": pl.String,
        "integer": pl.Int64,
        "number": pl.Float64,
        "boolean": pl.Boolean,
        "date": pl.Date,
        "array": pl.List(pl.String),
    }
    result = {}
    for table in tables(dataset):
        schema = {field.name: types[field.type] for field in table.fields}
        data = {
            field.name: [
                list(row[index]) if isinstance(row[index], tuple) else row[index]
                for row in table.rows
            ]
            for index, field in enumerate(table.fields)
        }
        result[table.name] = pl.DataFrame(data, schema=schema)
    return result
