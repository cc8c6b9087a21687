"""Every error nato-rok raises about data, rooted in :class:`DatasetError`.

Each concrete error also derives from the builtin a caller would naturally
catch (:class:`ValueError`, :class:`LookupError`), so generic handlers keep
working. Every error carries its problems as data in
:attr:`DatasetError.problems` and chains the exception that caused it.

.. versionadded:: 1.0.0
"""

from __future__ import annotations

from typing import NamedTuple

__all__ = [
    "AmbiguousNameError",
    "BrokenInstallError",
    "ChecksumMismatchError",
    "DatasetError",
    "DocumentTooLargeError",
    "ExportTargetError",
    "IntegrityError",
    "InvalidDocumentError",
    "MalformedJSONError",
    "MissingExtraError",
    "PredictionError",
    "PredictionFormatError",
    "Problem",
    "RecordNotFoundError",
    "SchemaError",
    "SpanError",
    "UnknownLabelError",
    "UnknownVersionError",
    "UnsupportedSchemaVersionError",
    "WrongRecordTypeError",
]


class Problem(NamedTuple):
    """One thing wrong with a document.

    Attributes:
        path: A JSONPath-like location such as ``$.quotes[3].span.start``
            (``$`` is the whole document).
        message: What is wrong there, in plain words.

    """

    path: str
    message: str

    def __str__(self) -> str:
        return f"{self.path}: {self.message}"


class DatasetError(Exception):
    """Root of every error about nato-rok data.

    Args:
        summary: One sentence saying what failed.
        problems: The individual problems, each with its JSON path.
        omitted: How many further problems were found but not listed.

    Attributes:
        summary: One sentence saying what failed.
        problems: The individual problems as :class:`~nato_rok.exceptions.Problem` tuples (may
            be empty when the error concerns no particular location). At most the
            first 100 problems of a document are listed.
        omitted: How many problems were found beyond those listed (0 for most
            errors); memory stays bounded however many a document holds.

    .. versionchanged:: 1.2.0
       The *omitted* count.

    """

    def __init__(
        self, summary: str, problems: tuple[Problem, ...] = (), *, omitted: int = 0
    ) -> None:
        self.summary = summary
        self.problems = problems
        self.omitted = omitted
        lines = [summary, *(f"  {problem}" for problem in problems)]
        if omitted:
            lines.append(f"  ... and {omitted} more problem(s)")
        super().__init__("\n".join(lines))


class InvalidDocumentError(DatasetError, ValueError):
    """A dataset document is not a valid document of a supported schema."""


class MalformedJSONError(InvalidDocumentError):
    """The input is not strict JSON.

    Bad syntax or UTF-8, duplicate keys, NaN or Infinity, numbers out of
    range, or nesting deeper than the parser allows.
    """


class DocumentTooLargeError(InvalidDocumentError):
    """The input is larger than the size limit; nothing was parsed."""


class SchemaError(InvalidDocumentError):
    """The JSON has the wrong shape.

    A wrong type, a missing or unknown key, or a value a record's own rules
    refuse.
    """


class UnsupportedSchemaVersionError(InvalidDocumentError):
    """The document declares a ``schema_version`` this library cannot read."""


class IntegrityError(InvalidDocumentError):
    """Records disagree with each other or with the source text.

    A span outside the text, a quotation that differs from its span, a
    duplicate id, a reference to an id that does not exist, or a name that
    two participants share.
    """


class BrokenInstallError(DatasetError, RuntimeError):
    """The installed package's own data is missing, unreadable or damaged.

    The message names the file and says to reinstall nato-rok; the error
    concerns the installation, never a user's document.

    .. versionadded:: 1.2.0
    """


class ChecksumMismatchError(BrokenInstallError, ValueError):
    """A bundled release file does not match the SHA-256 in the manifest.

    .. versionchanged:: 1.2.0
       Also a :class:`BrokenInstallError`.
    """


class UnknownVersionError(DatasetError, LookupError):
    """No bundled dataset release matches the requested version."""


class RecordNotFoundError(DatasetError, LookupError):
    """No record has the requested id or name.

    Args:
        summary: One sentence saying what failed.
        problems: The individual problems, each with its JSON path.
        suggestions: The closest ids or names the dataset has.

    Attributes:
        suggestions: The closest ids or names the dataset has, best first
            (empty when nothing is close); the message names the first few.

            .. versionadded:: 1.2.0

    """

    def __init__(
        self, summary: str, problems: tuple[Problem, ...] = (), *, suggestions: tuple[str, ...] = ()
    ) -> None:
        super().__init__(summary, problems)
        self.suggestions = suggestions


class AmbiguousNameError(RecordNotFoundError):
    """A name (a surname, say) belongs to more than one record.

    ``ds.find_participant("Kim")`` raises it when two participants are
    called Kim. Its ``suggestions`` (as a :class:`RecordNotFoundError`'s) hold
    the full name of every candidate,
    and the message lists them; a full name or an id picks one. As a
    :class:`RecordNotFoundError` it is also a :class:`LookupError`: no
    single record has that name.

    .. versionadded:: 1.2.0
    """


class SpanError(DatasetError, ValueError):
    """A span does not lie inside the source text."""


class ExportTargetError(DatasetError, ValueError):
    """An export will not write where it was asked to.

    The target is a symbolic link, a folder where a file goes (or the
    reverse), or a name the export would replace is taken by something that
    is not a regular file. Nothing was written.

    .. versionadded:: 1.2.0
    """


class MissingExtraError(DatasetError, ImportError):
    """An export needs an optional dependency that is not installed.

    The message names the extra to install, such as
    ``pip install 'nato-rok[arrow]'``.

    .. versionadded:: 1.2.0
    """


class WrongRecordTypeError(RecordNotFoundError):
    """A record has the requested id, but it is not of the requested type.

    ``ds.record("nato", Participant)`` raises it: ``nato`` is an
    organization. As a :class:`RecordNotFoundError` it is also a
    :class:`LookupError`: no record of the requested type has that id.

    .. versionadded:: 1.2.0
    """


class PredictionError(DatasetError, ValueError):
    """A prediction file given to :func:`nato_rok.score.score` cannot be scored.

    It is not JSON (or not CSV), a line has the wrong shape, a span lies
    outside the article or ends before it starts. The message and the
    problem's path name the file, the line and the field
    (``coder.jsonl:3: $.start``).

    .. versionadded:: 1.2.0
    """


class PredictionFormatError(PredictionError):
    """The format of a prediction file is unknown, or could be more than one.

    .. versionadded:: 1.2.0
    """


class UnknownLabelError(PredictionError, LookupError):
    """A prediction names a record id or a code that does not exist.

    An unknown record id, participant, CAMEO or PLOVER code; the message
    names the closest valid ones, as :attr:`suggestions` holds them.

    Args:
        summary: One sentence saying what failed.
        problems: The individual problems, each with its path.
        suggestions: The closest valid ids or codes, best first.

    Attributes:
        suggestions: The closest valid ids or codes, best first (empty when
            nothing is close).

    .. versionadded:: 1.2.0
    """

    def __init__(
        self, summary: str, problems: tuple[Problem, ...] = (), *, suggestions: tuple[str, ...] = ()
    ) -> None:
        super().__init__(summary, problems)
        self.suggestions = suggestions
