"""Every export format, in one registry: what the CLI, ``--help`` and the docs list.

Each format is one module of :mod:`nato_rok.export` that declares a
:class:`Format`: its name, whether it writes a file or a folder, the extra
it needs, and how it makes its content. :meth:`Format.write` writes any of
them atomically (see :doc:`/exports`):

    >>> import nato_rok
    >>> from nato_rok.export import formats
    >>> " ".join(f.name for f in formats.FORMATS)  # doctest: +NORMALIZE_WHITESPACE
    'json csv datapackage html jsonld jsonschema webannotation plover parquet duckdb croissant
    huggingface spacy'
    >>> formats.get("html").writes
    'file'

.. versionadded:: 1.2.0
"""

from __future__ import annotations

from nato_rok._document import dumps
from nato_rok.export import (
    arrow,
    croissant,
    datapackage,
    duckdb,
    html,
    huggingface,
    jsonld,
    jsonschema,
    plover,
    spacy,
    webannotation,
)
from nato_rok.export._format import ExportOptions, Format, dump_text

__all__ = ["FORMATS", "JSON_FORMAT", "ExportOptions", "Format", "get"]

#: The dataset document itself, as :func:`nato_rok.dumps` writes it: a copy
#: to edit and check with ``nato-rok validate``, or to read with ``loads``.
JSON_FORMAT = Format(
    name="json",
    summary="the dataset document, canonical JSON (the same bytes as nato_rok.dumps); a file",
    writes="file",
    dump=dump_text(dumps),
)

#: Every format ``nato-rok export`` writes, by name.
FORMATS: tuple[Format, ...] = (
    JSON_FORMAT,
    datapackage.CSV_FORMAT,
    datapackage.FORMAT,
    html.FORMAT,
    jsonld.FORMAT,
    jsonschema.FORMAT,
    webannotation.FORMAT,
    plover.FORMAT,
    arrow.FORMAT,
    duckdb.FORMAT,
    croissant.FORMAT,
    huggingface.FORMAT,
    spacy.FORMAT,
)


def get(name: str) -> Format:
    """Return the format called *name*.

    Raises:
        KeyError: No format has that name.

    """
    for candidate in FORMATS:
        if candidate.name == name:
            return candidate
    raise KeyError(f"no export format is called {name!r}")
