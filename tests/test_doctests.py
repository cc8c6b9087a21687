"""The examples in the package's docstrings run and show true output."""

from __future__ import annotations

import doctest
import importlib
import pkgutil

import pytest

import nato_rok

MODULES = sorted(
    name
    for _, name, _ in pkgutil.walk_packages(nato_rok.__path__, "nato_rok.")
    if name != "nato_rok.__main__"  # running it is the command line itself
)


#: The tier of a module whose examples need more than the `test` group: the spaCy
#: export's run spaCy (`nlp`), the table exports' the data stack (`data`).
TIERS = {
    "nato_rok.export.spacy": pytest.mark.nlp,
    **{
        f"nato_rok.export.{name}": pytest.mark.data
        for name in ("arrow", "duckdb", "pandas", "polars")
    },
}
#: Every module, in the tier of what its examples need.
EVERY_MODULE = [
    pytest.param(name, marks=[TIERS[name]] if name in TIERS else [])
    for name in ["nato_rok", *MODULES]
]


@pytest.mark.parametrize("name", EVERY_MODULE)
def test_docstring_examples(name: str) -> None:
    """Doctest finds no failure in the module."""
    module = importlib.import_module(name)
    result = doctest.testmod(module, optionflags=doctest.ELLIPSIS)
    assert 0 == result.failed


def test_examples_exist() -> None:
    """Some modules do carry examples, so the test above checks something."""
    finder = doctest.DocTestFinder()
    found = sum(
        len(test.examples)
        for name in ["nato_rok", *MODULES]
        for test in finder.find(importlib.import_module(name))
    )
    assert found >= 5
