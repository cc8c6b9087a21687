"""The tables as pandas DataFrames with fixed dtypes (needs the ``pandas`` extra).

    >>> import nato_rok
    >>> frames = nato_rok.load().to_pandas()
    >>> frames["quotes"].dtypes["start"]
    Int64Dtype()
    >>> frames["quotes"].loc[0, "speaker_name"]
    'Anders Fogh Rasmussen'

One rule for every frame, the same on pandas 2 and 3: strings are
``StringDtype("python")``, integers ``Int64``, numbers ``Float64``, booleans
``boolean``, so a missing scalar is ``pd.NA``; dates are ``datetime64[s]``
(seconds, not pandas' default nanoseconds, which end in 1677 and 2262:
seconds hold every date the loader accepts, 0001-01-01 to 9999-12-31),
whose missing value is ``NaT`` (pandas has no nullable date type without
pyarrow); list cells are always Python lists (``[]`` where there is nothing,
never a null). The quotations and statements frames also carry the speaker's
name beside the id (``speaker_name``).

.. versionadded:: 1.1.0
"""

from __future__ import annotations

import html
from collections.abc import Iterator, Mapping
from types import MappingProxyType
from typing import Any

from nato_rok.dataset import Dataset
from nato_rok.exceptions import MissingExtraError
from nato_rok.export.tables import tables

__all__ = ["Frames", "frames"]

#: The frames that name a speaker by id, and get the name beside it.
_SPOKEN = ("quotes", "statements")


def _pandas() -> Any:
    try:
        import pandas
    except ImportError:
        raise MissingExtraError(
            "nato_rok.export.pandas needs pandas: pip install 'nato-rok[pandas]'"
        ) from None
    return pandas


def _dtype(pd: Any, kind: str) -> Any:
    # Spelled out, so pandas 3's new default string type does not change them.
    return {
        "string": pd.StringDtype("python"),
        "integer": "Int64",
        "number": "Float64",
        "boolean": "boolean",
        # Nanoseconds reach only 1677..2262; a document may hold any year 1..9999.
        "date": "datetime64[s]",
        "array": "object",
    }[kind]


class Frames(Mapping[str, Any]):
    """A read-only mapping of table name to DataFrame, as ``Dataset.to_pandas()`` gives.

    It prints as the table names with their shapes, and shows in a notebook
    as those names, shapes and the first rows of each table.

    .. versionadded:: 1.2.0
    """

    def __init__(self, frames: Mapping[str, Any]) -> None:
        self._frames = MappingProxyType(dict(frames))

    def __getitem__(self, name: str) -> Any:
        return self._frames[name]

    def __iter__(self) -> Iterator[str]:
        return iter(self._frames)

    def __len__(self) -> int:
        return len(self._frames)

    def __repr__(self) -> str:
        shapes = ", ".join(
            f"{name} {frame.shape[0]}x{frame.shape[1]}" for name, frame in self.items()
        )
        return f"<Frames: {shapes}>"

    def _repr_pretty_(self, printer: Any, cycle: bool) -> None:
        """IPython's text view: one line per table, its shape."""
        printer.text(
            "\n".join(
                f"{name}: {f.shape[0]} rows x {f.shape[1]} columns" for name, f in self.items()
            )
        )

    def _repr_html_(self) -> str:
        """Jupyter's view: each table's name and shape, then its first three rows."""
        parts = [
            f"<details><summary><b>{html.escape(name)}</b> "
            f"({frame.shape[0]} rows &times; {frame.shape[1]} columns)</summary>"
            f"{frame.head(3).to_html()}</details>"
            for name, frame in self.items()
        ]
        return f'<div class="nato-rok-frames">{"".join(parts)}</div>'


def frames(dataset: Dataset) -> Frames:
    """Return one DataFrame per table of :func:`nato_rok.export.tables.tables`.

    Raises:
        MissingExtraError: pandas is not installed (install the ``pandas``
            extra); also an :class:`ImportError`, as before.

    .. versionadded:: 1.1.0
    .. versionchanged:: 1.2.0 The error is a ``MissingExtraError``; the result
       is a read-only :class:`Frames` mapping; dtypes are fixed across pandas
       versions; list cells are never null; quotations and statements carry
       ``speaker_name``; dates are ``datetime64[s]``, which holds every date
       the loader accepts (``datetime64[ns]`` ends in 1677 and 2262).
    """
    pd = _pandas()
    result = {}
    for table in tables(dataset):
        columns = [field.name for field in table.fields]
        arrays = {f.name for f in table.fields if f.type == "array"}
        rows = [
            [
                (list(value or ()) if name in arrays else value)
                for name, value in zip(columns, row, strict=True)
            ]
            for row in table.rows
        ]
        frame = pd.DataFrame(rows, columns=columns, dtype=object)
        for field in table.fields:
            frame[field.name] = frame[field.name].astype(_dtype(pd, field.type))
        result[table.name] = frame
    names = result["participants"].set_index("id")["name"]
    for name in _SPOKEN:
        frame = result[name]
        at = list(frame.columns).index("speaker_id") + 1
        frame.insert(
            at, "speaker_name", frame["speaker_id"].map(names).astype(_dtype(pd, "string"))
        )
    return Frames(result)
