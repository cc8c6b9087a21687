"""The one way nato-rok reads a file a user names: bounded, whatever the file is.

Every command that reads a document (``validate``, ``diff``, ``export
--from``) reads it through :func:`read_file`: at most the limit plus one
byte is read, and a regular file (standard input too, when it is one)
larger than the limit is refused from its size before a byte is read. So
``/dev/zero``, a pipe that never ends or a file of many gigabytes is
refused at once, in bounded memory, and the message says so in the
command line's terms.
"""

from __future__ import annotations

import errno
import os
import stat
import sys
from typing import BinaryIO

from nato_rok._document import DEFAULT_MAX_SIZE
from nato_rok._terminal import escape
from nato_rok.exceptions import DatasetError, DocumentTooLargeError, Problem

__all__ = ["UnreadableError", "read_file", "shown"]


class UnreadableError(DatasetError):
    """The file (or standard input) could not be read: no document to judge."""


def shown(name: str) -> str:
    """Return a file name as it may be printed: escaped, and cut short if very long."""
    return escape(name if len(name) <= 80 else f"{name[:60]}...({len(name)} characters)")


def _too_large(where: str, limit: int) -> DocumentTooLargeError:
    size = f"{limit} bytes" if limit % (1 << 20) else f"{limit >> 20} MiB"
    return DocumentTooLargeError(
        f"{where} is larger than {size}, the most nato-rok reads; nothing was parsed",
        (Problem("$", f"the document is larger than {limit} bytes"),),
    )


def _remaining(stream: BinaryIO) -> int | None:
    """Return how many bytes are left in *stream* if it is a regular file, else None."""
    try:
        info = os.fstat(stream.fileno())
        if not stat.S_ISREG(info.st_mode):
            return None
        return info.st_size - stream.tell()
    except (AttributeError, OSError, ValueError):  # no descriptor (a test's stream), or no seek
        return None


def _read(stream: BinaryIO, where: str, limit: int) -> bytes:
    left = _remaining(stream)
    if left is not None and left > limit:
        raise _too_large(where, limit)  # nothing read: the size says enough
    data = stream.read(limit + 1)
    if len(data) > limit:
        raise _too_large(where, limit)
    return data


def read_file(name: str, *, limit: int = DEFAULT_MAX_SIZE) -> bytes:
    """Return the bytes of the file *name* (``-``: standard input), refusing big ones early.

    Raises:
        UnreadableError: The file cannot be opened or read; the message says why.
        DocumentTooLargeError: It holds more than *limit* bytes; nothing was parsed.

    """
    where = "standard input" if name == "-" else shown(name)
    try:
        if name == "-":
            stream = getattr(sys.stdin, "buffer", None)
            if stream is None:  # started with stdin closed (<&-)
                raise OSError(errno.EBADF, "it is closed")
            return _read(stream, where, limit)
        with open(name, "rb") as file:  # one open for fstat and read
            return _read(file, where, limit)
    except OSError as exc:
        reason = exc.strerror or type(exc).__name__
        raise UnreadableError(f"cannot read {where}: {reason}") from exc
