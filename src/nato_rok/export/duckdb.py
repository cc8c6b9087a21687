"""The tables as one DuckDB database, keys and comments included (needs the ``duckdb`` extra).

    nato-rok export --format duckdb --out nato-rok.duckdb

writes a database with every table of :data:`nato_rok.export.tables.TABLES`:
typed columns (``VARCHAR``, ``BIGINT``, ``DOUBLE``, ``BOOLEAN``, ``DATE``,
``VARCHAR[]``), each table's primary key and foreign keys, a comment on every
table and column (the data dictionary's wording), and a ``metadata`` table of
(key, value) rows: the release, schema version, SHA-256 of the canonical JSON
document, licence, and the source's title and URL. Some table and column
names are SQL keywords (``"references"``, ``"end"``, ``"index"``): quote them.

    >>> import nato_rok
    >>> from nato_rok.export import duckdb
    >>> db = duckdb.connect(nato_rok.load("1.1.0"))
    >>> db.sql('''
    ...     SELECT p.name, count(*) AS quotes
    ...     FROM quotes q JOIN participants p ON p.id = q.speaker_id
    ...     GROUP BY p.name ORDER BY quotes DESC, p.name
    ... ''').fetchall()
    [('Anders Fogh Rasmussen', 7)]

.. versionadded:: 1.2.0
"""

from __future__ import annotations

import os
from collections.abc import Callable
from pathlib import Path
from typing import Any

from nato_rok.dataset import Dataset
from nato_rok.exceptions import DatasetError, ExportTargetError, MissingExtraError
from nato_rok.export._format import ExportOptions, Format
from nato_rok.export._provenance import provenance
from nato_rok.export.tables import Table, tables

__all__ = ["FORMAT", "connect", "write"]

_TYPES = {
    "string": "VARCHAR",
    "integer": "BIGINT",
    "number": "DOUBLE",
    "boolean": "BOOLEAN",
    "date": "DATE",
    "array": "VARCHAR[]",
}


def _duckdb() -> Any:
    try:
        import duckdb
    except ImportError:
        raise MissingExtraError(
            "the DuckDB export needs duckdb: pip install 'nato-rok[duckdb]'"
        ) from None
    return duckdb


def _name(identifier: str) -> str:
    return '"' + identifier.replace('"', '""') + '"'


def _text(value: str) -> str:
    return "'" + value.replace("'", "''") + "'"


def _names(columns: tuple[str, ...]) -> str:
    return ", ".join(map(_name, columns))


def _create(table: Table) -> str:
    lines = [
        f"{_name(f.name)} {_TYPES[f.type]}{' NOT NULL' if f.name in table.primary_key else ''}"
        for f in table.fields
    ]
    lines.append(f"PRIMARY KEY ({_names(table.primary_key)})")
    lines.extend(
        f"FOREIGN KEY ({_names(own)}) REFERENCES {_name(target)} ({_names(theirs)})"
        for own, target, theirs in table.foreign_keys
    )
    return f"CREATE TABLE {_name(table.name)} (\n  " + ",\n  ".join(lines) + "\n)"


def _comments(table: Table) -> list[str]:
    return [
        f"COMMENT ON TABLE {_name(table.name)} IS {_text(table.description)}",
        *(
            f"COMMENT ON COLUMN {_name(table.name)}.{_name(f.name)} IS {_text(f.description)}"
            for f in table.fields
        ),
    ]


def _generations(table: Table) -> list[tuple[tuple[Any, ...], ...]]:
    """Split the rows into batches, each pointing only at rows of earlier batches.

    DuckDB checks a foreign key against the rows already in the table before
    the statement, so an event must be inserted after its parent. A row's
    batch is its depth (one more than its deepest parent's), worked out once
    per row: linear in the rows, however long a chain of parents.
    """
    index = {field.name: i for i, field in enumerate(table.fields)}
    links = [(own, theirs) for own, target, theirs in table.foreign_keys if target == table.name]
    if not links or not table.rows:
        return [table.rows]

    def key(row: tuple[Any, ...], columns: tuple[str, ...]) -> tuple[Any, ...]:
        return tuple(row[index[column]] for column in columns)

    targets = {(theirs, key(row, theirs)): row for row in table.rows for _, theirs in links}

    def parents(row: tuple[Any, ...]) -> list[tuple[Any, ...]]:
        found = []
        for own, theirs in links:
            wanted = key(row, own)
            if None not in wanted:
                parent = targets.get((theirs, wanted))
                if parent is None:
                    raise _unlinked(table)
                found.append(parent)
        return found

    depths = _depths(table, parents)
    batches: list[list[tuple[Any, ...]]] = [[] for _ in range(1 + max(depths.values()))]
    for row in table.rows:
        batches[depths[id(row)]].append(row)
    return [tuple(batch) for batch in batches]


