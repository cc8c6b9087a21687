"""The one way nato-rok writes files: atomically, and only its own.

Every export that writes goes through here:

- :func:`write_file` writes one file. The bytes go to a file in a private
  temporary folder beside the target, are flushed and fsynced, and the file
  is then moved over the target with :func:`os.replace`, so a reader sees the
  old file or the new one, never a part. :func:`replacing` does the same for
  writers that need a path of their own (a database engine, say, whose
  journal beside its file stays in the temporary folder too).
- :func:`write_folder` writes a folder of files (the CSV tables and their
  descriptor). Every file is first written into a temporary folder; a new
  folder is then renamed into place whole (the temporary folder is its
  sibling), and an existing one (a mount point too) receives the files one
  by one with :func:`os.replace` from a temporary folder inside it, in the
  order given, so a descriptor given last never lists a table that is
  missing or empty. A name may be a relative path (``data/quotes.parquet``,
  the Hugging Face layout): the subfolders are made as needed, and none is
  entered through a link.

Temporary names are short and of fixed length (``.nato-rok-tmp-`` or
``.nato-rok-new-`` and 16 hex digits), so any legal target name, up to the
file system's 255 bytes, works.

A failure at any point (a full disk, an exception half-way, a signal the
command line turns into an exception) leaves the old files as they were and
nothing behind: no temporary file or folder, and no parent folder that this
call created. Nothing is written through a symbolic link, and the only files
replaced are the target itself (a single-file export) or files of the
export's own names inside the target folder (or its subfolders); anything
else there is left alone, a file an earlier export wrote that this one no
longer writes included. A symbolic link or a folder where a file would go, or a target that is
one of the files to *keep* (the export's own input, by any name: a link, a
path through ``..``, a hard link), is refused with
:class:`~nato_rok.exceptions.ExportTargetError` before anything is replaced.
"""

from __future__ import annotations

import contextlib
import errno
import os
import secrets
import shutil
import stat
from collections.abc import Iterable, Iterator, Sequence
from pathlib import Path

from nato_rok.exceptions import ExportTargetError

__all__ = ["replacing", "write_file", "write_folder"]

_FLAGS = os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_NOFOLLOW", 0)


def _temporary_name(folder: Path, kind: str) -> Path:
    # A dot-name in the folder of the target (or in the target folder): on the
    # same file system, so the final rename is atomic, and hidden from a plain
    # `ls` while it exists. Short and of fixed length, not the target's name
    # plus a suffix, which could pass the 255-byte limit of a name. 64 random
    # bits: no other run picks the same name, so what is there is this run's.
    return folder / f".nato-rok-{kind}-{secrets.token_hex(8)}"


def _identity(path: Path) -> tuple[int, int] | None:
    """Return the (device, inode) of what *path* leads to, links followed; None if nothing."""
    try:
        info = os.stat(path)
    except (OSError, ValueError):  # nothing there, or a name no file can have
        return None
    return info.st_dev, info.st_ino


def _check_kept(target: Path, keep: Sequence[Path]) -> None:
    """Refuse a *target* that is one of the files to *keep*, by whatever name it is reached."""
    if not keep:
        return
    found = _identity(target)
    for path in keep:
        if found is not None and _identity(path) == found:
            raise ExportTargetError(
                f"{target} is {path}, the export's own input; an export never replaces its "
                "input: write the export elsewhere"
            )


def _check_file(target: Path) -> bool:
    """Refuse a target that exists and is not a regular file; return whether it exists.

    A link, a folder, a device, a FIFO are refused.
    """
    try:
        mode = target.lstat().st_mode
    except FileNotFoundError:
        return False
    except OSError as exc:
        if exc.errno == errno.ENAMETOOLONG:  # a name no file can have: nothing is there
            return False
        raise
    if stat.S_ISLNK(mode):
        raise ExportTargetError(
            f"{target} is a symbolic link; nato-rok writes no file through a link: "
            "remove it or choose another path"
        )
    if stat.S_ISDIR(mode):
        raise ExportTargetError(f"{target} is a folder; this export writes a file")
    if not stat.S_ISREG(mode):
        raise ExportTargetError(f"{target} is not a regular file; nato-rok replaces only files")
    return True


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


def _sidecar(target: Path, suffix: str) -> Path:
    return target.with_name(target.name + suffix)


