"""Strict JSON in, canonical JSON out.

The standard library's parser accepts NaN and Infinity, keeps the last of
two duplicate keys, and decodes UTF-16 and UTF-32 as readily as UTF-8. None
of that is acceptable for a dataset document; this module refuses each with
a :class:`~nato_rok.exceptions.MalformedJSONError` that says where.
"""

from __future__ import annotations

import json
import math
import re
from collections import Counter
from collections.abc import Callable, Iterator, Mapping, Set
from typing import Any, NoReturn

from nato_rok._problems import Collector, member
from nato_rok.exceptions import DocumentTooLargeError, MalformedJSONError, Problem


class _Duplicates(dict[str, Any]):
    """An object that had a key twice; remembers which keys."""

    __slots__ = ("keys_seen_twice",)
    keys_seen_twice: tuple[str, ...]


def _flagged(pairs: list[tuple[str, Any]]) -> _Duplicates:
    flagged = _Duplicates(pairs)
    counts = Counter(key for key, _ in pairs)
    flagged.keys_seen_twice = tuple(sorted(key for key, count in counts.items() if count > 1))
    return flagged


def _refuse_constant(name: str) -> NoReturn:
    raise ValueError(f"{name} is not allowed in JSON")


def _float(literal: str) -> float:
    value = float(literal)
    if not math.isfinite(value):
        raise ValueError(f"number {literal} is out of range")
    return value


def _children(path: str, item: Any) -> Iterator[tuple[str, Any]]:
    if isinstance(item, dict):
        return ((member(path, key), child) for key, child in item.items())
    return ((f"{path}[{index}]", child) for index, child in enumerate(item))


def _walk(value: Any) -> Iterator[tuple[str, Any]]:
    """Yield (path, value) for *value* and everything inside it, depth first.

    Iterative, and holding one iterator per level: a document may nest deeper
    than Python's recursion limit, or hold a million items.
    """
    yield "$", value
    stack = [_children("$", value)] if isinstance(value, (dict, list)) else []
    while stack:
        for path, child in stack[-1]:
            yield path, child
            if isinstance(child, (dict, list)):
                stack.append(_children(path, child))
                break
        else:
            stack.pop()


def _refuse(summary: str, found: Collector) -> NoReturn:
    raise MalformedJSONError(summary, tuple(sorted(found.problems)), omitted=found.omitted)


def _duplicates(value: Any) -> Collector:
    """Find every object that had a duplicate key, with its path."""
    found = Collector()
    for path, item in _walk(value):
        if isinstance(item, _Duplicates):
            for key in item.keys_seen_twice:
                found.add(Problem(path, f"duplicate key {key!r} in one object"))
    return found


# A \uD800-\uDFFF escape (half of a surrogate pair, or a lone surrogate) or \u0000.
_UNWRITABLE_ESCAPE = re.compile(r"\\u(?:[dD][89a-fA-F]|0000)")


def _encodable(text: str) -> bool:
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        return False
    return True


def _flaw(text: str) -> str | None:
    """Say what makes *text* unwritable, if anything."""
    if "\x00" in text:
        return "holds U+0000 (NUL), which CSV, HTML and XML cannot carry"
    if not _encodable(text):
        return "holds a lone surrogate, which no UTF-8 can encode"
    return None


def _unwritable(value: Any) -> Collector:
    """Find every key or string that holds a NUL or a lone surrogate, with its path."""
    found = Collector()
    for path, item in _walk(value):
        if isinstance(item, str):
            flaw = _flaw(item)
            if flaw:
                found.add(Problem(path, f"string {flaw}"))
        elif isinstance(item, dict):
            for key in item:
                flaw = _flaw(key)
                if flaw:
                    found.add(Problem(path, f"key {flaw}"))
    return found


def _fail(message: str, cause: BaseException | None = None) -> NoReturn:
    raise MalformedJSONError(
        f"the document is not strict JSON: {message}", (Problem("$", message),)
    ) from cause


#: Objects built as they are parsed: by number of keys, (the keys, a function
#: that builds something from the object or raises).
Shapes = Mapping[int, tuple[Set[str], Callable[[dict[str, Any]], Any]]]


def _decode(text: str, shapes: Shapes) -> tuple[Any, bool]:
    """Parse *text*; return its value and whether an object repeated a key."""
    duplicates = False

    def pairs(items: list[tuple[str, Any]]) -> Any:
        # Called for every object of the document: the common case in one call.
        result = dict(items)
        if len(result) == len(items):
            shape = shapes.get(len(result))
            if shape is not None and result.keys() == shape[0]:
                try:
                    return shape[1](result)
                except Exception:  # noqa: BLE001  # left as parsed; whoever reads it says why
                    return result
            return result
        nonlocal duplicates
        duplicates = True
        return _flagged(items)

    try:
        value = json.loads(
            text, object_pairs_hook=pairs, parse_constant=_refuse_constant, parse_float=_float
        )
    except json.JSONDecodeError as exc:
        _fail(f"{exc.msg} at line {exc.lineno} column {exc.colno}", exc)
    except RecursionError as exc:
        _fail("arrays and objects nest too deeply", exc)
    except ValueError as exc:  # NaN/Infinity, huge numbers, integers with too many digits
        _fail(str(exc), exc)
    return value, duplicates


def parse(data: str | bytes | bytearray, *, max_size: int, shapes: Shapes | None = None) -> Any:
    """Parse *data* as strict UTF-8 JSON and return plain Python values.

    With *shapes*, an object whose keys are those of a shape is replaced by
    what the shape's function builds from it, unless the function raises
    (so the parse tree never holds it), or unless the document holds a
    string that cannot be written: those are found in plain values only.

    Raises:
        DocumentTooLargeError: *data* is longer than *max_size*.
        MalformedJSONError: Anything that is not strict JSON.

    """
    if not isinstance(data, (str, bytes, bytearray)):
        _fail(f"expected str or bytes, got {type(data).__name__}")
    if len(data) > max_size:
        raise DocumentTooLargeError(
            f"the document is {len(data)} long, over the limit of {max_size}; "
            "pass a larger max_size to accept it",
            (Problem("$", f"document longer than max_size={max_size}"),),
        )
    if isinstance(data, str):
        text = data
    else:
        try:
            text = bytes(data).decode("utf-8")
        except UnicodeDecodeError as exc:
            _fail(f"invalid UTF-8 at byte {exc.start}", exc)
    # Text decoded from UTF-8 holds no surrogates; only escapes can make them.
    escaped = "\\u" in text and _UNWRITABLE_ESCAPE.search(text) is not None
    # (A literal NUL cannot get this far: JSON refuses control characters in strings.)
    literal = isinstance(data, str) and not (text.isascii() or _encodable(text))
    value, duplicates = _decode(text, {} if shapes is None or escaped or literal else shapes)
    if duplicates:
        _refuse("the document is not strict JSON", _duplicates(value))
    if escaped or literal:
        found = _unwritable(value)
        if found:
            _refuse("the document holds text that cannot be written", found)
    return value


def dump(value: Any) -> str:
    r"""Return the canonical JSON text of plain *value*.

    Two-space indents, keys in the order given, UTF-8 characters written as
    themselves (no ``\\u`` escapes), one final newline.
    """
    return json.dumps(value, ensure_ascii=False, indent=2, allow_nan=False) + "\n"
