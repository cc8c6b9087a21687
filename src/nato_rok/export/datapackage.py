"""CSV files and a Frictionless Data Package (v2) descriptor for the tables.

    nato-rok export --format datapackage --out nato-rok-tables/

writes ``datapackage.json`` and one CSV per table of
:func:`nato_rok.export.tables.tables`. Cells: nulls are empty, booleans
``true``/``false``, dates ``YYYY-MM-DD``, arrays JSON arrays. The descriptor
declares every field's type and description, each table's primary key and
its foreign keys, the licence and the source.

With ``excel_safe`` (``--excel-safe``), a text cell that starts with ``=``,
``+``, ``-``, ``@``, a tab or a carriage return gets a leading ``'``, so that
spreadsheets show it as text instead of running it as a formula.

.. versionadded:: 1.1.0
"""

from __future__ import annotations

import csv
import datetime
import io
import json
from collections.abc import Iterator
from pathlib import Path
from types import MappingProxyType
from typing import Any

from nato_rok import _cite, _json
from nato_rok._releases import published
from nato_rok.dataset import Dataset
from nato_rok.export._files import write_folder
from nato_rok.export._format import ExportOptions, Format
from nato_rok.export._safe import excel_safe, web_url
from nato_rok.export.tables import Table, tables

__all__ = ["CSV_FORMAT", "FORMAT", "datapackage", "to_csv", "write", "write_csv"]

#: Licences the descriptor can link to, by SPDX id: (title, URL).
_LICENCES = {
    "CC-BY-4.0": (
        "Creative Commons Attribution 4.0 (the annotations; the article text is "
        "NATO's, reproduced with acknowledgement)",
        "https://creativecommons.org/licenses/by/4.0/",
    ),
    "CC0-1.0": (
        "Creative Commons Zero 1.0 (the annotations; the article text is NATO's, "
        "reproduced with acknowledgement)",
        "https://creativecommons.org/publicdomain/zero/1.0/",
    ),
}

_EXCEL_SAFE_NOTE = (
    "Exported with --excel-safe: text cells that began with =, +, -, @, a tab or a "
    "carriage return carry a leading ' so that spreadsheets do not run them as formulas."
)


def _cell(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, (tuple, list)):
        return json.dumps(list(value), ensure_ascii=False)
    if isinstance(value, datetime.date):
        return value.isoformat()
    return str(value)


#: How every CSV file is written (Table Dialect; ``to_csv`` writes exactly this).
_DIALECT = MappingProxyType(
    {
        "header": True,
        "delimiter": ",",
        "quoteChar": '"',
        "doubleQuote": True,
        "lineTerminator": "\r\n",
    }
)


def to_csv(table: Table, *, excel_safe_cells: bool = False) -> str:
    """Return *table* as CSV text: a header row, then one row per record.

    Args:
        table: The table.
        excel_safe_cells: Prefix text cells that a spreadsheet would run as a
            formula with ``'``.

    .. versionadded:: 1.1.0
    .. versionchanged:: 1.2.0 The ``excel_safe_cells`` argument.
    """
    text = tuple(field.type == "string" and excel_safe_cells for field in table.fields)
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow([field.name for field in table.fields])
    writer.writerows(
        [
            excel_safe(cell) if guard else cell
            for cell, guard in zip(map(_cell, row), text, strict=True)
        ]
        for row in table.rows
    )
    return out.getvalue()


def _licence(spdx: str) -> dict[str, str]:
    title, path = _LICENCES.get(spdx, (spdx, ""))
    return {"name": spdx, **({"path": path} if path else {}), "title": title}


def _text_licence(dataset: Dataset) -> dict[str, str]:
    """Return the terms of the article text (NOTICE's), as a licence of the ``source`` resource."""
    return {"name": "LicenseRef-nato-rok-article-text", "title": _cite.text_terms(dataset)}


