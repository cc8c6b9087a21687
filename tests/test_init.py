"""The package root: re-exports only, cheap to import, versioned from metadata."""

from __future__ import annotations

import subprocess
import sys
import typing
from importlib.metadata import version

import pytest

import nato_rok


def test_every_public_name_is_the_package_s_own() -> None:
    """Each public name resolves, once, to a nato_rok object (or a union of them)."""
    assert len(set(nato_rok.__all__)) == len(nato_rok.__all__)
    for name in nato_rok.__all__:
        obj = getattr(nato_rok, name)
        for member in typing.get_args(obj) or (obj,):  # ``Record`` is a union of record classes
            assert member.__module__.startswith("nato_rok."), name
        assert typing.get_args(obj) or name == obj.__name__


def test_version_comes_from_metadata() -> None:
    """__version__ is the installed distribution's version."""
    assert version("nato-rok") == nato_rok.__version__


def test_unknown_attributes_raise_attribute_error() -> None:
    """A missing attribute is an AttributeError naming it."""
    with pytest.raises(AttributeError, match="has no attribute 'nope'"):
        nato_rok.nope  # noqa: B018  # the access is the test


def _probe(code: str) -> subprocess.CompletedProcess[str]:
    """Run *code* in a fresh interpreter (nothing imported yet) and return its output."""
    return subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)


def test_import_does_no_io_and_skips_cattrs() -> None:
    """Importing nato_rok opens no file of its own, nor imports cattrs or resources."""
    probe = (
        "import sys\n"
        "opened = []\n"
        "sys.addaudithook(lambda e, a: e == 'open' and opened.append(str(a[0])))\n"
        "import nato_rok\n"
        "mine = [p for p in opened if 'nato_rok' in p and not p.endswith(('.py', '.pyc'))]\n"
        "heavy = [m for m in ('cattrs', 'importlib.resources', 'importlib.metadata',"
        " 'hypothesis') if m in sys.modules]\n"
        "print(mine, heavy)\n"
    )
    completed = _probe(probe)
    assert "[] []\n" == completed.stdout


def test_import_leaves_typing_and_importlib_alone() -> None:
    """Importing nato_rok imports neither typing nor importlib (they cost most of its time)."""
    probe = (
        "import sys\n"
        "before = set(sys.modules)\n"
        "import nato_rok\n"
        "print(sorted({'typing', 'importlib', '__future__'} & (set(sys.modules) - before)))\n"
    )
    completed = _probe(probe)
    assert "[]\n" == completed.stdout


def test_difflib_is_imported_by_a_refused_look_up_only() -> None:
    """A load and a found look-up leave difflib out; a refused look-up brings it in to suggest."""
    probe = (
        "import sys\n"
        "print('difflib' in sys.modules)\n"
        "import nato_rok\n"
        "dataset = nato_rok.load()\n"
        "dataset.participant('kim-kwan-jin')\n"
        "dataset.find_participant('Kim Kwan-jin')\n"
        "print('difflib' in sys.modules)\n"
        "try:\n"
        "    dataset.participant('kim-kwan')\n"
        "except LookupError:\n"
        "    print('difflib' in sys.modules)\n"
    )
    completed = _probe(probe)
    at_start, after_load, after_refusal = completed.stdout.split()
    assert at_start == "False", "difflib was imported before nato_rok: the probe cannot tell"
    assert after_load == "False"
    assert after_refusal == "True"


def test_dir_shows_the_public_api_only() -> None:
    """dir(nato_rok) is __all__ and __version__: no Any, TYPE_CHECKING, importlib, _EXPORTS."""
    assert sorted([*nato_rok.__all__, "__version__"]) == sorted(dir(nato_rok))
    assert "load" in dir(nato_rok)


def test_type_checkers_see_the_table() -> None:
    """The block type checkers read re-exports exactly the table's names, from its modules."""
    import ast
    import inspect

    tree = ast.parse(inspect.getsource(nato_rok))
    block = next(
        node
        for node in tree.body
        if isinstance(node, ast.If) and ast.unparse(node.test) == "TYPE_CHECKING"
    )
    seen = {
        alias.name: node.module
        for node in block.body
        if isinstance(node, ast.ImportFrom)
        for alias in node.names
        if alias.asname == alias.name  # an explicit re-export, as mypy --strict wants
    }
    assert nato_rok._EXPORTS == seen


def test_exports_are_lazy_and_listed_by_dir() -> None:
    """Public names resolve on first use, stay the same objects, and dir() lists them."""
    import nato_rok.changes
    import nato_rok.model

    assert nato_rok.changes.diff is nato_rok.diff  # the function, not the module
    assert nato_rok.model.Span is nato_rok.Span
    assert set(nato_rok.__all__) <= set(dir(nato_rok))
