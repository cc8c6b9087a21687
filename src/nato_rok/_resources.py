"""Read package data through importlib.resources (works from a zip, too).

The one room where data files are read: the manifest and the releases
(:mod:`nato_rok._releases`), the code tables (:mod:`nato_rok._codes`) and the
confusables (:mod:`nato_rok._names`) all come through :func:`read_installed`,
so none of those modules imports another to read a file.

Imported only when data is first read: importlib.resources is not free to
import, and ``import nato_rok`` must stay cheap.
"""

from __future__ import annotations

import sys

from nato_rok.exceptions import BrokenInstallError

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