@contextlib.contextmanager
def replacing(
    target: Path, *, keep: Sequence[Path] = (), sidecars: tuple[str, ...] = ()
) -> Iterator[Path]:
    """Yield a fresh path beside *target*; on success, move what was written there over it.

    The caller creates the file at the yielded path (it does not exist yet),
    in a private temporary folder beside *target* that may receive other
    files too (a database's journal). When the ``with`` block ends normally
    the file is fsynced and moved over *target*; when it raises, *target* is
    untouched. Either way the temporary folder is removed.

    Args:
        target: The file to write.
        keep: Files that must survive (the export's input): a *target* that
            is one of them, by any name, is refused.
        sidecars: Suffixes of files that belong to *target* (DuckDB's
            ``.wal``): an old one beside *target* goes with the old file, so
            that the new file is never read with it.

    Raises:
        ExportTargetError: *target* (or a sidecar) is a symbolic link, a
            folder or not a regular file, or *target* is one of *keep*.
        OSError: The file could not be written or moved (*target* is then
            untouched).

    """
    _check_kept(target, keep)
    _check_file(target)
    present = [suffix for suffix in sidecars if _check_file(_sidecar(target, suffix))]
    workspace = _temporary_name(target.parent, "tmp")
    fresh = workspace / "export"
    # What is done is read from the files, not from variables set after each
    # step: an exception (a signal) may come between a step and its record.
    try:
        os.mkdir(workspace, 0o700)
        yield fresh
        with open(fresh, "rb+") as stream:
            os.fsync(stream.fileno())
        for suffix in present:
            # Moved aside, not deleted, until the new file is in place: a
            # failure before then puts it back beside the old file it serves.
            with contextlib.suppress(FileNotFoundError):
                os.rename(_sidecar(target, suffix), workspace / f"old{suffix}")
        os.replace(fresh, target)
        _remove(workspace)
    except BaseException:
        if os.path.lexists(fresh):  # not moved into place: the old file stays, with its sidecars
            for suffix in present:
                with contextlib.suppress(OSError):
                    os.rename(workspace / f"old{suffix}", _sidecar(target, suffix))
        _remove(workspace)
        raise
    _fsync_folder(target.parent)


def write_file(target: Path, content: str | bytes, *, keep: Sequence[Path] = ()) -> Path:
    """Write *content* (text as UTF-8) to *target* atomically and return *target*.

    The folder of *target* must exist. A failure leaves *target* as it was.

    Raises:
        ExportTargetError: *target* is a symbolic link, a folder or not a
            regular file, or one of the files to *keep*.
        OSError: The file could not be written (*target* is then untouched).

    """
    data = content.encode("utf-8") if isinstance(content, str) else content
    with replacing(target, keep=keep) as temporary:
        _write_new(temporary, data)
    return target


def _check_name(name: str) -> tuple[str, ...]:
    """Return the parts of *name*, a relative ``/``-separated path of plain names.

    No part may be empty (an absolute path, ``a//b``, ``a/``), begin with a
    dot (``..``, ``.``, a hidden name) or hold a backslash or a NUL.
    """
    parts = tuple(name.split("/"))
    for part in parts:
        if not part or part.startswith(".") or "\\" in part or "\x00" in part:
            raise ValueError(f"not a plain file name: {name!r}")
    return parts


def _check_subfolders(target: Path, parts: tuple[str, ...]) -> bool:
    """Refuse a link or a non-folder on the way from *target* to a file; return whether all exist.

    *parts* are the file's name in parts; the folders between *target* and
    the file are checked from the top, so that none is reached through a link.
    """
    folder = target
    for part in parts[:-1]:
        folder /= part
        try:
            mode = folder.lstat().st_mode
        except FileNotFoundError:
            return False
        if stat.S_ISLNK(mode):
            raise ExportTargetError(
                f"{folder} is a symbolic link; nato-rok writes no file through a link: "
                "remove it or choose another folder"
            )
        if not stat.S_ISDIR(mode):
            raise ExportTargetError(
                f"{folder} exists and is not a folder; the export puts files in it"
            )
    return True


def _check_folder(target: Path, names: tuple[str, ...], keep: Sequence[Path] = ()) -> bool:
    """Refuse a folder target nato-rok may not fill; return whether it exists."""
    _check_kept(target, keep)
    try:
        mode = target.lstat().st_mode
    except FileNotFoundError:
        if target.name in ("", ".."):  # `new/..`: no folder can be made under that name
            raise ExportTargetError(f"{target} does not name a folder that can be made") from None
        return False
    if stat.S_ISLNK(mode):
        raise ExportTargetError(
            f"{target} is a symbolic link; nato-rok writes no folder through a link"
        )
    if not stat.S_ISDIR(mode):
        raise ExportTargetError(f"{target} exists and is not a folder; this export writes a folder")
    for name in names:
        if _check_subfolders(target, _check_name(name)):
            _check_kept(target / name, keep)
            _check_file(target / name)
    return True


