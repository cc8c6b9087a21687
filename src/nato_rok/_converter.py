"""The one cattrs converter that turns JSON values into records and back.

cattrs' default hooks coerce: ``12.7`` becomes ``12``, ``None`` becomes
``"None"``, ``"abc"`` becomes ``("a", "b", "c")``. Every hook here refuses
instead, and :func:`problems_of` turns cattrs' detailed validation errors into
:class:`~nato_rok.exceptions.Problem` tuples that name JSON paths.
"""

from __future__ import annotations

import datetime
import enum
import functools
import re
from collections.abc import Callable
from typing import Any, TypeVar, cast, get_args, get_origin

import attrs
from cattrs import Converter
from cattrs.errors import (
    AttributeValidationNote,
    ClassValidationError,
    ForbiddenExtraKeysError,
    IterableValidationError,
    IterableValidationNote,
)
from cattrs.gen import make_dict_structure_fn
from cattrs.preconf.json import make_converter

from nato_rok._problems import LIMIT
from nato_rok._validators import FieldValueError
from nato_rok.exceptions import Problem

T = TypeVar("T")

_DATE = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")
_JSON_TYPES = {
    dict: "object",
    list: "array",
    str: "string",
    int: "integer",
    float: "number",
    bool: "boolean",
    type(None): "null",
}


class RefusedValueError(ValueError):
    """A value of the wrong JSON type or form; its message is shown as is."""


class _Omitted(Exception):  # noqa: N818  # a count carried among errors, not an error
    """Stands for the items of an array whose errors were counted, not kept."""

    def __init__(self, count: int) -> None:
        super().__init__(count)
        self.count = count


def _kind(value: Any) -> str:
    return _JSON_TYPES.get(type(value), type(value).__name__)


def _expect(value: Any, wanted: type, name: str) -> None:
    if type(value) is not wanted:
        raise RefusedValueError(f"expected {name}, got {_kind(value)}")


# The str and int hooks run for nearly every value of a document: the common
# case returns without a further call.


def _structure_str(value: Any, _: type) -> str:
    # Lone surrogates and NUL, which no export can write, are refused once per
    # document by the parser (nato_rok._json), not here for every string.
    if type(value) is str:
        return value
    raise RefusedValueError(f"expected string, got {_kind(value)}")


def _structure_int(value: Any, _: type) -> int:
    if type(value) is int:
        return value
    raise RefusedValueError(f"expected integer, got {_kind(value)}")


def _structure_bool(value: Any, _: type) -> bool:
    _expect(value, bool, "boolean")
    return value  # type: ignore[no-any-return]  # checked above


def _structure_float(value: Any, _: type) -> float:
    _expect(value, float, "number with a fraction or exponent, such as 1.0")
    return value  # type: ignore[no-any-return]  # checked above


def _structure_date(value: Any, _: type) -> datetime.date:
    _expect(value, str, "date string YYYY-MM-DD")
    if _DATE.fullmatch(value) is None:
        raise RefusedValueError(f"expected a date as YYYY-MM-DD, got {value!r}")
    try:
        return datetime.date.fromisoformat(value)
    except ValueError as exc:
        raise RefusedValueError(f"no such date: {value!r}") from exc


def _enum_hook(cls: type[enum.Enum]) -> Callable[[Any, type], enum.Enum]:
    values = {member.value: member for member in cls}
    allowed = ", ".join(repr(value) for value in values)

    def structure(value: Any, _: type) -> enum.Enum:
        _expect(value, str, "string")
        try:
            return values[value]
        except KeyError:
            raise RefusedValueError(f"expected one of {allowed}, got {value!r}") from None

    return structure


def _tuple_hook(cls: Any, converter: Converter) -> Callable[[Any, type], tuple[Any, ...]]:
    item_type = get_args(cls)[0]
    handler = converter.get_structure_hook(item_type)

    def structure(value: Any, cl: type) -> tuple[Any, ...]:
        # cattrs' own detailed hook keeps every item's error, traceback and
        # all: a million bad items would cost gigabytes to refuse. Keep the
        # first LIMIT, without their frames, and count the rest.
        _expect(value, list, "array")
        result: list[Any] = []
        errors: list[Exception] = []
        omitted = 0
        for index, item in enumerate(value):
            try:
                result.append(handler(item, item_type))
            except Exception as exc:  # noqa: BLE001  # every failure is reported, located
                if len(errors) < LIMIT:
                    note = IterableValidationNote(f"Structuring {cl} @ index {index}", index, cls)
                    # How cattrs locates errors; typeshed knows __notes__ from 3.11 only.
                    setattr(exc, "__notes__", [*getattr(exc, "__notes__", []), note])  # noqa: B010
                    errors.append(exc.with_traceback(None))
                else:
                    omitted += 1
        if omitted:
            errors.append(_Omitted(omitted))
        if errors:
            raise IterableValidationError(f"While structuring {cl!r}", errors, cl)
        return tuple(result)

    return structure


