"""Did you mean: prefix and word matches first, then similar texts."""

from __future__ import annotations

import pytest
from hypothesis import assume, given, strategies as st

from nato_rok import strategies
from nato_rok._suggest import did_you_mean, refusal, suggestions
from nato_rok.exceptions import RecordNotFoundError, WrongRecordTypeError

IDS = ["park-geun-hye", "talks-park-geun-hye", "event-visit", "event-visit-hosted", "nato"]


def _ids(*ids: str) -> list[tuple[str, str]]:
    return [(i, i) for i in ids]


@pytest.mark.parametrize(
    ("wanted", "expected"),
    [
        ("park", ("park-geun-hye", "talks-park-geun-hye")),
        ("PARK GEUN", ("park-geun-hye", "talks-park-geun-hye")),
        ("evnt-visit", ("event-visit", "event-visit-hosted")),
        ("natp", ("nato",)),
        ("zzz", ()),
        ("", ()),
        (" - ", ()),
        (12, ()),
        (None, ()),
    ],
)
def test_suggestions_for_ids(wanted: object, expected: tuple[str, ...]) -> None:
    """Prefixes first, then shared words (most similar first), then similar ids."""
    assert expected == suggestions(wanted, _ids(*IDS))


def test_a_matching_alias_offers_the_name() -> None:
    """The text matched and the suggestion offered may differ; offers are not repeated."""
    choices = [("Park Geun-hye", "Park Geun-hye"), ("Park Guen-hye", "Park Geun-hye")]
    assert ("Park Geun-hye",) == suggestions("park g", choices)


@pytest.mark.parametrize(
    ("found", "expected"),
    [
        ((), ""),
        (("a",), "; did you mean 'a'?"),
        (("a", "b"), "; did you mean 'a' or 'b'?"),
        (("a", "b", "c"), "; did you mean 'a', 'b' or 'c'?"),
        (("a", "b", "c", "d"), "; did you mean 'a', 'b', 'c' or one more?"),
        (("a", "b", "c", "d", "e"), "; did you mean 'a', 'b', 'c' or one of 2 more?"),
    ],
)
def test_did_you_mean_names_three_and_counts_the_rest(
    found: tuple[str, ...], expected: str
) -> None:
    """The message names at most three suggestions and counts the others."""
    assert expected == did_you_mean(found)


def test_refusal_keeps_every_suggestion() -> None:
    """The error's message suggests; its suggestions attribute holds them all."""
    error = refusal("no record has the id 'e'", "eve", _ids(*IDS), WrongRecordTypeError)
    assert isinstance(error, WrongRecordTypeError)
    assert ("event-visit", "event-visit-hosted") == error.suggestions
    assert "no record has the id 'e'; did you mean 'event-visit' or 'event-visit-hosted'?" == str(
        error
    )
    assert () == RecordNotFoundError("plain").suggestions


@given(st.lists(strategies.ids(), min_size=1, unique=True), st.data())
def test_a_prefix_suggests_the_id(ids: list[str], data: st.DataObject) -> None:
    """A proper prefix of an id (3 characters or more) has that id among its suggestions."""
    target = data.draw(st.sampled_from(ids))
    assume(len(target) > 3)
    prefix = target[: data.draw(st.integers(3, len(target) - 1))]
    assert target in suggestions(prefix, _ids(*ids))
