"""Document schemas: what each ``schema_version`` holds, and moving between them.

The model always has the newest shape. A schema 1 document is *upgraded*
before structuring (the keys schema 2 added get their empty defaults, and a
schema 1 document that already has one of them is refused), and a schema 1
dataset is *downgraded* after unstructuring (those keys are removed), so a
schema 1 release reads and writes byte for byte as it shipped.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from nato_rok.exceptions import Problem

#: The newest schema; new releases use it.
LATEST = 2

#: Keys schema 2 added, by where they live, with their schema 1 defaults.
ADDED_IN_2: tuple[tuple[tuple[str, ...], str, Any], ...] = (
    (("organizations", "*"), "codes", []),
    (("participants", "*"), "names", []),
    (("participants", "*"), "codes", []),
    (("visit",), "dates", None),
    ((), "references", []),
    ((), "events", []),
)

SUPPORTED = (1, 2)


def _objects(value: Any, where: tuple[str, ...], path: str = "$") -> Iterator[tuple[str, Any]]:
    """Yield (path, object) for the JSON objects at *where* ("*" = every item)."""
    if not where:
        if isinstance(value, dict):
            yield path, value
        return
    head, rest = where[0], where[1:]
    if head == "*":
        if isinstance(value, list):
            for index, item in enumerate(value):
                yield from _objects(item, rest, f"{path}[{index}]")
    elif isinstance(value, dict) and head in value:
        yield from _objects(value[head], rest, f"{path}.{head}")


def upgrade_from_1(document: dict[str, Any]) -> list[Problem]:
    """Give a schema 1 *document* the keys of schema 2, in place.

    Shapes that are wrong in other ways are left for the converter to report.

    Returns:
        One problem for each schema 2 key the schema 1 document already has.
    """
    problems = []
    for where, key, default in ADDED_IN_2:
        for path, obj in _objects(document, where):
            if key in obj:
                problems.append(Problem(path, f"unknown key(s) {key!r} (schema 1 has no {key!r})"))
            else:
                obj[key] = list(default) if isinstance(default, list) else default
    return problems


def downgrade_to_1(document: dict[str, Any]) -> list[Problem]:
    """Remove the keys of schema 2 from *document*, in place.

    Returns:
        One problem for each such key that holds data schema 1 cannot express.
    """
    problems = []
    for where, key, default in ADDED_IN_2:
        for path, obj in _objects(document, where):
            if obj.pop(key) != default:
                problems.append(Problem(f"{path}.{key}", "schema 1 cannot express this value"))
    return problems
