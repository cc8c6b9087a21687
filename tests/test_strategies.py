"""The public strategies generate what they promise."""

from __future__ import annotations

from hypothesis import given

import nato_rok
from nato_rok import Dataset, Span, strategies
from nato_rok.model import Participant


@given(strategies.documents(max_records=2))
def test_documents_are_valid_canonical_json(text: str) -> None:
    """documents() yields texts that loads() accepts and dumps() reproduces."""
    assert text == nato_rok.dumps(nato_rok.loads(text))


@given(strategies.spans(max_end=10))
def test_spans_stay_within_bounds(span: Span) -> None:
    """spans(max_end) never reaches past max_end."""
    assert 0 <= span.start < span.end <= 10


@given(strategies.ids())
def test_ids_are_slugs(value: str) -> None:
    """ids() are accepted as record ids."""
    assert (
        value
        == Participant(
            id=value,
            name="n",
            aliases=(),
            role="r",
            affiliation_id=value,
            mentions=(Span(start=0, end=1),),
            spans=(Span(start=0, end=1),),
        ).id
    )


@given(strategies.datasets())
def test_datasets_quote_their_spans(dataset: Dataset) -> None:
    """Every generated quote equals its span's text."""
    assert all(q.text == dataset.excerpt(q.span) for q in dataset.quotes)


def test_people_whose_names_collide_are_rejected() -> None:
    """The generator's filter spots two people whose names share a look-up key."""
    assert not strategies._distinct_keys([("Kim Kwan-jin",), ("Park", "kim kwan jin")])
    assert strategies._distinct_keys([("Kim Kwan-jin", "Kim Kwan Jin"), ("Park",)])
