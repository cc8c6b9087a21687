"""The one protocol every export format implements (see :mod:`nato_rok.export.formats`)."""

from __future__ import annotations

import importlib.util
from collections.abc import Callable, Iterable, Sequence
from pathlib import Path
from typing import Any

import attrs

from nato_rok.dataset import Dataset
from nato_rok.exceptions import MissingExtraError
from nato_rok.export._files import replacing, write_file, write_folder

__all__ = ["ExportOptions", "Format"]


@attrs.frozen(kw_only=True)
class ExportOptions:
    """Choices a user can make about an export.

    Attributes:
        excel_safe: Neutralise spreadsheet formulas in CSV cells: a cell
            that starts with ``=``, ``+``, ``-``, ``@``, a tab or a carriage
            return gets a leading ``'`` (as OWASP recommends), so Excel and
            LibreOffice show it as text. Only the ``csv`` and ``datapackage``
            formats take it; the cells then differ from the data.

    .. versionadded:: 1.2.0
    """

    excel_safe: bool = False


#: Makes the file content of a file format.
Dump = Callable[[Dataset, ExportOptions], "str | bytes"]
#: Makes the (name, content) files of a folder format, the descriptor last.
Files = Callable[[Dataset, ExportOptions], Iterable[tuple[str, "str | bytes"]]]
#: Writes a file format at a path of its own (a database engine, say).
WritePath = Callable[[Dataset, Path, ExportOptions], None]


@attrs.frozen(kw_only=True)
class Format:
    """An export format: what the registry, the CLI, ``--help`` and the docs know of it.

    A format writes a file (:attr:`dump`, or :attr:`write_path` where it
    needs a path of its own) or a folder (:attr:`files`); :meth:`write` puts
    either in place through the atomic writer.

    Attributes:
        name: The name ``nato-rok export --format`` takes.
        summary: One line for ``--help``: what it writes.
        writes: ``file`` or ``folder``.
        extra: The extra to install for it (``pip install "nato-rok[EXTRA]"``),
            or ``None``.
        requires: The modules that extra provides, checked before exporting.
        options: The :class:`ExportOptions` fields it honours.
        dump: Returns the file's content (text is written as UTF-8).
        files: Yields the folder's files as (name, content), the descriptor last.
        write_path: Writes the file at a fresh path it is given.
        sidecars: Suffixes of the files the engine of :attr:`write_path`
            keeps beside its file (DuckDB's write-ahead log, ``.wal``): an
            old one beside the target goes with the file it replaces.

    .. versionadded:: 1.2.0
    """

    name: str
    summary: str
    writes: str = attrs.field(validator=attrs.validators.in_(("file", "folder")))
    extra: str | None = None
    requires: tuple[str, ...] = ()
    options: tuple[str, ...] = ()
    dump: Dump | None = attrs.field(default=None, eq=False, repr=False)
    files: Files | None = attrs.field(default=None, eq=False, repr=False)
    write_path: WritePath | None = attrs.field(default=None, eq=False, repr=False)
    sidecars: tuple[str, ...] = ()

    @property
    def available(self) -> bool:
        """Whether every module the format requires can be imported."""
        return all(importlib.util.find_spec(module) is not None for module in self.requires)

    def require(self) -> None:
        """Check the format's extra is installed.

        Raises:
            MissingExtraError: It is not; the message says what to install.

        """
        if not self.available:
            missing = ", ".join(m for m in self.requires if importlib.util.find_spec(m) is None)
            raise MissingExtraError(
                f"the {self.name} export needs {missing}: pip install 'nato-rok[{self.extra}]'"
            )

    def content(self, dataset: Dataset, options: ExportOptions | None = None) -> str | bytes:
        """Return the content of a file format, as :meth:`write` would write it.

        Raises:
            MissingExtraError: The format's extra is not installed.
            TypeError: The format writes a folder, or only to a path.

        """
        self.require()
        if self.dump is None:
            raise TypeError(f"the {self.name} export is written to a path, not returned")
        return self.dump(dataset, options or ExportOptions())

    def write(
        self,
        dataset: Dataset,
        path: Path,
        options: ExportOptions | None = None,
        *,
        keep: Sequence[Path] = (),
    ) -> tuple[Path, ...]:
        """Write *dataset* at *path* atomically, a file or a folder; return the files written.

        Args:
            dataset: The dataset to export.
            path: The file, or the folder, to write.
            options: The user's choices (default: none).
            keep: Files the export must not replace, such as the document
                *dataset* was read from: a *path* (or a file of the export
                in the folder *path*) that is one of them, by any name (a
                link, ``..``, a hard link), is refused.

        Raises:
            MissingExtraError: The format's extra is not installed.
            ExportTargetError: *path* (or a name the export writes in it) is a
                symbolic link, of the wrong kind, or one of *keep*; nothing
                was replaced.
            OSError: Writing failed; the old files are untouched.

        """
        self.require()
        options = options or ExportOptions()
        if self.files is not None:
            return write_folder(path, self.files(dataset, options), keep=keep)
        if self.write_path is not None:
            with replacing(path, keep=keep, sidecars=self.sidecars) as fresh:
                self.write_path(dataset, fresh, options)
            return (path,)
        return (write_file(path, self.content(dataset, options), keep=keep),)


def dump_text(make: Callable[[Dataset], str]) -> Dump:
    """Adapt a function of the dataset alone to :attr:`Format.dump`."""

    def dump(dataset: Dataset, options: ExportOptions) -> str:
        return make(dataset)

    return dump


def dump_json(make: Callable[[Dataset], Any]) -> Dump:
    """Adapt a function returning plain JSON values to :attr:`Format.dump` (canonical JSON)."""
    from nato_rok import _json

    def dump(dataset: Dataset, options: ExportOptions) -> str:
        return _json.dump(make(dataset))

    return dump
