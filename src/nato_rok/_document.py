"""Whole documents: JSON text in, a checked :class:`Dataset` out, and back."""

from __future__ import annotations

from typing import Any, NoReturn

from nato_rok import _schemas
from nato_rok._problems import Collector
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


def _refuse(
    cls: type[SchemaError | IntegrityError],
    summary: str,
    found: Collector,
    cause: BaseException | None = None,
) -> NoReturn:
    raise cls(
        f"{summary} ({len(found)} problem(s))", tuple(found.problems), omitted=found.omitted
    ) from cause


def _upgraded(value: Any) -> int:
    """Check *value*'s schema_version, upgrade it in place to the newest, and return it."""
    schema_version = _schema_version(value)
    if schema_version < _schemas.LATEST:
        found = Collector()
        found.extend(_schemas.upgrade(value, schema_version))
        if found:
            _refuse(SchemaError, f"the document does not fit schema {schema_version}", found)
    return schema_version


def _structured(value: Any) -> Dataset:
    """Structure *value* (upgraded first), or raise a SchemaError locating each problem."""
    from nato_rok import _structure

    schema_version = _upgraded(value)
    try:
        # Written ahead of time (scripts/generate_structure.py): no code is
        # compiled, no cattrs imported. It checks as strictly as the converter.
        return _structure.checked(value)
    except Exception:  # noqa: BLE001  # any failure: the detailed converter says where and why
        return _detailed(value, schema_version)


def _consistent(dataset: Dataset) -> Dataset:
    """Return *dataset* if its records agree with each other and the text, else raise."""
    from nato_rok import _integrity

    found = _integrity.check(dataset)
    if found:
        _refuse(IntegrityError, "the document's records are inconsistent", found)
    return dataset


def _detailed(value: Any, schema_version: int) -> Dataset:
    """Structure *value* with the detailed converter, or raise a SchemaError locating problems."""
    from nato_rok import _converter

    try:
        return _converter.converter().structure(value, Dataset)
    # Anything a record's own checks raise is a problem with the input,
    # whatever its type; none may escape as anything but a SchemaError.
    except Exception as exc:  # noqa: BLE001  # re-raised as a SchemaError by _refuse
        found = Collector()
        found.extend(_converter.problems_of(exc))
        # The cause is kept for debugging; the array hooks keep at most LIMIT
        # errors per array, without their frames, so it stays small.
        _refuse(SchemaError, f"the document does not fit schema {schema_version}", found, exc)


def from_bundled(data: bytes) -> Dataset:
    """Return the dataset of a bundled release's bytes, whose SHA-256 matched the manifest's.

    The checksum proves the bytes are those the release builder wrote and the
    tests load with every check (``tests/test_releases.py``), so nothing that
    they prove is proved again here: no strict parse, no check of JSON types,
    no validator, no character or look-alike policy, no integrity walk. Should
    the bytes fail even so (a manifest changed with its file), the full
    :func:`loads` runs and says why.
    """
    import json

    from nato_rok import _structure

    try:
        value = json.loads(data)
        _upgraded(value)
        return _structure.trusted(value)
    except Exception:  # noqa: BLE001  # whatever it was, the full checks say what
        return loads(data, max_size=len(data))


def loads(data: str | bytes | bytearray, *, max_size: int = DEFAULT_MAX_SIZE) -> Dataset:
    """Read a dataset document of any supported schema, checked in full.

    The document gets every check a bundled release passed when it was
    built (:func:`~nato_rok.load` then trusts its checksum): strict JSON,
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

        TypeError: *max_size* is not an int.
        ValueError: *max_size* is negative.

    Note:
        At most the first 100 problems are listed
        (:attr:`~nato_rok.exceptions.DatasetError.omitted` counts the rest),
        so refusing a hostile document costs bounded memory. ``loads`` changes
        no process-wide state (it no longer pauses the garbage collector).

    .. versionadded:: 1.0.0

    .. versionchanged:: 1.2.0
       *max_size* is checked; problems are capped.

    """
    from nato_rok import _json

    if type(max_size) is not int:
        kind = type(max_size).__name__
        raise TypeError(f"loads() argument 'max_size' must be an int, not {kind}")
    if max_size < 0:
        raise ValueError(f"loads() argument 'max_size' must be >= 0, got {max_size}")
    from nato_rok import _structure

    # Quotations and spans are built as they are parsed (so the parse tree,
    # which the collector visits, never holds their dicts); whatever fails,
    # the document is parsed again into plain values, which the detailed
    # converter reads to say why, so every error is as it was.
    value = _json.parse(data, max_size=max_size, shapes=_structure.PARSED)
    try:
        _upgraded(value)
        dataset = _structure.checked(value)
    except Exception:  # noqa: BLE001  # the plain path below raises the error to show
        del value
        dataset = _structured(_json.parse(data, max_size=max_size))
    else:
        # The records share no container with the parse tree: freed now, its
        # dicts and lists are not visited by the collections of the checks.
        del value
    return _consistent(dataset)


def dumps(dataset: Dataset) -> str:
    """Return the canonical JSON text of *dataset*.

    ``loads(dumps(x)) == x`` for every valid dataset, and the text of a
    bundled release is byte for byte its bundled file.

    Raises:
        TypeError: *dataset* is not a :class:`Dataset`.
        SchemaError: *dataset* declares an older schema but holds data
            that only a later one can express (schema 1: events, references,
            external names, codes or dates; schema 2: statements, entities).

    .. versionadded:: 1.0.0

    """
    from nato_rok import _converter, _json

    if not isinstance(dataset, Dataset):
        raise TypeError(f"dumps() takes a Dataset, not {type(dataset).__name__}")
    value = _converter.converter().unstructure(dataset)
    if dataset.schema_version < _schemas.LATEST:
        problems = _schemas.downgrade(value, dataset.schema_version)
        if problems:
            raise SchemaError(
                f"the dataset declares schema_version {dataset.schema_version} but holds data "
                "only a later schema can express",
                tuple(problems),
            )
    return _json.dump(value)
