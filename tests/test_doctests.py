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


@pytest.mark.parametrize("name", ["nato_rok", *MODULES])
def test_docstring_examples(name: str) -> None:
    """Doctest finds no failure in the module."""
    module = importlib.import_module(name)
    result = doctest.testmod(module, optionflags=doctest.ELLIPSIS)
    assert 0 == result.failed


def test_examples_exist() -> None:
    """Some modules do carry examples, so the test above checks something."""
    attempted = sum(
        doctest.testmod(importlib.import_module(name)).attempted for name in ["nato_rok", *MODULES]
    )
    assert attempted >= 5
