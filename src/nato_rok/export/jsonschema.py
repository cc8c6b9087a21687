"""The JSON Schema (draft 2020-12) of a dataset document, generated from the model.

The schema is derived from the attrs classes and their validators, so it
follows the model as it changes; the shipped copies in
``nato_rok/data/schema/`` are checked against a fresh generation by the tests.
JSON Schema cannot tell ``1`` from ``1.0``: it accepts ``336.0`` for an
integer and ``2`` for a Goldstein weight, which :func:`nato_rok.loads` refuses.
It describes each document's shape; what it cannot say (spans inside the
text, quotations equal to their spans, ids unique across records, references
that resolve, codes in the code tables) only :func:`nato_rok.loads` checks.

.. versionadded:: 1.1.0
"""

from __future__ import annotations

import datetime
import enum
import typing
from typing import Any

import attrs

from nato_rok import _schemas, _validators
from nato_rok.dataset import Dataset, kinds
from nato_rok.export._format import Format, dump_json

__all__ = ["FORMAT", "schema"]

_DIALECT = "https://json-schema.org/draft/2020-12/schema"
_SLUG = "^[a-z0-9]+(?:-[a-z0-9]+)*$"
_CODE = "^[A-Z0-9]+$"
_DATE = "^[0-9]{4}-[0-9]{2}-[0-9]{2}$"
# The characters of an SPDX expression (the loader also checks its grammar).
_LICENCE = "^[A-Za-z0-9.+()-]+(?: [A-Za-z0-9.+()-]+)*$"


def _validators_of(field: attrs.Attribute[Any]) -> set[Any]:
    """Return the validator functions of a field, unwrapping and_ and optional."""
    found: set[Any] = set()
    pending = [field.validator]
    while pending:
        validator = pending.pop()
        if validator is None:
            continue
        inner = getattr(validator, "_validators", None) or getattr(validator, "validator", None)
        if isinstance(inner, tuple):
            pending.extend(inner)
        elif inner is not None:
            pending.append(inner)
        else:
            found.add(validator)
    return found


def _string(checks: set[Any]) -> dict[str, Any]:
    result: dict[str, Any] = {"type": "string"}
    if checks & {_validators.slug, _validators.slugs, _validators.unique_slugs}:
        result["pattern"] = _SLUG
    elif _validators.code in checks:
        result["pattern"] = _CODE
    elif _validators.licence in checks:
        result["pattern"] = _LICENCE
    elif checks & {
        _validators.non_blank,
        _validators.texts,
        _validators.text_block,
        _validators.url,
    }:
        result["pattern"] = "\\S"
    return result


class _Builder:
    def __init__(self, omit: dict[str, set[str]]) -> None:
        self.omit = omit
        self.defs: dict[str, Any] = {}

    def of(self, hint: Any, checks: set[Any]) -> dict[str, Any]:  # noqa: PLR0911  # a return per JSON type
        origin, args = typing.get_origin(hint), typing.get_args(hint)
        if origin is tuple:
            array: dict[str, Any] = {"type": "array", "items": self.of(args[0], checks)}
            if checks & {_validators.non_empty}:
                array["minItems"] = 1
            if checks & {_validators.unique, _validators.unique_slugs}:
                array["uniqueItems"] = True
            return array
        if args and type(None) in args:
            (inner,) = [arg for arg in args if arg is not type(None)]
            return {"anyOf": [self.of(inner, checks), {"type": "null"}]}
        if attrs.has(hint):
            return {"$ref": f"#/$defs/{self.record(hint)}"}
        if isinstance(hint, type) and issubclass(hint, enum.Enum):
            return {"enum": [member.value for member in hint]}
        if hint is datetime.date:
            return {"type": "string", "format": "date", "pattern": _DATE}
        if hint is bool:
            return {"type": "boolean"}
        if hint is int:
            if _validators.days in checks:
                return {"type": "integer", "minimum": 1, "maximum": _validators.MAX_DAYS}
            return {"type": "integer", "minimum": 0}
        if hint is float:
            return {"type": "number"}
        return _string(checks)

    def record(self, cls: type) -> str:
        name = cls.__name__
        if name in self.defs:
            return name
        self.defs[name] = {}  # reserve: records refer to each other
        hints = typing.get_type_hints(cls)
        omitted = self.omit.get(name, set())
        fields = [f for f in attrs.fields(cls) if f.init and f.name not in omitted]
        self.defs[name] = {
            "type": "object",
            "description": (cls.__doc__ or "").strip().splitlines()[0],
            "properties": {f.name: self.of(hints[f.name], _validators_of(f)) for f in fields},
            "required": [f.name for f in fields],
            "additionalProperties": False,
        }
        return name


#: The class of the objects a collection key (or the document, ``""``) holds.
_RECORD_OF = {kind.collection: kind.cls.__name__ for kind in kinds()} | {"": "Dataset"}


def schema(schema_version: int = _schemas.LATEST) -> dict[str, Any]:
    """Return the JSON Schema of documents of *schema_version*.

    Raises:
        ValueError: *schema_version* is not a schema this library reads.

    .. versionadded:: 1.1.0
    """
    if schema_version not in _schemas.SUPPORTED:
        raise ValueError(f"no schema_version {schema_version}")
    omit: dict[str, set[str]] = {}
    for where, key, _ in _schemas.added_after(schema_version):
        omit.setdefault(_RECORD_OF[where[0] if where else ""], set()).add(key)
    builder = _Builder(omit)
    root = builder.record(Dataset)
    document = builder.defs.pop(root)
    document["properties"]["schema_version"] = {"const": schema_version}
    return {
        "$schema": _DIALECT,
        "$id": f"https://pypi.org/project/nato-rok/schema/{schema_version}",
        "title": f"nato-rok dataset document, schema {schema_version}",
        **document,
        "$defs": dict(sorted(builder.defs.items())),
    }


#: ``nato-rok export --format jsonschema``: the schema of the dataset's schema version.
FORMAT = Format(
    name="jsonschema",
    summary="the JSON Schema (draft 2020-12) of the dataset's document schema; a file",
    writes="file",
    dump=dump_json(lambda dataset: schema(dataset.schema_version)),
)
