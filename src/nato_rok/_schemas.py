"""Document schemas: what each ``schema_version`` holds, and moving between them.

The model always has the newest shape. An older document is *upgraded*
before structuring (the keys later schemas added get their empty defaults,
and a document that already has one of them is refused), and an older
dataset is *downgraded* after unstructuring (those keys are removed), so a
release of any schema reads and writes byte for byte as it shipped.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from nato_rok.exceptions import Problem

#: The newest schema; new releases use it.
LATEST = 3

#: Keys schema 2 added, by where they live, with their schema 1 defaults.
ADDED_IN_2: tuple[tuple[tuple[str, ...], str, Any], ...] = (
    (("organizations", "*"), "codes", []),
    (("participants", "*"), "names", []),
    (("participants", "*"), "codes", []),
    (("visit",), "dates", None),
    ((), "references", []),
    ((), "events", []),
)

#: Keys schema 3 added, by where they live, with their schema 2 defaults.
ADDED_IN_3: tuple[tuple[tuple[str, ...], str, Any], ...] = (
    ((), "statements", []),
    ((), "entities", []),
)

#: The keys each schema added to the one before it.
ADDED: dict[int, tuple[tuple[tuple[str, ...], str, Any], ...]] = {2: ADDED_IN_2, 3: ADDED_IN_3}

SUPPORTED = (1, 2, 3)


def added_after(schema_version: int) -> tuple[tuple[tuple[str, ...], str, Any], ...]:
    """Return the keys the schemas after *schema_version* added, oldest schema first."""
    return tuple(
        added for number in sorted(ADDED) if number > schema_version for added in ADDED[number]
    )


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


def upgrade(document: dict[str, Any], schema_version: int) -> list[Problem]:
    """Give a *document* of *schema_version* the keys of every later schema, in place.

    Shapes that are wrong in other ways are left for the converter to report.

    Returns:
        One problem for each later schema's key the document already has.
    """
    problems = []
    for where, key, default in added_after(schema_version):
        for path, obj in _objects(document, where):
            if key in obj:
                message = f"unknown key(s) {key!r} (schema {schema_version} has no {key!r})"
                problems.append(Problem(path, message))
            else:
                obj[key] = list(default) if isinstance(default, list) else default
    return problems


def downgrade(document: dict[str, Any], schema_version: int) -> list[Problem]:
    """Remove the keys of every schema after *schema_version* from *document*, in place.

    Returns:
        One problem for each such key that holds data *schema_version* cannot express.
    """
    problems = []
    for where, key, default in added_after(schema_version):
        for path, obj in _objects(document, where):
            if obj.pop(key) != default:
                problems.append(
                    Problem(f"{path}.{key}", f"schema {schema_version} cannot express this value")
                )
    return problems
