"""The public strategies generate what they promise."""

from __future__ import annotations

import re
from typing import Any

import attrs
import pytest
from hypothesis import given, settings, strategies as st

import nato_rok
from nato_rok import Dataset, Span, strategies
from nato_rok.model import Participant


@pytest.mark.slow
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
    """ids() are lower-case ASCII words joined by single hyphens, and records accept them."""
    assert re.fullmatch(r"[a-z0-9]+(-[a-z0-9]+)*", value)
    Participant(  # refused with ValueError if the model disagreed
        id=value,
        name="n",
        aliases=(),
        role="r",
        affiliation_id=value,
        mentions=(Span(start=0, end=1),),
        spans=(Span(start=0, end=1),),
    )


@pytest.mark.slow
@given(strategies.datasets())
def test_datasets_quote_their_spans(dataset: Dataset) -> None:
    """Every generated quote equals its span's text."""
    assert all(q.text == dataset.excerpt(q.span) for q in dataset.quotes)


def test_people_whose_names_collide_are_rejected() -> None:
    """The generator's filter spots two people whose names share a look-up key."""
    assert not strategies._distinct_keys([("Kim Kwan-jin",), ("Park", "kim kwan jin")])
    assert strategies._distinct_keys([("Kim Kwan-jin", "Kim Kwan Jin"), ("Park",)])


@given(strategies.records())
def test_records_draws_only_records_with_an_id(record: Any) -> None:
    """records() gives a Record (what Dataset.records() holds), never the source or a value."""
    assert isinstance(record, nato_rok.Record)
    assert record.id


@pytest.mark.parametrize(
    ("strategy", "cls"),
    [
        (strategies.sources, nato_rok.Source),
        (strategies.organizations, nato_rok.Organization),
        (strategies.participants, nato_rok.Participant),
        (strategies.visits, nato_rok.Visit),
        (strategies.meetings, nato_rok.Meeting),
        (strategies.quotes, nato_rok.Quote),
        (strategies.cooperation_areas, nato_rok.CooperationArea),
        (strategies.positions, nato_rok.Position),
        (strategies.references, nato_rok.Reference),
        (strategies.external_names, nato_rok.ExternalName),
        (strategies.actor_codes, nato_rok.ActorCode),
        (strategies.date_ranges, nato_rok.DateRange),
        (strategies.cameo_codings, nato_rok.CameoCoding),
        (strategies.plover_codings, nato_rok.PloverCoding),
        (strategies.events, nato_rok.Event),
        (strategies.statements, nato_rok.Statement),
        (strategies.entities, nato_rok.Entity),
    ],
)
def test_every_record_type_has_a_strategy(strategy: Any, cls: type) -> None:
    """Each public strategy builds records of its type, which their own rules accept."""

    @settings(max_examples=20)
    @given(strategy())
    def check(record: Any) -> None:
        assert record == attrs.evolve(record)  # re-running every validator
        assert isinstance(record, cls)

    check()


@pytest.mark.slow
@given(strategies.datasets(max_records=2, schema_versions=(3,)))
def test_schema_3_datasets_hold_statements_and_entities(dataset: Dataset) -> None:
    """Schema 3 datasets state every quotation and load back unchanged."""
    assert 3 == dataset.schema_version
    assert len(dataset.quotes[:2]) == len(dataset.statements)
    assert dataset == nato_rok.loads(nato_rok.dumps(dataset))


@settings(max_examples=20)
@given(strategies.datasets(max_records=2, schema_versions=(1, 2)))
def test_datasets_keep_to_the_schema_versions_asked_for(dataset: Dataset) -> None:
    """datasets(schema_versions=...) never generates a dataset of a schema left out."""
    assert dataset.schema_version in {1, 2}


@given(st.lists(strategies.texts(), max_size=5), st.data())
def test_a_draft_spans_each_piece_put_in_it(pieces: list[str], data: st.DataObject) -> None:
    """The text a draft assembles holds each piece at the span put() returned for it."""
    draft = strategies._Draft([])
    spans = [draft.put(data.draw, piece) for piece in pieces]
    text = draft.text()
    assert pieces == [text[span.start : span.end] for span in spans]