def _make_parents(folder: Path, made: list[Path]) -> None:
    """Make *folder* and its missing parents; list in *made* each one this call made."""
    missing: list[Path] = []
    while not os.path.lexists(folder) and folder.parent != folder:
        missing.append(folder)
        folder = folder.parent
    for path in reversed(missing):
        made.append(path)  # listed first: a signal may come the moment it exists
        try:
            os.mkdir(path)
        except FileExistsError:  # made meanwhile by someone else: not this run's to remove
            made.pop()


def write_folder(
    target: Path, files: Iterable[tuple[str, str | bytes]], *, keep: Sequence[Path] = ()
) -> tuple[Path, ...]:
    """Write *files*, (name, content) pairs, into the folder *target*.

    The contents are produced and written one at a time into a temporary
    folder, so an exception raised while producing one leaves *target* as it
    was. A new *target* (and any missing parent) is then created by renaming
    that folder, its sibling, all at once; into an existing one (a mount
    point, say) each file is moved with :func:`os.replace` from a temporary
    folder inside it, in the order given (give a descriptor last): each file
    is whole, old or new, but a process killed between two moves leaves some
    tables new and the descriptor old. Files of *target* whose names are not
    among *files* are left alone (a stale ``data/old.parquet`` too). A
    failure removes the temporary folder and every folder this call made
    that is still empty: a missing parent of *target*, or a missing
    subfolder of an existing *target*.

    A name is a relative path of plain names separated by ``/``
    (``data/quotes.parquet``), to any depth: no part empty (so no absolute
    path), none beginning with a dot (so no ``..``, ``.`` or hidden name),
    none holding a backslash or a NUL. A subfolder missing in *target* is
    made when its first file moves in; one that exists must be a real
    folder, not a link to one.

    Args:
        target: The folder to write into (made if missing).
        files: The (name, content) pairs; text is written as UTF-8.
        keep: Files that must survive (the export's input): an export
            that would replace one of them, by any name, is refused.

    Returns:
        The paths written, in the order given.

    Raises:
        ExportTargetError: *target* is a symbolic link or not a folder, or
            one of the names is taken there by a link, a folder or another
            non-regular file, or by one of the files to *keep*, or one of
            its subfolders is a link or not a folder.
        ValueError: A name is not a relative path of plain names, is given
            twice, or is both a file and a folder of the export.
        OSError: A file could not be written (*target* is then untouched).

    """
    # Fail fast on a link or a file; the names are checked once they are known.
    existed = _check_folder(target, (), keep)
    staging = _temporary_name(target if existed else target.parent, "new")
    made: list[Path] = []
    try:
        if not existed:
            _make_parents(target.parent, made)
        os.mkdir(staging)
        names: list[str] = []
        folders: set[str] = set()  # the subfolders the names go in, as names
        for name, content in files:
            parts = _check_name(name)
            if name in names:
                raise ValueError(f"{name!r} is given twice")
            above = {"/".join(parts[:end]) for end in range(1, len(parts))}
            if name in folders or not above.isdisjoint(names):
                raise ValueError(f"{name!r} is both a file and a folder of the export")
            names.append(name)
            folders |= above
            path = staging / name
            path.parent.mkdir(parents=True, exist_ok=True)
            _write_new(path, content.encode("utf-8") if isinstance(content, str) else content)
        for subfolder in sorted(folders, reverse=True):  # the deepest first, staging last
            _fsync_folder(staging / subfolder)
        _fsync_folder(staging)
        if _check_folder(target, tuple(names), keep):
            for name in names:
                # A missing subfolder is made when its first file moves in; listed
                # in *made*, it goes again on a failure if nothing moved in yet.
                _make_parents((target / name).parent, made)
                os.replace(staging / name, target / name)
            _remove(staging)
        else:
            os.rename(staging, target)
    except BaseException:
        _remove(staging)
        for folder in reversed(made):  # only the empty ones: a folder that was filled stays
            with contextlib.suppress(OSError):
                os.rmdir(folder)
        raise
    for subfolder in sorted(folders, reverse=True):
        _fsync_folder(target / subfolder)
    _fsync_folder(target)
    _fsync_folder(target.parent)
    return tuple(target / name for name in names)
