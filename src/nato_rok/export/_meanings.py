"""The meaning of a record's field, read from its class docstring's ``Attributes:`` section.

The data dictionary and the table columns use the same words: the model's
docstrings, written once. Sphinx roles and literals become plain text.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Mapping
from types import MappingProxyType

_ENTRY = re.compile(r"(\w+)(?: \([^)]*\))?: (.*)")
_ROLE = re.compile(r":\w+:`~?(?:[\w.]+\.)?([^`<]+?)`")


def plain(text: str) -> str:
    """Return *text* without Sphinx roles and double-backtick literals."""
    return _ROLE.sub(r"\1", text).replace("``", "")


@functools.cache
def meanings(cls: type) -> Mapping[str, str]:
    """Return ``{field: meaning}`` from the ``Attributes:`` section of *cls*'s docstring."""
    found: dict[str, list[str]] = {}
    inside, indent, current = False, 0, ""
    for line in (cls.__doc__ or "").expandtabs().splitlines():
        stripped = line.strip()
        depth = len(line) - len(line.lstrip())
        if stripped == "Attributes:":
            inside, indent = True, depth
        elif inside and stripped:
            if depth <= indent:
                break  # the next section
            entry = _ENTRY.fullmatch(stripped)
            if depth == indent + 4 and entry:
                current = entry[1]
                found[current] = [entry[2]]
            elif current:
                found[current].append(stripped)
    return MappingProxyType({name: plain(" ".join(words)) for name, words in found.items()})


def meaning(cls: type, field: str) -> str:
    """Return the meaning of *field* of *cls*, or the field's name in words without docstrings.

    (``python -OO`` strips docstrings; the exports then fall back to names.)
    """
    return meanings(cls).get(field) or field.replace("_", " ")
