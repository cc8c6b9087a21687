"""Read package data: from the package's folder, or through importlib.resources.

The one room where data files are read: the manifest and the releases
(:mod:`nato_rok._releases`), the code tables (:mod:`nato_rok._codes`) and the
confusables (:mod:`nato_rok._names`) all come through :func:`read_installed`,
so none of those modules imports another to read a file.

An installed package is a folder, and its files are read with ``open()``:
importlib.resources (with its readers and ``zipfile``, about 4 ms of every
cold start) is imported only when the package is not a folder, such as a
zip archive on ``sys.path``.
"""

from __future__ import annotations

import os
import sys

from nato_rok.exceptions import BrokenInstallError

_DATA = os.path.join(os.path.dirname(__file__), "data")
#: The package's data folder, or None when the package is not on the file system.
FOLDER: str | None = _DATA if os.path.isdir(_DATA) else None


def read_data(name: str) -> bytes:
    """Return the bytes of ``nato_rok/data/<name>`` (``/`` separates folders)."""
    if FOLDER is not None:
        with open(os.path.join(FOLDER, *name.split("/")), "rb") as file:
            return file.read()
    if sys.version_info >= (3, 11):
        from importlib.resources import files
    else:  # pragma: no cover  # Python 3.10 only; CI may lack that interpreter
        # The stdlib's files() of 3.10 predates the Traversable API of
        # importlib.resources.abc that 3.11 settled on; the backport matches it.
        from importlib_resources import files
    resource = files("nato_rok").joinpath("data")
    for part in name.split("/"):
        resource = resource.joinpath(part)
    return resource.read_bytes()


def broken(name: str, what: str) -> BrokenInstallError:
    """Return the error for a damaged data file *name* of the installation."""
    return BrokenInstallError(
        f"the installed nato-rok is damaged: data/{name} {what}; reinstall nato-rok "
        "(pip install --force-reinstall nato-rok)"
    )


def read_installed(name: str) -> bytes:
    """Return a data file of the installed package, or say the installation is broken."""
    try:
        return read_data(name)
    except OSError as exc:
        reason = exc.strerror or type(exc).__name__
        raise broken(name, f"cannot be read ({reason})") from exc
