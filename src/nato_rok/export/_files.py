"""The one way nato-rok writes files: atomically, and only its own.

Every export that writes goes through here:

- :func:`write_file` writes one file. The bytes go to a temporary file in the
  target's folder, are flushed and fsynced, and the temporary file is then
  moved over the target with :func:`os.replace`, so a reader sees the old file
  or the new one, never a part. :func:`replacing` does the same for writers
  that need a path of their own (a database engine, say).
- :func:`write_folder` writes a folder of files (the CSV tables and their
  descriptor). Every file is first written into a temporary sibling folder;
  a new folder is then renamed into place whole, and an existing one
  receives the files one by one with :func:`os.replace`, in the order given,
  so a descriptor given last never lists a table that is missing or empty.

A failure at any point (a full disk, an exception half-way, a signal) leaves
the old files as they were and no temporary file behind. Nothing is written
through a symbolic link, and the only files replaced are the target itself
(a single-file export) or files of the export's own names inside the target
folder; anything else there is left alone, and a symbolic link or a folder
where a file would go is refused with
:class:`~nato_rok.exceptions.ExportTargetError` before anything is written.
"""

from __future__ import annotations

import contextlib
import os
import secrets
import shutil
import stat
from collections.abc import Iterable, Iterator
from pathlib import Path

from nato_rok.exceptions import ExportTargetError

__all__ = ["replacing", "write_file", "write_folder"]

_FLAGS = os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_NOFOLLOW", 0)


def _temporary_name(target: Path, kind: str) -> Path:
    # A dot-name beside the target: on the same file system, so the final
    # rename is atomic, and hidden from a plain `ls` while it exists.
    return target.with_name(f".{target.name}.{kind}-{secrets.token_hex(6)}")


def _check_file(target: Path) -> None:
    """Refuse a target that exists and is not a regular file (a link, a folder, a device)."""
    try:
        mode = target.lstat().st_mode
    except FileNotFoundError:
        return
    if stat.S_ISLNK(mode):
        raise ExportTargetError(
            f"{target} is a symbolic link; nato-rok writes no file through a link: "
            "remove it or choose another path"
        )
    if stat.S_ISDIR(mode):
        raise ExportTargetError(f"{target} is a folder; this export writes a file")
    if not stat.S_ISREG(mode):
        raise ExportTargetError(f"{target} is not a regular file; nato-rok replaces only files")


def _fsync_folder(folder: Path) -> None:
    # Makes the rename itself durable; some file systems refuse to open a
    # folder for this, which costs durability, not correctness.
    with contextlib.suppress(OSError):
        descriptor = os.open(folder, os.O_RDONLY)
        try:
            os.fsync(descriptor)
        finally:
            os.close(descriptor)


def _write_new(path: Path, content: bytes) -> None:
    """Create *path* (which must not exist), write *content* and fsync it."""
    descriptor = os.open(path, _FLAGS, 0o666)  # the umask applies, as for open()
    try:
        view = memoryview(content)
        while view:
            view = view[os.write(descriptor, view) :]
        os.fsync(descriptor)
    finally:
        os.close(descriptor)


def _remove(path: Path) -> None:
    with contextlib.suppress(FileNotFoundError):
        if path.is_dir() and not path.is_symlink():
            shutil.rmtree(path)
        else:
            path.unlink()


@contextlib.contextmanager
def replacing(target: Path) -> Iterator[Path]:
    """Yield a fresh path beside *target*; on success, move what was written there over it.

    The caller creates the file at the yielded path (it does not exist yet).
    When the ``with`` block ends normally the file is fsynced and moved over
    *target*; when it raises, the file is removed and *target* is untouched.

    Raises:
        ExportTargetError: *target* is a symbolic link, a folder or not a
            regular file.
        OSError: The file could not be written or moved (*target* is then
            untouched).

    """
    _check_file(target)
    temporary = _temporary_name(target, "tmp")
    try:
        yield temporary
        with open(temporary, "rb+") as stream:
            os.fsync(stream.fileno())
        os.replace(temporary, target)
    except BaseException:
        _remove(temporary)
        raise
    _fsync_folder(target.parent)


def write_file(target: Path, content: str | bytes) -> Path:
    """Write *content* (text as UTF-8) to *target* atomically and return *target*.

    The folder of *target* must exist. A failure leaves *target* as it was.

    Raises:
        ExportTargetError: *target* is a symbolic link, a folder or not a
            regular file.
        OSError: The file could not be written (*target* is then untouched).

    """
    data = content.encode("utf-8") if isinstance(content, str) else content
    with replacing(target) as temporary:
        _write_new(temporary, data)
    return target


def _check_name(name: str) -> None:
    if not name or name.startswith(".") or "/" in name or "\\" in name or "\x00" in name:
        raise ValueError(f"not a plain file name: {name!r}")


def _check_folder(target: Path, names: tuple[str, ...]) -> bool:
    """Refuse a folder target nato-rok may not fill; return whether it exists."""
    try:
        mode = target.lstat().st_mode
    except FileNotFoundError:
        return False
    if stat.S_ISLNK(mode):
        raise ExportTargetError(
            f"{target} is a symbolic link; nato-rok writes no folder through a link"
        )
    if not stat.S_ISDIR(mode):
        raise ExportTargetError(f"{target} exists and is not a folder; this export writes a folder")
    for name in names:
        _check_file(target / name)
    return True


def write_folder(target: Path, files: Iterable[tuple[str, str | bytes]]) -> tuple[Path, ...]:
    """Write *files*, (name, content) pairs, into the folder *target*.

    The contents are produced and written one at a time into a temporary
    sibling folder, so an exception raised while producing one leaves
    *target* as it was. A new *target* (and any missing parent) is then
    created by renaming that folder, all at once; into an existing one each
    file is moved with :func:`os.replace` in the order given (give a
    descriptor last): each file is whole, old or new, but a process killed
    between two moves leaves some tables new and the descriptor old.
    Files of *target* whose names are not among *files* are left alone.

    Returns:
        The paths written, in the order given.

    Raises:
        ExportTargetError: *target* is a symbolic link or not a folder, or
            one of the names is taken there by a link, a folder or another
            non-regular file.
        ValueError: A name is not a plain file name, or is given twice.
        OSError: A file could not be written (*target* is then untouched).

    """
    _check_folder(target, ())  # fail fast on a link or a file; the names are checked below
    target.parent.mkdir(parents=True, exist_ok=True)
    staging = _temporary_name(target, "new")
    staging.mkdir()
    try:
        names: list[str] = []
        for name, content in files:
            _check_name(name)
            if name in names:
                raise ValueError(f"{name!r} is given twice")
            names.append(name)
            _write_new(
                staging / name, content.encode("utf-8") if isinstance(content, str) else content
            )
        _fsync_folder(staging)
        if _check_folder(target, tuple(names)):
            for name in names:
                os.replace(staging / name, target / name)
            staging.rmdir()
        else:
            os.rename(staging, target)
    except BaseException:
        _remove(staging)
        raise
    _fsync_folder(target)
    _fsync_folder(target.parent)
    return tuple(target / name for name in names)