def _attrs_hook(cls: type[T], converter: Converter) -> Callable[[Any, type], T]:
    inner = make_dict_structure_fn(
        cls, converter, _cattrs_forbid_extra_keys=True, _cattrs_detailed_validation=True
    )
    # cattrs reports missing keys of fields without a default; these it would fill in.
    defaulted = [
        field
        for field in attrs.fields(cast(Any, cls))
        if field.init and field.default is not attrs.NOTHING
    ]

    def structure(value: Any, cl: type) -> T:
        _expect(value, dict, "object")
        # A default in the model is for Python callers; a document spells
        # out every key, so a missing one is an error, never a default.
        errors: list[Exception] = []
        for field in defaulted:
            if field.name not in value:
                error = KeyError(field.name)
                note = AttributeValidationNote(
                    f"Structuring {cls.__name__}", field.name, field.type
                )
                # How cattrs locates errors; typeshed knows __notes__ from 3.11 only.
                setattr(error, "__notes__", [note])  # noqa: B010
                errors.append(error)
        try:
            result = inner(value, cl)
        except ClassValidationError as exc:  # also wraps a record's own checks (cattrs >= 24.1)
            errors = [*exc.exceptions, *errors]
        if errors:
            raise ClassValidationError(f"While structuring {cls.__name__}", errors, cls)
        return result

    return structure


def _is_homogeneous_tuple(cls: Any) -> bool:
    args = get_args(cls)
    return get_origin(cls) is tuple and len(args) == 2 and args[1] is Ellipsis


@functools.cache
def converter() -> Converter:
    """Return the strict, detailed converter (built once, on first use).

    Loading structures documents with the functions written ahead of time
    (:mod:`nato_rok._structure`); this converter runs when they refuse a
    document, to say what is wrong and where (every problem, with its path),
    and to unstructure records. It applies the same strict hooks.
    """
    conv = make_converter(forbid_extra_keys=True, detailed_validation=True)
    conv.register_structure_hook(str, _structure_str)
    conv.register_structure_hook(int, _structure_int)
    conv.register_structure_hook(bool, _structure_bool)
    conv.register_structure_hook(float, _structure_float)
    conv.register_structure_hook(datetime.date, _structure_date)
    conv.register_unstructure_hook(datetime.date, datetime.date.isoformat)
    conv.register_structure_hook_factory(
        lambda cls: isinstance(cls, type) and issubclass(cls, enum.Enum), _enum_hook
    )
    conv.register_structure_hook_factory(_is_homogeneous_tuple, _tuple_hook)
    conv.register_structure_hook_factory(attrs.has, _attrs_hook)
    return conv


def _describe(exc: BaseException) -> str:
    if isinstance(exc, _Omitted):
        return f"{exc.count} more item(s) of this array are invalid too (not listed)"
    if isinstance(exc, KeyError):
        return "required key is missing"
    if isinstance(exc, ForbiddenExtraKeysError):
        keys = ", ".join(repr(key) for key in sorted(exc.extra_fields))
        return f"unknown key(s) {keys}"
    if isinstance(exc, (RefusedValueError, ValueError, TypeError)):
        return str(exc)
    return f"{type(exc).__name__}: {exc}"


def problems_of(exc: BaseException, path: str = "$") -> list[Problem]:
    """Flatten a cattrs validation error into problems with JSON paths.

    An array's items whose errors were counted, not kept, appear as one
    problem at the array's path saying how many.
    """
    nested: list[tuple[BaseException, str]]
    if isinstance(exc, IterableValidationError):
        items, without = exc.group_exceptions()
        nested = [(sub, f"{path}[{note.index!r}]") for sub, note in items]
    elif isinstance(exc, ClassValidationError):
        fields, without = exc.group_exceptions()
        nested = [(sub, f"{path}.{note.name}") for sub, note in fields]
    elif isinstance(exc, FieldValueError):  # a record's own check names its field
        return [Problem(f"{path}.{exc.field}", _describe(exc))]
    else:
        return [Problem(path, _describe(exc))]
    problems = [problem for sub in without for problem in problems_of(sub, path)]
    for sub, sub_path in nested:
        problems.extend(problems_of(sub, sub_path))
    return problems
