"""The error hierarchy."""

from __future__ import annotations

import pytest

from nato_rok import exceptions
from nato_rok.exceptions import DatasetError, Problem


@pytest.mark.parametrize(
    ("error", "builtin"),
    [
        (exceptions.InvalidDocumentError, ValueError),
        (exceptions.MalformedJSONError, ValueError),
        (exceptions.DocumentTooLargeError, ValueError),
        (exceptions.SchemaError, ValueError),
        (exceptions.UnsupportedSchemaVersionError, ValueError),
        (exceptions.IntegrityError, ValueError),
        (exceptions.ChecksumMismatchError, ValueError),
        (exceptions.ChecksumMismatchError, exceptions.BrokenInstallError),
        (exceptions.BrokenInstallError, RuntimeError),
        (exceptions.SpanError, ValueError),
        (exceptions.UnknownVersionError, LookupError),
        (exceptions.RecordNotFoundError, LookupError),
        (exceptions.ExportTargetError, ValueError),
        (exceptions.MissingExtraError, ImportError),
        (exceptions.WrongRecordTypeError, LookupError),
    ],
)
def test_every_error_is_a_dataset_error_and_a_builtin(error: type, builtin: type) -> None:
    """Each concrete error derives from the root and from the builtin a caller catches."""
    assert issubclass(error, DatasetError)
    assert issubclass(error, builtin)


def test_message_lists_problems_and_keeps_them_as_data() -> None:
    """The message starts with the summary, then one line per problem."""
    problems = (Problem("$.a", "bad"), Problem("$.b[0]", "worse"))
    error = DatasetError("two things", problems)
    assert "two things\n  $.a: bad\n  $.b[0]: worse" == str(error)
    assert problems == error.problems
    assert "two things" == error.summary


def test_problem_reads_as_path_and_message() -> None:
    """A problem prints as 'path: message'."""
    assert "$.x: wrong" == str(Problem("$.x", "wrong"))


def test_all_is_sorted_and_complete() -> None:
    """__all__ names every public error, sorted."""
    public = sorted(
        name
        for name, value in vars(exceptions).items()
        if (isinstance(value, type) and issubclass(value, Exception)) or name == "Problem"
    )
    assert public == exceptions.__all__


def test_omitted_problems_are_counted_in_the_message() -> None:
    """Problems past those listed appear as a count, in the message and as data."""
    error = DatasetError("many things", (Problem("$.a", "bad"),), omitted=41)
    assert "many things\n  $.a: bad\n  ... and 41 more problem(s)" == str(error)
    assert 41 == error.omitted
    assert 0 == DatasetError("one").omitted
