"""The tables as pandas DataFrames with proper dtypes (needs the ``pandas`` extra).

    >>> import nato_rok
    >>> frames = nato_rok.load().to_pandas()
    >>> frames["quotes"].dtypes["start"]
    Int64Dtype()

Strings are ``string``, integers ``Int64``, numbers ``Float64``, booleans
``boolean`` (all nullable), dates ``datetime64``, and list cells Python
lists (``object``).

.. versionadded:: 1.1.0
"""

from __future__ import annotations

from typing import Any

from nato_rok.dataset import Dataset
from nato_rok.exceptions import MissingExtraError
from nato_rok.export.tables import tables

__all__ = ["frames"]

_DTYPES = {
    "string": "string",
    "integer": "Int64",
    "number": "Float64",
    "boolean": "boolean",
    "array": "object",
}


def _pandas() -> Any:
    try:
        import pandas
    except ImportError:
        raise MissingExtraError(
            "nato_rok.export.pandas needs pandas: pip install 'nato-rok[pandas]'"
        ) from None
    return pandas


def frames(dataset: Dataset) -> dict[str, Any]:
    """Return one DataFrame per table of :func:`nato_rok.export.tables.tables`.

    Raises:
        MissingExtraError: pandas is not installed (install the ``pandas``
            extra); also an :class:`ImportError`, as before.

    .. versionadded:: 1.1.0
    .. versionchanged:: 1.2.0 The error is a ``MissingExtraError``.
    """
    pd = _pandas()
    result = {}
    for table in tables(dataset):
        columns = [field.name for field in table.fields]
        rows = [[list(v) if isinstance(v, tuple) else v for v in row] for row in table.rows]
        frame = pd.DataFrame(rows, columns=columns, dtype=object)
        for field in table.fields:
            if field.type == "date":
                frame[field.name] = pd.to_datetime(frame[field.name])
            else:
                frame[field.name] = frame[field.name].astype(_DTYPES[field.type])
        result[table.name] = frame
    return result