def datapackage(dataset: Dataset, *, excel_safe_cells: bool = False) -> dict[str, Any]:
    """Return the Data Package (v2) descriptor of the tables of *dataset*.

    The licence is the dataset's own (:attr:`~nato_rok.Dataset.license`),
    except for the ``source`` resource, which holds the article text: its own
    ``licenses`` entry says the text is NATO's and on what terms it is
    reproduced (as NOTICE does). The source is linked only by an
    ``http``/``https`` URL.

    .. versionadded:: 1.1.0
    .. versionchanged:: 1.2.0 The licence follows the dataset; ``excel_safe_cells``;
       an edited copy of a release is described as such, not as the release; the
       ``source`` resource states the article text's terms.
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
                # Said, not left to be guessed: a reader that sniffs the
                # dialect can be misled by cells full of quotes and commas.
                "dialect": dict(_DIALECT),
                "description": table.description,
                "schema": schema,
                # The article text is NATO's: its file says so, not the package's licence.
                **({"licenses": [_text_licence(dataset)]} if table.name == "source" else {}),
            }
        )
    notes = [_EXCEL_SAFE_NOTE] if excel_safe_cells else []
    if published(dataset) is None:  # an edited copy is not the release its version names
        notes.append(f"This is {_cite.what(dataset)}.")
    source: dict[str, str] = {"title": dataset.source.title}
    url = web_url(dataset.source.url)
    if url is not None:
        source["path"] = url
    return {
        "$schema": "https://datapackage.org/profiles/2.0/datapackage.json",
        "name": "nato-rok",
        "title": "First visit by a NATO Secretary General to the Republic of Korea (Seoul, 2013)",
        **({"description": " ".join(notes)} if notes else {}),
        "version": dataset.version,
        "licenses": [_licence(dataset.license)],
        "sources": [source],
        "resources": resources,
    }


def csv_files(dataset: Dataset, options: ExportOptions) -> Iterator[tuple[str, str]]:
    """Yield (file name, CSV text) for each table: the CSV files of the package and of Croissant."""
    for table in tables(dataset):
        yield f"{table.name}.csv", to_csv(table, excel_safe_cells=options.excel_safe)


def _package_files(dataset: Dataset, options: ExportOptions) -> Iterator[tuple[str, str]]:
    yield from csv_files(dataset, options)
    yield "datapackage.json", _json.dump(datapackage(dataset, excel_safe_cells=options.excel_safe))


#: ``nato-rok export --format csv``.
CSV_FORMAT = Format(
    name="csv",
    summary="one CSV file per table, into a folder",
    writes="folder",
    options=("excel_safe",),
    files=csv_files,
)

#: ``nato-rok export --format datapackage``.
FORMAT = Format(
    name="datapackage",
    summary="the CSV tables and a Frictionless Data Package v2 datapackage.json, into a folder",
    writes="folder",
    options=("excel_safe",),
    files=_package_files,
)


def write_csv(dataset: Dataset, directory: Path, *, excel_safe_cells: bool = False) -> list[Path]:
    """Write one CSV per table into *directory* (created if needed), all or nothing.

    The files are built in a temporary sibling folder and moved into place:
    a failure leaves *directory* as it was. Only the files named
    ``<table>.csv`` are replaced; other files in *directory* are left alone.

    Returns:
        The files written, in table order.

    Raises:
        ExportTargetError: *directory* is a symbolic link or a file, or one
            of the CSV names there is a link or a folder.
        OSError: A file could not be written.

    .. versionadded:: 1.1.0
    .. versionchanged:: 1.2.0 Written atomically; refuses links; ``excel_safe_cells``.
    """
    options = ExportOptions(excel_safe=excel_safe_cells)
    return list(write_folder(directory, csv_files(dataset, options)))


def write(dataset: Dataset, directory: Path, *, excel_safe_cells: bool = False) -> list[Path]:
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
    .. versionchanged:: 1.2.0 Written atomically; refuses links; ``excel_safe_cells``.
    """
    options = ExportOptions(excel_safe=excel_safe_cells)
    *csvs, descriptor = write_folder(directory, _package_files(dataset, options))
    return [descriptor, *csvs]
