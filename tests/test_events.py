"""Events keep their dates, references and codings consistent."""

from __future__ import annotations

import datetime
from typing import Any

import pytest
from hypothesis import given

from nato_rok import CameoCoding, DateBasis, Event, PloverCoding, Span, strategies

DAY = datetime.date(2013, 4, 12)


def _event(**changes: Any) -> Event:
    values: dict[str, Any] = {
        "id": "e",
        "parent_id": None,
        "label": "l",
        "actor_ids": ("a",),
        "recipient_ids": (),
        "date": DAY,
        "end_date": None,
        "date_basis": DateBasis.STORY,
        "date_reference_id": None,
        "historical": False,
        "cameo": CameoCoding(code="040", name="n", goldstein=None, alternatives=()),
        "plover": PloverCoding(event="CONSULT", mode=None, contexts=()),
        "note": None,
        "spans": (Span(start=0, end=1),),
    }
    values.update(changes)
    return Event(**values)


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"date": None}, "date must be null exactly when date_basis is 'unknown'"),
        ({"date_basis": DateBasis.UNKNOWN}, "date must be null exactly when"),
        (
            {"end_date": DAY - datetime.timedelta(days=1)},
            "end_date needs a date and must not be before it",
        ),
        ({"date": None, "date_basis": DateBasis.UNKNOWN, "end_date": DAY}, "end_date needs a date"),
        ({"date_basis": DateBasis.EXTERNAL}, "date_reference_id must be given exactly when"),
        ({"date_reference_id": "ref"}, "date_reference_id must be given exactly when"),
        ({"cameo": None}, "needs a note saying why"),
        ({"plover": None}, "needs a note saying why"),
        ({"parent_id": "e"}, "an event cannot be its own parent"),
        ({"actor_ids": ()}, "actor_ids must hold at least one item"),
        (
            {"actor_ids": ("a", "b"), "recipient_ids": ("c", "b")},
            "cannot name one party among both its actors and its recipients",
        ),
    ],
)
def test_inconsistent_events_are_refused(changes: dict[str, Any], message: str) -> None:
    """Dates, their basis and reference, and missing codings must agree."""
    with pytest.raises(ValueError, match=message):
        _event(**changes)


def test_an_uncoded_event_with_a_note_is_fine() -> None:
    """Leaving an event uncoded is allowed when the note says why."""
    assert "why" == _event(cameo=None, plover=None, note="why").note


@given(strategies.events())
def test_generated_events_are_consistent(event: Event) -> None:
    """The events() strategy only builds events their own rules accept."""
    assert (event.date is None) == (event.date_basis is DateBasis.UNKNOWN)
    assert event.note is not None or (event.cameo and event.plover)
