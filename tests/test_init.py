"""The package root: re-exports only, cheap to import, versioned from metadata."""

from __future__ import annotations

import subprocess
import sys
from importlib.metadata import version

import pytest

import nato_rok


def test_all_is_sorted_and_every_name_exists() -> None:
    """__all__ is sorted and each name is importable."""
    assert sorted(nato_rok.__all__) == nato_rok.__all__
    for name in nato_rok.__all__:
        assert getattr(nato_rok, name) is not None


def test_version_comes_from_metadata() -> None:
    """__version__ is the installed distribution's version."""
    assert version("nato-rok") == nato_rok.__version__


def test_unknown_attributes_raise_attribute_error() -> None:
    """A missing attribute is an AttributeError naming it."""
    with pytest.raises(AttributeError, match="has no attribute 'nope'"):
        nato_rok.nope  # noqa: B018  # the access is the test


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
    completed = subprocess.run(
        [sys.executable, "-c", probe], capture_output=True, text=True, check=True
    )
    assert "[] []\n" == completed.stdout


def test_exports_are_lazy_and_listed_by_dir() -> None:
    """Public names resolve on first use, stay the same objects, and dir() lists them."""
    import nato_rok.changes
    import nato_rok.model

    assert nato_rok.changes.diff is nato_rok.diff  # the function, not the module
    assert nato_rok.model.Span is nato_rok.Span
    assert set(nato_rok.__all__) <= set(dir(nato_rok))
