"""CSV files and a Frictionless Data Package (v2) descriptor for the tables.

    nato-rok export --format datapackage --out nato-rok-tables/

writes ``datapackage.json`` and one CSV per table of
:func:`nato_rok.export.tables.tables`. Cells: nulls are empty, booleans
``true``/``false``, dates ``YYYY-MM-DD``, lists JSON arrays. The descriptor
declares every field's type, each table's primary key and its foreign keys,
the licence and the source.

.. versionadded:: 1.1.0
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from nato_rok import _json
from nato_rok.dataset import Dataset
from nato_rok.export._files import write_folder
from nato_rok.export.tables import Table, tables

__all__ = ["datapackage", "to_csv", "write", "write_csv"]


def _cell(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, list):
        return json.dumps(value, ensure_ascii=False)
    return str(value)


def to_csv(table: Table) -> str:
    """Return *table* as CSV text: a header row, then one row per record."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow([field.name for field in table.fields])
    writer.writerows([_cell(value) for value in row] for row in table.rows)
    return out.getvalue()


def datapackage(dataset: Dataset) -> dict[str, Any]:
    """Return the Data Package (v2) descriptor of the tables of *dataset*.

    .. versionadded:: 1.1.0
    """
    resources = []
    for table in tables(dataset):
        schema: dict[str, Any] = {
            "fields": [
                {"name": f.name, "type": f.type, "description": f.description} for f in table.fields
            ],
            "primaryKey": list(table.primary_key),
        }
        if table.foreign_keys:
            schema["foreignKeys"] = [
                {"fields": list(columns), "reference": {"resource": target, "fields": list(keys)}}
                for columns, target, keys in table.foreign_keys
            ]
        resources.append(
            {
                "name": table.name,
                "type": "table",
                "path": f"{table.name}.csv",
                "scheme": "file",
                "format": "csv",
                "mediatype": "text/csv",
                "encoding": "utf-8",
                "description": table.description,
                "schema": schema,
            }
        )
    return {
        "$schema": "https://datapackage.org/profiles/2.0/datapackage.json",
        "name": "nato-rok",
        "title": "First visit by a NATO Secretary General to the Republic of Korea (Seoul, 2013)",
        "version": dataset.version,
        "licenses": [
            {
                "name": dataset.license,
                "path": "https://creativecommons.org/licenses/by/4.0/",
                "title": "Creative Commons Attribution 4.0 (the annotations; the article text is "
                "NATO's, reproduced with acknowledgement)",
            }
        ],
        "sources": [{"title": dataset.source.title, "path": dataset.source.url}],
        "resources": resources,
    }


def _csv_files(dataset: Dataset) -> Iterator[tuple[str, str]]:
    for table in tables(dataset):
        yield f"{table.name}.csv", to_csv(table)


def write_csv(dataset: Dataset, directory: Path) -> list[Path]:
    """Write one CSV per table into *directory* (created if needed), all or nothing.

    The files are built in a temporary sibling folder and moved into place
    (see :mod:`nato_rok.export`): a failure leaves *directory* as it was.
    Only the files named ``<table>.csv`` are replaced; other files in
    *directory* are left alone.

    Returns:
        The files written, in table order.

    Raises:
        ExportTargetError: *directory* is a symbolic link or a file, or one
            of the CSV names there is a link or a folder.
        OSError: A file could not be written.

    .. versionadded:: 1.1.0
    .. versionchanged:: 1.2.0 Written atomically; refuses links.
    """
    return list(write_folder(directory, _csv_files(dataset)))


def write(dataset: Dataset, directory: Path) -> list[Path]:
    """Write ``datapackage.json`` and one CSV per table into *directory*, all or nothing.

    As :func:`write_csv`, with ``datapackage.json`` moved into place last,
    so it never lists a table that is missing or empty.

    Returns:
        The files written, descriptor first.

    Raises:
        ExportTargetError: *directory* is a symbolic link or a file, or one
            of the export's names there is a link or a folder.
        OSError: A file could not be written.

    .. versionadded:: 1.1.0
    .. versionchanged:: 1.2.0 Written atomically; refuses links.
    """

    def files() -> Iterator[tuple[str, str]]:
        yield from _csv_files(dataset)
        yield "datapackage.json", _json.dump(datapackage(dataset))

    *csvs, descriptor = write_folder(directory, files())
    return [descriptor, *csvs]
