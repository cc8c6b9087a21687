"""What a table is: its columns, keys and rows, and how a declared one is built.

The tables themselves are declared in :mod:`nato_rok.export.tables`.
"""

from __future__ import annotations

import enum
from collections.abc import Callable, Iterable
from typing import Any

import attrs

from nato_rok.dataset import Dataset

#: A link to another table, as (its columns, the table it refers to, that table's columns).
ForeignKey = tuple[tuple[str, ...], str, tuple[str, ...]]

#: The column types, as Table Schema names them.
TYPES = ("string", "integer", "number", "boolean", "date", "array")


@attrs.frozen(kw_only=True)
class Field:
    """A column: its name, Table Schema type, and meaning.

    Attributes:
        name: Column name.
        type: Table Schema type: string, integer, number, boolean, date, array
            (an array of strings).
        description: What the column holds.
    """

    name: str
    type: str
    description: str


@attrs.frozen(kw_only=True)
class Table:
    """One table of the export.

    Attributes:
        name: Table (and resource) name; the CSV file is ``<name>.csv``.
        description: What a row is.
        fields: The columns, in order.
        primary_key: The columns that identify a row.
        foreign_keys: (columns, table, its columns) links to other tables.
        rows: The rows, each a tuple of Python values in column order: ``str``,
            ``int``, ``float``, ``bool``, :class:`datetime.date`, a tuple of
            ``str`` for an array, or ``None``.

    .. versionchanged:: 1.2.0 Array cells are tuples (they were lists).
    """

    name: str
    description: str
    fields: tuple[Field, ...]
    primary_key: tuple[str, ...]
    foreign_keys: tuple[ForeignKey, ...]
    rows: tuple[tuple[Any, ...], ...]


@attrs.frozen(kw_only=True)
class Column:
    """A declared column: what :class:`Field` says, and how to read it from a record.

    Attributes:
        name: Column name.
        type: One of ``string``, ``integer``, ``number``, ``boolean``,
            ``date``, ``array`` (of strings).
        description: What the column holds.
        read: Returns the cell from one of the table's records; an enum
            member becomes its value.

    .. versionadded:: 1.2.0
    """

    name: str
    type: str = attrs.field(validator=attrs.validators.in_(TYPES))
    description: str
    read: Callable[[Any], Any] = attrs.field(eq=False, repr=False)

    @property
    def field(self) -> Field:
        """The column as a :class:`Field` (without its reader)."""
        return Field(name=self.name, type=self.type, description=self.description)


def _cell(value: Any) -> Any:
    return value.value if isinstance(value, enum.Enum) else value


@attrs.frozen(kw_only=True)
class TableDeclaration:
    """A declared table: where its rows come from and what its columns are.

    Attributes:
        name: Table (and resource) name.
        description: What a row is.
        records: Returns the table's records (one per row) from a dataset.
        columns: The columns, in order.
        primary_key: The columns that identify a row.
        foreign_keys: (columns, table, its columns) links to other tables.

    .. versionadded:: 1.2.0
    """

    name: str
    description: str
    records: Callable[[Dataset], Iterable[Any]] = attrs.field(eq=False, repr=False)
    columns: tuple[Column, ...]
    primary_key: tuple[str, ...]
    foreign_keys: tuple[ForeignKey, ...] = ()

    def table(self, dataset: Dataset) -> Table:
        """Return the table of *dataset*."""
        readers = tuple(column.read for column in self.columns)
        return Table(
            name=self.name,
            description=self.description,
            fields=tuple(column.field for column in self.columns),
            primary_key=self.primary_key,
            foreign_keys=self.foreign_keys,
            rows=tuple(
                tuple(_cell(read(record)) for read in readers) for record in self.records(dataset)
            ),
        )
