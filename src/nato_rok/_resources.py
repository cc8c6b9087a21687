"""Read package data through importlib.resources (works from a zip, too).

Imported only when data is first read: importlib.resources is not free to
import, and ``import nato_rok`` must stay cheap.
"""

from __future__ import annotations

import sys

if sys.version_info >= (3, 11):
    from importlib.resources import files
else:  # pragma: no cover  # Python 3.10 only; CI may lack that interpreter
    # The stdlib's files() of 3.10 predates the Traversable API of
    # importlib.resources.abc that 3.11 settled on; the backport matches it.
    from importlib_resources import files


def read_data(name: str) -> bytes:
    """Return the bytes of ``nato_rok/data/<name>`` (``/`` separates folders)."""
    resource = files("nato_rok").joinpath("data")
    for part in name.split("/"):
        resource = resource.joinpath(part)
    return resource.read_bytes()