def _depths(
    table: Table, parents: Callable[[tuple[Any, ...]], list[tuple[Any, ...]]]
) -> dict[int, int]:
    """Return each row's depth (by the row's id()): 0 without a parent, else 1 + its parents'."""
    depths: dict[int, int] = {}
    for row in table.rows:
        # Depth first without recursion: a chain may be longer than Python's stack.
        pending, entered = [row], set()
        while pending:
            current = pending[-1]
            if id(current) in depths:
                pending.pop()
                continue
            above = parents(current)
            waiting = [parent for parent in above if id(parent) not in depths]
            if not waiting:
                depths[id(current)] = 1 + max((depths[id(p)] for p in above), default=-1)
                pending.pop()
            elif id(current) in entered:
                raise _unlinked(table)  # a parent is still waiting on this row: a cycle
            else:
                entered.add(id(current))
                pending.extend(waiting)
    return depths


def _unlinked(table: Table) -> DatasetError:
    return DatasetError(
        f"rows of {table.name} point at each other in a cycle, or at rows that do not exist"
    )


def _insert(connection: Any, table: Table, rows: tuple[tuple[Any, ...], ...]) -> None:
    if not rows:
        return
    if len(rows) == 1:  # a link of a chain of parents: a plain row is cheaper than unnest
        values = ", ".join(f"${i + 1}::{_TYPES[f.type]}" for i, f in enumerate(table.fields))
        cells = [list(cell) if isinstance(cell, tuple) else cell for cell in rows[0]]
        insert = f"INSERT INTO {_name(table.name)} VALUES ({values})"  # noqa: S608  # quoted name, typed parameters
        connection.execute(insert, cells)
        return
    columns = [
        [list(row[i]) if isinstance(row[i], tuple) else row[i] for row in rows]
        for i in range(len(table.fields))
    ]
    selects = ", ".join(f"unnest(${i + 1}::{_TYPES[f.type]}[])" for i, f in enumerate(table.fields))
    connection.execute(f"INSERT INTO {_name(table.name)} SELECT {selects}", columns)


def _fill(connection: Any, dataset: Dataset) -> None:
    connection.execute("CREATE TABLE metadata (key VARCHAR PRIMARY KEY, value VARCHAR NOT NULL)")
    connection.execute(
        "COMMENT ON TABLE metadata IS 'Where the data comes from: release, schema version, "
        "SHA-256 of the canonical JSON document, licence, source.'"
    )
    connection.executemany("INSERT INTO metadata VALUES (?, ?)", list(provenance(dataset).items()))
    for table in tables(dataset):
        connection.execute(_create(table))
        for statement in _comments(table):
            connection.execute(statement)
        for rows in _generations(table):
            _insert(connection, table, rows)


def connect(dataset: Dataset, path: Path | None = None) -> Any:
    """Return a DuckDB connection to a database of *dataset*'s tables.

    Args:
        dataset: The dataset.
        path: A new database file to create (nothing may exist there yet: to
            replace a file, use :func:`write`, which does it atomically);
            ``None`` for one in memory.

    Raises:
        MissingExtraError: duckdb is not installed (install the ``duckdb`` extra).
        ExportTargetError: Something (a file, a folder, a link) is at *path*.
        ~nato_rok.DatasetError: DuckDB refused the rows (a dataset built without the
            loader's checks, whose links do not resolve).

    .. versionadded:: 1.2.0
    """
    if path is not None and os.path.lexists(path):
        # DuckDB would add the tables into it in place, or follow a link.
        raise ExportTargetError(
            f"{path} exists: connect() creates a new database; write() replaces one atomically"
        )
    duckdb = _duckdb()
    connection = duckdb.connect(":memory:" if path is None else str(path))
    try:
        _fill(connection, dataset)
    except duckdb.Error as exc:
        connection.close()
        raise DatasetError(f"DuckDB refused the tables: {exc}") from exc
    except BaseException:
        connection.close()
        raise
    return connection


def _write_path(dataset: Dataset, path: Path, options: ExportOptions) -> None:
    connect(dataset, path).close()


def write(dataset: Dataset, path: Path) -> Path:
    """Write *dataset*'s tables as the DuckDB database file *path*, atomically.

    An old write-ahead log beside *path* (``PATH.wal``) belongs to the file
    replaced and goes with it, so the new database is never read with it.

    Raises:
        MissingExtraError: duckdb is not installed.
        ExportTargetError: *path* is a symbolic link or a folder.
        OSError: The file could not be written (an old one is untouched).

    .. versionadded:: 1.2.0
    """
    (written,) = FORMAT.write(dataset, path)
    return written


#: ``nato-rok export --format duckdb``.
FORMAT = Format(
    name="duckdb",
    summary="one DuckDB database file: every table with primary and foreign keys and "
    "column comments",
    writes="file",
    extra="duckdb",
    requires=("duckdb",),
    write_path=_write_path,
    # A stale log beside the file would be replayed into the new database.
    sidecars=(".wal",),
)
