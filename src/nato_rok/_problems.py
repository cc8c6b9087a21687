"""Where a problem is (its JSON path) and how many problems are kept.

Paths are built in one place so that a key holding ``.``, ``[``, a quote or
an invisible character cannot pass for another path: such keys are quoted
(``$["a.b"]``). Problems are capped so that refusing a hostile document costs
bounded memory, however many problems it holds.
"""

from __future__ import annotations

import json
import re

from nato_rok.exceptions import Problem

#: How many problems an error lists; the rest are only counted.
LIMIT = 100

_PLAIN_KEY = re.compile(r"[A-Za-z_][A-Za-z0-9_]*")


def member(path: str, key: str) -> str:
    """Return the path of *key* inside the object at *path*.

    A key of letters, digits and underscores is written ``path.key``; any
    other as ``path["key"]``, JSON-quoted with every non-ASCII character
    escaped, so the path reads the same on any terminal.
    """
    if _PLAIN_KEY.fullmatch(key):
        return f"{path}.{key}"
    return f"{path}[{json.dumps(key)}]"


class Collector:
    """Problems in the order found: the first :data:`LIMIT` kept, the rest counted."""

    __slots__ = ("omitted", "problems")

    def __init__(self) -> None:
        self.problems: list[Problem] = []
        self.omitted = 0

    def __len__(self) -> int:
        return len(self.problems) + self.omitted

    def add(self, problem: Problem) -> None:
        """Keep *problem*, or count it if :data:`LIMIT` are kept already."""
        if len(self.problems) < LIMIT:
            self.problems.append(problem)
        else:
            self.omitted += 1

    def extend(self, problems: list[Problem]) -> None:
        """Add each of *problems*."""
        for problem in problems:
            self.add(problem)
