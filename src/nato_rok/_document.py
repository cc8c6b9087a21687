"""Whole documents: JSON text in, a checked :class:`Dataset` out, and back."""

from __future__ import annotations

import gc
from typing import Any

from nato_rok import _schemas
from nato_rok.dataset import Dataset
from nato_rok.exceptions import (
    IntegrityError,
    Problem,
    SchemaError,
    UnsupportedSchemaVersionError,
)

#: Default limit on the size of a document: 64 MiB (bytes for ``bytes``
#: input, code points for ``str`` input), checked before parsing.
DEFAULT_MAX_SIZE = 64 * 1024 * 1024


def _schema_version(value: Any) -> int:
    if type(value) is not dict:
        kind = type(value).__name__
        raise SchemaError(
            "the document must be a JSON object",
            (Problem("$", f"expected object, got {kind}"),),
        )
    if "schema_version" not in value:
        raise SchemaError(
            "the document has no schema_version",
            (Problem("$.schema_version", "required key is missing"),),
        )
    schema_version = value["schema_version"]
    if type(schema_version) is not int:
        raise SchemaError(
            "schema_version must be an integer",
            (Problem("$.schema_version", f"expected integer, got {schema_version!r}"),),
        )
    if schema_version not in _schemas.SUPPORTED:
        supported = ", ".join(str(number) for number in _schemas.SUPPORTED)
        raise UnsupportedSchemaVersionError(
            f"schema_version {schema_version} is not supported (supported: {supported}); "
            "a newer nato-rok may read it",
            (Problem("$.schema_version", f"unsupported schema_version {schema_version}"),),
        )
    return schema_version


def from_value(value: Any) -> Dataset:
    """Check and structure a parsed JSON *value* into a :class:`Dataset`."""
    from nato_rok import _converter, _integrity

    schema_version = _schema_version(value)
    if schema_version == 1:
        extra = _schemas.upgrade_from_1(value)
        if extra:
            raise SchemaError(
                f"the document does not fit schema 1 ({len(extra)} problem(s))", tuple(extra)
            )
    try:
        dataset = _converter.structure(value, Dataset)
    # Anything a record's own checks raise is a problem with the input,
    # whatever its type; none may escape as anything but a SchemaError.
    except Exception as exc:
        problems = tuple(_converter.problems_of(exc))
        raise SchemaError(
            f"the document does not fit schema {schema_version} ({len(problems)} problem(s))",
            problems,
        ) from exc
    found = _integrity.problems(dataset)
    if found:
        raise IntegrityError(
            f"the document's records are inconsistent ({len(found)} problem(s))", tuple(found)
        )
    return dataset


def loads(data: str | bytes | bytearray, *, max_size: int = DEFAULT_MAX_SIZE) -> Dataset:
    """Read a dataset document of any supported schema, checked in full.

    The document is checked exactly like a bundled release: strict JSON,
    strict types, no missing or unknown keys, every span inside the text,
    every quotation equal to its span, unique ids, every reference resolved.

    Args:
        data: The JSON document, as text or UTF-8 bytes.
        max_size: Refuse documents longer than this, before parsing
            (bytes for ``bytes`` input, characters for ``str`` input).

    Returns:
        The dataset.

    Raises:
        DatasetError: Always a subclass of it, naming each problem's JSON
            path; no other exception escapes, whatever the input.

    Note:
        The cyclic garbage collector is paused while the records are built
        (they hold no reference cycles) and resumed afterwards if it was
        running; see :doc:`the performance notes </performance>`.

    .. versionadded:: 1.0.0

    """
    from nato_rok import _json

    # Records form no reference cycles, so the cyclic garbage collector has
    # nothing to find while they are built; pausing it makes large documents
    # load about a quarter faster (see docs/performance.md).
    collecting = gc.isenabled()
    gc.disable()
    try:
        return from_value(_json.parse(data, max_size=max_size))
    finally:
        if collecting:
            gc.enable()


def dumps(dataset: Dataset) -> str:
    """Return the canonical JSON text of *dataset*.

    ``loads(dumps(x)) == x`` for every valid dataset, and the text of a
    bundled release is byte for byte its bundled file.

    Raises:
        TypeError: *dataset* is not a :class:`Dataset`.
        SchemaError: *dataset* declares schema 1 but holds data (events,
            references, external names, codes or dates) that only schema 2
            can express.

    .. versionadded:: 1.0.0

    """
    from nato_rok import _converter, _json

    if not isinstance(dataset, Dataset):
        raise TypeError(f"dumps() takes a Dataset, not {type(dataset).__name__}")
    value = _converter.converter().unstructure(dataset)
    if dataset.schema_version == 1:
        problems = _schemas.downgrade_to_1(value)
        if problems:
            raise SchemaError(
                "the dataset declares schema_version 1 but holds data only schema 2 can express",
                tuple(problems),
            )
    return _json.dump(value)
