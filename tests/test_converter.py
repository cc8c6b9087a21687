"""The strict converter: no coercion, and every problem located by path."""

from __future__ import annotations

import datetime
from typing import Any

import pytest
from hypothesis import given

from nato_rok import Dataset, Span, strategies
from nato_rok._converter import converter, problems_of
from nato_rok.exceptions import Problem
from nato_rok.model import Meeting, Source


def _structure_problems(value: Any, cls: type) -> list[Problem]:
    with pytest.raises(Exception) as caught:  # noqa: PT011  # any cattrs error; problems_of reads it
        converter().structure(value, cls)
    return problems_of(caught.value)


@pytest.mark.parametrize(
    ("start", "message"),
    [
        (1.0, "expected integer, got number"),
        (12.7, "expected integer, got number"),
        ("1", "expected integer, got string"),
        (True, "expected integer, got boolean"),
        (None, "expected integer, got null"),
        ([1], "expected integer, got array"),
    ],
)
def test_ints_are_never_coerced(start: Any, message: str) -> None:
    """A float, string, bool, null or array where an int belongs is refused."""
    assert [Problem("$.start", message)] == _structure_problems({"start": start, "end": 5}, Span)


def _meeting(**changes: Any) -> dict[str, Any]:
    value: dict[str, Any] = {
        "id": "m",
        "visit_id": "v",
        "kind": "talks",
        "attested": "held",
        "participant_ids": ["a"],
        "unnamed_participants": None,
        "spans": [{"start": 0, "end": 1}],
    }
    value.update(changes)
    return value


@pytest.mark.parametrize(
    ("changes", "expected"),
    [
        ({"id": 7}, [Problem("$.id", "expected string, got integer")]),
        ({"id": None}, [Problem("$.id", "expected string, got null")]),
        ({"participant_ids": "a"}, [Problem("$.participant_ids", "expected array, got string")]),
        (
            {"participant_ids": {"a": 1}},
            [Problem("$.participant_ids", "expected array, got object")],
        ),
        (
            {"participant_ids": ["a", 2]},
            [Problem("$.participant_ids[1]", "expected string, got integer")],
        ),
        ({"kind": "chat"}, [Problem("$.kind", "expected one of 'talks', 'meeting', got 'chat'")]),
        ({"kind": 0}, [Problem("$.kind", "expected string, got integer")]),
        (
            {"unnamed_participants": 3},
            [Problem("$.unnamed_participants", "expected string, got integer")],
        ),
        ({"spans": [[0, 1]]}, [Problem("$.spans[0]", "expected object, got array")]),
        (
            {"spans": [{"start": 2, "end": 1}]},
            [Problem("$.spans[0]", "end (1) must be greater than start (2)")],
        ),
        ({"spans": []}, [Problem("$", "spans must hold at least one item")]),
        ({"extra": 1, "more": 2}, [Problem("$", "unknown key(s) 'extra', 'more'")]),
    ],
)
def test_wrong_values_are_refused_at_their_path(
    changes: dict[str, Any], expected: list[Problem]
) -> None:
    """Wrong types, values, unknown keys and broken invariants name their path."""
    assert expected == _structure_problems(_meeting(**changes), Meeting)


def test_missing_keys_are_named() -> None:
    """Each missing key is its own problem."""
    value = _meeting()
    del value["id"], value["kind"]
    assert sorted(
        [Problem("$.id", "required key is missing"), Problem("$.kind", "required key is missing")]
    ) == sorted(_structure_problems(value, Meeting))


@pytest.mark.parametrize(
    ("published", "message"),
    [
        ("2013-04-12T00:00:00", "expected a date as YYYY-MM-DD, got '2013-04-12T00:00:00'"),
        ("20130412", "expected a date as YYYY-MM-DD, got '20130412'"),
        ("2013-02-30", "no such date: '2013-02-30'"),
        (20130412, "expected date string YYYY-MM-DD, got integer"),
    ],
)
def test_dates_must_be_canonical_iso_dates(published: Any, message: str) -> None:
    """Only YYYY-MM-DD is a date: other ISO forms would not round-trip."""
    value = {
        "id": "s",
        "title": "t",
        "publisher": "p",
        "published": published,
        "url": "u",
        "language": "en",
        "text": "t",
        "spans": [{"start": 0, "end": 1}],
    }
    assert [Problem("$.published", message)] == _structure_problems(value, Source)


def test_dates_unstructure_to_iso() -> None:
    """A date becomes YYYY-MM-DD."""
    assert "2013-04-12" == converter().unstructure(datetime.date(2013, 4, 12))


def test_unknown_exception_types_are_still_described() -> None:
    """An error of an unexpected type still yields a readable problem."""
    assert [Problem("$", "ZeroDivisionError: boom")] == problems_of(ZeroDivisionError("boom"))


@pytest.mark.slow
@given(strategies.datasets())
def test_unstructure_then_structure_is_identity(dataset: Dataset) -> None:
    """Every valid dataset survives the converter both ways unchanged."""
    conv = converter()
    assert dataset == conv.structure(conv.unstructure(dataset), Dataset)
