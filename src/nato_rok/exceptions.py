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
    "ChecksumMismatchError",
    "DatasetError",
    "DocumentTooLargeError",
    "IntegrityError",
    "InvalidDocumentError",
    "MalformedJSONError",
    "Problem",
    "RecordNotFoundError",
    "SchemaError",
    "SpanError",
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

    Attributes:
        summary: One sentence saying what failed.
        problems: The individual problems as :class:`~nato_rok.exceptions.Problem` tuples (may
            be empty when the error concerns no particular location).

    """

    def __init__(self, summary: str, problems: tuple[Problem, ...] = ()) -> None:
        self.summary = summary
        self.problems = problems
        lines = [summary, *(f"  {problem}" for problem in problems)]
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


class ChecksumMismatchError(DatasetError, ValueError):
    """A bundled release file does not match the SHA-256 in the manifest."""


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


class SpanError(DatasetError, ValueError):
    """A span does not lie inside the source text."""


class WrongRecordTypeError(RecordNotFoundError):
    """A record has the requested id, but it is not of the requested type.

    ``ds.record("nato", Participant)`` raises it: ``nato`` is an
    organization. As a :class:`RecordNotFoundError` it is also a
    :class:`LookupError`: no record of the requested type has that id.

    .. versionadded:: 1.2.0
    """
